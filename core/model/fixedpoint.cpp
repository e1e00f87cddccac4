// Integer requantization arithmetic (see fixedpoint.h).
#include "model/fixedpoint.h"

#include "formats/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

double QuantizedMultiplier::value() const
{
    return std::ldexp(double(m0), -31 - shift);
}

QuantizedMultiplier quantizeMultiplier(double m)
{
    if (!std::isfinite(m) || m < 0)
        throw ArgumentError("requantization multiplier must be finite and >= 0");
    if (m == 0)
        return {};
    int e = 0;
    const double q = std::frexp(m, &e); // m = q · 2^e, q in [0.5, 1)
    std::int64_t m0 = std::llround(std::ldexp(q, 31));
    if (m0 == (std::int64_t(1) << 31)) { // q rounded up to 1.0
        m0 /= 2;
        ++e;
    }
    const int shift = -e;
    if (shift > 31 || shift < -31)
        throw ArgumentError("requantization multiplier " + std::to_string(m) + " outside [2^-32, 2^31)");
    return {std::int32_t(m0), shift};
}

std::int32_t saturatingRoundingDoublingHighMul(std::int32_t a, std::int32_t b)
{
    constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min();
    if (a == kMin && b == kMin)
        return std::numeric_limits<std::int32_t>::max();
    const std::int64_t ab = std::int64_t(a) * std::int64_t(b);
    // Add half of 2^31 (toward +inf: 2^30 for ab >= 0, 1 - 2^30 for ab < 0 since
    // the division below truncates toward zero), then divide by 2^31.
    const std::int64_t nudge = ab >= 0 ? (std::int64_t(1) << 30) : (1 - (std::int64_t(1) << 30));
    return std::int32_t((ab + nudge) / (std::int64_t(1) << 31));
}

std::int32_t roundingDivideByPot(std::int32_t x, int exponent)
{
    if (exponent < 0 || exponent > 31)
        throw ArgumentError("rounding shift exponent outside 0..31");
    if (exponent == 0)
        return x;
    const std::int32_t mask = std::int32_t((std::int64_t(1) << exponent) - 1);
    const std::int32_t remainder = x & mask;
    // Round half away from zero: a negative x needs a remainder strictly above half.
    const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

std::int32_t multiplyByQuantizedMultiplier(std::int32_t acc, const QuantizedMultiplier& m)
{
    std::int32_t x = acc;
    int right = m.shift;
    if (right < 0) { // M >= 1: shift left first, saturating to int32
        const std::int64_t shifted = std::int64_t(acc) * (std::int64_t(1) << -right);
        x = std::int32_t(std::clamp<std::int64_t>(shifted, std::numeric_limits<std::int32_t>::min(),
                                                  std::numeric_limits<std::int32_t>::max()));
        right = 0;
    }
    return roundingDivideByPot(saturatingRoundingDoublingHighMul(x, m.m0), right);
}

} // namespace qs
