#pragma once
// Fixed-bin histograms and the error metrics of a quantization.
#include <cstdint>
#include <span>
#include <vector>

namespace qs {

struct Histogram
{
    double lo = 0; // left edge of bin 0
    double hi = 1; // right edge of the last bin
    std::vector<std::uint64_t> counts;
    std::uint64_t below = 0;     // finite values < lo
    std::uint64_t above = 0;     // finite values > hi
    std::uint64_t nonfinite = 0; // NaN/Inf, never binned

    int bins() const { return int(counts.size()); }
    double binWidth() const { return counts.empty() ? 0 : (hi - lo) / double(counts.size()); }
    double binLeft(int i) const { return lo + (hi - lo) * double(i) / double(counts.size()); }
    double binCenter(int i) const { return lo + (hi - lo) * (double(i) + 0.5) / double(counts.size()); }
    // The bin computeHistogram() puts x in (binLeft(i) <= x < binLeft(i+1), x == hi
    // in the last bin); -1 for x outside [lo, hi], NaN, Inf or an empty histogram.
    // Every reader of a bin (the inspector, captions) asks here instead of dividing by binWidth().
    int binOf(double x) const;
};

// Bin i holds binLeft(i) <= x < binLeft(i+1) exactly as binLeft() computes the
// edges (double); x == hi goes into the last bin. bins 1..65536, lo < hi finite
// (else ArgumentError). Values outside [lo, hi] are counted in below/above.
// Runs on all cores with private histograms merged in order (deterministic).
Histogram computeHistogram(std::span<const float> x, int bins, double lo, double hi);
// Same, with [lo, hi] = [min, max] of the finite values (a constant or empty input gets a unit-wide range).
Histogram computeHistogram(std::span<const float> x, int bins);
// Histogram of the differences y[i] - x[i] (float subtraction, as the error
// x̂ - x of a quantization), computed on the fly: no difference tensor is stored.
Histogram computeDifferenceHistogram(std::span<const float> x, std::span<const float> y, int bins, double lo,
                                     double hi);
// The histogram with `bins` bins over the same range, made by adding groups of
// fine.bins() / bins adjacent bins. Exact, not an approximation, when that
// ratio is a power of two: edge(r·i) of the fine histogram, lo + (hi − lo)·(r·i)
// / (r·bins), rounds to the same double as edge(i) of the coarse one (scaling
// by a power of two commutes with rounding), so every value lands in the same
// coarse bin. Other ratios throw ArgumentError.
Histogram sumAdjacentBins(const Histogram& fine, int bins);
// Histogram of |x| on [0, hi] (the NVIDIA calibration histogram, hi = max|x|).
Histogram computeAbsHistogram(std::span<const float> x, int bins, double hi);

} // namespace qs
