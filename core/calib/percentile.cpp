// Exact percentiles (numpy.percentile, method "linear") and NVIDIA's
// histogram percentile.
#include "calib/calibrators.h"

#include "analysis/histogram.h"
#include "analysis/histogramkernel.h"
#include "analysis/stats.h"
#include "formats/error.h"
#include "runtime/parallel.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace qs {
namespace {

// numpy's _lerp: a + (b - a) t, but b - (b - a)(1 - t) for t >= 0.5 so that the
// result is exactly b at t = 1 and monotone in t.
double numpyLerp(double a, double b, double t)
{
    const double d = b - a;
    return t >= 0.5 ? b - d * (1.0 - t) : a + d * t;
}

float transformed(float v, bool absolute)
{
    return absolute ? std::fabs(v) : v;
}

// The k-th smallest (0-based) of values, reordering them.
double kthSmallest(std::vector<float>& values, std::int64_t k)
{
    std::nth_element(values.begin(), values.begin() + k, values.end());
    return values[std::size_t(k)];
}

// Order statistics of the finite (transformed) values for the given sorted,
// distinct ranks. Small inputs: one copy and nth_element per rank. Large
// inputs: a histogram locates each rank's bin, and only that bin's values are
// gathered (the same bin rule in both passes keeps the counts consistent).
std::vector<double> orderStatistics(std::span<const float> x, bool absolute, const FiniteStats& s,
                                    const std::vector<std::int64_t>& ranks)
{
    std::vector<double> out(ranks.size());
    const double lo = absolute ? 0.0 : double(s.min);
    const double hi = absolute ? double(s.absMax) : double(s.max);
    if (!(lo < hi)) { // every finite value transforms to the same number
        std::fill(out.begin(), out.end(), hi);
        return out;
    }
    constexpr std::int64_t kDirectLimit = std::int64_t(1) << 16;
    if (s.finite <= kDirectLimit) {
        std::vector<float> v;
        v.reserve(std::size_t(s.finite));
        for (float e : x)
            if (!isNonFinite(e))
                v.push_back(transformed(e, absolute));
        for (std::size_t r = 0; r < ranks.size(); ++r)
            out[r] = kthSmallest(v, ranks[r]);
        return out;
    }

    constexpr int kBins = 8192; // two private tables per worker stay in L2
    const Histogram h = absolute ? computeAbsHistogram(x, kBins, hi) : computeHistogram(x, kBins, lo, hi);
    // Bin of each rank and the rank's position inside its bin.
    std::vector<int> bin(ranks.size());
    std::vector<std::int64_t> inside(ranks.size());
    std::vector<int> wanted(kBins, -1); // bin -> index into the gathered buffers
    std::vector<int> wantedBins;
    std::int64_t before = 0;
    std::size_t r = 0;
    for (int b = 0; b < kBins && r < ranks.size(); ++b) {
        const std::int64_t c = std::int64_t(h.counts[std::size_t(b)]);
        while (r < ranks.size() && ranks[r] < before + c) {
            bin[r] = b;
            inside[r] = ranks[r] - before;
            if (wanted[std::size_t(b)] < 0) {
                wanted[std::size_t(b)] = int(wantedBins.size());
                wantedBins.push_back(b);
            }
            ++r;
        }
        before += c;
    }

    const detail::BinRule rule(lo, hi, kBins);
    const std::int64_t n = std::int64_t(x.size());
    // Values gathered per worker slot: their order depends on which slot ran
    // which chunk, but the k-th smallest of a bin's values does not.
    const int workers = parallelSlots(n, kStreamChunk);
    std::vector<std::vector<std::vector<float>>> gathered(std::size_t(workers),
                                                          std::vector<std::vector<float>>(wantedBins.size()));
    parallelChunksOnWorkers(n, kStreamChunk, workers, [&](std::int64_t, std::int64_t b, std::int64_t e, int w) {
        auto& mine = gathered[std::size_t(w)];
        constexpr int kBlock = 1024;
        std::int32_t slotOf[kBlock];
        for (std::int64_t i = b; i < e; i += kBlock) {
            const int len = int(std::min<std::int64_t>(kBlock, e - i));
            const float* p = x.data() + i;
            if (absolute)
                rule.slotsOf<true>(p, len, slotOf);
            else
                rule.slotsOf<false>(p, len, slotOf);
            for (int j = 0; j < len; ++j) {
                const int slot = slotOf[j];
                const int k = slot >= 1 && slot <= kBins ? wanted[std::size_t(slot - 1)] : -1;
                if (k >= 0) [[unlikely]]
                    mine[std::size_t(k)].push_back(transformed(p[j], absolute));
            }
        }
    });
    for (std::size_t k = 0; k < wantedBins.size(); ++k) {
        std::vector<float> values;
        for (auto& g : gathered)
            values.insert(values.end(), g[k].begin(), g[k].end());
        for (std::size_t q = 0; q < ranks.size(); ++q)
            if (bin[q] == wantedBins[k])
                out[q] = kthSmallest(values, inside[q]);
    }
    return out;
}

} // namespace

std::vector<double> percentiles(std::span<const float> x, std::span<const double> p, bool absolute)
{
    for (double q : p)
        if (!(q >= 0 && q <= 100))
            throw ArgumentError("percentile " + std::to_string(q) + " outside 0-100");
    const FiniteStats s = finiteStats(x);
    if (s.empty())
        throw ArgumentError("percentile of a tensor without finite values");

    // numpy: virtual index h = (n - 1) * (p / 100), neighbours floor(h) and floor(h) + 1 (clipped).
    const std::int64_t n = s.finite;
    std::vector<double> h(p.size());
    std::vector<std::int64_t> ranks;
    for (std::size_t i = 0; i < p.size(); ++i) {
        h[i] = double(n - 1) * (p[i] / 100.0);
        const auto below = std::int64_t(std::floor(h[i]));
        ranks.push_back(below);
        ranks.push_back(std::min(below + 1, n - 1));
    }
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    const std::vector<double> stats = orderStatistics(x, absolute, s, ranks);
    auto at = [&](std::int64_t rank) {
        return stats[std::size_t(std::lower_bound(ranks.begin(), ranks.end(), rank) - ranks.begin())];
    };

    std::vector<double> out(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        const auto below = std::int64_t(std::floor(h[i]));
        out[i] = numpyLerp(at(below), at(std::min(below + 1, n - 1)), h[i] - double(below));
    }
    return out;
}

std::size_t histogramPercentileEdge(std::span<const std::uint64_t> counts, double p)
{
    if (!(p >= 0 && p <= 100))
        throw ArgumentError("percentile " + std::to_string(p) + " outside 0-100");
    double total = 0;
    for (auto c : counts)
        total += double(c);
    const std::size_t bins = counts.size();
    if (bins == 0 || total == 0)
        return bins;
    // NVIDIA: cdf = cumsum(hist / total); idx = searchsorted(cdf, p / 100); amax = bin_edges[idx].
    const double target = p / 100.0;
    double cdf = 0;
    for (std::size_t i = 0; i < bins; ++i) {
        cdf += double(counts[i]) / total;
        if (cdf >= target)
            return i;
    }
    return bins; // rounding left the last cumulative value just below p / 100
}

double histogramPercentile(std::span<const std::uint64_t> counts, double lo, double hi, double p)
{
    const std::size_t i = histogramPercentileEdge(counts, p);
    return i >= counts.size() ? hi : lo + (hi - lo) * double(i) / double(counts.size());
}

} // namespace qs
