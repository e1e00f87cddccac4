#include "io/writers.h"

#include "formats/error.h"
#include "io/atomicfile.h"
#include "io/ioerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <bit>
#include <charconv>
#include <cstring>

namespace qs {
namespace {

struct CodeType
{
    const char* npy;         // NumPy descr
    const char* safetensors; // safetensors dtype
    int size;
    bool isSigned;
};

// The narrowest type holding [lo, hi]; unsigned when no code is negative.
CodeType codeType(std::int32_t lo, std::int32_t hi)
{
    if (lo > hi)
        throw ArgumentError("code range [" + std::to_string(lo) + ", " + std::to_string(hi) + "] is empty");
    if (lo >= 0) {
        if (hi <= 0xff)
            return {"|u1", "U8", 1, false};
        if (hi <= 0xffff)
            return {"<u2", "U16", 2, false};
        return {"<i4", "I32", 4, true};
    }
    if (lo >= -128 && hi <= 127)
        return {"|i1", "I8", 1, true};
    if (lo >= -32768 && hi <= 32767)
        return {"<i2", "I16", 2, true};
    return {"<i4", "I32", 4, true};
}

void checkCodes(const Shape& shape, std::span<const std::int32_t> codes, std::int32_t lo, std::int32_t hi)
{
    if (Tensor::elementCount(shape) != std::int64_t(codes.size()))
        throw ArgumentError("shape " + Tensor::shapeString(shape) + " holds " +
                            std::to_string(Tensor::elementCount(shape)) + " codes, got " +
                            std::to_string(codes.size()));
    for (std::size_t i = 0; i < codes.size(); ++i)
        if (codes[i] < lo || codes[i] > hi)
            throw ArgumentError("code " + std::to_string(codes[i]) + " at index " + std::to_string(i) +
                                " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

// Codes narrowed to `type`, little-endian, written in chunks (no full second copy).
void writeCodes(AtomicFile& f, std::span<const std::int32_t> codes, const CodeType& type)
{
    std::vector<unsigned char> buf;
    constexpr std::size_t chunk = 1 << 16;
    for (std::size_t at = 0; at < codes.size(); at += chunk) {
        const std::size_t m = std::min(chunk, codes.size() - at);
        buf.resize(m * std::size_t(type.size));
        for (std::size_t i = 0; i < m; ++i) {
            const auto v = std::uint32_t(codes[at + i]);
            for (int b = 0; b < type.size; ++b)
                buf[i * std::size_t(type.size) + std::size_t(b)] = static_cast<unsigned char>(v >> (8 * b));
        }
        f.write(buf.data(), buf.size());
    }
}

void writeFloatsLE(AtomicFile& f, std::span<const float> values)
{
    if constexpr (std::endian::native == std::endian::little) {
        f.write(values.data(), values.size() * 4);
    } else {
        for (float v : values) {
            const std::uint32_t u = __builtin_bswap32(std::bit_cast<std::uint32_t>(v));
            f.write(&u, 4);
        }
    }
}

// The .npy 1.0 header (2.0 when it would exceed 65535 bytes), padded with spaces
// and a final '\n' so that the data starts at a multiple of 64 bytes, as numpy.save does.
std::string npyHeader(const char* descr, const Shape& shape)
{
    std::string dict = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i)
        dict += (i ? ", " : "") + std::to_string(shape[i]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    const bool v2 = dict.size() + 12 + 64 > 65535;
    const std::size_t pre = v2 ? 12 : 10;
    const std::size_t total = (pre + dict.size() + 1 + 63) / 64 * 64;
    dict.append(total - pre - dict.size() - 1, ' ');
    dict += '\n';
    const std::size_t len = dict.size();
    std::string out = "\x93NUMPY";
    out += char(v2 ? 2 : 1);
    out += char(0);
    out += char(len & 0xff);
    out += char((len >> 8) & 0xff);
    if (v2) {
        out += char((len >> 16) & 0xff);
        out += char((len >> 24) & 0xff);
    }
    return out + dict;
}

// Shortest text that reads back to the same float (std::to_chars round-trip guarantee).
std::string shortest(double v, bool asFloat)
{
    char buf[64];
    const auto r = asFloat ? std::to_chars(buf, buf + sizeof buf, float(v)) : std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

void writeNpy(const std::string& path, const Tensor& values)
{
    AtomicFile f(path);
    f.write(npyHeader("<f4", values.shape()));
    writeFloatsLE(f, values.values());
    f.commit();
}

void writeNpyCodes(const std::string& path, const Shape& shape, std::span<const std::int32_t> codes,
                   std::int32_t minCode, std::int32_t maxCode)
{
    const CodeType type = codeType(minCode, maxCode);
    checkCodes(shape, codes, minCode, maxCode);
    AtomicFile f(path);
    f.write(npyHeader(type.npy, shape));
    writeCodes(f, codes, type);
    f.commit();
}

void writeCsvValues(const std::string& path, const Tensor& values)
{
    AtomicFile f(path);
    const std::int64_t cols = values.rank() == 2 ? values.dim(1) : 1;
    std::string line;
    const float* v = values.data();
    for (std::int64_t i = 0; i < values.size(); i += std::max<std::int64_t>(cols, 1)) {
        line.clear();
        for (std::int64_t c = 0; c < cols; ++c)
            line.append(c ? "," : "").append(shortest(v[i + c], true));
        line += '\n';
        f.write(line);
    }
    f.commit();
}

void writeCsvHistograms(const std::string& path, const std::vector<std::string>& names,
                        const std::vector<const Histogram*>& histograms)
{
    if (histograms.empty() || names.size() != histograms.size())
        throw ArgumentError("writeCsvHistograms needs one name per histogram and at least one histogram");
    const Histogram& h0 = *histograms.front();
    for (const Histogram* h : histograms)
        if (!h || h->lo != h0.lo || h->hi != h0.hi || h->bins() != h0.bins())
            throw ArgumentError("histograms written to one CSV must share their bins");
    AtomicFile f(path);
    std::string line = "bin_left,bin_right";
    for (const auto& n : names)
        line.append(",").append(csvField(n));
    f.write(line + "\n");
    for (int i = 0; i < h0.bins(); ++i) {
        line = shortest(h0.binLeft(i), false) + "," + shortest(i + 1 == h0.bins() ? h0.hi : h0.binLeft(i + 1), false);
        for (const Histogram* h : histograms)
            line.append(",").append(std::to_string(h->counts[std::size_t(i)]));
        f.write(line + "\n");
    }
    f.commit();
}

void writeSafetensors(const std::string& path, const QuantizedTensorExport& t)
{
    const CodeType type = codeType(t.minCode, t.maxCode);
    checkCodes(t.shape, t.codes, t.minCode, t.maxCode);
    const std::int64_t groups = Tensor::elementCount(t.groupShape);
    if (std::int64_t(t.scales.size()) != groups)
        throw ArgumentError("group shape " + Tensor::shapeString(t.groupShape) + " needs " + std::to_string(groups) +
                            " scales, got " + std::to_string(t.scales.size()));
    if (!t.zeroPoints.empty() && std::int64_t(t.zeroPoints.size()) != groups)
        throw ArgumentError("group shape " + Tensor::shapeString(t.groupShape) + " needs " + std::to_string(groups) +
                            " zero points, got " + std::to_string(t.zeroPoints.size()));
    if (t.name.empty() || t.name == "__metadata__")
        throw ArgumentError("tensor name '" + t.name + "' cannot be used in a safetensors file");

    // Layout: the float32 tensors first (4-byte aligned), then the codes.
    auto shapeJson = [](const Shape& s) {
        QJsonArray a;
        for (auto d : s)
            a.append(qint64(d));
        return a;
    };
    QJsonObject header;
    std::uint64_t offset = 0;
    auto add = [&](const std::string& name, const char* dtype, const Shape& shape, std::uint64_t bytes) {
        header.insert(QString::fromStdString(name),
                      QJsonObject{{"dtype", dtype},
                                  {"shape", shapeJson(shape)},
                                  {"data_offsets", QJsonArray{qint64(offset), qint64(offset + bytes)}}});
        offset += bytes;
    };
    add(t.name + ".scale", "F32", t.groupShape, t.scales.size() * 4);
    if (!t.zeroPoints.empty())
        add(t.name + ".zero_point", "F32", t.groupShape, t.zeroPoints.size() * 4);
    add(t.name + ".codes", type.safetensors, t.shape, t.codes.size() * std::uint64_t(type.size));
    if (!t.metadata.empty()) {
        QJsonObject meta;
        for (const auto& [k, v] : t.metadata)
            meta.insert(QString::fromStdString(k), QString::fromStdString(v));
        header.insert(QStringLiteral("__metadata__"), meta);
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8) // pad with spaces so the data buffer starts 8-byte aligned
        json.append(' ');
    unsigned char len[8];
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<unsigned char>(std::uint64_t(json.size()) >> (8 * i));

    AtomicFile f(path);
    f.write(len, 8);
    f.write(json.constData(), std::size_t(json.size()));
    writeFloatsLE(f, t.scales);
    if (!t.zeroPoints.empty())
        writeFloatsLE(f, t.zeroPoints);
    writeCodes(f, t.codes, type);
    f.commit();
}

} // namespace qs
