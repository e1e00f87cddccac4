// Float formats as quantizers: a cast to the format, optionally with a scale
// per group that maps the group's calibrated absmax onto the format's largest
// finite value (the per-tensor / per-channel / per-block scaling of FP8
// training recipes). The cast saturates: a quantizer clamps (design.md §3).
#include "formats/error.h"
#include "formats/numberformat.h"
#include "quant/floatcast.h"
#include "quant/quantizers.h"
#include "quant/streamstore.h"

#include <atomic>

#include <cmath>

namespace qs {

void runFloatCast(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    QuantResult& res = ctx.result;
    const FloatFormat format = parseFloatFormat(cfg.format);
    const FloatCaster caster(format, OverflowMode::Saturate, cfg.rounding);
    const double maxFinite = format.maxFinite();
    const std::size_t groups = std::size_t(ctx.layout.groupCount());
    std::vector<float> scale(groups, 1.0f), inv(groups, 1.0f);
    res.groups.assign(groups, GroupParams{});

    if (cfg.formatScaled) {
        if (!std::isfinite(maxFinite))
            throw ArgumentError("format " + format.name() + " is too wide to scale from float32");
        CalibrationTarget target;
        target.symmetric = true;
        target.bits = format.totalBits();
        target.fakeQuant = [&](std::span<const float> in, std::span<float> out, double lo, double hi) {
            const double a = std::max(std::fabs(lo), std::fabs(hi));
            const float s = a > 0 ? float(a / maxFinite) : 1.0f, iv = a > 0 ? float(maxFinite / a) : 1.0f;
            caster.cast(in.data(), out.data(), nullptr, std::int64_t(in.size()), iv, s, 0);
        };
        const std::vector<GroupRange> ranges = calibrateGroups(ctx, target);
        if (ctx.cancelled())
            return;
        for (std::size_t g = 0; g < groups; ++g) {
            const double a = std::max(std::fabs(ranges[g].lo), std::fabs(ranges[g].hi));
            if (a > 0 && std::isfinite(float(maxFinite / a)) && float(a / maxFinite) > 0) {
                scale[g] = float(a / maxFinite);
                inv[g] = float(maxFinite / a);
            }
            res.groups[g] = {scale[g], 0.0, -a, a, ctx.layout.groupSize(std::int64_t(g))};
        }
    } else {
        // A plain cast: the "clip range" is the format's finite range.
        for (std::size_t g = 0; g < groups; ++g)
            res.groups[g] = {1.0, 0.0, -maxFinite, maxFinite, ctx.layout.groupSize(std::int64_t(g))};
        res.calibration = CalibrationResult{};
        res.calibration.method = CalibrationMethod::MinMax;
        res.calibration.clipMin = -maxFinite;
        res.calibration.clipMax = maxFinite;
        res.calibration.message = "plain cast: the range is the format's finite range";
    }

    // The pipeline needs the count of non-finite inputs; counting them here,
    // on each block while it is in L1, saves it a separate pass over memory.
    std::atomic<std::int64_t> finite{0};
    auto countFinite = [](const float* v, std::int64_t len) {
        const auto* bits = reinterpret_cast<const std::uint32_t*>(v);
        std::int32_t k = 0; // an int32 count vectorises
        for (std::int64_t j = 0; j < len; ++j)
            k += (bits[j] & 0x7F800000u) != 0x7F800000u ? 1 : 0;
        return std::int64_t(k);
    };
    forEachPiece(
        ctx.layout,
        [&](const Run& piece) {
            std::int32_t* codes = ctx.codes ? ctx.codes + piece.offset : nullptr;
            if (piece.groupStride == 0) {
                const std::size_t g = std::size_t(piece.group);
                std::int64_t k = 0;
                streamOutput(ctx.xhat + piece.offset, piece.length, ctx.streamOutput,
                             [&](std::int64_t offset, std::int64_t len, float* out) {
                                 const float* in = ctx.x + piece.offset + offset;
                                 k += countFinite(in, len);
                                 caster.cast(in, out, codes ? codes + offset : nullptr, len, inv[g], scale[g],
                                             std::uint64_t(piece.offset + offset));
                             });
                finite.fetch_add(k, std::memory_order_relaxed);
                return;
            }
            finite.fetch_add(countFinite(ctx.x + piece.offset, piece.length), std::memory_order_relaxed);
            for (std::int64_t j = 0; j < piece.length; ++j) {
                const std::size_t g = std::size_t(piece.group + j);
                caster.cast(ctx.x + piece.offset + j, ctx.xhat + piece.offset + j, codes ? codes + j : nullptr, 1,
                            inv[g], scale[g], std::uint64_t(piece.offset + j));
            }
        },
        ctx.options.cancel);
    if (ctx.finiteSeen < 0)
        ctx.finiteSeen = finite.load();

    if (!caster.codesFit() && ctx.codes)
        res.messages.push_back(format.name() + " codes are wider than 32 bits: codes are not reported");
    res.codeMin = 0;
    res.codeMax = format.totalBits() >= 31 ? INT32_MAX : std::int32_t((std::int64_t(1) << format.totalBits()) - 1);
    if (format.totalBits() == 32)
        res.codeMin = INT32_MIN; // the bit pattern reinterpreted as int32
    const double scaleBits = cfg.formatScaled ? 32.0 * double(groups) : 0.0;
    res.bitsPerValue = double(format.totalBits()) + (res.n > 0 ? scaleBits / double(res.n) : 0.0);
}

} // namespace qs
