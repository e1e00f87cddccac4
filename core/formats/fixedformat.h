#pragma once
// Fixed-point and integer formats, saturating:
//   ufixI.F : I integer + F fraction bits, unsigned; value = code * 2^-F, code in [0, 2^(I+F) - 1]
//   sfixI.F : two's complement with 1 + I + F bits; value = code * 2^-F, code in [-2^(I+F), 2^(I+F) - 1]
//   intN    : sfix(N-1).0, uintN : ufixN.0 (N 1..32)
// docs/course.md: in ufix5.3, 25.125 = 11001.001; largest integer part 31, finest fraction 0.125.
#include "formats/rounding.h"

#include <cstdint>
#include <string>

namespace qs {

struct FixedEncodeResult
{
    std::int64_t code = 0;  // the integer the bits hold (two's complement value for signed)
    std::uint64_t bits = 0; // the raw bit pattern, totalBits() wide
    double value = 0;
    bool inexact = false;
    bool saturated = false; // the input was outside [minValue, maxValue]
};

class FixedFormat
{
public:
    // integerBits + fractionBits (+1 for the sign) must lie in 1..32; throws FormatError otherwise.
    FixedFormat(int integerBits, int fractionBits, bool isSigned, std::string name = {});
    static FixedFormat integer(int bits, bool isSigned); // intN / uintN

    const std::string& name() const { return m_name; }
    std::string spec() const;
    int integerBits() const { return m_i; }
    int fractionBits() const { return m_f; }
    bool isSigned() const { return m_signed; }
    int totalBits() const { return m_i + m_f + (m_signed ? 1 : 0); }
    bool isInteger() const { return m_f == 0; }

    std::int64_t minCode() const;
    std::int64_t maxCode() const;
    double minValue() const;
    double maxValue() const;
    double resolution() const; // 2^-F
    std::uint64_t valueCount() const;

    double decodeBits(std::uint64_t bits) const;
    std::int64_t codeOfBits(std::uint64_t bits) const; // sign-extends for signed formats
    std::uint64_t bitsOfCode(std::int64_t code) const;
    std::string exactDecimal(std::uint64_t bits) const;
    FixedEncodeResult encode(double x, const Rounding& rounding = {}, std::uint64_t stochasticIndex = 0) const;
    std::string bitString(std::uint64_t bits) const;

private:
    int m_i;
    int m_f;
    bool m_signed;
    std::string m_name;
};

} // namespace qs
