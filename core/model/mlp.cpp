// The MLP's forward pass, backpropagation and optimisers (see mlp.h).
#include "model/mlp.h"

#include "formats/error.h"
#include "io/generators.h"

#include <cmath>

namespace qs {

Mlp Mlp::init(const std::vector<int>& sizes, std::uint64_t seed)
{
    if (sizes.size() < 2)
        throw ArgumentError("an MLP needs at least an input and an output size");
    for (int s : sizes)
        if (s < 1 || s > 4096)
            throw ArgumentError("layer size " + std::to_string(s) + " outside 1..4096");
    Mlp m;
    Xoshiro256 rng(seed);
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const int in = sizes[l], out = sizes[l + 1];
        const double limit = std::sqrt(6.0 / in); // He et al. 2015, uniform variant
        DenseLayer layer{Matrix(out, in), Vector::Zero(out)};
        for (int r = 0; r < out; ++r)
            for (int c = 0; c < in; ++c)
                layer.w(r, c) = float((2 * rng.uniform01() - 1) * limit);
        m.layers.push_back(std::move(layer));
    }
    return m;
}

std::vector<int> Mlp::sizes() const
{
    std::vector<int> s;
    if (layers.empty())
        return s;
    s.push_back(int(layers.front().w.cols()));
    for (const DenseLayer& l : layers)
        s.push_back(int(l.w.rows()));
    return s;
}

std::int64_t Mlp::parameterCount() const
{
    std::int64_t n = 0;
    for (const DenseLayer& l : layers)
        n += l.w.size() + l.b.size();
    return n;
}

namespace {

// What backpropagation needs from the forward pass.
struct Cache
{
    std::vector<Matrix> inputs;   // Ã_l: the (fake-quantized) input of layer l
    std::vector<Matrix> actMasks; // STE masks of the inputs (empty: no quantizer)
    std::vector<Matrix> preacts;  // Z_l = Ã_l W_lᵀ + b_l
};

const Matrix& weightOf(const Mlp& m, const QuantHooks* hooks, std::size_t l)
{
    return hooks && l < hooks->weights.size() ? hooks->weights[l] : m.layers[l].w;
}

Matrix forwardCached(const Mlp& m, const Matrix& x, const QuantHooks* hooks, Cache* cache)
{
    if (m.layers.empty())
        throw ArgumentError("the network has no layers");
    if (x.cols() != m.layers.front().w.cols())
        throw ArgumentError("input has " + std::to_string(x.cols()) + " features, the network expects " +
                            std::to_string(m.layers.front().w.cols()));
    Matrix a = x;
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
        Matrix mask;
        if (hooks && l < hooks->activations.size() && hooks->activations[l])
            hooks->activations[l](a, cache ? &mask : nullptr);
        Matrix z = (a * weightOf(m, hooks, l).transpose()).rowwise() + m.layers[l].b.transpose();
        if (cache) {
            cache->inputs.push_back(a);
            cache->actMasks.push_back(std::move(mask));
            cache->preacts.push_back(z);
        }
        if (l + 1 < m.layers.size())
            a = z.cwiseMax(0.0f); // ReLU
        else
            a = std::move(z);
    }
    return a;
}

// Row-wise softmax of the logits, shifted by the row maximum for stability.
Matrix softmax(const Matrix& logits)
{
    Matrix p = logits.colwise() - logits.rowwise().maxCoeff();
    p = p.array().exp();
    p = p.array().colwise() / p.rowwise().sum().array();
    return p;
}

struct Gradients
{
    std::vector<Matrix> w;
    std::vector<Vector> b;
};

