// quantscope-cli model train|ptq|qat|intlayer|outliers|memory: the Model Lab's
// computations (core/model, docs/modellab.md) headless. Every subcommand
// prints a short table, or one JSON object with --json.
#include "clicommon.h"

#include "formats/error.h"
#include "model/digits.h"
#include "model/intlayer.h"
#include "model/memory.h"
#include "model/modelquant.h"
#include "model/outliers.h"
#include "formats/spectext.h"
#include "quant/quantoptions.h"

#include <QJsonArray>

#include <cstdio>
#include <string>

namespace {

using qs::cli::ArgParser;
using qs::cli::jsonNumber;
using qs::cli::printLine;

std::string fmt(const char* f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

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
    return {data,
            intOpt("seed", kGroupTraining, "S", "seed of the train/test split, the initial weights and the shuffling",
                   0, kMaxSeed, 1),
            intOpt("epochs", kGroupTraining, "N", "training epochs in float", 1, 1000, fit.epochs),
            listOpt("hidden", kGroupTraining, "SIZES", "hidden layer sizes: 32, or 64,32 for two layers", 1, 4096,
                    "32"),
            numOpt("lr", kGroupTraining, "RATE", "Adam learning rate", qs::NumberRange::leftOpen(0, 10),
                   fit.learningRate)};
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

std::vector<int> toInts(const std::vector<std::int64_t>& v)
{
    return {v.begin(), v.end()}; // each inside its option's range, which fits an int
}

struct Setup
{
    qs::DatasetSplit split;
    qs::TrainResult net;
};

Setup trainFromOptions(const ArgParser& p, bool verbose)
{
    Setup s;
    const qs::Dataset all = qs::loadDigits(p.value("data").value_or(qs::defaultDigitsPath()));
    const auto seed = std::uint64_t(p.integer("seed", 1));
    s.split = qs::splitDataset(all, 0.2, seed);
    qs::TrainConfig cfg;
    cfg.initSeed = seed;
    cfg.fit.seed = seed;
    cfg.fit.epochs = int(p.integer("epochs", cfg.fit.epochs));
    if (auto h = p.integers("hidden"))
        cfg.hidden = toInts(*h);
    cfg.fit.learningRate = p.number("lr", cfg.fit.learningRate);
    qs::ModelProgress progress;
    if (verbose)
        progress.epoch = [](const qs::EpochStats& e) {
            printLine("epoch " + std::to_string(e.epoch) + "  loss " + fmt("%.4f", e.loss) + "  train " +
                      fmt("%.4f", e.trainAccuracy) + "  test " + fmt("%.4f", e.testAccuracy));
        };
    s.net = qs::trainMlp(s.split.train, s.split.test, cfg, progress);
    return s;
}

QJsonArray historyJson(const std::vector<qs::EpochStats>& history)
{
    QJsonArray a;
    for (const auto& e : history)
        a.append(QJsonObject{{"epoch", e.epoch},
                             {"loss", jsonNumber(e.loss)},
                             {"trainAccuracy", jsonNumber(e.trainAccuracy)},
                             {"testAccuracy", jsonNumber(e.testAccuracy)}});
    return a;
}

qs::ModelQuantSpec specFromOptions(const ArgParser& p)
{
    qs::ModelQuantSpec s = qs::ModelQuantSpec::preset(p.choice("preset").value_or("W8A8"));
    auto part = [&](const char* prefix, const char* quantizer, qs::QuantConfig& c, bool& on) {
        const std::string pre = prefix;
        if (auto q = p.value(quantizer)) {
            on = qs::foldSpecText(*q) != "float";
            if (on)
                c.setQuantizer(*q);
        }
        for (const char* name : {"granularity", "scheme", "calibration"})
            if (auto v = p.value(pre + name))
                qs::findQuantOption(name)->setText(c, *v, "--" + pre + name);
    };
    part("w-", "weights", s.weights, s.quantizeWeights);
    part("a-", "activations", s.activations, s.quantizeActivations);
    s.dynamicActivations = p.flag("dynamic");
    s.calibrationSamples = int(p.integer("calib-samples", s.calibrationSamples));
    return s;
}

int modelTrain(const ArgParser& p)
{
    const bool json = p.flag("json");
    const Setup s = trainFromOptions(p, !json);
    if (json) {
        QJsonArray sizes;
        for (int v : s.net.model.sizes())
            sizes.append(v);
        qs::cli::printJson(QJsonObject{{"sizes", sizes},
                                       {"parameters", qint64(s.net.model.parameterCount())},
                                       {"trainSamples", qint64(s.split.train.size())},
                                       {"testSamples", qint64(s.split.test.size())},
                                       {"testAccuracy", jsonNumber(s.net.testAccuracy)},
                                       {"history", historyJson(s.net.history)}});
    } else {
        printLine("test accuracy " + fmt("%.4f", s.net.testAccuracy) + " (" + std::to_string(s.split.test.size()) +
                  " test images, " + std::to_string(s.net.model.parameterCount()) + " parameters)");
    }
    return qs::cli::kExitOk;
}

int modelPtq(const ArgParser& p)
{
    // --bits only means something with --sweep: given alone it would be silently ignored.
    if (p.has("bits") && !p.has("sweep"))
        throw qs::ArgumentError("--bits needs --sweep weights|activations|both");
    const bool json = p.flag("json");
    const Setup s = trainFromOptions(p, false);
    const qs::ModelQuantSpec spec = specFromOptions(p);
    const qs::PtqResult r = qs::runPtq(s.net.model, s.split.train, s.split.test, spec);
    QJsonArray sweepJson;
    std::vector<qs::SweepPoint> sweep;
    if (auto target = p.choice("sweep"))
        sweep = qs::ptqBitSweep(s.net.model, s.split.train, s.split.test, spec, qs::parseBitTarget(*target),
                                toInts(p.integers("bits").value_or(std::vector<std::int64_t>{2, 3, 4, 5, 6, 7, 8})));
    if (json) {
        QJsonArray layers;
        for (const auto& l : r.layers)
            layers.append(QJsonObject{{"layer", l.layer},
                                      {"weightSqnrDb", jsonNumber(l.weightSqnrDb)},
                                      {"bitsPerWeight", jsonNumber(l.bitsPerWeight)},
                                      {"activationClipMin", jsonNumber(l.actClipMin)},
                                      {"activationClipMax", jsonNumber(l.actClipMax)}});
        for (const auto& pt : sweep)
            sweepJson.append(QJsonObject{{"bits", pt.bits}, {"accuracy", jsonNumber(pt.accuracy)}});
        qs::cli::printJson(QJsonObject{{"spec", spec.toJson()},
                                       {"floatAccuracy", jsonNumber(r.floatAccuracy)},
                                       {"accuracy", jsonNumber(r.accuracy)},
                                       {"layers", layers},
                                       {"sweep", sweepJson}});
        return qs::cli::kExitOk;
    }
    printLine(spec.summary());
    printLine("float accuracy " + fmt("%.4f", r.floatAccuracy) + ", quantized " + fmt("%.4f", r.accuracy));
    for (const auto& l : r.layers)
        printLine("  layer " + std::to_string(l.layer) + ": weight SQNR " + fmt("%.2f", l.weightSqnrDb) + " dB, " +
                  fmt("%.3f", l.bitsPerWeight) + " bits/weight, input range [" + fmt("%.4g", l.actClipMin) + ", " +
                  fmt("%.4g", l.actClipMax) + "]");
    for (const auto& pt : sweep)
        printLine("  " + std::to_string(pt.bits) + " bits: " + fmt("%.4f", pt.accuracy));
    return qs::cli::kExitOk;
}

int modelQat(const ArgParser& p)
{
    const bool json = p.flag("json");
    const Setup s = trainFromOptions(p, false);
    qs::QatConfig cfg;
    cfg.spec = specFromOptions(p);
    cfg.fit.epochs = int(p.integer("qat-epochs", cfg.fit.epochs));
    cfg.fit.learningRate = p.number("qat-lr", cfg.fit.learningRate);
    const qs::BitTarget target = qs::parseBitTarget(p.choice("target").value_or("weights"));
    const auto rows = qs::compareQatPtq(s.net.model, s.split.train, s.split.test, cfg, target,
                                        toInts(p.integers("bits").value_or(std::vector<std::int64_t>{8, 4, 3, 2})));
    if (json) {
        QJsonArray a;
        for (const auto& r : rows)
            a.append(
                QJsonObject{{"bits", r.bits}, {"ptq", jsonNumber(r.ptqAccuracy)}, {"qat", jsonNumber(r.qatAccuracy)}});
        qs::cli::printJson(QJsonObject{{"floatAccuracy", jsonNumber(s.net.testAccuracy)},
                                       {"target", QString::fromStdString(qs::toString(target))},
                                       {"qatEpochs", cfg.fit.epochs},
                                       {"rows", a}});
        return qs::cli::kExitOk;
    }
    printLine("float accuracy " + fmt("%.4f", s.net.testAccuracy) + "; bits of " + qs::toString(target) + ", " +
              std::to_string(cfg.fit.epochs) + " QAT epochs");
    printLine("bits  PTQ     QAT");
    for (const auto& r : rows)
        printLine(fmt("%4.0f", r.bits) + "  " + fmt("%.4f", r.ptqAccuracy) + "  " + fmt("%.4f", r.qatAccuracy));
    return qs::cli::kExitOk;
}

QJsonArray matrixJson(const auto& m)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(jsonNumber(double(m(r, c))));
        rows.append(row);
    }
    return rows;
}

