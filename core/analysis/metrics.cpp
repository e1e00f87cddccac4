#include "analysis/metrics.h"

#include "analysis/histogram.h"
#include "analysis/stats.h"
#include "formats/error.h"
#include "runtime/parallel.h"
#include "runtime/simd.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {
namespace {

// Neumaier-compensated sum: adding block subtotals of 2^24 values keeps the
// total accurate to a few ulps instead of growing error with n.
struct CompensatedSum
{
    double sum = 0, carry = 0;
    void add(double v)
    {
        const double t = sum + v;
        carry += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    double value() const { return sum + carry; }
};

// Finite minimum and maximum of the values seen (float, as finiteStats).
struct FiniteRange
{
    std::int64_t count = 0;
    float lo = std::numeric_limits<float>::infinity(), hi = -std::numeric_limits<float>::infinity();
    void add(float v)
    {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        ++count;
    }
    void merge(const FiniteRange& o)
    {
        lo = std::min(lo, o.lo);
        hi = std::max(hi, o.hi);
        count += o.count;
    }
};

struct Partial
{
    std::int64_t count = 0, nonfinite = 0, clipped = 0;
    CompensatedSum signal, error2, absError;
    double maxAbsError = 0;
    // Collected in the same pass, so the histograms need no range passes of
    // their own: finite x, finite x̂, finite float differences x̂ - x.
    FiniteRange x, xhat, error;
};

#if defined(__SSE2__)
// The lanes of accumulate(): two doubles per register, four floats per step.
struct Lanes
{
    __m128d s2 = _mm_setzero_pd(), e2 = _mm_setzero_pd(), ea = _mm_setzero_pd(), emax = _mm_setzero_pd();
    __m128i used = _mm_setzero_si128(), clipped = _mm_setzero_si128(); // 64-bit lane counters
    __m128i xCount = _mm_setzero_si128(), yCount = _mm_setzero_si128(), eCount = _mm_setzero_si128(); // 32-bit
    __m128 xLo = _mm_set1_ps(HUGE_VALF), xHi = _mm_set1_ps(-HUGE_VALF);
    __m128 yLo = _mm_set1_ps(HUGE_VALF), yHi = _mm_set1_ps(-HUGE_VALF);
    __m128 eLo = _mm_set1_ps(HUGE_VALF), eHi = _mm_set1_ps(-HUGE_VALF);
};

QS_ALWAYS_INLINE double sumLanes(__m128d v)
{
    alignas(16) double d[2];
    _mm_store_pd(d, v);
    return d[0] + d[1];
}
QS_ALWAYS_INLINE std::int64_t sumLanes64(__m128i v)
{
    alignas(16) std::int64_t d[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(d), v);
    return d[0] + d[1];
}
QS_ALWAYS_INLINE std::int64_t sumLanes32(__m128i v)
{
    alignas(16) std::int32_t d[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(d), v);
    return std::int64_t(d[0]) + d[1] + d[2] + d[3];
}
QS_ALWAYS_INLINE float minLanes(__m128 v)
{
    alignas(16) float d[4];
    _mm_store_ps(d, v);
    return std::min(std::min(d[0], d[1]), std::min(d[2], d[3]));
}
QS_ALWAYS_INLINE float maxLanes(__m128 v)
{
    alignas(16) float d[4];
    _mm_store_ps(d, v);
    return std::max(std::max(d[0], d[1]), std::max(d[2], d[3]));
}

// Four pairs: the same per-element operations as the scalar loop below, with
// non-finite lanes masked to 0 (and out of the counts and ranges).
QS_ALWAYS_INLINE void accumulateFour(const float* x, const float* y, __m128d clipMin, __m128d clipMax, Lanes& l)
{
    const __m128i expMask = _mm_set1_epi32(0x7f800000);
    const __m128 xv = _mm_loadu_ps(x), yv = _mm_loadu_ps(y);
    const __m128 ev = _mm_sub_ps(yv, xv);
    auto finite = [&](__m128 v) {
        return _mm_xor_si128(_mm_cmpeq_epi32(_mm_and_si128(_mm_castps_si128(v), expMask), expMask), _mm_set1_epi32(-1));
    };
    const __m128i fx = finite(xv), fy = finite(yv), ok = _mm_and_si128(fx, fy), fe = _mm_and_si128(ok, finite(ev));
    auto keep = [](__m128i m, __m128 v, float other) { // v where m, else other
        return _mm_or_ps(_mm_and_ps(_mm_castsi128_ps(m), v), _mm_andnot_ps(_mm_castsi128_ps(m), _mm_set1_ps(other)));
    };
    l.xLo = _mm_min_ps(l.xLo, keep(fx, xv, HUGE_VALF));
    l.xHi = _mm_max_ps(l.xHi, keep(fx, xv, -HUGE_VALF));
    l.yLo = _mm_min_ps(l.yLo, keep(fy, yv, HUGE_VALF));
    l.yHi = _mm_max_ps(l.yHi, keep(fy, yv, -HUGE_VALF));
    l.eLo = _mm_min_ps(l.eLo, keep(fe, ev, HUGE_VALF));
    l.eHi = _mm_max_ps(l.eHi, keep(fe, ev, -HUGE_VALF));
    l.xCount = _mm_sub_epi32(l.xCount, fx);
    l.yCount = _mm_sub_epi32(l.yCount, fy);
    l.eCount = _mm_sub_epi32(l.eCount, fe);
    const __m128d absMask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffffLL));
    auto half = [&](__m128d xd, __m128d yd, __m128i ok64) {
        const __m128d m = _mm_castsi128_pd(ok64);
        const __m128d xm = _mm_and_pd(m, xd);
        const __m128d d = _mm_and_pd(m, _mm_sub_pd(xd, yd));
        const __m128d ad = _mm_and_pd(absMask, d);
        l.s2 = _mm_add_pd(l.s2, _mm_mul_pd(xm, xm));
        l.e2 = _mm_add_pd(l.e2, _mm_mul_pd(d, d));
        l.ea = _mm_add_pd(l.ea, ad);
        l.emax = _mm_max_pd(l.emax, ad);
        const __m128d out = _mm_or_pd(_mm_cmplt_pd(xd, clipMin), _mm_cmpgt_pd(xd, clipMax));
        l.clipped = _mm_sub_epi64(l.clipped, _mm_and_si128(ok64, _mm_castpd_si128(out)));
        l.used = _mm_sub_epi64(l.used, ok64);
    };
    half(_mm_cvtps_pd(xv), _mm_cvtps_pd(yv), _mm_unpacklo_epi32(ok, ok));
    half(_mm_cvtps_pd(_mm_movehl_ps(xv, xv)), _mm_cvtps_pd(_mm_movehl_ps(yv, yv)), _mm_unpackhi_epi32(ok, ok));
}
#endif

