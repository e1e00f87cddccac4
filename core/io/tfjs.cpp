#include "io/tfjs.h"

#include "io/dtype.h"
#include "io/inputfile.h"
#include "io/ioerror.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

// TF.js computes q * scale + min as two separately rounded double operations;
// no fused multiply-add may merge them (see generators.cpp for GCC's default).
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

namespace qs {
namespace {

constexpr qint64 kMaxManifest = qint64(64) << 20;

struct Shard
{
    std::string path;
    std::shared_ptr<const InputFile> file;
    std::uint64_t start = 0; // offset of this shard in the group's concatenation
};

struct TfjsWeight
{
    std::size_t group = 0;
    std::uint64_t offset = 0, size = 0; // in the group's concatenation
    std::string dtype;                  // the weight's dtype: float32, int32, bool
    std::string quant;                  // "", "uint8", "uint16", "float16"
    double scale = 1, min = 0;
};

int dtypeBytes(const std::string& d)
{
    if (d == "float32" || d == "int32")
        return 4;
    if (d == "bool" || d == "uint8")
        return 1;
    if (d == "uint16" || d == "float16")
        return 2;
    return 0;
}

// JavaScript's Math.round: the nearest integer, halves toward +Infinity.
double jsRound(double x)
{
    const double f = std::floor(x);
    return x - f >= 0.5 ? f + 1 : f;
}

class TfjsContainer : public TensorContainer
{
public:
    TfjsContainer(std::span<const std::byte> manifest, const std::string& path, const std::string& folder)
        : TensorContainer(path), m_folder(folder)
    {
        m_format = "tfjs";
        if (manifest.size() > std::size_t(kMaxManifest))
            throw IoError(IoErrorKind::TooLarge, path, "a TF.js manifest larger than 64 MB");
        const QByteArray text =
            QByteArray::fromRawData(reinterpret_cast<const char*>(manifest.data()), qsizetype(manifest.size()));
        if (const auto bad = firstInvalidUtf8(std::string_view(text.constData(), std::size_t(text.size()))); bad >= 0)
            throw IoError(IoErrorKind::BadUtf8, path, "invalid UTF-8 at byte " + std::to_string(bad));
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &err);
        if (err.error != QJsonParseError::NoError)
            throw IoError(IoErrorKind::BadHeader, path,
                          "invalid JSON at byte " + std::to_string(err.offset) + ": " +
                              err.errorString().toStdString());
        QJsonArray groups;
        if (doc.isArray()) {
            groups = doc.array();
        } else if (doc.isObject() && doc.object().value("weightsManifest").isArray()) {
            const QJsonObject o = doc.object();
            groups = o.value("weightsManifest").toArray();
            for (const char* key : {"format", "generatedBy", "convertedBy"})
                if (o.value(key).isString())
                    m_metadata[key] = o.value(key).toString().left(200).toStdString();
        } else {
            throw IoError(IoErrorKind::BadHeader, path, "not a TF.js model.json or weights manifest");
        }
        for (qsizetype g = 0; g < groups.size(); ++g)
            readGroup(groups[g], std::size_t(g));
        sortNaturally();
    }

protected:
    LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const override
    {
        const ContainerTensor& t = m_tensors[index];
        const TfjsWeight& w = m_weights[t.slot];
        const std::string where = m_path + ":" + t.name;
        checkMemoryLimit(t.count, t.shape, where);
        LoadedTensor out;
        out.name = t.name;
        out.dtype = t.dtype;
        out.tensor = Tensor(t.shape);
        float* dst = out.tensor.data();
        const std::int64_t n = t.count;
        if (w.quant != "uint8" && w.quant != "uint16") {
            // A weight inside one shard is converted as it is read, in bounded chunks.
            for (const Shard& sh : m_groups[w.group]) {
                if (w.offset < sh.start || w.offset + w.size > sh.start + sh.file->size())
                    continue;
                const DType d = w.quant == "float16"   ? DType::F16
                                : w.dtype == "float32" ? DType::F32
                                : w.dtype == "int32"   ? DType::I32
                                                       : DType::Bool;
                convertToFloat(*sh.file, w.offset - sh.start, d, false, n, dst, out.conversion, {}, progress);
                sh.file->verifyUnchanged();
                return out;
            }
        }
        std::vector<std::byte> copy;
        const std::byte* src = bytes(w, copy);
        if (w.quant == "uint8" || w.quant == "uint16") {
            const bool wide = w.quant == "uint16";
            for (std::int64_t i = 0; i < n; ++i) {
                const double q = wide ? double(std::uint16_t(std::to_integer<unsigned>(src[2 * i]) |
                                                             std::to_integer<unsigned>(src[2 * i + 1]) << 8))
                                      : double(std::to_integer<unsigned>(src[i]));
                const double product = q * w.scale;
                const double v = product + w.min;
                if (w.dtype == "int32") {
                    const double r = jsRound(v);
                    // Int32Array stores ToInt32 (modulo 2^32); out of range is a broken manifest.
                    if (!(r >= -2147483648.0 && r <= 2147483647.0))
                        throw IoError(IoErrorKind::BadHeader, where, "dequantized int32 value out of range");
                    dst[i] = float(r);
                    if (double(dst[i]) != r)
                        ++out.conversion.inexact;
                } else {
                    dst[i] = float(v);
                }
            }
            reportProgress(progress, 1.0);
        } else if (w.quant == "float16") {
            convertToFloat(src, DType::F16, false, n, dst, out.conversion, {}, progress);
        } else {
            const DType d = w.dtype == "float32" ? DType::F32 : w.dtype == "int32" ? DType::I32 : DType::Bool;
            convertToFloat(src, d, false, n, dst, out.conversion, {}, progress);
        }
        return out;
    }

private:
    // A weight's bytes, read by position from its shard (or shards, when it
    // crosses into the next one) into `copy`.
    const std::byte* bytes(const TfjsWeight& w, std::vector<std::byte>& copy) const
    {
        const auto& shards = m_groups[w.group];
        copy.resize(std::size_t(w.size));
        for (const Shard& sh : shards) {
            const std::uint64_t size = sh.file->size();
            const std::uint64_t lo = std::max(w.offset, sh.start), hi = std::min(w.offset + w.size, sh.start + size);
            if (lo >= hi)
                continue;
            sh.file->read(lo - sh.start, copy.data() + (lo - w.offset), std::size_t(hi - lo));
        }
        for (const Shard& sh : shards)
            sh.file->verifyUnchanged();
        return copy.data();
    }

