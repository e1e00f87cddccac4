// Shared pieces of the explanations: number parsing and the binary expansion
// steps (integer part by powers of two, fraction part by repeated doubling).
#include "formats/decimal.h"
#include "formats/error.h"
#include "formats/explaindetail.h"

#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace qs {

std::string binarySubscript(const std::string& digits)
{
    return digits + "₂";
}

std::string powerOfTwo(int exponent)
{
    static const char* const super[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string s = "2";
    if (exponent < 0)
        s += "⁻";
    for (char c : std::to_string(exponent < 0 ? -long(exponent) : long(exponent)))
        s += super[c - '0'];
    return s;
}

std::string fieldString(const FloatFormat& f, std::uint64_t code)
{
    const std::string b = f.bitString(code);
    std::string out;
    std::size_t pos = 0;
    if (f.isSigned()) {
        out = b.substr(0, 1) + " ";
        pos = 1;
    }
    out += b.substr(pos, std::size_t(f.exponentBits()));
    if (f.mantissaBits() > 0)
        out += " " + b.substr(pos + std::size_t(f.exponentBits()));
    return out;
}

std::string fieldString(const FixedFormat& f, std::uint64_t bits)
{
    std::string b = f.bitString(bits);
    std::string out;
    if (f.isSigned()) {
        out = b.substr(0, 1) + " ";
        b = b.substr(1);
    }
    if (f.fractionBits() > 0)
        b.insert(b.size() - std::size_t(f.fractionBits()), ".");
    return out + b;
}

std::string hexString(std::uint64_t code, int totalBits)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%0*llX", (totalBits + 3) / 4, static_cast<unsigned long long>(code));
    return buf;
}

namespace detail {

std::string trimmed(std::string_view text)
{
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1])))
        --e;
    return std::string(text.substr(b, e - b));
}

std::string absText(const std::string& text)
{
    return (!text.empty() && (text[0] == '-' || text[0] == '+')) ? text.substr(1) : text;
}

double parseValueText(std::string_view text)
{
    const std::string t = trimmed(text);
    std::string lower;
    for (char c : t)
        lower.push_back(char(std::tolower(static_cast<unsigned char>(c))));
    const bool neg = !lower.empty() && lower[0] == '-';
    const std::string body = (!lower.empty() && (lower[0] == '-' || lower[0] == '+')) ? lower.substr(1) : lower;
    if (body == "inf" || body == "infinity")
        return neg ? -HUGE_VAL : HUGE_VAL;
    if (body == "nan")
        return std::nan("");
    double v = 0;
    std::from_chars_result r{};
    const char* last = lower.data() + lower.size();
    if (body.rfind("0x", 0) == 0) {
        r = std::from_chars(lower.data() + (lower.size() - body.size()) + 2, last, v, std::chars_format::hex);
        if (neg)
            v = -v;
    } else {
        const char* first = lower.data() + (!lower.empty() && lower[0] == '+' ? 1 : 0);
        r = std::from_chars(first, last, v, std::chars_format::general);
    }
    if (body.empty() || r.ec == std::errc::invalid_argument || r.ptr != last)
        throw ArgumentError("value '" + std::string(text) + "' is not a number");
    if (r.ec == std::errc::result_out_of_range)
        v = std::strtod(t.c_str(), nullptr); // ±inf, 0 or a subnormal, as IEEE rounding gives
    return v;
}

