// quantscope-cli quantize: build a QuantConfig from the options, run the one
// core pipeline (runQuantization), print text or JSON, write files.
#include "clicommon.h"

#include "formats/error.h"
#include "io/sessionfile.h"
#include "io/tensorsource.h"
#include "io/writers.h"
#include "options/specreader.h"
#include "quant/checkpoint.h"
#include "quant/pipeline.h"
#include "quant/resultjson.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace {

using qs::ArgumentError;

qs::Shape parseShape(const std::string& text)
{
    std::string t = text;
    std::replace(t.begin(), t.end(), 'x', ' ');
    std::replace(t.begin(), t.end(), ',', ' ');
    std::istringstream in(t);
    qs::Shape shape;
    std::string item;
    const qs::SpecReader dimension("--shape dimension");
    while (in >> item)
        shape.push_back(dimension.integer(item, 0, std::int64_t(1e12)));
    if (shape.empty())
        throw ArgumentError("empty --shape");
    return shape;
}

qs::Tensor inputTensor(const qs::cli::ArgParser& p)
{
    const int sources =
        int(p.value("values").has_value()) + int(p.value("generate").has_value()) + int(p.value("input").has_value());
    if (sources != 1)
        throw ArgumentError("give exactly one of --values, --generate, --input");
    qs::Tensor x;
    if (auto v = p.value("values"))
        x = qs::Tensor::fromVector(qs::cli::parseValueList(*v));
    else if (auto g = p.value("generate"))
        x = qs::generateTensor(*g);
    else
        x = qs::loadTensor(*p.value("input"));
    if (auto s = p.value("shape")) {
        const qs::Shape shape = parseShape(*s);
        if (qs::Tensor::elementCount(shape) != x.size())
            throw ArgumentError("--shape " + qs::Tensor::shapeString(shape) + " does not hold " +
                                std::to_string(x.size()) + " values");
        x = x.reshaped(shape);
    }
    return x;
}

qs::QuantConfig buildConfig(const qs::cli::ArgParser& p)
{
    qs::QuantConfig c;
    if (auto v = p.value("config")) {
        // The JSON text itself; its errors say what is wrong (core/io/sessionfile.h).
        c = qs::QuantConfig::fromJson(qs::parseJsonObject(*v, "--config", "quantizer config"));
    }
    qs::cli::applyQuantOptions(p, c);
    c.validate();
    return c;
}

std::string lowerExtension(const std::string& path)
{
    const auto dot = path.find_last_of('.');
    std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return ext;
}

// The source tensor's name ("FILE:NAME" of --input), the checkpoint's prefix.
std::string sourceTensorName(const qs::cli::ArgParser& p)
{
    if (auto in = p.value("input")) {
        const auto colon = in->find_last_of(':');
        if (colon != std::string::npos && colon + 1 < in->size() && in->find('/', colon) == std::string::npos)
            return in->substr(colon + 1);
    }
    return "tensor";
}

void writeOutputs(const qs::cli::ArgParser& p, const qs::QuantResult& r, const qs::Tensor& x)
{
    const std::string tensorName = sourceTensorName(p);
    for (const std::string& path : p.values("out")) {
        const std::string ext = lowerExtension(path);
        if (ext == "npy") {
            qs::writeNpy(path, r.dequantized);
        } else if (ext == "csv") {
            qs::writeCsvValues(path, r.dequantized);
        } else if (ext == "safetensors") {
            // A checkpoint a loader can use: NAME.qweight/.scales/.zeros ... (quant/checkpoint.h).
            qs::writeCheckpoint(path, r, x, tensorName);
        } else {
            throw ArgumentError("--out '" + path + "': use a .npy, .safetensors or .csv file name");
        }
    }
    if (auto path = p.value("codes-out")) {
        if (lowerExtension(*path) != "npy")
            throw ArgumentError("--codes-out '" + *path + "': use a .npy file name");
        qs::writeNpyCodes(*path, r.shape, r.codes, r.codeMin, r.codeMax);
    }
    if (auto path = p.value("hist-out")) {
        qs::writeCsvHistograms(*path, {"original", "dequantized"}, {&r.histOriginal, &r.histDequantized});
        const std::string errPath = *path + ".error.csv";
        qs::writeCsvHistograms(errPath, {"error"}, {&r.histError});
    }
}

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

