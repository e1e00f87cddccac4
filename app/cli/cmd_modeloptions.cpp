// The option tables of `quantscope-cli model` and its subcommands (the run
// functions are in cmd_model.cpp). The quantization options of ptq and qat
// (--weights, --w-scheme ...) are rows of the quantization options table
// (core/quant/quantoptions.h) renamed, so they accept what `quantize` accepts.
#include "cmd_model.h"

#include "model/memory.h"
#include "model/mlp.h"
#include "model/modelquant.h"
#include "model/outliers.h"
#include "options/specreader.h"
#include "quant/quantoptions.h"

#include <cmath>
#include <string>
#include <vector>

namespace {

using qs::OptionDef;
using qs::OptionType;

// ----- the option tables of the subcommands -----

const char* const kGroupTraining = "Training";
const char* const kGroupQuant = "Quantization";

OptionDef flagOpt(const char* name, const char* group, const char* help)
{
    return qs::makeOption(name, OptionType::Flag, group, "", help);
}

OptionDef intOpt(const char* name, const char* group, const char* valueName, const char* help, std::int64_t lo,
                 std::int64_t hi, std::int64_t fallback)
{
    OptionDef d = qs::makeOption(name, OptionType::Integer, group, valueName, help);
    d.integers = {lo, hi};
    d.defaultText = std::to_string(fallback);
    return d;
}

OptionDef numOpt(const char* name, const char* group, const char* valueName, const char* help,
                 const qs::NumberRange& range, double fallback)
{
    OptionDef d = qs::makeOption(name, OptionType::Number, group, valueName, help);
    d.numbers = range;
    d.defaultText = qs::shortestNumberText(fallback);
    return d;
}

OptionDef listOpt(const char* name, const char* group, const char* valueName, const char* help, std::int64_t lo,
                  std::int64_t hi, const char* fallback)
{
    OptionDef d = qs::makeOption(name, OptionType::IntegerList, group, valueName, help);
    d.integers = {lo, hi};
    d.defaultText = fallback;
    return d;
}

OptionDef choiceOpt(const char* name, const char* group, const std::vector<std::string>& words, const char* help,
                    const std::string& fallback)
{
    OptionDef d = qs::makeOption(name, OptionType::Choice, group, "WORD", help);
    for (std::size_t i = 0; i < words.size(); ++i) {
        qs::OptionChoice c;
        c.value = c.label = words[i];
        c.id = int(i);
        d.choices.push_back(c);
    }
    d.defaultText = fallback;
    return d;
}

OptionDef jsonOpt()
{
    return flagOpt("json", qs::cli::kGroupOutput, "print one JSON object");
}

const int kMaxSeed = 1 << 30;

// Options every network subcommand shares: data, split, training.
std::vector<OptionDef> trainOptions()
{
    const qs::FitConfig fit;
    OptionDef data = qs::makeOption("data", OptionType::InputFile, kGroupTraining, "FILE",
                                    "the digits as CSV (64 pixel values and a label per line)");
    data.defaultText = "the bundled UCI digits";
    data.completion = "file";
    return {
        data,
        intOpt("seed", kGroupTraining, "S", "seed of the train/test split, the initial weights and the shuffling", 0,
               kMaxSeed, 1),
        intOpt("epochs", kGroupTraining, "N", "training epochs in float", 1, 1000, fit.epochs),
        listOpt("hidden", kGroupTraining, "SIZES", "hidden layer sizes: 32, or 64,32 for two layers", 1, 4096, "32"),
        numOpt("lr", kGroupTraining, "RATE", "Adam learning rate", qs::NumberRange::leftOpen(0, 10), fit.learningRate)};
}

// --weights/--activations and their w-/a- options, made from the quantization
// options table so they accept exactly what `quantize` accepts.
std::vector<OptionDef> specOptions()
{
    std::vector<OptionDef> out;
    out.push_back(choiceOpt("preset", kGroupQuant, qs::ModelQuantSpec::presetNames(),
                            "the course's presets: weights intN per channel, activations uintN per tensor", "W8A8"));
    for (const auto& [part, prefix] : {std::pair{"weights", "w-"}, std::pair{"activations", "a-"}}) {
        OptionDef q = qs::findQuantOption("quantizer")->def;
        q.name = part;
        q.group = kGroupQuant;
        q.valueName = "SPEC|float";
        q.help = std::string(part) + ": the quantizer, or float to leave them in float";
        q.defaultText = "from --preset";
        qs::OptionChoice fl;
        fl.value = fl.label = "float";
        fl.help = "not quantized";
        q.choices.insert(q.choices.begin(), fl);
        out.push_back(q);
        for (const char* name : {"granularity", "scheme", "calibration"}) {
            OptionDef d = qs::findQuantOption(name)->def;
            d.name = prefix + d.name;
            d.group = kGroupQuant;
            d.help = std::string(part) + ": " + d.help;
            d.defaultText = "from --preset";
            out.push_back(d);
        }
    }
    out.push_back(intOpt("calib-samples", kGroupQuant, "N", "calibrate on the first N training samples", 1, 100000,
                         qs::ModelQuantSpec().calibrationSamples));
    out.push_back(flagOpt("dynamic", kGroupQuant, "activations: a range per batch at run time (dynamic quantization)"));
    return out;
}

std::vector<OptionDef> concat(std::vector<OptionDef> a, const std::vector<OptionDef>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

qs::cli::CommandDef modelCommand()
{
    using qs::cli::CommandDef;
    using namespace qs::cli::modelcmd;
    CommandDef model;
    model.name = "model";
    model.usage = "model train|ptq|qat|intlayer|outliers|memory [OPTIONS]";
    model.summary = "the Model Lab: a 64-32-10 network on the UCI digits, PTQ, QAT, an integer-only layer, "
                    "activation outliers and the memory calculator (docs/modellab.md)";
    model.examples = {{"model ptq --preset W4A8 --json", "PTQ of the trained network with 4-bit weights"},
                      {"model memory --params 70e9 --format fp16", "140 GB of weights"}};

    CommandDef train;
    train.name = "train";
    train.usage = "model train [OPTIONS]";
    train.summary = "train the network in float and print its test accuracy";
    train.options = concat(trainOptions(), {jsonOpt()});
    train.examples = {{"model train", "30 epochs of Adam, one line per epoch"},
                      {"model train --hidden 64,32 --epochs 10 --json", "two hidden layers, as JSON"}};
    train.run = modelTrain;

    CommandDef ptq;
    ptq.name = "ptq";
    ptq.usage = "model ptq [OPTIONS]";
    ptq.summary = "post-training quantization of the trained network: accuracy and per-layer SQNR";
    ptq.options =
        concat(concat(trainOptions(), specOptions()),
               {choiceOpt("sweep", "Sweep", {"weights", "activations", "both"},
                          "also the accuracy at each bit width of --bits for this part", ""),
                listOpt("bits", "Sweep", "LIST", "--sweep: the bit widths", 1, 16, "2,3,4,5,6,7,8"), jsonOpt()});
    ptq.examples = {{"model ptq --preset W4A8", "4-bit weights, 8-bit activations"},
                    {"model ptq --sweep weights --bits 2,3,4,8 --json", "accuracy against weight bits"}};
    ptq.run = modelPtq;

    CommandDef qat;
    qat.name = "qat";
    qat.usage = "model qat [OPTIONS]";
    qat.summary = "quantization-aware training (straight-through estimator) against PTQ at several bit widths";
    const qs::QatConfig qatDefaults;
    qat.options = concat(
        concat(trainOptions(), specOptions()),
        {listOpt("bits", "QAT", "LIST", "the bit widths compared", 1, 16, "8,4,3,2"),
         choiceOpt("target", "QAT", {"weights", "activations", "both"}, "which part gets the bit widths", "weights"),
         intOpt("qat-epochs", "QAT", "N", "epochs of quantization-aware training", 1, 1000, qatDefaults.fit.epochs),
         numOpt("qat-lr", "QAT", "RATE", "QAT learning rate", qs::NumberRange::leftOpen(0, 10),
                qatDefaults.fit.learningRate),
         jsonOpt()});
    qat.examples = {{"model qat", "PTQ and QAT accuracy at 8, 4, 3 and 2 weight bits"},
                    {"model qat --bits 2 --qat-epochs 10 --json", "2-bit weights, ten QAT epochs"}};
    qat.run = modelQat;

    CommandDef intlayer;
    intlayer.name = "intlayer";
    intlayer.usage = "model intlayer [OPTIONS]";
    intlayer.summary = "one dense layer in integer-only arithmetic (gemmlowp) against fake quantization";
    OptionDef random =
        intOpt("random", "Layer", "SEED", "a random layer with this seed instead of the trained one", 0, kMaxSeed, 1);
    random.defaultText.clear(); // off unless given
    intlayer.options =
        concat(trainOptions(),
               {intOpt("layer", "Layer", "L", "the trained network's layer", 0, 64, 0),
                intOpt("samples", "Layer", "N", "test images fed through it", 1, 100000, 8), random,
                intOpt("batch", "Layer", "N", "--random: rows of the input", 1, 4096, 4),
                intOpt("in", "Layer", "N", "--random: input features", 1, 4096, 16),
                intOpt("out", "Layer", "N", "--random: output features", 1, 4096, 8),
                intOpt("bits", "Layer", "B", "bits of inputs, weights and outputs", 2, 16, 8),
                flagOpt("signed", "Layer", "signed inputs and outputs (default unsigned, as gemmlowp)"),
                flagOpt("per-channel", "Layer", "one weight scale and multiplier per output channel"),
                flagOpt("asymmetric-weights", "Layer", "weights with a zero point (default symmetric, Z = 0)"),
                flagOpt("relu", "Layer", "fused ReLU: the output clamp starts at the zero point"),
                flagOpt("matrices", qs::cli::kGroupOutput, "--json: include the integer matrices"), jsonOpt()});
    intlayer.examples = {{"model intlayer", "layer 0 of the trained network on 8 test images"},
                         {"model intlayer --random 3 --per-channel --relu --json", "a random layer, per channel"}};
    intlayer.run = modelIntLayer;

    const qs::OutlierStudyConfig od;
    CommandDef outliers;
    outliers.name = "outliers";
    outliers.usage = "model outliers [OPTIONS]";
    outliers.summary = "activation outliers of LLMs: per-tensor int8 against LLM.int8(), SmoothQuant and others";
    outliers.options = {intOpt("tokens", "Study", "N", "rows of the activation matrix", 1, 4096, od.tokens),
                        intOpt("channels", "Study", "N", "columns (features)", 1, 4096, od.channels),
                        intOpt("out", "Study", "N", "output features of the layer", 1, 4096, od.outChannels),
                        intOpt("outliers", "Study", "N", "outlier columns", 0, 4096, od.outlierChannels),
                        intOpt("bits", "Study", "B", "quantization bits", 2, 16, od.bits),
                        numOpt("threshold", "Study", "T", "LLM.int8(): columns with |x| >= T stay in float",
                               qs::NumberRange{0, HUGE_VAL, true, true}, od.threshold),
                        intOpt("seed", "Study", "S", "seed of the generated activations", 0, kMaxSeed, 1),
                        jsonOpt()};
    outliers.examples = {{"model outliers", "SQNR of each method on 64 x 512 activations with 4 outlier columns"},
                         {"model outliers --outliers 16 --bits 4 --json", "more outliers, 4 bits"}};
    outliers.run = modelOutliers;

    std::vector<std::string> presets, formats = qs::StorageFormat::names();
    for (const auto& m : qs::modelPresets())
        presets.push_back(m.name);
    auto formatOpt = [&](const char* name, const char* help, const char* fallback) {
        OptionDef d = choiceOpt(name, "Memory", formats, help, fallback);
        d.type = OptionType::Spec; // StorageFormat::parse reads it (and names the choices)
        d.valueName = "FORMAT";
        return d;
    };
    CommandDef memory;
    memory.name = "memory";
    memory.usage = "model memory (--model NAME | --params N | --table | --qlora) [OPTIONS]";
    memory.summary = "memory of a model's weights, KV cache and training state";
    memory.options = {
        choiceOpt("model", "Memory", presets, "a known model (parameters, layers, heads)", ""),
        numOpt("params", "Memory", "N", "parameters (70e9)", qs::NumberRange::closed(1, 1e15), 0),
        formatOpt("format", "storage format of the weights", "fp16"),
        intOpt("kv-context", "Memory", "TOKENS", "--model: add the KV cache of this context length", 1,
               std::int64_t(1) << 40, 0),
        intOpt("kv-batch", "Memory", "N", "KV cache: sequences", 1, 1 << 20, 1),
        formatOpt("kv-format", "storage format of the KV cache", "fp16"),
        flagOpt("train", "Memory", "add gradients and optimizer state"),
        choiceOpt("optimizer", "Memory", {"none", "sgd", "momentum", "adam"}, "--train: the optimizer", "adam"),
        formatOpt("grad-format", "--train: storage format of the gradients", "fp16"),
        formatOpt("state-format", "--train: storage format of the optimizer state", "fp32"),
        flagOpt("master", "Memory", "--train: an fp32 master copy of the weights"),
        intOpt("lora-rank", "Memory", "R", "--train --model: train LoRA adapters of this rank only", 1, 4096, 8),
        flagOpt("table", "Memory", "the course's table: GPT-3, BLOOM, Llama 2 70B, Mistral 7B in fp16"),
        flagOpt("qlora", "Memory", "the QLoRA paper's example: full fine-tuning against QLoRA"),
        jsonOpt()};
    for (OptionDef& d : memory.options)
        if (d.name == "params" || d.name == "kv-context" || d.name == "lora-rank")
            d.defaultText.clear();
    memory.examples = {{"model memory --params 70e9 --format fp16", "140 GB"},
                       {"model memory --model llama2-70b --format nf4 --kv-context 4096 --json",
                        "4-bit weights and the KV cache of 4096 tokens"}};
    memory.run = modelMemory;

    model.subcommands = {train, ptq, qat, intlayer, outliers, memory};
    return model;
}
