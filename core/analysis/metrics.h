#pragma once
// Metrics of a quantization x -> x̂ (design.md issue 4):
//   MSE = mean (x - x̂)^2, RMSE = sqrt(MSE), SQNR = 10 log10(Σx² / Σ(x - x̂)²) dB,
//   max/mean |x - x̂|, fraction of values outside the clip range,
//   KL divergence between the histograms of x and x̂ on shared bins.
// Only positions where both x and x̂ are finite take part; the rest are counted.
#include <cstdint>
#include <span>

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

} // namespace qs
