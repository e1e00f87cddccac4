#include "analysis/metrics.h"

#include "analysis/histogram.h"
#include "analysis/parallel.h"
#include "analysis/stats.h"
#include "formats/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

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

struct Partial
{
    std::int64_t count = 0, nonfinite = 0, clipped = 0;
    CompensatedSum signal, error2, absError;
    double maxAbsError = 0;
};

// Values are summed in double per block of 1024 (error of at most ~1024 ulps
// relative to the block subtotal), the subtotals with compensation.
Partial accumulate(const float* x, const float* y, std::int64_t begin, std::int64_t end, double clipMin, double clipMax)
{
    Partial p;
    constexpr std::int64_t kBlock = 1024;
    for (std::int64_t b = begin; b < end; b += kBlock) {
        const std::int64_t e = std::min(end, b + kBlock);
        double s2 = 0, e2 = 0, ea = 0, emax = p.maxAbsError;
        std::int64_t used = 0, clipped = 0;
        for (std::int64_t i = b; i < e; ++i) {
            if (isNonFinite(x[i]) || isNonFinite(y[i]))
                continue;
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

} // namespace

QuantMetrics computeMetrics(std::span<const float> x, std::span<const float> xhat, double clipMin, double clipMax,
                            int klBins)
{
    if (x.size() != xhat.size())
        throw ArgumentError("metrics need equal sizes, got " + std::to_string(x.size()) + " and " +
                            std::to_string(xhat.size()));
    if (klBins < 1 || klBins > 65536)
        throw ArgumentError("KL histogram bin count " + std::to_string(klBins) + " outside 1-65536");
    if (std::isnan(clipMin) || std::isnan(clipMax))
        throw ArgumentError("metrics clip range is NaN");

    const std::int64_t n = std::int64_t(x.size());
    const int workers = workerCount(n);
    std::vector<Partial> parts(static_cast<std::size_t>(workers));
    parallelChunks(n, workers, [&](std::int64_t b, std::int64_t e, int w) {
        parts[std::size_t(w)] = accumulate(x.data(), xhat.data(), b, e, clipMin, clipMax);
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
    }

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

    // Shared bins over the finite range of x ∪ x̂.
    const FiniteStats sx = finiteStats(x), sy = finiteStats(xhat);
    double lo = std::min(sx.empty() ? sy.min : sx.min, sy.empty() ? sx.min : sy.min);
    double hi = std::max(sx.empty() ? sy.max : sx.max, sy.empty() ? sx.max : sy.max);
    if (!(lo < hi)) {
        const double half = std::max(0.5, std::fabs(lo) * 0x1p-20);
        lo -= half;
        hi += half;
    }
    const Histogram hx = computeHistogram(x, klBins, lo, hi);
    const Histogram hy = computeHistogram(xhat, klBins, lo, hi);
    m.klDivergence = klDivergence(hx.counts, hy.counts);
    return m;
}

} // namespace qs
