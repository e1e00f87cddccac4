#include "analysis/stats.h"

#include "analysis/parallel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {
namespace {

struct Partial
{
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
    std::int64_t nonfinite = 0;
};

// min/max of the finite values in [begin, end). Non-finite lanes are replaced
// by +Inf (for min) and -Inf (for max) so they can never win, and counted.
Partial scan(const float* x, std::int64_t begin, std::int64_t end)
{
    Partial p;
    std::int64_t i = begin;
#if defined(__SSE2__)
    const __m128i expMask = _mm_set1_epi32(0x7f800000);
    const __m128 posInf = _mm_set1_ps(std::numeric_limits<float>::infinity());
    const __m128 negInf = _mm_set1_ps(-std::numeric_limits<float>::infinity());
    __m128 vmin = posInf, vmax = negInf;
    __m128i vbad = _mm_setzero_si128();
    for (; i + 4 <= end; i += 4) {
        const __m128 v = _mm_loadu_ps(x + i);
        const __m128i bad = _mm_cmpeq_epi32(_mm_and_si128(_mm_castps_si128(v), expMask), expMask);
        const __m128 badf = _mm_castsi128_ps(bad);
        vmin = _mm_min_ps(vmin, _mm_or_ps(_mm_and_ps(badf, posInf), _mm_andnot_ps(badf, v)));
        vmax = _mm_max_ps(vmax, _mm_or_ps(_mm_and_ps(badf, negInf), _mm_andnot_ps(badf, v)));
        vbad = _mm_sub_epi32(vbad, bad); // bad lanes are -1
    }
    alignas(16) float mins[4], maxs[4];
    alignas(16) std::int32_t bads[4];
    _mm_store_ps(mins, vmin);
    _mm_store_ps(maxs, vmax);
    _mm_store_si128(reinterpret_cast<__m128i*>(bads), vbad);
    for (int k = 0; k < 4; ++k) {
        p.min = std::min(p.min, mins[k]);
        p.max = std::max(p.max, maxs[k]);
        p.nonfinite += std::uint32_t(bads[k]);
    }
#endif
    for (; i < end; ++i) {
        const float v = x[i];
        if (isNonFinite(v)) {
            ++p.nonfinite;
            continue;
        }
        p.min = std::min(p.min, v);
        p.max = std::max(p.max, v);
    }
    return p;
}

} // namespace

FiniteStats finiteStats(std::span<const float> x)
{
    const std::int64_t n = std::int64_t(x.size());
    // The SSE counters are 32-bit per lane: chunks stay below 2^33 elements.
    const int workers = std::max<int>(workerCount(n), int((n >> 32) + 1));
    std::vector<Partial> parts(static_cast<std::size_t>(workers));
    parallelChunks(n, workers,
                   [&](std::int64_t b, std::int64_t e, int w) { parts[std::size_t(w)] = scan(x.data(), b, e); });
    Partial all;
    for (const Partial& p : parts) {
        all.min = std::min(all.min, p.min);
        all.max = std::max(all.max, p.max);
        all.nonfinite += p.nonfinite;
    }
    FiniteStats s;
    s.nonfinite = all.nonfinite;
    s.finite = n - all.nonfinite;
    if (s.finite > 0) {
        s.min = all.min;
        s.max = all.max;
        s.absMax = std::max(std::abs(all.min), std::abs(all.max));
    }
    return s;
}

} // namespace qs
