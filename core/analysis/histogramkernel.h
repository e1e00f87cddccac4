#pragma once
// The per-element bin rule shared by computeHistogram() and the exact
// percentile search (which must bin a value the same way in two passes).
//
// Bin i covers [edge(i), edge(i+1)) with edge(i) = lo + (hi - lo) * i / bins
// evaluated in double; x == hi belongs to the last bin. The fast index is
// t = (x - lo) * bins / (hi - lo); it can disagree with the edge definition
// only when t lies within a few ulps of an integer, so exactly those values
// (a tolerance band, almost never hit by real data) are re-checked against
// the edges. Everything else is branch-free selects.
#include "analysis/stats.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/simd.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 (8 lanes) and AVX-512 (16 lanes): functions compiled for their target
// (QS_TARGET_AVX2 / QS_TARGET_AVX512, runtime/simd.h) and chosen by the one
// probed ISA, so the binary still runs on baseline x86-64.
#if defined(__SSE2__) && defined(QS_SIMD_X86)
#define QS_HISTOGRAM_AVX2 1
#include <immintrin.h>
#endif

namespace qs::detail {

class BinRule
{
public:
    // lo < hi finite and bins / (hi - lo) finite (checked by the callers).
    BinRule(double lo, double hi, int bins) : m_lo(lo), m_hi(hi), m_bins(bins), m_scale(double(bins) / (hi - lo))
    {
        // Error of t (subtraction and product) plus the error of the edge formula
        // in t units: a few ulps of the largest magnitude involved, times the scale.
        const double magnitude = std::fabs(lo) + std::fabs(hi);
        m_tol = 1e-9 + 8.0 * magnitude * 0x1p-52 * m_scale;
        // The float path: t_f = fl(fl(x - lo_f) * scale_f) with lo_f, scale_f rounded
        // to float differs from t by at most 2^-24 (|lo| scale + 3 t) for values
        // inside the range (t <= bins); twice that is the band re-checked exactly.
        // That bound needs relative rounding errors, so lo_f and scale_f must be
        // normal floats (or lo = 0): a range of subnormals (hi - lo ~ 1e-40, scale
        // ~ 1e43) leaves the float range, and such ranges take the double path.
        m_tolF = 0x1p-23 * (std::fabs(lo) * m_scale + 3.0 * double(bins));
        const bool loNormal = lo == 0 || (std::fabs(lo) >= double(FLT_MIN) && std::fabs(lo) <= double(FLT_MAX));
        m_floatPath = m_tolF < 1.0 / 64 && magnitude < 1e30 && loNormal && m_scale >= double(FLT_MIN) &&
                      m_scale <= double(FLT_MAX) / 2;
        if (m_floatPath) {
            // Exact float comparisons: x < lo  <=>  x < (smallest float >= lo), and
            // x > hi  <=>  x > (largest float <= hi), for every float x.
            m_loCeil = float(lo);
            if (double(m_loCeil) < lo)
                m_loCeil = std::nextafter(m_loCeil, HUGE_VALF);
            m_hiFloor = float(hi);
            if (double(m_hiFloor) > hi)
                m_hiFloor = std::nextafter(m_hiFloor, -HUGE_VALF);
        }
        // The edges as floats: for a float x, x >= edge(i) exactly when x >=
        // ceilToFloat(edge(i)), so the exact rule needs no double arithmetic and
        // no division. Values that sit on or near an edge are common in practice
        // (dequantized values lie on a grid that often shares edges with the
        // bins), so this path must be cheap, not only correct.
        m_edgeF.resize(std::size_t(bins) + 1);
        for (int i = 0; i <= bins; ++i)
            m_edgeF[std::size_t(i)] = ceilToFloat(edge(i));
    }

    int bins() const { return m_bins; }
    double edge(int i) const { return m_lo + (m_hi - m_lo) * double(i) / double(m_bins); }

