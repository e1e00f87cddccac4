#include "bitlab/mxblock.h"

#include <algorithm>
#include <cmath>

namespace qs {

std::vector<MxElementFormat> mxElementFormats()
{
    return {
        {"MXFP4 (E2M1)", FloatFormat::fp4E2M1(), 2},  {"MXFP6 (E3M2)", FloatFormat::fp6E3M2(), 4},
        {"MXFP6 (E2M3)", FloatFormat::fp6E2M3(), 2},  {"MXFP8 (E4M3)", FloatFormat::fp8E4M3(), 8},
        {"MXFP8 (E5M2)", FloatFormat::fp8E5M2(), 15}, {"MXINT8", FixedFormat(1, 6, true, "int8×2^-6"), 0},
    };
}

MxBlock quantizeMxBlock(std::span<const double> values, const MxElementFormat& element)
{
    MxBlock block;
    for (double v : values)
        if (std::isfinite(v))
            block.amax = std::max(block.amax, std::fabs(v));
    // E8M0 covers 2^-127 … 2^127; an all-zero block takes the smallest scale.
    const int e = block.amax > 0 ? std::ilogb(block.amax) - element.emax : -127;
    block.sharedExponent = std::clamp(e, -127, 127);
    block.scale = std::ldexp(1.0, block.sharedExponent);
    block.scaleCode = FloatFormat::e8m0().encode(block.scale).code;
    const Rounding nearestEven{RoundingMode::NearestEven, 0};
    for (double v : values) {
        MxElement el;
        el.input = v;
        el.scaled = v / block.scale; // exact: dividing by a power of two
        if (const auto* f = std::get_if<FloatFormat>(&element.format)) {
            const EncodeResult r = f->encode(el.scaled, nearestEven, OverflowMode::Saturate);
            el.code = r.code;
            el.decoded = r.value * block.scale;
            // Anything beyond the largest element is clamped, whether or not it
            // would also have rounded past the format's overflow threshold.
            el.saturated = r.overflow || std::fabs(el.scaled) > f->maxFinite();
        } else {
            const auto& x = std::get<FixedFormat>(element.format);
            const FixedEncodeResult r = x.encode(el.scaled, nearestEven);
            el.code = r.bits;
            el.decoded = r.value * block.scale;
            el.saturated = r.saturated || el.scaled > x.maxValue() || el.scaled < x.minValue();
        }
        block.elements.push_back(el);
    }
    return block;
}

} // namespace qs
