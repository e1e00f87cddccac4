#pragma once
// One streaming pass of summary statistics over the finite values of a tensor,
// the first thing every calibrator and histogram needs. NaN and ±Inf are
// counted and skipped, never compared.
#include <cstdint>
#include <span>

namespace qs {

struct FiniteStats
{
    std::int64_t finite = 0;
    std::int64_t nonfinite = 0;
    float min = 0; // of the finite values (0 when there are none)
    float max = 0;
    float absMax = 0; // max(|min|, |max|)
    bool empty() const { return finite == 0; }
};

FiniteStats finiteStats(std::span<const float> x);

// True for NaN and ±Inf, by the exponent bits (works under -ffast-math too).
inline bool isNonFinite(float v)
{
    std::uint32_t bits;
    __builtin_memcpy(&bits, &v, sizeof bits);
    return (bits & 0x7f800000u) == 0x7f800000u;
}

} // namespace qs
