#include "io/safetensors.h"

#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/jsoncursor.h"
#include "io/printable.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace qs {
namespace {

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

// JSON numbers: a size in a real file is an integer of at most 2^53 (where
// doubles, and so most JSON writers, stop being exact); anything else is an
// error, never a rounded or wrapped value. Checked before any conversion.
// `what` builds the message only when there is one (a header may hold a
// million entries).
template <typename What> std::uint64_t nonNegativeInt(JsonCursor& j, const What& what, const std::string& file)
{
    auto fail = [&](IoErrorKind kind) {
        throw IoError(kind, file, what() + " is not a non-negative integer (at most 2^53)");
    };
    if (j.peek() != JsonCursor::Kind::Number) {
        j.skipValue();
        fail(IoErrorKind::BadHeader);
    }
    const JsonNumber n = j.readNumber();
    const double d = n.value;
    if (!(d >= 0) || d != std::floor(d) || d > 9007199254740992.0)
        fail(d < 0 ? IoErrorKind::BadShape : IoErrorKind::BadHeader);
    // An integer literal beyond 2^53 may round down to 2^53 as a double: compare the digits.
    if (d == 9007199254740992.0 && n.integer && n.text != "9007199254740992")
        fail(IoErrorKind::BadHeader);
    return std::uint64_t(d);
}

SafetensorsEntry parseEntry(JsonCursor& j, std::string rawName, const std::string& file)
{
    SafetensorsEntry e;
    e.name = printable(rawName);
    if (e.name != rawName)
        e.rawName = std::move(rawName);
    auto where = [&] { return "tensor '" + e.name + "'"; };
    if (j.peek() != JsonCursor::Kind::Object)
        throw IoError(IoErrorKind::BadHeader, file, where() + " is not a JSON object");
    j.beginObject();
    std::vector<std::string> otherKeys; // keys a reader ignores, kept only to find repeats
    std::string key;
    bool haveDtype = false, haveShape = false, haveOffsets = false;
    auto once = [&](bool& seen) {
        if (seen)
            throw IoError(IoErrorKind::BadHeader, file,
                          "duplicate key '" + printable(key) + "' in the safetensors header");
        seen = true;
    };
    auto noPair = [&] {
        return IoError(IoErrorKind::BadHeader, file, where() + " has no \"data_offsets\" pair [BEGIN, END]");
    };
    while (j.nextMember(key)) {
        if (key == "dtype") {
            once(haveDtype);
            if (j.peek() != JsonCursor::Kind::String)
                throw IoError(IoErrorKind::BadHeader, file, where() + " has no \"dtype\" string");
            e.dtypeName = j.readString();
            const auto dtype = parseDtype(e.dtypeName);
            if (!dtype)
                throw IoError(
                    IoErrorKind::UnsupportedDtype, file,
                    "unsupported dtype '" + printable(e.dtypeName.substr(0, 40)) + "' of " + where() +
                        " (Quantscope reads F64 F32 F16 BF16 F8_E4M3 F8_E5M2 F8_E8M0 F6_E3M2 F6_E2M3 F4 I64 I32 I16 "
                        "I8 U64 U32 U16 U8 BOOL)");
            e.dtype = *dtype;
        } else if (key == "shape") {
            once(haveShape);
            if (j.peek() != JsonCursor::Kind::Array)
                throw IoError(IoErrorKind::BadHeader, file, where() + " has no \"shape\" array");
            j.beginArray();
            while (j.nextElement()) {
                if (e.shape.size() >= 64)
                    throw IoError(IoErrorKind::BadShape, file, where() + " has more than 64 dimensions");
                e.shape.push_back(std::int64_t(nonNegativeInt(
                    j, [&] { return "a dimension of " + where(); }, file)));
            }
        } else if (key == "data_offsets") {
            once(haveOffsets);
            if (j.peek() != JsonCursor::Kind::Array)
                throw noPair();
            j.beginArray();
            int count = 0;
            while (j.nextElement()) {
                if (count == 2)
                    throw noPair();
                (count == 0 ? e.begin : e.end) = nonNegativeInt(
                    j, [&] { return "data_offsets of " + where(); }, file);
                ++count;
            }
            if (count != 2)
                throw noPair();
        } else {
            if (std::find(otherKeys.begin(), otherKeys.end(), key) != otherKeys.end())
                throw IoError(IoErrorKind::BadHeader, file,
                              "duplicate key '" + printable(key) + "' in the safetensors header");
            otherKeys.push_back(key);
            j.skipValue(); // other keys carry nothing a value depends on
        }
    }
    if (!haveDtype)
        throw IoError(IoErrorKind::BadHeader, file, where() + " has no \"dtype\" string");
    if (!haveShape)
        throw IoError(IoErrorKind::BadHeader, file, where() + " has no \"shape\" array");
    if (!haveOffsets)
        throw noPair();
    e.count = shapeProduct(e.shape, file);
    return e;
}

void checkEntryData(const SafetensorsEntry& e, std::uint64_t dataSize, const std::string& file)
{
    auto span = [&] {
        return "data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "] of tensor '" + e.name +
               "'";
    };
    if (e.begin > e.end)
        throw IoError(IoErrorKind::BadOffsets, file, span() + " end before they begin");
    if (e.end > dataSize)
        throw IoError(IoErrorKind::BadOffsets, file,
                      span() + " are beyond the " + std::to_string(dataSize) + " bytes of data");
    const std::uint64_t item = std::uint64_t(itemSize(e.dtype));
    if (isPacked(e.dtype)) {
        // safetensors requires whole bytes: count x bits a multiple of 8.
        const std::int64_t need = storageBytes(e.dtype, e.count);
        if (need < 0 || (e.count * bitSize(e.dtype)) % 8 != 0 || std::uint64_t(need) != e.end - e.begin)
            throw IoError(IoErrorKind::BadOffsets, file,
                          span() + " hold " + std::to_string(e.end - e.begin) + " bytes, but shape " +
                              Tensor::shapeString(e.shape) + " of " + e.dtypeName + " needs " +
                              (need < 0 ? std::string("more than 2^63") : std::to_string(need)) + " (whole bytes of " +
                              std::to_string(bitSize(e.dtype)) + "-bit elements)");
    } else if (std::uint64_t(e.count) > (e.end - e.begin) / item || std::uint64_t(e.count) * item != e.end - e.begin)
        throw IoError(IoErrorKind::BadOffsets, file,
                      span() + " hold " + std::to_string(e.end - e.begin) + " bytes, but shape " +
                          Tensor::shapeString(e.shape) + " of " + e.dtypeName + " needs " +
                          (std::uint64_t(e.count) <= std::numeric_limits<std::uint64_t>::max() / item
                               ? std::to_string(std::uint64_t(e.count) * item)
                               : std::string("more than 2^64")));
}

} // namespace

