// quantscope-cli info FILE[:TENSOR] [--list] [--json]: the tensors of a file or
// model folder (.npy, .safetensors and shard sets, text, GGUF, PyTorch, .npz, ONNX,
// TF.js) with dtype, shape, count, min/max/mean/std over the finite values, the
// NaN/Inf counts, and what the conversion to float32 rounded. --list reads the
// headers only (names, stored types, shapes, bytes): instant on any model size.
#include "clicommon.h"

#include "formats/error.h"
#include "io/ioerror.h"
#include "io/printable.h"
#include "io/tensorsource.h"

#include <QJsonArray>

#include <algorithm>
#include <cstdio>
#include <string>

namespace {

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7g", v);
    return buf;
}

QJsonObject toJson(const qs::TensorListing& t)
{
    QJsonArray shape;
    for (auto d : t.shape)
        shape.append(qint64(d));
    QJsonObject o{{"name", QString::fromStdString(t.name)},
                  {"dtype", QString::fromStdString(t.dtype)},
                  {"shape", shape},
                  {"count", qint64(t.count)},
                  {"finite", qint64(t.stats.finite)},
                  {"nan", qint64(t.stats.nan)},
                  {"posinf", qint64(t.stats.posInf)},
                  {"neginf", qint64(t.stats.negInf)},
                  {"inexact", qint64(t.conversion.inexact)},
                  {"overflowed", qint64(t.conversion.overflowed)},
                  {"bytes", qint64(t.bytes)}};
    if (!t.quantization.empty())
        o.insert("quantization", QString::fromStdString(t.quantization));
    if (!t.refusal.empty())
        o.insert("refused", QString::fromStdString(t.refusal));
    if (!t.hasStats) {
        for (const char* k : {"finite", "nan", "posinf", "neginf", "inexact", "overflowed"})
            o.remove(k);
        return o;
    }
    const bool any = t.stats.finite > 0;
    o.insert("min", any ? qs::cli::jsonNumber(t.stats.min) : QJsonValue());
    o.insert("max", any ? qs::cli::jsonNumber(t.stats.max) : QJsonValue());
    o.insert("mean", any ? qs::cli::jsonNumber(t.stats.mean) : QJsonValue());
    o.insert("std", any ? qs::cli::jsonNumber(t.stats.std) : QJsonValue());
    return o;
}

