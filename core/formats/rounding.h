#pragma once
// Rounding modes shared by the number formats and the quantizers.
//
// NearestEven is IEEE 754 roundTiesToEven (also PyTorch's torch.round and
// NVIDIA's default); NearestAway is roundTiesToAway (C's std::round, the
// course's "round half away from zero", llama.cpp's roundf); TowardZero is
// truncation; TowardPositive/TowardNegative are ceil/floor. Stochastic rounds
// up with probability equal to the fractional distance to the lower neighbour;
// its random draw is a pure function of (seed, index) so results are
// reproducible and independent of threading.
#include <cstdint>
#include <string>
#include <string_view>

namespace qs {

enum class RoundingMode { NearestEven, NearestAway, TowardZero, TowardPositive, TowardNegative, Stochastic };

struct Rounding
{
    RoundingMode mode = RoundingMode::NearestEven;
    std::uint64_t seed = 0; // used by Stochastic only

    // Accepts nearest-even, nearest-away, toward-zero (alias truncate),
    // toward-positive (alias ceil), toward-negative (alias floor),
    // stochastic or stochastic:SEED. Throws ArgumentError naming the bad text.
    static Rounding parse(std::string_view text);
    std::string name() const; // the canonical name, "stochastic:SEED" for stochastic

    friend bool operator==(const Rounding&, const Rounding&) = default;
};

// A uniform draw in [0, 1) that depends only on (seed, index): SplitMix64 of
// the pair, top 53 bits. Used for stochastic rounding of element `index`.
double stochasticUniform(std::uint64_t seed, std::uint64_t index);

// Round a real number to an integer-valued double with the given mode
// (index selects the stochastic draw). This is the scalar reference that the
// vectorised quantizer loops must match bit for bit.
double roundToIntegral(double x, const Rounding& rounding, std::uint64_t index = 0);

} // namespace qs
