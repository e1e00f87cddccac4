#pragma once
// Fixed-point requantization in the style of gemmlowp (Jacob et al. 2018,
// "Quantization and Training of Neural Networks for Efficient
// Integer-Arithmetic-Only Inference", §2.2): a real multiplier M > 0 is
// stored as M = M0 · 2^(-shift) with an int32 M0 in [2^30, 2^31) (a Q0.31
// number in [0.5, 1)), and acc · M is computed with integer operations only:
// a rounding doubling high multiply by M0, then a rounding right shift.
#include <cstdint>

namespace qs {

struct QuantizedMultiplier
{
    std::int32_t m0 = 0;  // in [2^30, 2^31), or 0 for M = 0
    int shift = 0;        // M ≈ m0 · 2^-31 · 2^-shift; negative shift: a left shift (M >= 1)
    double value() const; // m0 · 2^(-31 - shift), exactly representable as a double
};

// M = q · 2^e with q in [0.5, 1) (frexp), M0 = round(q · 2^31), shift = -e;
// a q that rounds up to 2^31 becomes 2^30 with e + 1. Throws ArgumentError for
// M < 0, non-finite M, or M outside [2^-32, 2^31) (shifts beyond 31 either way).
QuantizedMultiplier quantizeMultiplier(double m);

// round(a · b / 2^31) with ties toward +infinity, computed as gemmlowp's
// SaturatingRoundingDoublingHighMul: the high 32 bits of 2ab, rounded. The one
// overflow, a = b = -2^31, saturates to 2^31 - 1.
std::int32_t saturatingRoundingDoublingHighMul(std::int32_t a, std::int32_t b);

// x / 2^exponent rounded to nearest, ties away from zero (gemmlowp's
// RoundingDivideByPOT), exponent in 0..31.
std::int32_t roundingDivideByPot(std::int32_t x, int exponent);

// acc · M in integers: left shift (for M >= 1, saturating), high multiply, rounding right shift.
std::int32_t multiplyByQuantizedMultiplier(std::int32_t acc, const QuantizedMultiplier& m);

} // namespace qs