    // Slot in an extended table: 0 below lo, 1 + bin inside [lo, hi], bins + 1
    // above hi, bins + 2 non-finite.
    int slot(float v) const
    {
        const double x = v;
        const double t = (x - m_lo) * m_scale;
        double tc = t > 0.0 ? t : 0.0; // also maps NaN to 0
        tc = tc < double(m_bins) ? tc : double(m_bins);
        int k = int(tc);
        const double frac = tc - double(k);
        if (frac < m_tol || frac > 1.0 - m_tol) [[unlikely]]
            k = exactBin(v, k);
        k = k < m_bins ? k : m_bins - 1;
        int s = k + 1;
        s = x < m_lo ? 0 : s;
        s = x > m_hi ? m_bins + 1 : s;
        s = isNonFinite(v) ? m_bins + 2 : s;
        return s;
    }

    // out[j] = slot(|p[j]| if Abs else p[j]) for j < count, by the kernel of
    // the active ISA (runtime/simd.h); every kernel gives slot() exactly.
    // Baseline: four values at a time with SSE2 (baseline x86-64); lanes near
    // an edge are redone by slot() itself. When the range allows it
    // (m_floatPath), t is computed in float: twice the lanes per instruction,
    // and a wider band of values re-checked (under 1% of them for up to a few
    // thousand bins); AVX2 takes the float path eight lanes at a time
    // (slotsFloatAvx2, same operations, same slots), AVX-512 sixteen
    // (slotsFloatAvx512, fewer operations, same slots).
    template <bool Abs> void slotsOf(const float* p, int count, std::int32_t* out) const
    {
        int j = 0;
        switch (simd::activeIsa()) {
#if defined(QS_HISTOGRAM_AVX2)
        case simd::Isa::Avx512:
            j = m_floatPath ? slotsFloatAvx512<Abs>(p, count, out) : slotsDouble<Abs>(p, count, out);
            break;
        case simd::Isa::Avx2:
            j = m_floatPath ? slotsFloatAvx2<Abs>(p, count, out) : slotsDouble<Abs>(p, count, out);
            break;
#endif
        default:
#if defined(__SSE2__)
            j = m_floatPath ? slotsFloat<Abs>(p, count, out) : slotsDouble<Abs>(p, count, out);
#endif
            break;
        }
        for (; j < count; ++j)
            out[j] = slot(Abs ? std::fabs(p[j]) : p[j]);
    }
    // Whether the vector kernels compute t in float for this range (tests).
    bool floatPath() const
    {
        return m_floatPath;
    }

private:
    // The vector kernels read their input 16 KiB ahead with a software
    // prefetch. They spend long enough on each value (the histogram fill counts
    // each slot right after) that, with both cores streaming, the hardware
    // prefetcher alone falls behind: measured on the 2-vCPU benchmark VM, 2^24
    // values, two threads, the fill took 0.39-0.58 ns/value without and
    // 0.26-0.33 with it (AVX2 kernel: 0.55-0.78 and 0.32-0.39); 8 to 32 KiB
    // ahead did about the same, 4 KiB less well. A prefetch never faults, so
    // reading past the end of p is harmless; the address is formed as an
    // integer so no out-of-range pointer is computed.
    static constexpr std::uintptr_t kPrefetchAhead = 16384;
    static void prefetchAhead(const float* p)
    {
#if defined(__SSE2__)
        _mm_prefetch(reinterpret_cast<const char*>(reinterpret_cast<std::uintptr_t>(p) + kPrefetchAhead), _MM_HINT_T0);
#else
        (void)p;
#endif
    }

    // The smallest float >= e (+inf above the float range).
    static float ceilToFloat(double e)
    {
        if (e > double(FLT_MAX))
            return HUGE_VALF;
        if (e <= -double(FLT_MAX))
            return -FLT_MAX;
        float f = float(e);
        if (double(f) < e)
            f = std::nextafter(f, HUGE_VALF);
        return f;
    }

    // The bin k with edge(k) <= x < edge(k + 1), starting from a guess.
    int exactBin(float x, int k) const
    {
        k = k < m_bins ? k : m_bins - 1;
        while (k > 0 && x < m_edgeF[std::size_t(k)])
            --k;
        while (k + 1 < m_bins && x >= m_edgeF[std::size_t(k) + 1])
            ++k;
        return k;
    }

