// describeBlock: a ggml block's fields, decoded with the same arithmetic as the
// dequantizers (each value is scale·(q − offset) + bias in ggml's operation
// order, so the description reproduces dequantizeRow bit for bit; the tests check it).
#include "quant/ggmlblock.h"

#include "formats/error.h"
#include "quant/ggmlimpl.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace qs::ggml {

using namespace detail;

namespace {

SubBlock sub(int first, int length, float scale, float bias, int codeLo, int codeHi, int offset)
{
    SubBlock s;
    s.first = first;
    s.length = length;
    s.scale = scale;
    s.bias = bias;
    const float a = scale * float(codeLo - offset) + bias, b = scale * float(codeHi - offset) + bias;
    s.low = std::min(a, b);
    s.high = std::max(a, b);
    return s;
}

// The sub-blocks of one block (without codes or values): what describeBlock and gridRange share.
template <class F> void forEachSubBlock(std::uint32_t type, const std::uint8_t* y, F&& f)
{
    const auto [codeLo, codeHi] = codeRange(type);
    switch (type) {
    case Q4_0:
    case Q5_0:
    case Q8_0: {
        const int offset = type == Q4_0 ? 8 : (type == Q5_0 ? 16 : 0);
        f(sub(0, 32, loadHalf(y), 0.0f, type == Q8_0 ? -128 : codeLo, codeHi, offset));
        break;
    }
    case Q4_1:
    case Q5_1: f(sub(0, 32, loadHalf(y), loadHalf(y + 2), codeLo, codeHi, 0)); break;
    case IQ4_NL: {
        SubBlock s;
        s.length = 32;
        s.scale = loadHalf(y);
        const float a = s.scale * float(iq4nlLevels()[0]), c = s.scale * float(iq4nlLevels()[15]);
        s.low = std::min(a, c);
        s.high = std::max(a, c);
        f(s);
        break;
    }
    case Q2_K: {
        const float d = loadHalf(y + 80), dmin = loadHalf(y + 82);
        for (int j = 0; j < 16; ++j) {
            SubBlock s = sub(16 * j, 16, d * float(y[j] & 0xF), -(dmin * float(y[j] >> 4)), codeLo, codeHi, 0);
            s.scaleCode = y[j] & 0xF;
            s.minCode = y[j] >> 4;
            f(s);
        }
        break;
    }
    case Q3_K: {
        const float d = loadHalf(y + 108);
        for (int j = 0; j < 16; ++j) {
            const int s6 = scaleQ3K(j, y + 96);
            SubBlock s = sub(16 * j, 16, d * float(s6 - 32), 0.0f, codeLo, codeHi, 4);
            s.scaleCode = s6;
            f(s);
        }
        break;
    }
    case Q4_K:
    case Q5_K: {
        const float d = loadHalf(y), dmin = loadHalf(y + 2);
        for (int j = 0; j < 8; ++j) {
            std::uint8_t sc, m;
            scaleMinK4(j, y + 4, sc, m);
            SubBlock s = sub(32 * j, 32, d * float(sc), -(dmin * float(m)), codeLo, codeHi, 0);
            s.scaleCode = sc;
            s.minCode = m;
            f(s);
        }
        break;
    }
    case Q6_K: {
        const float d = loadHalf(y + 208);
        for (int j = 0; j < 16; ++j) {
            const int s8 = std::int8_t(y[192 + j]);
            SubBlock s = sub(16 * j, 16, d * float(s8), 0.0f, codeLo, codeHi, 32);
            s.scaleCode = s8;
            f(s);
        }
        break;
    }
    default: break;
    }
}

} // namespace

void gridRange(std::uint32_t type, const std::uint8_t* block, float& lo, float& hi)
{
    bool first = true;
    forEachSubBlock(type, block, [&](const SubBlock& s) {
        lo = first ? s.low : std::min(lo, s.low);
        hi = first ? s.high : std::max(hi, s.high);
        first = false;
    });
    if (first)
        lo = hi = 0;
}

bool saturateScales(std::uint32_t type, std::uint8_t* block)
{
    int offsets[2] = {-1, -1};
    switch (type) {
    case Q4_1:
    case Q5_1:
    case Q4_K:
    case Q5_K: offsets[0] = 0, offsets[1] = 2; break;
    case Q4_0:
    case Q5_0:
    case Q8_0:
    case IQ4_NL: offsets[0] = 0; break;
    case Q2_K: offsets[0] = 80, offsets[1] = 82; break;
    case Q3_K: offsets[0] = 108; break;
    case Q6_K: offsets[0] = 208; break;
    default: return false;
    }
    bool changed = false;
    for (int at : offsets) {
        if (at < 0)
            continue;
        const std::uint16_t h = load16(block + at);
        if ((h & 0x7c00u) == 0x7c00u) { // Inf keeps its sign; a NaN (no sign to keep) becomes +65504
            const bool nan = (h & 0x3ffu) != 0;
            store16(block + at, std::uint16_t(nan ? 0x7bffu : (h & 0x8000u) | 0x7bffu));
            changed = true;
        }
    }
    return changed;
}

