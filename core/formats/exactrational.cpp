#include "formats/exactrational.h"

#include <algorithm>
#include <cctype>

namespace qs::detail {

BigUInt::BigUInt(std::uint64_t v)
{
    while (v != 0) {
        m_limbs.push_back(std::uint32_t(v));
        v >>= 32;
    }
}

BigUInt BigUInt::powerOfTen(int k)
{
    BigUInt r(1);
    for (; k >= 9; k -= 9)
        r.mulSmall(1000000000u);
    for (; k > 0; --k)
        r.mulSmall(10);
    return r;
}

void BigUInt::trim()
{
    while (!m_limbs.empty() && m_limbs.back() == 0)
        m_limbs.pop_back();
}

int BigUInt::bitLength() const
{
    if (m_limbs.empty())
        return 0;
    int top = 32;
    while (!((m_limbs.back() >> (top - 1)) & 1))
        --top;
    return int(m_limbs.size() - 1) * 32 + top;
}

bool BigUInt::bit(int i) const
{
    const std::size_t limb = std::size_t(i / 32);
    return limb < m_limbs.size() && ((m_limbs[limb] >> (i % 32)) & 1);
}

void BigUInt::mulSmall(std::uint32_t f)
{
    std::uint64_t carry = 0;
    for (auto& limb : m_limbs) {
        const std::uint64_t t = std::uint64_t(limb) * f + carry;
        limb = std::uint32_t(t);
        carry = t >> 32;
    }
    if (carry)
        m_limbs.push_back(std::uint32_t(carry));
    trim();
}

void BigUInt::addSmall(std::uint32_t a)
{
    std::uint64_t carry = a;
    for (auto& limb : m_limbs) {
        if (!carry)
            break;
        const std::uint64_t t = std::uint64_t(limb) + carry;
        limb = std::uint32_t(t);
        carry = t >> 32;
    }
    if (carry)
        m_limbs.push_back(std::uint32_t(carry));
}

std::uint32_t BigUInt::divSmall(std::uint32_t d)
{
    std::uint64_t rem = 0;
    for (auto it = m_limbs.rbegin(); it != m_limbs.rend(); ++it) {
        const std::uint64_t cur = (rem << 32) | *it;
        *it = std::uint32_t(cur / d);
        rem = cur % d;
    }
    trim();
    return std::uint32_t(rem);
}

void BigUInt::shiftLeft(int bits)
{
    if (m_limbs.empty() || bits == 0)
        return;
    const int limbs = bits / 32;
    const int rest = bits % 32;
    m_limbs.insert(m_limbs.begin(), std::size_t(limbs), 0u);
    if (rest) {
        std::uint32_t carry = 0;
        for (std::size_t i = std::size_t(limbs); i < m_limbs.size(); ++i) {
            const std::uint32_t v = m_limbs[i];
            m_limbs[i] = (v << rest) | carry;
            carry = v >> (32 - rest);
        }
        if (carry)
            m_limbs.push_back(carry);
    }
}

void BigUInt::subtract(const BigUInt& b)
{
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < m_limbs.size(); ++i) {
        std::int64_t t = std::int64_t(m_limbs[i]) - borrow - (i < b.m_limbs.size() ? std::int64_t(b.m_limbs[i]) : 0);
        borrow = t < 0;
        if (t < 0)
            t += std::int64_t(1) << 32;
        m_limbs[i] = std::uint32_t(t);
    }
    trim();
}

void BigUInt::setBit(int i)
{
    const std::size_t limb = std::size_t(i / 32);
    if (m_limbs.size() <= limb)
        m_limbs.resize(limb + 1, 0u);
    m_limbs[limb] |= std::uint32_t(1) << (i % 32);
}

int BigUInt::trailingZeroBits() const
{
    for (std::size_t i = 0; i < m_limbs.size(); ++i)
        if (m_limbs[i])
            return int(i) * 32 + __builtin_ctz(m_limbs[i]);
    return 0;
}

std::string BigUInt::toDecimal() const
{
    if (m_limbs.empty())
        return "0";
    BigUInt t = *this;
    std::vector<std::uint32_t> chunks;
    while (!t.isZero())
        chunks.push_back(t.divSmall(1000000000u));
    std::string s = std::to_string(chunks.back());
    for (auto it = chunks.rbegin() + 1; it != chunks.rend(); ++it) {
        const std::string part = std::to_string(*it);
        s.append(9 - part.size(), '0');
        s += part;
    }
    return s;
}

int compare(const BigUInt& a, const BigUInt& b)
{
    if (a.m_limbs.size() != b.m_limbs.size())
        return a.m_limbs.size() < b.m_limbs.size() ? -1 : 1;
    for (std::size_t i = a.m_limbs.size(); i-- > 0;)
        if (a.m_limbs[i] != b.m_limbs[i])
            return a.m_limbs[i] < b.m_limbs[i] ? -1 : 1;
    return 0;
}

std::string decimalOverPowerOfTen(const BigUInt& numerator, int k)
{
    std::string digits = numerator.toDecimal();
    if (k == 0)
        return digits;
    if (int(digits.size()) <= k)
        digits.insert(0, std::size_t(k + 1 - int(digits.size())), '0');
    std::string out = digits.substr(0, digits.size() - std::size_t(k));
    std::string frac = digits.substr(digits.size() - std::size_t(k));
    while (!frac.empty() && frac.back() == '0')
        frac.pop_back();
    if (!frac.empty())
        out += "." + frac;
    return out;
}