int modelIntLayer(const ArgParser& p)
{
    qs::IntLayerConfig cfg;
    cfg.inputSigned = cfg.outputSigned = p.flag("signed");
    cfg.perChannel = p.flag("per-channel");
    cfg.weightSymmetric = !p.flag("asymmetric-weights");
    cfg.relu = p.flag("relu");
    cfg.inputBits = cfg.weightBits = cfg.outputBits = int(p.integer("bits", 8));
    qs::LayerData data;
    if (auto seed = p.integer("random")) {
        data = qs::randomLayer(std::uint64_t(*seed), int(p.integer("batch", 4)), int(p.integer("in", 16)),
                               int(p.integer("out", 8)), cfg.inputSigned);
    } else {
        const Setup s = trainFromOptions(p, false);
        data = qs::layerFromMlp(s.net.model, int(p.integer("layer", 0)), s.split.test, int(p.integer("samples", 8)));
    }
    const qs::IntLayerResult r = qs::runIntegerLayer(data, cfg);
    if (p.flag("json")) {
        QJsonArray mult;
        for (std::size_t j = 0; j < r.multiplier.size(); ++j)
            mult.append(QJsonObject{{"M", jsonNumber(r.multiplier[j])},
                                    {"M0", qint64(r.fixedMultiplier[j].m0)},
                                    {"shift", r.fixedMultiplier[j].shift}});
        QJsonObject o{{"inputScale", jsonNumber(r.inputGrid.scale)},
                      {"inputZeroPoint", r.inputGrid.zeroPoint},
                      {"outputScale", jsonNumber(r.outputGrid.scale)},
                      {"outputZeroPoint", r.outputGrid.zeroPoint},
                      {"multipliers", mult},
                      {"maxStepDifference", r.maxStepDifference},
                      {"differingOutputs", qint64(r.differingOutputs)},
                      {"outputs", qint64(r.outputQ.size())},
                      {"maxAbsErrorVsFloat", jsonNumber(r.maxAbsErrorVsFloat)},
                      {"accumulatorMaxAbs", qint64(r.accumulatorMaxAbs)},
                      {"accumulatorOverflow", r.accumulatorOverflow}};
        if (p.flag("matrices")) {
            o["inputQ"] = matrixJson(r.inputQ);
            o["weightQ"] = matrixJson(r.weightQ);
            o["accumulator"] = matrixJson(r.accumulator);
            o["outputQ"] = matrixJson(r.outputQ);
            o["outputSimulatedQ"] = matrixJson(r.outputSimulatedQ);
            o["outputFloat"] = matrixJson(r.outputFloat);
        }
        qs::cli::printJson(o);
        return qs::cli::kExitOk;
    }
    printLine("input  S = " + fmt("%.6g", r.inputGrid.scale) + ", Z = " + std::to_string(r.inputGrid.zeroPoint) +
              "; output S = " + fmt("%.6g", r.outputGrid.scale) + ", Z = " + std::to_string(r.outputGrid.zeroPoint));
    for (std::size_t j = 0; j < std::min<std::size_t>(r.multiplier.size(), 4); ++j)
        printLine("M = " + fmt("%.10g", r.multiplier[j]) + " = " + std::to_string(r.fixedMultiplier[j].m0) + " · 2^-" +
                  std::to_string(31 + r.fixedMultiplier[j].shift));
    printLine("integer vs fake-quant: max " + std::to_string(r.maxStepDifference) + " step(s), " +
              std::to_string(r.differingOutputs) + " of " + std::to_string(r.outputQ.size()) +
              " outputs differ; max |error| vs float " + fmt("%.5g", r.maxAbsErrorVsFloat) + "; max |acc| " +
              std::to_string(r.accumulatorMaxAbs) + (r.accumulatorOverflow ? " (int32 OVERFLOW)" : ""));
    return qs::cli::kExitOk;
}