BlockDescription describeBlock(std::uint32_t type, const std::uint8_t* rowBytes, std::int64_t rowByteCount,
                               std::int64_t blockIndex)
{
    const TypeInfo* t = typeInfo(type);
    const bool known =
        t && (type == Q4_0 || type == Q4_1 || type == Q5_0 || type == Q5_1 || type == Q8_0 || type == IQ4_NL ||
              type == Q2_K || type == Q3_K || type == Q4_K || type == Q5_K || type == Q6_K);
    if (!known)
        throw ArgumentError(std::string("no block view for ggml type ") + (t ? t->name : std::to_string(type)));
    const std::int64_t blocks = rowByteCount / t->bytesPerBlock;
    if (rowByteCount % t->bytesPerBlock != 0 || blockIndex < 0 || blockIndex >= blocks)
        throw ArgumentError("block " + std::to_string(blockIndex) + " is outside a row of " + std::to_string(blocks) +
                            " " + t->name + " blocks");
    const std::uint8_t* y = rowBytes + blockIndex * t->bytesPerBlock;

    BlockDescription b;
    b.type = type;
    b.index = blockIndex;
    b.blockSize = t->blockSize;
    b.bitsPerValue = bitsPerValue(type);
    b.bytes.assign(y, y + t->bytesPerBlock);
    b.codes.resize(std::size_t(t->blockSize));
    b.values.resize(std::size_t(t->blockSize));
    unpackCodes(type, y, t->blockSize, b.codes.data());
    dequantizeRow(type, y, t->blockSize, b.values.data());
    const auto [codeLo, codeHi] = codeRange(type);
    b.codeBits = int(std::lround(std::log2(double(codeHi - codeLo + 1))));
    forEachSubBlock(type, y, [&](const SubBlock& s) { b.subBlocks.push_back(s); });

    auto setD = [&](int offset) {
        b.dBits = load16(y + offset);
        b.d = fp16ToFp32(b.dBits);
    };
    auto setMin = [&](int offset) {
        b.hasMin = true;
        b.dminBits = load16(y + offset);
        b.dmin = fp16ToFp32(b.dminBits);
    };
    switch (type) {
    case Q4_0:
    case Q5_0:
    case Q8_0: {
        setD(0);
        b.codeOffset = type == Q4_0 ? 8 : (type == Q5_0 ? 16 : 0);
        b.formula = type == Q8_0 ? "x̂ = d·q" : "x̂ = d·(q − " + std::to_string(b.codeOffset) + ")";
        b.fields.push_back({"d", 0, 2, "fp16 scale"});
        if (type == Q5_0)
            b.fields.push_back({"qh", 2, 4, "the fifth bit of each code"});
        b.fields.push_back({"qs", type == Q5_0 ? 6 : 2, type == Q8_0 ? 32 : 16,
                            type == Q8_0 ? "32 int8 codes" : "32 4-bit codes (value j low nibble, j+16 high)"});
        break;
    }
    case Q4_1:
    case Q5_1: {
        setD(0);
        setMin(2);
        b.formula = "x̂ = d·q + m";
        b.fields.push_back({"d", 0, 2, "fp16 scale"});
        b.fields.push_back({"m", 2, 2, "fp16 offset (the block minimum)"});
        if (type == Q5_1)
            b.fields.push_back({"qh", 4, 4, "the fifth bit of each code"});
        b.fields.push_back({"qs", type == Q5_1 ? 8 : 4, 16, "32 4-bit codes (value j low nibble, j+16 high)"});
        break;
    }
    case IQ4_NL: {
        setD(0);
        b.levels.assign(iq4nlLevels(), iq4nlLevels() + 16);
        b.formula = "x̂ = d·level[q]";
        b.fields.push_back({"d", 0, 2, "fp16 scale"});
        b.fields.push_back({"qs", 2, 16, "32 4-bit indices into the 16 non-uniform levels"});
        break;
    }
    case Q2_K: {
        setD(80);
        setMin(82);
        b.scaleBits = 4;
        b.formula = "x̂ = (d·s_j)·q − dmin·m_j";
        b.fields = {{"scales", 0, 16, "16 × (4-bit scale s_j | 4-bit min m_j << 4)"},
                    {"qs", 16, 64, "256 2-bit codes, four planes of 32 per 128 values"},
                    {"d", 80, 2, "fp16 scale of the sub-block scales"},
                    {"dmin", 82, 2, "fp16 scale of the sub-block mins"}};
        break;
    }
    case Q3_K: {
        setD(108);
        b.scaleBits = 6;
        b.codeOffset = 4;
        b.formula = "x̂ = (d·(s_j − 32))·(q − 4)";
        b.fields = {{"hmask", 0, 32, "the third bit of each code (value j: bit j/32 of byte j%32)"},
                    {"qs", 32, 64, "the low two bits of each code"},
                    {"scales", 96, 12, "16 6-bit scales s_j (offset 32), packed"},
                    {"d", 108, 2, "fp16 scale of the sub-block scales"}};
        break;
    }
    case Q4_K:
    case Q5_K: {
        setD(0);
        setMin(2);
        b.scaleBits = 6;
        b.formula = "x̂ = (d·s_j)·q − dmin·m_j";
        b.fields = {{"d", 0, 2, "fp16 scale of the sub-block scales"},
                    {"dmin", 2, 2, "fp16 scale of the sub-block mins"},
                    {"scales", 4, 12, "8 6-bit scales s_j and 8 6-bit mins m_j, packed"}};
        if (type == Q5_K) {
            b.fields.push_back({"qh", 16, 32, "the fifth bit of each code"});
            b.fields.push_back({"qs", 48, 128, "the low four bits of each code"});
        } else {
            b.fields.push_back({"qs", 16, 128, "256 4-bit codes (values l and l+32 of each 64 share a byte)"});
        }
        break;
    }
    case Q6_K: {
        setD(208);
        b.scaleBits = 8;
        b.codeOffset = 32;
        b.formula = "x̂ = (d·s_j)·(q − 32)";
        b.fields = {{"ql", 0, 128, "the low four bits of each code"},
                    {"qh", 128, 64, "the high two bits of each code"},
                    {"scales", 192, 16, "16 int8 scales s_j"},
                    {"d", 208, 2, "fp16 scale of the sub-block scales"}};
        break;
    }
    default: break;
    }
    return b;
}

