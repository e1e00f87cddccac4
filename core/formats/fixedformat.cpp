#include "formats/fixedformat.h"

#include "formats/decimal.h"
#include "formats/error.h"

#include <cmath>

namespace qs {

FixedFormat::FixedFormat(int integerBits, int fractionBits, bool isSigned, std::string name)
    : m_i(integerBits), m_f(fractionBits), m_signed(isSigned), m_name(std::move(name))
{
    if (m_i < 0 || m_f < 0)
        throw FormatError("fixed-point bit counts must not be negative");
    if (totalBits() < 1 || totalBits() > 32)
        throw FormatError("fixed-point format has " + std::to_string(totalBits()) + " bits, outside 1-32");
    if (m_name.empty())
        m_name = spec();
}

FixedFormat FixedFormat::integer(int bits, bool isSigned)
{
    if (bits < 1 || bits > 32)
        throw FormatError("integer width " + std::to_string(bits) + " outside 1-32");
    return FixedFormat(isSigned ? bits - 1 : bits, 0, isSigned, (isSigned ? "int" : "uint") + std::to_string(bits));
}

std::string FixedFormat::spec() const
{
    if (m_f == 0)
        return (m_signed ? "int" : "uint") + std::to_string(totalBits());
    return (m_signed ? "sfix" : "ufix") + std::to_string(m_i) + "." + std::to_string(m_f);
}

std::int64_t FixedFormat::minCode() const
{
    return m_signed ? -(std::int64_t(1) << (m_i + m_f)) : 0;
}

std::int64_t FixedFormat::maxCode() const
{
    return (std::int64_t(1) << (m_i + m_f)) - 1;
}

double FixedFormat::minValue() const
{
    return std::ldexp(double(minCode()), -m_f);
}

double FixedFormat::maxValue() const
{
    return std::ldexp(double(maxCode()), -m_f);
}

double FixedFormat::resolution() const
{
    return std::ldexp(1.0, -m_f);
}

std::uint64_t FixedFormat::valueCount() const
{
    return std::uint64_t(1) << totalBits();
}

std::int64_t FixedFormat::codeOfBits(std::uint64_t bits) const
{
    const int n = totalBits();
    bits &= (std::uint64_t(1) << n) - 1;
    if (m_signed && ((bits >> (n - 1)) & 1))
        return std::int64_t(bits) - (std::int64_t(1) << n); // two's complement
    return std::int64_t(bits);
}

std::uint64_t FixedFormat::bitsOfCode(std::int64_t code) const
{
    return std::uint64_t(code) & ((std::uint64_t(1) << totalBits()) - 1);
}

double FixedFormat::decodeBits(std::uint64_t bits) const
{
    return std::ldexp(double(codeOfBits(bits)), -m_f);
}

std::string FixedFormat::exactDecimal(std::uint64_t bits) const
{
    const std::int64_t code = codeOfBits(bits);
    const std::uint64_t magnitude = code < 0 ? std::uint64_t(-code) : std::uint64_t(code);
    return exactDecimalOf(code < 0, magnitude, -m_f);
}

std::string FixedFormat::bitString(std::uint64_t bits) const
{
    std::string s;
    for (int i = totalBits() - 1; i >= 0; --i)
        s.push_back(((bits >> i) & 1) ? '1' : '0');
    return s;
}

FixedEncodeResult FixedFormat::encode(double x, const Rounding& rounding, std::uint64_t stochasticIndex) const
{
    if (std::isnan(x))
        throw ArgumentError(m_name + " has no NaN: NaN cannot be encoded");
    FixedEncodeResult r;
    // x * 2^F is exact (a power-of-two scaling; F <= 32 cannot overflow a finite
    // double into inf below 2^990), so rounding it to an integer is the exact answer.
    const double scaled = std::ldexp(x, m_f);
    const double rounded = roundToIntegral(scaled, rounding, stochasticIndex);
    std::int64_t code = 0;
    if (rounded > double(maxCode())) {
        code = maxCode();
        r.saturated = true;
    } else if (rounded < double(minCode())) {
        code = minCode();
        r.saturated = true;
    } else {
        code = std::int64_t(rounded);
    }
    r.code = code;
    r.bits = bitsOfCode(code);
    r.value = std::ldexp(double(code), -m_f);
    r.inexact = r.value != x;
    return r;
}

} // namespace qs
