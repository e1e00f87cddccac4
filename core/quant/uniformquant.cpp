// The uniform affine quantizer over groups: calibrate every group, derive S
// and Z by the configured convention (quant/affine.h), run the kernel.
#include "quant/affine.h"
#include "quant/quantizers.h"

#include "quant/parallel.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

namespace qs {

void runUniform(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    const AffineGrid grid = affineGrid(cfg.bits, cfg.isSigned, cfg.range);
    QuantResult& res = ctx.result;

    CalibrationTarget target;
    target.symmetric = cfg.scheme == QuantScheme::Symmetric;
    target.unsignedGrid = !cfg.isSigned;
    target.bits = cfg.bits;
    target.torchHistogram = cfg.convention == QuantConvention::Nvidia;
    // S and Z of one group, with the scale rounded to its storage format.
    std::atomic<std::int64_t> clampedScales{0};
    auto groupParams = [&](double lo, double hi, bool count = true) {
        AffineParams p = affineParams(lo, hi, grid, cfg.scheme, cfg.convention, cfg.rounding);
        bool clamped = false;
        roundAffineScale(p, grid, cfg.convention, cfg.scaleFormat, clamped);
        if (count && clamped)
            ++clampedScales;
        return p;
    };
    const bool divide = cfg.convention == QuantConvention::Nvidia;
    // MSE calibration measures this very quantizer (convention, grid, scale format and rounding included).
    target.fakeQuant = [&](std::span<const float> in, std::span<float> out, double lo, double hi) {
        const AffineParams p = groupParams(lo, hi, false);
        const AffineGroupArrays arrays{&p.scale, &p.invScale, &p.zeroPoint, divide};
        affineFakeQuant(in.data(), out.data(), nullptr, std::int64_t(in.size()), arrays, 0, grid, cfg.rounding, 0);
    };
    // What is stored: the codes, a scale per group in its format and, for an
    // asymmetric grid, an integer zero point per group at the width it needs.
    auto account = [&](const std::vector<float>& zp) {
        ctx.storage.codeBits = cfg.bits;
        ctx.storage.scaleFormat = cfg.scaleFormat == ScaleFormat::Auto ? ScaleFormat::Fp32 : cfg.scaleFormat;
        ctx.storage.scaleBits = scaleFormatBits(ctx.storage.scaleFormat);
        if (cfg.scheme == QuantScheme::Asymmetric && !zp.empty()) {
            const auto [lo, hi] = std::minmax_element(zp.begin(), zp.end());
            bool widened = false;
            ctx.storage.zeroPointBits =
                zeroPointWidth(*lo, *hi, cfg.bits, grid.qmin, grid.qmax, ctx.storage.zeroPointSigned, widened);
            if (widened)
                res.warnings.push_back("zero points range over [" + std::to_string(int(*lo)) + ", " +
                                       std::to_string(int(*hi)) + "], outside the codes' [" +
                                       std::to_string(grid.qmin) + ", " + std::to_string(grid.qmax) + "]: stored as " +
                                       std::to_string(ctx.storage.zeroPointBits) + "-bit signed integers");
        }
        if (clampedScales > 0)
            res.messages.push_back(std::to_string(clampedScales.load()) + " group scale(s) outside the " +
                                   toString(ctx.storage.scaleFormat) + " range were clamped to it");
    };
    const GroupLayout& layout = ctx.layout;
    const std::int64_t groupCount = layout.groupCount();
    bool oneRunPerGroup = cfg.calibration.method == CalibrationMethod::MinMax && layout.size() > 0 && groupCount > 1 &&
                          !layout.groupStrided() && layout.runCount() == groupCount;
    for (std::int64_t k = 0; oneRunPerGroup && k < groupCount; ++k) {
        const Run r = layout.run(k);
        oneRunPerGroup = r.group == k && r.groupStride == 0 && r.length == layout.groupSize(k);
    }
    if (oneRunPerGroup) {
        // Min-max calibration where every group is one contiguous run (channels
        // of axis 0): calibrate and quantize each run while it is in cache, one
        // pass over memory. Same values, summaries and messages as
        // calibrateGroups followed by the kernel over the pieces.
        const std::size_t groups = std::size_t(groupCount);
        std::vector<float> scale(groups), inv(groups), zp(groups);
        res.groups.resize(groups);
        res.storedScales.resize(groups);
        const std::int64_t avg = std::max<std::int64_t>(1, layout.size() / groupCount);
        const std::int64_t perChunk = std::max<std::int64_t>(1, (std::int64_t(1) << 16) / avg);
        const std::int64_t chunks = chunkCount(groupCount, perChunk);
        struct Part
        {
            std::int64_t finite = 0, empty = 0;
            AffineNotes notes;
            double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
        };
        std::vector<Part> parts(static_cast<std::size_t>(chunks));
        parallelChunks(
            groupCount, perChunk,
            [&](std::int64_t c, std::int64_t b, std::int64_t e) {
                Part part;
                for (std::int64_t g = b; g < e; ++g) {
                    const Run run = layout.run(g);
                    GroupRange r = runRange(ctx.x + run.offset, run.length);
                    part.finite += r.finite;
                    if (r.finite == 0) {
                        r.lo = r.hi = 0;
                        ++part.empty;
                    } else {
                        if (target.symmetric) {
                            const double a = std::max(std::fabs(r.lo), std::fabs(r.hi));
                            r.lo = -a;
                            r.hi = a;
                        }
                        part.lo = std::min(part.lo, r.lo);
                        part.hi = std::max(part.hi, r.hi);
                    }
                    const AffineParams p = groupParams(r.lo, r.hi);
                    const std::size_t gi = std::size_t(g);
                    scale[gi] = p.scale;
                    inv[gi] = p.invScale;
                    zp[gi] = p.zeroPoint;
                    res.storedScales[gi] = p.stored;
                    res.groups[gi] = {p.scale, p.zeroPoint, p.clipMin, p.clipMax, run.length};
                    part.notes.add(p, grid, r.finite > 0);
                    affineFakeQuant(ctx.x + run.offset, ctx.xhat + run.offset,
                                    ctx.codes ? ctx.codes + run.offset : nullptr, run.length,
                                    {scale.data() + gi, inv.data() + gi, zp.data() + gi, divide}, 0, grid, cfg.rounding,
                                    std::uint64_t(run.offset), ctx.streamOutput);
                }
                parts[std::size_t(c)] = part;
            },
            ctx.options.cancel);
        Part all;
        for (const Part& p : parts) {
            all.finite += p.finite;
            all.empty += p.empty;
            all.notes.merge(p.notes);
            all.lo = std::min(all.lo, p.lo);
            all.hi = std::max(all.hi, p.hi);
        }
        if (all.empty)
            res.messages.push_back(std::to_string(all.empty) + " group(s) without finite values");
        ctx.finiteSeen = all.finite;
        CalibrationResult& cal = res.calibration;
        cal = CalibrationResult{};
        cal.method = CalibrationMethod::MinMax;
        cal.finiteCount = all.finite;
        cal.nonfiniteCount = layout.size() - all.finite;
        cal.clipMin = std::isfinite(all.lo) ? all.lo : 0;
        cal.clipMax = std::isfinite(all.hi) ? all.hi : 0;
        cal.message = "per-group calibration of " + std::to_string(groups) +
                      " groups (the hull of their ranges is shown; each group's range is in params)";
        all.notes.report(res.messages);
        res.codeMin = grid.qmin;
        res.codeMax = grid.qmax;
        account(zp);
        return;
    }

    const std::vector<GroupRange> ranges = calibrateGroups(ctx, target);
    if (ctx.cancelled())
        return;

    const std::size_t groups = ranges.size();
    std::vector<float> scale(groups), inv(groups), zp(groups);
    res.groups.resize(groups);
    res.storedScales.resize(groups);
    AffineNotes notes;
    for (std::size_t g = 0; g < groups; ++g) {
        const AffineParams p = groupParams(ranges[g].lo, ranges[g].hi);
        scale[g] = p.scale;
        inv[g] = p.invScale;
        zp[g] = p.zeroPoint;
        res.storedScales[g] = p.stored;
        res.groups[g] = {p.scale, p.zeroPoint, p.clipMin, p.clipMax, ctx.layout.groupSize(std::int64_t(g))};
        notes.add(p, grid, ranges[g].finite > 0);
    }
    notes.report(res.messages);

    const AffineGroupArrays arrays{scale.data(), inv.data(), zp.data(), divide};
    forEachPiece(
        ctx.layout,
        [&](const Run& piece) {
            const AffineGroupArrays a{arrays.scale + piece.group, arrays.invScale + piece.group,
                                      arrays.zeroPoint + piece.group, divide};
            affineFakeQuant(ctx.x + piece.offset, ctx.xhat + piece.offset,
                            ctx.codes ? ctx.codes + piece.offset : nullptr, piece.length, a, piece.groupStride, grid,
                            cfg.rounding, std::uint64_t(piece.offset), ctx.streamOutput);
        },
        ctx.options.cancel);

    res.codeMin = grid.qmin;
    res.codeMax = grid.qmax;
    account(zp);
}

} // namespace qs
