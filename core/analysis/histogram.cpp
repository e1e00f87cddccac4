#include "analysis/histogram.h"

#include "analysis/histogramkernel.h"
#include "analysis/stats.h"
#include "formats/error.h"
#include "runtime/parallel.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace qs {
namespace {

constexpr int kMaxBins = 65536;

void checkArguments(int bins, double lo, double hi)
{
    if (bins < 1 || bins > kMaxBins)
        throw ArgumentError("histogram bin count " + std::to_string(bins) + " outside 1-65536");
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        throw ArgumentError("histogram range [" + std::to_string(lo) + ", " + std::to_string(hi) +
                            "] must be finite with lo < hi");
    // The bin index is (x - lo) * bins / (hi - lo): both factors must be finite
    // doubles (any range of float data is; 1e-310-wide or 1e308-wide ones are not).
    if (!std::isfinite(hi - lo) || !std::isfinite(double(bins) / (hi - lo)))
        throw ArgumentError("histogram range [" + std::to_string(lo) + ", " + std::to_string(hi) +
                            "] is too wide or too narrow for " + std::to_string(bins) + " bins");
}

// Each worker slot (runtime/parallel.h) fills four private tables of
// extended slots (below, bins..., above, non-finite), element j going to table
// j % 4: consecutive equal bins (peaked data) then do not serialise on one
// counter's store-to-load latency. The tables hold 32-bit counts (four tables
// of 2051 slots fit in a 32 KiB L1) and are added into the slot's 64-bit
// totals before any count can reach 2^32, and at the end. Counts are
// integers, so the merge is exact whichever slot ran which chunk.
//
// Source::block(i, len, buffer) returns the len values starting at element i:
// a pointer into the input, or into buffer after computing them (the
// difference histogram computes y - x there, so no error tensor is stored).
struct Plain
{
    const float* x;
    const float* block(std::int64_t i, int, float*) const { return x + i; }
};
struct Difference
{
    const float* x;
    const float* y;
    const float* block(std::int64_t i, int len, float* buffer) const
    {
        for (int j = 0; j < len; ++j)
            buffer[j] = y[i + j] - x[i + j];
        return buffer;
    }
};

template <bool Abs, class Source> Histogram fill(Source source, std::int64_t n, int bins, double lo, double hi)
{
    checkArguments(bins, lo, hi);
    const detail::BinRule rule(lo, hi, bins);
    const std::size_t slots = std::size_t(bins) + 3;
    struct Tables
    {
        std::vector<std::uint32_t> t;     // four tables of 32-bit counts
        std::vector<std::uint64_t> total; // flushed counts
        std::int64_t pending = 0;         // elements counted in t since the last flush
        void flush(std::size_t slots)
        {
            for (std::size_t s = 0; s < slots; ++s)
                total[s] += std::uint64_t(t[s]) + t[slots + s] + t[2 * slots + s] + t[3 * slots + s];
            std::fill(t.begin(), t.end(), 0u);
            pending = 0;
        }
    };
    const int workers = parallelSlots(n, kStreamChunk);
    std::vector<Tables> tables(static_cast<std::size_t>(workers));
    parallelChunksOnWorkers(n, kStreamChunk, workers, [&](std::int64_t, std::int64_t begin, std::int64_t end, int w) {
        Tables& mine = tables[std::size_t(w)];
        if (mine.total.empty()) {
            mine.total.assign(slots, 0);
            mine.t.assign(4 * slots, 0);
        }
        if (mine.pending + (end - begin) >= (std::int64_t(1) << 32)) // before any count can wrap
            mine.flush(slots);
        mine.pending += end - begin;
        std::uint32_t* a = mine.t.data();
        std::uint32_t* b = a + slots;
        std::uint32_t* c = b + slots;
        std::uint32_t* d = c + slots;
        constexpr int kBlock = 1024;
        alignas(32) std::int32_t slotOf[kBlock];
        alignas(32) float buffer[kBlock];
        for (std::int64_t i = begin; i < end; i += kBlock) {
            const int len = int(std::min<std::int64_t>(kBlock, end - i));
            rule.slotsOf<Abs>(source.block(i, len, buffer), len, slotOf);
            int j = 0;
            for (; j + 4 <= len; j += 4) {
                ++a[slotOf[j]];
                ++b[slotOf[j + 1]];
                ++c[slotOf[j + 2]];
                ++d[slotOf[j + 3]];
            }
            for (; j < len; ++j)
                ++a[slotOf[j]];
        }
    });

    Histogram h;
    h.lo = lo;
    h.hi = hi;
    h.counts.assign(std::size_t(bins), 0);
    for (Tables& mine : tables) {
        if (mine.total.empty())
            continue; // a slot that ran no chunk
        mine.flush(slots);
        const std::vector<std::uint64_t>& t = mine.total;
        h.below += t[0];
        for (int k = 0; k < bins; ++k)
            h.counts[std::size_t(k)] += t[std::size_t(k) + 1];
        h.above += t[std::size_t(bins) + 1];
        h.nonfinite += t[std::size_t(bins) + 2];
    }
    return h;
}

} // namespace

