// MSE calibration: the clip range whose actual fake quantization of the data
// has the smallest mean squared error (the "rounding vs clipping" U-curve).
#include "calib/calibrators.h"

#include "analysis/parallel.h"
#include "analysis/stats.h"
#include "formats/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

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
// (NVIDIA's narrow bound), x̂ = S clamp(round(x / S), -qmax, qmax), S = hi / qmax.
// Otherwise 2^bits levels from lo: x̂ = lo + S clamp(round((x - lo) / S), 0, L),
// S = (hi - lo) / L, L = 2^bits - 1.
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
        const double q = std::clamp((x - origin) / step, qmin, qmax);
        return origin + step * roundHalfEven(q);
    }
};

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
            double chunk = 0;
            for (std::size_t i = b; i < e; ++i) {
                if (isNonFinite(x[i]))
                    continue;
                const double d = double(x[i]) - grid(x[i]);
                chunk += d * d;
                ++used;
            }
            sum += chunk;
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
    // A user-supplied fakeQuant is called from one thread only (it need not be thread-safe).
    const int workers = target.fakeQuant ? 1 : workerCount(n);
    std::vector<std::pair<double, std::int64_t>> parts(static_cast<std::size_t>(workers));
    parallelChunks(n, workers, [&](std::int64_t b, std::int64_t e, int w) {
        std::vector<float> buffer;
        parts[std::size_t(w)] = squaredError(x.subspan(std::size_t(b), std::size_t(e - b)), target, lo, hi, buffer);
    });
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
    auto range = [&](double t) { return std::pair{pivot + t * (lo0 - pivot), pivot + t * (hi0 - pivot)}; };

    // Deterministic subsample: every k-th finite value.
    const FiniteStats s = finiteStats(x);
    std::vector<float> sample;
    std::span<const float> searched = x;
    MseSearch out;
    if (s.finite > kMseSampleLimit) {
        const std::int64_t stride = (s.finite + kMseSampleLimit - 1) / kMseSampleLimit;
        sample.reserve(std::size_t(kMseSampleLimit));
        std::int64_t finiteIndex = 0;
        for (float v : x) {
            if (isNonFinite(v))
                continue;
            if (finiteIndex++ % stride == 0)
                sample.push_back(v);
        }
        searched = sample;
        out.sampled = true;
    }

    std::vector<std::pair<double, double>> tried; // (t, mse)
    auto measure = [&](double t) {
        const auto [lo, hi] = range(t);
        if (!(lo < hi))
            return std::numeric_limits<double>::infinity();
        const double m = quantizationMse(searched, target, lo, hi);
        tried.emplace_back(t, m);
        return m;
    };
    const double N = candidates;
    int bestK = candidates;
    double best = std::numeric_limits<double>::infinity(), minMax = 0;
    for (int k = 1; k <= candidates; ++k) {
        const double m = measure(double(k) / N);
        if (k == candidates)
            minMax = m;
        if (m <= best) { // ties go to the wider range
            best = m;
            bestK = k;
        }
    }
    double bestT = double(bestK) / N;
    constexpr int kRefine = 10;
    for (int j = -kRefine; j <= kRefine; ++j) {
        const double t = (double(bestK) + double(j) / (kRefine + 1)) / N;
        if (j == 0 || t <= 0 || t > 1)
            continue;
        const double m = measure(t);
        if (m < best) {
            best = m;
            bestT = t;
        }
    }

    out.mse = best;
    out.minMaxMse = minMax;
    if (out.sampled) { // re-measure the winner and min-max on all the data
        out.mse = quantizationMse(x, target, range(bestT).first, range(bestT).second);
        out.minMaxMse = quantizationMse(x, target, lo0, hi0);
        if (out.minMaxMse < out.mse) {
            bestT = 1.0;
            out.mse = out.minMaxMse;
        }
    }
    std::tie(out.lo, out.hi) = range(bestT);

    std::sort(tried.begin(), tried.end());
    tried.erase(std::unique(tried.begin(), tried.end(), [](auto& a, auto& b) { return a.first == b.first; }),
                tried.end());
    const bool symmetric = target.symmetric && !target.unsignedGrid;
    out.curve.xLabel = symmetric ? "clip amax" : "clip max";
    out.curve.yLabel =
        out.sampled ? "MSE (strided subsample of " + std::to_string(searched.size()) + " values)" : "MSE";
    for (const auto& [t, m] : tried) {
        const auto [lo, hi] = range(t);
        out.curve.x.push_back(symmetric ? std::max(-lo, hi) : hi);
        out.curve.y.push_back(m);
    }
    out.curve.chosenX = symmetric ? std::max(-out.lo, out.hi) : out.hi;
    return out;
}

} // namespace qs
