// The ggml type table, fp16/bf16 as ggml converts them, and the row entry
// points that dispatch to the block kernels (legacyquants.cpp, kquants.cpp).
#include "quant/ggmltypes.h"

#include "formats/error.h"
#include "quant/ggmlimpl.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace qs::ggml {

using namespace detail;

namespace {

// id, name (ggml_type_name), values per block, bytes per block, decode, encode.
// Checked against ggml_blck_size/ggml_type_size of llama.cpp's library by the fixture tool.
const std::vector<TypeInfo> kTypes = {
    {F32, "f32", 1, 4, true, true},
    {F16, "f16", 1, 2, true, true},
    {Q4_0, "q4_0", 32, 18, true, true},
    {Q4_1, "q4_1", 32, 20, true, true},
    {Q5_0, "q5_0", 32, 22, true, true},
    {Q5_1, "q5_1", 32, 24, true, true},
    {Q8_0, "q8_0", 32, 34, true, true},
    {Q8_1, "q8_1", 32, 36, false, false},
    {Q2_K, "q2_K", 256, 84, true, true},
    {Q3_K, "q3_K", 256, 110, true, true},
    {Q4_K, "q4_K", 256, 144, true, true},
    {Q5_K, "q5_K", 256, 176, true, true},
    {Q6_K, "q6_K", 256, 210, true, true},
    {Q8_K, "q8_K", 256, 292, true, true},
    {IQ2_XXS, "iq2_xxs", 256, 66, false, false},
    {IQ2_XS, "iq2_xs", 256, 74, false, false},
    {IQ3_XXS, "iq3_xxs", 256, 98, false, false},
    {IQ1_S, "iq1_s", 256, 50, false, false},
    {IQ4_NL, "iq4_nl", 32, 18, true, true},
    {IQ3_S, "iq3_s", 256, 110, false, false},
    {IQ2_S, "iq2_s", 256, 82, false, false},
    {IQ4_XS, "iq4_xs", 256, 136, true, false},
    {I8, "i8", 1, 1, true, false},
    {I16, "i16", 1, 2, true, false},
    {I32, "i32", 1, 4, true, false},
    {I64, "i64", 1, 8, true, false},
    {F64, "f64", 1, 8, true, false},
    {IQ1_M, "iq1_m", 256, 56, false, false},
    {BF16, "bf16", 1, 2, true, true},
    {TQ1_0, "tq1_0", 256, 54, true, true},
    {TQ2_0, "tq2_0", 256, 66, true, true},
    {MXFP4, "mxfp4", 32, 17, true, false},
    {NVFP4, "nvfp4", 64, 36, false, false},
    {Q1_0, "q1_0", 128, 18, false, false},
    {Q2_0, "q2_0", 64, 18, false, false},
};

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

const TypeInfo& require(std::uint32_t type, std::int64_t n, bool encode)
{
    const TypeInfo* t = typeInfo(type);
    if (!t)
        throw ArgumentError("unknown ggml type id " + std::to_string(type));
    if (encode ? !t->canEncode : !t->canDecode)
        throw ArgumentError(std::string("ggml type ") + t->name +
                            (encode ? ": no reference quantizer here" : ": its block layout is not decoded here"));
    if (n < 0 || n % t->blockSize != 0)
        throw ArgumentError(std::string("a row of ") + std::to_string(n) + " values is not a whole number of " +
                            t->name + " blocks of " + std::to_string(t->blockSize));
    return *t;
}

template <class T> T loadLe(const std::uint8_t* p)
{
    T v;
    std::memcpy(&v, p, sizeof v); // x86-64 and every target Quantscope builds for are little-endian
    return v;
}

} // namespace

const std::vector<TypeInfo>& allTypes()
{
    return kTypes;
}

const TypeInfo* typeInfo(std::uint32_t id)
{
    for (const TypeInfo& t : kTypes)
        if (t.id == id)
            return &t;
    return nullptr;
}

const TypeInfo* typeByName(std::string_view name)
{
    const std::string n = lower(name);
    for (const TypeInfo& t : kTypes)
        if (lower(t.name) == n)
            return &t;
    return nullptr;
}

