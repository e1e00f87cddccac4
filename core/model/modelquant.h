#pragma once
// Post-training quantization (PTQ) and quantization-aware training (QAT) of
// the Model Lab's MLP (docs/course.md "Training and inference").
//
// Weights: every layer's weight matrix (out x in) goes through runQuantization
// with the spec's weight config (any quantizer, granularity, calibration);
// the network then computes with the dequantized weights (simulated / fake
// quantization). Biases stay in float (an integer kernel keeps them in int32
// with scale S_in·S_w, see intlayer.h).
// Activations: the input of every layer (the pixels, then the ReLU outputs) is
// fake-quantized. Static (the default): one range per layer input, calibrated
// with the activation config's calibration method on the float network's
// activations over the calibration samples, then applied as a manual range.
// Dynamic: the activation config as it is (any granularity, e.g. channel:0 =
// per token) on each batch.
//
// QAT fine-tunes the float weights with the same fake quantization in the
// forward pass and the straight-through estimator in the backward pass
// (gradients pass through round() inside the clip range, zero outside), then
// is evaluated exactly like PTQ, so the two accuracies compare like for like.
#include "model/mlp.h"
#include "quant/quantconfig.h"

#include <QJsonObject>

#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct ModelQuantSpec
{
    bool quantizeWeights = true;
    QuantConfig weights; // default: int8 symmetric, per output channel (channel:0), min-max
    bool quantizeActivations = true;
    QuantConfig activations; // default: uint8 asymmetric, per tensor, min-max
    bool dynamicActivations = false;
    int calibrationSamples = 256; // the first N samples of the calibration set

    ModelQuantSpec();
    // "W8A8", "W8A16", "W4A16", "W4A8" (and any "W<b>A<b>", "W<b>" weights only,
    // "A<b>" activations only, "FP32" nothing). Weights intN symmetric per
    // channel, activations uintN asymmetric per tensor, min-max. Throws ArgumentError.
    static ModelQuantSpec preset(std::string_view name);
    static std::vector<std::string> presetNames(); // the four of the course
    std::string summary() const;
    QJsonObject toJson() const;
    static ModelQuantSpec fromJson(const QJsonObject& object); // missing keys keep defaults
};

// The config with its bit width set (Uniform, Log2, KMeans). Throws
// ArgumentError for quantizers without a bit width parameter (nf4, fp8...).
QuantConfig withBits(QuantConfig config, int bits);

struct LayerQuantReport
{
    int layer = 0;
    int in = 0, out = 0;
    double weightSqnrDb = 0; // of the weight matrix (runQuantization's metrics)
    double weightMse = 0;
    double bitsPerWeight = 0; // code bits + scale/zero-point overhead
    double actClipMin = 0;    // static activation range of the layer's input (0, 0 if none)
    double actClipMax = 0;
    std::vector<std::string> messages;
};

struct PtqResult
{
    double floatAccuracy = 0;
    double accuracy = 0;
    Mlp quantized; // the dequantized weights (float biases)
    std::vector<LayerQuantReport> layers;
    std::vector<int> predictions; // on the test set
    bool cancelled = false;
};

// The fake-quantization hooks of a spec for a model: quantized weights (with
// STE masks) and activation quantizers calibrated on calibration (static).
QuantHooks makeQuantHooks(const Mlp& model, const Dataset& calibration, const ModelQuantSpec& spec,
                          std::vector<LayerQuantReport>* reports = nullptr);

PtqResult runPtq(const Mlp& model, const Dataset& calibration, const Dataset& test, const ModelQuantSpec& spec,
                 const ModelProgress& progress = {});

enum class BitTarget { Weights, Activations, Both };
BitTarget parseBitTarget(std::string_view text); // "weights" | "activations" | "both"
std::string toString(BitTarget target);
// The spec with the bit width of the target part(s) set to bits.
ModelQuantSpec specWithBits(ModelQuantSpec spec, BitTarget target, int bits);

struct SweepPoint
{
    int bits = 0;
    double accuracy = 0;
};
// PTQ accuracy for every bit width (default 2..8) of the target part(s) of spec.
std::vector<SweepPoint> ptqBitSweep(const Mlp& model, const Dataset& calibration, const Dataset& test,
                                    const ModelQuantSpec& spec, BitTarget target, const std::vector<int>& bits,
                                    const ModelProgress& progress = {});

struct QatConfig
{
    ModelQuantSpec spec;
    FitConfig fit; // defaults below: 5 epochs of Adam at lr 1e-3
    QatConfig();
};

struct QatResult
{
    double floatAccuracy = 0;
    double ptqAccuracy = 0;          // the starting point: PTQ of the float network with the same spec
    double qatAccuracy = 0;          // after fine-tuning, evaluated like PTQ
    Mlp before;                      // float weights before fine-tuning (for the histograms)
    Mlp after;                       // float (shadow) weights after fine-tuning
    Mlp afterQuantized;              // their dequantized weights, what inference uses
    std::vector<EpochStats> history; // testAccuracy: quantized evaluation after each epoch
    bool cancelled = false;
};

// Fine-tunes a copy of model with fake quantization in the forward pass and the
// STE in the backward pass. Static activation ranges are recalibrated on the
// calibration samples at the start of every epoch (and weights are
// re-quantized every step).
QatResult runQat(const Mlp& model, const Dataset& train, const Dataset& test, const QatConfig& config,
                 const ModelProgress& progress = {});

struct QatComparisonRow
{
    int bits = 0;
    double ptqAccuracy = 0;
    double qatAccuracy = 0;
};
// PTQ vs QAT at each bit width (default 8, 4, 3, 2) of the target part(s).
std::vector<QatComparisonRow> compareQatPtq(const Mlp& model, const Dataset& train, const Dataset& test,
                                            const QatConfig& config, BitTarget target, const std::vector<int>& bits,
                                            const ModelProgress& progress = {});

} // namespace qs
