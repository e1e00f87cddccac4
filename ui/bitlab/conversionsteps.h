#pragma once
// The step-by-step conversion of docs/course.md for any value and format:
// 25.125 -> 11001.001 -> 1.1001001 x 2^4 -> exponent 131 -> bits. Each step
// names the bit positions it decides so the bit row can highlight them. The
// final bits always come from the core's encode(); the steps only explain them.
// (Kept separate so it can switch to the core's explain.h once that lands.)
#include "formats/numberformat.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace qs {

struct ConversionStep
{
    QString title;          // one short line: "Normalise"
    QString detail;         // rich text with the numbers of this value
    std::uint64_t bits = 0; // the bit positions this step decides (mask of the code)
};

struct ConversionWalkthrough
{
    std::vector<ConversionStep> steps;
    std::uint64_t code = 0; // the code encode() produced
    double stored = 0;
};

ConversionWalkthrough explainConversion(const NumberFormat& format, double x, const Rounding& rounding, bool saturate);

// |x| written in base 2 with a binary point ("11001.001"); empty when it would
// need more than maxDigits digits.
QString binaryExpansion(double x, int maxDigits = 80);

} // namespace qs
