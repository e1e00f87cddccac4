// quantscope-cli bench: times every core stage on one seeded tensor and reports
// the median of several runs, next to a plain copy of the tensor (the
// memory-bandwidth floor every streaming stage is measured against).
// docs/performance.md holds the measured table and the comparison with PyTorch.
#include "clicommon.h"

#include "analysis/histogram.h"
#include "analysis/stats.h"
#include "calib/calibration.h"
#include "formats/error.h"
#include "formats/numberformat.h"
#include "io/tensorsource.h"
#include "quant/floatcast.h"
#include "quant/pipeline.h"
#include "runtime/parallel.h"

#include <QJsonArray>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Stage
{
    std::string name;
    std::string what;
    std::function<double()> run; // returns something derived from the result, so nothing is optimised away
};

double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// Peak resident memory of this process. VmHWM belongs to the process's own
// address space; ru_maxrss would also count a parent's memory at fork time
// (e.g. a Python script that imported torch before starting the benchmark).
double peakRssMb()
{
    if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        double kb = -1;
        while (std::fgets(line, sizeof line, f))
            if (std::strncmp(line, "VmHWM:", 6) == 0)
                kb = std::strtod(line + 6, nullptr);
        std::fclose(f);
        if (kb >= 0)
            return kb / 1024.0;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // Linux: kilobytes
}

// A quantizer with its kind's default granularity (MX/ggml: blocks of 32, NF4: 64) unless one is given.
qs::QuantConfig quantizer(const std::string& spec, const std::string& granularity = {})
{
    qs::QuantConfig c;
    c.setQuantizer(spec);
    if (!granularity.empty())
        c.granularity = qs::Granularity::parse(granularity);
    c.validate();
    return c;
}

double quantize(const qs::Tensor& x, const qs::QuantConfig& c)
{
    qs::QuantOptions o; // the fake-quant itself: no codes, metrics or histograms
    o.codes = false;
    o.metrics = false;
    o.histograms = false;
    const qs::QuantResult r = qs::runQuantization(x, c, o);
    return double(r.dequantized.data()[r.n / 2]);
}

double calibrateWith(const qs::Tensor& x, const std::string& spec)
{
    const qs::CalibrationResult r = qs::calibrate(x.values(), qs::CalibrationSpec::parse(spec), {});
    return r.clipMax;
}

