#pragma once
// Seeded tensor generators for lessons and experiments (generateTensor() in
// tensorsource.h is the entry point). Reproducible bit for bit on every machine:
//  - the PRNG is xoshiro256** (Blackman & Vigna, 2018), seeded by SplitMix64,
//    both fully specified integer algorithms;
//  - uniform doubles take the top 53 bits: (x >> 11) * 2^-53;
//  - normals use Marsaglia's polar method (only +, *, /, sqrt and log);
//  - log and exp are our own (detLog/detExp below): plain IEEE double
//    arithmetic in a fixed order, so they do not depend on the C library's libm
//    (whose last-bit results differ between glibc, musl, macOS and MSVC), and
//    floating-point contraction into FMA is switched off in generators.cpp.
// std::normal_distribution and friends are implementation-defined and are not used.
#include "tensor/tensor.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

std::uint64_t splitMix64(std::uint64_t& state);

class Xoshiro256
{
public:
    explicit Xoshiro256(std::uint64_t seed);
    std::uint64_t next();
    double uniform01();     // [0, 1), 53 random bits
    double uniformOpen01(); // (0, 1): never 0, so its log is finite
    double normal();        // standard normal (polar method; pairs are used in order)

private:
    std::uint64_t m_s[4];
    bool m_haveSpare = false;
    double m_spare = 0;
};

// log and exp in deterministic double arithmetic, accurate to a few ulp.
double detLog(double x); // x > 0; log(0) = -inf, x < 0 or NaN -> NaN
double detExp(double x);

struct GeneratorInfo
{
    std::string name;
    std::string description;
    std::vector<std::string> keys; // accepted keys, n/seed/mean/std first
};
const std::vector<GeneratorInfo>& generators();

} // namespace qs