    std::shared_ptr<const InputFile> openShard(const std::string& rel)
    {
        if (m_folder.empty())
            throw IoError(IoErrorKind::Refused, m_path, "shard '" + rel + "' without a model folder");
        return std::make_shared<const InputFile>(resolveInsideFolder(m_folder, rel, m_path, "shard"));
    }

    void readGroup(const QJsonValue& gv, std::size_t g)
    {
        const std::string where = "weight group " + std::to_string(g);
        if (!gv.isObject() || !gv.toObject().value("paths").isArray() || !gv.toObject().value("weights").isArray())
            throw IoError(IoErrorKind::BadHeader, m_path, where + " lacks \"paths\" or \"weights\"");
        const QJsonObject group = gv.toObject();
        std::vector<Shard> shards;
        std::uint64_t total = 0;
        for (const QJsonValue& p : group.value("paths").toArray()) {
            if (!p.isString())
                throw IoError(IoErrorKind::BadHeader, m_path, where + " has a path that is not a string");
            Shard s;
            s.path = p.toString().toStdString();
            s.file = openShard(s.path);
            s.start = total;
            total += s.file->size();
            shards.push_back(std::move(s));
        }
        m_groups.push_back(std::move(shards));
        std::uint64_t offset = 0;
        for (const QJsonValue& wv : group.value("weights").toArray()) {
            if (!wv.isObject())
                throw IoError(IoErrorKind::BadHeader, m_path, where + " has a weight that is not an object");
            const QJsonObject o = wv.toObject();
            ContainerTensor t;
            TfjsWeight w;
            w.group = g;
            if (!o.value("name").isString() || !o.value("dtype").isString() || !o.value("shape").isArray())
                throw IoError(IoErrorKind::BadHeader, m_path, where + " has a weight without name, dtype or shape");
            t.name = o.value("name").toString().toStdString();
            if (!m_names.insert(t.name).second)
                throw IoError(IoErrorKind::DuplicateName, m_path, "two weights are named '" + t.name + "'");
            const std::string tw = "weight '" + t.name + "'";
            const QJsonArray shape = o.value("shape").toArray();
            if (shape.size() > 64)
                throw IoError(IoErrorKind::BadShape, m_path, tw + " has more than 64 dimensions");
            for (const QJsonValue& d : shape) {
                const double v = d.toDouble(-1);
                if (!d.isDouble() || !(v >= 0) || v != std::floor(v) || v > 9007199254740992.0)
                    throw IoError(IoErrorKind::BadShape, m_path,
                                  tw + " has a dimension that is not a non-negative integer");
                t.shape.push_back(std::int64_t(v));
            }
            t.count = shapeProduct(t.shape, m_path);
            w.dtype = o.value("dtype").toString().toStdString();
            t.dtype = w.dtype;
            int elementBytes = dtypeBytes(w.dtype);
            if (w.dtype == "uint8" || w.dtype == "uint16" || w.dtype == "float16" || w.dtype == "string" ||
                w.dtype == "complex64" || elementBytes == 0) {
                // Their sizes are not fixed or not TF.js weight types: nothing after them can be located.
                throw IoError(IoErrorKind::UnsupportedDtype, m_path,
                              tw + " has dtype '" + w.dtype.substr(0, 40) +
                                  "' (Quantscope reads float32, int32, bool)");
            }
            if (o.contains("quantization")) {
                const QJsonObject q = o.value("quantization").toObject();
                w.quant = q.value("dtype").toString().toStdString();
                if (w.quant == "uint8" || w.quant == "uint16") {
                    if (!q.value("scale").isDouble() || !q.value("min").isDouble())
                        throw IoError(IoErrorKind::BadHeader, m_path,
                                      tw + ": " + w.quant + " quantization needs scale and min");
                    if (w.dtype == "bool")
                        throw IoError(IoErrorKind::BadHeader, m_path, tw + ": a bool weight cannot be quantized");
                    w.scale = q.value("scale").toDouble();
                    w.min = q.value("min").toDouble();
                    char buf[160];
                    std::snprintf(buf, sizeof buf, "TF.js %s: value = q x %.17g + %.17g", w.quant.c_str(), w.scale,
                                  w.min);
                    t.quantization = buf;
                } else if (w.quant == "float16") {
                    if (w.dtype != "float32")
                        throw IoError(IoErrorKind::BadHeader, m_path,
                                      tw + ": float16 quantization of a non-float32 weight");
                    t.quantization = "TF.js float16";
                } else {
                    throw IoError(IoErrorKind::UnsupportedDtype, m_path,
                                  tw + " has unknown quantization dtype '" + w.quant.substr(0, 40) + "'");
                }
                elementBytes = dtypeBytes(w.quant);
                t.dtype = w.quant;
            }
            w.offset = offset;
            if (std::uint64_t(t.count) > (std::uint64_t(1) << 62) / std::uint64_t(elementBytes))
                throw IoError(IoErrorKind::BadShape, m_path, tw + " is too large");
            w.size = std::uint64_t(t.count) * std::uint64_t(elementBytes);
            offset += w.size;
            if (offset > total)
                throw IoError(IoErrorKind::Truncated, m_path,
                              tw + " ends at byte " + std::to_string(offset) + " of its group, whose shards hold " +
                                  std::to_string(total));
            t.bytes = w.size;
            t.slot = m_weights.size();
            m_weights.push_back(w);
            m_tensors.push_back(std::move(t));
        }
    }

