#pragma once
// SpecReader: the one reader of the numbers typed by a user — command-line
// option values ("--bins 64", "--lr 3e-3"), the fields of spec strings
// ("entropy:2048,128", "moving-minmax:0.01,4096", "channel:1", "stochastic:7")
// and the values of the options table (core/options/optiondef.h).
//
// One grammar for a number everywhere: optional white space around it, an
// optional sign (one: "+-1" is not a number), then a decimal number in the C
// locale (digits, '.', e/E exponent), a hexadecimal float ("0x1.8p3"), or
// inf / infinity / nan in any case. A decimal too large for a double reads as
// ±inf and a tiny one as 0 or a subnormal (IEEE rounding, as strtod).
//
// Whole numbers are checked before any conversion to an integer type (a
// float-to-integer cast of an out-of-range value is undefined behaviour): "1e3"
// is the integer 1000, "1.5", "nan" and "1e308" are refused with a message
// naming the option, the text and the accepted range.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

// The allowed values of a real-valued option; either end may be open ("(0, 1]").
struct NumberRange
{
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool loOpen = false;
    bool hiOpen = false;

    static NumberRange closed(double lo, double hi) { return {lo, hi, false, false}; }
    static NumberRange leftOpen(double lo, double hi) { return {lo, hi, true, false}; } // (lo, hi]
    static NumberRange finite() { return {}; }

    bool contains(double v) const; // never true for NaN or ±inf
    std::string text() const;      // "(0, 1]", "[1, 1e+15]", "any finite number"
};

// The allowed values of an integer option.
struct IntegerRange
{
    std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    std::int64_t hi = std::numeric_limits<std::int64_t>::max();

    bool contains(std::int64_t v) const { return v >= lo && v <= hi; }
    std::string text() const; // "1..65536", ">= 0", "any"
};

// "a number in (0, 1]", "an integer in 1..65536", "an integer >= 0": what a message says was expected.
std::string expectation(const NumberRange& range);
std::string expectation(const IntegerRange& range);

// The grammar above; std::nullopt when the text is not a number.
std::optional<double> parseNumberText(std::string_view text);

// "a, b, c": words joined with a separator (lists in messages and help).
std::string joinWords(const std::vector<std::string>& words, std::string_view separator);

// Shortest text that reads back to the same double ("0.1", "1e+300", "inf").
std::string shortestNumberText(double v);

class SpecReader
{
public:
    // `what` names the option or field in messages: "--bins", "calibration batch size".
    explicit SpecReader(std::string what) : m_what(std::move(what)) {}
    const std::string& what() const { return m_what; }

    // Any number, including ±inf and NaN ("value", the numbers of --values).
    double number(std::string_view text) const;
    // A finite number inside `range`.
    double number(std::string_view text, const NumberRange& range) const;
    // A whole number inside `range`; exact for every 64-bit integer written in digits.
    std::int64_t integer(std::string_view text, const IntegerRange& range) const;
    std::int64_t integer(std::string_view text, std::int64_t lo, std::int64_t hi) const
    {
        return integer(text, IntegerRange{lo, hi});
    }
    // A comma-separated list of whole numbers, each inside `range` ("2,3,4").
    std::vector<std::int64_t> integerList(std::string_view text, const IntegerRange& range) const;
    // One of `words` (compared case- and space-insensitively); returns the index of the match.
    std::size_t choice(std::string_view text, const std::vector<std::string>& words) const;

    // Throws ArgumentError "<what> '<text>' is not <expected>".
    [[noreturn]] void fail(std::string_view text, const std::string& expected) const;

private:
    std::string m_what;
};

} // namespace qs
