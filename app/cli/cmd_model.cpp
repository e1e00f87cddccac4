// quantscope-cli model train|ptq|qat|intlayer|outliers|memory: the Model Lab's
// computations (core/model, docs/modellab.md) headless. Every subcommand
// prints a short table, or one JSON object with --json. The subcommands'
// option tables are in cmd_modeloptions.cpp.
#include "cmd_model.h"

#include "formats/error.h"
#include "formats/spectext.h"
#include "model/digits.h"
#include "model/intlayer.h"
#include "model/memory.h"
#include "model/modelquant.h"
#include "model/outliers.h"
#include "quant/quantoptions.h"

#include <QJsonArray>

#include <cstdio>
#include <string>

namespace qs::cli::modelcmd {

using qs::cli::ArgParser;
using qs::cli::jsonNumber;
using qs::cli::printLine;

static std::string fmt(const char* f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

static std::vector<int> toInts(const std::vector<std::int64_t>& v)
{
    return {v.begin(), v.end()}; // each inside its option's range, which fits an int
}

struct Setup
{
    qs::DatasetSplit split;
    qs::TrainResult net;
};

static Setup trainFromOptions(const ArgParser& p, bool verbose)
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

static QJsonArray historyJson(const std::vector<qs::EpochStats>& history)
{
    QJsonArray a;
    for (const auto& e : history)
        a.append(QJsonObject{{"epoch", e.epoch},
                             {"loss", jsonNumber(e.loss)},
                             {"trainAccuracy", jsonNumber(e.trainAccuracy)},
                             {"testAccuracy", jsonNumber(e.testAccuracy)}});
    return a;
}

static qs::ModelQuantSpec specFromOptions(const ArgParser& p)
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

static QJsonArray matrixJson(const auto& m)
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

static void printMemory(const qs::MemorySpec& spec, const qs::MemoryReport& r, QJsonArray* json)
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
    if (p.flag("table")) { // parameters × 2 bytes (FP16 weights)
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
            s.kvCache = qs::KvCacheSpec{
                preset->layers,           preset->kvHeads,
                preset->headDim,          *p.integer("kv-context"),
                p.integer("kv-batch", 1), qs::StorageFormat::parse(p.value("kv-format").value_or("fp16"))};
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
                s.training.adapterParameters =
                    qs::loraParametersLlama(preset->layers, preset->dModel, preset->dFfn, int(*r));
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

} // namespace qs::cli::modelcmd
