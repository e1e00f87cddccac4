#include "io/gguf.h"

#include "io/bytecursor.h"
#include "io/dtype.h"
#include "io/ggmlio.h"
#include "io/inputfile.h"
#include "io/ioerror.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

namespace qs {
namespace {

constexpr std::uint32_t kDefaultAlignment = 32;
constexpr std::uint32_t kMaxDims = 4;       // GGML_MAX_DIMS
constexpr std::size_t kShownArrayItems = 8; // metadata arrays are summarised

enum ValueType : std::uint32_t {
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    BOOL = 7,
    STRING = 8,
    ARRAY = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12
};

const char* valueTypeName(std::uint32_t t)
{
    static const char* names[] = {"u8",   "i8",     "u16",   "i16", "u32", "i32", "f32",
                                  "bool", "string", "array", "u64", "i64", "f64"};
    return t < 13 ? names[t] : "?";
}

int scalarSize(std::uint32_t t)
{
    switch (t) {
    case U8:
    case I8:
    case BOOL: return 1;
    case U16:
    case I16: return 2;
    case U32:
    case I32:
    case F32: return 4;
    case U64:
    case I64:
    case F64: return 8;
    default: return 0;
    }
}

std::string number(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

struct GgufInfo
{
    std::uint32_t type = 0;
    std::int64_t ne0 = 0;
    std::uint64_t offset = 0, size = 0;
    bool decodable = false;
};

class GgufReader
{
public:
    GgufReader(std::span<const std::byte> bytes, const std::string& file) : m_in(bytes, file), m_file(file) {}

    std::string readString(const char* what)
    {
        const std::uint64_t n = m_in.le<std::uint64_t>(what);
        return std::string(m_in.text(n, what));
    }

    // One scalar as text; advances past it.
    std::string scalar(std::uint32_t type, std::uint64_t* asInt = nullptr)
    {
        std::uint64_t u = 0;
        std::string s;
        switch (type) {
        case U8:
            u = m_in.u8("a u8");
            s = std::to_string(u);
            break;
        case I8: s = std::to_string(m_in.le<std::int8_t>("an i8")); break;
        case U16:
            u = m_in.le<std::uint16_t>("a u16");
            s = std::to_string(u);
            break;
        case I16: s = std::to_string(m_in.le<std::int16_t>("an i16")); break;
        case U32:
            u = m_in.le<std::uint32_t>("a u32");
            s = std::to_string(u);
            break;
        case I32: s = std::to_string(m_in.le<std::int32_t>("an i32")); break;
        case U64:
            u = m_in.le<std::uint64_t>("a u64");
            s = std::to_string(u);
            break;
        case I64: s = std::to_string(m_in.le<std::int64_t>("an i64")); break;
        case F32: s = number(m_in.le<float>("an f32")); break;
        case F64: s = number(m_in.le<double>("an f64")); break;
        case BOOL: {
            const unsigned b = m_in.u8("a bool");
            if (b > 1)
                throw IoError(IoErrorKind::BadHeader, m_file, "a bool metadata value is " + std::to_string(b));
            s = b ? "true" : "false";
            break;
        }
        case STRING: s = readString("a string value"); break;
        default: throw IoError(IoErrorKind::BadHeader, m_file, "unknown metadata value type " + std::to_string(type));
        }
        if (asInt)
            *asInt = u;
        return s;
    }

    std::string value(std::uint32_t type, const std::string& key, std::uint64_t* asInt)
    {
        if (type != ARRAY)
            return scalar(type, asInt);
        const std::uint32_t itemType = m_in.le<std::uint32_t>("an array type");
        const std::uint64_t n = m_in.le<std::uint64_t>("an array length");
        if (itemType == ARRAY)
            throw IoError(IoErrorKind::BadHeader, m_file, "metadata '" + key + "' is an array of arrays (not read)");
        if (itemType > F64)
            throw IoError(IoErrorKind::BadHeader, m_file,
                          "metadata '" + key + "' is an array of unknown type " + std::to_string(itemType));
        // Every element takes at least its scalar size (8 for a string's length): the count
        // cannot exceed what the bytes left can hold.
        const std::uint64_t least = itemType == STRING ? 8 : std::uint64_t(scalarSize(itemType));
        if (n > m_in.remaining() / least)
            throw IoError(IoErrorKind::Truncated, m_file,
                          "metadata '" + key + "' claims " + std::to_string(n) + " elements, more than the file holds");
        std::string shown = "[";
        shown += std::to_string(n);
        shown += " x ";
        shown += valueTypeName(itemType);
        shown += "]";
        for (std::uint64_t i = 0; i < n; ++i) {
            if (itemType != STRING && i >= kShownArrayItems) { // skip the rest at once
                m_in.skip((n - i) * least, "an array");
                break;
            }
            std::string item = scalar(itemType);
            if (i < kShownArrayItems) {
                if (item.size() > 40)
                    item = item.substr(0, 40) + "...";
                shown += i ? ", " : " ";
                shown += item;
            }
        }
        if (n > kShownArrayItems)
            shown += ", ...";
        return shown;
    }

    ByteCursor m_in;
    std::string m_file;
};

class GgufContainer : public TensorContainer
{
public:
    // `bytes`: the start of the file, holding at least the whole header (the caller
    // reads more and tries again on a Truncated error, see openGgufSource).
    GgufContainer(std::shared_ptr<const ByteSource> source, std::span<const std::byte> bytes)
        : TensorContainer(source->name()), m_source(std::move(source))
    {
        const std::string& fileName = m_path;
        const std::uint64_t fileSize = m_source->size();
        GgufReader r(bytes, fileName);
        ByteCursor& in = r.m_in;
        if (!looksLikeGguf(bytes))
            throw IoError(IoErrorKind::BadMagic, fileName, "not a GGUF file (no \"GGUF\" magic)");
        in.skip(4, "the magic");
        const std::uint32_t version = in.le<std::uint32_t>("the version");
        if (version == 1)
            throw IoError(IoErrorKind::BadHeader, fileName, "GGUF version 1 is not read (versions 2 and 3 are)");
        if (version != 2 && version != 3) {
            const bool swapped = (version & 0xffff) == 0 && version != 0;
            throw IoError(IoErrorKind::BadHeader, fileName,
                          swapped ? std::string("a big-endian GGUF file is not read")
                                  : "unknown GGUF version " + std::to_string(version));
        }
        m_format = "gguf v" + std::to_string(version);
        const std::uint64_t tensorCount = in.le<std::uint64_t>("the tensor count");
        const std::uint64_t kvCount = in.le<std::uint64_t>("the metadata count");
        // A key-value pair takes at least 13 bytes (empty key, type, one byte), a tensor info 24.
        if (kvCount > in.remaining() / 13 || tensorCount > in.remaining() / 24)
            throw IoError(IoErrorKind::Truncated, fileName,
                          "the header claims " + std::to_string(tensorCount) + " tensors and " +
                              std::to_string(kvCount) + " metadata entries, more than the file holds");
        std::uint32_t alignment = kDefaultAlignment;
        std::set<std::string> keys;
        for (std::uint64_t i = 0; i < kvCount; ++i) {
            const std::string key = r.readString("a metadata key");
            if (!keys.insert(key).second)
                throw IoError(IoErrorKind::BadHeader, fileName, "duplicate metadata key '" + key + "'");
            if (firstInvalidUtf8(key) >= 0)
                throw IoError(IoErrorKind::BadUtf8, fileName, "a metadata key is not valid UTF-8");
            const std::uint32_t type = in.le<std::uint32_t>("a metadata type");
            std::uint64_t asInt = 0;
            std::string v = r.value(type, key, &asInt);
            if (key == "general.alignment") {
                if (type != U32)
                    throw IoError(IoErrorKind::BadHeader, fileName, "general.alignment is not a u32");
                if (asInt == 0 || (asInt & (asInt - 1)) != 0)
                    throw IoError(IoErrorKind::BadHeader, fileName,
                                  "general.alignment " + std::to_string(asInt) + " is not a power of two");
                alignment = std::uint32_t(asInt);
            }
            if (firstInvalidUtf8(v) >= 0)
                v = "(not valid UTF-8)";
            m_metadata[key] = std::move(v);
        }
        std::set<std::string> names;
        std::vector<GgufInfo> infos;
        for (std::uint64_t i = 0; i < tensorCount; ++i) {
            ContainerTensor t;
            t.name = r.readString("a tensor name");
            if (firstInvalidUtf8(t.name) >= 0)
                throw IoError(IoErrorKind::BadUtf8, fileName,
                              "tensor name " + std::to_string(i) + " is not valid UTF-8");
            if (!names.insert(t.name).second)
                throw IoError(IoErrorKind::DuplicateName, fileName, "duplicate tensor name '" + t.name + "'");
            const std::string where = "tensor '" + t.name + "'";
            const std::uint32_t nDims = in.le<std::uint32_t>("a tensor's dimension count");
            if (nDims > kMaxDims)
                throw IoError(IoErrorKind::BadShape, fileName,
                              where + " has " + std::to_string(nDims) + " dimensions (ggml allows at most 4)");
            std::vector<std::int64_t> ne(nDims);
            for (auto& d : ne) {
                const std::uint64_t u = in.le<std::uint64_t>("a tensor dimension");
                if (u > std::uint64_t(INT64_MAX))
                    throw IoError(IoErrorKind::BadShape, fileName, where + " has a dimension beyond 2^63");
                d = std::int64_t(u);
            }
            GgufInfo info;
            info.type = in.le<std::uint32_t>("a tensor type");
            info.offset = in.le<std::uint64_t>("a tensor offset");
            t.shape.assign(ne.rbegin(), ne.rend()); // PyTorch order: ne[0] (the row) last
            t.count = shapeProduct(t.shape, fileName);
            info.ne0 = nDims ? ne[0] : 1;
            const auto facts = ggmlio::typeFacts(info.type);
            if (!facts || facts->blockSize <= 0 || facts->bytesPerBlock <= 0)
                throw IoError(IoErrorKind::UnsupportedDtype, fileName,
                              where + " has unknown ggml type id " + std::to_string(info.type));
            t.dtype = facts->name;
            if (info.ne0 % facts->blockSize != 0)
                throw IoError(IoErrorKind::BadShape, fileName,
                              where + ": its rows of " + std::to_string(info.ne0) +
                                  " values are not a whole number of " + facts->name + " blocks of " +
                                  std::to_string(facts->blockSize));
            // bytes = count / blockSize * bytesPerBlock, checked against 2^63.
            const std::uint64_t blocks = std::uint64_t(t.count / facts->blockSize);
            if (blocks > std::uint64_t(INT64_MAX) / std::uint64_t(facts->bytesPerBlock))
                throw IoError(IoErrorKind::BadShape, fileName, where + " is larger than 2^63 bytes");
            info.size = blocks * std::uint64_t(facts->bytesPerBlock);
            info.decodable = facts->canDecode;
            t.bytes = info.size;
            if (!facts->canDecode)
                t.refusal = "the values of " + facts->name + " tensors are not decoded (listed only)";
            if (info.offset % alignment != 0)
                throw IoError(IoErrorKind::BadOffsets, fileName,
                              where + " starts at offset " + std::to_string(info.offset) +
                                  ", not a multiple of the alignment " + std::to_string(alignment));
            t.slot = infos.size();
            infos.push_back(info);
            m_tensors.push_back(std::move(t));
        }
        // The data section starts at the next multiple of the alignment.
        const std::uint64_t headerEnd = in.pos();
        m_dataOffset = (headerEnd + alignment - 1) / alignment * alignment;
        const std::uint64_t dataSize = m_dataOffset <= fileSize ? fileSize - m_dataOffset : 0;
        if (!m_tensors.empty() && m_dataOffset > fileSize)
            throw IoError(IoErrorKind::Truncated, fileName, "the data section is missing");
        for (const auto& t : m_tensors) {
            const GgufInfo& info = infos[t.slot];
            if (info.offset > dataSize || info.size > dataSize - info.offset)
                throw IoError(IoErrorKind::BadOffsets, fileName,
                              "tensor '" + t.name + "' [" + std::to_string(info.offset) + ", +" +
                                  std::to_string(info.size) + "] is beyond the " + std::to_string(dataSize) +
                                  " bytes of data");
        }
        std::vector<std::size_t> byOffset;
        for (std::size_t k = 0; k < m_tensors.size(); ++k)
            if (infos[m_tensors[k].slot].size > 0)
                byOffset.push_back(k);
        std::sort(byOffset.begin(), byOffset.end(),
                  [&](auto a, auto b) { return infos[m_tensors[a].slot].offset < infos[m_tensors[b].slot].offset; });
        for (std::size_t k = 1; k < byOffset.size(); ++k) {
            const GgufInfo& prev = infos[m_tensors[byOffset[k - 1]].slot];
            if (infos[m_tensors[byOffset[k]].slot].offset < prev.offset + prev.size)
                throw IoError(IoErrorKind::BadOffsets, fileName,
                              "data of tensors '" + m_tensors[byOffset[k - 1]].name + "' and '" +
                                  m_tensors[byOffset[k]].name + "' overlap");
        }
        m_infos = std::move(infos);
        m_metadata["general.alignment"] = std::to_string(alignment);
        sortNaturally();
    }

    GgufTensorBytes raw(const ContainerTensor& t) const
    {
        const GgufInfo& info = m_infos[t.slot];
        checkMemoryLimit(std::int64_t(info.size / 4), t.shape, m_path + ":" + t.name);
        GgufTensorBytes out{info.type, info.ne0, std::vector<std::byte>(std::size_t(info.size))};
        m_source->read(m_dataOffset + info.offset, out.bytes.data(), out.bytes.size());
        return out;
    }

protected:
    LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const override
    {
        const ContainerTensor& t = m_tensors[index];
        const GgufInfo& info = m_infos[t.slot];
        checkMemoryLimit(t.count, t.shape, m_path + ":" + t.name);
        LoadedTensor out;
        out.name = t.name;
        out.dtype = t.dtype;
        out.tensor = Tensor(t.shape);
        const std::uint64_t at = m_dataOffset + info.offset;
        if (const auto plain = ggmlio::plainDType(info.type)) {
            convertToFloat(*m_source, at, *plain, false, t.count, out.tensor.data(), out.conversion, {}, progress);
            m_source->verifyUnchanged();
            return out;
        }
        const auto facts = ggmlio::typeFacts(info.type);
        // Row by row: each row is ne0 / blockSize whole blocks, read by position
        // in batches of rows of about kReadChunk bytes into one buffer.
        const std::int64_t rows = info.ne0 > 0 ? t.count / info.ne0 : 0;
        const std::size_t rowBytes = std::size_t(info.ne0 / facts->blockSize * facts->bytesPerBlock);
        const std::int64_t rowsPerRead =
            std::max<std::int64_t>(1, std::int64_t(kReadChunk / std::max<std::size_t>(rowBytes, 1)));
        const std::int64_t rowsPerReport =
            std::max<std::int64_t>(1, kProgressChunk / std::max<std::int64_t>(1, info.ne0));
        std::vector<std::byte> buffer;
        for (std::int64_t r0 = 0; r0 < rows; r0 += rowsPerRead) {
            const std::int64_t batch = std::min(rowsPerRead, rows - r0);
            buffer.resize(std::size_t(batch) * rowBytes);
            m_source->read(at + std::uint64_t(r0) * rowBytes, buffer.data(), buffer.size());
            for (std::int64_t k = 0; k < batch; ++k) {
                const std::int64_t r = r0 + k;
                ggmlio::dequantize(info.type,
                                   reinterpret_cast<const std::uint8_t*>(buffer.data()) + std::size_t(k) * rowBytes,
                                   info.ne0, out.tensor.data() + r * info.ne0);
                if ((r + 1) % rowsPerReport == 0)
                    reportProgress(progress, double(r + 1) / double(rows));
            }
        }
        m_source->verifyUnchanged();
        reportProgress(progress, 1.0);
        return out;
    }

private:
    std::shared_ptr<const ByteSource> m_source;
    std::uint64_t m_dataOffset = 0;
    std::vector<GgufInfo> m_infos;
};

} // namespace

bool looksLikeGguf(std::span<const std::byte> head)
{
    return head.size() >= 4 && std::memcmp(head.data(), "GGUF", 4) == 0;
}

namespace {

// The header is parsed from a prefix of the file read into memory: 1 MiB first,
// four times more after each Truncated error, up to the whole file or
// kMaxHeaderBytes (a 256k-token vocabulary takes a few MB). A source in memory
// is parsed in place.
constexpr std::uint64_t kMaxHeaderBytes = std::uint64_t(256) << 20;

std::unique_ptr<TensorContainer> openGgufSource(std::shared_ptr<const ByteSource> source)
{
    if (const auto mem = source->memory(); !mem.empty() || source->size() == 0)
        return std::make_unique<GgufContainer>(source, mem);
    const std::uint64_t size = source->size();
    const std::uint64_t limit = std::min(size, kMaxHeaderBytes);
    std::vector<std::byte> head;
    for (std::uint64_t want = std::min<std::uint64_t>(limit, std::uint64_t(1) << 20);;
         want = std::min(limit, want * 4)) {
        head.resize(std::size_t(want));
        source->read(0, head.data(), head.size());
        try {
            return std::make_unique<GgufContainer>(source, head);
        } catch (const IoError& e) {
            if (e.kind() != IoErrorKind::Truncated || want == size)
                throw;
            if (want == limit)
                throw IoError(IoErrorKind::TooLarge, source->name(),
                              "the GGUF header is larger than the limit of " + std::to_string(kMaxHeaderBytes) +
                                  " bytes (or its counts lie)");
        }
    }
}

} // namespace

std::unique_ptr<TensorContainer> openGguf(std::span<const std::byte> bytes, const std::string& fileName)
{
    return openGgufSource(std::make_shared<const MemorySource>(bytes, fileName));
}

std::unique_ptr<TensorContainer> openGgufFile(const std::string& path)
{
    return openGgufSource(std::make_shared<const InputFile>(path));
}

GgufTensorBytes ggufTensorBytes(const TensorContainer& container, const std::string& name)
{
    const auto* g = dynamic_cast<const GgufContainer*>(&container);
    if (!g)
        throw IoError(IoErrorKind::UnknownTensor, container.path(), "is not a GGUF file");
    return g->raw(container.pick(name));
}

} // namespace qs
