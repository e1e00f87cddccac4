// Quantization-aware training of the Model Lab's MLP (see modelquant.h).
//
// Forward: Ŵ = fake_quant(W) every step, Ã = fake_quant(A) at every layer
// input; backward: the straight-through estimator (Bengio et al. 2013, as used
// by Jacob et al. 2018 §3): ∂L/∂W = ∂L/∂Ŵ · 1[W inside its clip range],
// ∂L/∂A = ∂L/∂Ã · 1[A inside the activation range]. The masks come from
// makeQuantHooks; mlp.cpp applies them.
#include "model/modelquant.h"

namespace qs {

QatConfig::QatConfig()
{
    fit.epochs = 5;
    fit.learningRate = 1e-3;
    fit.seed = 7;
}

QatResult runQat(const Mlp& model, const Dataset& train, const Dataset& test, const QatConfig& config,
                 const ModelProgress& progress)
{
    QatResult r;
    r.before = model;
    const Dataset calib = train.head(config.spec.calibrationSamples);
    const PtqResult start = runPtq(model, calib, test, config.spec);
    r.floatAccuracy = start.floatAccuracy;
    r.ptqAccuracy = start.accuracy;

    // Static activation ranges: calibrated on the current weights, refreshed
    // after every epoch (the evaluator runs then); weights: re-quantized every step.
    std::vector<QuantHooks::ActivationQuantizer> acts = makeQuantHooks(model, calib, config.spec).activations;
    ModelQuantSpec weightsOnly = config.spec;
    weightsOnly.quantizeActivations = false;
    const HookFactory hooks = [&](const Mlp& m) {
        QuantHooks h = makeQuantHooks(m, calib, weightsOnly);
        h.activations = acts;
        return h;
    };
    const Evaluator evaluateTest = [&](const Mlp& m) {
        const QuantHooks h = makeQuantHooks(m, calib, config.spec);
        acts = h.activations;
        return evaluate(m, test, &h);
    };
    Mlp m = model;
    r.history = fit(m, train, config.fit, hooks, evaluateTest, progress, &r.cancelled);
    r.after = m;
    const PtqResult end = runPtq(m, calib, test, config.spec);
    r.qatAccuracy = end.accuracy;
    r.afterQuantized = end.quantized;
    return r;
}

std::vector<QatComparisonRow> compareQatPtq(const Mlp& model, const Dataset& train, const Dataset& test,
                                            const QatConfig& config, BitTarget target, const std::vector<int>& bits,
                                            const ModelProgress& progress)
{
    std::vector<QatComparisonRow> rows;
    for (std::size_t i = 0; i < bits.size(); ++i) {
        if (progress.cancelled())
            break;
        progress.report(double(i) / bits.size(), "QAT at " + std::to_string(bits[i]) + " bits");
        QatConfig c = config;
        c.spec = specWithBits(config.spec, target, bits[i]);
        ModelProgress inner;
        inner.cancel = progress.cancel;
        const QatResult r = runQat(model, train, test, c, inner);
        if (r.cancelled)
            break;
        rows.push_back({bits[i], r.ptqAccuracy, r.qatAccuracy});
    }
    progress.report(1, "done");
    return rows;
}

} // namespace qs
