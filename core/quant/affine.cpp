#include "quant/affine.h"

#include "formats/error.h"
#include "quant/floatrange.h"
#include "quant/storage.h"
#include "quant/streamstore.h"
#include "runtime/simd.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace qs {

AffineGrid affineGrid(int bits, bool isSigned, QuantRange range)
{
    if (bits < 1 || bits > 16)
        throw ArgumentError("integer quantizer bits " + std::to_string(bits) + " outside 1-16");
    AffineGrid g;
    g.bits = bits;
    g.isSigned = isSigned;
    if (isSigned) {
        g.qmin = -(1 << (bits - 1));
        g.qmax = (1 << (bits - 1)) - 1;
        if (range == QuantRange::Narrow)
            g.qmin += 1;
    } else {
        if (range == QuantRange::Narrow)
            throw ArgumentError("narrow range drops the most negative code of a signed grid; use it with intN");
        g.qmin = 0;
        g.qmax = (1 << bits) - 1;
    }
    if (g.qmax <= g.qmin)
        throw ArgumentError("a narrow 1-bit signed grid has a single code; use at least 2 bits");
    return g;
}

namespace {

constexpr double kMaxZeroPoint = 2097152.0; // 2^21: keeps round(x/S) + Z exact in the float32 kernel

// A double as a float, saturated at ±FLT_MAX.
float toFloatRange(double v)
{
    return float(std::clamp(v, -double(FLT_MAX), double(FLT_MAX)));
}

// Round half to even in double (Z of the pytorch convention is torch.round, RNE).
double roundEven(double v)
{
    return std::nearbyint(v); // the default FE_TONEAREST environment
}

AffineParams textbookParams(double lo, double hi, const AffineGrid& grid, QuantScheme scheme, const Rounding& rounding)
{
    AffineParams p;
    if (scheme == QuantScheme::Symmetric) {
        // Course formula S = absmax / qmax (qmax = 127 for int8, 255 for uint8), Z = 0.
        if (grid.isSigned && grid.qmax < 1)
            throw ArgumentError("symmetric signed quantization needs at least 2 bits");
        const double a = std::max(std::fabs(lo), std::fabs(hi));
        p.clipMin = grid.isSigned ? -a : 0.0;
        p.clipMax = a;
        if (!(a > 0)) {
            p.degenerate = true;
            return p; // S = 1: every value of an all-zero group is represented exactly
        }
        p.scale = float(a / grid.qmax);
        p.invScale = float(grid.qmax / a);
        return p;
    }
    // Asymmetric: S = (β - α) / (qmax - qmin), Z = qmin + round(-α / S).
    if (hi == lo) {
        // A constant group: stretch the range to include 0 so the value is an end point of the grid.
        lo = std::min(lo, 0.0);
        hi = std::max(hi, 0.0);
    }
    p.clipMin = lo;
    p.clipMax = hi;
    if (!(hi > lo)) {
        p.degenerate = true;
        p.zeroPoint = float(grid.qmin);
        return p;
    }
    const double levels = double(grid.qmax) - double(grid.qmin);
    p.scale = float((hi - lo) / levels);
    p.invScale = float(levels / (hi - lo));
    // The zero point uses the nearest rounding of the elements (away for nearest-away, else even).
    const double zr = -lo * levels / (hi - lo);
    const double z = rounding.mode == RoundingMode::NearestAway ? std::round(zr) : roundEven(zr);
    if (!(std::fabs(z) <= kMaxZeroPoint))
        throw ArgumentError("textbook zero point " + std::to_string(z) +
                            " is too far outside the grid (range far from 0); use --convention pytorch");
    p.zeroPoint = float(grid.qmin + z);
    return p;
}

AffineParams pytorchParams(double lo, double hi, const AffineGrid& grid, QuantScheme scheme)
{
    // torch.ao.quantization.observer.UniformQuantizationObserverBase._calculate_qparams, in float32.
    const float eps = std::numeric_limits<float>::epsilon();
    // PyTorch's observers see float32 min/max; a calibrated range may be a
    // double beyond the float range (a constant -3e38 gives [-6e38, 0]), which
    // saturates here instead of becoming -inf (and a NaN zero point).
    const float minNeg = std::min(toFloatRange(lo), 0.0f);
    const float maxPos = std::max(toFloatRange(hi), 0.0f);
    AffineParams p;
    float scale;
    if (scheme == QuantScheme::Symmetric) {
        const float m = std::max(-minNeg, maxPos);
        scale = m / (float(grid.qmax - grid.qmin) / 2.0f);
        scale = std::max(scale, eps);
        p.zeroPoint = grid.isSigned ? 0.0f : float(1 << (grid.bits - 1)); // quint8: 128
        p.clipMin = grid.isSigned ? -double(m) : 0.0;
        p.clipMax = m;
        p.degenerate = !(m > 0);
    } else {
        scale = (maxPos - minNeg) / float(grid.qmax - grid.qmin);
        if (std::isinf(maxPos - minNeg)) {
            // A range wider than FLT_MAX: PyTorch's float32 arithmetic would give
            // an infinite scale (and NaN outputs); the width is taken in double.
            scale = float((double(maxPos) - double(minNeg)) / double(grid.qmax - grid.qmin));
            p.doubleScale = true;
        }
        scale = std::max(scale, eps);
        const double z = double(grid.qmin) - roundEven(double(minNeg / scale));
        p.zeroPoint = float(std::clamp(z, double(grid.qmin), double(grid.qmax)));
        p.clipMin = minNeg;
        p.clipMax = maxPos;
        p.degenerate = !(maxPos > minNeg);
    }
    p.scale = scale;
    p.invScale = 1.0f / scale; // fake_quantize_per_tensor_affine: inv_scale = 1.0f / scale
    return p;
}

AffineParams nvidiaParams(double lo, double hi, const AffineGrid& grid, QuantScheme scheme)
{
    if (scheme != QuantScheme::Symmetric)
        throw ArgumentError("the nvidia convention is symmetric (amax-based); use --scheme symmetric");
    if (grid.isSigned && grid.qmax < 1)
        throw ArgumentError("symmetric signed quantization needs at least 2 bits");
    // pytorch-quantization _tensor_quant: scale = max_bound / amax (float32),
    // outputs = clamp(round(x * scale)), fake quantization returns outputs / scale.
    const float amax = toFloatRange(std::max(std::fabs(lo), std::fabs(hi)));
    const float bound = float(grid.qmax);
    AffineParams p;
    p.divide = true;
    p.clipMin = grid.isSigned ? -double(amax) : 0.0;
    p.clipMax = amax;
    if (!(amax > 0x1p-24f)) {
        // "amax smaller than minimum representable of fp16": scale 0, every code 0, x̂ = 0 / 1.
        p.degenerate = true;
        p.tinyAmax = amax > 0;
        p.invScale = 0;
        p.scale = 1;
        return p;
    }
    p.invScale = bound / amax;
    p.scale = amax / bound;
    return p;
}

} // namespace

