// runQuantization: validate, mask outliers, run the quantizer of the config,
// then measure (metrics, clipped fraction per group, histograms).
#include "quant/pipeline.h"

#include "formats/error.h"
#include "quant/parallel.h"
#include "quant/quantizers.h"
#include "quant/streamstore.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <mutex>

namespace qs {

namespace {

constexpr std::int64_t kChunk = 1 << 20;

std::int64_t countNonfinite(const float* x, std::int64_t n)
{
    std::vector<std::int64_t> partial(std::size_t(chunkCount(n, kChunk)));
    parallelChunks(n, kChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        // Exponent field all ones: Inf or NaN (an int32 count vectorises).
        const auto* bits = reinterpret_cast<const std::uint32_t*>(x);
        std::int32_t k = 0;
        for (std::int64_t i = b; i < e; ++i)
            k += (bits[i] & 0x7F800000u) == 0x7F800000u ? 1 : 0;
        partial[std::size_t(c)] = k;
    });
    std::int64_t total = 0;
    for (auto k : partial)
        total += k;
    return total;
}

// Outliers (LLM.int8(), Dettmers et al. 2022): values with |x| >= t, or whole
// columns of a matrix holding one, stay in full precision. They are masked as
// NaN in the working copy so calibration and the quantizer skip them.
Tensor maskOutliers(const Tensor& x, const QuantConfig& cfg, QuantResult& res)
{
    Tensor work = x.clone();
    float* w = work.data();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const double t = cfg.outlierThreshold;
    auto isOutlier = [t](float v) { return std::fabs(v) <= FLT_MAX && std::fabs(double(v)) >= t; };
    if (cfg.outliers == OutlierMode::Elements) {
        for (std::int64_t i = 0; i < work.size(); ++i)
            if (isOutlier(w[i])) {
                w[i] = nan;
                ++res.outliers;
            }
        return work;
    }
    if (x.rank() != 2)
        throw ArgumentError("column outliers need a 2-d tensor (rows x columns), got shape " +
                            Tensor::shapeString(x.shape()));
    const std::int64_t rows = x.dim(0), cols = x.dim(1);
    std::vector<char> column(std::size_t(cols), 0);
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c)
            column[std::size_t(c)] |= isOutlier(w[r * cols + c]) ? 1 : 0;
    for (std::int64_t c = 0; c < cols; ++c)
        if (column[std::size_t(c)]) {
            ++res.outlierColumns;
            for (std::int64_t r = 0; r < rows; ++r)
                w[r * cols + c] = nan;
        }
    res.outliers = res.outlierColumns * rows;
    return work;
}

GroupRange finiteRange(const float* x, std::int64_t n)
{
    return groupMinMax(x, GroupLayout({n}, Granularity{}), nullptr)[0];
}

// Fraction of the finite (non-outlier) inputs outside their group's clip range.
double clippedFraction(const float* work, const GroupLayout& layout, const std::vector<GroupParams>& groups,
                       std::int64_t finite)
{
    if (finite <= 0 || groups.empty())
        return 0;
    std::mutex m;
    std::int64_t clipped = 0;
    forEachPiece(
        layout,
        [&](const Run& piece) {
            std::int64_t k = 0;
            const float* v0 = work + piece.offset;
            if (piece.groupStride == 0) {
                // One group: constant bounds, a loop that vectorises (NaN compares false).
                const GroupParams& g = groups[std::size_t(piece.group)];
                const float lo = float(g.clipMin), hi = float(g.clipMax);
                const bool loExact = double(lo) == g.clipMin, hiExact = double(hi) == g.clipMax;
                if (loExact && hiExact) {
                    for (std::int64_t j = 0; j < piece.length; ++j)
                        k += (std::fabs(v0[j]) <= FLT_MAX) & ((v0[j] < lo) | (v0[j] > hi)) ? 1 : 0;
                    std::lock_guard lock(m);
                    clipped += k;
                    return;
                }
            }
            for (std::int64_t j = 0; j < piece.length; ++j) {
                const GroupParams& g = groups[std::size_t(piece.group + (piece.groupStride ? j : 0))];
                const float v = work[piece.offset + j];
                k += (std::fabs(v) <= FLT_MAX) && (v < g.clipMin || v > g.clipMax);
            }
            std::lock_guard lock(m);
            clipped += k;
        },
        nullptr);
    return double(clipped) / double(finite);
}

// Finite range of the float differences xhat - x, chunk by chunk (no error tensor).
GroupRange errorRange(const float* x, const float* xhat, std::int64_t n)
{
    const std::int64_t chunks = chunkCount(n, kChunk);
    std::vector<GroupRange> part(static_cast<std::size_t>(chunks));
    parallelChunks(n, kChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        std::vector<float> err(std::size_t(e - b));
        for (std::int64_t i = b; i < e; ++i)
            err[std::size_t(i - b)] = xhat[i] - x[i];
        part[std::size_t(c)] = finiteRange(err.data(), e - b);
    });
    GroupRange all;
    for (const auto& p : part)
        if (p.finite > 0) {
            all.lo = all.finite ? std::min(all.lo, p.lo) : p.lo;
            all.hi = all.finite ? std::max(all.hi, p.hi) : p.hi;
            all.finite += p.finite;
        }
    return all;
}

