#include "options/specreader.h"

#include "formats/error.h"
#include "formats/spectext.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace qs {

namespace {

std::string_view trimmed(std::string_view t)
{
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front())))
        t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back())))
        t.remove_suffix(1);
    return t;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// 2^63: the first double that does not fit an int64 (double(INT64_MAX) rounds up to it).
constexpr double kTwo63 = 9223372036854775808.0;

std::string boundText(std::int64_t v)
{
    return std::to_string(v);
}

} // namespace

std::string expectation(const NumberRange& range)
{
    const std::string t = range.text();
    if (t == "finite")
        return "a finite number";
    return "a number " + std::string(t[0] == '(' || t[0] == '[' ? "in " : "") + t;
}

std::string expectation(const IntegerRange& range)
{
    const std::string t = range.text();
    if (t == "any")
        return "an integer";
    return "an integer " + std::string(t.find("..") != std::string::npos ? "in " : "") + t;
}

bool NumberRange::contains(double v) const
{
    if (!std::isfinite(v))
        return false;
    const bool aboveLo = loOpen ? v > lo : v >= lo;
    const bool belowHi = hiOpen ? v < hi : v <= hi;
    return aboveLo && belowHi;
}

std::string NumberRange::text() const
{
    const bool hasLo = std::isfinite(lo), hasHi = std::isfinite(hi);
    if (hasLo && hasHi)
        return std::string(loOpen ? "(" : "[") + shortestNumberText(lo) + ", " + shortestNumberText(hi) +
               (hiOpen ? ")" : "]");
    if (hasLo)
        return std::string(loOpen ? "> " : ">= ") + shortestNumberText(lo);
    if (hasHi)
        return std::string(hiOpen ? "< " : "<= ") + shortestNumberText(hi);
    return "finite";
}

std::string IntegerRange::text() const
{
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    if (lo != kMin && hi != kMax)
        return boundText(lo) + ".." + boundText(hi);
    if (lo != kMin)
        return ">= " + boundText(lo);
    if (hi != kMax)
        return "<= " + boundText(hi);
    return "any";
}

std::optional<double> parseNumberText(std::string_view text)
{
    const std::string_view t = trimmed(text);
    if (t.empty())
        return std::nullopt;
    const bool neg = t.front() == '-';
    const std::string_view body = (t.front() == '-' || t.front() == '+') ? t.substr(1) : t;
    // Exactly one sign: from_chars would read the "-1" of "+-1" as -1.
    if (body.empty() || body.front() == '+' || body.front() == '-')
        return std::nullopt;
    const std::string low = lower(body);
    double v = 0;
    if (low == "inf" || low == "infinity") {
        v = HUGE_VAL;
    } else if (low == "nan") {
        v = std::nan("");
    } else if (low.size() > 2 && low[0] == '0' && low[1] == 'x') {
        // from_chars' hex format takes neither the "0x" prefix nor a sign.
        const char* first = low.data() + 2;
        const char* last = low.data() + low.size();
        if (!(isDigit(*first) || (*first >= 'a' && *first <= 'f') || *first == '.'))
            return std::nullopt;
        const auto r = std::from_chars(first, last, v, std::chars_format::hex);
        if (r.ptr != last || r.ec == std::errc::invalid_argument)
            return std::nullopt;
        if (r.ec == std::errc::result_out_of_range) // strtod gives the IEEE result: ±inf, 0 or a subnormal
            v = std::strtod(low.c_str(), nullptr);
    } else {
        // Digits or a point first: from_chars alone would also take "nan(...)" and "infinity".
        if (!(isDigit(low[0]) || low[0] == '.'))
            return std::nullopt;
        const char* first = low.data();
        const char* last = low.data() + low.size();
        const auto r = std::from_chars(first, last, v, std::chars_format::general);
        if (r.ptr != last || r.ec == std::errc::invalid_argument)
            return std::nullopt;
        if (r.ec == std::errc::result_out_of_range)
            v = std::strtod(low.c_str(), nullptr);
    }
    return neg ? -v : v;
}

std::string joinWords(const std::vector<std::string>& words, std::string_view separator)
{
    std::string s;
    for (const std::string& w : words) {
        if (!s.empty())
            s += separator;
        s += w;
    }
    return s;
}

std::string shortestNumberText(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

void SpecReader::fail(std::string_view text, const std::string& expected) const
{
    throw ArgumentError(m_what + " '" + std::string(text) + "' is not " + expected);
}

double SpecReader::number(std::string_view text) const
{
    const auto v = parseNumberText(text);
    if (!v)
        fail(text, "a number");
    return *v;
}

double SpecReader::number(std::string_view text, const NumberRange& range) const
{
    const auto v = parseNumberText(text);
    if (!v || !range.contains(*v))
        fail(text, expectation(range));
    return *v;
}

std::int64_t SpecReader::integer(std::string_view text, const IntegerRange& range) const
{
    const std::string expected = expectation(range);
    const std::string_view t = trimmed(text);
    std::int64_t value = 0;
    const std::string_view digits = (!t.empty() && t.front() == '+') ? t.substr(1) : t;
    const bool plain = !digits.empty() && (isDigit(digits.front()) || (digits.front() == '-' && digits.size() > 1)) &&
                       std::all_of(digits.begin() + 1, digits.end(), isDigit) &&
                       !(t.front() == '+' && digits.front() == '-');
    if (plain) {
        // Written in digits: exact for every 64-bit integer (a double would round above 2^53).
        const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (r.ec != std::errc() || r.ptr != digits.data() + digits.size())
            fail(text, expected);
    } else {
        // "1e3", "0x10", "4.0": a number that must be whole, checked before the conversion.
        const auto v = parseNumberText(t);
        if (!v || !std::isfinite(*v) || *v != std::floor(*v) || *v < -kTwo63 || *v >= kTwo63)
            fail(text, expected);
        value = static_cast<std::int64_t>(*v);
    }
    if (!range.contains(value))
        fail(text, expected);
    return value;
}

std::vector<std::int64_t> SpecReader::integerList(std::string_view text, const IntegerRange& range) const
{
    std::vector<std::int64_t> out;
    std::string_view rest = text;
    for (;;) {
        const auto comma = rest.find(',');
        const std::string_view part = rest.substr(0, comma);
        if (trimmed(part).empty())
            throw ArgumentError(m_what + " '" + std::string(text) + "' has an empty entry (use e.g. 2,4,8)");
        out.push_back(integer(part, range));
        if (comma == std::string_view::npos)
            return out;
        rest.remove_prefix(comma + 1);
    }
}

std::size_t SpecReader::choice(std::string_view text, const std::vector<std::string>& words) const
{
    const std::string folded = foldSpecText(text);
    for (std::size_t i = 0; i < words.size(); ++i)
        if (foldSpecText(words[i]) == folded)
            return i;
    fail(text, "one of " + joinWords(words, ", "));
}

} // namespace qs
