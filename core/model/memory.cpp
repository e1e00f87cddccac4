// The memory calculator (see memory.h).
#include "model/memory.h"

#include "formats/error.h"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

namespace qs {

namespace {

std::string number(double v)
{
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

// Counts as the course writes them: 175e9, 799.5392e6, 4096.
std::string count(double v)
{
    if (v >= 1e9)
        return number(v / 1e9) + "e9";
    if (v >= 1e6)
        return number(v / 1e6) + "e6";
    return number(v);
}

std::string gigabytes(double bytes)
{
    return number(bytes / 1e9) + " GB";
}

StorageFormat make(std::string name, int bits, int block = 0, int scale = 0, int zero = 0, int superBlock = 0,
                   int superScale = 0)
{
    return {std::move(name), bits, block, scale, zero, superBlock, superScale};
}

const std::map<std::string, StorageFormat, std::less<>>& namedFormats()
{
    static const std::map<std::string, StorageFormat, std::less<>> formats = {
        {"fp32", make("fp32", 32)},
        {"fp16", make("fp16", 16)},
        {"bf16", make("bf16", 16)},
        {"fp8", make("fp8", 8)},
        {"int8", make("int8", 8)},
        {"int4", make("int4", 4)},
        {"int4-g128", make("int4-g128", 4, 128, 16)},     // GPTQ/AWQ-style groups of 128, fp16 scale
        {"q8_0", make("q8_0", 8, 32, 16)},                // ggml: 32 values + fp16 d
        {"q4_0", make("q4_0", 4, 32, 16)},                // 32 values + fp16 d
        {"q4_1", make("q4_1", 4, 32, 16, 16)},            // 32 values + fp16 d and fp16 m
        {"nf4", make("nf4", 4, 64, 32)},                  // bitsandbytes: block 64, fp32 absmax
        {"nf4-dq", make("nf4-dq", 4, 64, 8, 0, 256, 32)}, // QLoRA double quantization
        {"mxfp8", make("mxfp8", 8, 32, 8)},               // OCP MX: E8M0 scale per 32
        {"mxfp6", make("mxfp6", 6, 32, 8)},
        {"mxfp4", make("mxfp4", 4, 32, 8)},
        {"mxint8", make("mxint8", 8, 32, 8)},
    };
    return formats;
}

int parseInt(std::string_view text, const std::string& what, int lo, int hi)
{
    int v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || v < lo || v > hi)
        throw ArgumentError(what + " '" + std::string(text) + "' is not an integer in " + std::to_string(lo) + ".." +
                            std::to_string(hi));
    return v;
}

void checkCount(double v, const std::string& what)
{
    if (!std::isfinite(v) || v < 0)
        throw ArgumentError(what + " must be a finite number >= 0");
}

} // namespace

double StorageFormat::bitsPerParameter() const
{
    double bits = elementBits;
    if (blockSize > 0) {
        bits += double(scaleBits + zeroPointBits) / blockSize;
        if (superBlockSize > 0)
            bits += double(superScaleBits) / (double(blockSize) * superBlockSize);
    }
    return bits;
}

std::string StorageFormat::formula() const
{
    std::string f = std::to_string(elementBits);
    if (blockSize > 0) {
        f += " + " + std::to_string(scaleBits + zeroPointBits) + "/" + std::to_string(blockSize);
        if (superBlockSize > 0)
            f += " + " + std::to_string(superScaleBits) + "/(" + std::to_string(blockSize) + "·" +
                 std::to_string(superBlockSize) + ")";
        f += " = " + number(bitsPerParameter());
    }
    return f + " bits";
}

StorageFormat StorageFormat::parse(std::string_view spec)
{
    if (const auto it = namedFormats().find(spec); it != namedFormats().end())
        return it->second;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = spec.find('/', start);
        parts.push_back(spec.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos)
            break;
        start = at + 1;
    }
    if (parts.size() != 1 && parts.size() != 3 && parts.size() != 4) {
        std::string names;
        for (const std::string& n : StorageFormat::names())
            names += (names.empty() ? "" : " ") + n;
        throw ArgumentError("storage format '" + std::string(spec) + "' unknown (" + names +
                            ", or BITS[/BLOCK/SCALEBITS[/ZEROBITS]])");
    }
    StorageFormat f;
    f.name = std::string(spec);
    f.elementBits = parseInt(parts[0], "element bits", 1, 64);
    if (parts.size() >= 3) {
        f.blockSize = parseInt(parts[1], "block size", 1, 1 << 30);
        f.scaleBits = parseInt(parts[2], "scale bits", 0, 64);
    }
    if (parts.size() == 4)
        f.zeroPointBits = parseInt(parts[3], "zero-point bits", 0, 64);
    return f;
}

std::vector<std::string> StorageFormat::names()
{
    std::vector<std::string> n;
    for (const auto& [name, f] : namedFormats())
        n.push_back(name);
    return n;
}

double KvCacheSpec::elements() const
{
    return 2.0 * layers * kvHeads * headDim * double(context) * double(batch);
}

OptimizerKind parseOptimizer(std::string_view text)
{
    if (text == "none")
        return OptimizerKind::None;
    if (text == "sgd")
        return OptimizerKind::Sgd;
    if (text == "momentum")
        return OptimizerKind::Momentum;
    if (text == "adam" || text == "adamw")
        return OptimizerKind::Adam;
    throw ArgumentError("optimizer '" + std::string(text) + "' is not none, sgd, momentum or adam");
}

