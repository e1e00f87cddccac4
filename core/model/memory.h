#pragma once
// The memory calculator (docs/course.md "Memory"): bytes of
// the weights in a storage format (scale overhead included), the KV cache,
// and, for training, gradients, optimizer states and LoRA adapters, each as a
// separate line with the formula that produced it.
//
// Units: 1 GB = 10^9 bytes, as the course's figures (175e9 × 2 B = 350 GB).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

// Bits per parameter of a storage format:
//   elementBits + (scaleBits + zeroPointBits) / blockSize
//               + superScaleBits / (blockSize · superBlockSize)      (double quantization)
// e.g. NF4, block 64, fp32 absmax: 4 + 32/64 = 4.5; QLoRA's NF4 with double
// quantization (8-bit block scales, one fp32 scale per 256 of them):
// 4 + 8/64 + 32/(64·256) = 4.127.
struct StorageFormat
{
    std::string name;
    int elementBits = 16;
    int blockSize = 0; // 0: no per-block parameters (per-tensor scales are negligible)
    int scaleBits = 0;
    int zeroPointBits = 0;
    int superBlockSize = 0; // double quantization: block scales grouped by this many
    int superScaleBits = 0;

    double bitsPerParameter() const;
    std::string formula() const; // "4 + 32/64 = 4.5 bits"

    // fp32 fp16 bf16 fp8 int8 int4 q8_0 q4_0 q4_1 nf4 nf4-dq mxfp8 mxfp6 mxfp4 mxint8 int4-g128,
    // or "BITS[/BLOCK/SCALEBITS[/ZEROBITS]]" (e.g. "4/64/32"). Throws ArgumentError.
    static StorageFormat parse(std::string_view spec);
    static std::vector<std::string> names();
};

struct KvCacheSpec
{
    int layers = 0;
    int kvHeads = 0; // key/value heads (fewer than the query heads with GQA/MQA)
    int headDim = 0;
    std::int64_t context = 0; // tokens per sequence
    std::int64_t batch = 1;
    StorageFormat format = StorageFormat::parse("fp16");
    // 2 (K and V) × layers × kvHeads × headDim × context × batch elements
    double elements() const;
};

enum class OptimizerKind { None, Sgd, Momentum, Adam };
OptimizerKind parseOptimizer(std::string_view text); // none sgd momentum adam
std::string toString(OptimizerKind kind);

struct TrainingSpec
{
    bool enabled = false;
    StorageFormat gradients = StorageFormat::parse("fp16");
    OptimizerKind optimizer = OptimizerKind::Adam; // Adam: 2 states (m, v); Momentum: 1
    StorageFormat optimizerState = StorageFormat::parse("fp32");
    bool masterWeights = false; // an fp32 copy of the weights (mixed-precision training)
    // LoRA: when > 0 only the adapters train: the frozen base weights need no
    // gradients or states; the adapters are stored in adapterFormat and get
    // gradients and optimizer states of their own.
    double adapterParameters = 0;
    StorageFormat adapterFormat = StorageFormat::parse("bf16");
};

struct MemorySpec
{
    std::string model; // a label
    double parameters = 0;
    StorageFormat weights = StorageFormat::parse("fp16");
    std::optional<KvCacheSpec> kvCache;
    TrainingSpec training;
};

struct MemoryLine
{
    std::string item; // "weights", "KV cache", "gradients", ...
    double bytes = 0;
    std::string formula; // how the bytes were computed
};

struct MemoryReport
{
    std::vector<MemoryLine> lines;
    double totalBytes = 0;
};

// Throws ArgumentError for negative counts.
MemoryReport estimateMemory(const MemorySpec& spec);

// LoRA adapter parameters of a LLaMA-style decoder with adapters of rank r on
// every linear layer: per layer 4 attention projections d×d (r(d + d) each)
// and 3 MLP projections d×f (r(d + f) each).
double loraParametersLlama(int layers, int dModel, int dFfn, int rank);

// Models of the course's table with their published shapes (for the KV cache).
struct ModelPreset
{
    std::string name;
    double parameters = 0; // the nominal count the course multiplies (175e9, 7e9...)
    int layers = 0, heads = 0, kvHeads = 0, headDim = 0, dModel = 0, dFfn = 0;
    std::int64_t context = 0;
};
const std::vector<ModelPreset>& modelPresets();        // gpt3-175b bloom-176b llama2-70b mistral-7b llama-65b
const ModelPreset& modelPreset(std::string_view name); // throws ArgumentError

// QLoRA (Dettmers et al. 2023) 65B: full 16-bit fine-tuning with Adam
// (fp16 weights + fp16 gradients + two fp32 Adam states = 12 bytes/param,
// 65e9 × 12 = 780 GB before activations) vs 4-bit NF4 with double quantization,
// LoRA r = 64 on every linear layer in bf16 with its own gradients and Adam states.
MemorySpec qloraFullFinetune();
MemorySpec qloraFinetune();

} // namespace qs