std::int64_t rowBytes(std::uint32_t type, std::int64_t n)
{
    const TypeInfo* t = typeInfo(type);
    if (!t)
        throw ArgumentError("unknown ggml type id " + std::to_string(type));
    if (n < 0 || n % t->blockSize != 0)
        throw ArgumentError(std::string("a row of ") + std::to_string(n) + " values is not a whole number of " +
                            t->name + " blocks of " + std::to_string(t->blockSize));
    return n / t->blockSize * t->bytesPerBlock;
}

double bitsPerValue(std::uint32_t type)
{
    const TypeInfo* t = typeInfo(type);
    if (!t)
        throw ArgumentError("unknown ggml type id " + std::to_string(type));
    return 8.0 * t->bytesPerBlock / t->blockSize;
}

std::uint16_t fp32ToFp16(float v)
{
    // Round to nearest even on the bit pattern (what ggml's FP32_TO_FP16 and
    // F16C's vcvtps2ph compute); NaN becomes the quiet NaN 0x7e00 with its sign.
    const std::uint32_t w = floatBits(v);
    const std::uint16_t sign = std::uint16_t((w >> 16) & 0x8000u);
    const std::uint32_t a = w & 0x7fffffffu;
    if (a > 0x7f800000u)
        return sign | 0x7e00u;
    const int e = int(a >> 23) - 127 + 15; // the fp16 exponent field
    if (e >= 31)
        return sign | 0x7c00u;
    std::uint32_t q, rem, half;
    if (e <= 0) {
        // fp16 subnormal: round m · 2^(E-126) to an integer count of 2^-24.
        const int shift = 14 - e; // = 126 - E >= 14
        if (shift > 25)
            return sign;
        const std::uint32_t m = (a & 0x7fffffu) | 0x800000u;
        q = m >> shift;
        rem = m & ((1u << shift) - 1);
        half = 1u << (shift - 1);
    } else {
        q = (std::uint32_t(e) << 10) | ((a & 0x7fffffu) >> 13);
        rem = a & 0x1fffu;
        half = 0x1000u;
    }
    if (rem > half || (rem == half && (q & 1)))
        ++q; // a carry into the exponent is the right result (up to Inf)
    return std::uint16_t(sign | q);
}

float fp16ToFp32(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    const std::uint32_t e = (h >> 10) & 0x1f, m = h & 0x3ffu;
    if (e == 0x1f) // Inf, or NaN made quiet (as every fp16 -> fp32 conversion of ggml does)
        return bitsFloat(sign | 0x7f800000u | (m << 13) | (m ? 0x00400000u : 0u));
    if (e == 0) {
        const float v = float(m) * 0x1p-24f; // subnormal: exact
        return sign ? -v : v;
    }
    return bitsFloat(sign | ((e + 112) << 23) | (m << 13));
}

std::uint16_t fp32ToBf16(float v)
{
    // ggml_compute_fp32_to_bf16: NaN forced quiet, otherwise round to nearest even.
    const std::uint32_t u = floatBits(v);
    if ((u & 0x7fffffffu) > 0x7f800000u)
        return std::uint16_t((u >> 16) | 64);
    return std::uint16_t((u + (0x7fffu + ((u >> 16) & 1))) >> 16);
}

float bf16ToFp32(std::uint16_t h)
{
    return bitsFloat(std::uint32_t(h) << 16);
}

