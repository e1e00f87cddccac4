// MSE calibration: the clip range whose actual fake quantization of the data
// has the smallest mean squared error (the "rounding vs clipping" U-curve).
#include "calib/calibrators.h"

#include "analysis/stats.h"
#include "formats/error.h"
#include "runtime/parallel.h"
#include "runtime/simd.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {
namespace {

// Round half to even for |v| < 2^51: adding and removing 1.5 * 2^52 leaves the
// integer nearest to v under the default IEEE rounding, without a libm call.
inline double roundHalfEven(double v)
{
    constexpr double kMagic = 6755399441055744.0; // 1.5 * 2^52
    return (v + kMagic) - kMagic;
}

// The stand-in quantizer when the target has no fakeQuant: a uniform grid with
// round-half-to-even. Symmetric signed: 2^(bits-1) - 1 levels each side of 0
// (NVIDIA's narrow bound), x̂ = S round(clamp(x / S, -qmax, qmax)), S = hi / qmax.
// Otherwise 2^bits levels from lo: x̂ = lo + S round(clamp((x - lo) / S, 0, L)),
// S = (hi - lo) / L, L = 2^bits - 1. Division is a multiplication by 1 / S here
// (it may differ from x / S in the last bit, at exact ties only).
struct UniformGrid
{
    double origin, step, qmin, qmax;
    UniformGrid(const CalibrationTarget& t, double lo, double hi)
    {
        const int bits = std::clamp(t.bits, 1, 24);
        if (t.symmetric && !t.unsignedGrid) {
            qmax = std::max(1.0, std::ldexp(1.0, bits - 1) - 1.0);
            qmin = -qmax;
            origin = 0;
            step = std::max(std::fabs(lo), std::fabs(hi)) / qmax;
        } else {
            qmin = 0;
            qmax = std::ldexp(1.0, bits) - 1.0;
            origin = lo;
            step = (hi - lo) / qmax;
        }
    }
    double operator()(double x) const
    {
        const double q = std::clamp((x - origin) * (1.0 / step), qmin, qmax);
        return origin + step * roundHalfEven(q);
    }
};

using SquaredError = std::pair<double, std::int64_t>; // (sum, count)

// Sum of (x - x̂)^2 over the finite values of [p, end) and their count for the
// grid; two double lanes at a time with SSE2, the same arithmetic as
// operator(). Those SSE2 operations are compiled for every ISA of the table
// (wider lanes would reorder the sum).
template <simd::Isa>
QS_ALWAYS_INLINE SquaredError squaredErrorBody(const UniformGrid& grid, const float* p, const float* end)
{
    const double origin = grid.origin, step = grid.step, qmin = grid.qmin, qmax = grid.qmax;
    double sum = 0;
    std::int64_t used = 0;
#if defined(__SSE2__)
    const __m128d o = _mm_set1_pd(origin), s = _mm_set1_pd(step), inv = _mm_set1_pd(1.0 / step);
    const __m128d lo = _mm_set1_pd(qmin), hi = _mm_set1_pd(qmax), magic = _mm_set1_pd(6755399441055744.0);
    const __m128d zero = _mm_setzero_pd();
    __m128d acc0 = zero, acc1 = zero;
    __m128i finite = _mm_setzero_si128(); // minus the count of finite lanes (masks are -1)
    auto lane = [&](__m128d x, __m128d& acc) {
        const __m128d ok = _mm_cmpeq_pd(_mm_sub_pd(x, x), zero); // false for NaN and Inf
        x = _mm_or_pd(_mm_and_pd(ok, x), _mm_andnot_pd(ok, o));  // skipped lanes: error 0
        const __m128d q = _mm_min_pd(_mm_max_pd(_mm_mul_pd(_mm_sub_pd(x, o), inv), lo), hi);
        const __m128d d = _mm_sub_pd(x, _mm_add_pd(o, _mm_mul_pd(s, _mm_sub_pd(_mm_add_pd(q, magic), magic))));
        acc = _mm_add_pd(acc, _mm_mul_pd(d, d));
        finite = _mm_sub_epi64(finite, _mm_castpd_si128(ok));
    };
    for (; p + 4 <= end; p += 4) {
        const __m128 v = _mm_loadu_ps(p);
        lane(_mm_cvtps_pd(v), acc0);
        lane(_mm_cvtps_pd(_mm_movehl_ps(v, v)), acc1);
    }
    alignas(16) double parts[2];
    _mm_store_pd(parts, _mm_add_pd(acc0, acc1));
    sum = parts[0] + parts[1];
    alignas(16) std::int64_t counts[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(counts), finite);
    used = counts[0] + counts[1];
#endif
    for (; p < end; ++p) {
        if (isNonFinite(*p))
            continue;
        const double d = double(*p) - grid(*p);
        sum += d * d;
        ++used;
    }
    return {sum, used};
}

QS_SIMD_TABLE(gridSquaredError, squaredErrorBody, SquaredError,
              (const UniformGrid& grid, const float* p, const float* end), (grid, p, end));

constexpr std::int64_t kChunk = std::int64_t(1) << 16;

// Sum of squared errors over [begin, end) (finite x only) and the count used.
std::pair<double, std::int64_t> squaredError(std::span<const float> x, const CalibrationTarget& target, double lo,
                                             double hi, std::vector<float>& buffer)
{
    double sum = 0;
    std::int64_t used = 0;
    if (target.fakeQuant) {
        buffer.resize(std::size_t(std::min<std::int64_t>(kChunk, std::int64_t(x.size()))));
        for (std::size_t b = 0; b < x.size(); b += std::size_t(kChunk)) {
            const std::size_t len = std::min(x.size() - b, std::size_t(kChunk));
            target.fakeQuant(x.subspan(b, len), std::span<float>(buffer.data(), len), lo, hi);
            double chunk = 0;
            for (std::size_t i = 0; i < len; ++i) {
                if (isNonFinite(x[b + i]))
                    continue;
                const double d = double(x[b + i]) - double(buffer[i]);
                chunk += d * d;
                ++used;
            }
            sum += chunk;
        }
    } else {
        const UniformGrid grid(target, lo, hi);
        for (std::size_t b = 0; b < x.size(); b += std::size_t(kChunk)) {
            const std::size_t e = std::min(x.size(), b + std::size_t(kChunk));
            const auto [chunk, n] = gridSquaredError()(grid, x.data() + b, x.data() + e);
            sum += chunk;
            used += n;
        }
    }
    return {sum, used};
}

} // namespace