int modelOutliers(const ArgParser& p)
{
    qs::OutlierStudyConfig cfg;
    cfg.tokens = int(p.integer("tokens", cfg.tokens));
    cfg.channels = int(p.integer("channels", cfg.channels));
    cfg.outChannels = int(p.integer("out", cfg.outChannels));
    cfg.outlierChannels = int(p.integer("outliers", cfg.outlierChannels));
    cfg.bits = int(p.integer("bits", cfg.bits));
    cfg.seed = std::uint64_t(p.integer("seed", 1));
    cfg.threshold = p.number("threshold", cfg.threshold);
    const qs::OutlierStudy s = qs::runOutlierStudy(cfg);
    if (p.flag("json")) {
        QJsonArray methods, cols;
        for (const auto& m : s.methods)
            methods.append(QJsonObject{{"name", QString::fromStdString(m.name)},
                                       {"activationMse", jsonNumber(m.activationMse)},
                                       {"activationSqnrDb", jsonNumber(m.activationSqnrDb)},
                                       {"outputMse", jsonNumber(m.outputMse)},
                                       {"outputSqnrDb", jsonNumber(m.outputSqnrDb)},
                                       {"outputRelativeError", jsonNumber(m.outputRelativeError)},
                                       {"floatFraction", jsonNumber(m.floatFraction)}});
        for (int c : s.outlierColumns)
            cols.append(c);
        qs::cli::printJson(QJsonObject{{"outlierColumns", cols}, {"methods", methods}});
        return qs::cli::kExitOk;
    }
    printLine(std::to_string(s.outlierColumns.size()) + " outlier column(s) of " + std::to_string(cfg.channels));
    printLine("method        X SQNR dB  Y SQNR dB  Y rel. error  in float");
    for (const auto& m : s.methods) {
        char line[160];
        std::snprintf(line, sizeof line, "%-12s  %9.2f  %9.2f  %12.5f  %8.4f", m.name.c_str(), m.activationSqnrDb,
                      m.outputSqnrDb, m.outputRelativeError, m.floatFraction);
        printLine(line);
    }
    return qs::cli::kExitOk;
}

