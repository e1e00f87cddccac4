#include "io/tensorsource.h"

#include "io/container.h"
#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/naturalorder.h"
#include "io/npy.h"
#include "io/printable.h"
#include "io/safetensors.h"
#include "io/textreader.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace qs {
namespace {

std::string lowerSuffix(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).suffix().toLower().toStdString();
}

// A text table restricted to one column, chosen by header name or 1-based index.
LoadedTensor pickColumn(TextTable table, const std::string& column, const std::string& file)
{
    LoadedTensor out;
    out.dtype = "text";
    out.conversion.overflowed = table.overflowed;
    if (column.empty()) {
        out.tensor = table.tensor;
        out.name = file;
        return out;
    }
    const std::int64_t cols = table.tensor.rank() == 2 ? table.tensor.dim(1) : 1;
    std::int64_t index = -1;
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i] == column)
            index = std::int64_t(i);
    if (index < 0 && !column.empty() && column.find_first_not_of("0123456789") == std::string::npos &&
        column.size() < 10)
        index = std::stoll(column) - 1;
    if (index < 0 || index >= cols)
        throw IoError(IoErrorKind::UnknownTensor, file,
                      "no column '" + printable(column) + "' (name it by header or by number 1.." +
                          std::to_string(cols) + ")");
    const std::int64_t rows = table.tensor.size() / cols;
    if (table.tensor.rank() == 1 && cols == 1) {
        out.tensor = table.tensor;
    } else {
        out.tensor = Tensor(Shape{rows});
        for (std::int64_t r = 0; r < rows; ++r)
            out.tensor.data()[r] = table.tensor.data()[r * cols + index];
    }
    out.name = index < std::int64_t(table.columns.size()) ? table.columns[std::size_t(index)] : column;
    return out;
}

LoadedTensor loadFromContainer(const std::string& path, const std::string& name, const ProgressCallback& progress)
{
    const auto c = openContainer(path);
    return c->read(c->pick(name), progress);
}

TensorListing headerListing(const ContainerTensor& t)
{
    TensorListing l;
    l.name = t.name;
    l.dtype = t.dtype;
    l.shape = t.shape;
    l.count = t.count;
    l.hasStats = false;
    l.bytes = t.bytes;
    l.quantization = t.quantization;
    l.refusal = t.refusal;
    return l;
}

} // namespace

FileKind detectFileKind(const std::string& path, std::span<const std::byte> head)
{
    return detectFileKind(path, head, head.size());
}

FileKind detectFileKind(const std::string& path, std::span<const std::byte> head, std::uint64_t fileSize)
{
    const auto* b = reinterpret_cast<const unsigned char*>(head.data());
    if (head.size() >= 6 && std::memcmp(b, "\x93NUMPY", 6) == 0)
        return FileKind::Npy;
    if (isContainerFile(path, head.first(std::min<std::size_t>(head.size(), 4096))))
        return FileKind::Container;
    if (head.size() >= 9 && b[8] == '{') {
        std::uint64_t len = 0;
        for (int i = 7; i >= 0; --i)
            len = len << 8 | b[i];
        if (len <= fileSize - 8)
            return FileKind::Safetensors;
    }
    const std::string ext = lowerSuffix(path);
    if (ext == "npy")
        return FileKind::Npy;
    if (ext == "safetensors")
        return FileKind::Safetensors;
    if (ext == "csv" || ext == "tsv" || ext == "txt" || ext == "dat" || ext == "tab")
        return FileKind::Text;
    if (head.size() >= 2 && b[0] == 'P' && b[1] == 'K')
        throw IoError(IoErrorKind::BadMagic, path,
                      "is a zip archive holding neither NumPy arrays (.npz: *.npy members) nor a PyTorch "
                      "checkpoint (*/data.pkl)");
    throw IoError(IoErrorKind::BadMagic, path,
                  "unknown file type: expected .npy, .npz, .safetensors (or a sharded set's index.json), "
                  ".gguf, .onnx, a PyTorch .pt/.pth/.bin, a TF.js model.json, or text numbers (.csv, .tsv, .txt)");
}