// What bits/value is made of, in bits per value, when more than the codes.
std::string storageText(const qs::StorageAccount& s)
{
    // Built piecewise: GCC 12 warns (-Wrestrict, a false positive) on long chains of string +.
    std::string parts;
    const double n = s.codes > 0 && s.codeBits > 0 ? s.codes / s.codeBits : 0;
    if (n <= 0)
        return parts;
    auto part = [&](double bits, const std::string& what) {
        if (bits <= 0)
            return;
        parts += " + ";
        parts += num(bits / n);
        parts += ' ';
        parts += what;
    };
    part(s.scales, s.scaleFormat + " scales");
    part(s.zeroPoints, "zero points");
    part(s.outliers, "outliers");
    part(s.padding, "padding");
    part(s.tables, "tables");
    if (parts.empty())
        return parts;
    std::string out = "  (";
    out += std::to_string(s.codeBits);
    out += " code";
    out += parts;
    out += ')';
    return out;
}

void printText(const qs::QuantResult& r, bool values)
{
    using qs::cli::printLine;
    printLine("quantizer     " + r.config.summary());
    printLine("values        " + std::to_string(r.n) + "  shape " + qs::Tensor::shapeString(r.shape));
    printLine("groups        " + std::to_string(r.groups.size()) + "  group shape " +
              qs::Tensor::shapeString(r.groupShape));
    const std::size_t shown = std::min<std::size_t>(r.groups.size(), 8);
    for (std::size_t g = 0; g < shown; ++g) {
        const auto& p = r.groups[g];
        printLine("  group " + std::to_string(g) + "  scale " + num(p.scale) + "  zero point " + num(p.zeroPoint) +
                  "  clip [" + num(p.clipMin) + ", " + num(p.clipMax) + "]  n " + std::to_string(p.count));
    }
    if (shown < r.groups.size())
        printLine("  ... " + std::to_string(r.groups.size() - shown) + " more groups (--json lists them)");
    printLine("calibration   " + qs::toString(r.calibration.method) + "  clip [" + num(r.calibration.clipMin) + ", " +
              num(r.calibration.clipMax) + "]");
    printLine("bits/value    " + num(r.bitsPerValue) + storageText(r.storage));
    if (r.config.granularity.kind == qs::Granularity::Kind::Block)
        printLine("blocks along  " + qs::blockDirectionText(r));
    const auto& m = r.metrics;
    printLine("error         mse " + num(m.mse) + "  rmse " + num(m.rmse) + "  sqnr " + num(m.sqnrDb) + " dB");
    printLine("              max |e| " + num(m.maxAbsError) + "  mean |e| " + num(m.meanAbsError) + "  clipped " +
              num(100.0 * m.clippedFraction) + " %  KL " + num(m.klDivergence));
    printLine("non-finite    " + std::to_string(r.nonfinite) + " (" + r.nonfinitePolicy + ")");
    if (r.config.outliers != qs::OutlierMode::Off)
        printLine("outliers      " + std::to_string(r.outliers) + " kept in full precision");
    if (r.config.kind == qs::QuantizerKind::KMeans)
        printLine("k-means       " + std::to_string(r.kmeans.iterations) + " iterations, distortion " +
                  (r.kmeans.distortion.empty() ? "-" : num(r.kmeans.distortion.back())));
    if (values) {
        std::string codes = "codes        ", deq = "dequantized  ";
        for (auto q : r.codes)
            codes += " " + std::to_string(q);
        for (float v : r.dequantized.values())
            deq += " " + num(v);
        if (!r.codes.empty())
            printLine(codes);
        printLine(deq);
    }
    for (const auto& w : r.warnings)
        printLine("warning       " + w);
    for (const auto& msg : r.messages)
        printLine("note          " + msg);
}

int runQuantize(const qs::cli::ArgParser& p)
{
    if (!p.positional().empty())
        throw ArgumentError("unexpected argument '" + p.positional().front() + "'");
    const qs::QuantConfig config = buildConfig(p);
    const qs::Tensor x = inputTensor(p);

    bool wantCodes = p.flag("emit-values") || p.value("codes-out").has_value();
    for (const auto& path : p.values("out"))
        wantCodes = wantCodes || lowerExtension(path) == "safetensors";
    qs::QuantOptions options;
    options.codes = wantCodes;
    options.curveGroup = p.integer("curve-group", -1);
    const qs::QuantResult r = qs::runQuantization(x, config, options);
    writeOutputs(p, r, x);

    if (p.flag("json")) {
        qs::ResultJsonOptions jo;
        jo.values = p.flag("emit-values");
        jo.histograms = p.flag("histograms");
        qs::cli::printJson(qs::toJson(r, jo));
    } else {
        printText(r, p.flag("emit-values"));
    }
    return qs::cli::kExitOk;
}

} // namespace

