#include "formats/decimal.h"

#include <cstdio>
#include <vector>

namespace qs {

namespace {

// A non-negative integer in base 10^9, least significant limb first: just
// enough bignum for multiplying by small factors and printing.
class DecimalBig
{
public:
    explicit DecimalBig(std::uint64_t v)
    {
        do {
            m_limbs.push_back(std::uint32_t(v % kBase));
            v /= kBase;
        } while (v != 0);
    }

    void multiply(std::uint32_t factor) // factor < 2^31: limb * factor + carry < 2^63
    {
        std::uint64_t carry = 0;
        for (auto& limb : m_limbs) {
            const std::uint64_t t = std::uint64_t(limb) * factor + carry;
            limb = std::uint32_t(t % kBase);
            carry = t / kBase;
        }
        while (carry != 0) {
            m_limbs.push_back(std::uint32_t(carry % kBase));
            carry /= kBase;
        }
    }

    void multiplyByPowerOf(std::uint32_t base, std::uint32_t chunkPower, int chunkExponent, int exponent)
    {
        for (; exponent >= chunkExponent; exponent -= chunkExponent)
            multiply(chunkPower);
        std::uint32_t rest = 1;
        for (; exponent > 0; --exponent)
            rest *= base;
        multiply(rest);
    }

    std::string toString() const
    {
        std::string s = std::to_string(m_limbs.back());
        char buf[16];
        for (auto it = m_limbs.rbegin() + 1; it != m_limbs.rend(); ++it) {
            std::snprintf(buf, sizeof buf, "%09u", unsigned(*it));
            s += buf;
        }
        return s;
    }

private:
    static constexpr std::uint64_t kBase = 1000000000u;
    std::vector<std::uint32_t> m_limbs;
};

} // namespace

std::string exactDecimalOf(bool negative, std::uint64_t significand, int exponent)
{
    // Built by appending: GCC 12 warns falsely (-Wrestrict, PR 105329) on prefix + std::string&&.
    std::string out = negative ? "-" : "";
    if (significand == 0)
        return out + "0";
    while ((significand & 1) == 0) { // an odd significand makes the last digit non-zero
        significand >>= 1;
        ++exponent;
    }
    DecimalBig n(significand);
    if (exponent >= 0) {
        n.multiplyByPowerOf(2, 1u << 29, 29, exponent);
        return out += n.toString();
    }
    // significand * 2^-k = significand * 5^k / 10^k: the digits of significand * 5^k
    // with the decimal point k places from the right.
    const int k = -exponent;
    n.multiplyByPowerOf(5, 1220703125u, 13, k); // 5^13
    const std::string digits = n.toString();
    const std::size_t fraction = std::size_t(k);
    if (digits.size() <= fraction) {
        out += "0.";
        out.append(fraction - digits.size(), '0');
        return out += digits;
    }
    out.append(digits, 0, digits.size() - fraction);
    out += '.';
    out.append(digits, digits.size() - fraction, fraction);
    return out;
}

} // namespace qs
