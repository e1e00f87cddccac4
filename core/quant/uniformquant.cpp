// The uniform affine quantizer over groups: calibrate every group, derive S
// and Z by the configured convention (quant/affine.h), run the kernel.
#include "quant/affine.h"
#include "quant/quantizers.h"

#include <cmath>

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
    // MSE calibration measures this very quantizer (convention, grid and rounding included).
    target.fakeQuant = [&](std::span<const float> in, std::span<float> out, double lo, double hi) {
        const AffineParams p = affineParams(lo, hi, grid, cfg.scheme, cfg.convention, cfg.rounding);
        const AffineGroupArrays arrays{&p.scale, &p.invScale, &p.zeroPoint};
        affineFakeQuant(in.data(), out.data(), nullptr, std::int64_t(in.size()), arrays, 0, grid, cfg.rounding, 0);
    };
    const std::vector<GroupRange> ranges = calibrateGroups(ctx, target);
    if (ctx.cancelled())
        return;

    const std::size_t groups = ranges.size();
    std::vector<float> scale(groups), inv(groups), zp(groups);
    res.groups.resize(groups);
    std::int64_t degenerate = 0;
    for (std::size_t g = 0; g < groups; ++g) {
        const AffineParams p = affineParams(ranges[g].lo, ranges[g].hi, grid, cfg.scheme, cfg.convention, cfg.rounding);
        scale[g] = p.scale;
        inv[g] = p.invScale;
        zp[g] = p.zeroPoint;
        res.groups[g] = {p.scale, p.zeroPoint, p.clipMin, p.clipMax, ctx.layout.groupSize(std::int64_t(g))};
        degenerate += (p.degenerate && ranges[g].finite > 0) ? 1 : 0;
    }
    if (degenerate)
        res.messages.push_back(std::to_string(degenerate) +
                               " group(s) with a zero-width range (constant or all zero): a safe scale was used");

    const AffineGroupArrays arrays{scale.data(), inv.data(), zp.data()};
    forEachPiece(
        ctx.layout,
        [&](const Run& piece) {
            const AffineGroupArrays a{arrays.scale + piece.group, arrays.invScale + piece.group,
                                      arrays.zeroPoint + piece.group};
            affineFakeQuant(ctx.x + piece.offset, ctx.xhat + piece.offset,
                            ctx.codes ? ctx.codes + piece.offset : nullptr, piece.length, a, piece.groupStride, grid,
                            cfg.rounding, std::uint64_t(piece.offset));
        },
        ctx.options.cancel);

    res.codeMin = grid.qmin;
    res.codeMax = grid.qmax;
    // Storage: the codes, plus a float32 scale per group and, for asymmetric
    // grids, an int32 zero point per group (PyTorch's per-channel layout).
    const double perGroupBits = 32.0 + (cfg.scheme == QuantScheme::Asymmetric ? 32.0 : 0.0);
    res.bitsPerValue = res.n > 0 ? double(cfg.bits) + perGroupBits * double(groups) / double(res.n) : double(cfg.bits);
}

} // namespace qs
