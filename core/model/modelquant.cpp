// PTQ of the Model Lab's MLP: quantization specs, fake-quantization hooks and
// the bit-width sweep (see modelquant.h).
#include "model/modelquant.h"

#include "formats/error.h"
#include "quant/grouping.h"
#include "quant/pipeline.h"

#include <QJsonValue>

#include <cctype>

namespace qs {

namespace {

QuantConfig defaultWeightConfig(int bits)
{
    QuantConfig c;
    c.setQuantizer("int" + std::to_string(bits));
    c.scheme = QuantScheme::Symmetric;
    c.granularity = Granularity::parse("channel:0"); // one scale per output channel (row of W)
    return c;
}

QuantConfig defaultActivationConfig(int bits)
{
    QuantConfig c;
    c.setQuantizer("uint" + std::to_string(bits));
    c.scheme = QuantScheme::Asymmetric; // ReLU outputs and pixels are one-sided (docs/course.md)
    return c;
}

QuantOptions quietOptions(bool metrics)
{
    QuantOptions o;
    o.codes = false;
    o.metrics = metrics;
    o.histograms = false;
    return o;
}

Tensor toTensor(const Matrix& m)
{
    return Tensor({std::int64_t(m.rows()), std::int64_t(m.cols())},
                  std::span<const float>(m.data(), std::size_t(m.size())));
}

// STE mask of one fake-quantized matrix: 1 where the value lies inside the clip
// range of its group, 0 outside (where the quantizer clipped and the gradient stops).
Matrix steMask(const Matrix& x, const QuantResult& res, const Granularity& granularity)
{
    Matrix mask = Matrix::Ones(x.rows(), x.cols());
    const GroupLayout layout({std::int64_t(x.rows()), std::int64_t(x.cols())}, granularity);
    const float* v = x.data();
    float* m = mask.data();
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const GroupParams& g = res.groups[std::size_t(layout.groupOf(i))];
        if (g.clipMin < g.clipMax && (v[i] < g.clipMin || v[i] > g.clipMax))
            m[i] = 0;
    }
    return mask;
}

// Fake-quantizes m with config; the mask (if asked) and the result (for its metrics).
Matrix fakeQuantize(const Matrix& m, const QuantConfig& config, Matrix* mask, QuantResult* info)
{
    QuantResult res = runQuantization(toTensor(m), config, quietOptions(info != nullptr));
    Matrix out = Eigen::Map<const Matrix>(res.dequantized.data(), m.rows(), m.cols());
    if (mask)
        *mask = steMask(m, res, config.granularity);
    if (info)
        *info = std::move(res);
    return out;
}

std::vector<QuantHooks::ActivationQuantizer> activationQuantizers(const Mlp& model, const Dataset& calibration,
                                                                  const ModelQuantSpec& spec,
                                                                  std::vector<LayerQuantReport>* reports)
{
    std::vector<QuantHooks::ActivationQuantizer> q(model.layers.size());
    if (!spec.quantizeActivations)
        return q;
    if (spec.dynamicActivations) {
        const QuantConfig cfg = spec.activations;
        for (auto& f : q)
            f = [cfg](Matrix& a, Matrix* mask) { a = fakeQuantize(a, cfg, mask, nullptr); };
        return q;
    }
    if (calibration.size() == 0)
        throw ArgumentError("static activation quantization needs calibration samples");
    const Dataset calib = calibration.head(std::max(1, spec.calibrationSamples));
    const std::vector<Matrix> inputs = layerInputs(model, calib.x);
    for (std::size_t l = 0; l < inputs.size(); ++l) {
        // Calibrate one per-tensor range with the config's method, then freeze it.
        QuantConfig cfg = spec.activations;
        cfg.granularity = Granularity{};
        const QuantResult res = runQuantization(toTensor(inputs[l]), cfg, quietOptions(false));
        cfg.calibration.method = CalibrationMethod::Manual;
        cfg.calibration.manualMin = res.calibration.clipMin;
        cfg.calibration.manualMax = res.calibration.clipMax;
        if (reports && l < reports->size()) {
            (*reports)[l].actClipMin = res.calibration.clipMin;
            (*reports)[l].actClipMax = res.calibration.clipMax;
            if (!res.calibration.message.empty())
                (*reports)[l].messages.push_back("activations: " + res.calibration.message);
        }
        q[l] = [cfg](Matrix& a, Matrix* mask) { a = fakeQuantize(a, cfg, mask, nullptr); };
    }
    return q;
}

} // namespace