// Values are summed in double per block of 1024 (error of at most ~1024 ulps
// relative to the block subtotal; with SSE2 in two lanes of even and odd
// positions, added at the end of the block), the subtotals with compensation.
// Blocks start at multiples of 1024 from the chunk start. The same SSE2
// operations are compiled for every ISA (a wider vector would change the
// order of the additions, hence the bits): the table only lets the AVX
// encodings be used.
template <simd::Isa>
QS_ALWAYS_INLINE Partial accumulateBody(const float* x, const float* y, std::int64_t begin, std::int64_t end,
                                        double clipMin, double clipMax)
{
    Partial p;
    constexpr std::int64_t kBlock = 1024;
    for (std::int64_t b = begin; b < end; b += kBlock) {
        const std::int64_t e = std::min(end, b + kBlock);
        double s2 = 0, e2 = 0, ea = 0, emax = p.maxAbsError;
        std::int64_t used = 0, clipped = 0;
        std::int64_t i = b;
#if defined(__SSE2__)
        if (e - b >= 4) {
            Lanes l;
            const __m128d lo = _mm_set1_pd(clipMin), hi = _mm_set1_pd(clipMax);
            for (; i + 4 <= e; i += 4)
                accumulateFour(x + i, y + i, lo, hi, l);
            s2 = sumLanes(l.s2);
            e2 = sumLanes(l.e2);
            ea = sumLanes(l.ea);
            alignas(16) double m[2];
            _mm_store_pd(m, l.emax);
            emax = std::max({emax, m[0], m[1]});
            used = sumLanes64(l.used);
            clipped = sumLanes64(l.clipped);
            auto mergeRange = [](FiniteRange& r, __m128 lo4, __m128 hi4, __m128i count) {
                FiniteRange part;
                part.count = sumLanes32(count);
                if (part.count > 0) {
                    part.lo = minLanes(lo4);
                    part.hi = maxLanes(hi4);
                    r.merge(part);
                }
            };
            mergeRange(p.x, l.xLo, l.xHi, l.xCount);
            mergeRange(p.xhat, l.yLo, l.yHi, l.yCount);
            mergeRange(p.error, l.eLo, l.eHi, l.eCount);
        }
#endif
        for (; i < e; ++i) {
            const bool xFinite = !isNonFinite(x[i]), yFinite = !isNonFinite(y[i]);
            if (xFinite)
                p.x.add(x[i]);
            if (yFinite)
                p.xhat.add(y[i]);
            if (!xFinite || !yFinite)
                continue;
            if (const float ef = y[i] - x[i]; !isNonFinite(ef))
                p.error.add(ef);
            const double xv = x[i], d = xv - double(y[i]);
            s2 += xv * xv;
            e2 += d * d;
            ea += std::fabs(d);
            emax = std::max(emax, std::fabs(d));
            clipped += (xv < clipMin) | (xv > clipMax);
            ++used;
        }
        p.signal.add(s2);
        p.error2.add(e2);
        p.absError.add(ea);
        p.maxAbsError = emax;
        p.count += used;
        p.clipped += clipped;
        p.nonfinite += (e - b) - used;
    }
    return p;
}

