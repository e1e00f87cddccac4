#include "analysis/stats.h"

#include "runtime/parallel.h"
#include "runtime/simd.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX-512 through the dispatch table of runtime/simd.h: the binary stays
// baseline x86-64.
#if defined(__SSE2__) && defined(QS_SIMD_X86)
#define QS_STATS_AVX512 1
#include <immintrin.h>
#endif

namespace qs {
namespace {

struct Partial
{
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
    std::int64_t nonfinite = 0;
};

#if defined(QS_STATS_AVX512)
// The same scan with AVX-512 (the Avx512 entry of the table, see scan()): vfpclassps marks
// the non-finite lanes, masked min/max skip them and a masked add counts them.
// Two independent accumulators per quantity, 32 values a step. The SSE2 loop
// needs about 11 instructions per 4 values: on data in cache it takes 0.24
// ns/value on one core, about the share of DRAM bandwidth each core gets when
// both scan, so the pass was as much compute- as memory-bound. This one takes
// 0.06 ns/value and leaves the pass to memory. Processes [begin, end) up to a
// multiple of 32 and returns where it stopped.
QS_TARGET_AVX512 std::int64_t scanAvx512(const float* x, std::int64_t begin, std::int64_t end, Partial& p)
{
    constexpr int kNonFinite = 0x01 | 0x08 | 0x10 | 0x80; // QNaN, +Inf, -Inf, SNaN
    const __m512 posInf = _mm512_set1_ps(std::numeric_limits<float>::infinity());
    const __m512 negInf = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    const __m512i one = _mm512_set1_epi32(1);
    __m512 min0 = posInf, min1 = posInf, max0 = negInf, max1 = negInf;
    __m512i bad0 = _mm512_setzero_si512(), bad1 = _mm512_setzero_si512();
    std::int64_t i = begin;
    for (; i + 32 <= end; i += 32) {
        // Read 16 KiB ahead (one prefetch per two cache lines; the hardware
        // fetches line pairs): with both cores streaming, the hardware
        // prefetcher alone leaves the pass waiting on memory. Never faults,
        // and the address is formed as an integer, so running past the end
        // is harmless.
        _mm_prefetch(reinterpret_cast<const char*>(reinterpret_cast<std::uintptr_t>(x + i) + 16384), _MM_HINT_T0);
        const __m512 v0 = _mm512_loadu_ps(x + i);
        const __m512 v1 = _mm512_loadu_ps(x + i + 16);
        const __mmask16 bad0k = _mm512_fpclass_ps_mask(v0, kNonFinite);
        const __mmask16 bad1k = _mm512_fpclass_ps_mask(v1, kNonFinite);
        min0 = _mm512_mask_min_ps(min0, __mmask16(~bad0k), min0, v0);
        max0 = _mm512_mask_max_ps(max0, __mmask16(~bad0k), max0, v0);
        min1 = _mm512_mask_min_ps(min1, __mmask16(~bad1k), min1, v1);
        max1 = _mm512_mask_max_ps(max1, __mmask16(~bad1k), max1, v1);
        bad0 = _mm512_mask_add_epi32(bad0, bad0k, bad0, one);
        bad1 = _mm512_mask_add_epi32(bad1, bad1k, bad1, one);
    }
    alignas(64) float mins[16], maxs[16];
    alignas(64) std::uint32_t bads[16];
    // (masked forms with all lanes: GCC 12 warns about the undefined source
    // vector inside the unmasked min/max intrinsics)
    _mm512_store_ps(mins, _mm512_mask_min_ps(min0, 0xffff, min0, min1));
    _mm512_store_ps(maxs, _mm512_mask_max_ps(max0, 0xffff, max0, max1));
    _mm512_store_si512(bads, _mm512_add_epi32(bad0, bad1)); // chunks < 2^32 values: < 2^28 per lane
    for (int k = 0; k < 16; ++k) {
        p.min = std::min(p.min, mins[k]);
        p.max = std::max(p.max, maxs[k]);
        p.nonfinite += bads[k];
    }
    return i;
}
#endif

// min/max of the finite values in [begin, end). Non-finite lanes are replaced
// by +Inf (for min) and -Inf (for max) so they can never win, and counted.
// Baseline and AVX2: the SSE2 loop (compiled for each); AVX-512: its own loop
// for multiples of 32 values, then the SSE2 loop for the rest.
template <simd::Isa I> QS_ALWAYS_INLINE Partial scanBody(const float* x, std::int64_t begin, std::int64_t end)
{
    Partial p;
    std::int64_t i = begin;
#if defined(QS_STATS_AVX512)
    if constexpr (I == simd::Isa::Avx512)
        i = scanAvx512(x, i, end, p);
#endif
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

QS_SIMD_TABLE(scan, scanBody, Partial, (const float* x, std::int64_t begin, std::int64_t end), (x, begin, end));

} // namespace

FiniteStats finiteStats(std::span<const float> x)
{
    const std::int64_t n = std::int64_t(x.size());
    // Chunks of kStreamChunk values: the 32-bit lane counters cannot overflow.
    std::vector<Partial> parts(static_cast<std::size_t>(chunkCount(n, kStreamChunk)));
    parallelChunks(n, kStreamChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        parts[std::size_t(c)] = scan()(x.data(), b, e);
    });
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
