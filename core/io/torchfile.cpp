#include "io/torchfile.h"

#include "io/dtype.h"
#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/pickle.h"
#include "io/zipreader.h"

#include <cstring>
#include <map>
#include <set>

namespace qs {
namespace {

struct StorageType
{
    const char* name;
    DType dtype;
};
// torch.XStorage -> element type (torch/storage.py).
constexpr StorageType kStorageTypes[] = {{"FloatStorage", DType::F32},
                                         {"DoubleStorage", DType::F64},
                                         {"HalfStorage", DType::F16},
                                         {"BFloat16Storage", DType::BF16},
                                         {"LongStorage", DType::I64},
                                         {"IntStorage", DType::I32},
                                         {"ShortStorage", DType::I16},
                                         {"CharStorage", DType::I8},
                                         {"ByteStorage", DType::U8},
                                         {"BoolStorage", DType::Bool},
                                         {"Float8_e4m3fnStorage", DType::F8E4M3},
                                         {"Float8_e5m2Storage", DType::F8E5M2},
                                         {"UInt16Storage", DType::U16},
                                         {"UInt32Storage", DType::U32},
                                         {"UInt64Storage", DType::U64}};

const StorageType* storageType(const std::string& name)
{
    for (const auto& s : kStorageTypes)
        if (name == s.name)
            return &s;
    return nullptr;
}

struct TorchTensor
{
    pickle::TensorRef ref;
    DType dtype = DType::F32;
    std::size_t entry = 0; // zip entry of the storage
};

constexpr std::size_t kMaxDepth = 32;         // nesting of dicts/lists searched for tensors
constexpr std::size_t kMaxVisits = 4'000'000; // values visited (a DAG of shared lists could be exponential)

class TorchContainer : public TensorContainer
{
public:
    explicit TorchContainer(std::shared_ptr<const ByteSource> source)
        : TensorContainer(source->name()), m_zip(std::move(source))
    {
        const std::string& fileName = m_path;
        m_format = "pytorch";
        findLayout();
        const ZipEntry& pklEntry = *m_zip.find(m_prefix + "data.pkl");
        const pickle::Limits limits;
        if (pklEntry.size > limits.maxBytes)
            throw IoError(IoErrorKind::TooLarge, fileName,
                          "data.pkl of " + std::to_string(pklEntry.size) + " bytes exceeds the limit of " +
                              std::to_string(limits.maxBytes));
        std::vector<std::byte> pkl(static_cast<std::size_t>(pklEntry.size));
        m_zip.extract(pklEntry, pkl);
        const pickle::Document doc = pickle::unpickle(pkl, fileName + " (data.pkl)", limits);
        std::size_t visits = 0;
        walk(doc.root(), "", 0, visits);
        sortNaturally();
    }

protected:
    LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const override
    {
        const ContainerTensor& t = m_tensors[index];
        const TorchTensor& tt = m_torch[t.slot];
        const std::string where = m_path + ":" + t.name;
        checkMemoryLimit(t.count, t.shape, where);
        const ZipEntry& e = m_zip.entries()[tt.entry];
        // A stored storage is read by position; only a non-contiguous view or a
        // deflated storage needs the whole storage in memory first.
        const int item = itemSize(tt.dtype);
        const auto& size = tt.ref.size;
        const auto& stride = tt.ref.stride;
        bool contiguous = true;
        std::int64_t expect = 1;
        for (std::size_t k = size.size(); k-- > 0;) {
            if (size[k] != 1 && stride[k] != expect)
                contiguous = false;
            expect *= size[k];
        }
        std::vector<std::byte> storage;
        if (e.method == 0 && (contiguous || t.count == 0)) {
            m_zip.verifyStored(e);
            LoadedTensor out;
            out.name = t.name;
            out.dtype = t.dtype;
            out.tensor = Tensor(t.shape);
            convertToFloat(m_zip.source(), e.dataOffset + std::uint64_t(tt.ref.offset) * std::uint64_t(item), tt.dtype,
                           m_bigEndian, t.count, out.tensor.data(), out.conversion, {}, progress);
            m_zip.source().verifyUnchanged();
            return out;
        }
        if (e.size / 4 > std::uint64_t(maxTensorElements()))
            throw IoError(IoErrorKind::TooLarge, where, "its storage exceeds the memory limit");
        storage.resize(std::size_t(e.size));
        m_zip.extract(e, storage); // CRC checked
        m_zip.source().verifyUnchanged();
        LoadedTensor out;
        out.name = t.name;
        out.dtype = t.dtype;
        out.tensor = Tensor(t.shape);
        // C-contiguous views are converted straight from the storage.
        const std::byte* base = storage.data() + std::size_t(tt.ref.offset) * std::size_t(item);
        if (contiguous || t.count == 0) {
            convertToFloat(base, tt.dtype, m_bigEndian, t.count, out.tensor.data(), out.conversion, {}, progress);
            return out;
        }
        // Any other view: gather its elements in C order (an odometer over the sizes), then convert.
        std::vector<std::byte> packed(std::size_t(t.count) * std::size_t(item));
        std::vector<std::int64_t> index_(size.size(), 0);
        std::int64_t offset = 0;
        for (std::int64_t i = 0; i < t.count; ++i) {
            std::memcpy(packed.data() + std::size_t(i) * std::size_t(item), base + offset * item, std::size_t(item));
            for (std::size_t k = size.size(); k-- > 0;) {
                offset += stride[k];
                if (++index_[k] < size[k])
                    break;
                offset -= stride[k] * size[k];
                index_[k] = 0;
            }
        }
        convertToFloat(packed.data(), tt.dtype, m_bigEndian, t.count, out.tensor.data(), out.conversion, {}, progress);
        return out;
    }

private:
    void findLayout()
    {
        std::string pkl;
        for (const auto& e : m_zip.entries()) {
            const auto slash = e.name.find('/');
            if (slash != std::string::npos && e.name.compare(slash, std::string::npos, "/data.pkl") == 0) {
                if (!pkl.empty())
                    throw IoError(IoErrorKind::BadHeader, m_path, "the archive holds more than one data.pkl");
                pkl = e.name;
            }
        }
        if (pkl.empty())
            throw IoError(IoErrorKind::BadMagic, m_path,
                          "a zip archive without NAME/data.pkl: neither a torch.save checkpoint nor an .npz");
        m_prefix = pkl.substr(0, pkl.size() - 8);
        for (const auto& e : m_zip.entries())
            if (e.name == m_prefix + "constants.pkl" || e.name.rfind(m_prefix + "code/", 0) == 0)
                throw IoError(IoErrorKind::Refused, m_path,
                              "a TorchScript archive (torch.jit.save) holds code, which is never run; save "
                              "model.state_dict() with torch.save instead");
        if (const ZipEntry* bo = m_zip.find(m_prefix + "byteorder")) {
            const auto order = m_zip.head(*bo, 16);
            const std::string s(reinterpret_cast<const char*>(order.data()), order.size());
            if (s == "big")
                m_bigEndian = true;
            else if (s != "little")
                throw IoError(IoErrorKind::BadHeader, m_path, "unknown byteorder '" + s.substr(0, 16) + "'");
        }
        if (const ZipEntry* v = m_zip.find(m_prefix + "version")) {
            const auto version = m_zip.head(*v, 16);
            std::string s(reinterpret_cast<const char*>(version.data()), version.size());
            while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
                s.pop_back();
            if (firstInvalidUtf8(s) < 0)
                m_metadata["version"] = s;
        }
    }

