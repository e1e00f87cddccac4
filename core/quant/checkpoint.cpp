#include "quant/checkpoint.h"

#include "io/atomicfile.h"

#include "formats/error.h"
#include "quant/ggmlquant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cfloat>
#include <cmath>
#include <cstring>

namespace qs {

namespace {

// Values of `bits` bits each (their low bits, two's complement), LSB first.
class BitPacker
{
public:
    explicit BitPacker(int bits) : m_bits(bits) {}
    void put(std::int64_t v)
    {
        const std::uint64_t u = std::uint64_t(v);
        for (int b = 0; b < m_bits; ++b, ++m_pos) {
            if (m_pos % 8 == 0)
                m_bytes.push_back(0);
            if ((u >> b) & 1u)
                m_bytes.back() |= std::uint8_t(1u << (m_pos % 8));
        }
    }
    std::vector<std::uint8_t> take() { return std::move(m_bytes); }

private:
    int m_bits;
    std::uint64_t m_pos = 0;
    std::vector<std::uint8_t> m_bytes;
};

template <class T> void append(std::vector<std::uint8_t>& out, T v)
{
    std::uint8_t b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T)); // little-endian host (x86-64, as the rest of io/)
    out.insert(out.end(), b, b + sizeof(T));
}

std::uint16_t halfBits(float v)
{
    const _Float16 h = static_cast<_Float16>(v); // already fp16-rounded: exact
    std::uint16_t u;
    std::memcpy(&u, &h, sizeof u);
    return u;
}

std::uint16_t bf16Bits(float v)
{
    std::uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    return std::uint16_t(u >> 16); // already bf16-rounded: the low half is 0
}

bool isOutlierValue(float v, const QuantConfig& c)
{
    return std::fabs(v) <= FLT_MAX && std::fabs(double(v)) >= c.outlierThreshold;
}

} // namespace

