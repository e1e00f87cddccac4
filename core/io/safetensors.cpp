#include "io/safetensors.h"

#include "io/ioerror.h"
#include "io/mappedfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace qs {
namespace {

// Every object key of the JSON text, checked for repeats per object. QJsonObject
// keeps only one of two equal keys, so a file with two tensors of the same name
// would otherwise load one of them silently. Keys are compared after decoding
// escapes ("a" and "\u0061" are the same name). Runs after QJsonDocument has
// accepted the syntax, but stays bounds-checked on its own.
class DuplicateKeyScanner
{
public:
    DuplicateKeyScanner(std::string_view s, const std::string& file) : m_s(s), m_file(file) {}

    void run()
    {
        struct Frame
        {
            bool object;
            bool expectKey;
            std::set<std::string> keys;
        };
        std::vector<Frame> stack;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            switch (c) {
            case '{':
                stack.push_back({true, true, {}});
                ++m_pos;
                break;
            case '[':
                stack.push_back({false, false, {}});
                ++m_pos;
                break;
            case '}':
            case ']':
                if (!stack.empty())
                    stack.pop_back();
                ++m_pos;
                break;
            case ',':
                if (!stack.empty() && stack.back().object)
                    stack.back().expectKey = true;
                ++m_pos;
                break;
            case '"': {
                std::string key = decodeString();
                if (!stack.empty() && stack.back().object && stack.back().expectKey) {
                    stack.back().expectKey = false;
                    if (!stack.back().keys.insert(key).second) {
                        if (stack.size() == 1)
                            throw IoError(IoErrorKind::DuplicateName, m_file,
                                          "duplicate tensor name '" + key + "' in the safetensors header");
                        throw IoError(IoErrorKind::BadHeader, m_file,
                                      "duplicate key '" + key + "' in the safetensors header");
                    }
                }
                break;
            }
            default: ++m_pos;
            }
        }
    }

private:
    static void appendUtf8(std::string& out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xc0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out += char(0xe0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3f));
            out += char(0x80 | (cp & 0x3f));
        } else {
            out += char(0xf0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3f));
            out += char(0x80 | ((cp >> 6) & 0x3f));
            out += char(0x80 | (cp & 0x3f));
        }
    }
    std::uint32_t hex4()
    {
        std::uint32_t v = 0;
        for (int i = 0; i < 4 && m_pos < m_s.size(); ++i, ++m_pos) {
            const char h = m_s[m_pos];
            const int d = h >= '0' && h <= '9'   ? h - '0'
                          : h >= 'a' && h <= 'f' ? h - 'a' + 10
                          : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                 : 0;
            v = v * 16 + std::uint32_t(d);
        }
        return v;
    }
    std::string decodeString()
    {
        std::string out;
        ++m_pos; // opening quote
        while (m_pos < m_s.size() && m_s[m_pos] != '"') {
            const char c = m_s[m_pos++];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_s.size())
                break;
            const char e = m_s[m_pos++];
            switch (e) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::uint32_t cp = hex4();
                if (cp >= 0xd800 && cp < 0xdc00 && m_pos + 1 < m_s.size() && m_s[m_pos] == '\\' &&
                    m_s[m_pos + 1] == 'u') {
                    const std::size_t save = m_pos;
                    m_pos += 2;
                    const std::uint32_t low = hex4();
                    if (low >= 0xdc00 && low < 0xe000)
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                    else
                        m_pos = save;
                }
                appendUtf8(out, cp);
                break;
            }
            default: out += e; // \" \\ \/
            }
        }
        ++m_pos; // closing quote
        return out;
    }

    std::string_view m_s;
    const std::string& m_file;
    std::size_t m_pos = 0;
};

std::optional<DType> parseDtype(const std::string& s)
{
    static const std::pair<const char*, DType> known[] = {
        {"F64", DType::F64},
        {"F32", DType::F32},
        {"F16", DType::F16},
        {"BF16", DType::BF16},
        {"F8_E4M3", DType::F8E4M3},
        {"F8_E5M2", DType::F8E5M2},
        {"I64", DType::I64},
        {"I32", DType::I32},
        {"I16", DType::I16},
        {"I8", DType::I8},
        {"U64", DType::U64},
        {"U32", DType::U32},
        {"U16", DType::U16},
        {"U8", DType::U8},
        {"BOOL", DType::Bool},
        // The OCP MX types of safetensors 0.6: F4 and F6 are packed (4 and 6 bits per element).
        {"F8_E8M0", DType::F8E8M0},
        {"F4", DType::F4E2M1},
        {"F6_E2M3", DType::F6E2M3},
        {"F6_E3M2", DType::F6E3M2}};
    for (const auto& [name, dtype] : known)
        if (s == name)
            return dtype;
    return std::nullopt;
}

