// The activation-outlier study (see outliers.h).
#include "model/outliers.h"

#include "formats/error.h"
#include "io/generators.h"
#include "io/tensorsource.h"
#include "quant/pipeline.h"

#include <cmath>
#include <limits>

namespace qs {

namespace {

// Symmetric absmax intN with the given granularity, through the one pipeline.
Matrix absmaxQuantize(const Matrix& m, int bits, const char* granularity)
{
    QuantConfig c;
    c.setQuantizer("int" + std::to_string(bits));
    c.scheme = QuantScheme::Symmetric;
    c.granularity = Granularity::parse(granularity);
    QuantOptions o;
    o.codes = false;
    o.metrics = false;
    o.histograms = false;
    const QuantResult r = runQuantization(Tensor({std::int64_t(m.rows()), std::int64_t(m.cols())},
                                                 std::span<const float>(m.data(), std::size_t(m.size()))),
                                          c, o);
    return Eigen::Map<const Matrix>(r.dequantized.data(), m.rows(), m.cols());
}

double mse(const Matrix& a, const Matrix& b)
{
    return (a - b).cast<double>().squaredNorm() / double(a.size());
}

double sqnrDb(const Matrix& x, const Matrix& xhat)
{
    const double noise = (x - xhat).cast<double>().squaredNorm();
    return noise == 0 ? std::numeric_limits<double>::infinity()
                      : 10 * std::log10(x.cast<double>().squaredNorm() / noise);
}

// The columns of m listed in cols (keep = true) or all the others (keep = false).
Matrix selectColumns(const Matrix& m, const std::vector<bool>& isOutlier, bool keep)
{
    std::vector<Eigen::Index> idx;
    for (std::size_t c = 0; c < isOutlier.size(); ++c)
        if (isOutlier[c] == keep)
            idx.push_back(Eigen::Index(c));
    Matrix out(m.rows(), Eigen::Index(idx.size()));
    for (std::size_t k = 0; k < idx.size(); ++k)
        out.col(Eigen::Index(k)) = m.col(idx[k]);
    return out;
}

void scatterColumns(Matrix& into, const Matrix& from, const std::vector<bool>& isOutlier, bool keep)
{
    Eigen::Index k = 0;
    for (std::size_t c = 0; c < isOutlier.size(); ++c)
        if (isOutlier[c] == keep)
            into.col(Eigen::Index(c)) = from.col(k++);
}

} // namespace

OutlierStudy runOutlierStudy(const OutlierStudyConfig& cfg)
{
    for (int v : {cfg.tokens, cfg.channels, cfg.outChannels})
        if (v < 1 || v > 4096)
            throw ArgumentError("outlier study sizes must be in 1..4096");
    if (cfg.bits < 2 || cfg.bits > 16)
        throw ArgumentError("outlier study bits must be in 2..16");
    if (cfg.outlierChannels < 0 || cfg.outlierChannels > cfg.channels)
        throw ArgumentError("outlier channels must be in 0..channels");
    if (!(cfg.threshold > 0))
        throw ArgumentError("outlier threshold must be positive");
    OutlierStudy s;
    s.config = cfg;
    const Tensor x =
        generateTensor("llm-activations,rows=" + std::to_string(cfg.tokens) + ",cols=" + std::to_string(cfg.channels) +
                       ",outliers=" + std::to_string(cfg.outlierChannels) + ",kmin=" + std::to_string(cfg.kmin) +
                       ",kmax=" + std::to_string(cfg.kmax) + ",seed=" + std::to_string(cfg.seed));
    s.activations = Eigen::Map<const Matrix>(x.data(), cfg.tokens, cfg.channels);
    // W ~ N(0, 1/channels), seeded separately from X.
    Xoshiro256 rng(cfg.seed * 2654435761ULL + 17);
    s.weights.resize(cfg.outChannels, cfg.channels);
    const double wstd = 1 / std::sqrt(double(cfg.channels));
    for (Eigen::Index i = 0; i < s.weights.size(); ++i)
        s.weights.data()[i] = float(wstd * rng.normal());
    s.output = s.activations * s.weights.transpose();

    std::vector<bool> isOutlier(std::size_t(cfg.channels), false);
    for (int c = 0; c < cfg.channels; ++c) {
        const double amax = s.activations.col(c).cwiseAbs().maxCoeff();
        s.channelAbsMax.push_back(amax);
        if (amax >= cfg.threshold) {
            isOutlier[std::size_t(c)] = true;
            s.outlierColumns.push_back(c);
        }
    }

    const Matrix wq = absmaxQuantize(s.weights, cfg.bits, "channel:0");
    auto finish = [&](std::string name, Matrix xhat, const Matrix& what, double floatFraction) {
        OutlierMethodResult m;
        m.name = std::move(name);
        m.activationMse = mse(s.activations, xhat);
        m.activationSqnrDb = sqnrDb(s.activations, xhat);
        m.outputError = what - s.output;
        m.outputMse = m.outputError.cast<double>().squaredNorm() / double(what.size());
        m.outputSqnrDb = sqnrDb(s.output, what);
        m.outputRelativeError =
            std::sqrt(m.outputError.cast<double>().squaredNorm() / s.output.cast<double>().squaredNorm());
        m.floatFraction = floatFraction;
        m.activationDequantized = std::move(xhat);
        s.methods.push_back(std::move(m));
    };
    for (const auto& [name, granularity] : {std::pair{"per-tensor", "tensor"}, std::pair{"per-token", "channel:0"},
                                            std::pair{"per-channel", "channel:1"}}) {
        Matrix xhat = absmaxQuantize(s.activations, cfg.bits, granularity);
        const Matrix y = xhat * wq.transpose();
        finish(name, std::move(xhat), y, 0);
    }

    // LLM.int8(): Y = X_o W_oᵀ (float) + X̂_r Ŵ_rᵀ (int8 per token / per output channel).
    Matrix xhat = s.activations;
    Matrix y = Matrix::Zero(cfg.tokens, cfg.outChannels);
    if (!s.outlierColumns.empty())
        y += selectColumns(s.activations, isOutlier, true) * selectColumns(s.weights, isOutlier, true).transpose();
    if (int(s.outlierColumns.size()) < cfg.channels) {
        const Matrix xr = absmaxQuantize(selectColumns(s.activations, isOutlier, false), cfg.bits, "channel:0");
        const Matrix wr = absmaxQuantize(selectColumns(s.weights, isOutlier, false), cfg.bits, "channel:0");
        y += xr * wr.transpose();
        scatterColumns(xhat, xr, isOutlier, false);
    }
    finish("LLM.int8()", std::move(xhat), y, double(s.outlierColumns.size()) / cfg.channels);
    return s;
}

} // namespace qs