int fillForQuantizer(std::uint32_t type, const float* x, int n, float* out)
{
    auto finite = [](float v) { return std::fabs(v) <= 3.40282347e38f; };
    float fill = 0.0f;
    if (type == Q4_1 || type == Q5_1) {
        for (int j = 0; j < n; ++j)
            if (finite(x[j])) {
                fill = x[j];
                break;
            }
    }
    int count = 0;
    for (int j = 0; j < n; ++j) {
        const bool f = finite(x[j]);
        out[j] = f ? x[j] : fill;
        count += f ? 1 : 0;
    }
    return count;
}

QuantizedBlock quantizeBlock(std::uint32_t type, const float* x, std::int64_t blockIndex)
{
    const TypeInfo* t = typeInfo(type);
    if (!t || !t->canEncode)
        throw ArgumentError(std::string("no reference quantizer for ggml type ") +
                            (t ? t->name : std::to_string(type)));
    const int n = t->blockSize;
    std::vector<float> work(std::size_t(n), 0.0f);
    fillForQuantizer(type, x, n, work.data());
    std::vector<std::uint8_t> bytes(std::size_t(t->bytesPerBlock));
    quantizeRowRef(type, work.data(), n, bytes.data());
    QuantizedBlock q;
    q.block = describeBlock(type, bytes.data(), std::int64_t(bytes.size()), 0);
    q.block.index = blockIndex;
    q.original.assign(x, x + n);
    q.error.resize(std::size_t(n));
    for (int j = 0; j < n; ++j) {
        const bool finite = std::fabs(x[j]) <= 3.40282347e38f;
        if (!finite)
            q.block.values[std::size_t(j)] = x[j]; // passes through, as in the quantizer pipeline
        q.error[std::size_t(j)] = finite ? q.block.values[std::size_t(j)] - x[j] : 0.0f;
    }
    return q;
}

std::vector<double> blockErrors(std::uint32_t type, const float* x, std::int64_t blocks)
{
    const TypeInfo* t = typeInfo(type);
    if (!t || !t->canEncode)
        throw ArgumentError(std::string("no reference quantizer for ggml type ") +
                            (t ? t->name : std::to_string(type)));
    const int n = t->blockSize;
    std::vector<float> work(std::size_t(blocks * n)), back(std::size_t(blocks * n));
    for (std::int64_t b = 0; b < blocks; ++b)
        fillForQuantizer(type, x + b * n, n, work.data() + b * n);
    std::vector<std::uint8_t> bytes(std::size_t(rowBytes(type, blocks * n)));
    quantizeRowRef(type, work.data(), blocks * n, bytes.data());
    dequantizeRow(type, bytes.data(), blocks * n, back.data());
    std::vector<double> out(static_cast<std::size_t>(blocks));
    for (std::int64_t b = 0; b < blocks; ++b) {
        double err = 0, sig = 0;
        for (int j = 0; j < n; ++j) {
            const float v = x[b * n + j];
            if (!(std::fabs(v) <= 3.40282347e38f))
                continue;
            const double e = double(back[std::size_t(b * n + j)]) - double(v);
            err += e * e;
            sig += double(v) * double(v);
        }
        out[std::size_t(b)] = sig > 0 ? std::sqrt(err / sig) : 0.0;
    }
    return out;
}

RowView rowView(const std::vector<std::int64_t>& shape)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    RowView v;
    v.rows = shape.size() >= 2 ? shape[0] : 1;
    v.length = shape.size() >= 2 ? (shape[0] > 0 ? n / shape[0] : 0) : n;
    if (v.length == 0)
        v.rows = 0;
    return v;
}

} // namespace qs::ggml