AffineParams affineParams(double lo, double hi, const AffineGrid& grid, QuantScheme scheme, QuantConvention convention,
                          const Rounding& rounding)
{
    if (!std::isfinite(lo) || !std::isfinite(hi))
        throw ArgumentError("clip range must be finite");
    if (lo > hi)
        throw ArgumentError("clip range [" + std::to_string(lo) + ", " + std::to_string(hi) + "] has lo > hi");
    AffineParams p;
    switch (convention) {
    case QuantConvention::Textbook: p = textbookParams(lo, hi, grid, scheme, rounding); break;
    case QuantConvention::PyTorch: p = pytorchParams(lo, hi, grid, scheme); break;
    case QuantConvention::Nvidia: p = nvidiaParams(lo, hi, grid, scheme); break;
    case QuantConvention::Bitsandbytes:
        throw ArgumentError("the bitsandbytes convention is NF4's; integer grids use textbook, pytorch or nvidia");
    }
    if (convention == QuantConvention::Nvidia && p.degenerate) {
        p.stored = float(p.clipMax);
        return p; // pytorch-quantization's own rule for amax <= 2^-24 (invScale 0)
    }
    if (!std::isfinite(p.scale) || !(p.scale > 0) || !std::isfinite(p.invScale) || !(p.invScale > 0) ||
        !std::isfinite(p.zeroPoint)) {
        // A range so narrow (or wide) that S or 1/S leaves float32: fall back to the unit grid.
        p.unrepresentable = !p.degenerate;
        if (!std::isfinite(p.zeroPoint))
            p.zeroPoint = std::clamp(0.0f, float(grid.qmin), float(grid.qmax));
        p.scale = p.invScale = 1;
        p.degenerate = true;
    }
    p.stored = convention == QuantConvention::Nvidia ? float(p.clipMax) : p.scale;
    return p;
}