    double m_lo, m_hi;
    int m_bins;
    double m_scale;
    double m_tol;
    double m_tolF;
    bool m_floatPath = false;
    float m_loCeil = 0, m_hiFloor = 0;
    std::vector<float> m_edgeF; // ceilToFloat(edge(i)), i = 0..bins

#if defined(__SSE2__)
    // The lanes of fix (all ones) go through the exact scalar rule.
    template <bool Abs> void redo(const float* p, std::int32_t* out, __m128i fix) const
    {
        alignas(16) std::int32_t lanes[4];
        _mm_store_si128(reinterpret_cast<__m128i*>(lanes), fix);
        for (int l = 0; l < 4; ++l)
            if (lanes[l] != 0)
                out[l] = slot(Abs ? std::fabs(p[l]) : p[l]);
    }

    static __m128i select(__m128i mask, __m128i a, __m128i b)
    {
        return _mm_or_si128(_mm_and_si128(mask, a), _mm_andnot_si128(mask, b));
    }

    template <bool Abs> int slotsFloat(const float* p, int count, std::int32_t* out) const
    {
        const __m128i expMask = _mm_set1_epi32(0x7f800000);
        const __m128 signMask = _mm_set1_ps(-0.0f);
        const __m128 lo = _mm_set1_ps(float(m_lo)), scale = _mm_set1_ps(float(m_scale));
        const __m128 loCeil = _mm_set1_ps(m_loCeil), hiFloor = _mm_set1_ps(m_hiFloor);
        const __m128 zero = _mm_setzero_ps(), top = _mm_set1_ps(float(m_bins));
        const __m128 tolLo = _mm_set1_ps(float(m_tolF)), tolHi = _mm_set1_ps(float(1.0 - m_tolF));
        const __m128i lastBin = _mm_set1_epi32(m_bins - 1), one = _mm_set1_epi32(1);
        const __m128i aboveSlot = _mm_set1_epi32(m_bins + 1), nonfiniteSlot = _mm_set1_epi32(m_bins + 2);
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            __m128 v = _mm_loadu_ps(p + j);
            if constexpr (Abs)
                v = _mm_andnot_ps(signMask, v);
            const __m128i nonfinite = _mm_cmpeq_epi32(_mm_and_si128(_mm_castps_si128(v), expMask), expMask);
            const __m128 t = _mm_mul_ps(_mm_sub_ps(v, lo), scale);
            const __m128 tc = _mm_min_ps(_mm_max_ps(t, zero), top); // max(NaN, 0) = 0
            __m128i k = _mm_cvttps_epi32(tc);
            const __m128 frac = _mm_sub_ps(tc, _mm_cvtepi32_ps(k));
            const __m128i below = _mm_castps_si128(_mm_cmplt_ps(v, loCeil));
            const __m128i above = _mm_castps_si128(_mm_cmpgt_ps(v, hiFloor));
            const __m128i nearEdge = _mm_castps_si128(_mm_or_ps(_mm_cmplt_ps(frac, tolLo), _mm_cmpgt_ps(frac, tolHi)));
            const __m128i fix = _mm_andnot_si128(_mm_or_si128(_mm_or_si128(below, above), nonfinite), nearEdge);
            k = select(_mm_cmpgt_epi32(k, lastBin), lastBin, k); // x == hi -> last bin
            __m128i s = _mm_andnot_si128(below, _mm_add_epi32(k, one));
            s = select(above, aboveSlot, s);
            s = select(nonfinite, nonfiniteSlot, s);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + j), s);
            if (_mm_movemask_epi8(fix) != 0) [[unlikely]]
                redo<Abs>(p + j, out + j, fix);
        }
        return j;
    }

