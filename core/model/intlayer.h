#pragma once
// Integer-only inference of one dense layer, y = x Wᵀ + b, as gemmlowp /
// TFLite run it (Jacob et al. 2018 §2; docs/course.md "Standard figures" 8):
//
//   real value r = S (q - Z)                      (inputs, weights, outputs)
//   q_x: uintN or intN inputs with zero point Z_x; q_w: intN weights (Z_w = 0
//   symmetric, or asymmetric with a zero point), one scale per tensor or per
//   output channel j; q_b[j] = round(b[j] / (S_x S_w[j])) in int32, Z_b = 0
//   acc[i][j] = Σ_k (q_x[i][k] - Z_x)(q_w[j][k] - Z_w[j]) + q_b[j]     int32
//   M[j] = S_x S_w[j] / S_y = M0[j] · 2^-shift[j]    (fixedpoint.h)
//   q_y = clamp(Z_y + multiplyByQuantizedMultiplier(acc, M[j]), lo, hi)
//   with lo = Z_y when a ReLU is fused (real 0 maps to Z_y).
//
// Every intermediate is kept for heat maps, next to the float reference and
// the simulated (fake-quant) computation: the same q_x, q_w, q_b dequantized
// and multiplied in double, then quantized to the output grid with round half
// away from zero. The two agree within one output step (a test checks it on
// many random layers); they differ only where the 31-bit multiplier or the
// fixed-point rounding moves a value across a rounding boundary.
#include "model/digits.h"
#include "model/fixedpoint.h"
#include "model/mlp.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace qs {

using IntMatrix = Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One affine grid: r = scale (q - zeroPoint), q in [qmin, qmax].
struct AffineQuant
{
    double scale = 1;
    std::int32_t zeroPoint = 0;
    std::int32_t qmin = 0;
    std::int32_t qmax = 255;

    std::int32_t quantize(double r) const; // clamp(round_half_away(r / scale) + Z)
    double dequantize(std::int32_t q) const { return scale * (double(q) - zeroPoint); }
};

// Asymmetric grid over [lo, hi] widened to contain 0, with the zero point an
// exact integer so that real 0 is representable (Jacob et al. §2.1):
// S = (β - α) / (qmax - qmin), Z = clamp(qmin - round(α / S)).
AffineQuant asymmetricGrid(double lo, double hi, int bits, bool isSigned);
// Symmetric signed grid, narrow range [-(2^(b-1) - 1), 2^(b-1) - 1]: S = max(|lo|, |hi|) / qmax, Z = 0.
AffineQuant symmetricGrid(double lo, double hi, int bits);

struct IntLayerConfig
{
    int inputBits = 8;
    bool inputSigned = false; // uint8 inputs, as gemmlowp; true: int8
    int weightBits = 8;
    bool weightSymmetric = true; // int8 narrow range, Z_w = 0 (TFLite); false: asymmetric with a zero point
    bool perChannel = false;     // one weight scale and one multiplier per output channel
    int outputBits = 8;
    bool outputSigned = false;
    bool relu = false; // fused ReLU: the output clamp starts at Z_y
    // Ranges of the input and output grids; NaN: the data's min-max (output:
    // of the float reference). Both are widened to contain 0.
    double inputMin = std::numeric_limits<double>::quiet_NaN();
    double inputMax = std::numeric_limits<double>::quiet_NaN();
    double outputMin = std::numeric_limits<double>::quiet_NaN();
    double outputMax = std::numeric_limits<double>::quiet_NaN();
};

struct LayerData
{
    Matrix input;  // batch x in
    Matrix weight; // out x in
    Vector bias;   // out
};

// Layer `layer` of a model with its real inputs (the float network's
// activations at that layer for the first `samples` rows of data).
LayerData layerFromMlp(const Mlp& model, int layer, const Dataset& data, int samples);
// A seeded random layer: inputs ~ U[0, 1) (ReLU-like) or N(0, 1) when signedInputs,
// weights ~ N(0, 1/in), biases ~ N(0, 0.1).
LayerData randomLayer(std::uint64_t seed, int batch, int in, int out, bool signedInputs = false);

struct IntLayerResult
{
    IntLayerConfig config;
    LayerData data;

    AffineQuant inputGrid;
    std::vector<AffineQuant> weightGrids; // 1 (per tensor) or out (per channel)
    AffineQuant outputGrid;
    std::vector<double> multiplier;                   // real M[j] (one per tensor or per channel)
    std::vector<QuantizedMultiplier> fixedMultiplier; // M0[j], shift[j]

    IntMatrix inputQ;  // batch x in
    IntMatrix weightQ; // out x in
    std::vector<std::int32_t> biasQ;
    IntMatrix accumulator; // batch x out, int32 (bias included)
    IntMatrix outputQ;     // batch x out, the integer kernel's output codes
    Matrix inputDequantized;
    Matrix weightDequantized;
    Matrix outputDequantized;   // S_y (q_y - Z_y)
    Matrix outputFloat;         // x Wᵀ + b in float (ReLU applied if fused): the reference
    IntMatrix outputSimulatedQ; // the fake-quant float computation's output codes
    Matrix outputSimulated;     // and their values

    int maxStepDifference = 0;         // max |q_y - q_sim|
    std::int64_t differingOutputs = 0; // outputs where q_y != q_sim
    double maxAbsErrorVsFloat = 0;     // max |outputDequantized - outputFloat|
    double maxAbsErrorSimulatedVsFloat = 0;
    std::int64_t accumulatorMaxAbs = 0; // largest |acc| (before saturation)
    bool accumulatorOverflow = false;   // some acc did not fit int32 (then saturated)
};

// Throws ArgumentError for bit widths outside 2..16 or mismatched shapes.
IntLayerResult runIntegerLayer(const LayerData& data, const IntLayerConfig& config);

} // namespace qs
