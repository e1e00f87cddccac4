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

#include <QJsonArray>

#include <cstdio>
#include <string>

namespace {

using qs::cli::ArgParser;
using qs::cli::jsonNumber;
using qs::cli::parseNumber;
using qs::cli::printLine;

std::string fmt(const char* f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

int intOption(const ArgParser& p, const std::string& name, int fallback, int lo, int hi)
{
    const auto v = p.value(name);
    if (!v)
        return fallback;
    const double d = parseNumber(*v, "--" + name);
    if (d != double(int(d)) || d < lo || d > hi)
        throw qs::ArgumentError("--" + name + " must be an integer in " + std::to_string(lo) + ".." +
                                std::to_string(hi));
    return int(d);
}

std::vector<int> intList(const std::string& text, const std::string& what)
{
    std::vector<int> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = text.find(',', start);
        const std::string part = text.substr(start, at == std::string::npos ? std::string::npos : at - start);
        const double d = parseNumber(part, what);
        if (d != double(int(d)) || d < 1 || d > 4096)
            throw qs::ArgumentError(what + ": '" + part + "' is not an integer in 1..4096");
        out.push_back(int(d));
        if (at == std::string::npos)
            return out;
        start = at + 1;
    }
}

// Options every network subcommand shares: data, split, training.
const std::vector<std::string> kTrainOptions = {"data", "seed", "epochs", "hidden", "lr"};

struct Setup
{
    qs::DatasetSplit split;
    qs::TrainResult net;
};

Setup trainFromOptions(const ArgParser& p, bool verbose)
{
    Setup s;
    const qs::Dataset all = qs::loadDigits(p.value("data").value_or(qs::defaultDigitsPath()));
    const int seed = intOption(p, "seed", 1, 0, 1 << 30);
    s.split = qs::splitDataset(all, 0.2, std::uint64_t(seed));
    qs::TrainConfig cfg;
    cfg.initSeed = std::uint64_t(seed);
    cfg.fit.seed = std::uint64_t(seed);
    cfg.fit.epochs = intOption(p, "epochs", cfg.fit.epochs, 1, 1000);
    if (auto h = p.value("hidden"))
        cfg.hidden = intList(*h, "--hidden");
    if (auto lr = p.value("lr"))
        cfg.fit.learningRate = parseNumber(*lr, "--lr");
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

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<std::string> kSpecOptions = {"preset",        "weights",      "w-granularity", "w-scheme",
                                               "w-calibration", "activations",  "a-granularity", "a-scheme",
                                               "a-calibration", "calib-samples"};

qs::ModelQuantSpec specFromOptions(const ArgParser& p)
{
    qs::ModelQuantSpec s = qs::ModelQuantSpec::preset(p.value("preset").value_or("W8A8"));
    auto part = [&](const char* prefix, const char* quantizer, qs::QuantConfig& c, bool& on) {
        const std::string pre = prefix;
        if (auto q = p.value(quantizer)) {
            on = *q != "float";
            if (on)
                c.setQuantizer(*q);
        }
        if (auto v = p.value(pre + "-granularity"))
            c.granularity = qs::Granularity::parse(*v);
        if (auto v = p.value(pre + "-scheme"))
            c.scheme = qs::parseScheme(*v);
        if (auto v = p.value(pre + "-calibration"))
            c.calibration = qs::CalibrationSpec::parse(*v);
    };
    part("w", "weights", s.weights, s.quantizeWeights);
    part("a", "activations", s.activations, s.quantizeActivations);
    s.dynamicActivations = p.flag("dynamic");
    s.calibrationSamples = intOption(p, "calib-samples", s.calibrationSamples, 1, 100000);
    return s;
}

int modelTrain(const qs::cli::Args& args)
{
    const ArgParser p(args, {"json"}, kTrainOptions);
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

int modelPtq(const qs::cli::Args& args)
{
    const ArgParser p(args, {"json", "dynamic"}, concat(concat(kTrainOptions, kSpecOptions), {"sweep", "bits"}));
    const bool json = p.flag("json");
    const Setup s = trainFromOptions(p, false);
    const qs::ModelQuantSpec spec = specFromOptions(p);
    const qs::PtqResult r = qs::runPtq(s.net.model, s.split.train, s.split.test, spec);
    QJsonArray sweepJson;
    std::vector<qs::SweepPoint> sweep;
    if (auto target = p.value("sweep"))
        sweep = qs::ptqBitSweep(s.net.model, s.split.train, s.split.test, spec, qs::parseBitTarget(*target),
                                intList(p.value("bits").value_or("2,3,4,5,6,7,8"), "--bits"));
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

int modelQat(const qs::cli::Args& args)
{
    const ArgParser p(args, {"json", "dynamic"},
                      concat(concat(kTrainOptions, kSpecOptions), {"bits", "target", "qat-epochs", "qat-lr"}));
    const bool json = p.flag("json");
    const Setup s = trainFromOptions(p, false);
    qs::QatConfig cfg;
    cfg.spec = specFromOptions(p);
    cfg.fit.epochs = intOption(p, "qat-epochs", cfg.fit.epochs, 1, 1000);
    if (auto lr = p.value("qat-lr"))
        cfg.fit.learningRate = parseNumber(*lr, "--qat-lr");
    const qs::BitTarget target = qs::parseBitTarget(p.value("target").value_or("weights"));
    const auto rows = qs::compareQatPtq(s.net.model, s.split.train, s.split.test, cfg, target,
                                        intList(p.value("bits").value_or("8,4,3,2"), "--bits"));
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

int modelIntLayer(const qs::cli::Args& args)
{
    const ArgParser p(args, {"json", "signed", "per-channel", "asymmetric-weights", "relu", "matrices"},
                      concat(kTrainOptions, {"layer", "samples", "random", "batch", "in", "out", "bits"}));
    qs::IntLayerConfig cfg;
    cfg.inputSigned = cfg.outputSigned = p.flag("signed");
    cfg.perChannel = p.flag("per-channel");
    cfg.weightSymmetric = !p.flag("asymmetric-weights");
    cfg.relu = p.flag("relu");
    cfg.inputBits = cfg.weightBits = cfg.outputBits = intOption(p, "bits", 8, 2, 16);
    qs::LayerData data;
    if (auto seed = p.value("random")) {
        data = qs::randomLayer(std::uint64_t(intOption(p, "random", 1, 0, 1 << 30)), intOption(p, "batch", 4, 1, 4096),
                               intOption(p, "in", 16, 1, 4096), intOption(p, "out", 8, 1, 4096), cfg.inputSigned);
    } else {
        const Setup s = trainFromOptions(p, false);
        data = qs::layerFromMlp(s.net.model, intOption(p, "layer", 0, 0, 64), s.split.test,
                                intOption(p, "samples", 8, 1, 100000));
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

int modelOutliers(const qs::cli::Args& args)
{
    const ArgParser p(args, {"json"}, {"tokens", "channels", "out", "outliers", "bits", "threshold", "seed"});
    qs::OutlierStudyConfig cfg;
    cfg.tokens = intOption(p, "tokens", cfg.tokens, 1, 4096);
    cfg.channels = intOption(p, "channels", cfg.channels, 1, 4096);
    cfg.outChannels = intOption(p, "out", cfg.outChannels, 1, 4096);
    cfg.outlierChannels = intOption(p, "outliers", cfg.outlierChannels, 0, 4096);
    cfg.bits = intOption(p, "bits", cfg.bits, 2, 16);
    cfg.seed = std::uint64_t(intOption(p, "seed", 1, 0, 1 << 30));
    if (auto t = p.value("threshold"))
        cfg.threshold = parseNumber(*t, "--threshold");
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

int modelMemory(const qs::cli::Args& args)
{
    const ArgParser p(args, {"json", "table", "qlora", "train", "master"},
                      {"model", "params", "format", "kv-context", "kv-batch", "kv-format", "optimizer", "grad-format",
                       "state-format", "lora-rank"});
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
        const qs::ModelPreset* preset = p.value("model") ? &qs::modelPreset(*p.value("model")) : nullptr;
        s.model = preset ? preset->name : "model";
        s.parameters = preset ? preset->parameters : 0;
        if (auto v = p.value("params"))
            s.parameters = parseNumber(*v, "--params");
        if (!preset && !p.value("params"))
            throw qs::ArgumentError("memory needs --model NAME, --params N, --table or --qlora");
        s.weights = qs::StorageFormat::parse(p.value("format").value_or("fp16"));
        if (auto ctx = p.value("kv-context")) {
            if (!preset)
                throw qs::ArgumentError("--kv-context needs --model (layers, heads and head dim)");
            s.kvCache = qs::KvCacheSpec{preset->layers,
                                        preset->kvHeads,
                                        preset->headDim,
                                        std::int64_t(parseNumber(*ctx, "--kv-context")),
                                        std::int64_t(intOption(p, "kv-batch", 1, 1, 1 << 20)),
                                        qs::StorageFormat::parse(p.value("kv-format").value_or("fp16"))};
        }
        if (p.flag("train")) {
            s.training.enabled = true;
            s.training.optimizer = qs::parseOptimizer(p.value("optimizer").value_or("adam"));
            s.training.gradients = qs::StorageFormat::parse(p.value("grad-format").value_or("fp16"));
            s.training.optimizerState = qs::StorageFormat::parse(p.value("state-format").value_or("fp32"));
            s.training.masterWeights = p.flag("master");
            if (auto r = p.value("lora-rank")) {
                if (!preset)
                    throw qs::ArgumentError("--lora-rank needs --model (layer shapes)");
                s.training.adapterParameters = qs::loraParametersLlama(preset->layers, preset->dModel, preset->dFfn,
                                                                       intOption(p, "lora-rank", 8, 1, 4096));
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

int cmdModel(const qs::cli::Args& args)
{
    const std::string usage =
        "usage: model train|ptq|qat|intlayer|outliers|memory [options] [--json]  (docs/modellab.md)";
    if (args.empty())
        throw qs::ArgumentError(usage);
    const std::string sub = args.front();
    const qs::cli::Args rest(args.begin() + 1, args.end());
    if (sub == "train")
        return modelTrain(rest);
    if (sub == "ptq")
        return modelPtq(rest);
    if (sub == "qat")
        return modelQat(rest);
    if (sub == "intlayer")
        return modelIntLayer(rest);
    if (sub == "outliers")
        return modelOutliers(rest);
    if (sub == "memory")
        return modelMemory(rest);
    throw qs::ArgumentError("unknown model subcommand '" + sub + "'; " + usage);
}
