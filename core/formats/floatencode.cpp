// FloatFormat::encode: exact rounding of any double into the format.
//
// |x| = S * 2^X exactly (S the 53-bit integer significand of the double). In
// the binade of |x| (or the subnormal range) the format's values are the
// integer multiples n * 2^q of the quantum q = max(floor(log2|x|), emin) - M.
// n = floor(S * 2^(X - q)) gives the magnitude code just below |x|, the
// discarded bits S mod 2^(q - X) decide the rounding: this is the textbook
// guard/round/sticky decision done on integers, so ties, subnormals and the
// overflow threshold are exact (IEEE 754-2019 §4.3, §7.4).
//
// Flush to zero (subnormals off, zero on): below minNormal = 2^(1 - bias) the
// only values are 0 and minNormal, so there the quantum is minNormal itself
// (n = 0, the discarded fraction is |x| / minNormal) and rounding up gives the
// magnitude code 2^M; the tie goes to the even code 0.
#include "formats/floatformat.h"

#include "formats/error.h"

#include <bit>
#include <cmath>

namespace qs {

namespace {

__extension__ typedef unsigned __int128 UInt128; // GCC/Clang extension, 128-bit products

enum class MagnitudeRounding { NearestEven, NearestAway, Down, Up, Stochastic };

MagnitudeRounding magnitudeRounding(RoundingMode mode, bool negative)
{
    switch (mode) {
    case RoundingMode::NearestEven: return MagnitudeRounding::NearestEven;
    case RoundingMode::NearestAway: return MagnitudeRounding::NearestAway;
    case RoundingMode::TowardZero: return MagnitudeRounding::Down;
    case RoundingMode::TowardPositive: return negative ? MagnitudeRounding::Down : MagnitudeRounding::Up;
    case RoundingMode::TowardNegative: return negative ? MagnitudeRounding::Up : MagnitudeRounding::Down;
    case RoundingMode::Stochastic: return MagnitudeRounding::Stochastic;
    }
    return MagnitudeRounding::NearestEven;
}

// Sign of a * 2^sa - b * 2^sb for a, b < 2^54 and sa, sb >= 0, exactly.
int compareScaled(std::uint64_t a, int sa, std::uint64_t b, int sb)
{
    const int common = std::min(sa, sb);
    sa -= common;
    sb -= common;
    if (a == 0 || b == 0)
        return (a != 0) - (b != 0);
    if (sa > 70)
        return 1; // a * 2^sa >= 2^71 > b
    if (sb > 70)
        return -1;
    const UInt128 lhs = static_cast<UInt128>(a) << sa;
    const UInt128 rhs = static_cast<UInt128>(b) << sb;
    return (lhs > rhs) - (lhs < rhs);
}

} // namespace

EncodeResult FloatFormat::encode(double x, const Rounding& rounding, OverflowMode overflow,
                                 std::uint64_t stochasticIndex) const
{
    EncodeResult r;
    auto finish = [&](std::uint64_t code, bool inexact) {
        r.code = code;
        r.value = decode(code);
        r.valueClass = classify(code);
        r.inexact = inexact;
        r.underflow = r.underflow || (inexact && x != 0 &&
                                      (r.valueClass == ValueClass::Zero || r.valueClass == ValueClass::Subnormal));
        return r;
    };
    const int magBits = m_e + m_m;
    const std::uint64_t signBit = m_signed ? std::uint64_t(1) << magBits : 0;
    const std::uint64_t maxK = maxFiniteCode();

    if (std::isnan(x)) {
        if (const auto nan = nanCode())
            return finish(*nan, false);
        throw ArgumentError(m_name + " has no NaN code: NaN cannot be encoded");
    }
    const bool negative = std::signbit(x);
    // A negative value an unsigned format cannot hold: NaN where there is one
    // (IEEE-like), else the smallest code.
    auto outOfRangeNegative = [&]() {
        r.overflow = true;
        if (overflow == OverflowMode::Ieee && hasNan())
            return finish(*nanCode(), true);
        return finish(0, true);
    };
    if (std::isinf(x)) {
        if (negative && !m_signed)
            return outOfRangeNegative();
        if (overflow == OverflowMode::Ieee && hasInf())
            return finish(*infCode(negative), false);
        r.overflow = true;
        if (overflow == OverflowMode::Ieee && hasNan())
            return finish(*nanCode(), true);
        return finish(maxFiniteCode(negative), true);
    }

    // |x| = S * 2^X exactly.
    const std::uint64_t raw = std::bit_cast<std::uint64_t>(x);
    const std::uint64_t rawExponent = (raw >> 52) & 0x7FF;
    const std::uint64_t S = rawExponent == 0 ? raw & 0xFFFFFFFFFFFFFull : (raw & 0xFFFFFFFFFFFFFull) | (1ull << 52);
    const int X = rawExponent == 0 ? -1074 : int(rawExponent) - 1075;

    if (S == 0) {
        if (m_zero)
            return finish(zeroCode(negative), false);
        // No zero in this format (the exponent field 0 is a normal binade, as in E8M0):
        // the smallest magnitude is the closest.
        r.underflow = true;
        return finish(negative && m_signed && m_special != SpecialPolicy::Fnuz ? signBit : 0, true);
    }

    const int p = X + int(std::bit_width(S)) - 1; // floor(log2 |x|)
    const int lowestExponent = m_zero ? 1 - m_bias : -m_bias;
    if (!m_zero && p < lowestExponent) {
        // Below the smallest magnitude of a format without zero: clamp to it.
        r.underflow = true;
        if (negative && !m_signed)
            return outOfRangeNegative();
        if (negative && m_special == SpecialPolicy::Fnuz)
            return finish(signBit | 1, true); // signBit|0 is the NaN
        return finish((negative ? signBit : 0), true);
    }
    const int binade = std::max(p, lowestExponent);
    const bool flushRange = flushesToZero() && p < lowestExponent; // 0 < |x| < minNormal, no subnormals
    const int q = flushRange ? lowestExponent : binade - m_m;      // quantum exponent: values are n * 2^q here
    if (flushRange)
        r.underflow = true;  // never exact: |x| lies strictly between 0 and minNormal
    const int shift = q - X; // bits of S below the quantum

    std::uint64_t n = 0;
    std::uint64_t rem = 0; // the discarded bits: |x| = (n + rem / 2^shift) * 2^q
    if (shift <= 0) {
        n = S << -shift; // exact; n < 2^(M+1)
    } else if (shift >= 64) {
        rem = S;
    } else {
        n = S >> shift;
        rem = S & ((std::uint64_t(1) << shift) - 1);
    }

    // Magnitude code of n * 2^q (the candidate below |x|); the one above is kLow + 1.
    const std::uint64_t hidden = std::uint64_t(1) << m_m;
    const std::uint64_t beyond = std::uint64_t(1) << magBits; // any code past every finite one
    std::uint64_t kLow = 0;
    if (n < hidden) {
        kLow = n; // subnormal (or zero): exponent field 0
    } else {
        const std::int64_t e = std::int64_t(binade) + m_bias;
        kLow = e >= (std::int64_t(1) << m_e) ? beyond : (std::uint64_t(e) << m_m) | (n - hidden);
    }

    bool up = false;
    if (rem != 0) {
        // Compare the discarded fraction rem / 2^shift with 1/2.
        const int half = shift - 1 >= 64
                             ? -1
                             : (rem > (std::uint64_t(1) << (shift - 1))) - (rem < (std::uint64_t(1) << (shift - 1)));
        switch (magnitudeRounding(rounding.mode, negative)) {
        case MagnitudeRounding::NearestEven: up = half > 0 || (half == 0 && (kLow & 1)); break;
        case MagnitudeRounding::NearestAway: up = half >= 0; break;
        case MagnitudeRounding::Down: up = false; break;
        case MagnitudeRounding::Up: up = true; break;
        case MagnitudeRounding::Stochastic: {
            // Signed convention shared with roundToIntegral: the result is the upper
            // (more positive) neighbour iff u < (x - lower) / (upper - lower), u = k / 2^53.
            // Positive x: away iff k * 2^shift < rem * 2^53.
            // Negative x: away iff (2^53 - k) * 2^shift <= rem * 2^53.
            const auto k = std::uint64_t(stochasticUniform(rounding.seed, stochasticIndex) * 0x1.0p53);
            up = negative ? compareScaled((std::uint64_t(1) << 53) - k, shift, rem, 53) <= 0
                          : compareScaled(k, shift, rem, 53) < 0;
            break;
        }
        }
    }
    const std::uint64_t k = kLow >= beyond ? beyond : (up ? (flushRange ? hidden : kLow + 1) : kLow);
    const bool inexact = rem != 0;

    if (negative && !m_signed) {
        if (k == 0)
            return finish(0, inexact); // rounds to zero: representable
        return outOfRangeNegative();
    }
    if (k > maxK) {
        // Rounded past the largest finite value. Rounding toward zero (in magnitude)
        // gives maxFinite (IEEE 754 §7.4); otherwise Inf, NaN without Inf, or saturation.
        r.overflow = true;
        const bool towardZero = magnitudeRounding(rounding.mode, negative) == MagnitudeRounding::Down;
        if (overflow == OverflowMode::Saturate || towardZero || (!hasInf() && !hasNan()))
            return finish(maxFiniteCode(negative), true);
        return finish(hasInf() ? *infCode(negative) : *nanCode(), true);
    }
    if (k == 0 && m_zero)
        return finish(zeroCode(negative), inexact); // fnuz and unsigned formats give +0
    if (k == 0 && negative && m_special == SpecialPolicy::Fnuz) {
        // fnuz without zero: the -smallest slot is the NaN, clamp to the next value out.
        r.underflow = true;
        return finish(signBit | 1, true);
    }
    return finish((negative ? signBit : 0) | k, inexact);
}

} // namespace qs