std::vector<Stage> makeStages(const qs::Tensor& x, const qs::Tensor& rows, std::vector<float>& scratch)
{
    std::vector<Stage> s;
    s.push_back({"copy", "x.clone(): a new tensor, like every stage that returns one", [&] {
                     const qs::Tensor c = x.clone();
                     return double(c.data()[c.size() / 2]);
                 }});
    s.push_back({"copy-prealloc", "memcpy into a buffer reused across runs (no page faults)", [&] {
                     std::memcpy(scratch.data(), x.data(), std::size_t(x.size()) * sizeof(float));
                     return double(scratch[scratch.size() / 2]);
                 }});
    s.push_back(
        {"minmax", "finite min/max/absmax, NaN/Inf counted", [&] { return double(qs::finiteStats(x.values()).max); }});
    s.push_back({"histogram-2048", "2048 bins over [min, max] (range pass included, like torch.histc)",
                 [&] { return double(qs::computeHistogram(x.values(), 2048).counts[1024]); }});
    const auto int8 = quantizer("int8");
    s.push_back({"int8-tensor", "int8 symmetric per-tensor, min-max, fake-quant into a new tensor",
                 [&, int8] { return quantize(x, int8); }});
    if (rows.size() > 0) {
        const auto perChannel = quantizer("int8", "channel:0");
        s.push_back({"int8-channel", "int8 symmetric per-channel, rows of 4096",
                     [&, perChannel] { return quantize(rows, perChannel); }});
    }
    for (const auto& [name, spec] : std::vector<std::pair<std::string, std::string>>{
             {"mxfp4", "mxfp4"}, {"nf4", "nf4"}, {"fp8-e4m3", "fp8-e4m3"}, {"fp16", "fp16"}, {"bf16", "bf16"}}) {
        const auto c = quantizer(spec);
        s.push_back({name, "cast through runQuantization (" + spec + ")", [&, c] { return quantize(x, c); }});
    }
    // llama.cpp's formats: llama.cpp's reference quantizer and dequantizer on every block (bit-exact).
    for (const std::string spec : {"q8_0", "q4_0", "q5_1", "iq4_nl", "q2_K", "q3_K", "q4_K", "q5_K", "q6_K"}) {
        const auto c = quantizer(spec);
        s.push_back({spec, "llama.cpp " + spec + " through runQuantization (quantize_row_" + spec + "_ref, bit-exact)",
                     [&, c] { return quantize(x, c); }});
    }
    // The cast kernels alone (both cores, into a reused buffer): how much of the
    // stages above is the conversion and how much the pipeline around it.
    for (const std::string spec : {"fp16", "bf16", "fp8-e4m3"}) {
        auto caster =
            std::make_shared<qs::FloatCaster>(qs::parseFloatFormat(spec), qs::OverflowMode::Saturate, qs::Rounding{});
        s.push_back(
            {spec + "-kernel", "FloatCaster::cast only, 2 threads, reused output buffer", [&, caster] {
                 qs::parallelChunks(x.size(), qs::kStreamChunk, [&](std::int64_t, std::int64_t b, std::int64_t e) {
                     caster->cast(x.data() + b, scratch.data() + b, nullptr, e - b, 1.0f, 1.0f, std::uint64_t(b));
                 });
                 return double(scratch[scratch.size() / 2]);
             }});
    }
    s.push_back({"percentile-99.99", "exact 99.99th percentile of |x| (numpy linear)",
                 [&] { return calibrateWith(x, "percentile:99.99"); }});
    s.push_back({"entropy", "NVIDIA KL calibration: |x| histogram (2048 bins) + search",
                 [&] { return calibrateWith(x, "entropy"); }});
    s.push_back({"mse", "MSE calibration, int8 grid, 120 candidates", [&] { return calibrateWith(x, "mse"); }});
    return s;
}