void printMemory(const qs::MemorySpec& spec, const qs::MemoryReport& r, QJsonArray* json)
{
    if (json) {
        QJsonArray lines;
        for (const auto& l : r.lines)
            lines.append(QJsonObject{{"item", QString::fromStdString(l.item)},
                                     {"bytes", jsonNumber(l.bytes)},
                                     {"formula", QString::fromStdString(l.formula)}});
        json->append(QJsonObject{
            {"model", QString::fromStdString(spec.model)}, {"lines", lines}, {"totalBytes", jsonNumber(r.totalBytes)}});
        return;
    }
    printLine(spec.model + ": " + fmt("%.4g", r.totalBytes / 1e9) + " GB");
    for (const auto& l : r.lines)
        printLine("  " + l.item + ": " + l.formula);
}

int modelMemory(const ArgParser& p)
{
    std::vector<qs::MemorySpec> specs;
    if (p.flag("table")) { // design.md §2: parameters × 2 bytes (FP16)
        for (const char* name : {"gpt3-175b", "bloom-176b", "llama2-70b", "mistral-7b"}) {
            qs::MemorySpec s;
            s.model = name;
            s.parameters = qs::modelPreset(name).parameters;
            specs.push_back(s);
        }
    } else if (p.flag("qlora")) {
        specs = {qs::qloraFullFinetune(), qs::qloraFinetune()};
    } else {
        qs::MemorySpec s;
        const qs::ModelPreset* preset = p.choice("model") ? &qs::modelPreset(*p.choice("model")) : nullptr;
        s.model = preset ? preset->name : "model";
        s.parameters = preset ? preset->parameters : 0;
        s.parameters = p.number("params", s.parameters);
        if (!preset && !p.value("params"))
            throw qs::ArgumentError("memory needs --model NAME, --params N, --table or --qlora");
        s.weights = qs::StorageFormat::parse(p.value("format").value_or("fp16"));
        if (p.has("kv-context")) {
            if (!preset)
                throw qs::ArgumentError("--kv-context needs --model (layers, heads and head dim)");
            s.kvCache = qs::KvCacheSpec{preset->layers,
                                        preset->kvHeads,
                                        preset->headDim,
                                        *p.integer("kv-context"),
                                        p.integer("kv-batch", 1),
                                        qs::StorageFormat::parse(p.value("kv-format").value_or("fp16"))};
        }
        if (p.flag("train")) {
            s.training.enabled = true;
            s.training.optimizer = qs::parseOptimizer(p.choice("optimizer").value_or("adam"));
            s.training.gradients = qs::StorageFormat::parse(p.value("grad-format").value_or("fp16"));
            s.training.optimizerState = qs::StorageFormat::parse(p.value("state-format").value_or("fp32"));
            s.training.masterWeights = p.flag("master");
            if (auto r = p.integer("lora-rank")) {
                if (!preset)
                    throw qs::ArgumentError("--lora-rank needs --model (layer shapes)");
                s.training.adapterParameters = qs::loraParametersLlama(preset->layers, preset->dModel, preset->dFfn,
                                                                       int(*r));
            }
        }
        specs.push_back(s);
    }
    QJsonArray json;
    for (const auto& s : specs)
        printMemory(s, qs::estimateMemory(s), p.flag("json") ? &json : nullptr);
    if (p.flag("json"))
        qs::cli::printJson(QJsonObject{{"models", json}});
    return qs::cli::kExitOk;
}

} // namespace