void roundAffineScale(AffineParams& p, const AffineGrid& grid, QuantConvention convention, ScaleFormat format,
                      bool& clamped)
{
    if (format == ScaleFormat::Auto || format == ScaleFormat::Fp32 || p.degenerate)
        return; // float32 already; a unit or zero scale is exact in every format
    const float z = p.zeroPoint;
    if (convention == QuantConvention::Nvidia) {
        // pytorch-quantization stores amax: amax is rounded, then s = bound / amax.
        const float amax = roundScale(float(p.clipMax), format, clamped);
        p.stored = amax;
        const float bound = float(grid.qmax);
        p.invScale = bound / amax;
        p.scale = amax / bound;
        p.clipMax = std::min(p.clipMax, double(amax));
        if (grid.isSigned)
            p.clipMin = std::max(p.clipMin, -double(amax));
        return;
    }
    // The step S is what is stored; the multiplier is 1/S in float32, as PyTorch's kernels compute it.
    p.scale = roundScale(p.scale, format, clamped);
    p.stored = p.scale;
    p.invScale = 1.0f / p.scale;
    // A scale rounded down covers less than the fitted range: what lies beyond is clipped.
    p.clipMin = std::max(p.clipMin, double(p.scale) * (double(grid.qmin) - double(z)));
    p.clipMax = std::min(p.clipMax, double(p.scale) * (double(grid.qmax) - double(z)));
}

bool affineGridOverflows(const AffineParams& p, const AffineGrid& grid)
{
    const float z = p.zeroPoint;
    return gridOverflows(p.scale, std::max(std::fabs(float(grid.qmax) - z), std::fabs(float(grid.qmin) - z)));
}

void AffineNotes::add(const AffineParams& p, const AffineGrid& grid, bool hasFinite)
{
    if (!hasFinite)
        return;
    degenerate += p.degenerate && !p.unrepresentable && !p.tinyAmax ? 1 : 0;
    unrepresentable += p.unrepresentable ? 1 : 0;
    doubleScale += p.doubleScale ? 1 : 0;
    tinyAmax += p.tinyAmax ? 1 : 0;
    gridOverflow += affineGridOverflows(p, grid) ? 1 : 0;
}

void AffineNotes::merge(const AffineNotes& o)
{
    degenerate += o.degenerate;
    unrepresentable += o.unrepresentable;
    doubleScale += o.doubleScale;
    tinyAmax += o.tinyAmax;
    gridOverflow += o.gridOverflow;
}

void AffineNotes::report(std::vector<std::string>& messages) const
{
    if (tinyAmax)
        messages.push_back(std::to_string(tinyAmax) +
                           " group(s) with amax <= 2^-24: quantized to 0, as pytorch-quantization does");
    if (degenerate)
        messages.push_back(std::to_string(degenerate) +
                           " group(s) with a zero-width range (constant or all zero): a safe scale was used");
    if (unrepresentable)
        messages.push_back(std::to_string(unrepresentable) +
                           " group(s) whose range is too narrow or too wide for a float32 scale (S or 1/S outside "
                           "float32): a unit scale was used");
    if (doubleScale)
        messages.push_back(std::to_string(doubleScale) +
                           " group(s) whose range is wider than the float32 range: the scale was computed in double "
                           "(float32 arithmetic gives an infinite scale)");
    if (gridOverflow)
        messages.push_back(std::to_string(gridOverflow) +
                           " group(s) whose grid reaches past the float32 range: dequantized values there are clamped "
                           "to the largest finite float32 (3.40282347e+38)");
}