std::optional<ExactRational> ExactRational::fromDecimal(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
    std::size_t end = text.size();
    while (end > i && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
    ExactRational r;
    if (i < end && (text[i] == '+' || text[i] == '-'))
        r.m_negative = text[i++] == '-';
    std::string digits;
    int pointShift = 0;
    bool seenPoint = false;
    bool anyDigit = false;
    for (; i < end && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'); ++i) {
        if (text[i] == '.') {
            if (seenPoint)
                return std::nullopt;
            seenPoint = true;
            continue;
        }
        anyDigit = true;
        digits.push_back(text[i]);
        if (seenPoint)
            ++pointShift;
    }
    if (!anyDigit)
        return std::nullopt;
    long exponent = 0;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negExp = false;
        if (i < end && (text[i] == '+' || text[i] == '-'))
            negExp = text[i++] == '-';
        if (i == end)
            return std::nullopt;
        for (; i < end; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i])))
                return std::nullopt;
            exponent = std::min(exponent * 10 + (text[i] - '0'), 100000L);
        }
        if (negExp)
            exponent = -exponent;
    }
    if (i != end)
        return std::nullopt;
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    const long e10 = exponent - pointShift;
    if (digits.size() > 1200 || e10 > 1200 || e10 < -1200 - long(digits.size()))
        return std::nullopt; // far outside every double: the caller uses the double instead
    BigUInt n;
    for (char c : digits) {
        n.mulSmall(10);
        n.addSmall(std::uint32_t(c - '0'));
    }
    if (e10 >= 0) {
        for (long j = 0; j < e10; ++j)
            n.mulSmall(10);
        r.m_k = 0;
    } else {
        r.m_k = int(-e10);
    }
    r.m_den = BigUInt::powerOfTen(r.m_k);
    // integer = n div 10^k by binary long division, remainder = n mod 10^k.
    BigUInt rem = n;
    BigUInt q;
    const int top = rem.bitLength() - r.m_den.bitLength();
    for (int w = top; w >= 0; --w) {
        BigUInt shifted = r.m_den;
        shifted.shiftLeft(w);
        if (compare(rem, shifted) >= 0) {
            rem.subtract(shifted);
            q.setBit(w);
        }
    }
    r.m_integer = q;
    r.m_fraction0 = rem;
    r.m_remainder = rem;
    // Periodicity: rem / 10^k reduced is rem' / (2^a 5^b).
    if (!rem.isZero()) {
        const int twos = std::min(rem.trailingZeroBits(), r.m_k);
        int fives = 0;
        BigUInt t = rem;
        while (fives < r.m_k) {
            BigUInt u = t;
            if (u.divSmall(5) != 0)
                break;
            t = u;
            ++fives;
        }
        r.m_preperiod = r.m_k - twos;
        r.m_fiveExponent = r.m_k - fives;
    }
    return r;
}

std::string ExactRational::fractionDecimal() const
{
    if (m_fraction0.isZero())
        return "0";
    return decimalOverPowerOfTen(m_fraction0, m_k);
}

std::string ExactRational::integerBinary() const
{
    const int n = m_integer.bitLength();
    if (n == 0)
        return "0";
    std::string s;
    for (int i = n - 1; i >= 0; --i)
        s.push_back(m_integer.bit(i) ? '1' : '0');
    return s;
}

int ExactRational::bitAt(int w)
{
    if (w >= 0)
        return m_integer.bit(w) ? 1 : 0;
    const std::size_t index = std::size_t(-w - 1);
    while (m_fractionBits.size() <= index) {
        // fraction * 2: the integer part of the product is the next binary digit
        m_remainder.shiftLeft(1);
        const bool one = compare(m_remainder, m_den) >= 0;
        if (one)
            m_remainder.subtract(m_den);
        m_fractionBits.push_back(one ? 1 : 0);
    }
    return m_fractionBits[index];
}

bool ExactRational::anyBitBelow(int w)
{
    if (w > 0) {
        for (int i = 0; i < w; ++i)
            if (m_integer.bit(i))
                return true;
        return !m_fraction0.isZero();
    }
    // Generate down to weight 2^w; the bits below are the later generated ones
    // (index -w on) and the exact remainder after them.
    if (w < 0)
        bitAt(w);
    for (std::size_t i = std::size_t(-w); i < m_fractionBits.size(); ++i)
        if (m_fractionBits[i])
            return true;
    return !m_remainder.isZero();
}

std::optional<int> ExactRational::leadingWeight(int maxDepth)
{
    if (!m_integer.isZero())
        return m_integer.bitLength() - 1;
    if (m_fraction0.isZero())
        return std::nullopt;
    for (int w = -1; w >= -maxDepth; --w)
        if (bitAt(w))
            return w;
    return std::nullopt;
}

std::vector<std::string> ExactRational::doublingSteps(int count) const
{
    std::vector<std::string> lines;
    BigUInt r = m_fraction0;
    for (int i = 0; i < count && !r.isZero(); ++i) {
        const std::string before = decimalOverPowerOfTen(r, m_k);
        r.shiftLeft(1);
        const std::string product = decimalOverPowerOfTen(r, m_k);
        const bool one = compare(r, m_den) >= 0;
        if (one)
            r.subtract(m_den);
        lines.push_back(before + " × 2 = " + product + " → " + (one ? "1" : "0"));
    }
    return lines;
}

} // namespace qs::detail