void measure(const Tensor& x, const float* work, const GroupLayout& layout, QuantResult& res,
             const QuantOptions& options)
{
    const std::int64_t n = x.size();
    const float* xhat = res.dequantized.data();
    const int bins = res.config.histogramBins;
    if (options.metrics && options.histograms) {
        // Metrics and histograms share their passes (measureQuantization).
        QuantMeasurement m = measureQuantization(x.values(), res.dequantized.values(), res.calibration.clipMin,
                                                 res.calibration.clipMax, bins);
        res.metrics = m.metrics;
        res.histOriginal = std::move(m.original);
        res.histDequantized = std::move(m.dequantized);
        res.histError = std::move(m.error);
    } else if (options.metrics) {
        res.metrics =
            computeMetrics(x.values(), res.dequantized.values(), res.calibration.clipMin, res.calibration.clipMax);
    } else if (options.histograms) {
        // The same histograms as measureQuantization, without the metrics.
        const GroupRange a = finiteRange(x.data(), n);
        const GroupRange b = finiteRange(xhat, n);
        const auto [lo, hi] =
            plotRange(std::min(a.finite ? a.lo : 0.0, b.finite ? b.lo : 0.0),
                      std::max(a.finite ? a.hi : 0.0, b.finite ? b.hi : 0.0), a.finite > 0 || b.finite > 0);
        res.histOriginal = computeHistogram(x.values(), bins, lo, hi);
        res.histDequantized = computeHistogram(res.dequantized.values(), bins, lo, hi);
        const GroupRange e = errorRange(x.data(), xhat, n);
        const auto [eLo, eHi] = plotRange(e.lo, e.hi, e.finite > 0);
        res.histError = computeDifferenceHistogram(x.values(), res.dequantized.values(), bins, eLo, eHi);
    }
    if (options.metrics) // per group: each group has its own clip range
        res.metrics.clippedFraction = clippedFraction(work, layout, res.groups, n - res.nonfinite);
}

// [outer, L, inner] -> [outer, inner, L]: the block axis moved last (grouping.h).
template <class T> void moveAxisLast(const T* src, T* dst, const BlockRows& r)
{
    parallelChunks(r.outer, 1, [&](std::int64_t, std::int64_t o0, std::int64_t o1) {
        for (std::int64_t o = o0; o < o1; ++o)
            for (std::int64_t l = 0; l < r.length; ++l)
                for (std::int64_t i = 0; i < r.inner; ++i)
                    dst[(o * r.inner + i) * r.length + l] = src[(o * r.length + l) * r.inner + i];
    });
}

// The inverse of moveAxisLast.
template <class T> void moveLastAxisBack(const T* src, T* dst, const BlockRows& r)
{
    parallelChunks(r.outer, 1, [&](std::int64_t, std::int64_t o0, std::int64_t o1) {
        for (std::int64_t o = o0; o < o1; ++o)
            for (std::int64_t l = 0; l < r.length; ++l)
                for (std::int64_t i = 0; i < r.inner; ++i)
                    dst[(o * r.length + l) * r.inner + i] = src[(o * r.inner + i) * r.length + l];
    });
}

// Group (o, b, i) of the tensor's order is group (o, i, b) of the permuted layout.
std::int64_t permutedGroup(std::int64_t natural, const BlockRows& r, std::int64_t blocks)
{
    const std::int64_t i = natural % r.inner, b = (natural / r.inner) % blocks, o = natural / (r.inner * blocks);
    return (o * r.inner + i) * blocks + b;
}

template <class T>
std::vector<T> naturalGroupOrder(const std::vector<T>& groups, const BlockRows& r, std::int64_t blocks)
{
    std::vector<T> out(groups.size());
    for (std::size_t g = 0; g < out.size(); ++g)
        out[g] = groups[std::size_t(permutedGroup(std::int64_t(g), r, blocks))];
    return out;
}

} // namespace

