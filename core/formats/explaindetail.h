#pragma once
// Internal helpers shared by the float and fixed-point explanations.
#include "formats/exactrational.h"
#include "formats/explain.h"

#include <string>
#include <string_view>

namespace qs::detail {

std::string trimmed(std::string_view text);
std::string absText(const std::string& text);       // without a leading sign
double parseValueText(std::string_view text);       // throws ArgumentError naming the text
std::string shortNumber(double v);                  // %.9g
std::string errorText(double result, double input); // "+1.49e-09 (relative 1.49e-08)"
std::string exactDecimalOfDouble(double x);
std::string binaryText(ExactRational& r); // "11001.001₂", repeating fractions cut with "…"
// Adds the "integer", "fraction" and "binary" steps.
void addBinarySteps(Explanation& ex, ExactRational& r, const std::string& magnitudeText);

} // namespace qs::detail
