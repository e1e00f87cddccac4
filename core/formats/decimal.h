#pragma once
// Exact decimal expansion of a binary number (-1)^negative * significand * 2^exponent.
// Every binary fraction has a finite decimal expansion (2^-k = 5^k / 10^k), so
// the result is exact: all digits, no trailing zeros after the point, no exponent.
#include <cstdint>
#include <string>

namespace qs {

std::string exactDecimalOf(bool negative, std::uint64_t significand, int exponent);

} // namespace qs