qs::cli::CommandDef modelCommand()
{
    using qs::cli::CommandDef;
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
    ptq.options = concat(concat(trainOptions(), specOptions()),
                         {choiceOpt("sweep", "Sweep", {"weights", "activations", "both"},
                                    "also the accuracy at each bit width of --bits for this part", ""),
                          listOpt("bits", "Sweep", "LIST", "--sweep: the bit widths", 1, 16, "2,3,4,5,6,7,8"),
                          jsonOpt()});
    ptq.examples = {{"model ptq --preset W4A8", "4-bit weights, 8-bit activations"},
                    {"model ptq --sweep weights --bits 2,3,4,8 --json", "accuracy against weight bits"}};
    ptq.run = modelPtq;

    CommandDef qat;
    qat.name = "qat";
    qat.usage = "model qat [OPTIONS]";
    qat.summary = "quantization-aware training (straight-through estimator) against PTQ at several bit widths";
    const qs::QatConfig qatDefaults;
    qat.options = concat(concat(trainOptions(), specOptions()),
                         {listOpt("bits", "QAT", "LIST", "the bit widths compared", 1, 16, "8,4,3,2"),
                          choiceOpt("target", "QAT", {"weights", "activations", "both"},
                                    "which part gets the bit widths", "weights"),
                          intOpt("qat-epochs", "QAT", "N", "epochs of quantization-aware training", 1, 1000,
                                 qatDefaults.fit.epochs),
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
    intlayer.options = concat(
        trainOptions(),
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