QS_SIMD_TABLE(accumulate, accumulateBody, Partial,
              (const float* x, const float* y, std::int64_t begin, std::int64_t end, double clipMin, double clipMax),
              (x, y, begin, end, clipMin, clipMax));

void checkMetricArguments(std::span<const float> x, std::span<const float> xhat, double clipMin, double clipMax,
                          int klBins)
{
    if (x.size() != xhat.size())
        throw ArgumentError("metrics need equal sizes, got " + std::to_string(x.size()) + " and " +
                            std::to_string(xhat.size()));
    if (klBins < 1 || klBins > 65536)
        throw ArgumentError("KL histogram bin count " + std::to_string(klBins) + " outside 1-65536");
    if (std::isnan(clipMin) || std::isnan(clipMax))
        throw ArgumentError("metrics clip range is NaN");
}

// One pass over (x, x̂) on all cores: one partial result per chunk of
// kStreamChunk values (a multiple of the 1024-value block), merged in chunk
// order, so the sums depend on the size only.
Partial accumulateAll(std::span<const float> x, std::span<const float> xhat, double clipMin, double clipMax)
{
    const std::int64_t n = std::int64_t(x.size());
    std::vector<Partial> parts(static_cast<std::size_t>(chunkCount(n, kStreamChunk)));
    parallelChunks(n, kStreamChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        parts[std::size_t(c)] = accumulate()(x.data(), xhat.data(), b, e, clipMin, clipMax);
    });
    Partial all;
    for (const Partial& p : parts) {
        all.count += p.count;
        all.nonfinite += p.nonfinite;
        all.clipped += p.clipped;
        all.signal.add(p.signal.value());
        all.error2.add(p.error2.value());
        all.absError.add(p.absError.value());
        all.maxAbsError = std::max(all.maxAbsError, p.maxAbsError);
        all.x.merge(p.x);
        all.xhat.merge(p.xhat);
        all.error.merge(p.error);
    }
    return all;
}

// The shared KL bins: [min, max] of the finite values of x ∪ x̂ (widened when
// that is a single point).
std::pair<double, double> klRange(const Partial& all)
{
    const FiniteRange& a = all.x;
    const FiniteRange& b = all.xhat;
    double lo = a.count == 0 ? (b.count == 0 ? 0.0 : b.lo) : b.count == 0 ? a.lo : std::min(a.lo, b.lo);
    double hi = a.count == 0 ? (b.count == 0 ? 0.0 : b.hi) : b.count == 0 ? a.hi : std::max(a.hi, b.hi);
    if (!(lo < hi)) {
        const double half = std::max(0.5, std::fabs(lo) * 0x1p-20);
        lo -= half;
        hi += half;
    }
    return {lo, hi};
}

// KL(P || Q) of two count vectors on the same bins, natural log. P's empty
// bins contribute nothing (0 log 0 = 0). Where Q is empty but P is not, Q is
// given probability kEmptyBinMass / bins before renormalising, so the
// divergence stays finite (at most about log(bins / kEmptyBinMass)) instead of
// +inf; when Q covers every bin P uses, nothing is added and identical
// histograms give exactly 0.
constexpr double kEmptyBinMass = 1e-4;

double klDivergence(const std::vector<std::uint64_t>& p, const std::vector<std::uint64_t>& q)
{
    double pTotal = 0, qTotal = 0;
    std::int64_t uncovered = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        pTotal += double(p[i]);
        qTotal += double(q[i]);
        uncovered += (p[i] > 0 && q[i] == 0);
    }
    if (pTotal == 0 || qTotal == 0)
        return 0;
    const double eps = kEmptyBinMass / double(p.size());
    const double qNorm = 1.0 + double(uncovered) * eps; // renormalises Q after the additions
    double kl = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == 0)
            continue;
        const double pi = double(p[i]) / pTotal;
        const double qi = (q[i] == 0 ? eps : double(q[i]) / qTotal) / qNorm;
        kl += pi * std::log(pi / qi);
    }
    return std::max(0.0, kl);
}

