#pragma once
// Keeping dequantized values of finite inputs finite.
//
// x̂ = S·level is a correctly rounded float product, so it overflows only when
// the grid itself reaches past the float range: a clip range at ±FLT_MAX
// gives S = FLT_MAX / 127 rounded up, and 127·S > FLT_MAX. Such a product is
// made the largest finite float of its sign (the nearest float to a grid
// point just beyond the range), and the quantizer says so in a message (see
// gridOverflows). NaN passes unchanged, and every other value is untouched,
// so results inside the range keep their bits.
#include "runtime/simd.h"

#include <cfloat>

namespace qs {

QS_ALWAYS_INLINE float clampToFloatRange(float v)
{
    v = v > FLT_MAX ? FLT_MAX : v; // NaN compares false and stays
    return v < -FLT_MAX ? -FLT_MAX : v;
}

// Whether scale * level leaves the float range for the largest |level| of a grid.
inline bool gridOverflows(float scale, float maxAbsLevel)
{
    const float v = scale * maxAbsLevel;
    return v > FLT_MAX || v < -FLT_MAX;
}

} // namespace qs
