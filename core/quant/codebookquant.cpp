// The codebook family over groups: user codebooks, NF4, log2 levels and
// k-means levels. Codebook, NF4 and log2 scale each group so its calibrated
// absmax maps onto the largest |level|; k-means levels are fitted to the data
// and used unscaled.
#include "formats/error.h"
#include "quant/bnb.h"
#include "quant/codebook.h"
#include "quant/floatrange.h"
#include "quant/parallel.h"
#include "quant/quantizers.h"
#include "quant/streamstore.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace qs {

namespace {

// A group whose absmax is near FLT_MAX: scale · max|L| rounds past the float
// range, and the kernel returns ±FLT_MAX there (quant/floatrange.h).
void reportOverflow(QuantResult& res, std::int64_t groups)
{
    if (groups > 0)
        res.messages.push_back(std::to_string(groups) +
                               " group(s) whose largest level reaches past the float32 range: dequantized values "
                               "there are clamped to the largest finite float32 (3.40282347e+38)");
}

// What the codebook family stores: ceil(log2 K)-bit codes, a scale per group
// (none for k-means), the levels of a user codebook or of k-means (fp32 each),
// and with double quantization 8-bit absmax codes plus an fp32 absmax per 256
// blocks and the fp32 offset.
void accountCodebook(QuantContext& ctx, const std::vector<double>& levels, ScaleFormat scaleFormat,
                     const std::atomic<std::int64_t>& clampedScales)
{
    const QuantConfig& cfg = ctx.config;
    StorageSpec& st = ctx.storage;
    st.codeBits = int(std::ceil(std::log2(double(std::max<std::size_t>(2, levels.size())))));
    if (cfg.kind != QuantizerKind::KMeans) {
        st.scaleFormat = scaleFormat;
        st.scaleBits = scaleFormatBits(scaleFormat);
    }
    if (cfg.kind == QuantizerKind::Codebook) {
        st.tableBits = 32.0 * double(levels.size());
        st.tableWhat = std::to_string(levels.size()) + " fp32 codebook levels";
    }
    if (cfg.doubleQuant)
        accountDoubleQuant(st, ctx.layout.groupCount());
    if (clampedScales > 0)
        ctx.result.messages.push_back(std::to_string(clampedScales.load()) + " group scale(s) outside the " +
                                      toString(scaleFormat) + " range were clamped to it");
}

} // namespace

void accountDoubleQuant(StorageSpec& st, std::int64_t groups)
{
    st.doubleQuant = true;
    st.scaleBits = 8;
    const std::int64_t blocks = (groups + bnb::kDoubleQuantBlock - 1) / bnb::kDoubleQuantBlock;
    st.tableBits = 32.0 * double(blocks) + 32.0;
    st.tableWhat =
        std::to_string(blocks) + " fp32 absmax of the 8-bit absmax codes (blocks of 256) and the fp32 offset";
}