std::vector<qs::OptionDef> qs::cli::inputOptionDefs(bool fileConfig)
{
    using qs::OptionType;
    using qs::cli::kGroupInput;
    std::vector<qs::OptionDef> o;
    o.push_back(qs::makeOption("values", OptionType::Text, kGroupInput, "LIST",
                               "the values, separated by commas, semicolons or spaces: -2.5,-1,0,1,3.5"));
    o.push_back(qs::makeOption("generate", OptionType::Text, kGroupInput, "SPEC",
                               "seeded data: KIND,n=N,seed=S,... with KIND normal, uniform, laplace, outliers ..."));
    o.back().completion = "generator";
    o.push_back(qs::makeOption("input", OptionType::InputFile, kGroupInput, "FILE[:TENSOR]",
                               "a .npy, .safetensors or text file (a tensor of a safetensors file after ':')"));
    o.back().completion = "tensor-file";
    if (fileConfig) {
        o.push_back(qs::makeOption("config", OptionType::InputFile, kGroupInput, "FILE",
                                   "settings: a .qscope session or an exported settings JSON (data, quantizer, view)"));
        o.back().completion = "file";
    } else {
        o.push_back(qs::makeOption("config", OptionType::Text, kGroupInput, "JSON",
                                   "a quantizer configuration as JSON text (the keys of a session's \"config\")"));
    }
    return o;
}

qs::cli::CommandDef quantizeCommand()
{
    using qs::OptionType;
    using qs::cli::kGroupOutput;
    qs::cli::CommandDef c;
    c.name = "quantize";
    c.usage = "quantize (--values LIST | --generate SPEC | --input FILE[:TENSOR]) [OPTIONS]";
    c.summary = "quantize a tensor: scales and zero points, codes, error metrics and histograms";
    c.options = qs::cli::inputOptionDefs(false);
    c.options.push_back(qs::makeOption("shape", OptionType::Text, qs::cli::kGroupInput, "DIMS",
                                       "reshape the input (same number of values): 4x32, 2,3,4"));
    for (const qs::OptionDef& d : qs::cli::quantOptionDefs(qs::QuantConfig{}))
        c.options.push_back(d);
    // Not a quantizer setting (the session's "config" does not carry it): which group's
    // objective the per-group MSE/entropy calibration reports as its curve.
    c.options.push_back(
        qs::makeOption("curve-group", OptionType::Integer, "Analysis", "N",
                       "mse/entropy per channel or block: report group N's objective curve (none if not given)"));
    c.options.back().integers = {0, std::int64_t(1) << 53};
    c.options.push_back(qs::makeOption("json", OptionType::Flag, kGroupOutput, "", "print one JSON object"));
    c.options.push_back(qs::makeOption("emit-values", OptionType::Flag, kGroupOutput, "",
                                       "also print the codes and the dequantized values"));
    c.options.push_back(
        qs::makeOption("histograms", OptionType::Flag, kGroupOutput, "", "--json: include the histograms"));
    c.options.push_back(qs::makeOption("out", OptionType::OutputFile, kGroupOutput, "FILE",
                                       "write the dequantized tensor: .npy, .csv, or .safetensors (codes, scales)"));
    c.options.back().repeatable = true;
    c.options.back().completion = "file";
    c.options.push_back(
        qs::makeOption("codes-out", OptionType::OutputFile, kGroupOutput, "FILE.npy", "write the integer codes"));
    c.options.back().completion = "file";
    c.options.push_back(qs::makeOption("hist-out", OptionType::OutputFile, kGroupOutput, "FILE.csv",
                                       "write the histograms (and FILE.csv.error.csv)"));
    c.options.back().completion = "file";
    c.examples = {
        {"quantize --values \"-2.5,-1,0,1,3.5\" --quantizer uint8 --scheme asymmetric --rounding nearest-away "
         "--emit-values",
         "the course's example: codes 0 63 106 149 255"},
        {"quantize --generate normal,n=100000,seed=1 --quantizer nf4 --json",
         "NF4 with absmax blocks of 64 on normal data, as JSON"},
        {"quantize --input weights.safetensors:layer.0.weight --quantizer int4 --granularity channel:0 "
         "--calibration mse --out deq.npy",
         "per-channel int4 with MSE calibration, the dequantized tensor written to deq.npy"}};
    c.run = runQuantize;
    return c;
}