ModelQuantSpec::ModelQuantSpec() : weights(defaultWeightConfig(8)), activations(defaultActivationConfig(8)) {}

ModelQuantSpec ModelQuantSpec::preset(std::string_view name)
{
    std::string s;
    for (char c : name)
        s += char(std::toupper(static_cast<unsigned char>(c)));
    ModelQuantSpec spec;
    if (s == "FP32" || s == "FLOAT") {
        spec.quantizeWeights = spec.quantizeActivations = false;
        return spec;
    }
    // W<b>A<b>, W<b>, A<b>
    auto readBits = [&](std::size_t& at) {
        int v = 0;
        std::size_t digits = 0;
        while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at])) && digits < 3) {
            v = v * 10 + (s[at++] - '0');
            ++digits;
        }
        if (digits == 0 || v < 1 || v > 16)
            throw ArgumentError("preset '" + std::string(name) + "': bit widths are 1..16 (e.g. W8A8, W4A16, W4)");
        return v;
    };
    std::size_t at = 0;
    spec.quantizeWeights = spec.quantizeActivations = false;
    if (at < s.size() && s[at] == 'W') {
        ++at;
        spec.weights = defaultWeightConfig(readBits(at));
        spec.quantizeWeights = true;
    }
    if (at < s.size() && s[at] == 'A') {
        ++at;
        spec.activations = defaultActivationConfig(readBits(at));
        spec.quantizeActivations = true;
    }
    if (at != s.size() || (!spec.quantizeWeights && !spec.quantizeActivations))
        throw ArgumentError("unknown preset '" + std::string(name) + "' (W8A8, W8A16, W4A16, W4A8, W<b>, A<b>, FP32)");
    return spec;
}

std::vector<std::string> ModelQuantSpec::presetNames()
{
    return {"W8A8", "W8A16", "W4A16", "W4A8"};
}

std::string ModelQuantSpec::summary() const
{
    std::string s = "weights: " + (quantizeWeights ? weights.summary() : std::string("float"));
    s += "; activations: ";
    if (!quantizeActivations)
        return s + "float";
    s += activations.summary();
    s +=
        dynamicActivations ? " (dynamic)" : " (static, " + std::to_string(calibrationSamples) + " calibration samples)";
    return s;
}

QJsonObject ModelQuantSpec::toJson() const
{
    QJsonObject o;
    o["quantizeWeights"] = quantizeWeights;
    o["weights"] = weights.toJson();
    o["quantizeActivations"] = quantizeActivations;
    o["activations"] = activations.toJson();
    o["dynamicActivations"] = dynamicActivations;
    o["calibrationSamples"] = calibrationSamples;
    return o;
}

ModelQuantSpec ModelQuantSpec::fromJson(const QJsonObject& o)
{
    ModelQuantSpec s;
    auto boolean = [&](const char* key, bool& field) {
        if (!o.contains(key))
            return;
        if (!o[key].isBool())
            throw ArgumentError(std::string("model quantization: '") + key + "' must be true or false");
        field = o[key].toBool();
    };
    boolean("quantizeWeights", s.quantizeWeights);
    boolean("quantizeActivations", s.quantizeActivations);
    boolean("dynamicActivations", s.dynamicActivations);
    if (o.contains("weights"))
        s.weights = QuantConfig::fromJson(o["weights"].toObject());
    if (o.contains("activations"))
        s.activations = QuantConfig::fromJson(o["activations"].toObject());
    if (o.contains("calibrationSamples")) {
        const int n = o["calibrationSamples"].toInt(-1);
        if (n < 1)
            throw ArgumentError("model quantization: 'calibrationSamples' must be a positive integer");
        s.calibrationSamples = n;
    }
    return s;
}