QuantMetrics metricsOf(const Partial& all)
{
    QuantMetrics m;
    m.count = all.count;
    m.nonfinite = all.nonfinite;
    if (m.count == 0)
        return m; // nothing measured: every metric 0 (SQNR too: there is no signal and no error)
    const double cnt = double(m.count);
    const double e2 = all.error2.value(), s2 = all.signal.value();
    m.mse = e2 / cnt;
    m.rmse = std::sqrt(m.mse);
    m.sqnrDb = e2 == 0   ? std::numeric_limits<double>::infinity()
               : s2 == 0 ? -std::numeric_limits<double>::infinity()
                         : 10.0 * std::log10(s2 / e2);
    m.maxAbsError = all.maxAbsError;
    m.meanAbsError = all.absError.value() / cnt;
    m.clippedFraction = double(all.clipped) / cnt;
    return m;
}

} // namespace

std::pair<double, double> plotRange(double lo, double hi, bool any)
{
    if (!any)
        lo = hi = 0;
    if (lo == hi) {
        // Beyond 2^52 adding 0.5 changes nothing: widen by a relative 2^-20 there.
        const double half = lo - 0.5 < hi + 0.5 ? 0.5 : std::fabs(lo) * 0x1p-20;
        lo -= half;
        hi += half;
    }
    return {lo, hi};
}

namespace {} // namespace

QuantMetrics computeMetrics(std::span<const float> x, std::span<const float> xhat, double clipMin, double clipMax,
                            int klBins)
{
    checkMetricArguments(x, xhat, clipMin, clipMax, klBins);
    const Partial all = accumulateAll(x, xhat, clipMin, clipMax);
    QuantMetrics m = metricsOf(all);
    if (m.count == 0)
        return m;
    const auto [lo, hi] = klRange(all);
    const Histogram hx = computeHistogram(x, klBins, lo, hi);
    const Histogram hy = computeHistogram(xhat, klBins, lo, hi);
    m.klDivergence = klDivergence(hx.counts, hy.counts);
    return m;
}

QuantMeasurement measureQuantization(std::span<const float> x, std::span<const float> xhat, double clipMin,
                                     double clipMax, int histogramBins, int klBins)
{
    checkMetricArguments(x, xhat, clipMin, clipMax, klBins);
    if (histogramBins < 1 || histogramBins > 65536)
        throw ArgumentError("histogram bin count " + std::to_string(histogramBins) + " outside 1-65536");
    const Partial all = accumulateAll(x, xhat, clipMin, clipMax);
    QuantMeasurement r;
    r.metrics = metricsOf(all);

    // The plotted histograms share [min, max] of the finite values of x ∪ x̂
    // (0 stands in for a side with none).
    const bool anyX = all.x.count > 0, anyY = all.xhat.count > 0;
    const auto [lo, hi] =
        plotRange(std::min(anyX ? double(all.x.lo) : 0.0, anyY ? double(all.xhat.lo) : 0.0),
                  std::max(anyX ? double(all.x.hi) : 0.0, anyY ? double(all.xhat.hi) : 0.0), anyX || anyY);
    bool plotted = false;
    if (r.metrics.count > 0) {
        const auto [klLo, klHi] = klRange(all);
        const Histogram hx = computeHistogram(x, klBins, klLo, klHi);
        const Histogram hy = computeHistogram(xhat, klBins, klLo, klHi);
        r.metrics.klDivergence = klDivergence(hx.counts, hy.counts);
        // Usually the same range: then the plotted histograms are the KL ones
        // with adjacent bins added (exact for a power-of-two ratio), no passes.
        const int ratio = klBins / histogramBins;
        if (klLo == lo && klHi == hi && ratio * histogramBins == klBins && (ratio & (ratio - 1)) == 0) {
            r.original = sumAdjacentBins(hx, histogramBins);
            r.dequantized = sumAdjacentBins(hy, histogramBins);
            plotted = true;
        }
    }
    if (!plotted) {
        r.original = computeHistogram(x, histogramBins, lo, hi);
        r.dequantized = computeHistogram(xhat, histogramBins, lo, hi);
    }
    const auto [eLo, eHi] = plotRange(all.error.lo, all.error.hi, all.error.count > 0);
    r.error = computeDifferenceHistogram(x, xhat, histogramBins, eLo, eHi);
    return r;
}

} // namespace qs
