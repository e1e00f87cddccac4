#pragma once
// Internal to core/quant: the per-type block kernels behind ggmltypes.h and the
// bit-level helpers they share. Every kernel reproduces ggml's arithmetic in
// ggml's order (float32 throughout, no contraction into FMA: these files are
// built with -ffp-contract=off), so its bytes and floats equal llama.cpp's.
#include "quant/ggmltypes.h"
#include "quant/simd.h"

#include <cstdint>
#include <cstring>

namespace qs::ggml::detail {

QS_ALWAYS_INLINE std::uint32_t floatBits(float v)
{
    std::uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    return u;
}

inline float bitsFloat(std::uint32_t u)
{
    float v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}

// ggml's nearest_int(): adding 1.5·2^23 leaves round-to-nearest-even(v) in the
// low mantissa bits (|v| < 2^22). Outside that range ggml takes the same bits
// (its assert is compiled out), so we do too.
QS_ALWAYS_INLINE int nearestInt(float v)
{
    const float t = v + 12582912.f;
    return int(floatBits(t) & 0x007fffffu) - 0x00400000;
}

// C's float -> integer conversion as x86's cvttss2si performs it: truncation,
// and INT32_MIN for NaN and values outside int32 (what ggml's
// (int8_t)/(uint8_t) casts of floats reduce modulo 256 on x86-64). Branch-free,
// so that loops over a block vectorise.
QS_ALWAYS_INLINE std::int32_t truncToInt(float v)
{
    const bool inRange = v > -2147483904.0f && v < 2147483648.0f;
    const std::int32_t t = std::int32_t(inRange ? v : 0.0f);
    return inRange ? t : INT32_MIN;
}

// Little-endian 16-bit fields (every ggml scale is one).
inline std::uint16_t load16(const std::uint8_t* p)
{
    return std::uint16_t(p[0] | (p[1] << 8));
}
inline void store16(std::uint8_t* p, std::uint16_t v)
{
    p[0] = std::uint8_t(v & 0xff);
    p[1] = std::uint8_t(v >> 8);
}
inline float loadHalf(const std::uint8_t* p)
{
    return fp16ToFp32(load16(p));
}

// 6-bit scale j and min j of the 12 packed bytes of Q4_K / Q5_K (get_scale_min_k4):
// sub-blocks 0-3 keep their 6 bits in bytes j and j+4; sub-blocks 4-7 keep their
// low 4 bits in byte j+4 (scale low nibble, min high nibble) and their top 2 bits
// in the top bits of bytes j-4 (scale) and j (min).
inline void scaleMinK4(int j, const std::uint8_t* q, std::uint8_t& sc, std::uint8_t& m)
{
    if (j < 4) {
        sc = q[j] & 63;
        m = q[j + 4] & 63;
    } else {
        sc = std::uint8_t((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4));
        m = std::uint8_t((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// The 6-bit scale j (0..63, stored with offset 32) of Q3_K's 12 packed bytes:
// low nibbles in bytes 0-7 (sub-blocks 0-7 low, 8-15 high nibble), the top two
// bits in bytes 8-11 (byte 8 + j%4, bit pair j/4).
inline int scaleQ3K(int j, const std::uint8_t* s)
{
    const int low = j < 8 ? (s[j] & 0xF) : (s[j - 8] >> 4);
    return low | (((s[8 + j % 4] >> (2 * (j / 4))) & 3) << 4);
}

// Super-block kernels (kquants.cpp): `blocks` consecutive blocks.
void quantizeQ2K(const float* x, std::uint8_t* y, std::int64_t blocks);
void quantizeQ3K(const float* x, std::uint8_t* y, std::int64_t blocks);
void quantizeQ4K(const float* x, std::uint8_t* y, std::int64_t blocks);
void quantizeQ5K(const float* x, std::uint8_t* y, std::int64_t blocks);
void quantizeQ6K(const float* x, std::uint8_t* y, std::int64_t blocks);
void quantizeQ8K(const float* x, std::uint8_t* y, std::int64_t blocks);
void dequantizeQ2K(const std::uint8_t* y, std::int64_t blocks, float* x);
void dequantizeQ3K(const std::uint8_t* y, std::int64_t blocks, float* x);
void dequantizeQ4K(const std::uint8_t* y, std::int64_t blocks, float* x);
void dequantizeQ5K(const std::uint8_t* y, std::int64_t blocks, float* x);
void dequantizeQ6K(const std::uint8_t* y, std::int64_t blocks, float* x);
void dequantizeQ8K(const std::uint8_t* y, std::int64_t blocks, float* x);
// Codes of one super-block (256 values).
void codesQ2K(const std::uint8_t* y, std::int32_t* q);
void codesQ3K(const std::uint8_t* y, std::int32_t* q);
void codesQ4K(const std::uint8_t* y, std::int32_t* q);
void codesQ5K(const std::uint8_t* y, std::int32_t* q);
void codesQ6K(const std::uint8_t* y, std::int32_t* q);

// Blocks of 32 and the ternary / non-linear types (legacyquants.cpp).
void quantizeLegacy(std::uint32_t type, const float* x, std::uint8_t* y, std::int64_t blocks);
void dequantizeLegacy(std::uint32_t type, const std::uint8_t* y, std::int64_t blocks, float* x);
void codesLegacy(std::uint32_t type, const std::uint8_t* y, std::int64_t blocks, std::int32_t* q);

} // namespace qs::ggml::detail