void runCodebookFamily(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    if (cfg.kind == QuantizerKind::Nf4 && cfg.convention == QuantConvention::Bitsandbytes) {
        runBitsandbytesNf4(ctx);
        return;
    }
    QuantResult& res = ctx.result;
    const std::size_t groups = std::size_t(ctx.layout.groupCount());
    std::vector<double> levels;
    std::vector<float> scale(groups, 1.0f), inv(groups, 1.0f);
    res.groups.assign(groups, GroupParams{});
    const ScaleFormat scaleFormat = cfg.scaleFormat == ScaleFormat::Auto ? ScaleFormat::Fp32 : cfg.scaleFormat;
    std::atomic<std::int64_t> clampedScales{0};

    if (cfg.kind == QuantizerKind::KMeans) {
        if (groups != 1)
            throw ArgumentError("k-means levels are fitted per tensor: use --granularity tensor");
        const KMeansFit fit = fitKMeans(ctx.x, res.n, cfg.bits, cfg.kmeansIterations);
        levels = fit.centroids;
        res.kmeans.iterations = fit.iterations;
        res.kmeans.distortion = fit.distortion;
        res.kmeans.converged = fit.converged;
        if (fit.sampled < res.n - res.nonfinite)
            res.messages.push_back("k-means fitted on a fixed-stride sample of " + std::to_string(fit.sampled) +
                                   " values");
        res.calibration = CalibrationResult{};
        res.calibration.method = CalibrationMethod::MinMax;
        res.calibration.clipMin = levels.front();
        res.calibration.clipMax = levels.back();
        res.calibration.message = "k-means levels fitted to the data (no clipping range)";
        res.groups[0] = {1.0, 0.0, levels.front(), levels.back(), res.n};
        ctx.storage.tableBits = 32.0 * double(levels.size()); // the fitted fp32 levels
        ctx.storage.tableWhat = std::to_string(levels.size()) + " fp32 k-means levels";
    } else {
        if (cfg.kind == QuantizerKind::Codebook)
            levels = cfg.codebook;
        else if (cfg.kind == QuantizerKind::Nf4)
            levels = nf4Levels();
        else
            levels = log2Levels(cfg.bits);
    }
    const CodebookQuantizer cb(levels);
    // The group scale s = absmax / max|L| as stored (rounded to its format) and
    // the multiplier 1/s (from absmax in float32 when the scale is fp32).
    auto setScale = [&](double a, float& s, float& iv, bool count = true) {
        if (!(a > 0 && float(a / cb.maxAbsLevel()) > 0 && std::isfinite(float(cb.maxAbsLevel() / a))))
            return;
        if (scaleFormat == ScaleFormat::Fp32) {
            s = float(a / cb.maxAbsLevel());
            iv = float(cb.maxAbsLevel() / a);
            return;
        }
        bool clamped = false;
        s = roundScale(float(a / cb.maxAbsLevel()), scaleFormat, clamped);
        iv = 1.0f / s;
        if (count && clamped)
            ++clampedScales;
    };

    const std::int64_t B = ctx.layout.uniformBlockSize();
    if (cfg.kind != QuantizerKind::KMeans && cfg.calibration.method == CalibrationMethod::MinMax && B > 0 &&
        ctx.layout.size() > 0 && !cfg.doubleQuant) {
        // Min-max calibration over full blocks (NF4): one pass over memory.
        // Each work item takes the ranges of a few hundred blocks (still in
        // cache), derives their scales and quantizes them; every value and
        // summary is the one calibrateGroups + quantizeBlocks give.
        const double maxAbs = cb.maxAbsLevel();
        constexpr std::int64_t kChunkBlocks = 4096, kSub = 256;
        const std::int64_t chunks = chunkCount(std::int64_t(groups), kChunkBlocks);
        struct Part
        {
            std::int64_t finite = 0, empty = 0, overflow = 0;
            double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
        };
        std::vector<Part> parts(static_cast<std::size_t>(chunks));
        parallelChunks(
            std::int64_t(groups), kChunkBlocks,
            [&](std::int64_t c, std::int64_t b, std::int64_t e) {
                GroupRange r[kSub];
                Part p;
                // Large outputs: quantize into this cached buffer, then stream it out (quant/streamstore.h).
                std::vector<float> buffer(ctx.streamOutput ? std::size_t(kSub * B) : 0);
                for (std::int64_t s0 = b; s0 < e; s0 += kSub) {
                    const std::int64_t m = std::min(kSub, e - s0);
                    blockRanges(ctx.x + s0 * B, m, B, r);
                    for (std::int64_t k = 0; k < m; ++k) {
                        const std::size_t g = std::size_t(s0 + k);
                        double a = 0;
                        p.finite += r[k].finite;
                        if (r[k].finite == 0)
                            ++p.empty;
                        else {
                            a = std::max(std::fabs(r[k].lo), std::fabs(r[k].hi));
                            p.lo = std::min(p.lo, -a);
                            p.hi = std::max(p.hi, a);
                        }
                        setScale(a, scale[g], inv[g]);
                        const double reach =
                            scaleFormat == ScaleFormat::Fp32 ? a : std::min(a, double(scale[g]) * maxAbs);
                        res.groups[g] = {scale[g], 0.0, -reach, reach, B};
                        p.overflow += gridOverflows(scale[g], float(maxAbs)) ? 1 : 0;
                    }
                    float* out = ctx.streamOutput ? buffer.data() : ctx.xhat + s0 * B;
                    cb.quantizeBlocks(ctx.x + s0 * B, out, ctx.codes ? ctx.codes + s0 * B : nullptr, m, B,
                                      inv.data() + s0, scale.data() + s0);
                    if (ctx.streamOutput)
                        streamCopy(ctx.xhat + s0 * B, out, m * B);
                }
                streamFence();
                parts[std::size_t(c)] = p;
            },
            ctx.options.cancel);
        Part all;
        for (const Part& p : parts) {
            all.finite += p.finite;
            all.empty += p.empty;
            all.overflow += p.overflow;
            all.lo = std::min(all.lo, p.lo);
            all.hi = std::max(all.hi, p.hi);
        }
        if (all.empty)
            res.messages.push_back(std::to_string(all.empty) + " group(s) without finite values");
        reportOverflow(res, all.overflow);
        ctx.finiteSeen = all.finite;
        CalibrationResult& cal = res.calibration;
        cal = CalibrationResult{};
        cal.method = CalibrationMethod::MinMax;
        cal.finiteCount = all.finite;
        cal.nonfiniteCount = ctx.layout.size() - all.finite;
        cal.clipMin = std::isfinite(all.lo) ? all.lo : 0;
        cal.clipMax = std::isfinite(all.hi) ? all.hi : 0;
        if (groups > 1)
            cal.message = "per-group calibration of " + std::to_string(groups) +
                          " groups (the hull of their ranges is shown; each group's range is in params)";
        res.levels = levels;
        res.codeMin = 0;
        res.codeMax = std::int32_t(levels.size()) - 1;
        res.storedScales = scale;
        accountCodebook(ctx, levels, scaleFormat, clampedScales);
        return;
    }

    if (cfg.kind != QuantizerKind::KMeans) {
        const double maxAbs = cb.maxAbsLevel();
        CalibrationTarget target;
        target.symmetric = true;
        target.bits = cfg.bits;
        target.fakeQuant = [&](std::span<const float> in, std::span<float> out, double lo, double hi) {
            const double a = std::max(std::fabs(lo), std::fabs(hi));
            float s = 1.0f, iv = 1.0f;
            setScale(a, s, iv, false);
            cb.quantize(in.data(), out.data(), nullptr, std::int64_t(in.size()), iv, s);
        };
        const std::vector<GroupRange> ranges = calibrateGroups(ctx, target);
        if (ctx.cancelled())
            return;
        std::int64_t overflow = 0;
        for (std::size_t g = 0; g < groups; ++g) {
            const double a = std::max(std::fabs(ranges[g].lo), std::fabs(ranges[g].hi));
            // absmax -> max|L| (bitsandbytes stores the absmax itself as the NF4 block scale).
            setScale(a, scale[g], inv[g]);
            // A scale rounded down covers less than [-a, a]: beyond it the top level clips.
            const double reach = scaleFormat == ScaleFormat::Fp32 ? a : std::min(a, double(scale[g]) * maxAbs);
            res.groups[g] = {scale[g], 0.0, -reach, reach, ctx.layout.groupSize(std::int64_t(g))};
        }
        if (cfg.doubleQuant) {
            // bitsandbytes' double quantization: the codes use the exact absmax (inv),
            // x̂ uses the absmax as it comes back from its 8-bit codes.
            std::vector<float> absmax(groups);
            for (std::size_t g = 0; g < groups; ++g)
                absmax[g] = scale[g] * float(maxAbs);
            const bnb::DoubleQuantized dq = bnb::doubleQuantize(absmax);
            for (std::size_t g = 0; g < groups; ++g) {
                scale[g] = float(double(dq.values[g]) / maxAbs);
                res.groups[g].scale = scale[g];
            }
            res.doubleQuant = {dq.codes, dq.absmax, dq.offset};
        } else
            res.storedScales = scale;
        for (std::size_t g = 0; g < groups; ++g)
            overflow += gridOverflows(scale[g], float(maxAbs)) ? 1 : 0;
        reportOverflow(res, overflow);
    }

    if (B > 0) {
        // All blocks full (NF4 rows of a multiple of 64): many blocks per kernel call.
        parallelChunks(
            std::int64_t(groups), 4096,
            [&](std::int64_t, std::int64_t b, std::int64_t e) {
                cb.quantizeBlocks(ctx.x + b * B, ctx.xhat + b * B, ctx.codes ? ctx.codes + b * B : nullptr, e - b, B,
                                  inv.data() + b, scale.data() + b);
            },
            ctx.options.cancel);
    } else
        forEachPiece(
            ctx.layout,
            [&](const Run& piece) {
                std::int32_t* codes = ctx.codes ? ctx.codes + piece.offset : nullptr;
                if (piece.groupStride == 0) {
                    const std::size_t g = std::size_t(piece.group);
                    cb.quantize(ctx.x + piece.offset, ctx.xhat + piece.offset, codes, piece.length, inv[g], scale[g]);
                    return;
                }
                for (std::int64_t j = 0; j < piece.length; ++j) {
                    const std::size_t g = std::size_t(piece.group + j);
                    cb.quantize(ctx.x + piece.offset + j, ctx.xhat + piece.offset + j, codes ? codes + j : nullptr, 1,
                                inv[g], scale[g]);
                }
            },
            ctx.options.cancel);

    res.levels = levels;
    res.codeMin = 0;
    res.codeMax = std::int32_t(levels.size()) - 1;
    accountCodebook(ctx, levels, scaleFormat, clampedScales);
}

} // namespace qs
