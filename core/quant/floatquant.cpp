// Float formats as quantizers: a cast to the format, optionally with a scale
// per group that maps the group's calibrated absmax onto the format's largest
// finite value (the per-tensor / per-channel / per-block scaling of FP8
// training recipes). The cast saturates: a quantizer clamps (docs/course.md).
//
// Order of the scaled arithmetic, by convention:
//   textbook         S = amax / fmax stored, y = cast(x * (fmax / amax)), x̂ = y * S
//   pytorch, nvidia  s = fmax / amax stored (torchao's and TransformerEngine's
//                    recipe), y = cast(x * s), x̂ = y / s in float32
// Both quotients are float32-rounded; the two orders differ by up to an ulp.
#include "formats/error.h"
#include "formats/numberformat.h"
#include "quant/floatcast.h"
#include "quant/quantizers.h"
#include "quant/storage.h"
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
    // TransformerEngine / torchao: multiply by s = fmax / amax, cast, divide by s.
    const bool divide =
        cfg.formatScaled && (cfg.convention == QuantConvention::PyTorch || cfg.convention == QuantConvention::Nvidia);
    const ScaleFormat scaleFormat = cfg.scaleFormat == ScaleFormat::Auto ? ScaleFormat::Fp32 : cfg.scaleFormat;
    // The multiplier and the step of a group of absmax a (a > 0), with what is stored rounded to its format.
    auto groupScale = [&](double a, float& s, float& iv, float& stored, bool& clamped) {
        if (divide) {
            iv = roundScale(float(maxFinite / a), scaleFormat, clamped);
            s = iv; // x̂ = y / s: the kernel's "scale" is applied as a division below
            stored = iv;
        } else {
            s = roundScale(float(a / maxFinite), scaleFormat, clamped);
            iv = scaleFormat == ScaleFormat::Fp32 ? float(maxFinite / a) : 1.0f / s;
            stored = s;
        }
    };
    std::int64_t clampedScales = 0;

    if (cfg.formatScaled) {
        if (!std::isfinite(maxFinite))
            throw ArgumentError("format " + format.name() + " is too wide to scale from float32");
        CalibrationTarget target;
        target.symmetric = true;
        target.bits = format.totalBits();
        target.torchHistogram = cfg.convention == QuantConvention::Nvidia;
        target.fakeQuant = [&](std::span<const float> in, std::span<float> out, double lo, double hi) {
            const double a = std::max(std::fabs(lo), std::fabs(hi));
            float s = 1.0f, iv = 1.0f, stored = 1.0f;
            bool clamped = false;
            if (a > 0 && std::isfinite(float(maxFinite / a)) && float(a / maxFinite) > 0)
                groupScale(a, s, iv, stored, clamped);
            caster.cast(in.data(), out.data(), nullptr, std::int64_t(in.size()), iv, divide ? 1.0f : s, 0);
            if (divide)
                for (float& v : out)
                    v = v / s;
        };
        const std::vector<GroupRange> ranges = calibrateGroups(ctx, target);
        if (ctx.cancelled())
            return;
        res.storedScales.assign(groups, 1.0f);
        for (std::size_t g = 0; g < groups; ++g) {
            const double a = std::max(std::fabs(ranges[g].lo), std::fabs(ranges[g].hi));
            bool clamped = false;
            if (a > 0 && std::isfinite(float(maxFinite / a)) && float(a / maxFinite) > 0)
                groupScale(a, scale[g], inv[g], res.storedScales[g], clamped);
            clampedScales += clamped ? 1 : 0;
            // x̂ = step · level: the step is 1/s when dequantizing divides by s.
            const double step = divide ? 1.0 / double(scale[g]) : double(scale[g]);
            // A step rounded down covers less than [-a, a]: beyond it the cast saturates.
            const double reach = std::min(a, step * maxFinite);
            res.groups[g] = {step, 0.0, -reach, reach, ctx.layout.groupSize(std::int64_t(g))};
        }
        if (clampedScales > 0)
            res.messages.push_back(std::to_string(clampedScales) + " group scale(s) outside the " +
                                   toString(scaleFormat) + " range were clamped to it");
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
                                 caster.cast(in, out, codes ? codes + offset : nullptr, len, inv[g],
                                             divide ? 1.0f : scale[g], std::uint64_t(piece.offset + offset));
                                 if (divide)
                                     for (std::int64_t j = 0; j < len; ++j)
                                         out[j] = out[j] / scale[g];
                             });
                finite.fetch_add(k, std::memory_order_relaxed);
                return;
            }
            finite.fetch_add(countFinite(ctx.x + piece.offset, piece.length), std::memory_order_relaxed);
            for (std::int64_t j = 0; j < piece.length; ++j) {
                const std::size_t g = std::size_t(piece.group + j);
                caster.cast(ctx.x + piece.offset + j, ctx.xhat + piece.offset + j, codes ? codes + j : nullptr, 1,
                            inv[g], divide ? 1.0f : scale[g], std::uint64_t(piece.offset + j));
                if (divide)
                    ctx.xhat[piece.offset + j] = ctx.xhat[piece.offset + j] / scale[g];
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
    ctx.storage.codeBits = format.totalBits();
    if (cfg.formatScaled) {
        ctx.storage.scaleFormat = scaleFormat;
        ctx.storage.scaleBits = scaleFormatBits(scaleFormat);
    }
}

} // namespace qs
