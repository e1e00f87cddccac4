// ggml's blocks of 32 (Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, IQ4_NL), the ternary
// types (TQ1_0, TQ2_0) and the decoders of IQ4_XS and MXFP4, as ggml-quants.c
// computes them. Layouts (bytes, little-endian):
//   Q4_0   d:f16 | qs[16]            value j in the low nibble of qs[j], j+16 in the high one
//   Q4_1   d:f16 m:f16 | qs[16]
//   Q5_0   d:f16 | qh:u32 | qs[16]   bit 4 of value j in bit j of qh
//   Q5_1   d:f16 m:f16 | qh:u32 | qs[16]
//   Q8_0   d:f16 | qs:int8[32]
//   IQ4_NL d:f16 | qs[16]            nibbles index kvalues_iq4nl
//   TQ1_0  qs[48] qh[4] | d:f16      five (qs) or four (qh) base-3 digits per byte, as a fixed-point fraction
//   TQ2_0  qs[64] | d:f16            four 2-bit values per byte, value = q - 1
//   IQ4_XS d:f16 scales_h:u16 scales_l[4] | qs[128]   6-bit sub-scales (offset 32) per 32 values
//   MXFP4  e:E8M0 | qs[16]           nibbles index the doubled E2M1 values, d = 2^(e-128)
// Reference rules (quantize_row_*_ref), float32 arithmetic:
//   Q4_0  d = max/-8 (max: the signed value of largest |x|, the first one wins),
//         q = min(15, (int8)(x·(1/d) + 8.5)), x̂ = (q - 8)·d16
//   Q4_1  d = (max - min)/15, q = min(15, (int8)((x - min)·(1/d) + 0.5)), x̂ = q·d16 + m16
//   Q5_0  d = max/-16, q = min(31, (int8)(x·(1/d) + 16.5)), x̂ = (q - 16)·d16
//   Q5_1  d = (max - min)/31, q = (uint8)((x - min)·(1/d) + 0.5), x̂ = q·d16 + m16
//   Q8_0  d = amax/127, q = roundf(x·(1/d)) (half away from zero), x̂ = q·d16
//   IQ4_NL d0 = max/-127, q = the nearest level to x/d0, then d = Σw·l·x / Σw·l² (w = x²)
// 1/d is 0 when d = 0. d16/m16 are the fp16-rounded values that dequantization uses.
#include "quant/ggmlimpl.h"

#include "formats/error.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace qs::ggml::detail {

