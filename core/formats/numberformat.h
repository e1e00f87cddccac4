#pragma once
// One handle for every format the user can name: a float layout, a fixed-point
// layout or an integer. parseFormat() is the single entry point for spec
// strings from the CLI, the GUI and saved sessions.
//
// Grammar (case-insensitive):
//   preset      fp64 fp32 fp16 bf16 tf32 fp8-e4m3 fp8-e4m3fnuz fp8-e5m2 fp8-e5m2fnuz
//               fp6-e2m3 fp6-e3m2 fp4-e2m1 e8m0
//   custom      eXmY[,bias=B][,special=ieee|fn|fnuz|finite][,subnormals=on|off][,zero=on|off][,signed=on|off]
//               subnormals=off flushes to zero (exponent field 0 is ±0 only); zero=off (only with
//               subnormals=off) makes exponent field 0 an ordinary binade instead, as in e8m0
//   fixed       ufixI.F  sfixI.F
//   integer     intN  uintN         (N 1..32)
//   aliases     float64 double float32 float float16 half bfloat16 fp8-e4m3fn float8_e4m3fn
//               float8_e5m2 float8_e4m3fnuz float8_e5m2fnuz e8m0fnu
// A custom layout equal to a preset reports the preset's name as its spec().
#include "formats/fixedformat.h"
#include "formats/floatformat.h"

#include <string_view>
#include <variant>
#include <vector>

namespace qs {

using NumberFormat = std::variant<FloatFormat, FixedFormat>;

// Throws FormatError naming the problem ("unknown format 'fp7'", "exponent bits 12 outside 1-11").
NumberFormat parseFormat(std::string_view spec);
FloatFormat parseFloatFormat(std::string_view spec); // throws if the spec names a fixed/integer format

std::vector<std::string> presetFormatNames();
std::vector<FloatFormat> presetFloatFormats(); // in the order of docs/course.md, fp64 first

int totalBits(const NumberFormat& format);
std::string formatName(const NumberFormat& format);

// Parse a bit string for a format: 0/1 digits with optional spaces or '_',
// or 0x-prefixed hex. Throws ArgumentError if the length or characters are wrong.
std::uint64_t parseBits(std::string_view text, int totalBits);

} // namespace qs
