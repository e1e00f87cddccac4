#pragma once
// A small multilayer perceptron with Eigen: dense layers y = x Wᵀ + b with
// ReLU between them and softmax cross-entropy on the logits. Weights are
// stored as PyTorch does (out x in, one output channel per row), so per-channel
// quantization of a weight is granularity channel:0.
//
// The forward and backward passes take optional quantization hooks, which is
// all quantization-aware training needs: fake-quantized weights stand in for
// the float ones, a fake-quantizer is applied to each layer's input, and the
// straight-through estimator (Bengio et al. 2013) passes gradients through
// round() where the value was inside the clip range and stops them outside
// (the masks the hooks return).
#include "model/digits.h"
#include "model/progress.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace qs {

struct DenseLayer
{
    Matrix w; // out x in
    Vector b; // out
};

struct Mlp
{
    std::vector<DenseLayer> layers;

    // He-uniform initialisation (U(±sqrt(6 / fan_in)), zero biases) from a seeded xoshiro256**.
    static Mlp init(const std::vector<int>& sizes, std::uint64_t seed);
    std::vector<int> sizes() const; // {in, hidden..., out}
    std::int64_t parameterCount() const;
};

// What a quantized forward pass substitutes. Empty vectors (or null functions) mean float.
struct QuantHooks
{
    std::vector<Matrix> weights;     // the weights to compute with (fake-quantized), per layer
    std::vector<Matrix> weightMasks; // STE masks of the weights: 1 inside the clip range, 0 outside
    // Fake-quantizes the input of a layer in place; writes its STE mask when mask is not null.
    using ActivationQuantizer = std::function<void(Matrix& a, Matrix* mask)>;
    std::vector<ActivationQuantizer> activations;
};

// Logits (n x classes) for the rows of x.
Matrix forward(const Mlp& model, const Matrix& x, const QuantHooks* hooks = nullptr);
// Inputs of every layer (what its activation quantizer sees), before quantization;
// element l is the input of layer l (0: the pixels).
std::vector<Matrix> layerInputs(const Mlp& model, const Matrix& x);
std::vector<int> argmaxRows(const Matrix& logits);
double accuracy(const std::vector<int>& predicted, const std::vector<int>& labels);
double evaluate(const Mlp& model, const Dataset& data, const QuantHooks* hooks = nullptr);
// Mean softmax cross-entropy of logits against labels (log-sum-exp form).
double crossEntropy(const Matrix& logits, const std::vector<int>& labels);

enum class Optimizer { Adam, Momentum };

struct FitConfig
{
    int epochs = 30;
    int batchSize = 32;
    Optimizer optimizer = Optimizer::Adam;
    double learningRate = 0.003; // Adam (Kingma & Ba 2015): beta1 0.9, beta2 0.999, eps 1e-8
    double momentum = 0.9;       // Momentum SGD: v = mu v - lr g, w += v
    double weightDecay = 0;      // L2 added to the weight gradient (not to biases)
    std::uint64_t seed = 1;      // the order of the samples in each epoch
};

struct TrainConfig
{
    std::vector<int> hidden = {32}; // 64-32-10
    std::uint64_t initSeed = 1;
    FitConfig fit;
};

struct TrainResult
{
    Mlp model;
    std::vector<EpochStats> history;
    double testAccuracy = 0;
    bool cancelled = false;
};

// Hooks for the next mini-batch, built from the current weights (QAT rebuilds
// the fake-quantized weights every step). Null: float training.
using HookFactory = std::function<QuantHooks(const Mlp&)>;
// Evaluates the model after an epoch (test accuracy); null: evaluate() in float.
using Evaluator = std::function<double(const Mlp&)>;

// Mini-batch training of model in place; one EpochStats per finished epoch.
// Checks progress.cancel between mini-batches.
std::vector<EpochStats> fit(Mlp& model, const Dataset& train, const FitConfig& config, const HookFactory& hooks,
                            const Evaluator& evaluateTest, const ModelProgress& progress, bool* cancelled);

// Initialises a network of sizes {64, hidden..., 10} and fits it in float.
TrainResult trainMlp(const Dataset& train, const Dataset& test, const TrainConfig& config = {},
                     const ModelProgress& progress = {});

} // namespace qs