QuantResult runQuantization(const Tensor& x, const QuantConfig& config, const QuantOptions& options)
{
    config.validate();
    QuantResult res;
    res.config = config;
    res.shape = x.shape();
    res.n = x.size();
    // bitsandbytes' blockwise kernels run their blocks over the flattened tensor.
    Granularity granularity = config.granularity;
    if (config.convention == QuantConvention::Bitsandbytes && granularity.kind == Granularity::Kind::Block)
        granularity.blockAxis = Granularity::BlockAxis::Flat;
    const GroupLayout layout(x.shape(), granularity);
    res.groupShape = layout.groupShape();
    // Blocks along an axis other than the last: the quantizer works on the tensor
    // with that axis moved last (grouping.h), and the results are moved back.
    const BlockRows rows = layout.isBlocks() ? layout.blockRows() : BlockRows{};
    const bool permuted = !rows.contiguous();
    auto progress = [&](double f) {
        if (options.progress)
            options.progress(f);
    };
    auto cancelled = [&] {
        if (options.cancel && options.cancel->load())
            res.cancelled = true;
        return res.cancelled;
    };

    if (x.empty())
        res.messages.push_back("empty tensor: nothing to quantize");

    Tensor work = config.outliers == OutlierMode::Off ? x : maskOutliers(x, config, res);
    if (config.outliers != OutlierMode::Off)
        res.messages.push_back(std::to_string(res.outliers) + " outlier value(s) kept in full precision" +
                               (config.outliers == OutlierMode::Columns
                                    ? " (" + std::to_string(res.outlierColumns) + " column(s))"
                                    : std::string()));
    progress(0.1);

    res.dequantized = options.reuseOutput.size() == x.size() && !x.empty() ? options.reuseOutput.reshaped(x.shape())
                                                                           : Tensor(x.shape());
    if (options.codes)
        res.codes.assign(std::size_t(x.size()), 0);
    Tensor workP, xhatP;
    std::vector<std::int32_t> codesP;
    if (permuted) {
        workP = Tensor(Shape{rows.outer * rows.inner, rows.length});
        xhatP = Tensor(workP.shape());
        moveAxisLast(work.data(), workP.data(), rows);
        if (options.codes)
            codesP.assign(res.codes.size(), 0);
    }
    QuantContext ctx{permuted ? workP.data() : work.data(),
                     permuted ? xhatP.data() : res.dequantized.data(),
                     options.codes ? (permuted ? codesP.data() : res.codes.data()) : nullptr,
                     layout,
                     config,
                     options,
                     res};
    ctx.streamOutput = streamWorthIt(x.size() * std::int64_t(sizeof(float)));
    if (options.curveGroup >= 0 && options.curveGroup < layout.groupCount())
        ctx.curveGroup = permuted ? permutedGroup(options.curveGroup, rows, layout.blocksPerRow()) : options.curveGroup;
    switch (config.kind) {
    case QuantizerKind::Uniform: runUniform(ctx); break;
    case QuantizerKind::Float: runFloatCast(ctx); break;
    case QuantizerKind::Mx: runMx(ctx); break;
    case QuantizerKind::Codebook:
    case QuantizerKind::Nf4:
    case QuantizerKind::Log2:
    case QuantizerKind::KMeans: runCodebookFamily(ctx); break;
    case QuantizerKind::Q8_0:
    case QuantizerKind::Q4_0:
    case QuantizerKind::Q4_1:
    case QuantizerKind::Q5_0:
    case QuantizerKind::Q5_1:
    case QuantizerKind::IQ4_NL:
    case QuantizerKind::Q2_K:
    case QuantizerKind::Q3_K:
    case QuantizerKind::Q4_K:
    case QuantizerKind::Q5_K:
    case QuantizerKind::Q6_K: runGgml(ctx); break;
    }
    if (cancelled())
        return res;
    if (permuted) {
        moveLastAxisBack(xhatP.data(), res.dequantized.data(), rows);
        if (options.codes)
            moveLastAxisBack(codesP.data(), res.codes.data(), rows);
    }
    // Outliers were masked as NaN in the working copy; they are not non-finite inputs.
    res.nonfinite = ctx.finiteSeen >= 0 ? x.size() - ctx.finiteSeen - res.outliers : countNonfinite(x.data(), x.size());
    if (res.nonfinite > 0)
        res.messages.push_back(std::to_string(res.nonfinite) + " non-finite input(s) (NaN/Inf): " + kNonfinitePolicy);
    progress(0.7);

    if (config.outliers != OutlierMode::Off) {
        // Outliers pass through unquantized, like non-finite values.
        const float* xs = x.data();
        float* xh = res.dequantized.data();
        for (std::int64_t i = 0; i < x.size(); ++i)
            if (std::isnan(work.data()[i]) && !std::isnan(xs[i])) {
                xh[i] = xs[i];
                if (!res.codes.empty())
                    res.codes[std::size_t(i)] = 0;
            }
    }
    // Everything stored: the quantizer's codes and parameters, plus the values that
    // pass through in full precision (outliers, NaN/Inf) with their positions.
    const std::int64_t passedElements =
        (config.outliers == OutlierMode::Elements ? res.outliers : 0) + std::max<std::int64_t>(0, res.nonfinite);
    res.storage = accountStorage(ctx.storage, layout, res.n, passedElements, res.outlierColumns,
                                 x.rank() == 2 ? x.dim(0) : 0, res.warnings);
    res.bitsPerValue = bitsPerValue(res.storage, res.n);
    measure(x, permuted ? workP.data() : work.data(), layout, res, options);
    if (permuted) {
        res.groups = naturalGroupOrder(res.groups, rows, layout.blocksPerRow());
        res.storedScales = naturalGroupOrder(res.storedScales, rows, layout.blocksPerRow());
        res.storedOffsets = naturalGroupOrder(res.storedOffsets, rows, layout.blocksPerRow());
    }
    if (ctx.curveGroup >= 0 && layout.groupCount() > 1 && !res.calibration.curve.x.empty())
        res.curveGroup = options.curveGroup;
    cancelled();
    progress(1.0);
    return res;
}

} // namespace qs