int runInfo(const qs::cli::ArgParser& p)
{
    if (p.positional().size() != 1)
        throw qs::ArgumentError("usage: info FILE[:TENSOR] [--list] [--json]");
    const auto [file, tensor] = qs::splitFileAndTensor(p.positional().front());
    qs::FileListing listing = p.flag("list") ? qs::listTensorHeaders(file) : qs::listTensors(file, tensor);
    if (!tensor.empty()) {
        // Names are listed printable (core/io/printable.h); select by that name,
        // or by the name as stored when no listed name matches.
        const bool listed = std::any_of(listing.tensors.begin(), listing.tensors.end(),
                                        [&](const qs::TensorListing& t) { return t.name == tensor; });
        const std::string wanted = listed ? tensor : qs::printable(tensor);
        std::erase_if(listing.tensors, [&](const qs::TensorListing& t) { return t.name != wanted; });
        if (listing.tensors.empty())
            throw qs::IoError(qs::IoErrorKind::UnknownTensor, file, "no tensor named '" + qs::printable(tensor) + "'");
    }
    // Names and metadata of a listing are printable already (core/io/printable.h);
    // the file name given is shown escaped too.
    const std::string shownFile = qs::printable(listing.file);

    if (p.flag("json")) {
        QJsonObject meta;
        for (const auto& [k, v] : listing.metadata)
            meta.insert(QString::fromStdString(k), QString::fromStdString(v)); // printable already
        QJsonArray tensors;
        for (const auto& t : listing.tensors)
            tensors.append(toJson(t));
        qs::cli::printJson(QJsonObject{{"file", QString::fromStdString(shownFile)},
                                       {"format", QString::fromStdString(listing.format)},
                                       {"metadata", meta},
                                       {"tensors", tensors}});
        return qs::cli::kExitOk;
    }

    qs::cli::printLine(shownFile + ": " + listing.format + ", " + std::to_string(listing.tensors.size()) +
                       (listing.tensors.size() == 1 ? " tensor" : " tensors"));
    for (const auto& [k, v] : listing.metadata)
        qs::cli::printLine("  " + k + " = " + v);
    char line[512];
    std::snprintf(line, sizeof line, "%-32s %-14s %-18s %12s %13s %13s %13s %13s %8s %8s", "tensor", "dtype", "shape",
                  "count", "min", "max", "mean", "std", "nan", "inf");
    qs::cli::printLine(line);
    if (p.flag("list")) {
        std::snprintf(line, sizeof line, "%-40s %-14s %-20s %14s %14s", "tensor", "dtype", "shape", "count", "bytes");
        qs::cli::printLine(line);
    }
    for (const auto& t : listing.tensors) {
        if (!t.hasStats && !p.flag("list")) { // refused: no values, so no statistics
            std::snprintf(line, sizeof line, "%-32s %-14s %-18s %12lld %13s %13s %13s %13s %8s %8s", t.name.c_str(),
                          t.dtype.c_str(), qs::Tensor::shapeString(t.shape).c_str(), static_cast<long long>(t.count),
                          "-", "-", "-", "-", "-", "-");
            qs::cli::printLine(line);
            qs::cli::printLine("  not read: " + t.refusal);
            continue;
        }
        if (!t.hasStats) {
            std::snprintf(line, sizeof line, "%-40s %-14s %-20s %14lld %14llu", t.name.c_str(), t.dtype.c_str(),
                          qs::Tensor::shapeString(t.shape).c_str(), static_cast<long long>(t.count),
                          static_cast<unsigned long long>(t.bytes));
            qs::cli::printLine(line);
            if (!t.quantization.empty())
                qs::cli::printLine("  quantization: " + t.quantization);
            if (!t.refusal.empty())
                qs::cli::printLine("  not read: " + t.refusal);
            continue;
        }
        const bool any = t.stats.finite > 0;
        std::snprintf(line, sizeof line, "%-32s %-14s %-18s %12lld %13s %13s %13s %13s %8lld %8lld", t.name.c_str(),
                      t.dtype.c_str(), qs::Tensor::shapeString(t.shape).c_str(), static_cast<long long>(t.count),
                      any ? number(t.stats.min).c_str() : "-", any ? number(t.stats.max).c_str() : "-",
                      any ? number(t.stats.mean).c_str() : "-", any ? number(t.stats.std).c_str() : "-",
                      static_cast<long long>(t.stats.nan), static_cast<long long>(t.stats.posInf + t.stats.negInf));
        qs::cli::printLine(line);
        if (t.conversion.inexact)
            qs::cli::printLine("  note: " + std::to_string(t.conversion.inexact) + " " + t.dtype +
                               " values were rounded to the nearest float32");
        if (t.conversion.overflowed)
            qs::cli::printLine("  note: " + std::to_string(t.conversion.overflowed) + " " + t.dtype +
                               " values are beyond the float32 range and became +-Inf");
        if (!t.quantization.empty())
            qs::cli::printLine("  quantization: " + t.quantization);
    }
    return qs::cli::kExitOk;
}

} // namespace

qs::cli::CommandDef infoCommand()
{
    qs::cli::CommandDef c;
    c.name = "info";
    c.usage = "info FILE[:TENSOR] [--list] [--json]";
    c.summary = "the tensors of a file or model folder: dtype, shape, statistics, NaN/Inf counts";
    c.positionals = {{"FILE[:TENSOR]", "the file, and optionally one tensor of it", "tensor-file"}};
    c.options = {qs::makeOption("list", qs::OptionType::Flag, qs::cli::kGroupInput, "",
                                "read the headers only: names, stored types, shapes, bytes (instant on any size)"),
                 qs::makeOption("json", qs::OptionType::Flag, qs::cli::kGroupOutput, "", "print one JSON object")};
    c.examples = {{"info weights.npy", "dtype, shape, min/max/mean/std, NaN/Inf counts"},
                  {"info model.gguf --list", "every tensor's name, stored type and shape, without reading values"},
                  {"info model.safetensors:layer.0.weight --json", "one tensor of a safetensors file, as JSON"}};
    c.run = runInfo;
    return c;
}
