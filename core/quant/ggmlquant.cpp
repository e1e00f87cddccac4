// llama.cpp / ggml block formats (design.md §4), following the reference
// quantizers quantize_row_q8_0/q4_0/q4_1_reference of ggml: blocks of 32,
// float32 arithmetic, scales stored as fp16. Quantization uses the float32 d
// (and min); dequantization uses the fp16-rounded values, as ggml does.
//   Q8_0  d = amax / 127, q = roundf(x / d) (half away from zero), x̂ = q d
//   Q4_0  d = max / -8 (max: the signed value of largest magnitude, first one
//         wins), q = min(15, trunc(x / d + 8.5)), x̂ = (q - 8) d
//   Q4_1  d = (max - min) / 15, m = min, q = min(15, trunc((x - m) / d + 0.5)), x̂ = q d + m
// ggml multiplies by id = 1/d (0 when d = 0) rather than dividing; so do we.
// Non-finite values are left out of the block statistics and pass through.
#include "quant/floatcast.h"
#include "quant/quantizers.h"

#include <atomic>
#include <cfloat>
#include <cmath>

namespace qs {

namespace {

bool isFinite(float v)
{
    return std::fabs(v) <= FLT_MAX;
}

// x·id is NaN when a block of subnormals has id = 1/d = Inf and x = 0; ggml's
// integer conversion of that NaN is undefined in C and gives code 0 on x86
// (INT_MIN truncated to int8_t). NaN becomes 0 here, without the undefined cast.
float nanToZero(float v)
{
    return v == v ? v : 0.0f;
}

} // namespace

void runGgml(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    QuantResult& res = ctx.result;
    const QuantizerKind kind = cfg.kind;
    // fp16 storage of d (and m): IEEE round to nearest even; overflow gives Inf as in ggml.
    const FloatCaster fp16(FloatFormat::fp16(), OverflowMode::Ieee, Rounding{});
    // A scale beyond the fp16 range: ggml stores Inf and dequantizes to
    // Inf/NaN. Here it saturates to the largest fp16 (65504) so finite inputs
    // stay finite (the block is then clipped), and a message says so.
    auto toHalf = [&](float v, bool& saturated) {
        float out = 0;
        fp16.cast(&v, &out, nullptr, 1, 1.0f, 1.0f, 0);
        if (std::isinf(out)) {
            out = std::copysign(65504.0f, out);
            saturated = true;
        }
        return out;
    };
    if (cfg.rounding.mode != RoundingMode::NearestEven)
        res.messages.push_back("llama.cpp formats round as ggml does; --rounding is not used");
    if (cfg.calibration.method != CalibrationMethod::MinMax)
        res.messages.push_back("llama.cpp scales follow the block statistics; calibration is not used");

    res.groups.assign(std::size_t(ctx.layout.groupCount()), GroupParams{});
    std::atomic<std::int64_t> overflowBlocks{0};
    forEachPiece(
        ctx.layout,
        [&](const Run& block) {
            const float* x = ctx.x + block.offset;
            float* xhat = ctx.xhat + block.offset;
            std::int32_t* codes = ctx.codes ? ctx.codes + block.offset : nullptr;
            const std::int64_t n = block.length;
            GroupParams& gp = res.groups[std::size_t(block.group)];
            gp.count = n;
            auto put = [&](std::int64_t j, std::int32_t q, float value) {
                const bool f = isFinite(x[j]);
                xhat[j] = f ? value : x[j];
                if (codes)
                    codes[j] = f ? q : 0;
            };
            bool saturated = false;
            if (kind == QuantizerKind::Q8_0) {
                float amax = 0;
                for (std::int64_t j = 0; j < n; ++j)
                    if (isFinite(x[j]))
                        amax = std::max(amax, std::fabs(x[j]));
                const float d = amax / 127.0f;
                const float id = d != 0 ? 1.0f / d : 0.0f;
                const float dh = toHalf(d, saturated);
                for (std::int64_t j = 0; j < n; ++j) {
                    const float v = isFinite(x[j]) ? std::clamp(nanToZero(x[j] * id), -127.0f, 127.0f) : 0.0f;
                    // roundf (half away from zero), exactly, without a libm call: |v| <= 127.
                    const std::int32_t t = std::int32_t(v);
                    const float frac = v - float(t);
                    const std::int32_t q = t + (frac >= 0.5f ? 1 : 0) - (frac <= -0.5f ? 1 : 0);
                    put(j, q, float(q) * dh);
                }
                gp.scale = dh;
                gp.zeroPoint = 0;
                gp.clipMin = saturated ? -127.0 * dh : -amax;
                gp.clipMax = saturated ? 127.0 * dh : amax;
            } else if (kind == QuantizerKind::Q4_0) {
                float amax = 0, max = 0;
                for (std::int64_t j = 0; j < n; ++j)
                    if (isFinite(x[j]) && amax < std::fabs(x[j])) {
                        amax = std::fabs(x[j]);
                        max = x[j];
                    }
                const float d = max / -8.0f;
                const float id = d != 0 ? 1.0f / d : 0.0f;
                const float dh = toHalf(d, saturated);
                for (std::int64_t j = 0; j < n; ++j) {
                    const float t = isFinite(x[j]) ? nanToZero(x[j] * id + 8.5f) : 0.0f;
                    const std::int32_t q = std::int32_t(std::clamp(t, 0.0f, 15.0f)); // (int8_t) truncation, min 15
                    put(j, q, float(q - 8) * dh);
                }
                gp.scale = dh;
                gp.zeroPoint = 8;
                gp.clipMin = saturated ? -8.0 * std::fabs(dh) : -amax;
                gp.clipMax = saturated ? 8.0 * std::fabs(dh) : amax;
            } else {
                float min = FLT_MAX, max = -FLT_MAX;
                bool any = false;
                for (std::int64_t j = 0; j < n; ++j)
                    if (isFinite(x[j])) {
                        min = std::min(min, x[j]);
                        max = std::max(max, x[j]);
                        any = true;
                    }
                if (!any)
                    min = max = 0;
                float d = (max - min) / 15.0f;
                if (std::isinf(d)) // max - min beyond float32 (ggml: Inf): the width in double
                    d = float((double(max) - double(min)) / 15.0);
                const float id = d != 0 ? 1.0f / d : 0.0f;
                const float dh = toHalf(d, saturated), mh = toHalf(min, saturated);
                for (std::int64_t j = 0; j < n; ++j) {
                    const float t = isFinite(x[j]) ? nanToZero((x[j] - min) * id + 0.5f) : 0.0f;
                    const std::int32_t q = std::int32_t(std::clamp(t, 0.0f, 15.0f));
                    put(j, q, float(q) * dh + mh);
                }
                gp.scale = dh;
                gp.zeroPoint = dh != 0 ? -double(mh) / double(dh) : 0.0; // x̂ = d (q - zp) = q d + m
                gp.clipMin = saturated ? double(mh) : double(min);
                gp.clipMax = saturated ? double(mh) + 15.0 * double(dh) : double(max);
            }
            overflowBlocks += saturated ? 1 : 0;
        },
        ctx.options.cancel);
    if (overflowBlocks > 0)
        res.messages.push_back(std::to_string(overflowBlocks.load()) +
                               " block(s) whose fp16 scale or offset overflowed (|x| beyond the fp16 range): saturated "
                               "to 65504, so those blocks are clipped (ggml would store Inf and give Inf/NaN)");

    double lo = 0, hi = 0;
    for (const auto& g : res.groups) {
        lo = std::min(lo, g.clipMin);
        hi = std::max(hi, g.clipMax);
    }
    res.calibration = CalibrationResult{};
    res.calibration.method = CalibrationMethod::MinMax;
    res.calibration.clipMin = lo;
    res.calibration.clipMax = hi;
    res.calibration.message = "llama.cpp: scales from each block's statistics";
    res.codeMin = kind == QuantizerKind::Q8_0 ? -127 : 0;
    res.codeMax = kind == QuantizerKind::Q8_0 ? 127 : 15;
    // Per block of 32: fp16 d (Q4_1 also an fp16 m).
    const double perBlock = kind == QuantizerKind::Q4_1 ? 32.0 : 16.0;
    res.bitsPerValue = (kind == QuantizerKind::Q8_0 ? 8.0 : 4.0) + perBlock / 32.0;
}

} // namespace qs