const SafetensorsEntry* SafetensorsHeader::find(const std::string& name) const
{
    // The printable name first (what `info` shows and the GUI lists), then
    // the name as stored (a name with a backslash typed as in the file).
    const auto it = std::lower_bound(tensors.begin(), tensors.end(), name,
                                     [](const SafetensorsEntry& e, const std::string& n) { return e.name < n; });
    if (it != tensors.end() && it->name == name)
        return &*it;
    for (const auto& e : tensors)
        if (!e.rawName.empty() && e.rawName == name)
            return &e;
    return nullptr;
}

SafetensorsHeader parseSafetensorsHeader(const ByteSource& file)
{
    const std::string& fileName = file.name();
    const std::uint64_t n = file.size();
    if (n == 0)
        throw IoError(IoErrorKind::Empty, fileName, "empty file (0 bytes)");
    if (n < 8)
        throw IoError(IoErrorKind::Truncated, fileName,
                      "truncated .safetensors file: " + std::to_string(n) + " bytes, the header length alone has 8");
    unsigned char lenBytes[8];
    file.read(0, lenBytes, 8);
    std::uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = headerLen << 8 | lenBytes[i];
    if (headerLen > kMaxSafetensorsHeader)
        throw IoError(IoErrorKind::TooLarge, fileName,
                      "safetensors header length " + std::to_string(headerLen) + " exceeds the 100 MB limit");
    if (headerLen > n - 8)
        throw IoError(IoErrorKind::Truncated, fileName,
                      "safetensors header length " + std::to_string(headerLen) + " is beyond the end of the file (" +
                          std::to_string(n - 8) + " bytes follow the length)");
    const std::string text = file.readString(8, std::size_t(headerLen));
    if (const auto bad = firstInvalidUtf8(text); bad >= 0)
        throw IoError(IoErrorKind::BadUtf8, fileName,
                      "invalid UTF-8 in the safetensors header at byte " + std::to_string(bad + 8));

    SafetensorsHeader h;
    h.dataOffset = 8 + std::size_t(headerLen);
    h.dataSize = n - h.dataOffset;
    // One allocation for the entries: a header of a million tensors must not
    // also hold the vector's previous, half-size copy while it grows.
    std::size_t expected = 0;
    for (std::size_t at = text.find("\"data_offsets\""); at != std::string::npos;
         at = text.find("\"data_offsets\"", at + 14))
        ++expected;
    h.tensors.reserve(expected);
    JsonCursor j(text, fileName, "the safetensors header", 8);
    if (j.peek() != JsonCursor::Kind::Object)
        throw IoError(IoErrorKind::BadHeader, fileName, "the safetensors header is not a JSON object");
    j.beginObject();
    std::string name;
    bool haveMetadata = false;
    std::vector<std::pair<std::string, std::string>> metadata;
    while (j.nextMember(name)) {
        if (name == "__metadata__") {
            if (haveMetadata)
                throw IoError(IoErrorKind::DuplicateName, fileName,
                              "duplicate tensor name '__metadata__' in the safetensors header");
            haveMetadata = true;
            if (j.peek() != JsonCursor::Kind::Object)
                throw IoError(IoErrorKind::BadHeader, fileName, "__metadata__ is not a JSON object");
            j.beginObject();
            std::string key;
            while (j.nextMember(key)) {
                if (j.peek() != JsonCursor::Kind::String)
                    throw IoError(IoErrorKind::BadHeader, fileName,
                                  "__metadata__ value of '" + printable(key) + "' is not a string");
                metadata.emplace_back(std::move(key), j.readString());
            }
            continue;
        }
        h.tensors.push_back(parseEntry(j, std::move(name), fileName));
    }
    j.expectEnd();

    // Repeats: a JSON object model would keep one of two equal keys and load
    // it silently. Compared as decoded ("a" and "\u0061" are one name); the
    // printable names are distinct exactly when the stored ones are.
    std::sort(metadata.begin(), metadata.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < metadata.size(); ++i)
        if (metadata[i].first == metadata[i - 1].first)
            throw IoError(IoErrorKind::BadHeader, fileName,
                          "duplicate key '" + printable(metadata[i].first) + "' in the safetensors header");
    for (auto& [k, v] : metadata)
        h.metadata.emplace(std::move(k), std::move(v));
    // Writers usually emit the names in order already: then there is nothing to sort.
    const auto byName = [](const SafetensorsEntry& a, const SafetensorsEntry& b) { return a.name < b.name; };
    if (!std::is_sorted(h.tensors.begin(), h.tensors.end(), byName))
        std::sort(h.tensors.begin(), h.tensors.end(), byName);
    for (std::size_t i = 1; i < h.tensors.size(); ++i)
        if (h.tensors[i].name == h.tensors[i - 1].name)
            throw IoError(IoErrorKind::DuplicateName, fileName,
                          "duplicate tensor name '" + h.tensors[i].name + "' in the safetensors header");
    for (const auto& e : h.tensors)
        checkEntryData(e, h.dataSize, fileName);

    // Two tensors may not share bytes (writing one would change the other).
    std::vector<const SafetensorsEntry*> byOffset;
    for (const auto& e : h.tensors)
        if (e.end > e.begin)
            byOffset.push_back(&e);
    const auto byBegin = [](const SafetensorsEntry* a, const SafetensorsEntry* b) { return a->begin < b->begin; };
    if (!std::is_sorted(byOffset.begin(), byOffset.end(), byBegin))
        std::sort(byOffset.begin(), byOffset.end(), byBegin);
    for (std::size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            throw IoError(IoErrorKind::BadOffsets, fileName,
                          "data of tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name + "' overlap");
    return h;
}

SafetensorsHeader parseSafetensorsHeader(std::span<const std::byte> file, const std::string& fileName)
{
    return parseSafetensorsHeader(MemorySource(file, fileName));
}

LoadedTensor readSafetensorsTensor(const ByteSource& file, const SafetensorsHeader& header,
                                   const SafetensorsEntry& entry, const ProgressCallback& progress)
{
    checkMemoryLimit(entry.count, entry.shape, file.name());
    LoadedTensor out;
    out.tensor = Tensor(entry.shape);
    out.name = entry.name;
    out.dtype = dtypeName(entry.dtype);
    convertToFloat(file, header.dataOffset + entry.begin, entry.dtype, false, entry.count, out.tensor.data(),
                   out.conversion, {}, progress);
    return out;
}

LoadedTensor readSafetensorsTensor(std::span<const std::byte> file, const SafetensorsHeader& header,
                                   const SafetensorsEntry& entry, const std::string& fileName,
                                   const ProgressCallback& progress)
{
    return readSafetensorsTensor(MemorySource(file, fileName), header, entry, progress);
}

LoadedTensor readSafetensors(const ByteSource& file, const std::string& name, const ProgressCallback& progress)
{
    const std::string& fileName = file.name();
    const SafetensorsHeader h = parseSafetensorsHeader(file);
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
        return readSafetensorsTensor(file, h, h.tensors.front(), progress);
    }
    const SafetensorsEntry* e = h.find(name);
    if (!e)
        throw IoError(IoErrorKind::UnknownTensor, fileName,
                      "no tensor named '" + printable(name) + "' (tensors: " + names() + ")");
    return readSafetensorsTensor(file, h, *e, progress);
}

LoadedTensor readSafetensors(std::span<const std::byte> file, const std::string& fileName, const std::string& name,
                             const ProgressCallback& progress)
{
    return readSafetensors(MemorySource(file, fileName), name, progress);
}

LoadedTensor readSafetensorsFile(const std::string& path, const std::string& name)
{
    const InputFile file(path);
    LoadedTensor t = readSafetensors(file, name);
    file.verifyUnchanged();
    return t;
}

} // namespace qs