// Backpropagation of the mean cross-entropy: dL/dZ_last = (softmax - onehot) / n.
Gradients backward(const Mlp& m, const QuantHooks* hooks, const Cache& cache, const Matrix& logits,
                   const std::vector<int>& labels)
{
    const std::size_t layers = m.layers.size();
    Gradients g{std::vector<Matrix>(layers), std::vector<Vector>(layers)};
    Matrix dz = softmax(logits);
    for (Eigen::Index r = 0; r < dz.rows(); ++r)
        dz(r, labels[std::size_t(r)]) -= 1.0f;
    dz /= float(dz.rows());
    for (std::size_t l = layers; l-- > 0;) {
        g.w[l] = dz.transpose() * cache.inputs[l];
        g.b[l] = dz.colwise().sum().transpose();
        // STE for the weights: dL/dW = dL/dŴ inside the clip range, 0 outside.
        if (hooks && l < hooks->weightMasks.size() && hooks->weightMasks[l].size() == g.w[l].size())
            g.w[l] = g.w[l].cwiseProduct(hooks->weightMasks[l]);
        if (l == 0)
            break;
        Matrix da = dz * weightOf(m, hooks, l);
        if (cache.actMasks[l].size() == da.size()) // STE for the activations
            da = da.cwiseProduct(cache.actMasks[l]);
        dz = da.cwiseProduct((cache.preacts[l - 1].array() > 0.0f).cast<float>().matrix()); // ReLU'
    }
    return g;
}

struct OptimizerState
{
    std::vector<Matrix> mw, vw;
    std::vector<Vector> mb, vb;
    long long step = 0;
};

void applyUpdate(Mlp& m, const Gradients& g, const FitConfig& cfg, OptimizerState& s)
{
    const std::size_t layers = m.layers.size();
    if (s.mw.empty()) {
        for (const DenseLayer& l : m.layers) {
            s.mw.push_back(Matrix::Zero(l.w.rows(), l.w.cols()));
            s.vw.push_back(Matrix::Zero(l.w.rows(), l.w.cols()));
            s.mb.push_back(Vector::Zero(l.b.size()));
            s.vb.push_back(Vector::Zero(l.b.size()));
        }
    }
    ++s.step;
    const float lr = float(cfg.learningRate);
    for (std::size_t l = 0; l < layers; ++l) {
        const Matrix gw = g.w[l] + float(cfg.weightDecay) * m.layers[l].w;
        if (cfg.optimizer == Optimizer::Momentum) {
            const float mu = float(cfg.momentum);
            s.mw[l] = mu * s.mw[l] - lr * gw;
            s.mb[l] = mu * s.mb[l] - lr * g.b[l];
            m.layers[l].w += s.mw[l];
            m.layers[l].b += s.mb[l];
            continue;
        }
        // Adam: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g², w -= lr m̂ / (sqrt(v̂) + eps).
        const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        const float c1 = 1.0f - std::pow(b1, float(s.step)), c2 = 1.0f - std::pow(b2, float(s.step));
        s.mw[l] = b1 * s.mw[l] + (1 - b1) * gw;
        s.vw[l] = b2 * s.vw[l] + (1 - b2) * gw.cwiseAbs2();
        s.mb[l] = b1 * s.mb[l] + (1 - b1) * g.b[l];
        s.vb[l] = b2 * s.vb[l] + (1 - b2) * g.b[l].cwiseAbs2();
        m.layers[l].w.array() -= lr * (s.mw[l].array() / c1) / ((s.vw[l].array() / c2).sqrt() + eps);
        m.layers[l].b.array() -= lr * (s.mb[l].array() / c1) / ((s.vb[l].array() / c2).sqrt() + eps);
    }
}

} // namespace

Matrix forward(const Mlp& model, const Matrix& x, const QuantHooks* hooks)
{
    return forwardCached(model, x, hooks, nullptr);
}

std::vector<Matrix> layerInputs(const Mlp& model, const Matrix& x)
{
    Cache cache;
    forwardCached(model, x, nullptr, &cache);
    return cache.inputs;
}

std::vector<int> argmaxRows(const Matrix& logits)
{
    std::vector<int> out(std::size_t(logits.rows()));
    for (Eigen::Index r = 0; r < logits.rows(); ++r)
        logits.row(r).maxCoeff(&out[std::size_t(r)]);
    return out;
}