std::string shortNumber(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

std::string errorText(double result, double input)
{
    if (std::isnan(result) || std::isinf(result) || std::isinf(input))
        return "infinite (the value is not represented)";
    const double err = result - input;
    char buf[96];
    if (input == 0)
        std::snprintf(buf, sizeof buf, "%+.6g", err);
    else
        std::snprintf(buf, sizeof buf, "%+.6g (relative %.3g)", err, std::fabs(err / input));
    return buf;
}

std::string exactDecimalOfDouble(double x)
{
    const auto raw = std::bit_cast<std::uint64_t>(x);
    const std::uint64_t e = (raw >> 52) & 0x7FF;
    const std::uint64_t m = raw & 0xFFFFFFFFFFFFFull;
    if (e == 0)
        return exactDecimalOf(std::signbit(x), m, -1074);
    return exactDecimalOf(std::signbit(x), m | (1ull << 52), int(e) - 1075);
}

namespace {

constexpr int kShownFractionDigits = 40;

// Fraction digits for display: all when the expansion ends within the limit.
std::string fractionDigits(ExactRational& r, int limit, bool* cut)
{
    std::string s;
    *cut = false;
    for (int i = 1; i <= limit; ++i) {
        if (!r.anyBitBelow(-i + 1))
            return s;
        s.push_back(r.bitAt(-i) ? '1' : '0');
    }
    *cut = r.anyBitBelow(-limit);
    return s;
}

std::string integerBinaryShown(const ExactRational& r)
{
    const std::string b = r.integerBinary();
    if (b.size() <= 64)
        return b;
    return b.substr(0, 32) + "…";
}

} // namespace

std::string binaryText(ExactRational& r)
{
    bool cut = false;
    const std::string frac = fractionDigits(r, kShownFractionDigits, &cut);
    return binarySubscript(integerBinaryShown(r) + (frac.empty() ? "" : "." + frac + (cut ? "…" : "")));
}

void addBinarySteps(Explanation& ex, ExactRational& r, const std::string& magnitudeText)
{
    auto add = [&](std::string id, std::string title, std::string body) {
        ex.steps.push_back({std::move(id), std::move(title), std::move(body), {}});
    };
    // Integer part: a sum of powers of two.
    {
        const std::string dec = r.integerDecimal();
        const std::string bin = r.integerBinary();
        std::string body = dec + " = ";
        const auto& big = r.integerPart();
        int ones = 0;
        for (int i = 0; i < big.bitLength(); ++i)
            ones += big.bit(i);
        if (big.bitLength() <= 63 && ones >= 1 && ones <= 6 && big.bitLength() > 1) {
            std::string sum;
            for (int i = big.bitLength() - 1; i >= 0; --i)
                if (big.bit(i))
                    sum += (sum.empty() ? "" : " + ") + std::to_string(std::uint64_t(1) << i);
            body += sum + " = ";
        }
        body += binarySubscript(integerBinaryShown(r));
        if (bin.size() > 64)
            body += "  (" + std::to_string(bin.size()) + " binary digits)";
        add("integer", "Integer part", body);
    }
    if (!r.hasFraction())
        return;
    // Fraction part: repeated doubling, the integer part of each product is the next digit.
    {
        bool cut = false;
        const std::string digits = fractionDigits(r, kShownFractionDigits, &cut);
        std::string body = r.fractionDecimal() + " = " + binarySubscript("0." + digits + (cut ? "…" : ""));
        const int b = r.fiveExponent();
        if (b > 0) {
            // Reduced denominator 2^a 5^b: the digits repeat with period 4·5^(b-1) (2 is a primitive root mod 5^b).
            const int a = r.preperiod();
            if (b <= 2 && a + 4 * (b == 1 ? 1 : 5) <= kShownFractionDigits) {
                const int period = b == 1 ? 4 : 20;
                std::string pre;
                std::string block;
                for (int i = 1; i <= a; ++i)
                    pre.push_back(r.bitAt(-i) ? '1' : '0');
                for (int i = a + 1; i <= a + period; ++i)
                    block.push_back(r.bitAt(-i) ? '1' : '0');
                body += " = " + binarySubscript("0." + pre + "(" + block + ")") + "\nthe block " + block +
                        " repeats forever: the binary fraction never ends, so the value must be rounded";
            } else {
                body += "\nthe binary fraction never ends (it repeats with a period of 4·5^" + std::to_string(b - 1) +
                        " digits), so the value must be rounded";
            }
        }
        const std::vector<std::string> lines = r.doublingSteps(std::min(8, std::max(4, r.preperiod() + 4)));
        for (const auto& line : lines)
            body += "\n  " + line;
        if (b > 0 || int(lines.size()) < int(digits.size()))
            body += "\n  …";
        add("fraction", "Fraction part", body);
    }
    add("binary", "In binary", magnitudeText + " = " + binaryText(r));
}

} // namespace detail
} // namespace qs