int runBench(const qs::cli::ArgParser& p)
{
    using namespace qs::cli;
    if (!p.positional().empty())
        throw qs::ArgumentError("bench takes no positional arguments");
    const std::int64_t n = p.integer("n", std::int64_t(1) << 24);
    const int repeat = int(p.integer("repeat", 7));
    const std::int64_t seed = p.integer("seed", 1);

    // A normal tensor with a few outliers: 1 in 10^4 values at ±20 sigma.
    const qs::Tensor x =
        qs::generateTensor("outliers,n=" + std::to_string(n) + ",seed=" + std::to_string(seed) + ",p=0.0001,k=20");
    const qs::Tensor rows = n % 4096 == 0 ? x.reshaped({n / 4096, 4096}) : qs::Tensor();
    std::vector<float> scratch(static_cast<std::size_t>(n));
    std::vector<Stage> stages = makeStages(x, rows, scratch);
    if (auto only = p.value("stages")) {
        std::vector<Stage> picked;
        std::string list = "," + *only + ",";
        for (auto& s : stages)
            if (list.find("," + s.name + ",") != std::string::npos || s.name == "copy")
                picked.push_back(std::move(s));
        if (picked.size() <= 1 && *only != "copy")
            throw qs::ArgumentError("--stages names no known stage");
        stages = std::move(picked);
    }

    struct Row
    {
        std::string name, what;
        double median, min, cpu;
    };
    std::vector<Row> table;
    double sink = 0;
    for (const Stage& s : stages) {
        sink += s.run(); // warm-up: first-touch of code and caches
        std::vector<double> ms, cpu;
        for (int r = 0; r < repeat; ++r) {
            const double c0 = cpuMs();
            const auto t0 = std::chrono::steady_clock::now();
            sink += s.run();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            cpu.push_back(cpuMs() - c0);
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpu.begin(), cpu.end());
        table.push_back({s.name, s.what, ms[ms.size() / 2], ms.front(), cpu[cpu.size() / 2]});
    }
    const double copyMs = table.front().median;
    const double tensorMb = double(n) * 4.0 / (1024.0 * 1024.0);
    const double rss = peakRssMb();

    if (p.flag("json")) {
        QJsonObject o;
        o["n"] = double(n);
        o["repeat"] = repeat;
        o["threads"] = int(std::thread::hardware_concurrency());
        o["tensor_mb"] = tensorMb;
        o["peak_rss_mb"] = rss;
        o["rss_budget_mb"] = 4 * tensorMb + 100;
        QJsonArray rowsJson;
        for (const Row& r : table) {
            QJsonObject j;
            j["stage"] = QString::fromStdString(r.name);
            j["what"] = QString::fromStdString(r.what);
            j["median_ms"] = r.median;
            j["min_ms"] = r.min;
            j["cpu_ms"] = r.cpu;
            j["x_copy"] = r.median / copyMs;
            rowsJson.append(j);
        }
        o["stages"] = rowsJson;
        o["checksum"] = jsonNumber(sink);
        printJson(o);
        return kExitOk;
    }
    std::printf("quantscope bench: n = %lld (%.1f MB float32), median of %d runs, %u hardware threads\n",
                static_cast<long long>(n), tensorMb, repeat, std::thread::hardware_concurrency());
    std::printf("%-18s %10s %10s %10s %8s  %s\n", "stage", "median ms", "min ms", "cpu ms", "x copy", "what");
    for (const Row& r : table)
        std::printf("%-18s %10.2f %10.2f %10.2f %8.2f  %s\n", r.name.c_str(), r.median, r.min, r.cpu, r.median / copyMs,
                    r.what.c_str());
    std::printf("(cpu ms: process CPU time of the stage, all threads; it stays meaningful when other work shares "
                "the cores)\n");
    std::printf("peak RSS %.0f MB (budget 4 x tensor + 100 MB = %.0f MB)\n", rss, 4 * tensorMb + 100);
    return sink == 12345.678 ? 1 : kExitOk; // never true in practice; keeps the results observable
}

} // namespace

qs::cli::CommandDef benchCommand()
{
    using qs::OptionType;
    qs::cli::CommandDef c;
    c.name = "bench";
    c.usage = "bench [OPTIONS]";
    c.summary = "time every core stage on a normal tensor with outliers (median of several runs)";
    qs::OptionDef n = qs::makeOption("n", OptionType::Integer, "Benchmark", "N", "values in the tensor");
    n.integers = {1, std::int64_t(1) << 31};
    n.defaultText = "16777216";
    qs::OptionDef repeat = qs::makeOption("repeat", OptionType::Integer, "Benchmark", "R", "timed runs per stage");
    repeat.integers = {1, 1000};
    repeat.defaultText = "7";
    qs::OptionDef stages = qs::makeOption("stages", OptionType::Text, "Benchmark", "LIST",
                                          "only these stages, separated by commas (copy is always run)");
    for (const char* name : {"copy", "copy-prealloc", "minmax", "histogram-2048", "int8-tensor", "int8-channel",
                             "mxfp4", "nf4", "fp8-e4m3", "fp16", "bf16", "fp16-kernel", "bf16-kernel",
                             "fp8-e4m3-kernel", "percentile-99.99", "entropy", "mse"}) {
        qs::OptionChoice ch;
        ch.value = ch.label = name;
        stages.choices.push_back(ch);
    }
    qs::OptionDef seed = qs::makeOption("seed", OptionType::Integer, "Benchmark", "S", "seed of the generated tensor");
    seed.integers = {0, std::numeric_limits<std::int64_t>::max()};
    seed.defaultText = "1";
    c.options = {n, repeat, stages, seed,
                 qs::makeOption("json", OptionType::Flag, qs::cli::kGroupOutput, "", "print one JSON object")};
    c.examples = {{"bench --n 16777216", "every stage on 2^24 values"},
                  {"bench --n 1000000 --stages int8-tensor,nf4 --json", "two stages on 10^6 values, as JSON"}};
    c.run = runBench;
    return c;
}
