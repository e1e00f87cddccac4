// Integer-only inference of one dense layer (see intlayer.h).
#include "model/intlayer.h"

#include "formats/error.h"
#include "io/generators.h"

#include <algorithm>
#include <cmath>

namespace qs {

std::int32_t AffineQuant::quantize(double r) const
{
    const double q = std::round(r / scale) + zeroPoint; // std::round: half away from zero
    return std::int32_t(std::clamp(q, double(qmin), double(qmax)));
}

namespace {

void checkBits(int bits, const char* what)
{
    if (bits < 2 || bits > 16)
        throw ArgumentError(std::string(what) + " bits must be in 2..16");
}

std::int32_t lowest(int bits, bool isSigned)
{
    return isSigned ? -(std::int32_t(1) << (bits - 1)) : 0;
}

std::int32_t highest(int bits, bool isSigned)
{
    return isSigned ? (std::int32_t(1) << (bits - 1)) - 1 : (std::int32_t(1) << bits) - 1;
}

double finiteOr(double v, double fallback)
{
    return std::isnan(v) ? fallback : v;
}

} // namespace

AffineQuant asymmetricGrid(double lo, double hi, int bits, bool isSigned)
{
    AffineQuant g;
    g.qmin = lowest(bits, isSigned);
    g.qmax = highest(bits, isSigned);
    const double a = std::min(lo, 0.0), b = std::max(hi, 0.0);
    g.scale = b > a ? (b - a) / double(g.qmax - g.qmin) : 1.0;
    g.zeroPoint = std::int32_t(std::clamp(double(g.qmin) - std::round(a / g.scale), double(g.qmin), double(g.qmax)));
    return g;
}

AffineQuant symmetricGrid(double lo, double hi, int bits)
{
    AffineQuant g;
    g.qmax = highest(bits, true);
    g.qmin = -g.qmax;
    const double amax = std::max(std::abs(lo), std::abs(hi));
    g.scale = amax > 0 ? amax / double(g.qmax) : 1.0;
    g.zeroPoint = 0;
    return g;
}

LayerData layerFromMlp(const Mlp& model, int layer, const Dataset& data, int samples)
{
    if (layer < 0 || layer >= int(model.layers.size()))
        throw ArgumentError("layer " + std::to_string(layer) + " outside 0.." +
                            std::to_string(model.layers.size() - 1));
    if (samples < 1)
        throw ArgumentError("need at least one sample");
    const Dataset few = data.head(samples);
    LayerData d;
    d.input = layerInputs(model, few.x)[std::size_t(layer)];
    d.weight = model.layers[std::size_t(layer)].w;
    d.bias = model.layers[std::size_t(layer)].b;
    return d;
}

LayerData randomLayer(std::uint64_t seed, int batch, int in, int out, bool signedInputs)
{
    if (batch < 1 || in < 1 || out < 1)
        throw ArgumentError("random layer dimensions must be positive");
    Xoshiro256 rng(seed);
    LayerData d{Matrix(batch, in), Matrix(out, in), Vector(out)};
    for (Eigen::Index i = 0; i < d.input.size(); ++i)
        d.input.data()[i] = float(signedInputs ? rng.normal() : rng.uniform01());
    const double wstd = 1.0 / std::sqrt(double(in));
    for (Eigen::Index i = 0; i < d.weight.size(); ++i)
        d.weight.data()[i] = float(wstd * rng.normal());
    for (Eigen::Index i = 0; i < d.bias.size(); ++i)
        d.bias[i] = float(0.1 * rng.normal());
    return d;
}

IntLayerResult runIntegerLayer(const LayerData& data, const IntLayerConfig& cfg)
{
    checkBits(cfg.inputBits, "input");
    checkBits(cfg.weightBits, "weight");
    checkBits(cfg.outputBits, "output");
    const Eigen::Index batch = data.input.rows(), in = data.input.cols(), out = data.weight.rows();
    if (data.weight.cols() != in || data.bias.size() != out || batch == 0 || in == 0 || out == 0)
        throw ArgumentError("layer shapes do not match: input " + std::to_string(batch) + "x" + std::to_string(in) +
                            ", weight " + std::to_string(out) + "x" + std::to_string(data.weight.cols()) + ", bias " +
                            std::to_string(data.bias.size()));
    if (!data.input.allFinite() || !data.weight.allFinite() || !data.bias.allFinite())
        throw ArgumentError("the integer layer needs finite inputs, weights and biases");
    for (double v : {cfg.inputMin, cfg.inputMax, cfg.outputMin, cfg.outputMax})
        if (std::isinf(v))
            throw ArgumentError("integer layer ranges must be finite (or NaN for the data's min-max)");
    IntLayerResult r;
    r.config = cfg;
    r.data = data;

    // The float reference.
    r.outputFloat = (data.input * data.weight.transpose()).rowwise() + data.bias.transpose();
    if (cfg.relu)
        r.outputFloat = r.outputFloat.cwiseMax(0.0f);

    // Grids: input and output from their ranges, weights per tensor or per row.
    r.inputGrid = asymmetricGrid(finiteOr(cfg.inputMin, data.input.minCoeff()),
                                 finiteOr(cfg.inputMax, data.input.maxCoeff()), cfg.inputBits, cfg.inputSigned);
    r.outputGrid = asymmetricGrid(finiteOr(cfg.outputMin, r.outputFloat.minCoeff()),
                                  finiteOr(cfg.outputMax, r.outputFloat.maxCoeff()), cfg.outputBits, cfg.outputSigned);
    const Eigen::Index channels = cfg.perChannel ? out : 1;
    for (Eigen::Index c = 0; c < channels; ++c) {
        const double lo = cfg.perChannel ? data.weight.row(c).minCoeff() : data.weight.minCoeff();
        const double hi = cfg.perChannel ? data.weight.row(c).maxCoeff() : data.weight.maxCoeff();
        r.weightGrids.push_back(cfg.weightSymmetric ? symmetricGrid(lo, hi, cfg.weightBits)
                                                    : asymmetricGrid(lo, hi, cfg.weightBits, true));
        r.multiplier.push_back(r.inputGrid.scale * r.weightGrids.back().scale / r.outputGrid.scale);
        r.fixedMultiplier.push_back(quantizeMultiplier(r.multiplier.back()));
    }
    auto wgrid = [&](Eigen::Index j) -> const AffineQuant& {
        return r.weightGrids[std::size_t(cfg.perChannel ? j : 0)];
    };

    // Quantize inputs, weights and biases (bias scale S_x S_w, zero point 0).
    r.inputQ.resize(batch, in);
    r.inputDequantized.resize(batch, in);
    for (Eigen::Index i = 0; i < r.inputQ.size(); ++i) {
        r.inputQ.data()[i] = r.inputGrid.quantize(data.input.data()[i]);
        r.inputDequantized.data()[i] = float(r.inputGrid.dequantize(r.inputQ.data()[i]));
    }
    r.weightQ.resize(out, in);
    r.weightDequantized.resize(out, in);
    for (Eigen::Index j = 0; j < out; ++j)
        for (Eigen::Index k = 0; k < in; ++k) {
            r.weightQ(j, k) = wgrid(j).quantize(data.weight(j, k));
            r.weightDequantized(j, k) = float(wgrid(j).dequantize(r.weightQ(j, k)));
        }
    constexpr double kI32Min = double(std::numeric_limits<std::int32_t>::min());
    constexpr double kI32Max = double(std::numeric_limits<std::int32_t>::max());
    for (Eigen::Index j = 0; j < out; ++j) {
        const double biasScale = r.inputGrid.scale * wgrid(j).scale;
        r.biasQ.push_back(std::int32_t(std::clamp(std::round(double(data.bias[j]) / biasScale), kI32Min, kI32Max)));
    }

    // The integer kernel: int32 accumulation, requantization, saturation.
    const std::int32_t zx = r.inputGrid.zeroPoint, zy = r.outputGrid.zeroPoint;
    const std::int32_t lo = cfg.relu ? std::max(r.outputGrid.qmin, zy) : r.outputGrid.qmin;
    const std::int32_t hi = r.outputGrid.qmax;
    r.accumulator.resize(batch, out);
    r.outputQ.resize(batch, out);
    r.outputDequantized.resize(batch, out);
    for (Eigen::Index i = 0; i < batch; ++i)
        for (Eigen::Index j = 0; j < out; ++j) {
            const std::int32_t zw = wgrid(j).zeroPoint;
            std::int64_t acc = r.biasQ[std::size_t(j)];
            for (Eigen::Index k = 0; k < in; ++k)
                acc += std::int64_t(r.inputQ(i, k) - zx) * std::int64_t(r.weightQ(j, k) - zw);
            r.accumulatorMaxAbs = std::max(r.accumulatorMaxAbs, acc < 0 ? -acc : acc);
            if (acc < kI32Min || acc > kI32Max)
                r.accumulatorOverflow = true;
            const std::int32_t acc32 =
                std::int32_t(std::clamp<std::int64_t>(acc, std::int64_t(kI32Min), std::int64_t(kI32Max)));
            r.accumulator(i, j) = acc32;
            const QuantizedMultiplier& m = r.fixedMultiplier[std::size_t(cfg.perChannel ? j : 0)];
            const std::int64_t q = std::int64_t(zy) + multiplyByQuantizedMultiplier(acc32, m);
            r.outputQ(i, j) = std::int32_t(std::clamp<std::int64_t>(q, lo, hi));
            r.outputDequantized(i, j) = float(r.outputGrid.dequantize(r.outputQ(i, j)));
        }

    // The simulated (fake-quant) computation: the same codes, dequantized, in double.
    r.outputSimulatedQ.resize(batch, out);
    r.outputSimulated.resize(batch, out);
    for (Eigen::Index i = 0; i < batch; ++i)
        for (Eigen::Index j = 0; j < out; ++j) {
            const AffineQuant& wg = wgrid(j);
            double y = r.inputGrid.scale * wg.scale * double(r.biasQ[std::size_t(j)]);
            for (Eigen::Index k = 0; k < in; ++k)
                y += r.inputGrid.dequantize(r.inputQ(i, k)) * wg.dequantize(r.weightQ(j, k));
            if (cfg.relu)
                y = std::max(y, 0.0);
            const std::int32_t q = r.outputGrid.quantize(y);
            r.outputSimulatedQ(i, j) = q;
            r.outputSimulated(i, j) = float(r.outputGrid.dequantize(q));
            const int diff = std::abs(q - r.outputQ(i, j));
            r.maxStepDifference = std::max(r.maxStepDifference, diff);
            r.differingOutputs += diff != 0;
        }
    r.maxAbsErrorVsFloat = (r.outputDequantized - r.outputFloat).cwiseAbs().maxCoeff();
    r.maxAbsErrorSimulatedVsFloat = (r.outputSimulated - r.outputFloat).cwiseAbs().maxCoeff();
    return r;
}

} // namespace qs
