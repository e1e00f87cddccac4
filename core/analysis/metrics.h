#pragma once
// Metrics of a quantization x -> x̂ (docs/quantization.md, "Metrics"):
//   MSE = mean (x - x̂)^2, RMSE = sqrt(MSE), SQNR = 10 log10(Σx² / Σ(x - x̂)²) dB,
//   max/mean |x - x̂|, fraction of values outside the clip range,
//   KL divergence between the histograms of x and x̂ on shared bins.
// Only positions where both x and x̂ are finite take part; the rest are counted.
// Sums are in double per block of 1024 values, blocks added with Neumaier
// compensation, so 2^24 values stay accurate to ~1e-14 relative.
// KL policy: both histograms use the same klBins bins over [min, max] of the
// finite values of x and x̂. Bins where x has no mass contribute 0. Bins where
// x has mass but x̂ has none (quantized data is spiky) would make KL infinite;
// they get probability 1e-4 / klBins in x̂'s histogram, which is then
// renormalised. So KL is finite (at most about log(klBins * 1e4) nats), and
// exactly 0 when the two histograms are equal.
#include "analysis/histogram.h"

#include <cstdint>
#include <span>
#include <utility>

namespace qs {

struct QuantMetrics
{
    std::int64_t count = 0;     // finite pairs measured
    std::int64_t nonfinite = 0; // pairs skipped
    double mse = 0;
    double rmse = 0;
    double sqnrDb = 0; // +inf when the error is exactly zero
    double maxAbsError = 0;
    double meanAbsError = 0;
    double clippedFraction = 0; // fraction of finite x outside [clipMin, clipMax]
    double klDivergence = 0;    // KL(hist(x) || hist(x̂)), natural log, shared bins over the range of x ∪ x̂
};

QuantMetrics computeMetrics(std::span<const float> x, std::span<const float> xhat, double clipMin, double clipMax,
                            int klBins = 2048);

// computeMetrics() plus the three histograms a quantization is shown with, in
// as few passes as possible (the explorer recomputes them on every change):
// - original and dequantized: histogramBins bins over [min, max] of the finite
//   values of x ∪ x̂ (a unit-wide range around a single value, [-0.5, 0.5]
//   when there is none);
// - error: histogramBins bins of the float differences x̂ - x over their
//   finite [min, max] (same widening).
// One pass collects the sums and all three ranges; the plotted histograms are
// the KL histograms with adjacent bins added when the bin counts allow it
// (sumAdjacentBins), and the error histogram bins differences on the fly.
struct QuantMeasurement
{
    QuantMetrics metrics;
    Histogram original, dequantized, error;
};
// [lo, hi] of a plotted histogram: the finite range [lo, hi], a unit-wide one
// around a single value (relatively 2^-20 wide where 0.5 is below its ulp), or
// [-0.5, 0.5] when there is none (any false).
std::pair<double, double> plotRange(double lo, double hi, bool any);

QuantMeasurement measureQuantization(std::span<const float> x, std::span<const float> xhat, double clipMin,
                                     double clipMax, int histogramBins, int klBins = 2048);

} // namespace qs
