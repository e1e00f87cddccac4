#pragma once
// Double rounding: FP32 -> BF16 -> FP8 is not always FP32 -> FP8. A number just
// above the midpoint of two FP8 values can first round onto that midpoint (in
// BF16) and then, as a tie, to the even FP8 neighbour below: two correct
// roundings, one wrong answer. These functions evaluate both paths and search
// for a value where they differ.
#include "formats/floatformat.h"

#include <optional>

namespace qs {

struct DoubleRoundingCase
{
    double source = 0; // x as stored in the source format (FP32)
    std::uint64_t sourceCode = 0;
    std::uint64_t intermediateCode = 0;
    double intermediate = 0;
    std::uint64_t twiceCode = 0; // source -> intermediate -> target
    double twice = 0;
    std::uint64_t directCode = 0; // source -> target
    double direct = 0;
    bool differ() const { return twiceCode != directCode; }
};

DoubleRoundingCase evaluateDoubleRounding(double x, const FloatFormat& source, const FloatFormat& intermediate,
                                          const FloatFormat& target);

// The first source value at or above |start| (by magnitude, positive) whose two
// paths differ, scanning just above and below each midpoint of the target's
// neighbouring values; nullopt if the target's range holds none.
std::optional<DoubleRoundingCase> findDoubleRoundingCase(const FloatFormat& source, const FloatFormat& intermediate,
                                                         const FloatFormat& target, double start = 1.0);

} // namespace qs
