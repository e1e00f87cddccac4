#include "formats/rounding.h"

#include "formats/error.h"
#include "formats/spectext.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace qs {

namespace {

// SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix.
std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;

} // namespace

Rounding Rounding::parse(std::string_view text)
{
    const std::string t = foldSpecText(text);
    if (t == "nearest-even" || t == "nearest" || t == "rne")
        return {RoundingMode::NearestEven, 0};
    if (t == "nearest-away" || t == "rna")
        return {RoundingMode::NearestAway, 0};
    if (t == "toward-zero" || t == "truncate" || t == "rtz")
        return {RoundingMode::TowardZero, 0};
    if (t == "toward-positive" || t == "ceil" || t == "rtp")
        return {RoundingMode::TowardPositive, 0};
    if (t == "toward-negative" || t == "floor" || t == "rtn")
        return {RoundingMode::TowardNegative, 0};
    if (t == "stochastic")
        return {RoundingMode::Stochastic, 0};
    if (t.rfind("stochastic:", 0) == 0) {
        const std::string digits = t.substr(11);
        std::uint64_t seed = 0;
        const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), seed);
        if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size())
            throw ArgumentError("stochastic seed '" + digits + "' is not an unsigned 64-bit integer");
        return {RoundingMode::Stochastic, seed};
    }
    throw ArgumentError("unknown rounding mode '" + std::string(text) +
                        "' (nearest-even, nearest-away, toward-zero, toward-positive, toward-negative, "
                        "stochastic[:SEED])");
}

std::string Rounding::name() const
{
    switch (mode) {
    case RoundingMode::NearestEven: return "nearest-even";
    case RoundingMode::NearestAway: return "nearest-away";
    case RoundingMode::TowardZero: return "toward-zero";
    case RoundingMode::TowardPositive: return "toward-positive";
    case RoundingMode::TowardNegative: return "toward-negative";
    case RoundingMode::Stochastic: return "stochastic:" + std::to_string(seed);
    }
    return "nearest-even";
}

double stochasticUniform(std::uint64_t seed, std::uint64_t index)
{
    // Mix the seed first so that neighbouring seeds give unrelated streams,
    // then walk the SplitMix64 sequence to position `index`.
    const std::uint64_t h = mix64(mix64(seed) + kGolden * (index + 1));
    return double(h >> 11) * 0x1.0p-53; // top 53 bits: a multiple of 2^-53 in [0, 1)
}

double roundToIntegral(double x, const Rounding& rounding, std::uint64_t index)
{
    // Doubles of magnitude >= 2^52 (and NaN/Inf) are already integral.
    if (!(std::fabs(x) < 0x1.0p52))
        return x;
    const double lower = std::floor(x);
    const double frac = x - lower; // exact: x and floor(x) share the binade's grid
    if (frac == 0)
        return x;
    const double upper = lower + 1;
    // Keep the sign of zero results the way IEEE does (-0.3 -> -0).
    auto signedResult = [x](double r) { return r == 0 ? std::copysign(0.0, x) : r; };
    switch (rounding.mode) {
    case RoundingMode::NearestEven:
        if (frac != 0.5)
            return signedResult(frac < 0.5 ? lower : upper);
        return signedResult(std::fmod(lower, 2.0) == 0 ? lower : upper);
    case RoundingMode::NearestAway:
        if (frac != 0.5)
            return signedResult(frac < 0.5 ? lower : upper);
        return signedResult(x > 0 ? upper : lower);
    case RoundingMode::TowardZero: return signedResult(x > 0 ? lower : upper);
    case RoundingMode::TowardPositive: return signedResult(upper);
    case RoundingMode::TowardNegative: return signedResult(lower);
    case RoundingMode::Stochastic:
        // Up with probability equal to the distance from the lower neighbour.
        return signedResult(stochasticUniform(rounding.seed, index) < frac ? upper : lower);
    }
    return x;
}

} // namespace qs