void dequantizeRow(std::uint32_t type, const std::uint8_t* src, std::int64_t n, float* dst)
{
    const TypeInfo& t = require(type, n, false);
    const std::int64_t blocks = n / t.blockSize;
    switch (type) {
    case F32: std::memcpy(dst, src, std::size_t(n) * 4); return;
    case F16:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = fp16ToFp32(load16(src + 2 * i));
        return;
    case BF16:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = bf16ToFp32(load16(src + 2 * i));
        return;
    // Integers and doubles: the nearest float (round to nearest even).
    case I8:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = float(std::int8_t(src[i]));
        return;
    case I16:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = float(loadLe<std::int16_t>(src + 2 * i));
        return;
    case I32:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = float(loadLe<std::int32_t>(src + 4 * i));
        return;
    case I64:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = float(loadLe<std::int64_t>(src + 8 * i));
        return;
    case F64:
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = float(loadLe<double>(src + 8 * i));
        return;
    case Q2_K: dequantizeQ2K(src, blocks, dst); return;
    case Q3_K: dequantizeQ3K(src, blocks, dst); return;
    case Q4_K: dequantizeQ4K(src, blocks, dst); return;
    case Q5_K: dequantizeQ5K(src, blocks, dst); return;
    case Q6_K: dequantizeQ6K(src, blocks, dst); return;
    case Q8_K: dequantizeQ8K(src, blocks, dst); return;
    default: dequantizeLegacy(type, src, blocks, dst); return;
    }
}

void quantizeRowRef(std::uint32_t type, const float* src, std::int64_t n, std::uint8_t* dst)
{
    const TypeInfo& t = require(type, n, true);
    const std::int64_t blocks = n / t.blockSize;
    switch (type) {
    case F32: std::memcpy(dst, src, std::size_t(n) * 4); return;
    case F16:
        for (std::int64_t i = 0; i < n; ++i)
            store16(dst + 2 * i, fp32ToFp16(src[i]));
        return;
    case BF16:
        for (std::int64_t i = 0; i < n; ++i)
            store16(dst + 2 * i, fp32ToBf16(src[i]));
        return;
    case Q2_K: quantizeQ2K(src, dst, blocks); return;
    case Q3_K: quantizeQ3K(src, dst, blocks); return;
    case Q4_K: quantizeQ4K(src, dst, blocks); return;
    case Q5_K: quantizeQ5K(src, dst, blocks); return;
    case Q6_K: quantizeQ6K(src, dst, blocks); return;
    case Q8_K: quantizeQ8K(src, dst, blocks); return;
    default: quantizeLegacy(type, src, dst, blocks); return;
    }
}

void unpackCodes(std::uint32_t type, const std::uint8_t* src, std::int64_t n, std::int32_t* codes)
{
    const TypeInfo& t = require(type, n, false);
    const std::int64_t blocks = n / t.blockSize;
    void (*superBlock)(const std::uint8_t*, std::int32_t*) = nullptr;
    switch (type) {
    case Q2_K: superBlock = codesQ2K; break;
    case Q3_K: superBlock = codesQ3K; break;
    case Q4_K: superBlock = codesQ4K; break;
    case Q5_K: superBlock = codesQ5K; break;
    case Q6_K: superBlock = codesQ6K; break;
    case Q8_K:
        for (std::int64_t b = 0; b < blocks; ++b)
            for (int j = 0; j < kSuperBlock; ++j)
                codes[b * kSuperBlock + j] = std::int8_t(src[b * t.bytesPerBlock + 4 + j]);
        return;
    default: codesLegacy(type, src, blocks, codes); return;
    }
    for (std::int64_t b = 0; b < blocks; ++b)
        superBlock(src + b * t.bytesPerBlock, codes + b * kSuperBlock);
}

std::pair<std::int32_t, std::int32_t> codeRange(std::uint32_t type)
{
    switch (type) {
    case Q8_0:
    case Q8_K: return {-127, 127}; // the reference quantizers never write -128
    case Q4_0:
    case Q4_1:
    case Q4_K:
    case IQ4_NL:
    case IQ4_XS:
    case MXFP4: return {0, 15};
    case Q5_0:
    case Q5_1:
    case Q5_K: return {0, 31};
    case Q2_K: return {0, 3};
    case Q3_K: return {0, 7};
    case Q6_K: return {0, 63};
    case TQ1_0:
    case TQ2_0: return {0, 2};
    default: break;
    }
    const TypeInfo* t = typeInfo(type);
    throw ArgumentError(std::string("ggml type ") + (t ? t->name : std::to_string(type)) + " has no codes");
}

const std::int8_t* iq4nlLevels()
{
    // kvalues_iq4nl: a non-uniform 4-bit grid, denser near 0 (llama.cpp PR #5590).
    static const std::int8_t levels[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
    return levels;
}

} // namespace qs::ggml
