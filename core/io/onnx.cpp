#include "io/onnx.h"

#include "io/dtype.h"
#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/protobuf.h"

#include <QFileInfo>

#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace qs {
namespace {

// onnx.proto TensorProto.DataType.
std::optional<DType> onnxType(std::int64_t t)
{
    switch (t) {
    case 1: return DType::F32;
    case 2: return DType::U8;
    case 3: return DType::I8;
    case 4: return DType::U16;
    case 5: return DType::I16;
    case 6: return DType::I32;
    case 7: return DType::I64;
    case 9: return DType::Bool;
    case 10: return DType::F16;
    case 11: return DType::F64;
    case 12: return DType::U32;
    case 13: return DType::U64;
    case 16: return DType::BF16;
    case 17: return DType::F8E4M3;
    case 19: return DType::F8E5M2;
    case 21: return DType::U4;
    case 22: return DType::I4;
    case 23: return DType::F4E2M1;
    default: return std::nullopt;
    }
}

std::string onnxTypeName(std::int64_t t)
{
    static const char* names[] = {"UNDEFINED",      "FLOAT",    "UINT8",        "INT8",           "UINT16",
                                  "INT16",          "INT32",    "INT64",        "STRING",         "BOOL",
                                  "FLOAT16",        "DOUBLE",   "UINT32",       "UINT64",         "COMPLEX64",
                                  "COMPLEX128",     "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2",
                                  "FLOAT8E5M2FNUZ", "UINT4",    "INT4",         "FLOAT4E2M1"};
    return t >= 0 && t < std::int64_t(std::size(names)) ? names[t] : "type " + std::to_string(t);
}

struct External
{
    std::string location;
    std::uint64_t offset = 0;
    std::optional<std::uint64_t> length;
};

// Where one tensor's values are.
struct OnnxTensor
{
    std::int64_t dataType = 0;
    DType dtype = DType::F32;
    std::span<const std::byte> message; // the TensorProto, parsed again when read
    bool external = false;
    External ext;
};

std::string shortNumber(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

constexpr std::uint64_t kMaxOnnxBytes = std::uint64_t(2) << 30;

class OnnxContainer : public TensorContainer
{
public:
    // `owned` holds the bytes when they were read from a file (empty: `bytes` belongs to the caller).
    OnnxContainer(std::span<const std::byte> bytes, const std::string& fileName, const std::string& folder,
                  std::vector<std::byte> owned = {})
        : TensorContainer(fileName), m_owned(std::move(owned)), m_folder(folder)
    {
        m_format = "onnx";
        ProtoReader model(bytes, fileName);
        ProtoField f;
        std::span<const std::byte> graph;
        bool haveGraph = false;
        while (model.next(f)) {
            if (f.number == 7 && f.wireType == 2) {
                graph = f.bytes;
                haveGraph = true;
            } else if (f.number == 1 && f.wireType == 0) {
                m_metadata["ir_version"] = std::to_string(f.varint);
            } else if ((f.number == 2 || f.number == 3) && f.wireType == 2) {
                setText(f.number == 2 ? "producer_name" : "producer_version", f.text());
            } else if (f.number == 8 && f.wireType == 2) {
                readOpset(f.bytes);
            }
        }
        if (!haveGraph)
            throw IoError(IoErrorKind::BadHeader, fileName, "an ONNX model without a graph (or not an ONNX file)");
        readGraph(graph);
        describeQdq();
        sortNaturally();
    }

protected:
    LoadedTensor readAt(std::size_t index, const ProgressCallback& progress) const override
    {
        const ContainerTensor& t = m_tensors[index];
        const OnnxTensor& o = m_onnx[t.slot];
        const std::string where = m_path + ":" + t.name;
        checkMemoryLimit(t.count, t.shape, where);
        LoadedTensor out;
        out.name = t.name;
        out.dtype = t.dtype;
        out.tensor = Tensor(t.shape);
        if (o.external) {
            const auto file = externalFile(o.ext.location, where);
            convertToFloat(*file, o.ext.offset, o.dtype, false, t.count, out.tensor.data(), out.conversion, {},
                           progress);
            file->verifyUnchanged();
            return out;
        }
        // raw_data, or the typed field repacked into little-endian elements first.
        ProtoReader r(o.message, m_path);
        ProtoField f;
        std::vector<std::byte> packed;
        while (r.next(f)) {
            if (f.number == 9 && f.wireType == 2) {
                convertToFloat(f.bytes.data(), o.dtype, false, t.count, out.tensor.data(), out.conversion, {},
                               progress);
                return out;
            }
        }
        packed = typedValues(o, t.count, where);
        convertToFloat(packed.data(), o.dtype, false, t.count, out.tensor.data(), out.conversion, {}, progress);
        return out;
    }

private:
    void setText(const std::string& key, std::string_view v)
    {
        std::string s(v.substr(0, 200));
        if (firstInvalidUtf8(s) < 0)
            m_metadata[key] = s;
    }

    void readOpset(std::span<const std::byte> bytes)
    {
        ProtoReader r(bytes, m_path);
        ProtoField f;
        std::string domain;
        std::uint64_t version = 0;
        while (r.next(f)) {
            if (f.number == 1 && f.wireType == 2)
                domain = std::string(f.text());
            else if (f.number == 2 && f.wireType == 0)
                version = f.varint;
        }
        if (firstInvalidUtf8(domain) < 0 && domain.size() < 100)
            m_metadata["opset " + (domain.empty() ? std::string("ai.onnx") : domain)] = std::to_string(version);
    }

    void readGraph(std::span<const std::byte> bytes)
    {
        ProtoReader g(bytes, m_path);
        ProtoField f;
        while (g.next(f)) {
            if (f.wireType != 2)
                continue;
            if (f.number == 5) // initializer
                addTensor(f.bytes, {});
            else if (f.number == 1) // node
                readNode(f.bytes);
            else if (f.number == 15) // sparse_initializer
                addSparse(f.bytes);
            else if (f.number == 2)
                setText("graph", f.text());
        }
    }

    struct Node
    {
        std::string opType;
        std::vector<std::string> inputs, outputs;
        std::optional<std::int64_t> axis, blockSize;
    };

    void readNode(std::span<const std::byte> bytes)
    {
        ProtoReader r(bytes, m_path);
        ProtoField f;
        Node node;
        std::vector<std::span<const std::byte>> attributes;
        while (r.next(f)) {
            if (f.wireType != 2)
                continue;
            if (f.number == 1)
                node.inputs.emplace_back(f.text());
            else if (f.number == 2)
                node.outputs.emplace_back(f.text());
            else if (f.number == 4)
                node.opType = std::string(f.text());
            else if (f.number == 5)
                attributes.push_back(f.bytes);
        }
        if (node.opType != "DequantizeLinear" && node.opType != "Constant")
            return;
        for (const auto& a : attributes) {
            ProtoReader ar(a, m_path);
            std::string name;
            std::optional<std::int64_t> i;
            std::span<const std::byte> tensor;
            bool haveTensor = false;
            while (ar.next(f)) {
                if (f.number == 1 && f.wireType == 2)
                    name = std::string(f.text());
                else if (f.number == 3 && f.wireType == 0)
                    i = std::int64_t(f.varint);
                else if (f.number == 5 && f.wireType == 2) {
                    tensor = f.bytes;
                    haveTensor = true;
                }
            }
            if (node.opType == "Constant" && name == "value" && haveTensor && !node.outputs.empty())
                addTensor(tensor, node.outputs[0]);
            else if (name == "axis")
                node.axis = i;
            else if (name == "block_size")
                node.blockSize = i;
        }
        if (node.opType == "DequantizeLinear" && node.inputs.size() >= 2)
            m_dequant.push_back(std::move(node));
    }

    void addSparse(std::span<const std::byte> bytes)
    {
        ProtoReader r(bytes, m_path);
        ProtoField f;
        while (r.next(f)) {
            if (f.number == 1 && f.wireType == 2) { // values: a TensorProto whose name is the tensor's
                const std::size_t before = m_tensors.size();
                addTensor(f.bytes, {});
                if (m_tensors.size() > before) {
                    m_tensors.back().shape.clear();
                    m_tensors.back().refusal = "a sparse initializer (only dense tensors are read)";
                }
            }
        }
    }

    // Parses a TensorProto's header fields: name, dims, type, where the data is.
    void addTensor(std::span<const std::byte> bytes, const std::string& nameOverride)
    {
        ProtoReader r(bytes, m_path);
        ProtoField f;
        ContainerTensor t;
        OnnxTensor o;
        o.message = bytes;
        std::uint64_t rawBytes = 0, typedCount = 0;
        bool haveRaw = false, haveSegment = false;
        std::vector<std::pair<std::string, std::string>> external;
        while (r.next(f)) {
            switch (f.number) {
            case 1: // dims: packed or one varint each
                if (f.wireType == 2) {
                    ProtoReader d(f.bytes, m_path);
                    while (!d.atEnd())
                        pushDim(t, d.varint());
                } else if (f.wireType == 0) {
                    pushDim(t, f.varint);
                }
                break;
            case 2: o.dataType = std::int64_t(f.varint); break;
            case 3: haveSegment = true; break;
            case 8: t.name = std::string(f.text()); break;
            case 9:
                haveRaw = true;
                rawBytes = f.bytes.size();
                break;
            case 4:
            case 5:
            case 7:
            case 10:
            case 11: typedCount += countElements(f); break;
            case 13: external.push_back(stringPair(f.bytes)); break;
            case 14: o.external = f.varint == 1; break;
            default: break;
            }
        }
        if (!nameOverride.empty())
            t.name = nameOverride;
        if (t.name.empty())
            throw IoError(IoErrorKind::BadHeader, m_path, "an initializer without a name");
        if (firstInvalidUtf8(t.name) >= 0)
            throw IoError(IoErrorKind::BadUtf8, m_path, "a tensor name is not valid UTF-8");
        if (!m_names.insert(t.name).second)
            throw IoError(IoErrorKind::DuplicateName, m_path, "two tensors are named '" + t.name + "'");
        const std::string where = m_path + ":" + t.name;
        t.count = shapeProduct(t.shape, where);
        t.dtype = onnxTypeName(o.dataType);
        const auto dtype = onnxType(o.dataType);
        if (!dtype) {
            t.refusal = "ONNX element type " + onnxTypeName(o.dataType) + " is not read";
        } else if (haveSegment) {
            t.refusal = "a segmented tensor (TensorProto.segment) is not read";
        } else {
            o.dtype = *dtype;
            t.dtype = dtypeName(*dtype);
            const std::int64_t need = storageBytes(*dtype, t.count);
            if (need < 0)
                throw IoError(IoErrorKind::BadShape, where, "shape " + Tensor::shapeString(t.shape) + " is too large");
            t.bytes = std::uint64_t(need);
            if (o.external) {
                o.ext = parseExternal(external, where);
                const std::uint64_t length = o.ext.length.value_or(std::uint64_t(need));
                if (length != std::uint64_t(need))
                    throw IoError(IoErrorKind::SizeMismatch, where,
                                  "external data length " + std::to_string(length) + " but shape " +
                                      Tensor::shapeString(t.shape) + " of " + t.dtype + " needs " +
                                      std::to_string(need) + " bytes");
                const auto file = externalFile(o.ext.location, where);
                const std::uint64_t size = file->size();
                if (o.ext.offset > size || length > size - o.ext.offset)
                    throw IoError(IoErrorKind::BadOffsets, where,
                                  "external data [" + std::to_string(o.ext.offset) + ", +" + std::to_string(length) +
                                      "] is beyond the " + std::to_string(size) + " bytes of '" + o.ext.location + "'");
            } else if (haveRaw) {
                if (rawBytes != std::uint64_t(need))
                    throw IoError(IoErrorKind::SizeMismatch, where,
                                  "raw_data holds " + std::to_string(rawBytes) + " bytes, but shape " +
                                      Tensor::shapeString(t.shape) + " of " + t.dtype + " needs " +
                                      std::to_string(need));
            } else if (typedCount != std::uint64_t(t.count)) {
                if (isPacked(*dtype))
                    t.refusal = "4-bit values in typed fields are not read (only raw_data)";
                else
                    throw IoError(IoErrorKind::SizeMismatch, where,
                                  "holds " + std::to_string(typedCount) + " values, but shape " +
                                      Tensor::shapeString(t.shape) + " has " + std::to_string(t.count));
            }
        }
        t.slot = m_onnx.size();
        m_onnx.push_back(o);
        m_tensors.push_back(std::move(t));
    }

    void pushDim(ContainerTensor& t, std::uint64_t d)
    {
        if (t.shape.size() >= 64)
            throw IoError(IoErrorKind::BadShape, m_path, "a tensor with more than 64 dimensions");
        if (d > std::uint64_t(INT64_MAX))
            throw IoError(IoErrorKind::BadShape, m_path, "a negative dimension");
        t.shape.push_back(std::int64_t(d));
    }

    // Elements in one occurrence of a typed field: packed (wire type 2) or a single value.
    std::uint64_t countElements(const ProtoField& f) const
    {
        if (f.wireType != 2)
            return 1;
        if (f.number == 4) // float_data: fixed32
            return f.bytes.size() / 4;
        if (f.number == 10) // double_data: fixed64
            return f.bytes.size() / 8;
        std::uint64_t n = 0; // varints: one terminating byte (high bit clear) each
        for (std::byte b : f.bytes)
            n += (std::to_integer<unsigned>(b) & 0x80) == 0;
        return n;
    }

    std::pair<std::string, std::string> stringPair(std::span<const std::byte> bytes) const
    {
        ProtoReader r(bytes, m_path);
        ProtoField f;
        std::pair<std::string, std::string> kv;
        while (r.next(f)) {
            if (f.number == 1 && f.wireType == 2)
                kv.first = std::string(f.text());
            else if (f.number == 2 && f.wireType == 2)
                kv.second = std::string(f.text());
        }
        return kv;
    }

    External parseExternal(const std::vector<std::pair<std::string, std::string>>& kv, const std::string& where) const
    {
        External e;
        auto number = [&](const std::string& key, const std::string& v) {
            if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos)
                throw IoError(IoErrorKind::BadHeader, where,
                              "external data " + key + " '" + v.substr(0, 40) + "' is not a number");
            return std::uint64_t(std::stoull(v));
        };
        for (const auto& [k, v] : kv) {
            if (k == "location")
                e.location = v;
            else if (k == "offset")
                e.offset = number(k, v);
            else if (k == "length")
                e.length = number(k, v);
        }
        if (e.location.empty())
            throw IoError(IoErrorKind::BadHeader, where, "external data without a location");
        return e;
    }

    // The external file, which must lie inside the model's folder.
    std::shared_ptr<const InputFile> externalFile(const std::string& location, const std::string& where) const
    {
        const std::lock_guard lock(m_externalMutex);
        if (const auto it = m_external.find(location); it != m_external.end())
            return it->second;
        if (m_folder.empty())
            throw IoError(IoErrorKind::Refused, where, "external data '" + location + "' without a model folder");
        const std::string canonical = resolveInsideFolder(m_folder, location, where, "external data");
        auto file = std::make_shared<const InputFile>(canonical);
        m_external.emplace(location, file);
        return file;
    }

    // The typed field's values as little-endian elements of o.dtype (onnx.proto: int32_data
    // holds int8/int16/uint8/uint16/bool and the bits of float16/bfloat16/float8; uint64_data
    // holds uint32/uint64; int64_data int64; float_data float; double_data double).
    std::vector<std::byte> typedValues(const OnnxTensor& o, std::int64_t count, const std::string& where) const
    {
        const int item = itemSize(o.dtype);
        std::vector<std::byte> out(std::size_t(count) * std::size_t(item));
        std::size_t n = 0;
        int field = 5; // int32_data
        bool fixed = false;
        std::int64_t lo = 0;
        std::uint64_t hi = 0; // the range of the element type; bits as the field holds them
        switch (o.dtype) {
        case DType::F32: field = 4, fixed = true; break;
        case DType::F64: field = 10, fixed = true; break;
        case DType::I64: field = 7, lo = INT64_MIN, hi = INT64_MAX; break;
        case DType::U32: field = 11, hi = UINT32_MAX; break;
        case DType::U64: field = 11, hi = UINT64_MAX; break;
        case DType::I32: lo = INT32_MIN, hi = INT32_MAX; break;
        case DType::I16: lo = INT16_MIN, hi = INT16_MAX; break;
        case DType::I8: lo = INT8_MIN, hi = INT8_MAX; break;
        case DType::U16:
        case DType::F16:
        case DType::BF16: hi = UINT16_MAX; break;
        default: hi = UINT8_MAX; break; // uint8, bool, float8 bits
        }
        auto put = [&](std::uint64_t bits) {
            if (n >= std::size_t(count))
                throw IoError(IoErrorKind::SizeMismatch, where, "more typed values than the shape holds");
            const bool fits =
                fixed || (lo < 0 ? std::int64_t(bits) >= lo && std::int64_t(bits) <= std::int64_t(hi) : bits <= hi);
            if (!fits)
                throw IoError(IoErrorKind::BadHeader, where,
                              "typed value " + std::to_string(std::int64_t(bits)) + " does not fit " +
                                  dtypeName(o.dtype));
            for (int k = 0; k < item; ++k)
                out[n * std::size_t(item) + std::size_t(k)] = std::byte((bits >> (8 * k)) & 0xff);
            ++n;
        };
        ProtoReader r(o.message, m_path);
        ProtoField f;
        while (r.next(f)) {
            if (int(f.number) != field)
                continue;
            if (fixed) {
                const std::size_t width = std::size_t(item);
                if (f.wireType == 2) {
                    for (std::size_t k = 0; k + width <= f.bytes.size(); k += width) {
                        std::uint64_t bits = 0;
                        std::memcpy(&bits, f.bytes.data() + k, width);
                        put(bits);
                    }
                } else {
                    put(f.varint);
                }
                continue;
            }
            // int32_data/int64_data are int32/int64 varints: negative values are sign-extended to 64 bits.
            auto value = [&](std::uint64_t v) {
                if (field == 5)
                    v = std::uint64_t(std::int64_t(std::int32_t(std::uint32_t(v))));
                put(v);
            };
            if (f.wireType == 2) {
                ProtoReader d(f.bytes, m_path);
                while (!d.atEnd())
                    value(d.varint());
            } else {
                value(f.varint);
            }
        }
        if (n != std::size_t(count))
            throw IoError(IoErrorKind::SizeMismatch, where, "fewer typed values than the shape holds");
        return out;
    }

    void describeQdq()
    {
        std::map<std::string, std::size_t> byName;
        for (std::size_t k = 0; k < m_tensors.size(); ++k)
            byName[m_tensors[k].name] = k;
        auto describe = [&](const std::string& name) -> std::string {
            const auto it = byName.find(name);
            if (it == byName.end())
                return name + " (not a constant)";
            const ContainerTensor& t = m_tensors[it->second];
            if (t.count == 1 && t.refusal.empty()) {
                const LoadedTensor v = readAt(it->second, {}); // one value: cheap
                return shortNumber(v.tensor.data()[0]) + " (" + name + ")";
            }
            return name + " " + Tensor::shapeString(t.shape) + " " + t.dtype;
        };
        for (const Node& n : m_dequant) {
            const auto it = byName.find(n.inputs[0]);
            if (it == byName.end())
                continue; // an activation, not a weight
            const auto scale = byName.find(n.inputs[1]);
            const bool perTensor = scale != byName.end() && m_tensors[scale->second].count == 1;
            std::string q = "DequantizeLinear ";
            if (perTensor)
                q += "per-tensor";
            else if (n.blockSize && *n.blockSize > 0)
                q += "blocked, axis " + std::to_string(n.axis.value_or(1)) + ", block size " +
                     std::to_string(*n.blockSize);
            else
                q += "per-axis, axis " + std::to_string(n.axis.value_or(1));
            q += ": scale " + describe(n.inputs[1]);
            if (n.inputs.size() >= 3 && !n.inputs[2].empty())
                q += ", zero point " + describe(n.inputs[2]);
            else
                q += ", zero point 0 (none given)";
            std::string& dst = m_tensors[it->second].quantization;
            dst += (dst.empty() ? "" : "; ") + q;
        }
    }

    std::vector<std::byte> m_owned;
    std::string m_folder;
    std::vector<OnnxTensor> m_onnx;
    std::set<std::string> m_names;
    std::vector<Node> m_dequant;
    mutable std::mutex m_externalMutex;
    mutable std::map<std::string, std::shared_ptr<const InputFile>> m_external;
};

} // namespace

std::unique_ptr<TensorContainer> openOnnx(std::span<const std::byte> bytes, const std::string& fileName,
                                          const std::string& folder)
{
    return std::make_unique<OnnxContainer>(bytes, fileName, folder);
}

std::unique_ptr<TensorContainer> openOnnxFile(const std::string& path)
{
    // The model protobuf is read whole into memory (protobuf caps a message at 2 GiB;
    // larger models keep their weights in external data files, which are read by
    // position when a tensor is asked for).
    const InputFile file(path);
    if (file.size() > kMaxOnnxBytes)
        throw IoError(IoErrorKind::TooLarge, path,
                      "an ONNX model file of " + std::to_string(file.size()) +
                          " bytes is beyond protobuf's 2 GiB limit (large models keep their weights in external data)");
    std::vector<std::byte> bytes(std::size_t(file.size()));
    file.read(0, bytes.data(), bytes.size());
    file.verifyUnchanged();
    const std::span<const std::byte> view(bytes);
    const std::string folder = QFileInfo(QString::fromStdString(path)).absolutePath().toStdString();
    return std::make_unique<OnnxContainer>(view, path, folder, std::move(bytes));
}

} // namespace qs
