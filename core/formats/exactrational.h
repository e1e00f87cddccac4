#pragma once
// Internal to core/formats: the exact value of a decimal number as a fraction
// N / 10^k, with its binary expansion produced bit by bit. Used by explain to
// show 0.1 = 0.0(0011)₂ and to take rounding decisions on the typed value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs::detail {

// Unsigned big integer, base 2^32, least significant limb first.
class BigUInt
{
public:
    BigUInt() = default;
    explicit BigUInt(std::uint64_t v);
    static BigUInt powerOfTen(int k);

    bool isZero() const { return m_limbs.empty(); }
    int bitLength() const;
    bool bit(int i) const;
    void mulSmall(std::uint32_t f);
    void addSmall(std::uint32_t a);
    std::uint32_t divSmall(std::uint32_t d); // in place, returns the remainder
    void shiftLeft(int bits);
    void subtract(const BigUInt& b); // precondition: *this >= b
    void setBit(int i);
    int trailingZeroBits() const;
    std::string toDecimal() const;
    friend int compare(const BigUInt& a, const BigUInt& b);

private:
    void trim();
    std::vector<std::uint32_t> m_limbs;
};

// |value| = integer part + remainder / 10^k, with the fraction expanded on demand.
class ExactRational
{
public:
    // Plain decimal text only: [+-]digits[.digits][e[+-]digits]; nullopt for
    // anything else (inf, nan, hex floats) or absurdly long input.
    static std::optional<ExactRational> fromDecimal(std::string_view text);

    bool negative() const { return m_negative; }
    bool isZero() const { return m_integer.isZero() && m_fraction0.isZero(); }
    const BigUInt& integerPart() const { return m_integer; }
    std::string integerDecimal() const { return m_integer.toDecimal(); }
    std::string fractionDecimal() const; // "0.125" ("0" when there is no fraction)
    std::string integerBinary() const;   // "11001" ("0" for 0)
    bool hasFraction() const { return !m_fraction0.isZero(); }
    int tenPower() const { return m_k; }

    // The bit of weight 2^w (w >= 0: integer part; w < 0: fraction, generated lazily).
    int bitAt(int w);
    // Whether any bit of weight < 2^w is 1.
    bool anyBitBelow(int w);
    // Weight of the leading 1, searching the fraction no deeper than 2^-maxDepth; nullopt if not found.
    std::optional<int> leadingWeight(int maxDepth);

    // Periodicity of the fraction's binary expansion: digits before the period, period length
    // (0 when it terminates). The period is 4·5^(b-1) for a reduced denominator 2^a·5^b.
    int preperiod() const { return m_preperiod; }
    int fiveExponent() const { return m_fiveExponent; } // b; 0 when the expansion terminates

    // Repeated doubling of the fraction, for the first `count` digits:
    // lines "0.125 × 2 = 0.25 → 0".
    std::vector<std::string> doublingSteps(int count) const;

private:
    bool m_negative = false;
    int m_k = 0;                              // denominator 10^k
    BigUInt m_den;                            // 10^k
    BigUInt m_integer;                        // integer part
    BigUInt m_fraction0;                      // fraction numerator (over 10^k)
    BigUInt m_remainder;                      // after the generated fraction bits
    std::vector<std::uint8_t> m_fractionBits; // weight 2^-1, 2^-2, ...
    int m_preperiod = 0;
    int m_fiveExponent = 0;
};

// "0.125"-style decimal of numerator / 10^k (numerator < 10^k possibly times 2).
std::string decimalOverPowerOfTen(const BigUInt& numerator, int k);

} // namespace qs::detail
