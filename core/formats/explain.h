#pragma once
// A step-by-step account of encoding a value into a format, for teaching: the
// integer and fraction parts in binary (a repeating fraction is cut and its
// period marked), normalisation 1.xxx × 2^k, the biased exponent, the kept
// mantissa bits, the rounding decision (guard and sticky bits, which
// neighbour and why) with its error, subnormal/overflow cases and the final
// bit fields. The GUI's Bit Lab and the CLI's `explain` both render it; each
// step names the bit positions of the final code it decides so a view can
// highlight them.
//
// The account works on the exact value of the decimal text the user typed
// (0.1 is 1/10, whose binary expansion repeats 0011), not on the double nearest
// to it. encode() reads its input as a double first; in the rare case where the
// two round differently (double rounding) a final note says so.
#include "formats/numberformat.h"

#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct ExplainStep
{
    std::string id;        // stable key: sign, integer, fraction, binary, normalize, exponent, mantissa,
                           // rounding, subnormal, overflow, scale, saturate, twos-complement, result, note
    std::string title;     // short heading ("Biased exponent")
    std::string text;      // one or more lines of plain text (UTF-8: ₂, ×, superscripts)
    std::vector<int> bits; // positions (0 = least significant) of the final code this step decides
};

struct Explanation
{
    std::string formatName;
    std::string input;      // the value as given
    std::string rounding;   // Rounding::name()
    std::uint64_t code = 0; // the final code (fixed point: the raw bits)
    int totalBits = 0;
    std::string bits;       // the final code, sign first, no separators
    std::string fields;     // the bits with the fields separated: "0 10000011 1001001..." / "11001.001"
    double value = 0;       // the decoded result
    std::string exactValue; // its exact decimal
    bool exact = false;     // the result equals the input exactly
    std::vector<ExplainStep> steps;
};

// The value is decimal text ("25.125", "-0.1", "1e-8", "inf", "nan", hex floats).
// Throws ArgumentError if it is not a number, FormatError/ArgumentError as encode() does.
Explanation explainEncode(const FloatFormat& format, std::string_view value, const Rounding& rounding = {},
                          OverflowMode overflow = OverflowMode::Ieee, std::uint64_t stochasticIndex = 0);
Explanation explainEncode(const FixedFormat& format, std::string_view value, const Rounding& rounding = {},
                          std::uint64_t stochasticIndex = 0);
Explanation explainEncode(const NumberFormat& format, std::string_view value, const Rounding& rounding = {},
                          OverflowMode overflow = OverflowMode::Ieee, std::uint64_t stochasticIndex = 0);

// Plain-text rendering: a header line, numbered steps with indented text, the result.
std::string renderExplanation(const Explanation& explanation);

// A code with its fields separated by spaces: "0 10000011 1001001..." (sign, exponent,
// mantissa) for floats, "11001.001" / "1 011.0100" (sign, integer.fraction) for fixed point.
std::string fieldString(const FloatFormat& format, std::uint64_t code);
std::string fieldString(const FixedFormat& format, std::uint64_t bits);
std::string hexString(std::uint64_t code, int totalBits); // "0x41C90000", zero-padded to the width

// Helpers shared with the renderers: "11001.001₂"-style subscripts and 2⁻³-style powers.
std::string binarySubscript(const std::string& digits); // digits + "₂"
std::string powerOfTwo(int exponent);                   // "2⁴", "2⁻¹²⁶"

} // namespace qs