QuantConfig withBits(QuantConfig config, int bits)
{
    switch (config.kind) {
    case QuantizerKind::Uniform:
    case QuantizerKind::Log2:
    case QuantizerKind::KMeans:
        config.bits = bits;
        config.validate();
        return config;
    default: throw ArgumentError("quantizer " + config.quantizerSpec() + " has no bit-width parameter to sweep");
    }
}

QuantHooks makeQuantHooks(const Mlp& model, const Dataset& calibration, const ModelQuantSpec& spec,
                          std::vector<LayerQuantReport>* reports)
{
    if (reports) {
        reports->assign(model.layers.size(), {});
        for (std::size_t l = 0; l < model.layers.size(); ++l) {
            (*reports)[l].layer = int(l);
            (*reports)[l].in = int(model.layers[l].w.cols());
            (*reports)[l].out = int(model.layers[l].w.rows());
        }
    }
    QuantHooks h;
    if (spec.quantizeWeights) {
        spec.weights.validate();
        for (std::size_t l = 0; l < model.layers.size(); ++l) {
            Matrix mask;
            QuantResult info;
            h.weights.push_back(fakeQuantize(model.layers[l].w, spec.weights, &mask, reports ? &info : nullptr));
            h.weightMasks.push_back(std::move(mask));
            if (reports) {
                (*reports)[l].weightSqnrDb = info.metrics.sqnrDb;
                (*reports)[l].weightMse = info.metrics.mse;
                (*reports)[l].bitsPerWeight = info.bitsPerValue;
                for (const std::string& m : info.messages)
                    (*reports)[l].messages.push_back("weights: " + m);
            }
        }
    }
    if (spec.quantizeActivations)
        spec.activations.validate();
    h.activations = activationQuantizers(model, calibration, spec, reports);
    return h;
}

PtqResult runPtq(const Mlp& model, const Dataset& calibration, const Dataset& test, const ModelQuantSpec& spec,
                 const ModelProgress& progress)
{
    PtqResult r;
    progress.report(0, "calibrating");
    r.floatAccuracy = evaluate(model, test);
    const QuantHooks hooks = makeQuantHooks(model, calibration, spec, &r.layers);
    r.quantized = model;
    for (std::size_t l = 0; l < hooks.weights.size(); ++l)
        r.quantized.layers[l].w = hooks.weights[l];
    if (progress.cancelled()) {
        r.cancelled = true;
        return r;
    }
    progress.report(0.5, "evaluating");
    r.predictions = argmaxRows(forward(model, test.x, &hooks));
    r.accuracy = accuracy(r.predictions, test.labels);
    progress.report(1, "done");
    return r;
}

BitTarget parseBitTarget(std::string_view text)
{
    if (text == "weights" || text == "w")
        return BitTarget::Weights;
    if (text == "activations" || text == "a")
        return BitTarget::Activations;
    if (text == "both" || text == "wa")
        return BitTarget::Both;
    throw ArgumentError("bit target '" + std::string(text) + "' is not weights, activations or both");
}

std::string toString(BitTarget target)
{
    switch (target) {
    case BitTarget::Weights: return "weights";
    case BitTarget::Activations: return "activations";
    case BitTarget::Both: return "both";
    }
    return "?";
}

ModelQuantSpec specWithBits(ModelQuantSpec spec, BitTarget target, int bits)
{
    if (target != BitTarget::Activations) {
        spec.weights = withBits(spec.weights, bits);
        spec.quantizeWeights = true;
    }
    if (target != BitTarget::Weights) {
        spec.activations = withBits(spec.activations, bits);
        spec.quantizeActivations = true;
    }
    return spec;
}

std::vector<SweepPoint> ptqBitSweep(const Mlp& model, const Dataset& calibration, const Dataset& test,
                                    const ModelQuantSpec& spec, BitTarget target, const std::vector<int>& bits,
                                    const ModelProgress& progress)
{
    std::vector<SweepPoint> out;
    for (std::size_t i = 0; i < bits.size(); ++i) {
        if (progress.cancelled())
            break;
        progress.report(double(i) / bits.size(), "PTQ at " + std::to_string(bits[i]) + " bits");
        out.push_back({bits[i], runPtq(model, calibration, test, specWithBits(spec, target, bits[i])).accuracy});
    }
    progress.report(1, "done");
    return out;
}

} // namespace qs