Histogram computeHistogram(std::span<const float> x, int bins, double lo, double hi)
{
    return fill<false>(Plain{x.data()}, std::int64_t(x.size()), bins, lo, hi);
}

Histogram computeDifferenceHistogram(std::span<const float> x, std::span<const float> y, int bins, double lo, double hi)
{
    if (x.size() != y.size())
        throw ArgumentError("difference histogram needs equal sizes, got " + std::to_string(x.size()) + " and " +
                            std::to_string(y.size()));
    return fill<false>(Difference{x.data(), y.data()}, std::int64_t(x.size()), bins, lo, hi);
}

Histogram sumAdjacentBins(const Histogram& fine, int bins)
{
    const int ratio = bins > 0 ? fine.bins() / bins : 0;
    if (ratio < 1 || ratio * bins != fine.bins() || (ratio & (ratio - 1)) != 0)
        throw ArgumentError("cannot merge " + std::to_string(fine.bins()) + " bins into " + std::to_string(bins));
    Histogram h;
    h.lo = fine.lo;
    h.hi = fine.hi;
    h.below = fine.below;
    h.above = fine.above;
    h.nonfinite = fine.nonfinite;
    h.counts.assign(std::size_t(bins), 0);
    for (int i = 0; i < fine.bins(); ++i)
        h.counts[std::size_t(i / ratio)] += fine.counts[std::size_t(i)];
    return h;
}

Histogram computeHistogram(std::span<const float> x, int bins)
{
    if (bins < 1 || bins > kMaxBins)
        throw ArgumentError("histogram bin count " + std::to_string(bins) + " outside 1-65536");
    const FiniteStats s = finiteStats(x);
    double lo = s.min, hi = s.max;
    if (s.empty()) {
        lo = 0;
        hi = 1;
    } else if (!(lo < hi)) { // constant: a unit-wide range centred on the value (wider if 0.5 is below its ulp)
        const double half = std::max(0.5, std::fabs(double(s.min)) * 0x1p-20);
        lo = double(s.min) - half;
        hi = double(s.min) + half;
    }
    return fill<false>(Plain{x.data()}, std::int64_t(x.size()), bins, lo, hi);
}

Histogram computeAbsHistogram(std::span<const float> x, int bins, double hi)
{
    return fill<true>(Plain{x.data()}, std::int64_t(x.size()), bins, 0.0, hi);
}

int Histogram::binOf(double x) const
{
    const int n = bins();
    if (n == 0 || !std::isfinite(x) || x < lo || x > hi)
        return -1;
    // The quotient is within a bin of the answer; the edges, computed as
    // binLeft() computes them, decide exactly.
    int k = int(std::clamp((x - lo) / (hi - lo) * double(n), 0.0, double(n - 1)));
    while (k > 0 && x < binLeft(k))
        --k;
    while (k + 1 < n && x >= binLeft(k + 1))
        ++k;
    return k;
}

} // namespace qs
