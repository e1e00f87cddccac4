#pragma once
// Calibration chooses the clipping range [clipMin, clipMax] a quantizer maps
// onto its integer grid (docs/quantization.md, "Calibration").
// Every method returns the range and, where it optimises something, the
// objective curve it searched, so the GUI can plot KL-vs-threshold or
// MSE-vs-clip with the chosen point.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

enum class CalibrationMethod {
    MinMax,              // [min, max] (symmetric: [-amax, amax])
    MovingAverageMinMax, // running min/max over batches, averaging constant c (default 0.01)
    Percentile,          // symmetric: P-th percentile of |x|; asymmetric: (100-P)-th and P-th percentiles
    Entropy,             // NVIDIA KL calibration: 2048 bins of |x|, start bin 128, last minimum, left edge
    Mse,                 // the clip that minimises the MSE of actually fake-quantizing the data
    Manual               // [manualMin, manualMax] as given
};

struct CalibrationSpec
{
    CalibrationMethod method = CalibrationMethod::MinMax;
    double percentile = 99.99; // Percentile
    bool histogramPercentile =
        false; // Percentile: NVIDIA's 2048-bin histogram rule instead of exact (numpy) order statistics
    double manualMin = 0, manualMax = 0; // Manual
    int histogramBins = 2048;            // Entropy
    int startBin = 128;                  // Entropy: first candidate threshold bin
    double movingAverageConstant = 0.01;
    std::int64_t batchSize = 0; // MovingAverageMinMax: consecutive batches of this size (0: 4096 values)
    int mseCandidates = 100;    // Mse: coarse grid size before refinement (>= 10)

    // "minmax", "moving-minmax[:C[,BATCH]]", "percentile[:P]", "percentile-hist[:P]",
    // "entropy[:BINS[,START]]", "mse[:N]", "manual:LO,HI".
    // Throws ArgumentError naming the bad text.
    static CalibrationSpec parse(std::string_view text);
    std::string toString() const; // parseable inverse of parse()

    friend bool operator==(const CalibrationSpec&, const CalibrationSpec&) = default;
};

// What the data is being calibrated for: the quantizer's shape of grid, and a
// function that fake-quantizes with a given clip range (used by Mse to measure
// the real error, and by Entropy for the number of quantized levels).
struct CalibrationTarget
{
    bool symmetric = true; // clip range is [-a, a]
    bool unsignedGrid =
        false; // the grid has 2^bits levels on one side (uint, ReLU data): Entropy merges into 2^bits bins
    int bits = 8;
    // The nvidia convention: the histogram calibrators (entropy, percentile-hist,
    // symmetric) bin |x| as torch.histc does and return the float32 bin edge
    // torch.linspace(0, max|x|, bins + 1)[i], as pytorch-quantization's
    // HistogramCalibrator (calib/torchlinspace.h); otherwise the edge is i * max|x| / bins in double.
    bool torchHistogram = false;
    // out[i] = dequantize(quantize(in[i])) with the clip range [lo, hi]. May be empty:
    // then Mse uses a uniform grid of 2^bits levels (2^(bits-1)-1 each side when symmetric).
    std::function<void(std::span<const float> in, std::span<float> out, double lo, double hi)> fakeQuant;
};

struct CalibrationCurve
{
    std::string xLabel; // e.g. "threshold |x|", "clip value", "percentile"
    std::string yLabel; // e.g. "KL(P||Q) [nats]", "MSE"
    std::vector<double> x;
    std::vector<double> y;
    double chosenX = 0;
};

struct CalibrationResult
{
    CalibrationMethod method = CalibrationMethod::MinMax;
    double clipMin = 0;
    double clipMax = 0;
    CalibrationCurve curve; // empty for MinMax/Manual
    std::int64_t finiteCount = 0;
    std::int64_t nonfiniteCount = 0; // NaN/Inf excluded from calibration
    std::string message;             // e.g. "constant tensor: using range [0, 5]" (empty if nothing to say)
};

// Calibrates on the finite values of x. Never returns NaN or a zero-width
// range: an empty or constant tensor yields a valid range and a message —
// no finite values or all zeros: [-1, 1]; a constant v != 0: [-|v|, |v|] when
// symmetric, else [v - |v|, v + |v|] (so [0, 2v] or [2v, 0]). A method that
// produces an empty range on real data (e.g. the 99th percentile of a mostly
// zero tensor) falls back to min-max, with a message.
// Thread-safe (a pure function); large inputs use all cores internally. A
// target.fakeQuant is only ever called from the calling thread.
CalibrationResult calibrate(std::span<const float> x, const CalibrationSpec& spec, const CalibrationTarget& target);

std::string toString(CalibrationMethod method);

} // namespace qs
