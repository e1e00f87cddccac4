#pragma once
// What runQuantization() returns: the codes, the dequantized tensor, every
// group's parameters, the calibration, the metrics and the histograms.
#include "analysis/histogram.h"
#include "analysis/metrics.h"
#include "calib/calibration.h"
#include "quant/quantconfig.h"
#include "quant/storage.h"
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

// MX: the fraction of the finite values each scale rule would clip (|x| beyond
// X times the element format's largest value), from the same blocks.
struct MxRuleClipping
{
    MxScaleRule rule = MxScaleRule::Floor;
    double clippedFraction = 0;
};

struct QuantResult
{
    QuantConfig config;
    Shape shape;
    std::int64_t n = 0;

    Tensor dequantized;              // same shape as the input
    std::vector<std::int32_t> codes; // empty unless requested; float formats: the bit pattern
    std::int32_t codeMin = 0;        // the range codes may take (for writers choosing a dtype)
    std::int32_t codeMax = 0;

    // tensor: [1]; channel: [C]; blocks along rows: [dim 0, blocks per row] ([blocks] for a
    // vector); along axis A: the shape with dim A counting blocks; flattened: [blocks]
    Shape groupShape;
    std::vector<GroupParams> groups;
    // Per group, the scale as stored (already in storage.scaleFormat): the step S
    // of integer grids and codebooks, amax for the nvidia convention, the
    // multiplier fmax/amax of scaled floats in the pytorch and nvidia conventions,
    // the E8M0 power of two of MX, ggml's d; storedOffsets: Q4_1's m. Empty when
    // nothing is stored. The checkpoint (quant/checkpoint.h) writes these.
    std::vector<float> storedScales;
    std::vector<float> storedOffsets;
    // NF4 with double quantization: the stored form of the block absmax values
    // (quant/bnb.h): 8-bit dynamic-map codes, the absmax of each 256 of them, the offset.
    struct DoubleQuantState
    {
        std::vector<std::uint8_t> codes;
        std::vector<float> absmax;
        float offset = 0;
    } doubleQuant;
    std::vector<double> levels; // codebook-like quantizers: the unscaled levels, indexed by code

    // Everything stored, per value: codes, scales, zero points, outliers, padding,
    // tables (quant/storage.h); `storage` itemises it.
    double bitsPerValue = 0;
    StorageAccount storage;
    CalibrationResult calibration; // per-tensor: the calibrator's result; per group: the hull of the group ranges
    std::int64_t curveGroup = -1;  // per group: the group whose objective calibration.curve shows (options.curveGroup)
    QuantMetrics metrics;
    Histogram histOriginal; // original and dequantized share bins
    Histogram histDequantized;
    Histogram histError; // x̂ - x

    std::int64_t nonfinite = 0;      // NaN/Inf inputs
    std::int64_t outliers = 0;       // elements kept in full precision by outlier splitting
    std::int64_t outlierColumns = 0; // Columns mode: whole columns kept
    std::string nonfinitePolicy = kNonfinitePolicy;
    KMeansInfo kmeans;
    std::vector<MxRuleClipping> mxClipping; // MX: every rule, the configured one included
    std::vector<std::string> messages;
    // What changes how a number should be read (partial or padded blocks ...): shown
    // with bits/value in the JSON, the GUI's metrics, figure captions and the Compare table.
    std::vector<std::string> warnings;
    bool cancelled = false;
};

} // namespace qs