std::vector<CheckpointTensor> checkpointTensors(const QuantResult& r, const Tensor& x, const std::string& name)
{
    if (std::int64_t(r.codes.size()) != r.n)
        throw ArgumentError("a checkpoint needs the codes (QuantOptions::codes)");
    // The other llama.cpp formats store sub-block scales (K-quants) or a split 5th bit:
    // their blocks belong in a GGUF file, not in this layout.
    const QuantizerKind k = r.config.kind;
    if (isGgmlKind(k) && k != QuantizerKind::Q8_0 && k != QuantizerKind::Q4_0 && k != QuantizerKind::Q4_1)
        throw ArgumentError("the safetensors checkpoint holds Q8_0, Q4_0 and Q4_1 of the llama.cpp formats, not " +
                            r.config.quantizerSpec());
    if (name.empty() || name == "__metadata__")
        throw ArgumentError("tensor name '" + name + "' cannot be used in a safetensors file");
    const StorageAccount& st = r.storage;
    std::vector<CheckpointTensor> out;

    // Codes, with padding codes after each padded row's last block.
    {
        BitPacker p(st.codeBits);
        const std::int64_t padPerRow =
            st.paddingValues > 0 && st.partialBlocks > 0 ? st.paddingValues / st.partialBlocks : 0;
        const std::int64_t rowLength = padPerRow > 0 ? r.n / st.partialBlocks : r.n;
        for (std::int64_t i = 0; i < r.n; ++i) {
            p.put(r.codes[std::size_t(i)]);
            if (padPerRow > 0 && (i + 1) % rowLength == 0)
                for (std::int64_t k = 0; k < padPerRow; ++k)
                    p.put(0);
        }
        std::vector<std::uint8_t> bytes = p.take();
        out.push_back({name + ".qweight", "U8", {std::int64_t(bytes.size())}, std::move(bytes)});
    }
    // Scales.
    if (st.scaleBits > 0) {
        CheckpointTensor t{name + ".scales", "F32", r.groupShape, {}};
        if (st.scaleFormat == "u8") {
            t.dtype = "U8";
            t.bytes = r.doubleQuant.codes;
        } else {
            std::vector<float> scales = r.storedScales;
            if (scales.empty())
                for (const auto& g : r.groups)
                    scales.push_back(float(g.scale));
            for (float s : scales) {
                if (st.scaleFormat == "fp16") {
                    t.dtype = "F16";
                    append(t.bytes, halfBits(s));
                } else if (st.scaleFormat == "bf16") {
                    t.dtype = "BF16";
                    append(t.bytes, bf16Bits(s));
                } else if (st.scaleFormat == "e8m0") {
                    t.dtype = "U8";
                    int e = 0;
                    std::frexp(double(s), &e); // s = 2^(e-1)
                    t.bytes.push_back(std::uint8_t(std::clamp(e - 1 + 127, 0, 254)));
                } else {
                    append(t.bytes, s);
                }
            }
        }
        out.push_back(std::move(t));
    }
    // Zero points.
    if (st.zeroPointBits > 0) {
        if (st.zeroPointFloat) {
            CheckpointTensor t{name + ".zeros", "F16", r.groupShape, {}};
            for (float m : r.storedOffsets)
                append(t.bytes, halfBits(m));
            out.push_back(std::move(t));
        } else {
            BitPacker p(st.zeroPointBits);
            for (const auto& g : r.groups)
                p.put(std::int64_t(std::llround(g.zeroPoint)));
            std::vector<std::uint8_t> bytes = p.take();
            out.push_back({name + ".zeros", "U8", {std::int64_t(bytes.size())}, std::move(bytes)});
        }
    }
    // Values kept in full precision: outliers and NaN/Inf inputs, then whole columns.
    const QuantConfig& c = r.config;
    std::vector<char> keptColumn;
    if (c.outliers == OutlierMode::Columns && x.rank() == 2) {
        const std::int64_t rows = x.dim(0), cols = x.dim(1);
        keptColumn.assign(std::size_t(cols), 0);
        for (std::int64_t i = 0; i < x.size(); ++i)
            keptColumn[std::size_t(i % cols)] |= isOutlierValue(x.data()[i], c) ? 1 : 0;
        CheckpointTensor idx{name + ".outlier_columns", "I32", {}, {}},
            vals{name + ".outlier_column_values", "F32", {}, {}};
        std::int64_t k = 0;
        for (std::int64_t col = 0; col < cols; ++col)
            if (keptColumn[std::size_t(col)]) {
                append(idx.bytes, std::int32_t(col));
                ++k;
            }
        for (std::int64_t row = 0; row < rows; ++row)
            for (std::int64_t col = 0; col < cols; ++col)
                if (keptColumn[std::size_t(col)])
                    append(vals.bytes, x.data()[row * cols + col]);
        if (k > 0) {
            idx.shape = {k};
            vals.shape = {rows, k};
            out.push_back(std::move(idx));
            out.push_back(std::move(vals));
        }
    }
    {
        const bool wide = r.n > std::int64_t(INT32_MAX);
        CheckpointTensor idx{name + ".outlier_index", wide ? "I64" : "I32", {}, {}},
            vals{name + ".outlier_values", "F32", {}, {}};
        std::int64_t k = 0;
        const std::int64_t cols = keptColumn.empty() ? 1 : std::int64_t(keptColumn.size());
        for (std::int64_t i = 0; i < x.size(); ++i) {
            const float v = x.data()[i];
            if (!keptColumn.empty() && keptColumn[std::size_t(i % cols)])
                continue;
            if (!(std::fabs(v) <= FLT_MAX) || (c.outliers == OutlierMode::Elements && isOutlierValue(v, c))) {
                if (wide)
                    append(idx.bytes, std::int64_t(i));
                else
                    append(idx.bytes, std::int32_t(i));
                append(vals.bytes, v);
                ++k;
            }
        }
        if (k > 0) {
            idx.shape = vals.shape = {k};
            out.push_back(std::move(idx));
            out.push_back(std::move(vals));
        }
    }
    // Tables.
    if (st.tables > 0 && !r.doubleQuant.absmax.empty()) {
        CheckpointTensor a{name + ".absmax_scales", "F32", {std::int64_t(r.doubleQuant.absmax.size())}, {}};
        for (float v : r.doubleQuant.absmax)
            append(a.bytes, v);
        out.push_back(std::move(a));
        CheckpointTensor o{name + ".absmax_offset", "F32", {1}, {}};
        append(o.bytes, r.doubleQuant.offset);
        out.push_back(std::move(o));
    } else if (st.tables > 0 && !r.levels.empty()) {
        CheckpointTensor t{name + ".levels", "F32", {std::int64_t(r.levels.size())}, {}};
        for (double v : r.levels)
            append(t.bytes, float(v));
        out.push_back(std::move(t));
    }
    return out;
}

void writeCheckpoint(const std::string& path, const QuantResult& r, const Tensor& x, const std::string& name)
{
    const std::vector<CheckpointTensor> tensors = checkpointTensors(r, x, name);
    QJsonObject header;
    std::uint64_t offset = 0;
    for (const auto& t : tensors) {
        QJsonArray shape;
        for (auto d : t.shape)
            shape.append(qint64(d));
        header.insert(QString::fromStdString(t.name),
                      QJsonObject{{"dtype", QString::fromStdString(t.dtype)},
                                  {"shape", shape},
                                  {"data_offsets", QJsonArray{qint64(offset), qint64(offset + t.bytes.size())}}});
        offset += t.bytes.size();
    }
    QJsonObject meta;
    meta.insert("quantscope.config",
                QString::fromUtf8(QJsonDocument(r.config.toJson()).toJson(QJsonDocument::Compact)));
    meta.insert("quantscope.bits_per_value", QString::number(r.bitsPerValue, 'g', 17));
    header.insert("__metadata__", meta);
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8)
        json.append(' ');
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[std::size_t(i)] = char(std::uint64_t(json.size()) >> (8 * i));
    bytes.append(json.constData(), std::size_t(json.size()));
    for (const auto& t : tensors)
        bytes.append(reinterpret_cast<const char*>(t.bytes.data()), t.bytes.size());
    // Like every other output: a temporary file renamed over the target, so a full
    // disk leaves the old file and one error line (io/atomicfile.h).
    writeFileAtomically(path, bytes);
}

} // namespace qs
