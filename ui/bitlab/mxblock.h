#pragma once
// One OCP Microscaling (MX) block, computed with the number-format core only:
// a shared E8M0 scale X = 2^(floor(log2 amax) - emax_elem) and elements
// x / X rounded to nearest-even and saturated in the element format.
// docs/course.md: {100, 20, 2.9, 0.5, -37, 7, 0.1} as MXFP4 -> X = 16 (0x83),
// decoded 96, 16, 0, 0, -32, 8, 0. Isolated here so the view can switch to the
// full MX quantizer of core/quant later without touching the widgets.
#include "formats/numberformat.h"

#include <span>
#include <string>
#include <vector>

namespace qs {

struct MxElementFormat
{
    std::string name; // "MXFP4"
    NumberFormat format;
    int emax = 0; // exponent of the largest power of two below the element's max
};

// MXFP8 (E4M3, E5M2), MXFP6 (E3M2, E2M3), MXFP4 (E2M1), MXINT8 (int8 × 2^-6 = sfix1.6).
std::vector<MxElementFormat> mxElementFormats();

struct MxElement
{
    double input = 0;
    double scaled = 0; // input / X
    std::uint64_t code = 0;
    double decoded = 0;     // element value × X
    bool saturated = false; // |input / X| was beyond the element format's range and got clamped
};

struct MxBlock
{
    double amax = 0;
    int sharedExponent = 0; // X = 2^sharedExponent
    double scale = 1;
    std::uint64_t scaleCode = 0; // the E8M0 bits
    std::vector<MxElement> elements;
};

inline constexpr std::size_t kMxBlockSize = 32;

MxBlock quantizeMxBlock(std::span<const double> values, const MxElementFormat& element);

} // namespace qs
