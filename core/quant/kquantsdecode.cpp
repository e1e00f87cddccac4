// The K-quant decoders and code unpackers, in ggml's output order
// (dequantize_row_q*_K of ggml-quants.c, the same float32 products).
#include "quant/ggmlimpl.h"

#include <cstring>

namespace qs::ggml::detail {

namespace {
constexpr int QK = kSuperBlock;
}

void codesQ2K(const std::uint8_t* y, std::int32_t* q)
{
    const std::uint8_t* qs = y + 16;
    for (int n = 0; n < QK; n += 128, qs += 32)
        for (int shift = 0; shift < 8; shift += 2)
            for (int l = 0; l < 32; ++l)
                *q++ = (qs[l] >> shift) & 3;
}

void dequantizeQ2K(const std::uint8_t* y, std::int64_t blocks, float* x)
{
    std::int32_t q[QK];
    for (std::int64_t b = 0; b < blocks; ++b, y += 84) {
        const float d = loadHalf(y + 80), min = loadHalf(y + 82);
        codesQ2K(y, q);
        for (int j = 0; j < 16; ++j) {
            const float dl = d * float(y[j] & 0xF), ml = min * float(y[j] >> 4);
            for (int l = 0; l < 16; ++l)
                *x++ = dl * float(q[16 * j + l]) - ml;
        }
    }
}

void codesQ3K(const std::uint8_t* y, std::int32_t* q)
{
    const std::uint8_t* hm = y;
    const std::uint8_t* qs = y + 32;
    for (int k = 0; k < QK; ++k) {
        const int group = k / 128, plane = (k % 128) / 32, l = k % 32;
        const int low = (qs[32 * group + l] >> (2 * plane)) & 3;
        const int high = (hm[l] >> (4 * group + plane)) & 1;
        q[k] = low | (high << 2);
    }
}

void dequantizeQ3K(const std::uint8_t* y, std::int64_t blocks, float* x)
{
    std::int32_t q[QK];
    for (std::int64_t b = 0; b < blocks; ++b, y += 110) {
        const float dAll = loadHalf(y + 108);
        codesQ3K(y, q);
        for (int j = 0; j < 16; ++j) {
            const float dl = dAll * float(scaleQ3K(j, y + 96) - 32);
            for (int l = 0; l < 16; ++l)
                *x++ = dl * float(q[16 * j + l] - 4);
        }
    }
}

void codesQ4K(const std::uint8_t* y, std::int32_t* q)
{
    const std::uint8_t* qs = y + 16;
    for (int j = 0; j < QK; j += 64, qs += 32) {
        for (int l = 0; l < 32; ++l)
            *q++ = qs[l] & 0xF;
        for (int l = 0; l < 32; ++l)
            *q++ = qs[l] >> 4;
    }
}

void codesQ5K(const std::uint8_t* y, std::int32_t* q)
{
    const std::uint8_t* qh = y + 16;
    const std::uint8_t* ql = y + 48;
    int u = 0;
    for (int j = 0; j < QK; j += 64, ql += 32, u += 2) {
        for (int l = 0; l < 32; ++l)
            *q++ = (ql[l] & 0xF) + (((qh[l] >> u) & 1) << 4);
        for (int l = 0; l < 32; ++l)
            *q++ = (ql[l] >> 4) + (((qh[l] >> (u + 1)) & 1) << 4);
    }
}

// Q4_K and Q5_K: x̂ = (d·s_j)·q − (dmin·m_j).
static void dequantizeQ45K(const std::uint8_t* y, const std::int32_t* q, float* x)
{
    const float d = loadHalf(y), min = loadHalf(y + 2);
    for (int j = 0; j < 8; ++j) {
        std::uint8_t sc, m;
        scaleMinK4(j, y + 4, sc, m);
        const float dl = d * float(sc), ml = min * float(m);
        for (int l = 0; l < 32; ++l)
            x[32 * j + l] = dl * float(q[32 * j + l]) - ml;
    }
}

void dequantizeQ4K(const std::uint8_t* y, std::int64_t blocks, float* x)
{
    std::int32_t q[QK];
    for (std::int64_t b = 0; b < blocks; ++b, y += 144, x += QK) {
        codesQ4K(y, q);
        dequantizeQ45K(y, q, x);
    }
}

void dequantizeQ5K(const std::uint8_t* y, std::int64_t blocks, float* x)
{
    std::int32_t q[QK];
    for (std::int64_t b = 0; b < blocks; ++b, y += 176, x += QK) {
        codesQ5K(y, q);
        dequantizeQ45K(y, q, x);
    }
}

void codesQ6K(const std::uint8_t* y, std::int32_t* q)
{
    const std::uint8_t* ql = y;
    const std::uint8_t* qh = y + 128;
    for (int n = 0; n < QK; n += 128, ql += 64, qh += 32, q += 128) {
        for (int l = 0; l < 32; ++l) {
            q[l] = (ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4);
            q[l + 32] = (ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4);
            q[l + 64] = (ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4);
            q[l + 96] = (ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4);
        }
    }
}

void dequantizeQ6K(const std::uint8_t* y, std::int64_t blocks, float* x)
{
    std::int32_t q[QK];
    for (std::int64_t b = 0; b < blocks; ++b, y += 210, x += QK) {
        const float d = loadHalf(y + 208);
        const std::int8_t* sc = reinterpret_cast<const std::int8_t*>(y + 192);
        codesQ6K(y, q);
        for (int k = 0; k < QK; ++k)
            x[k] = d * float(sc[k / 16]) * float(q[k] - 32); // (d·s_j)·(q − 32), as ggml
    }
}

void dequantizeQ8K(const std::uint8_t* y, std::int64_t blocks, float* x)
{
    for (std::int64_t b = 0; b < blocks; ++b, y += 292) {
        float d;
        std::memcpy(&d, y, 4);
        for (int j = 0; j < QK; ++j)
            *x++ = d * float(std::int8_t(y[4 + j]));
    }
}

} // namespace qs::ggml::detail