    void walk(const pickle::Value* v, const std::string& name, std::size_t depth, std::size_t& visits)
    {
        using K = pickle::Value::Kind;
        if (++visits > kMaxVisits)
            throw IoError(IoErrorKind::TooLarge, m_path, "the pickle's object graph is too large to search");
        if (depth > kMaxDepth)
            throw IoError(IoErrorKind::TooLarge, m_path,
                          "dicts and lists nested more than " + std::to_string(kMaxDepth) + " deep");
        auto child = [&](const std::string& key) { return name.empty() ? key : name + "." + key; };
        switch (v->kind) {
        case K::Tensor: addTensor(*v->tensor, name.empty() ? std::string("tensor") : name); break;
        case K::Dict:
            for (const auto& [key, value] : v->map) {
                std::string k;
                if (key->kind == K::String)
                    k = key->s;
                else if (key->kind == K::Int)
                    k = std::to_string(key->i);
                else
                    continue; // no tensor name can come from other keys
                if (depth == 0 && m_metadata.size() < 50)
                    scalarMetadata(k, value);
                walk(value, child(k), depth + 1, visits);
            }
            break;
        case K::List:
        case K::Tuple:
            for (std::size_t i = 0; i < v->items.size(); ++i)
                walk(v->items[i], child(std::to_string(i)), depth + 1, visits);
            break;
        default: break;
        }
    }

    void scalarMetadata(const std::string& key, const pickle::Value* v)
    {
        using K = pickle::Value::Kind;
        if (v->kind == K::Int)
            m_metadata[key] = std::to_string(v->i);
        else if (v->kind == K::Bool)
            m_metadata[key] = v->i ? "True" : "False";
        else if (v->kind == K::Float)
            m_metadata[key] = std::to_string(v->f);
        else if (v->kind == K::String && v->s.size() <= 200 && firstInvalidUtf8(v->s) < 0)
            m_metadata[key] = v->s;
    }