    std::string m_folder;
    std::vector<std::vector<Shard>> m_groups;
    std::vector<TfjsWeight> m_weights;
    std::set<std::string> m_names;
};

} // namespace

bool looksLikeTfjs(const std::string& path, std::span<const std::byte> head)
{
    const QString name = QFileInfo(QString::fromStdString(path)).fileName();
    if (!name.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return false;
    const std::string_view text(reinterpret_cast<const char*>(head.data()),
                                std::min<std::size_t>(head.size(), 1 << 20));
    return name.endsWith(QLatin1String("weights_manifest.json")) ||
           text.find("\"weightsManifest\"") != std::string::npos;
}

std::unique_ptr<TensorContainer> openTfjs(std::span<const std::byte> manifest, const std::string& fileName,
                                          const std::string& folder)
{
    return std::make_unique<TfjsContainer>(manifest, fileName, folder);
}

std::unique_ptr<TensorContainer> openTfjsFile(const std::string& path)
{
    const std::string manifest = readSmallFile(path, std::uint64_t(kMaxManifest), "TF.js manifest");
    return openTfjs({reinterpret_cast<const std::byte*>(manifest.data()), manifest.size()}, path,
                    QFileInfo(QString::fromStdString(path)).absolutePath().toStdString());
}

} // namespace qs