AffineValue affineQuantizeScalar(float x, const AffineParams& p, const AffineGrid& grid, const Rounding& rounding,
                                 std::uint64_t index)
{
    if (!std::isfinite(x))
        return {0, x};
    const float y = x * p.invScale; // float32 product, as in the kernel
    double q = roundToIntegral(double(y), rounding, index) + double(p.zeroPoint);
    q = std::clamp(q, double(grid.qmin), double(grid.qmax));
    const std::int32_t code = std::int32_t(q);
    const std::int32_t steps = code - std::int32_t(p.zeroPoint);
    if (p.divide) // torch.round keeps the sign of a zero: x̂ = ±0 / s as x is
        return {code, steps != 0 ? clampToFloatRange(float(steps) / p.invScale) : std::copysign(0.0f, x)};
    return {code, clampToFloatRange(float(steps) * p.scale)};
}

namespace {

// y is already clamped to a range where |y| < 2^22 and integer conversion is exact.
template <RoundingMode M> QS_ALWAYS_INLINE std::int32_t roundClamped(float y)
{
    if constexpr (M == RoundingMode::NearestEven) {
        // Adding 1.5 * 2^23 pushes the fraction out of the significand with the
        // FPU's round-to-nearest-even; subtracting it back leaves round(y).
        constexpr float magic = 12582912.0f;
        return std::int32_t((y + magic) - magic);
    } else if constexpr (M == RoundingMode::NearestAway) {
        const std::int32_t t = std::int32_t(y); // truncation
        const float f = y - float(t);           // exact: |y| < 2^22
        return t + std::int32_t(f >= 0.5f) - std::int32_t(f <= -0.5f);
    } else if constexpr (M == RoundingMode::TowardZero) {
        return std::int32_t(y);
    } else if constexpr (M == RoundingMode::TowardNegative) {
        const std::int32_t t = std::int32_t(y);
        return t - std::int32_t(float(t) > y);
    } else {
        const std::int32_t t = std::int32_t(y);
        return t + std::int32_t(float(t) < y);
    }
}

template <RoundingMode M, int Stride, bool Codes, bool Divide>
QS_ALWAYS_INLINE void affineLoop(const float* QS_RESTRICT x, float* QS_RESTRICT xhat, std::int32_t* QS_RESTRICT codes,
                                 std::int64_t n, const float* QS_RESTRICT scale, const float* QS_RESTRICT inv,
                                 const float* QS_RESTRICT zp, int qmin, int qmax)
{
    for (std::int64_t j = 0; j < n; ++j) {
        const float s = scale[j * Stride];
        const float z = zp[j * Stride];
        const float xv = x[j];
        float y = xv * inv[j * Stride];
        // Clamp before rounding (this cannot change the clamped code) so the
        // integer conversion is exact; NaN compares false and becomes lo.
        const float lo = float(qmin) - z - 1.0f;
        const float hi = float(qmax) - z + 1.0f;
        y = y > lo ? y : lo;
        y = y < hi ? y : hi;
        const std::int32_t zi = std::int32_t(z);
        std::int32_t q = roundClamped<M>(y) + zi;
        q = q < qmin ? qmin : q;
        q = q > qmax ? qmax : q;
        // The product is correctly rounded (as it would be in double and then
        // rounded once); only a grid end beyond the float range overflows,
        // and becomes the largest finite float (affineGridOverflows).
        float deq;
        if constexpr (Divide) // pytorch-quantization: outputs / scale; a 0 output is round(x * s) = ±0 (also for s = 0)
            deq = q != zi ? clampToFloatRange(float(q - zi) / inv[j * Stride]) : std::copysign(0.0f, xv);
        else
            deq = clampToFloatRange(float(q - zi) * s);
        const bool finite = std::fabs(xv) <= FLT_MAX;
        xhat[j] = finite ? deq : xv;
        if constexpr (Codes)
            codes[j] = finite ? q : 0;
    }
}

template <RoundingMode M, int Stride>
QS_ALWAYS_INLINE void affineKernel(bool divide, const float* x, float* xhat, std::int32_t* codes, std::int64_t n,
                                   const float* scale, const float* inv, const float* zp, int qmin, int qmax)
{
    if (divide) {
        if (codes)
            affineLoop<M, Stride, true, true>(x, xhat, codes, n, scale, inv, zp, qmin, qmax);
        else
            affineLoop<M, Stride, false, true>(x, xhat, codes, n, scale, inv, zp, qmin, qmax);
    } else if (codes)
        affineLoop<M, Stride, true, false>(x, xhat, codes, n, scale, inv, zp, qmin, qmax);
    else
        affineLoop<M, Stride, false, false>(x, xhat, codes, n, scale, inv, zp, qmin, qmax);
}

template <int Stride>
QS_ALWAYS_INLINE void dispatchMode(RoundingMode mode, bool divide, const float* x, float* xhat, std::int32_t* codes,
                                   std::int64_t n, const float* scale, const float* inv, const float* zp, int qmin,
                                   int qmax)
{
    switch (mode) {
    case RoundingMode::NearestEven:
        affineKernel<RoundingMode::NearestEven, Stride>(divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
        break;
    case RoundingMode::NearestAway:
        affineKernel<RoundingMode::NearestAway, Stride>(divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
        break;
    case RoundingMode::TowardZero:
        affineKernel<RoundingMode::TowardZero, Stride>(divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
        break;
    case RoundingMode::TowardNegative:
        affineKernel<RoundingMode::TowardNegative, Stride>(divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
        break;
    case RoundingMode::TowardPositive:
        affineKernel<RoundingMode::TowardPositive, Stride>(divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
        break;
    case RoundingMode::Stochastic: break; // handled by the caller
    }
}

// Every rounding mode and stride, compiled for each ISA (the loops vectorise;
// no FMA, so every entry gives the scalar reference's bits).
template <simd::Isa>
QS_ALWAYS_INLINE void affineBody(RoundingMode mode, int stride, bool divide, const float* x, float* xhat,
                                 std::int32_t* codes, std::int64_t n, const float* scale, const float* inv,
                                 const float* zp, int qmin, int qmax)
{
    if (stride)
        dispatchMode<1>(mode, divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
    else
        dispatchMode<0>(mode, divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax);
}

QS_SIMD_TABLE(affineRun, affineBody, void,
              (RoundingMode mode, int stride, bool divide, const float* x, float* xhat, std::int32_t* codes,
               std::int64_t n, const float* scale, const float* inv, const float* zp, int qmin, int qmax),
              (mode, stride, divide, x, xhat, codes, n, scale, inv, zp, qmin, qmax));

} // namespace

void affineFakeQuant(const float* x, float* xhat, std::int32_t* codes, std::int64_t n, const AffineGroupArrays& p,
                     int groupStride, const AffineGrid& grid, const Rounding& rounding, std::uint64_t indexBase,
                     bool stream)
{
    if (rounding.mode == RoundingMode::Stochastic) {
        // The draw depends on the global element index: scalar, reproducible, thread-independent.
        for (std::int64_t j = 0; j < n; ++j) {
            const std::int64_t g = groupStride ? j : 0;
            AffineParams ap;
            ap.scale = p.scale[g];
            ap.invScale = p.invScale[g];
            ap.zeroPoint = p.zeroPoint[g];
            ap.divide = p.divide;
            const AffineValue v = affineQuantizeScalar(x[j], ap, grid, rounding, indexBase + std::uint64_t(j));
            xhat[j] = v.dequantized;
            if (codes)
                codes[j] = v.code;
        }
        return;
    }
    streamOutput(xhat, n, stream, [&](std::int64_t offset, std::int64_t len, float* out) {
        std::int32_t* c = codes ? codes + offset : nullptr;
        const std::int64_t g = groupStride ? offset : 0;
        affineRun()(rounding.mode, groupStride, p.divide, x + offset, out, c, len, p.scale + g, p.invScale + g,
                    p.zeroPoint + g, grid.qmin, grid.qmax);
    });
}

} // namespace qs