namespace {

constexpr int kBlock = 32;

// roundf (half away from zero) without a libm call or a branch; values of 2^23 and
// more (and NaN) are returned as they are. Only the integer is used: the sign of a zero may differ.
QS_ALWAYS_INLINE float roundHalfAway(float v)
{
    const bool small = std::fabs(v) < 8388608.0f;
    const float t = float(std::int32_t(small ? v : 0.0f));
    const float frac = v - t; // exact
    const float r = t + (frac >= 0.5f ? 1.0f : 0.0f) - (frac <= -0.5f ? 1.0f : 0.0f);
    return small ? r : v;
}

// The signed value of largest magnitude, the first one on ties (ggml's `if (amax < fabsf(v))`).
QS_ALWAYS_INLINE float signedMax(const float* x, int n, float& amax)
{
    float max = 0.0f;
    amax = 0.0f;
    for (int j = 0; j < n; ++j) {
        const bool larger = amax < std::fabs(x[j]);
        amax = larger ? std::fabs(x[j]) : amax;
        max = larger ? x[j] : max;
    }
    return max;
}

QS_ALWAYS_INLINE void minMax(const float* x, int n, float& min, float& max)
{
    min = FLT_MAX;
    max = -FLT_MAX;
    for (int j = 0; j < n; ++j) {
        min = x[j] < min ? x[j] : min;
        max = x[j] > max ? x[j] : max;
    }
}

QS_ALWAYS_INLINE void quantizeQ4_0(const float* x, std::uint8_t* y)
{
    float amax;
    const float max = signedMax(x, kBlock, amax);
    const float d = max / -8.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store16(y, fp32ToFp16(d));
    std::uint8_t q[kBlock];
    for (int j = 0; j < kBlock; ++j)
        q[j] = std::uint8_t(std::min(15, int(std::int8_t(truncToInt(x[j] * id + 8.5f)))));
    for (int j = 0; j < 16; ++j)
        y[2 + j] = std::uint8_t(q[j] | (q[j + 16] << 4));
}

QS_ALWAYS_INLINE void quantizeQ4_1(const float* x, std::uint8_t* y)
{
    float min, max;
    minMax(x, kBlock, min, max);
    const float d = (max - min) / 15.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store16(y, fp32ToFp16(d));
    store16(y + 2, fp32ToFp16(min));
    std::uint8_t q[kBlock];
    for (int j = 0; j < kBlock; ++j)
        q[j] = std::uint8_t(std::min(15, int(std::int8_t(truncToInt((x[j] - min) * id + 0.5f)))));
    for (int j = 0; j < 16; ++j)
        y[4 + j] = std::uint8_t(q[j] | (q[j + 16] << 4));
}

// Q5: low nibbles in qs like Q4, the fifth bits of values j and j+16 in bits j and j+16 of qh.
QS_ALWAYS_INLINE void packQ5(const std::uint8_t* q, std::uint8_t* qh, std::uint8_t* qs)
{
    std::uint32_t h = 0;
    for (int j = 0; j < 16; ++j) {
        qs[j] = std::uint8_t((q[j] & 0x0F) | ((q[j + 16] & 0x0F) << 4));
        h |= std::uint32_t((q[j] & 0x10u) >> 4) << j;
        h |= std::uint32_t((q[j + 16] & 0x10u) >> 4) << (j + 16);
    }
    for (int b = 0; b < 4; ++b)
        qh[b] = std::uint8_t(h >> (8 * b));
}

QS_ALWAYS_INLINE void quantizeQ5_0(const float* x, std::uint8_t* y)
{
    float amax;
    const float max = signedMax(x, kBlock, amax);
    const float d = max / -16.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store16(y, fp32ToFp16(d));
    std::uint8_t q[kBlock];
    for (int j = 0; j < kBlock; ++j)
        q[j] = std::uint8_t(std::min(31, int(std::int8_t(truncToInt(x[j] * id + 16.5f)))));
    packQ5(q, y + 2, y + 6);
}

QS_ALWAYS_INLINE void quantizeQ5_1(const float* x, std::uint8_t* y)
{
    float min, max;
    minMax(x, kBlock, min, max);
    const float d = (max - min) / 31.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store16(y, fp32ToFp16(d));
    store16(y + 2, fp32ToFp16(min));
    std::uint8_t q[kBlock];
    for (int j = 0; j < kBlock; ++j)
        q[j] = std::uint8_t(truncToInt((x[j] - min) * id + 0.5f)); // no clamp in ggml
    packQ5(q, y + 4, y + 8);
}

QS_ALWAYS_INLINE void quantizeQ8_0(const float* x, std::uint8_t* y)
{
    float amax = 0.0f;
    for (int j = 0; j < kBlock; ++j) {
        const float a = std::fabs(x[j]);
        amax = amax > a ? amax : a; // ggml's MAX(amax, fabsf(v))
    }
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    store16(y, fp32ToFp16(d));
    for (int j = 0; j < kBlock; ++j)
        y[2 + j] = std::uint8_t(std::int8_t(truncToInt(roundHalfAway(x[j] * id))));
}

QS_ALWAYS_INLINE void quantizeIq4nl(const float* x, std::uint8_t* y)
{
    // quantize_row_iq4_nl_impl with one block of 32, no importance weights
    // (w = x²) and ntry = -1: one pass of the nearest levels at d0 = max/-127,
    // then the weighted least-squares scale for those levels.
    const std::int8_t* values = iq4nlLevels();
    float weight[kBlock];
    std::uint8_t L[kBlock];
    for (int j = 0; j < kBlock; ++j)
        weight[j] = x[j] * x[j];
    float amax;
    const float max = signedMax(x, kBlock, amax);
    float scale = 0.0f;
    if (amax < 1e-15f) { // GROUP_MAX_EPS: all zero
        std::fill(L, L + kBlock, 0);
    } else {
        const float d0 = max / float(values[0]);
        const float id = 1.0f / d0;
        // best_index_int8's binary search over the increasing midpoints (exact sums of
        // neighbouring levels, compared with 2x) ends at the number of midpoints 2x has
        // reached: counted here for all 32 values at once (NaN reaches none in both).
        float threshold[16];
        for (int t = 1; t < 16; ++t)
            threshold[t] = float(values[t - 1] + values[t]);
        float q[kBlock];
        for (int j = 0; j < kBlock; ++j) {
            const float al = id * x[j], x2 = al + al;
            int l = 0;
            for (int t = 1; t < 16; ++t)
                l += x2 >= threshold[t] ? 1 : 0;
            L[j] = std::uint8_t(l);
            q[j] = float(values[l]);
        }
        float sumqx = 0, sumq2 = 0;
        for (int j = 0; j < kBlock; ++j) {
            sumqx += weight[j] * q[j] * x[j];
            sumq2 += weight[j] * q[j] * q[j];
        }
        scale = sumq2 > 0 ? sumqx / sumq2 : 0.0f;
    }
    store16(y, fp32ToFp16(scale));
    for (int j = 0; j < 16; ++j)
        y[2 + j] = std::uint8_t(L[j] | (L[j + 16] << 4));
}

QS_ALWAYS_INLINE void quantizeTq2_0(const float* x, std::uint8_t* y)
{
    float amax = 0.0f;
    for (int j = 0; j < kSuperBlock; ++j) {
        const float a = std::fabs(x[j]);
        amax = amax > a ? amax : a;
    }
    const float d = amax;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (int j = 0; j < 64; j += 32) {
        for (int m = 0; m < 32; ++m) {
            int q = 0;
            for (int n = 0; n < 4; ++n) {
                const int xi = int(std::lround(x[m + n * 32] * id)) + 1; // -1, 0, 1 -> 0, 1, 2
                q += (xi & 3) << (2 * n);
            }
            y[j + m] = std::uint8_t(q);
        }
        x += 128;
    }
    store16(y + 64, fp32ToFp16(d));
}

// TQ1_0 packs base-3 digits d1..dk (most significant first) of a byte as the
// fraction ceil(value · 256 / 3^5), so that digit i is recovered as
// ((byte · 3^(i-1)) mod 256) · 3 >> 8.
std::uint8_t packTrits(const float* x, int stride, int count, float id)
{
    std::uint8_t q = 0;
    for (int n = 0; n < count; ++n) {
        const int xi = int(std::lround(x[n * stride] * id)) + 1;
        q = std::uint8_t(q * 3 + xi);
    }
    if (count == 4)
        q = std::uint8_t(q * 3); // the first value becomes the most significant of five digits
    return std::uint8_t((std::uint16_t(q) * 256 + (243 - 1)) / 243);
}

QS_ALWAYS_INLINE void quantizeTq1_0(const float* x, std::uint8_t* y)
{
    float amax = 0.0f;
    for (int j = 0; j < kSuperBlock; ++j) {
        const float a = std::fabs(x[j]);
        amax = amax > a ? amax : a;
    }
    const float d = amax;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (int m = 0; m < 32; ++m)
        y[m] = packTrits(x + m, 32, 5, id);
    x += 160;
    for (int m = 0; m < 16; ++m)
        y[32 + m] = packTrits(x + m, 16, 5, id);
    x += 80;
    for (int j = 0; j < 4; ++j)
        y[48 + j] = packTrits(x + j, 4, 4, id);
    store16(y + 52, fp32ToFp16(d));
}

int tritAt(std::uint8_t byte, int n)
{
    static const std::uint8_t pow3[6] = {1, 3, 9, 27, 81, 243};
    const std::uint8_t q = std::uint8_t(byte * pow3[n]);
    return (std::uint16_t(q) * 3) >> 8;
}

// Calls f(index, code) for the 256 values of a TQ1_0 block in ggml's order.
template <class F> void forEachTrit(const std::uint8_t* y, F&& f)
{
    int k = 0;
    for (int n = 0; n < 5; ++n)
        for (int m = 0; m < 32; ++m)
            f(k++, tritAt(y[m], n));
    for (int n = 0; n < 5; ++n)
        for (int m = 0; m < 16; ++m)
            f(k++, tritAt(y[32 + m], n));
    for (int n = 0; n < 4; ++n)
        for (int j = 0; j < 4; ++j)
            f(k++, tritAt(y[48 + j], n));
}

// E8M0 / 2 as ggml_e8m0_to_fp32_half: 2^(e-128) for every e (e < 2 are float subnormals).
float e8m0Half(std::uint8_t e)
{
    return bitsFloat(e < 2 ? 0x00200000u << e : std::uint32_t(e - 1) << 23);
}

const std::int8_t kMxfp4Values[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

int blockBytes(std::uint32_t type)
{
    return typeInfo(type)->bytesPerBlock;
}

// One loop per type, in every ISA's entry of a simd table (core/runtime/simd.h):
// the block functions inline into it and their loops over the 32 values vectorise.
template <void (*One)(const float*, std::uint8_t*), int Values, int Bytes>
QS_ALWAYS_INLINE void blockLoop(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    for (std::int64_t b = 0; b < blocks; ++b)
        One(x + b * Values, y + b * Bytes);
}

template <simd::Isa>
QS_ALWAYS_INLINE void blocks32Body(std::uint32_t type, const float* x, std::uint8_t* y, std::int64_t blocks)
{
    switch (type) {
    case Q4_0: blockLoop<quantizeQ4_0, 32, 18>(x, y, blocks); break;
    case Q4_1: blockLoop<quantizeQ4_1, 32, 20>(x, y, blocks); break;
    case Q5_0: blockLoop<quantizeQ5_0, 32, 22>(x, y, blocks); break;
    case Q5_1: blockLoop<quantizeQ5_1, 32, 24>(x, y, blocks); break;
    case Q8_0: blockLoop<quantizeQ8_0, 32, 34>(x, y, blocks); break;
    case IQ4_NL: blockLoop<quantizeIq4nl, 32, 18>(x, y, blocks); break;
    default: break;
    }
}

QS_SIMD_TABLE(blocks32Table, blocks32Body, void,
              (std::uint32_t type, const float* x, std::uint8_t* y, std::int64_t blocks), (type, x, y, blocks));

} // namespace

void quantizeLegacy(std::uint32_t type, const float* x, std::uint8_t* y, std::int64_t blocks)
{
    switch (type) {
    case Q4_0:
    case Q4_1:
    case Q5_0:
    case Q5_1:
    case Q8_0:
    case IQ4_NL: blocks32Table()(type, x, y, blocks); return;
    case TQ1_0:
        for (std::int64_t b = 0; b < blocks; ++b)
            quantizeTq1_0(x + b * kSuperBlock, y + b * 54);
        return;
    case TQ2_0:
        for (std::int64_t b = 0; b < blocks; ++b)
            quantizeTq2_0(x + b * kSuperBlock, y + b * 66);
        return;
    default: throw ArgumentError("ggml type " + std::to_string(type) + ": no reference quantizer here");
    }
}

void dequantizeLegacy(std::uint32_t type, const std::uint8_t* y, std::int64_t blocks, float* x)
{
    const int bytes = blockBytes(type);
    for (std::int64_t b = 0; b < blocks; ++b, y += bytes) {
        switch (type) {
        case Q4_0:
        case IQ4_NL: {
            const float d = loadHalf(y);
            for (int j = 0; j < 16; ++j) {
                const int lo = y[2 + j] & 0x0F, hi = y[2 + j] >> 4;
                if (type == Q4_0) {
                    x[j] = float(lo - 8) * d;
                    x[j + 16] = float(hi - 8) * d;
                } else {
                    x[j] = d * float(iq4nlLevels()[lo]);
                    x[j + 16] = d * float(iq4nlLevels()[hi]);
                }
            }
            x += kBlock;
            break;
        }
        case Q4_1: {
            const float d = loadHalf(y), m = loadHalf(y + 2);
            for (int j = 0; j < 16; ++j) {
                x[j] = float(y[4 + j] & 0x0F) * d + m;
                x[j + 16] = float(y[4 + j] >> 4) * d + m;
            }
            x += kBlock;
            break;
        }
        case Q5_0:
        case Q5_1: {
            const bool hasMin = type == Q5_1;
            const float d = loadHalf(y), m = hasMin ? loadHalf(y + 2) : 0.0f;
            const std::uint8_t* qh = y + (hasMin ? 4 : 2);
            const std::uint8_t* qs = qh + 4;
            const std::uint32_t h = std::uint32_t(qh[0]) | (std::uint32_t(qh[1]) << 8) | (std::uint32_t(qh[2]) << 16) |
                                    (std::uint32_t(qh[3]) << 24);
            for (int j = 0; j < 16; ++j) {
                const int q0 = (qs[j] & 0x0F) | int(((h >> j) << 4) & 0x10);
                const int q1 = (qs[j] >> 4) | int((h >> (j + 12)) & 0x10);
                if (hasMin) {
                    x[j] = float(q0) * d + m;
                    x[j + 16] = float(q1) * d + m;
                } else {
                    x[j] = float(q0 - 16) * d;
                    x[j + 16] = float(q1 - 16) * d;
                }
            }
            x += kBlock;
            break;
        }
        case Q8_0: {
            const float d = loadHalf(y);
            for (int j = 0; j < kBlock; ++j)
                x[j] = float(std::int8_t(y[2 + j])) * d;
            x += kBlock;
            break;
        }
        case IQ4_XS: {
            const float d = loadHalf(y);
            const std::uint16_t scalesH = load16(y + 2);
            const std::uint8_t* qs = y + 8;
            for (int ib = 0; ib < 8; ++ib) {
                const int ls = ((y[4 + ib / 2] >> (4 * (ib % 2))) & 0xf) | (((scalesH >> (2 * ib)) & 3) << 4);
                const float dl = d * float(ls - 32);
                for (int j = 0; j < 16; ++j) {
                    x[j] = dl * float(iq4nlLevels()[qs[j] & 0xf]);
                    x[j + 16] = dl * float(iq4nlLevels()[qs[j] >> 4]);
                }
                x += 32;
                qs += 16;
            }
            break;
        }
        case MXFP4: {
            const float d = e8m0Half(y[0]);
            for (int j = 0; j < 16; ++j) {
                x[j] = float(kMxfp4Values[y[1 + j] & 0x0F]) * d;
                x[j + 16] = float(kMxfp4Values[y[1 + j] >> 4]) * d;
            }
            x += kBlock;
            break;
        }
        case TQ1_0: {
            const float d = loadHalf(y + 52);
            forEachTrit(y, [&](int k, int q) { x[k] = float(q - 1) * d; });
            x += kSuperBlock;
            break;
        }
        case TQ2_0: {
            const float d = loadHalf(y + 64);
            for (int j = 0; j < 64; j += 32)
                for (int l = 0; l < 4; ++l)
                    for (int m = 0; m < 32; ++m)
                        *x++ = float(((y[j + m] >> (l * 2)) & 3) - 1) * d;
            break;
        }
        default: throw ArgumentError("ggml type " + std::to_string(type) + ": its block layout is not decoded here");
        }
    }
}

void codesLegacy(std::uint32_t type, const std::uint8_t* y, std::int64_t blocks, std::int32_t* q)
{
    const int bytes = blockBytes(type);
    for (std::int64_t b = 0; b < blocks; ++b, y += bytes) {
        switch (type) {
        case Q4_0:
        case IQ4_NL:
        case Q4_1:
        case MXFP4: {
            const std::uint8_t* qs = y + (type == Q4_1 ? 4 : (type == MXFP4 ? 1 : 2));
            for (int j = 0; j < 16; ++j) {
                q[j] = qs[j] & 0x0F;
                q[j + 16] = qs[j] >> 4;
            }
            q += kBlock;
            break;
        }
        case Q5_0:
        case Q5_1: {
            const std::uint8_t* qh = y + (type == Q5_1 ? 4 : 2);
            const std::uint32_t h = std::uint32_t(qh[0]) | (std::uint32_t(qh[1]) << 8) | (std::uint32_t(qh[2]) << 16) |
                                    (std::uint32_t(qh[3]) << 24);
            for (int j = 0; j < 16; ++j) {
                q[j] = (qh[4 + j] & 0x0F) | int(((h >> j) & 1) << 4);
                q[j + 16] = (qh[4 + j] >> 4) | int(((h >> (j + 16)) & 1) << 4);
            }
            q += kBlock;
            break;
        }
        case Q8_0:
            for (int j = 0; j < kBlock; ++j)
                q[j] = std::int8_t(y[2 + j]);
            q += kBlock;
            break;
        case IQ4_XS: {
            const std::uint8_t* qs = y + 8;
            for (int ib = 0; ib < 8; ++ib, qs += 16, q += 32)
                for (int j = 0; j < 16; ++j) {
                    q[j] = qs[j] & 0x0F;
                    q[j + 16] = qs[j] >> 4;
                }
            break;
        }
        case TQ1_0:
            forEachTrit(y, [&](int k, int code) { q[k] = code; });
            q += kSuperBlock;
            break;
        case TQ2_0:
            for (int j = 0; j < 64; j += 32)
                for (int l = 0; l < 4; ++l)
                    for (int m = 0; m < 32; ++m)
                        *q++ = (y[j + m] >> (l * 2)) & 3;
            break;
        default: throw ArgumentError("ggml type " + std::to_string(type) + " has no codes");
        }
    }
}

} // namespace qs::ggml::detail
