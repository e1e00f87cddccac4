#pragma once
// What runQuantization() returns: the codes, the dequantized tensor, every
// group's parameters, the calibration, the metrics and the histograms.
#include "analysis/histogram.h"
#include "analysis/metrics.h"
#include "calib/calibration.h"
#include "quant/quantconfig.h"
#include "tensor/tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

// One group (the whole tensor, a channel or a block) and how it was mapped.
// For every quantizer x̂ = scale * (level(q) - zeroPoint); for the integer
// grids level(q) = q, for float/codebook quantizers level(q) is the value of
// code q in the format / codebook. Codebook-like quantizers have zeroPoint 0,
// Q4_1 stores its offset m as zeroPoint = -m / d (so that x̂ = d(q - zp)).
struct GroupParams
{
    double scale = 1;
    double zeroPoint = 0;
    double clipMin = 0; // the range the group's grid covers (after calibration)
    double clipMax = 0;
    std::int64_t count = 0; // elements in the group (finite or not)
};

struct KMeansInfo
{
    int iterations = 0;
    std::vector<double> distortion; // mean squared distance to the nearest centroid, after each iteration
    bool converged = false;
};

// How non-finite inputs are treated (the one policy of the pipeline): NaN and
// ±Inf are excluded from calibration and metrics, pass through to the
// dequantized tensor unchanged, and get code 0 (codes are meaningless there).
// Outliers kept in full precision (OutlierMode) pass through the same way.
inline constexpr const char* kNonfinitePolicy = "passthrough: excluded from calibration and metrics, "
                                                "dequantized = input, code 0";

struct QuantResult
{
    QuantConfig config;
    Shape shape;
    std::int64_t n = 0;

    Tensor dequantized;              // same shape as the input
    std::vector<std::int32_t> codes; // empty unless requested; float formats: the bit pattern
    std::int32_t codeMin = 0;        // the range codes may take (for writers choosing a dtype)
    std::int32_t codeMax = 0;

    Shape groupShape; // tensor: [1]; channel: [C]; block: shape[:-1] + [blocks per row]
    std::vector<GroupParams> groups;
    std::vector<double> levels; // codebook-like quantizers: the unscaled levels, indexed by code

    double bitsPerValue = 0;       // code bits + per-group scale/zero-point storage, per element
    CalibrationResult calibration; // per-tensor: the calibrator's result; per group: the hull of the group ranges
    QuantMetrics metrics;
    Histogram histOriginal; // original and dequantized share bins
    Histogram histDequantized;
    Histogram histError; // x̂ - x

    std::int64_t nonfinite = 0;      // NaN/Inf inputs
    std::int64_t outliers = 0;       // elements kept in full precision by outlier splitting
    std::int64_t outlierColumns = 0; // Columns mode: whole columns kept
    std::string nonfinitePolicy = kNonfinitePolicy;
    KMeansInfo kmeans;
    std::vector<std::string> messages;
    bool cancelled = false;
};

} // namespace qs