double quantizationMse(std::span<const float> x, const CalibrationTarget& target, double lo, double hi)
{
    if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi))
        throw ArgumentError("MSE of a quantization needs a finite clip range with lo < hi");
    const std::int64_t n = std::int64_t(x.size());
    // One partial per chunk of kChunk values, added in chunk order: the same
    // sum whatever the thread count. A user-supplied fakeQuant is called from
    // one thread only (it need not be thread-safe).
    std::vector<std::pair<double, std::int64_t>> parts(static_cast<std::size_t>(chunkCount(n, kChunk)));
    auto chunk = [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        std::vector<float> buffer;
        parts[std::size_t(c)] = squaredError(x.subspan(std::size_t(b), std::size_t(e - b)), target, lo, hi, buffer);
    };
    if (target.fakeQuant)
        for (std::int64_t c = 0; c < std::int64_t(parts.size()); ++c)
            chunk(c, c * kChunk, std::min(n, (c + 1) * kChunk));
    else
        parallelChunks(n, kChunk, chunk);
    double sum = 0;
    std::int64_t used = 0;
    for (const auto& [s, u] : parts) {
        sum += s;
        used += u;
    }
    if (used == 0)
        return 0;
    const double mse = sum / double(used);
    return std::isnan(mse) ? std::numeric_limits<double>::infinity() : mse;
}

} // namespace qs

