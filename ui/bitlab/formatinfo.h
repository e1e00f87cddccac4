#pragma once
// One vocabulary for every format the Bit Lab edits. The core keeps floats and
// fixed-point/integer formats as separate classes (NumberFormat is a variant);
// the widgets only need "which field is bit k", "what does this code mean" and
// "encode this number", so these helpers answer that for both kinds.
#include "formats/numberformat.h"

#include <QColor>
#include <QString>

#include <cstdint>

class QPalette;

namespace qs {

enum class BitField { Sign, Exponent, Mantissa, Integer, Fraction };

// Bit k counts from the least significant bit (k = 0), as in the core's codes.
BitField fieldOfBit(const NumberFormat& format, int bit);
QString fieldName(BitField field);
// What bit k is worth, one line for the hover text ("2^3 = 8 of the biased exponent (bias 127)").
QString bitWeightText(const NumberFormat& format, int bit);
// What a field of `code` says, for the line under the field ("131 − 127 = 4", "1.5703125").
QString fieldSummary(const NumberFormat& format, std::uint64_t code, BitField field);
std::uint64_t codeMask(const NumberFormat& format);
std::uint64_t fieldMask(const NumberFormat& format, BitField field);

bool isFloat(const NumberFormat& format);
const FloatFormat* asFloat(const NumberFormat& format);
const FixedFormat* asFixed(const NumberFormat& format);
QString displayName(const NumberFormat& format);

double decodeCode(const NumberFormat& format, std::uint64_t code);
QString exactDecimalText(const NumberFormat& format, std::uint64_t code);
QString scientificOf(double value);
QString hexOf(const NumberFormat& format, std::uint64_t code);
QString bitStringOf(const NumberFormat& format, std::uint64_t code);
// zero / subnormal / normal / inf / nan for floats; zero / fixed / integer otherwise.
QString classNameOf(const NumberFormat& format, std::uint64_t code);
bool isFiniteCode(const NumberFormat& format, std::uint64_t code);

struct EncodeOutcome
{
    std::uint64_t code = 0;
    double value = 0;
    bool inexact = false;
    bool overflow = false;  // the input was beyond the largest finite value (saturated, Inf or NaN)
    bool underflow = false; // a nonzero input became zero or a subnormal, inexactly
};

// Fixed-point formats always saturate; for floats `saturate` picks OverflowMode.
EncodeOutcome encodeValue(const NumberFormat& format, double x, const Rounding& rounding, bool saturate,
                          std::uint64_t stochasticIndex = 0);

std::uint64_t nextUpCode(const NumberFormat& format, std::uint64_t code);
std::uint64_t nextDownCode(const NumberFormat& format, std::uint64_t code);
double ulpAt(const NumberFormat& format, std::uint64_t code);

// Compact human text for a property value: 65504, 2^-24 ≈ 5.96e-08, ∞.
QString propertyNumber(double v);
// A short value text for tables: "448", "-0", "0.001953125", "NaN", "+Inf".
QString shortValue(double v);

// Field colours from the Okabe-Ito palette (safe for the common colour-vision
// deficiencies); lightened or darkened to keep contrast on light and dark themes.
QColor fieldColor(BitField field);
bool isDarkPalette(const QPalette& palette);

} // namespace qs