    void addTensor(const pickle::TensorRef& ref, const std::string& name)
    {
        const std::string where = m_path + ":" + name;
        if (!m_names.insert(name).second)
            throw IoError(IoErrorKind::DuplicateName, m_path, "two tensors are named '" + name + "'");
        const StorageType* st = storageType(ref.storage.type);
        if (!st)
            throw IoError(IoErrorKind::UnsupportedDtype, where, "unsupported storage type " + ref.storage.type);
        const std::string& key = ref.storage.key;
        if (key.empty() || key.size() > 64 ||
            key.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != std::string::npos)
            throw IoError(IoErrorKind::BadHeader, where, "storage key '" + key.substr(0, 64) + "' is not a plain name");
        const ZipEntry* e = m_zip.find(m_prefix + "data/" + key);
        if (!e)
            throw IoError(IoErrorKind::BadOffsets, where, "storage '" + key + "' is missing from the archive");
        const std::uint64_t item = std::uint64_t(itemSize(st->dtype));
        // The storage's declared size must be exactly the bytes in the archive (CVE-2026-24747
        // was a mismatch here), and every reference to it must agree on its type and size.
        if (std::uint64_t(ref.storage.numel) > e->size / item || std::uint64_t(ref.storage.numel) * item != e->size)
            throw IoError(IoErrorKind::SizeMismatch, where,
                          "storage '" + key + "' declares " + std::to_string(ref.storage.numel) + " " +
                              ref.storage.type + " elements, but holds " + std::to_string(e->size) + " bytes");
        const auto [it, fresh] = m_storages.emplace(key, ref.storage);
        if (!fresh && (it->second.type != ref.storage.type || it->second.numel != ref.storage.numel))
            throw IoError(IoErrorKind::BadHeader, where, "storage '" + key + "' is declared twice differently");
        if (ref.size.size() != ref.stride.size())
            throw IoError(IoErrorKind::BadShape, where, "size and stride have different lengths");
        ContainerTensor t;
        t.name = name;
        t.shape = Shape(ref.size.begin(), ref.size.end());
        t.count = shapeProduct(t.shape, where);
        if (ref.offset < 0)
            throw IoError(IoErrorKind::BadOffsets, where, "negative storage offset");
        // The last element the view touches: offset + sum (size_k - 1) * stride_k < numel.
        if (t.count > 0) {
            std::uint64_t last = std::uint64_t(ref.offset);
            for (std::size_t k = 0; k < ref.size.size(); ++k) {
                if (ref.stride[k] < 0)
                    throw IoError(IoErrorKind::BadOffsets, where, "negative stride");
                const std::uint64_t reach = std::uint64_t(ref.size[k] - 1);
                if (ref.stride[k] != 0 && reach > (std::uint64_t(1) << 62) / std::uint64_t(ref.stride[k]))
                    throw IoError(IoErrorKind::BadOffsets, where, "stride overflows");
                last += reach * std::uint64_t(ref.stride[k]);
                if (last >= (std::uint64_t(1) << 62))
                    throw IoError(IoErrorKind::BadOffsets, where, "view overflows");
            }
            if (last >= std::uint64_t(ref.storage.numel))
                throw IoError(IoErrorKind::BadOffsets, where,
                              "the view (offset " + std::to_string(ref.offset) + ", size " +
                                  Tensor::shapeString(t.shape) + ") reaches element " + std::to_string(last) +
                                  " of a storage of " + std::to_string(ref.storage.numel));
        }
        t.dtype = dtypeName(st->dtype);
        t.bytes = std::uint64_t(t.count) * item;
        t.slot = m_torch.size();
        m_torch.push_back({ref, st->dtype, std::size_t(e - m_zip.entries().data())});
        m_tensors.push_back(std::move(t));
    }

    ZipArchive m_zip;
    std::string m_prefix;
    bool m_bigEndian = false;
    std::vector<TorchTensor> m_torch;
    std::set<std::string> m_names;
    std::map<std::string, pickle::StorageRef> m_storages;
};

} // namespace

bool looksLikeLegacyTorch(std::span<const std::byte> head)
{
    // pickle PROTO 2, LONG1 of 10 bytes: torch.serialization's MAGIC_NUMBER 0x1950a86a20f9469cfc6c.
    static const unsigned char magic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c,
                                          0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
    return head.size() >= sizeof magic && std::memcmp(head.data(), magic, sizeof magic) == 0;
}

std::unique_ptr<TensorContainer> openTorch(std::span<const std::byte> bytes, const std::string& fileName)
{
    return std::make_unique<TorchContainer>(std::make_shared<const MemorySource>(bytes, fileName));
}

std::unique_ptr<TensorContainer> openTorchFile(const std::string& path)
{
    auto file = std::make_shared<const InputFile>(path);
    const std::string head = file->readString(0, std::size_t(std::min<std::uint64_t>(file->size(), 16)));
    if (looksLikeLegacyTorch({reinterpret_cast<const std::byte*>(head.data()), head.size()}))
        throw IoError(IoErrorKind::UnsupportedDtype, path,
                      "the legacy PyTorch format (before 1.6) is not read; re-save it with a current torch.save");
    return std::make_unique<TorchContainer>(std::move(file));
}

} // namespace qs