namespace qs {

MseSearch mseSearch(std::span<const float> x, double lo0, double hi0, const CalibrationTarget& target, int candidates)
{
    if (candidates < 10)
        throw ArgumentError("MSE calibration needs at least 10 candidates, got " + std::to_string(candidates));
    if (!(lo0 < hi0))
        throw ArgumentError("MSE calibration needs a range with lo < hi");
    const double pivot = std::clamp(0.0, lo0, hi0);
    const bool symmetric = target.symmetric && !target.unsignedGrid;

    // Deterministic subsample: every k-th finite value.
    const FiniteStats s = finiteStats(x);
    std::vector<float> sample;
    std::span<const float> searched = x;
    MseSearch out;
    if (s.finite > kMseSampleLimit) {
        const std::int64_t stride = (s.finite + kMseSampleLimit - 1) / kMseSampleLimit;
        sample.reserve(std::size_t(kMseSampleLimit));
        std::int64_t skip = 0; // finite values to pass over before the next pick
        for (float v : x) {
            if (isNonFinite(v))
                continue;
            if (skip-- == 0) {
                sample.push_back(v);
                skip = stride - 1;
            }
        }
        searched = sample;
        out.sampled = true;
    }

    // One sweep: clip ranges rangeOf(t) for t = k / N, k = 1..N (ties go to the
    // wider range), then 2 x 10 points between the best one's neighbours.
    struct Sweep
    {
        std::vector<std::pair<double, double>> tried; // (t, mse)
        double t = 1, mse = std::numeric_limits<double>::infinity(), atOne = 0;
    };
    auto sweep = [&](auto rangeOf) {
        Sweep w;
        auto measure = [&](double t) {
            const auto [lo, hi] = rangeOf(t);
            const double m =
                lo < hi ? quantizationMse(searched, target, lo, hi) : std::numeric_limits<double>::infinity();
            w.tried.emplace_back(t, m);
            return m;
        };
        const double N = candidates;
        int bestK = candidates;
        for (int k = 1; k <= candidates; ++k) {
            const double m = measure(double(k) / N);
            if (k == candidates)
                w.atOne = m;
            if (m <= w.mse) {
                w.mse = m;
                bestK = k;
            }
        }
        w.t = double(bestK) / N;
        constexpr int kRefine = 10;
        for (int j = -kRefine; j <= kRefine; ++j) {
            const double t = (double(bestK) + double(j) / (kRefine + 1)) / N;
            if (j == 0 || t <= 0 || t > 1)
                continue;
            const double m = measure(t);
            if (m < w.mse) {
                w.mse = m;
                w.t = t;
            }
        }
        return w;
    };

    // Stage 1: both ends toward the pivot together.
    auto proportional = [&](double t) { return std::pair{pivot + t * (lo0 - pivot), pivot + t * (hi0 - pivot)}; };
    Sweep last = sweep(proportional);
    std::tie(out.lo, out.hi) = proportional(last.t);
    out.mse = last.mse;
    out.minMaxMse = last.atOne;
    std::function<double(double)> clipOf = [&](double t) { return proportional(t).second; };
    if (!symmetric && pivot > lo0 && pivot < hi0) {
        // Asymmetric data around 0: the ends need not shrink alike (one-sided
        // outliers). Stage 2 moves the low end alone, stage 3 the high end alone;
        // each keeps the previous range unless it finds a smaller error.
        const double hi1 = out.hi;
        const Sweep low = sweep([&](double t) { return std::pair{t * lo0, hi1}; });
        if (low.mse < out.mse) {
            out.lo = low.t * lo0;
            out.mse = low.mse;
        }
        const double lo2 = out.lo;
        last = sweep([&](double t) { return std::pair{lo2, t * hi0}; });
        last.tried.emplace_back(out.hi / hi0, out.mse); // the incumbent, so the curve holds the chosen point
        if (last.mse < out.mse) {
            out.hi = last.t * hi0;
            out.mse = last.mse;
        }
        clipOf = [&](double t) { return t * hi0; };
    }

    if (out.sampled) { // re-measure the winner and min-max on all the data
        out.mse = quantizationMse(x, target, out.lo, out.hi);
        out.minMaxMse = quantizationMse(x, target, lo0, hi0);
        if (out.minMaxMse < out.mse) {
            out.lo = lo0;
            out.hi = hi0;
            out.mse = out.minMaxMse;
        }
    }

    auto& tried = last.tried;
    std::sort(tried.begin(), tried.end());
    tried.erase(std::unique(tried.begin(), tried.end(), [](auto& a, auto& b) { return a.first == b.first; }),
                tried.end());
    out.curve.xLabel = symmetric ? "clip amax" : "clip max";
    out.curve.yLabel =
        out.sampled ? "MSE (strided subsample of " + std::to_string(searched.size()) + " values)" : "MSE";
    for (const auto& [t, m] : tried) {
        out.curve.x.push_back(clipOf(t));
        out.curve.y.push_back(m);
    }
    out.curve.chosenX = out.hi;
    return out;
}

} // namespace qs