double accuracy(const std::vector<int>& predicted, const std::vector<int>& labels)
{
    if (labels.empty())
        return 0;
    std::size_t right = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        right += predicted[i] == labels[i];
    return double(right) / double(labels.size());
}

double evaluate(const Mlp& model, const Dataset& data, const QuantHooks* hooks)
{
    return accuracy(argmaxRows(forward(model, data.x, hooks)), data.labels);
}

double crossEntropy(const Matrix& logits, const std::vector<int>& labels)
{
    double sum = 0;
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
        const double mx = logits.row(r).maxCoeff();
        double z = 0;
        for (Eigen::Index c = 0; c < logits.cols(); ++c)
            z += std::exp(double(logits(r, c)) - mx);
        sum += mx + std::log(z) - logits(r, labels[std::size_t(r)]);
    }
    return logits.rows() ? sum / double(logits.rows()) : 0;
}

std::vector<EpochStats> fit(Mlp& model, const Dataset& train, const FitConfig& config, const HookFactory& hooks,
                            const Evaluator& evaluateTest, const ModelProgress& progress, bool* cancelled)
{
    if (config.epochs < 0 || config.epochs > 10000)
        throw ArgumentError("epochs must be in 0..10000");
    if (config.batchSize < 1)
        throw ArgumentError("batch size must be at least 1");
    if (!(config.learningRate > 0))
        throw ArgumentError("learning rate must be positive");
    if (train.size() == 0)
        throw ArgumentError("empty training set");
    std::vector<EpochStats> history;
    OptimizerState state;
    const int n = int(train.size());
    const int batches = (n + config.batchSize - 1) / config.batchSize;
    if (cancelled)
        *cancelled = false;
    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        const std::vector<int> order = seededPermutation(n, config.seed * 1000003ULL + std::uint64_t(epoch));
        double lossSum = 0;
        std::int64_t right = 0;
        for (int b = 0; b < batches; ++b) {
            if (progress.cancelled()) {
                if (cancelled)
                    *cancelled = true;
                return history;
            }
            const int lo = b * config.batchSize, hi = std::min(n, lo + config.batchSize);
            const Dataset batch = train.rows(std::vector<int>(order.begin() + lo, order.begin() + hi));
            const QuantHooks h = hooks ? hooks(model) : QuantHooks{};
            Cache cache;
            const Matrix logits = forwardCached(model, batch.x, hooks ? &h : nullptr, &cache);
            lossSum += crossEntropy(logits, batch.labels) * double(hi - lo);
            const std::vector<int> pred = argmaxRows(logits);
            for (std::size_t i = 0; i < pred.size(); ++i)
                right += pred[i] == batch.labels[i];
            applyUpdate(model, backward(model, hooks ? &h : nullptr, cache, logits, batch.labels), config, state);
            progress.report((double(epoch - 1) + double(b + 1) / batches) / config.epochs, "training");
        }
        EpochStats s;
        s.epoch = epoch;
        s.loss = lossSum / n;
        s.trainAccuracy = double(right) / n;
        s.testAccuracy = evaluateTest ? evaluateTest(model) : 0;
        history.push_back(s);
        if (progress.epoch)
            progress.epoch(s);
    }
    return history;
}

TrainResult trainMlp(const Dataset& train, const Dataset& test, const TrainConfig& config,
                     const ModelProgress& progress)
{
    std::vector<int> sizes = {int(train.x.cols())};
    sizes.insert(sizes.end(), config.hidden.begin(), config.hidden.end());
    sizes.push_back(train.classes);
    TrainResult r;
    r.model = Mlp::init(sizes, config.initSeed);
    r.history = fit(
        r.model, train, config.fit, nullptr, [&](const Mlp& m) { return evaluate(m, test); }, progress, &r.cancelled);
    r.testAccuracy = evaluate(r.model, test);
    return r;
}

} // namespace qs