std::pair<std::string, std::string> splitFileAndTensor(const std::string& spec)
{
    if (QFileInfo::exists(QString::fromStdString(spec)))
        return {spec, {}};
    for (std::size_t at = spec.find(':'); at != std::string::npos; at = spec.find(':', at + 1)) {
        const std::string prefix = spec.substr(0, at);
        const QFileInfo info(QString::fromStdString(prefix));
        if (!prefix.empty() && (info.isFile() || info.isDir()))
            return {prefix, spec.substr(at + 1)};
    }
    return {spec, {}};
}

namespace {

// The first bytes of a file, enough to recognise its format.
FileKind detectKind(const ByteSource& file)
{
    const std::string head = file.readString(0, std::size_t(std::min<std::uint64_t>(file.size(), 4096)));
    return detectFileKind(file.name(), {reinterpret_cast<const std::byte*>(head.data()), head.size()}, file.size());
}

} // namespace

LoadedTensor loadTensorDetailed(const std::string& fileAndTensor, const ProgressCallback& progress)
{
    const auto [path, name] = splitFileAndTensor(fileAndTensor);
    if (QFileInfo(QString::fromStdString(path)).isDir())
        return loadFromContainer(path, name, progress);
    const InputFile file(path);
    LoadedTensor out;
    switch (detectKind(file)) {
    case FileKind::Container: return loadFromContainer(path, name, progress);
    case FileKind::Npy:
        if (!name.empty())
            throw IoError(IoErrorKind::UnknownTensor, path,
                          "a .npy file holds one array; drop ':" + printable(name) + "'");
        out = readNpy(file, progress);
        break;
    case FileKind::Safetensors: out = readSafetensors(file, name, progress); break;
    case FileKind::Text: out = pickColumn(parseText(file, progress), name, path); break;
    }
    // A file rewritten during the load (same size, new contents) is caught here;
    // one that shrank already failed its read.
    file.verifyUnchanged();
    reportProgress(progress, 1.0);
    return out;
}

Tensor loadTensor(const std::string& fileAndTensor, const ProgressCallback& progress)
{
    return loadTensorDetailed(fileAndTensor, progress).tensor;
}

std::vector<std::string> listTensorNames(const std::string& path)
{
    if (QFileInfo(QString::fromStdString(path)).isDir()) {
        std::vector<std::string> names;
        const auto c = openContainer(path); // kept alive while its tensors are visited
        for (const auto& t : c->tensors())
            names.push_back(t.name);
        return names;
    }
    const InputFile file(path);
    const std::string fileName = QFileInfo(QString::fromStdString(path)).fileName().toStdString();
    switch (detectKind(file)) {
    case FileKind::Npy: parseNpyHeader(file); return {printable(fileName)};
    case FileKind::Safetensors: {
        std::vector<std::string> names;
        for (const auto& e : parseSafetensorsHeader(file).tensors)
            names.push_back(e.name);
        std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return naturalLess(a, b); });
        return names;
    }
    case FileKind::Text: return {printable(fileName)};
    case FileKind::Container: break;
    }
    std::vector<std::string> names;
    const auto c = openContainer(path);
    for (const auto& t : c->tensors())
        names.push_back(t.name);
    return names;
}

