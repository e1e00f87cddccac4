#pragma once
// The building blocks behind calibrate(), public so tests, the GUI and the
// benchmark can call one step on its own and check it against a reference.
#include "calib/calibration.h"

#include <cstdint>
#include <span>
#include <vector>

namespace qs {

// numpy.percentile(values, p) with the default method "linear" over the finite
// values (of |x| when absolute): sorted a, h = (n - 1) * (p / 100), result =
// lerp(a[floor h], a[floor h + 1], h - floor h), lerp as numpy's _lerp
// (a + (b - a) t, evaluated from b when t >= 0.5). Several p at once share the
// passes. p in [0, 100]; throws ArgumentError otherwise or with no finite value.
// Exact order statistics without sorting: an 8192-bin histogram locates the bin
// of each needed rank, then std::nth_element runs on that bin's values only.
std::vector<double> percentiles(std::span<const float> x, std::span<const double> p, bool absolute = false);

// NVIDIA pytorch-quantization's histogram percentile: the left edge of the first
// bin whose cumulative fraction reaches p / 100 (numpy.searchsorted on the CDF).
double histogramPercentile(std::span<const std::uint64_t> counts, double lo, double hi, double p);
// The same rule as an edge index 0..bins (bins when the cumulative fraction never reaches p / 100).
std::size_t histogramPercentileEdge(std::span<const std::uint64_t> counts, double p);

// NVIDIA's entropy (KL) search over a histogram of |x| on [0, hi] (docs/quantization.md, "Calibration").
// targetBins = 2^(bits - 1) signed, 2^bits unsigned (128 / 256 for 8 bits).
struct EntropySearch
{
    int bin = 0; // chosen candidate i (P = bins[0:i]); amax = i * hi / bins
    double amax = 0;
    std::vector<int> candidates; // startBin .. bins
    std::vector<double> kl;      // KL(P || Q) per candidate, +inf where Q = 0 < P
};
EntropySearch entropySearch(std::span<const std::uint64_t> counts, double hi, int targetBins, int startBin);

// Running min/max over consecutive batches, exactly as PyTorch's
// MovingAverageMinMaxObserver: the first batch initialises, then
// running = running + c * (batch - running) in float32, min and max tracked
// separately (`absolute` is kept for the signature; a symmetric caller takes
// max(-min, max) at the end). Batches without finite values are skipped.
// Returns one (min, max) per used batch, the running value after it.
struct MovingRange
{
    std::vector<double> runningMin, runningMax;
};
MovingRange movingAverageMinMax(std::span<const float> x, std::int64_t batchSize, double c, bool absolute);

// The error a target's quantizer makes with clip [lo, hi] over x (finite x only),
// the objective of the MSE calibrator: mean((x - fakeQuant(x))^2). Without a
// fakeQuant, a uniform grid (see calibration.cpp) stands in.
double quantizationMse(std::span<const float> x, const CalibrationTarget& target, double lo, double hi);

// The MSE search. Candidates shrink the full range [lo0, hi0] toward a pivot p
// (0 when the range contains 0, else its end nearer to 0, which stays fixed):
// [p + t (lo0 - p), p + t (hi0 - p)], t = k / N for k = 1..N, then 2 x 10
// refinement points between the best coarse neighbours. When the range spans
// 0 and the grid is asymmetric, two more sweeps move the low end alone, then
// the high end alone (one-sided outliers need different clips); the curve is
// the last sweep's. Above kMseSampleLimit finite values the search runs on a
// deterministic strided subsample, and the winner and min-max are then
// re-measured on all the data, keeping the better one: the result is never
// worse than min-max on the real error.
constexpr std::int64_t kMseSampleLimit = std::int64_t(1) << 18;
struct MseSearch
{
    double lo = 0, hi = 0;
    double mse = 0;       // on all the data
    double minMaxMse = 0; // the same objective at t = 1
    bool sampled = false;
    CalibrationCurve curve; // x = clip max (the amax when symmetric), y = MSE of the searched values
};
MseSearch mseSearch(std::span<const float> x, double lo0, double hi0, const CalibrationTarget& target, int candidates);

} // namespace qs