// JSON numbers are doubles: integers are exact up to 2^53, which bounds every
// size a real file can have; anything else is an error, never a rounded value.
std::uint64_t nonNegativeInt(const QJsonValue& v, const std::string& what, const std::string& file)
{
    const double d = v.toDouble(-1);
    if (!v.isDouble() || !(d >= 0) || d != std::floor(d) || d > 9007199254740992.0)
        throw IoError(v.isDouble() && d < 0 ? IoErrorKind::BadShape : IoErrorKind::BadHeader, file,
                      what + " is not a non-negative integer (at most 2^53)");
    return std::uint64_t(d);
}

} // namespace

const SafetensorsEntry* SafetensorsHeader::find(const std::string& name) const
{
    for (const auto& e : tensors)
        if (e.name == name)
            return &e;
    return nullptr;
}

SafetensorsHeader parseSafetensorsHeader(std::span<const std::byte> file, const std::string& fileName)
{
    const std::size_t n = file.size();
    if (n == 0)
        throw IoError(IoErrorKind::Empty, fileName, "empty file (0 bytes)");
    if (n < 8)
        throw IoError(IoErrorKind::Truncated, fileName,
                      "truncated .safetensors file: " + std::to_string(n) + " bytes, the header length alone has 8");
    std::uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = headerLen << 8 | std::to_integer<std::uint64_t>(file[std::size_t(i)]);
    if (headerLen > kMaxSafetensorsHeader)
        throw IoError(IoErrorKind::TooLarge, fileName,
                      "safetensors header length " + std::to_string(headerLen) + " exceeds the 100 MB limit");
    if (headerLen > n - 8)
        throw IoError(IoErrorKind::Truncated, fileName,
                      "safetensors header length " + std::to_string(headerLen) + " is beyond the end of the file (" +
                          std::to_string(n - 8) + " bytes follow the length)");
    const std::string_view text(reinterpret_cast<const char*>(file.data()) + 8, std::size_t(headerLen));
    if (const auto bad = firstInvalidUtf8(text); bad >= 0)
        throw IoError(IoErrorKind::BadUtf8, fileName,
                      "invalid UTF-8 in the safetensors header at byte " + std::to_string(bad + 8));
    QJsonParseError err{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())), &err);
    if (err.error != QJsonParseError::NoError)
        throw IoError(IoErrorKind::BadHeader, fileName,
                      "invalid JSON in the safetensors header at byte " + std::to_string(err.offset + 8) + ": " +
                          err.errorString().toStdString());
    if (!doc.isObject())
        throw IoError(IoErrorKind::BadHeader, fileName, "the safetensors header is not a JSON object");
    DuplicateKeyScanner(text, fileName).run();

    SafetensorsHeader h;
    h.dataOffset = 8 + std::size_t(headerLen);
    h.dataSize = n - h.dataOffset;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string name = it.key().toStdString();
        if (name == "__metadata__") {
            if (!it.value().isObject())
                throw IoError(IoErrorKind::BadHeader, fileName, "__metadata__ is not a JSON object");
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.begin(); m != meta.end(); ++m) {
                if (!m.value().isString())
                    throw IoError(IoErrorKind::BadHeader, fileName,
                                  "__metadata__ value of '" + m.key().toStdString() + "' is not a string");
                h.metadata[m.key().toStdString()] = m.value().toString().toStdString();
            }
            continue;
        }
        const std::string where = "tensor '" + name + "'";
        if (!it.value().isObject())
            throw IoError(IoErrorKind::BadHeader, fileName, where + " is not a JSON object");
        const QJsonObject t = it.value().toObject();
        SafetensorsEntry e;
        e.name = name;
        if (!t.value(QStringLiteral("dtype")).isString())
            throw IoError(IoErrorKind::BadHeader, fileName, where + " has no \"dtype\" string");
        e.dtypeName = t.value(QStringLiteral("dtype")).toString().toStdString();
        const auto dtype = parseDtype(e.dtypeName);
        if (!dtype)
            throw IoError(
                IoErrorKind::UnsupportedDtype, fileName,
                "unsupported dtype '" + e.dtypeName.substr(0, 40) + "' of " + where +
                    " (Quantscope reads F64 F32 F16 BF16 F8_E4M3 F8_E5M2 F8_E8M0 F6_E3M2 F6_E2M3 F4 I64 I32 I16 I8 U64 "
                    "U32 U16 U8 BOOL)");
        e.dtype = *dtype;
        if (!t.value(QStringLiteral("shape")).isArray())
            throw IoError(IoErrorKind::BadHeader, fileName, where + " has no \"shape\" array");
        const QJsonArray shape = t.value(QStringLiteral("shape")).toArray();
        if (shape.size() > 64)
            throw IoError(IoErrorKind::BadShape, fileName, where + " has more than 64 dimensions");
        for (const QJsonValue& d : shape)
            e.shape.push_back(std::int64_t(nonNegativeInt(d, "a dimension of " + where, fileName)));
        e.count = shapeProduct(e.shape, fileName);
        const QJsonArray offsets = t.value(QStringLiteral("data_offsets")).toArray();
        if (!t.value(QStringLiteral("data_offsets")).isArray() || offsets.size() != 2)
            throw IoError(IoErrorKind::BadHeader, fileName, where + " has no \"data_offsets\" pair [BEGIN, END]");
        e.begin = nonNegativeInt(offsets[0], "data_offsets of " + where, fileName);
        e.end = nonNegativeInt(offsets[1], "data_offsets of " + where, fileName);
        const std::string span =
            "data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "] of " + where;
        if (e.begin > e.end)
            throw IoError(IoErrorKind::BadOffsets, fileName, span + " end before they begin");
        if (e.end > h.dataSize)
            throw IoError(IoErrorKind::BadOffsets, fileName,
                          span + " are beyond the " + std::to_string(h.dataSize) + " bytes of data");
        const std::uint64_t item = std::uint64_t(itemSize(e.dtype));
        if (isPacked(e.dtype)) {
            // safetensors requires whole bytes: count x bits a multiple of 8.
            const std::int64_t need = storageBytes(e.dtype, e.count);
            if (need < 0 || (e.count * bitSize(e.dtype)) % 8 != 0 || std::uint64_t(need) != e.end - e.begin)
                throw IoError(IoErrorKind::BadOffsets, fileName,
                              span + " hold " + std::to_string(e.end - e.begin) + " bytes, but shape " +
                                  Tensor::shapeString(e.shape) + " of " + e.dtypeName + " needs " +
                                  (need < 0 ? std::string("more than 2^63") : std::to_string(need)) +
                                  " (whole bytes of " + std::to_string(bitSize(e.dtype)) + "-bit elements)");
        } else if (std::uint64_t(e.count) > (e.end - e.begin) / item ||
                   std::uint64_t(e.count) * item != e.end - e.begin)
            throw IoError(IoErrorKind::BadOffsets, fileName,
                          span + " hold " + std::to_string(e.end - e.begin) + " bytes, but shape " +
                              Tensor::shapeString(e.shape) + " of " + e.dtypeName + " needs " +
                              (std::uint64_t(e.count) <= std::numeric_limits<std::uint64_t>::max() / item
                                   ? std::to_string(std::uint64_t(e.count) * item)
                                   : std::string("more than 2^64")));
        h.tensors.push_back(std::move(e));
    }
    // Two tensors may not share bytes (writing one would change the other).
    std::vector<const SafetensorsEntry*> byOffset;
    for (const auto& e : h.tensors)
        if (e.end > e.begin)
            byOffset.push_back(&e);
    std::sort(byOffset.begin(), byOffset.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
    for (std::size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            throw IoError(IoErrorKind::BadOffsets, fileName,
                          "data of tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name + "' overlap");
    return h;
}

LoadedTensor readSafetensorsTensor(std::span<const std::byte> file, const SafetensorsHeader& header,
                                   const SafetensorsEntry& entry, const std::string& fileName,
                                   const ProgressCallback& progress)
{
    checkMemoryLimit(entry.count, entry.shape, fileName);
    LoadedTensor out;
    out.tensor = Tensor(entry.shape);
    out.name = entry.name;
    out.dtype = dtypeName(entry.dtype);
    convertToFloat(file.data() + header.dataOffset + entry.begin, entry.dtype, false, entry.count, out.tensor.data(),
                   out.conversion, {}, progress);
    return out;
}

LoadedTensor readSafetensors(std::span<const std::byte> file, const std::string& fileName, const std::string& name,
                             const ProgressCallback& progress)
{
    const SafetensorsHeader h = parseSafetensorsHeader(file, fileName);
    auto names = [&] {
        std::string s;
        for (std::size_t i = 0; i < h.tensors.size() && i < 20; ++i)
            s += (i ? ", " : "") + h.tensors[i].name;
        if (h.tensors.size() > 20)
            s += ", ... (" + std::to_string(h.tensors.size()) + " in all)";
        return s;
    };
    if (h.tensors.empty())
        throw IoError(IoErrorKind::UnknownTensor, fileName, "the safetensors file holds no tensors");
    if (name.empty()) {
        if (h.tensors.size() > 1)
            throw IoError(IoErrorKind::UnknownTensor, fileName,
                          "holds " + std::to_string(h.tensors.size()) + " tensors; pick one as FILE:TENSOR (" +
                              names() + ")");
        return readSafetensorsTensor(file, h, h.tensors.front(), fileName, progress);
    }
    const SafetensorsEntry* e = h.find(name);
    if (!e)
        throw IoError(IoErrorKind::UnknownTensor, fileName,
                      "no tensor named '" + name + "' (tensors: " + names() + ")");
    return readSafetensorsTensor(file, h, *e, fileName, progress);
}

LoadedTensor readSafetensorsFile(const std::string& path, const std::string& name)
{
    const MappedFile mapped(path);
    return readSafetensors(mapped.bytes(), path, name);
}

} // namespace qs