TensorStats computeStats(std::span<const float> values)
{
    TensorStats s;
    s.count = std::int64_t(values.size());
    double sum = 0;
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (float v : values) {
        if (std::isnan(v)) {
            ++s.nan;
        } else if (std::isinf(v)) {
            ++(v > 0 ? s.posInf : s.negInf);
        } else {
            ++s.finite;
            sum += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (s.finite == 0)
        return s;
    s.min = lo;
    s.max = hi;
    s.mean = sum / double(s.finite);
    // Second pass around the mean: no cancellation from sum-of-squares formulas.
    double ss = 0;
    for (float v : values)
        if (std::isfinite(v))
            ss += (double(v) - s.mean) * (double(v) - s.mean);
    s.std = std::sqrt(ss / double(s.finite));
    return s;
}

namespace {

FileListing listContainer(const std::string& path, const std::string& only, bool withStats)
{
    const auto c = openContainer(path);
    FileListing out;
    out.file = path;
    out.format = c->format();
    out.metadata = c->metadata();
    if (!only.empty())
        c->pick(only); // names the file and lists the tensors when there is no such tensor
    for (const auto& t : c->tensors()) {
        if (!only.empty() && t.name != only)
            continue;
        TensorListing l = headerListing(t);
        if (withStats && t.refusal.empty()) { // one tensor in memory at a time
            const LoadedTensor v = c->read(t);
            l.stats = computeStats(v.tensor.values());
            l.conversion = v.conversion;
            l.hasStats = true;
        }
        out.tensors.push_back(std::move(l));
    }
    return out;
}

} // namespace

FileListing listTensors(const std::string& path, const std::string& only)
{
    if (QFileInfo(QString::fromStdString(path)).isDir())
        return listContainer(path, only, true);
    const InputFile file(path);
    FileListing out;
    out.file = path;
    const std::string fileName = printable(QFileInfo(QString::fromStdString(path)).fileName().toStdString());
    auto add = [&](const LoadedTensor& t, const std::string& name, std::uint64_t stored) {
        TensorListing l;
        l.name = name;
        l.dtype = t.dtype;
        l.shape = t.tensor.shape();
        l.count = t.tensor.size();
        l.stats = computeStats(t.tensor.values());
        l.conversion = t.conversion;
        l.bytes = stored;
        out.tensors.push_back(std::move(l));
    };
    auto wanted = [&](const std::string& name) { return only.empty() || name == only; };
    switch (detectKind(file)) {
    case FileKind::Container: return listContainer(path, only, true);
    case FileKind::Npy: {
        const NpyHeader h = parseNpyHeader(file);
        out.format = "npy " + std::to_string(h.major) + "." + std::to_string(h.minor);
        out.metadata["descr"] = h.descr;
        out.metadata["fortran_order"] = h.fortranOrder ? "true" : "false";
        if (wanted(fileName))
            add(readNpy(file), fileName, file.size() - h.dataOffset);
        break;
    }
    case FileKind::Safetensors: {
        const SafetensorsHeader h = parseSafetensorsHeader(file);
        out.format = "safetensors";
        for (const auto& [k, v] : h.metadata)
            out.metadata[printable(k)] = printable(v);
        std::vector<const SafetensorsEntry*> order;
        for (const auto& e : h.tensors)
            order.push_back(&e);
        std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return naturalLess(a->name, b->name); });
        for (const SafetensorsEntry* p : order) { // one tensor in memory at a time
            const SafetensorsEntry& e = *p;
            if (wanted(e.name))
                add(readSafetensorsTensor(file, h, e), e.name, e.end - e.begin);
        }
        break;
    }
    case FileKind::Text: {
        TextTable t = parseText(file);
        out.format = t.separator == ',' ? "csv" : t.separator == '\t' ? "tsv" : t.separator == ';' ? "csv (;)" : "text";
        std::string cols;
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            cols += (i ? ", " : "") + t.columns[i];
        if (!cols.empty())
            out.metadata["columns"] = cols;
        if (wanted(fileName))
            add(pickColumn(std::move(t), {}, path), fileName, 0);
        break;
    }
    }
    file.verifyUnchanged();
    if (!only.empty() && out.tensors.empty())
        throw IoError(IoErrorKind::UnknownTensor, path, "no tensor named '" + printable(only) + "'");
    return out;
}

FileListing listTensorHeaders(const std::string& path)
{
    if (QFileInfo(QString::fromStdString(path)).isDir())
        return listContainer(path, {}, false);
    FileKind kind;
    {
        const InputFile file(path);
        kind = detectKind(file);
    }
    if (kind == FileKind::Text) {
        FileListing out = listTensors(path);
        for (auto& t : out.tensors)
            t.hasStats = true;
        return out;
    }
    return listContainer(path, {}, false); // .npy and single .safetensors open as containers too
}

} // namespace qs
