// Layout, properties, decoding and neighbours of FloatFormat. Encoding (the
// rounding) lives in floatencode.cpp.
//
// The key fact used throughout: with the sign bit removed, the remaining
// "magnitude code" k = (e << M) | m orders the values. Consecutive magnitude
// codes are consecutive representable magnitudes, also across binades and
// between the subnormals and the first normal binade. The finite magnitudes
// are k = 0 .. maxFiniteCode(); the special codes sit above them (IEEE, fn) or
// in the "-0" slot (fnuz). When flushing to zero (subnormals off, zero on) the
// magnitude codes 1 .. 2^M - 1 are non-canonical zeros: canonicalK() maps them to
// 0 and the step from 0 goes straight to the first normal, k = 2^M.
#include "formats/floatformat.h"

#include "formats/decimal.h"
#include "formats/error.h"

#include <cmath>

namespace qs {

namespace {

constexpr int kMaxAbsBias = 16384; // far beyond double range, small enough for exact decimals

std::uint64_t lowMask(int bits)
{
    return bits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
}

} // namespace

std::string toString(SpecialPolicy p)
{
    switch (p) {
    case SpecialPolicy::Ieee: return "ieee";
    case SpecialPolicy::Fn: return "fn";
    case SpecialPolicy::Fnuz: return "fnuz";
    case SpecialPolicy::Finite: return "finite";
    }
    return "ieee";
}

std::string toString(ValueClass c)
{
    switch (c) {
    case ValueClass::Zero: return "zero";
    case ValueClass::Subnormal: return "subnormal";
    case ValueClass::Normal: return "normal";
    case ValueClass::Infinite: return "inf";
    case ValueClass::NaN: return "nan";
    }
    return "nan";
}

FloatFormat::FloatFormat(const FloatFormatParams& p, std::string name)
    : m_e(p.exponentBits), m_m(p.mantissaBits), m_bias(0), m_subnormals(p.subnormals), m_zero(p.zero),
      m_signed(p.signBit), m_special(p.special), m_name(std::move(name))
{
    if (m_e < 1 || m_e > 11)
        throw FormatError("exponent bits " + std::to_string(m_e) + " outside 1-11");
    if (m_m < 0 || m_m > 52)
        throw FormatError("mantissa bits " + std::to_string(m_m) + " outside 0-52");
    const int defaultBias = (1 << (m_e - 1)) - 1 + (m_special == SpecialPolicy::Fnuz ? 1 : 0);
    m_bias = p.bias.value_or(defaultBias);
    if (m_bias < -kMaxAbsBias || m_bias > kMaxAbsBias)
        throw FormatError("bias " + std::to_string(m_bias) + " outside -" + std::to_string(kMaxAbsBias) + ".." +
                          std::to_string(kMaxAbsBias));
    if (m_special == SpecialPolicy::Ieee && m_e < 2)
        throw FormatError("special=ieee needs at least 2 exponent bits (the all-ones exponent is reserved)");
    if (m_special == SpecialPolicy::Fnuz && !m_signed)
        throw FormatError("special=fnuz needs a sign bit (its NaN is the code 100...0)");
    if (!m_zero && m_subnormals)
        throw FormatError("zero=off needs subnormals=off (with subnormals the exponent field 0 holds zero and the "
                          "subnormals; zero=off makes it an ordinary binade)");
    // At least one positive finite value besides zero (when flushing to zero: a normal one).
    if (m_zero && maxFiniteCode() < (m_subnormals ? 1 : std::uint64_t(1) << m_m))
        throw FormatError("e" + std::to_string(m_e) + "m" + std::to_string(m_m) +
                          " with special=" + toString(m_special) + " has no non-zero finite value");
    if (m_name.empty())
        m_name = spec();
}

std::uint64_t FloatFormat::canonicalK(std::uint64_t k) const
{
    return flushesToZero() && k < (std::uint64_t(1) << m_m) ? 0 : k;
}

std::uint64_t FloatFormat::nextK(std::uint64_t k) const
{
    return flushesToZero() && k == 0 ? std::uint64_t(1) << m_m : k + 1;
}

std::uint64_t FloatFormat::previousK(std::uint64_t k) const
{
    return flushesToZero() && k == (std::uint64_t(1) << m_m) ? 0 : k - 1;
}

std::uint64_t FloatFormat::codeCount() const
{
    return totalBits() >= 64 ? 0 : std::uint64_t(1) << totalBits();
}

bool FloatFormat::hasInf() const
{
    return m_special == SpecialPolicy::Ieee;
}

bool FloatFormat::hasNan() const
{
    switch (m_special) {
    case SpecialPolicy::Ieee: return m_m > 0; // all-ones exponent with a non-zero mantissa
    case SpecialPolicy::Fn:
    case SpecialPolicy::Fnuz: return true;
    case SpecialPolicy::Finite: return false;
    }
    return false;
}

bool FloatFormat::hasNegativeZero() const
{
    return m_signed && m_zero && m_special != SpecialPolicy::Fnuz;
}

std::uint64_t FloatFormat::maxFiniteCode(bool negative) const
{
    const int magBits = m_e + m_m;
    std::uint64_t k = 0;
    switch (m_special) {
    case SpecialPolicy::Ieee: k = (lowMask(m_e) << m_m) - 1; break; // below the all-ones exponent
    case SpecialPolicy::Fn: k = lowMask(magBits) - 1; break;        // below S.1111.111
    case SpecialPolicy::Fnuz:
    case SpecialPolicy::Finite: k = lowMask(magBits); break;
    }
    if (negative && m_signed)
        k |= std::uint64_t(1) << magBits;
    return k;
}

std::optional<std::uint64_t> FloatFormat::infCode(bool negative) const
{
    if (!hasInf())
        return std::nullopt;
    std::uint64_t code = lowMask(m_e) << m_m;
    if (negative && m_signed)
        code |= std::uint64_t(1) << (m_e + m_m);
    return code;
}

std::optional<std::uint64_t> FloatFormat::nanCode() const
{
    switch (m_special) {
    case SpecialPolicy::Ieee:
        if (m_m == 0)
            return std::nullopt;
        // The quiet NaN: all-ones exponent, top mantissa bit set (IEEE 754-2008 §6.2.1).
        return (lowMask(m_e) << m_m) | (std::uint64_t(1) << (m_m - 1));
    case SpecialPolicy::Fn: return lowMask(m_e + m_m);
    case SpecialPolicy::Fnuz: return std::uint64_t(1) << (m_e + m_m);
    case SpecialPolicy::Finite: return std::nullopt;
    }
    return std::nullopt;
}

std::uint64_t FloatFormat::zeroCode(bool negative) const
{
    return (negative && hasNegativeZero()) ? std::uint64_t(1) << (m_e + m_m) : 0;
}

bool FloatFormat::signOf(std::uint64_t code) const
{
    return m_signed && ((code >> (m_e + m_m)) & 1);
}

std::uint64_t FloatFormat::exponentFieldOf(std::uint64_t code) const
{
    return (code >> m_m) & lowMask(m_e);
}

std::uint64_t FloatFormat::mantissaFieldOf(std::uint64_t code) const
{
    return code & lowMask(m_m);
}

std::string FloatFormat::bitString(std::uint64_t code) const
{
    std::string s;
    for (int i = totalBits() - 1; i >= 0; --i)
        s.push_back(((code >> i) & 1) ? '1' : '0');
    return s;
}

ValueClass FloatFormat::classify(std::uint64_t code) const
{
    code &= lowMask(totalBits());
    const std::uint64_t e = exponentFieldOf(code);
    const std::uint64_t m = mantissaFieldOf(code);
    const std::uint64_t k = code & lowMask(m_e + m_m);
    switch (m_special) {
    case SpecialPolicy::Ieee:
        if (e == lowMask(m_e))
            return m == 0 ? ValueClass::Infinite : ValueClass::NaN;
        break;
    case SpecialPolicy::Fn:
        if (k == lowMask(m_e + m_m))
            return ValueClass::NaN;
        break;
    case SpecialPolicy::Fnuz:
        if (code == std::uint64_t(1) << (m_e + m_m))
            return ValueClass::NaN;
        break;
    case SpecialPolicy::Finite: break;
    }
    if (e == 0 && m_subnormals)
        return m == 0 ? ValueClass::Zero : ValueClass::Subnormal;
    if (e == 0 && m_zero)
        return ValueClass::Zero; // flush to zero: m != 0 is a non-canonical zero
    return ValueClass::Normal;
}

ExactBinary FloatFormat::exactValue(std::uint64_t code) const
{
    const ValueClass c = classify(code);
    if (c == ValueClass::Infinite || c == ValueClass::NaN)
        throw ArgumentError("code " + bitString(code) + " of " + m_name + " is not a finite number");
    ExactBinary v;
    v.negative = signOf(code);
    const std::uint64_t e = exponentFieldOf(code);
    const std::uint64_t m = mantissaFieldOf(code);
    if (e == 0 && m_subnormals) {
        v.significand = m; // 0.M * 2^(1 - bias)
        v.exponent = m == 0 ? 0 : 1 - m_bias - m_m;
    } else if (e == 0 && m_zero) {
        v.significand = 0; // flush to zero: every e = 0 code is ±0 (fnuz has no -0)
        v.exponent = 0;
        v.negative = v.negative && m_special != SpecialPolicy::Fnuz;
    } else {
        v.significand = (std::uint64_t(1) << m_m) | m; // 1.M * 2^(e - bias)
        v.exponent = int(e) - m_bias - m_m;
    }
    return v;
}

double FloatFormat::decode(std::uint64_t code) const
{
    switch (classify(code)) {
    case ValueClass::NaN: return std::nan("");
    case ValueClass::Infinite: return signOf(code) ? -HUGE_VAL : HUGE_VAL;
    default: break;
    }
    const ExactBinary v = exactValue(code);
    // significand < 2^53 is exact in a double; ldexp rounds correctly only when
    // the value lies outside double range (custom biases), giving 0/subnormal/inf.
    const double magnitude = std::ldexp(double(v.significand), v.exponent);
    return v.negative ? -magnitude : magnitude;
}

std::string FloatFormat::exactDecimal(std::uint64_t code) const
{
    switch (classify(code)) {
    case ValueClass::NaN: return "nan";
    case ValueClass::Infinite: return signOf(code) ? "-inf" : "inf";
    default: break;
    }
    const ExactBinary v = exactValue(code);
    return exactDecimalOf(v.negative, v.significand, v.exponent);
}

std::uint64_t FloatFormat::nextUp(std::uint64_t code) const
{
    code &= lowMask(totalBits());
    const ValueClass c = classify(code);
    const std::uint64_t signBit = m_signed ? std::uint64_t(1) << (m_e + m_m) : 0;
    const std::uint64_t k = canonicalK(code & lowMask(m_e + m_m));
    const std::uint64_t maxK = maxFiniteCode();
    if (c == ValueClass::NaN)
        return code;
    if (c == ValueClass::Infinite)
        return signOf(code) ? maxFiniteCode(true) : code;
    if (!signOf(code)) {
        if (k < maxK)
            return nextK(k);
        return infCode(false).value_or(k);
    }
    // Negative: the magnitude shrinks. -0 and the smallest negative step to the positive side.
    if (k == 0) // -0 (IEEE nextUp(-0) = +min) or, without zero, -min
        return c == ValueClass::Zero ? nextK(0) : 0;
    const std::uint64_t below = previousK(k);
    if (below == 0 && m_special == SpecialPolicy::Fnuz)
        return 0; // fnuz has no -0 (its slot is the NaN): -min steps to +0 (or +min without zero)
    return signBit | below;
}

std::uint64_t FloatFormat::nextDown(std::uint64_t code) const
{
    code &= lowMask(totalBits());
    const ValueClass c = classify(code);
    const std::uint64_t signBit = m_signed ? std::uint64_t(1) << (m_e + m_m) : 0;
    const std::uint64_t k = canonicalK(code & lowMask(m_e + m_m));
    const std::uint64_t maxK = maxFiniteCode();
    if (c == ValueClass::NaN)
        return code;
    if (c == ValueClass::Infinite)
        return signOf(code) ? code : maxFiniteCode(false);
    if (signOf(code)) {
        if (k < maxK)
            return signBit | nextK(k);
        return infCode(true).value_or(signBit | k);
    }
    if (k > 0)
        return previousK(k);
    // +0 (or the smallest positive value of a format without zero).
    if (!m_signed)
        return k;
    if (c == ValueClass::Zero || m_special == SpecialPolicy::Fnuz)
        return signBit | nextK(0); // IEEE nextDown(+0) = -min; fnuz's signBit|0 is the NaN
    return signBit;                // -min of a format without zero
}

double FloatFormat::ulp(std::uint64_t code) const
{
    const ValueClass c = classify(code);
    if (c == ValueClass::NaN || c == ValueClass::Infinite)
        return std::nan("");
    const std::uint64_t e = exponentFieldOf(code);
    if (e == 0 && flushesToZero())
        return minNormal(); // from ±0 straight to the smallest normal
    const int effectiveE = (e == 0 && m_subnormals) ? 1 : int(e);
    return std::ldexp(1.0, effectiveE - m_bias - m_m);
}

double FloatFormat::maxFinite() const
{
    return decode(maxFiniteCode());
}

double FloatFormat::minNormal() const
{
    return std::ldexp(1.0, (m_zero ? 1 : 0) - m_bias);
}

double FloatFormat::minSubnormal() const
{
    return (m_subnormals && m_m > 0) ? std::ldexp(1.0, 1 - m_bias - m_m) : 0.0;
}

double FloatFormat::epsilon() const
{
    return std::ldexp(1.0, -m_m);
}

double FloatFormat::decimalDigits() const
{
    return double(m_m + 1) * std::log10(2.0);
}

std::uint64_t FloatFormat::finiteCount() const
{
    const std::uint64_t perSign = maxFiniteCode() + 1; // magnitudes 0..maxK
    if (!m_signed)
        return perSign;
    // fnuz: the negative zero slot is the NaN
    return m_special == SpecialPolicy::Fnuz ? 2 * perSign - 1 : 2 * perSign;
}

double FloatFormat::dynamicRangeDecades() const
{
    // In exponents, so that formats beyond double range still get a number.
    const ExactBinary top = exactValue(maxFiniteCode());
    const ExactBinary bottom = exactValue(m_zero ? nextK(0) : 0); // the smallest positive value
    return std::log10(double(top.significand)) - std::log10(double(bottom.significand)) +
           double(top.exponent - bottom.exponent) * std::log10(2.0);
}

} // namespace qs