#if defined(QS_HISTOGRAM_AVX2)
    // slotsFloat on eight lanes: the same operations in the same order (no FMA:
    // t = (x - lo) * scale rounds twice, exactly as the SSE2 path and the band
    // m_tolF assume), so every slot is the same.
    template <bool Abs> QS_TARGET_AVX2 int slotsFloatAvx2(const float* p, int count, std::int32_t* out) const
    {
        const __m256i expMask = _mm256_set1_epi32(0x7f800000);
        const __m256 signMask = _mm256_set1_ps(-0.0f);
        const __m256 lo = _mm256_set1_ps(float(m_lo)), scale = _mm256_set1_ps(float(m_scale));
        const __m256 loCeil = _mm256_set1_ps(m_loCeil), hiFloor = _mm256_set1_ps(m_hiFloor);
        const __m256 zero = _mm256_setzero_ps(), top = _mm256_set1_ps(float(m_bins));
        const __m256 tolLo = _mm256_set1_ps(float(m_tolF)), tolHi = _mm256_set1_ps(float(1.0 - m_tolF));
        const __m256i lastBin = _mm256_set1_epi32(m_bins - 1), one = _mm256_set1_epi32(1);
        const __m256i aboveSlot = _mm256_set1_epi32(m_bins + 1), nonfiniteSlot = _mm256_set1_epi32(m_bins + 2);
        int j = 0;
        for (; j + 8 <= count; j += 8) {
            prefetchAhead(p + j);
            __m256 v = _mm256_loadu_ps(p + j);
            if constexpr (Abs)
                v = _mm256_andnot_ps(signMask, v);
            const __m256i bits = _mm256_castps_si256(v);
            const __m256i nonfinite = _mm256_cmpeq_epi32(_mm256_and_si256(bits, expMask), expMask);
            const __m256 t = _mm256_mul_ps(_mm256_sub_ps(v, lo), scale);
            const __m256 tc = _mm256_min_ps(_mm256_max_ps(t, zero), top); // max(NaN, 0) = 0
            __m256i k = _mm256_cvttps_epi32(tc);
            const __m256 frac = _mm256_sub_ps(tc, _mm256_cvtepi32_ps(k));
            const __m256i below = _mm256_castps_si256(_mm256_cmp_ps(v, loCeil, _CMP_LT_OQ));
            const __m256i above = _mm256_castps_si256(_mm256_cmp_ps(v, hiFloor, _CMP_GT_OQ));
            const __m256 near =
                _mm256_or_ps(_mm256_cmp_ps(frac, tolLo, _CMP_LT_OQ), _mm256_cmp_ps(frac, tolHi, _CMP_GT_OQ));
            const __m256i fix = _mm256_andnot_si256(_mm256_or_si256(_mm256_or_si256(below, above), nonfinite),
                                                    _mm256_castps_si256(near));
            k = _mm256_min_epi32(k, lastBin); // x == hi -> last bin (k >= 0 here)
            __m256i s = _mm256_andnot_si256(below, _mm256_add_epi32(k, one));
            s = _mm256_blendv_epi8(s, aboveSlot, above);
            s = _mm256_blendv_epi8(s, nonfiniteSlot, nonfinite);
            if (_mm256_movemask_ps(_mm256_castsi256_ps(fix)) != 0) {
                // Lanes near an edge: t_f is within m_tolF / 2 < 1/128 of the
                // exact t, so the exact bin is k - 1, k or k + 1; compare with
                // the two float edges of bin k (exactBin() in eight lanes).
                const __m256 fixMask = _mm256_castsi256_ps(fix);
                const __m256 edgeLo = _mm256_mask_i32gather_ps(zero, m_edgeF.data(), k, fixMask, 4);
                const __m256 edgeHi = _mm256_mask_i32gather_ps(zero, m_edgeF.data() + 1, k, fixMask, 4);
                const __m256i down =
                    _mm256_and_si256(_mm256_and_si256(fix, _mm256_castps_si256(_mm256_cmp_ps(v, edgeLo, _CMP_LT_OQ))),
                                     _mm256_cmpgt_epi32(k, _mm256_setzero_si256()));
                const __m256i up =
                    _mm256_and_si256(_mm256_and_si256(fix, _mm256_castps_si256(_mm256_cmp_ps(v, edgeHi, _CMP_GE_OQ))),
                                     _mm256_cmpgt_epi32(lastBin, k));
                s = _mm256_add_epi32(s, down);                          // mask = -1
                s = _mm256_sub_epi32(s, _mm256_andnot_si256(down, up)); // mask = -1
            }
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + j), s);
        }
        return j;
    }

    // The same slots sixteen lanes at a time with AVX-512 (F for the masks and
    // the gather, DQ for vreduceps and vfpclassps), in about a third of the
    // instructions per value of slotsFloatAvx2 (20 per 16 values when no lane
    // is near an edge):
    // - t is the same float t = (x - lo) * scale (no FMA), so the band is too;
    // - no clamp of t to [0, bins]: it only matters for lanes outside [lo, hi]
    //   or non-finite, whose slot is overwritten from the masks, and for the
    //   in-range lanes t_f in (-1/128, 0) or (bins, bins + 1/128), which are in
    //   the band and fixed up exactly (truncation gives k = 0 or bins there);
    // - frac = t - trunc(t) in one vreduceps (exact, as cvt + sub was);
    // - the fix-up needs one gather, not two: t_f of a lane in the band is
    //   within m_tolF (< 1/64) of the edge e = k (frac near 0) or e = k + 1
    //   (frac near 1), and the exact t within 1.5 m_tolF, so its bin is e - 1
    //   if x < edge(e), else e (then clamped to the last bin, which takes
    //   x == hi); e is in 0..bins for in-range lanes, and x < edge(0) is false;
    // - every mask stays in a mask register: the band test is masked by the
    //   in-range test, and a zero-masked add gives 0 to every other lane before
    //   the above and non-finite slots are written over it.
    template <bool Abs> QS_TARGET_AVX512 int slotsFloatAvx512(const float* p, int count, std::int32_t* out) const
    {
        const __m512 lo = _mm512_set1_ps(float(m_lo)), scale = _mm512_set1_ps(float(m_scale));
        const __m512 loCeil = _mm512_set1_ps(m_loCeil), hiFloor = _mm512_set1_ps(m_hiFloor);
        const __m512 tolLo = _mm512_set1_ps(float(m_tolF)), tolHi = _mm512_set1_ps(float(1.0 - m_tolF));
        const __m512i lastBin = _mm512_set1_epi32(m_bins - 1), one = _mm512_set1_epi32(1);
        const __m512i aboveSlot = _mm512_set1_epi32(m_bins + 1), nonfiniteSlot = _mm512_set1_epi32(m_bins + 2);
        const float* const edges = m_edgeF.data();
        constexpr int kNonFinite = 0x01 | 0x08 | 0x10 | 0x80; // vfpclassps: QNaN, +Inf, -Inf, SNaN
        constexpr int kFrac = 0x03 | _MM_FROUND_NO_EXC;       // vreduceps: x - trunc(x), no precision flag
        // All lanes, through the masked forms: GCC 12 warns about the
        // _mm512_undefined_epi32() inside the unmasked cvttps/min intrinsics.
        constexpr __mmask16 kAll = 0xffff;
        int j = 0;
        for (; j + 16 <= count; j += 16) {
            prefetchAhead(p + j);
            __m512 v = _mm512_loadu_ps(p + j);
            if constexpr (Abs)
                v = _mm512_abs_ps(v);
            const __m512 t = _mm512_mul_ps(_mm512_sub_ps(v, lo), scale);
            __m512i k = _mm512_maskz_cvttps_epi32(kAll, t);
            const __m512 frac = _mm512_reduce_ps(t, kFrac);
            // In range: loCeil <= x <= hiFloor (false for NaN and +-Inf).
            const __mmask16 inRange =
                _mm512_mask_cmp_ps_mask(_mm512_cmp_ps_mask(v, loCeil, _CMP_GE_OQ), v, hiFloor, _CMP_LE_OQ);
            const __mmask16 nearHi = _mm512_mask_cmp_ps_mask(inRange, frac, tolHi, _CMP_GT_OQ);
            const __mmask16 nearLo = _mm512_mask_cmp_ps_mask(inRange, frac, tolLo, _CMP_LT_OQ);
            if (!_kortestz_mask16_u8(nearLo, nearHi)) {
                const __mmask16 fix = _kor_mask16(nearLo, nearHi);
                k = _mm512_mask_add_epi32(k, nearHi, k, one); // k = e
                // e is in 0..bins for lanes in the band; the clamp keeps the
                // gather inside m_edgeF whatever happens.
                k = _mm512_mask_min_epi32(k, kAll, _mm512_mask_max_epi32(k, kAll, k, _mm512_setzero_si512()),
                                          _mm512_set1_epi32(m_bins));
                const __m512 edge = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), fix, k, edges, 4);
                k = _mm512_mask_sub_epi32(k, _mm512_mask_cmp_ps_mask(fix, v, edge, _CMP_LT_OQ), k, one);
            }
            // x == hi -> last bin. The band analysis above keeps every in-range
            // k in 0..bins, but the slot indexes a table: clamp it there
            // unconditionally (two instructions), as the SSE2 and AVX2 paths do
            // by clamping t, so no rounding surprise can ever write outside it.
            k = _mm512_mask_min_epi32(k, kAll, _mm512_mask_max_epi32(k, kAll, k, _mm512_setzero_si512()), lastBin);
            __m512i s = _mm512_maskz_add_epi32(inRange, k, one); // not in range -> 0
            s = _mm512_mask_mov_epi32(s, _mm512_cmp_ps_mask(v, hiFloor, _CMP_GT_OQ), aboveSlot);
            s = _mm512_mask_mov_epi32(s, _mm512_fpclass_ps_mask(v, kNonFinite), nonfiniteSlot);
            _mm512_storeu_si512(out + j, s);
        }
        return j;
    }
