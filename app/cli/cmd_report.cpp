// quantscope-cli report MODEL --schemes "..." [--filter REGEX] [--budget B]
// [--json|--csv] [--out report.pdf]: the model report of core/report
// (docs/report.md) as a text table, JSON or CSV, the mixed-precision plan,
// and the PDF of figures (drawn by ui/plots/reportfigures.h when the CLI is
// built with the GUI library).
#include "clicommon.h"

#include "formats/error.h"
#include "io/printable.h"
#include "report/modelreport.h"
#include "report/planner.h"
#include "report/reportjson.h"

#include <cmath>
#include <cstdio>

namespace {

using qs::ArgumentError;

constexpr const char* kDefaultSchemes = "int8 channel:0; int4 block:32; nf4; q4_K; mxfp4";

std::string fmt(const char* f, double v)
{
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string pad(std::string s, std::size_t w, bool right = false)
{
    if (s.size() >= w)
        return s + " ";
    return right ? std::string(w - s.size(), ' ') + s + " " : s + std::string(w - s.size(), ' ') + " ";
}

void printText(const qs::ModelReport& r, const qs::ReportPlan* plan)
{
    using qs::cli::printLine;
    printLine(r.file + ": " + r.format + ", " + std::to_string(r.tensors.size()) + " tensor(s) measured" +
              (r.skipped.empty() ? "" : ", " + std::to_string(r.skipped.size()) + " not readable"));
    printLine("");
    printLine("Model totals (weighted by values):");
    printLine("  " + pad("scheme", 28) + pad("SQNR dB", 9, true) + pad("MSE", 11, true) + pad("bits/value", 11, true) +
              pad("bytes", 14, true) + "tensors");
    for (std::size_t s = 0; s < r.schemes.size(); ++s) {
        const qs::ReportTotal& T = r.totals[s];
        printLine("  " + pad(r.schemes[s].label, 28) + pad(fmt("%.2f", T.sqnrDb), 9, true) +
                  pad(fmt("%.3g", T.mse), 11, true) + pad(fmt("%.4f", T.bitsPerValue), 11, true) +
                  pad(std::to_string(T.bytes), 14, true) + std::to_string(T.tensors) + "/" +
                  std::to_string(r.tensors.size()));
    }
    printLine("");
    printLine("Tensors, most sensitive first (lowest mean SQNR); per scheme SQNR dB / bits per value:");
    std::string head = "  " + pad("#", 4, true) + pad("tensor", 34) + pad("shape", 16) + pad("dtype", 9) +
                       pad("absmax", 9, true) + pad("std", 9, true) + pad("kurt", 7, true) +
                       pad("outlier(ch)", 14, true);
    for (const auto& s : r.schemes)
        head += pad(s.label, 16, true);
    printLine(head);
    int rank = 0;
    for (std::size_t i : r.ranking) {
        const qs::ReportTensor& t = r.tensors[i];
        std::string line =
            "  " + pad(std::to_string(++rank), 4, true) + pad(t.name, 34) + pad(qs::Tensor::shapeString(t.shape), 16) +
            pad(t.dtype, 9) + pad(fmt("%.4g", t.stats.absmax), 9, true) + pad(fmt("%.3g", t.stats.std), 9, true) +
            pad(fmt("%.2f", t.stats.kurtosis), 7, true) +
            pad(fmt("%.3g", t.stats.outlierRatio) + "(" + std::to_string(t.stats.outlierChannel) + ")", 14, true);
        for (const auto& s : t.schemes)
            line += pad(s.ok ? fmt("%.1f", s.sqnrDb) + "/" + fmt("%.2f", s.bitsPerValue) : "n/a", 16, true);
        printLine(line);
        for (std::size_t s = 0; s < t.schemes.size(); ++s)
            if (!t.schemes[s].ok)
                printLine("      " + r.schemes[s].label + ": " + t.schemes[s].error);
    }
    for (const auto& [name, why] : r.skipped)
        printLine("  not read: " + name + ": " + why);
    if (!plan)
        return;
    printLine("");
    if (!plan->feasible) {
        printLine("Plan: no plan fits " + fmt("%.4g", plan->budget) + " bits/value; the cheapest needs " +
                  fmt("%.4f", plan->minBitsPerValue));
        return;
    }
    printLine("Plan for " + fmt("%.4g", plan->budget) + " bits/value (" + (plan->exact ? "exact" : "greedy") +
              "): " + fmt("%.4f", plan->bitsPerValue) + " bits/value, global SQNR " + fmt("%.2f", plan->sqnrDb) +
              " dB, " + std::to_string(std::uint64_t(std::ceil(plan->bits / 8))) + " bytes");
    for (std::size_t t = 0; t < r.tensors.size(); ++t)
        if (plan->choice[t] >= 0)
            printLine("  " + pad(r.tensors[t].name, 40) + r.schemes[std::size_t(plan->choice[t])].label);
    printLine("llama-quantize options (names as in this file; a GGUF's names are what llama-quantize matches):");
    for (const std::string& l : qs::llamaQuantizeLines(r, *plan))
        printLine("  " + l);
}

int runReport(const qs::cli::ArgParser& p)
{
    if (p.positional().size() != 1)
        throw ArgumentError("usage: report MODEL [--schemes LIST] [--filter REGEX] [--budget B] [--json|--csv] "
                            "[--out FILE.pdf]");
    if (p.flag("json") && p.flag("csv"))
        throw ArgumentError("give at most one of --json and --csv");
    const std::vector<qs::ReportScheme> schemes = qs::parseReportSchemes(p.value("schemes").value_or(kDefaultSchemes));
    const auto out = p.value("out");
#ifndef QUANTSCOPE_HAVE_PLOT
    if (out)
        throw ArgumentError("--out needs the figure library: this quantscope-cli was built without the GUI");
#else
    if (out && !qs::cli::reportFigureFormatKnown(*out))
        throw ArgumentError("--out '" + *out + "': use a .pdf, .svg or .png file name");
#endif
    qs::ReportOptions options;
    options.filter = p.value("filter").value_or("");
    const qs::ModelReport report = qs::runModelReport(p.positional().front(), schemes, options);
    std::optional<qs::ReportPlan> plan;
    if (auto b = p.number("budget"))
        plan = qs::planMixedPrecision(report, *b);
    if (p.flag("json"))
        qs::cli::printJson(qs::reportToJson(report, plan ? &*plan : nullptr));
    else if (p.flag("csv"))
        std::fputs(qs::reportToCsv(report).c_str(), stdout);
    else
        printText(report, plan ? &*plan : nullptr);
#ifdef QUANTSCOPE_HAVE_PLOT
    if (out) {
        const std::string written = qs::cli::writeReportFigures(report, plan ? &*plan : nullptr, *out);
        if (!p.flag("json") && !p.flag("csv"))
            qs::cli::printLine("wrote " + written);
    }
#endif
    return qs::cli::kExitOk;
}

} // namespace

qs::cli::CommandDef reportCommand()
{
    using qs::OptionType;
    using qs::cli::kGroupInput;
    using qs::cli::kGroupOutput;
    qs::cli::CommandDef c;
    c.name = "report";
    c.usage = "report MODEL [--schemes LIST] [--filter REGEX] [--budget B] [--json|--csv] [--out FILE.pdf]";
    c.summary = "every tensor of a model under several schemes: statistics, SQNR, bits/value, totals, a plan";
    c.positionals = {{"MODEL", "a checkpoint in any container (or a model folder)", "file"}};
    qs::OptionDef schemes =
        qs::makeOption("schemes", OptionType::Text, "Report", "LIST",
                       "schemes separated by ';': a quantizer, a granularity, NAME=VALUE of any quantize option");
    schemes.defaultText = kDefaultSchemes;
    qs::OptionDef filter = qs::makeOption("filter", OptionType::Text, kGroupInput, "REGEX",
                                          "only the tensors whose name this regular expression finds");
    qs::OptionDef budget = qs::makeOption("budget", OptionType::Number, "Report", "B",
                                          "plan one scheme per tensor for the best global SQNR within B bits/value");
    budget.numbers = qs::NumberRange::leftOpen(0, 64);
    qs::OptionDef out = qs::makeOption("out", OptionType::OutputFile, kGroupOutput, "FILE",
                                       "the figures: .pdf (ranking table, SQNR heat map, SQNR vs bits/value); "
                                       ".svg/.png: FILE-heatmap and FILE-pareto");
    out.completion = "file";
    c.options = {schemes,
                 filter,
                 budget,
                 qs::makeOption("json", OptionType::Flag, kGroupOutput, "", "print one JSON object"),
                 qs::makeOption("csv", OptionType::Flag, kGroupOutput, "", "print one CSV row per tensor and scheme"),
                 out};
    c.examples = {{"report model.safetensors.index.json", "the default schemes over a sharded checkpoint"},
                  {"report model.gguf --schemes \"q4_K; q6_K; q8_0\" --budget 5 --out report.pdf",
                   "a plan within 5 bits/value with its llama-quantize options, and the PDF"},
                  {"report model.pt --filter 'layers\\.1[0-9]\\.' --json", "layers 10 to 19 of a PyTorch checkpoint"}};
    c.run = runReport;
    return c;
}