std::string toString(OptimizerKind kind)
{
    switch (kind) {
    case OptimizerKind::None: return "none";
    case OptimizerKind::Sgd: return "sgd";
    case OptimizerKind::Momentum: return "momentum";
    case OptimizerKind::Adam: return "adam";
    }
    return "?";
}

MemoryReport estimateMemory(const MemorySpec& spec)
{
    checkCount(spec.parameters, "parameters");
    checkCount(spec.training.adapterParameters, "adapter parameters");
    MemoryReport r;
    auto add = [&](std::string item, double count, const StorageFormat& f, const std::string& countText) {
        const double bytes = count * f.bitsPerParameter() / 8;
        r.lines.push_back(
            {std::move(item), bytes, countText + " × " + f.name + " (" + f.formula() + ") / 8 = " + gigabytes(bytes)});
        r.totalBytes += bytes;
    };
    const std::string params = count(spec.parameters) + " params";
    add("weights", spec.parameters, spec.weights, params);
    if (spec.kvCache) {
        const KvCacheSpec& kv = *spec.kvCache;
        if (kv.layers < 0 || kv.kvHeads < 0 || kv.headDim < 0 || kv.context < 0 || kv.batch < 0)
            throw ArgumentError("KV cache dimensions must be >= 0");
        add("KV cache", kv.elements(), kv.format,
            "2 × " + std::to_string(kv.layers) + " layers × " + std::to_string(kv.kvHeads) + " kv heads × " +
                std::to_string(kv.headDim) + " head dim × " + std::to_string(kv.context) + " tokens × " +
                std::to_string(kv.batch) + " batch");
    }
    const TrainingSpec& t = spec.training;
    if (t.enabled) {
        const int states = t.optimizer == OptimizerKind::Adam ? 2 : t.optimizer == OptimizerKind::Momentum ? 1 : 0;
        const bool lora = t.adapterParameters > 0;
        const double trainable = lora ? t.adapterParameters : spec.parameters;
        const std::string which = lora ? count(trainable) + " adapter params" : params;
        if (lora)
            add("adapter weights", trainable, t.adapterFormat, which);
        add(lora ? "adapter gradients" : "gradients", trainable, t.gradients, which);
        if (states > 0)
            add(std::string(lora ? "adapter " : "") + "optimizer states (" + toString(t.optimizer) + ")",
                states * trainable, t.optimizerState, std::to_string(states) + " × " + which);
        if (t.masterWeights)
            add("fp32 master weights", trainable, StorageFormat::parse("fp32"), which);
    }
    return r;
}

double loraParametersLlama(int layers, int dModel, int dFfn, int rank)
{
    const double perLayer = 4.0 * rank * (double(dModel) + dModel) + 3.0 * rank * (double(dModel) + dFfn);
    return layers * perLayer;
}

const std::vector<ModelPreset>& modelPresets()
{
    // Shapes from the models' papers / configs; parameters as the course rounds them.
    static const std::vector<ModelPreset> presets = {
        {"gpt3-175b", 175e9, 96, 96, 96, 128, 12288, 49152, 2048},
        {"bloom-176b", 176e9, 70, 112, 112, 128, 14336, 57344, 2048},
        {"llama2-70b", 70e9, 80, 64, 8, 128, 8192, 28672, 4096},
        {"mistral-7b", 7e9, 32, 32, 8, 128, 4096, 14336, 8192},
        {"llama-65b", 65e9, 80, 64, 64, 128, 8192, 22016, 2048},
    };
    return presets;
}

const ModelPreset& modelPreset(std::string_view name)
{
    for (const ModelPreset& p : modelPresets())
        if (p.name == name)
            return p;
    std::string names;
    for (const ModelPreset& p : modelPresets())
        names += (names.empty() ? "" : " ") + p.name;
    throw ArgumentError("unknown model '" + std::string(name) + "' (" + names + ")");
}

MemorySpec qloraFullFinetune()
{
    MemorySpec s;
    s.model = "LLaMA 65B, 16-bit full fine-tuning";
    s.parameters = 65e9;
    s.weights = StorageFormat::parse("fp16");
    s.training.enabled = true;
    s.training.gradients = StorageFormat::parse("fp16");
    s.training.optimizer = OptimizerKind::Adam;
    s.training.optimizerState = StorageFormat::parse("fp32");
    return s;
}

MemorySpec qloraFinetune()
{
    const ModelPreset& p = modelPreset("llama-65b");
    MemorySpec s;
    s.model = "LLaMA 65B, QLoRA (NF4 + double quantization, LoRA r = 64)";
    s.parameters = p.parameters;
    s.weights = StorageFormat::parse("nf4-dq");
    s.training.enabled = true;
    s.training.adapterParameters = loraParametersLlama(p.layers, p.dModel, p.dFfn, 64);
    s.training.adapterFormat = StorageFormat::parse("bf16");
    s.training.gradients = StorageFormat::parse("bf16");
    s.training.optimizer = OptimizerKind::Adam;
    s.training.optimizerState = StorageFormat::parse("fp32");
    return s;
}

} // namespace qs