#endif

    template <bool Abs> int slotsDouble(const float* p, int count, std::int32_t* out) const
    {
        const __m128i expMask = _mm_set1_epi32(0x7f800000);
        const __m128 signMask = _mm_set1_ps(-0.0f);
        const __m128d lo = _mm_set1_pd(m_lo), hi = _mm_set1_pd(m_hi), scale = _mm_set1_pd(m_scale);
        const __m128d zero = _mm_setzero_pd(), top = _mm_set1_pd(double(m_bins));
        const __m128d tolLo = _mm_set1_pd(m_tol), tolHi = _mm_set1_pd(1.0 - m_tol);
        const __m128i lastBin = _mm_set1_epi32(m_bins - 1), one = _mm_set1_epi32(1);
        const __m128i aboveSlot = _mm_set1_epi32(m_bins + 1), nonfiniteSlot = _mm_set1_epi32(m_bins + 2);
        auto half = [&](__m128d x, __m128i& k, __m128d& nearEdge, __m128d& below, __m128d& above) {
            const __m128d t = _mm_mul_pd(_mm_sub_pd(x, lo), scale);
            const __m128d tc = _mm_min_pd(_mm_max_pd(t, zero), top); // max(NaN, 0) = 0, as in slot()
            k = _mm_cvttpd_epi32(tc);
            const __m128d frac = _mm_sub_pd(tc, _mm_cvtepi32_pd(k));
            below = _mm_cmplt_pd(x, lo);
            above = _mm_cmpgt_pd(x, hi);
            nearEdge = _mm_or_pd(_mm_cmplt_pd(frac, tolLo), _mm_cmpgt_pd(frac, tolHi));
        };
        auto pack = [](__m128d a, __m128d b) { // two pairs of 64-bit masks -> four 32-bit masks
            return _mm_castps_si128(_mm_shuffle_ps(_mm_castpd_ps(a), _mm_castpd_ps(b), _MM_SHUFFLE(2, 0, 2, 0)));
        };
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            __m128 v = _mm_loadu_ps(p + j);
            if constexpr (Abs)
                v = _mm_andnot_ps(signMask, v);
            const __m128i nonfinite = _mm_cmpeq_epi32(_mm_and_si128(_mm_castps_si128(v), expMask), expMask);
            __m128i k0, k1;
            __m128d near0, near1, below0, below1, above0, above1;
            half(_mm_cvtps_pd(v), k0, near0, below0, above0);
            half(_mm_cvtps_pd(_mm_movehl_ps(v, v)), k1, near1, below1, above1);
            const __m128i below = pack(below0, below1), above = pack(above0, above1);
            const __m128i fix =
                _mm_andnot_si128(_mm_or_si128(_mm_or_si128(below, above), nonfinite), pack(near0, near1));
            __m128i k = _mm_unpacklo_epi64(k0, k1);
            k = select(_mm_cmpgt_epi32(k, lastBin), lastBin, k); // x == hi -> last bin
            __m128i s = _mm_andnot_si128(below, _mm_add_epi32(k, one));
            s = select(above, aboveSlot, s);
            s = select(nonfinite, nonfiniteSlot, s);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + j), s);
            if (_mm_movemask_epi8(fix) != 0) [[unlikely]]
                redo<Abs>(p + j, out + j, fix);
        }
        return j;
    }
#endif
};

} // namespace qs::detail
