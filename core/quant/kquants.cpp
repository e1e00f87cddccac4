// llama.cpp's K-quants (Q2_K ... Q6_K, and Q8_K): super-blocks of 256 values
// cut into sub-blocks of 16 or 32, each sub-block with its own scale (and min),
// the sub-block scales themselves quantized to 4, 6 or 8 bits against one fp16
// super-block scale d (and dmin). These are the reference quantizers
// quantize_row_q*_K_ref of ggml-quants.c, reproduced operation by operation
// (float32, the same summation order, no FMA) so that the bytes are llama.cpp's.
//
//   type  sub-blocks   value                            sub-scale storage           bytes  bits/value
//   Q2_K  16 × 16      x̂ = (d·s_j)·q − dmin·m_j, q 0..3  4-bit s_j, 4-bit m_j          84    2.625
//   Q3_K  16 × 16      x̂ = (d·(s_j−32))·(q − 4), q 0..7 6-bit s_j (12 packed bytes) 110    3.4375
//   Q4_K   8 × 32      x̂ = (d·s_j)·q − dmin·m_j, q 0..15 6-bit s_j, m_j (12 bytes)   144    4.5
//   Q5_K   8 × 32      same with q 0..31                same                        176    5.5
//   Q6_K  16 × 16      x̂ = (d·s_j)·(q − 32), q 0..63    int8 s_j                    210    6.5625
//   Q8_K   1 × 256     x̂ = d·q (float32 d)             (no sub-blocks)              292    9.125
//
// The sub-block scale searches (kquantsearch.h) run on all sub-blocks of a
// super-block at once, one per lane; then, as in ggml, the sub-block scales
// (and mins) are quantized against their maximum, d = max/63 (or 15, or
// −128 for Q6_K's signed 8-bit scales) is rounded to fp16, and every value is
// rounded again against its sub-block's final, quantized scale and min.
#include "quant/ggmlimpl.h"
#include "quant/kquantsearch.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace qs::ggml::detail {

namespace {

constexpr int QK = kSuperBlock;

// Packs four 2-bit planes: byte l of each 32-byte group holds values l, l+32, l+64, l+96 of its 128.
QS_ALWAYS_INLINE void pack2Bit(const std::uint8_t* L, std::uint8_t* qs)
{
    for (int j = 0; j < QK; j += 128)
        for (int l = 0; l < 32; ++l)
            qs[j / 4 + l] = std::uint8_t(L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) | (L[j + l + 96] << 6));
}

// Q4_K/Q5_K's 12 bytes of eight 6-bit scales and eight 6-bit mins (inverse of scaleMinK4).
QS_ALWAYS_INLINE void packScaleMinK4(const std::uint8_t* ls, const std::uint8_t* lm, std::uint8_t* s)
{
    for (int j = 0; j < 8; ++j) {
        if (j < 4) {
            s[j] = ls[j];
            s[j + 4] = lm[j];
        } else {
            s[j + 4] = std::uint8_t((ls[j] & 0xF) | ((lm[j] & 0xF) << 4));
            s[j - 4] |= std::uint8_t((ls[j] >> 4) << 6);
            s[j] |= std::uint8_t((lm[j] >> 4) << 6);
        }
    }
}

// The searches run on S super-blocks at once (S·sub-blocks lanes): more
// independent lanes than one super-block has keep the vector units busy while
// each lane's sums wait for the previous addition.
constexpr int kS = 4;

// The lambdas below must inline into the table entry that calls them (QS_SIMD_TABLE) to be
// compiled for its ISA too.
#define QS_INLINE_LAMBDA __attribute__((always_inline))

// Runs Search<S> on groups of kS super-blocks and Search<1> on the rest, then
// Finish on each super-block; Search fills scales, mins and codes for its blocks.
template <int Subs, class Code, class SearchS, class Search1, class Finish>
QS_ALWAYS_INLINE void superBlocks(const float* x, std::uint8_t* y, std::int64_t blocks, int bytes, SearchS searchS,
                                  Search1 search1, Finish finish)
{
    float scales[kS * Subs], mins[kS * Subs];
    Code L[kS * QK];
    for (std::int64_t b = 0; b < blocks;) {
        const int s = blocks - b >= kS ? kS : 1;
        if (s == kS)
            searchS(x, scales, mins, L);
        else
            search1(x, scales, mins, L);
        for (int k = 0; k < s; ++k)
            finish(x + k * QK, y + k * bytes, scales + k * Subs, mins + k * Subs, L + k * QK);
        b += s;
        x += s * QK;
        y += s * bytes;
    }
}

// Q4_K/Q5_K search: weights = the sub-block's RMS plus |x| (quantize_row_q4_K_ref), then make_qkx2_quants.
template <int S>
QS_ALWAYS_INLINE void searchQ45K(const float* x, int nmax, float rmin, float rdelta, int nstep, float* scales,
                                 float* mins, std::uint8_t* L)
{
    F8 xl[32 * S], wl[32 * S], minsV[S], scalesV[S];
    I8 Ll[32 * S];
    float weights[S * QK];
    for (int j = 0; j < 8 * S; ++j) {
        float sumX2 = 0;
        for (int l = 0; l < 32; ++l)
            sumX2 += x[32 * j + l] * x[32 * j + l];
        const float avX = std::sqrt(sumX2 / 32.0f);
        for (int l = 0; l < 32; ++l)
            weights[32 * j + l] = avX + std::fabs(x[32 * j + l]);
    }
    toLanes<S>(x, 32, xl);
    toLanes<S>(weights, 32, wl);
    makeQkx2Lanes<S>(32, nmax, xl, wl, Ll, minsV, scalesV, rmin, rdelta, nstep, false);
    fromLanes<S>(Ll, 32, L);
    fromLanesF<S>(minsV, mins);
    fromLanesF<S>(scalesV, scales);
}

// Q4_K/Q5_K per super-block: 6-bit scales and mins against their maxima, fp16 d and dmin,
// and the codes again against each sub-block's quantized scale and min.
QS_ALWAYS_INLINE void finishQ45K(const float* x, std::uint8_t* y, int nmax, const float* scales, const float* mins,
                                 std::uint8_t* L)
{
    float maxScale = 0, maxMin = 0;
    for (int j = 0; j < 8; ++j) {
        maxScale = scales[j] > maxScale ? scales[j] : maxScale;
        maxMin = mins[j] > maxMin ? mins[j] : maxMin;
    }
    const float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
    const float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
    std::uint8_t ls[8], lm[8];
    for (int j = 0; j < 8; ++j) {
        ls[j] = std::min<std::uint8_t>(63, std::uint8_t(nearestInt(invScale * scales[j])));
        lm[j] = std::min<std::uint8_t>(63, std::uint8_t(nearestInt(invMin * mins[j])));
    }
    packScaleMinK4(ls, lm, y + 4);
    store16(y, fp32ToFp16(maxScale / 63.f));
    store16(y + 2, fp32ToFp16(maxMin / 63.f));
    for (int j = 0; j < 8; ++j) {
        std::uint8_t sc, m;
        scaleMinK4(j, y + 4, sc, m);
        const float d = loadHalf(y) * float(sc);
        if (d == 0)
            continue; // keeps the search's codes (ggml's `if (!d) continue;`)
        const float dm = loadHalf(y + 2) * float(m);
        for (int ii = 0; ii < 32; ++ii)
            L[32 * j + ii] = std::uint8_t(clampTo(nearestInt((x[32 * j + ii] + dm) / d), 0, nmax));
    }
}

template <simd::Isa> QS_ALWAYS_INLINE void q2kBody(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: scales[16] (low nibble scale, high nibble min) | qs[64] | d:f16 | dmin:f16.
    auto search = [](auto sTag, const float* xs, float* scales, float* mins, std::uint8_t* L) QS_INLINE_LAMBDA {
        constexpr int S = decltype(sTag)::value;
        F8 xl[32 * S], wl[32 * S], minsV[2 * S], scalesV[2 * S];
        I8 Ll[32 * S];
        toLanes<2 * S>(xs, 16, xl);
        for (int i = 0; i < 32 * S; ++i)
            wl[i] = vabs(xl[i]); // the weights of quantize_row_q2_K_ref: |x|
        makeQkx2Lanes<2 * S>(16, 3, xl, wl, Ll, minsV, scalesV, -0.5f, 0.1f, 15, true);
        fromLanes<2 * S>(Ll, 16, L);
        fromLanesF<2 * S>(minsV, mins);
        fromLanesF<2 * S>(scalesV, scales);
    };
    superBlocks<16, std::uint8_t>(
        x, y, blocks, 84,
        [&](const float* xs, float* sc, float* mn, std::uint8_t* L)
            QS_INLINE_LAMBDA { search(std::integral_constant<int, kS>{}, xs, sc, mn, L); },
        [&](const float* xs, float* sc, float* mn, std::uint8_t* L)
            QS_INLINE_LAMBDA { search(std::integral_constant<int, 1>{}, xs, sc, mn, L); },
        [](const float* xb, std::uint8_t* yb, const float* scales, const float* mins, std::uint8_t* L)
            QS_INLINE_LAMBDA {
                constexpr float q4scale = 15.f;
                float maxScale = 0, maxMin = 0;
                for (int j = 0; j < 16; ++j) {
                    maxScale = scales[j] > maxScale ? scales[j] : maxScale;
                    maxMin = mins[j] > maxMin ? mins[j] : maxMin;
                }
                std::uint8_t* sc = yb;
                if (maxScale > 0) {
                    const float iscale = q4scale / maxScale;
                    for (int j = 0; j < 16; ++j)
                        sc[j] = std::uint8_t(nearestInt(iscale * scales[j]));
                    store16(yb + 80, fp32ToFp16(maxScale / q4scale));
                } else {
                    std::fill(sc, sc + 16, 0);
                    store16(yb + 80, fp32ToFp16(0.f));
                }
                if (maxMin > 0) {
                    const float iscale = q4scale / maxMin;
                    for (int j = 0; j < 16; ++j)
                        sc[j] |= std::uint8_t(nearestInt(iscale * mins[j]) << 4);
                    store16(yb + 82, fp32ToFp16(maxMin / q4scale));
                } else {
                    store16(yb + 82, fp32ToFp16(0.f));
                }
                for (int j = 0; j < 16; ++j) {
                    const float d = loadHalf(yb + 80) * float(sc[j] & 0xF);
                    if (d == 0)
                        continue;
                    const float dm = loadHalf(yb + 82) * float(sc[j] >> 4);
                    for (int ii = 0; ii < 16; ++ii)
                        L[16 * j + ii] = std::uint8_t(clampTo(nearestInt((xb[16 * j + ii] + dm) / d), 0, 3));
                }
                pack2Bit(L, yb + 16);
            });
}

template <simd::Isa> QS_ALWAYS_INLINE void q3kBody(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: hmask[32] | qs[64] | scales[12] | d:f16.
    auto search = [](auto sTag, const float* xs, float* scales, float*, std::int8_t* L) QS_INLINE_LAMBDA {
        constexpr int S = decltype(sTag)::value;
        F8 xl[32 * S], scalesV[2 * S];
        I8 Ll[32 * S];
        toLanes<2 * S>(xs, 16, xl);
        makeQ3Lanes<2 * S>(16, 4, xl, Ll, scalesV);
        fromLanes<2 * S>(Ll, 16, L);
        fromLanesF<2 * S>(scalesV, scales);
    };
    superBlocks<16, std::int8_t>(
        x, y, blocks, 110,
        [&](const float* xs, float* sc, float* mn, std::int8_t* L)
            QS_INLINE_LAMBDA { search(std::integral_constant<int, kS>{}, xs, sc, mn, L); },
        [&](const float* xs, float* sc, float* mn, std::int8_t* L)
            QS_INLINE_LAMBDA { search(std::integral_constant<int, 1>{}, xs, sc, mn, L); },
        [](const float* xb, std::uint8_t* yb, const float* scales, const float*, std::int8_t* L) QS_INLINE_LAMBDA {
            float maxScale = 0, amax = 0;
            for (int j = 0; j < 16; ++j) {
                const float scale = std::fabs(scales[j]);
                const bool larger = scale > amax;
                amax = larger ? scale : amax;
                maxScale = larger ? scales[j] : maxScale;
            }
            std::uint8_t* s = yb + 96;
            std::fill(s, s + 12, 0);
            if (maxScale != 0) {
                const float iscale = -32.f / maxScale;
                for (int j = 0; j < 16; ++j) {
                    std::int8_t l = std::int8_t(nearestInt(iscale * scales[j]));
                    l = std::int8_t(clampTo<int>(l, -32, 31) + 32);
                    if (j < 8)
                        s[j] = std::uint8_t(l & 0xF);
                    else
                        s[j - 8] |= std::uint8_t((l & 0xF) << 4);
                    l = std::int8_t(l >> 4);
                    s[j % 4 + 8] |= std::uint8_t(l << (2 * (j / 4)));
                }
                store16(yb + 108, fp32ToFp16(1 / iscale));
            } else {
                store16(yb + 108, fp32ToFp16(0.f));
            }
            for (int j = 0; j < 16; ++j) {
                const std::int8_t sc = std::int8_t(scaleQ3K(j, s) - 32);
                const float d = loadHalf(yb + 108) * float(sc);
                if (d == 0)
                    continue;
                for (int ii = 0; ii < 16; ++ii)
                    L[16 * j + ii] = std::int8_t(clampTo(nearestInt(xb[16 * j + ii] / d), -4, 3) + 4);
            }
            // The third bit of value j goes to bit j/32 of hmask[j % 32]; the low two bits to qs.
            std::uint8_t* hmask = yb;
            std::fill(hmask, hmask + 32, 0);
            std::uint8_t low[QK];
            for (int j = 0; j < QK; ++j) {
                const bool high = L[j] > 3;
                hmask[j % 32] |= std::uint8_t((high ? 1u : 0u) << (j / 32));
                low[j] = std::uint8_t(high ? L[j] - 4 : L[j]);
            }
            pack2Bit(low, yb + 32);
        });
}

template <simd::Isa> QS_ALWAYS_INLINE void q4kBody(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: d:f16 | dmin:f16 | scales[12] | qs[128] (value l of each 64 in the low nibble of byte l, l+32 high).
    superBlocks<8, std::uint8_t>(
        x, y, blocks, 144,
        [](const float* xs, float* sc, float* mn, std::uint8_t* L)
            QS_INLINE_LAMBDA { searchQ45K<kS>(xs, 15, -1.f, 0.1f, 20, sc, mn, L); },
        [](const float* xs, float* sc, float* mn, std::uint8_t* L)
            QS_INLINE_LAMBDA { searchQ45K<1>(xs, 15, -1.f, 0.1f, 20, sc, mn, L); },
        [](const float* xb, std::uint8_t* yb, const float* scales, const float* mins, std::uint8_t* L)
            QS_INLINE_LAMBDA {
                finishQ45K(xb, yb, 15, scales, mins, L);
                std::uint8_t* q = yb + 16;
                for (int j = 0; j < QK; j += 64, q += 32)
                    for (int l = 0; l < 32; ++l)
                        q[l] = std::uint8_t(L[j + l] | (L[j + l + 32] << 4));
            });
}

template <simd::Isa> QS_ALWAYS_INLINE void q5kBody(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: d:f16 | dmin:f16 | scales[12] | qh[32] | qs[128]; the fifth bit of value
    // n + j (n = 0, 64, 128, 192) in bit n/32 of qh[j], of value n + j + 32 in bit n/32 + 1.
    superBlocks<8, std::uint8_t>(
        x, y, blocks, 176,
        [](const float* xs, float* sc, float* mn, std::uint8_t* L)
            QS_INLINE_LAMBDA { searchQ45K<kS>(xs, 31, -0.5f, 0.1f, 15, sc, mn, L); },
        [](const float* xs, float* sc, float* mn, std::uint8_t* L)
            QS_INLINE_LAMBDA { searchQ45K<1>(xs, 31, -0.5f, 0.1f, 15, sc, mn, L); },
        [](const float* xb, std::uint8_t* yb, const float* scales, const float* mins, std::uint8_t* L)
            QS_INLINE_LAMBDA {
                finishQ45K(xb, yb, 31, scales, mins, L);
                std::uint8_t* qh = yb + 16;
                std::uint8_t* ql = yb + 48;
                std::fill(qh, qh + 32, 0);
                for (int n = 0, bit = 0; n < QK; n += 64, ql += 32, bit += 2)
                    for (int j = 0; j < 32; ++j) {
                        const int l1 = L[n + j], l2 = L[n + j + 32];
                        qh[j] |= std::uint8_t(((l1 > 15 ? 1 : 0) << bit) | ((l2 > 15 ? 1 : 0) << (bit + 1)));
                        ql[j] = std::uint8_t((l1 & 15) | ((l2 & 15) << 4));
                    }
            });
}

template <simd::Isa> QS_ALWAYS_INLINE void q6kBody(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: ql[128] | qh[64] | scales:int8[16] | d:f16.
    auto search = [](auto sTag, const float* xs, float* scales, float*, std::int8_t* L) QS_INLINE_LAMBDA {
        constexpr int S = decltype(sTag)::value;
        F8 xl[32 * S], scalesV[2 * S];
        I8 Ll[32 * S];
        toLanes<2 * S>(xs, 16, xl);
        makeQxLanes<2 * S>(16, 32, xl, Ll, scalesV);
        fromLanes<2 * S>(Ll, 16, L);
        fromLanesF<2 * S>(scalesV, scales);
    };
    superBlocks<16, std::int8_t>(
        x, y, blocks, 210,
        [&](const float* xs, float* sc, float* mn, std::int8_t* L)
            QS_INLINE_LAMBDA { search(std::integral_constant<int, kS>{}, xs, sc, mn, L); },
        [&](const float* xs, float* sc, float* mn, std::int8_t* L)
            QS_INLINE_LAMBDA { search(std::integral_constant<int, 1>{}, xs, sc, mn, L); },
        [](const float* xb, std::uint8_t* yb, const float* scales, const float*, std::int8_t* L) QS_INLINE_LAMBDA {
            float maxScale = 0, maxAbsScale = 0;
            for (int ib = 0; ib < 16; ++ib) {
                const float absScale = std::fabs(scales[ib]);
                const bool larger = absScale > maxAbsScale;
                maxAbsScale = larger ? absScale : maxAbsScale;
                maxScale = larger ? scales[ib] : maxScale;
            }
            if (maxAbsScale < kGroupMaxEps) {
                std::fill(yb, yb + 210, 0);
                store16(yb + 208, fp32ToFp16(0.f));
                return;
            }
            const float iscale = -128.f / maxScale;
            store16(yb + 208, fp32ToFp16(1 / iscale));
            std::int8_t* sc = reinterpret_cast<std::int8_t*>(yb + 192);
            for (int ib = 0; ib < 16; ++ib)
                sc[ib] = std::int8_t(std::min(127, nearestInt(iscale * scales[ib])));
            for (int j = 0; j < 16; ++j) {
                const float d = loadHalf(yb + 208) * float(sc[j]);
                if (d == 0)
                    continue;
                for (int ii = 0; ii < 16; ++ii)
                    L[16 * j + ii] = std::int8_t(clampTo(nearestInt(xb[16 * j + ii] / d), -32, 31) + 32);
            }
            std::uint8_t* ql = yb;
            std::uint8_t* qh = yb + 128;
            for (int j = 0; j < QK; j += 128, ql += 64, qh += 32) {
                for (int l = 0; l < 32; ++l) {
                    const int q1 = L[j + l] & 0xF, q2 = L[j + l + 32] & 0xF;
                    const int q3 = L[j + l + 64] & 0xF, q4 = L[j + l + 96] & 0xF;
                    ql[l] = std::uint8_t(q1 | (q3 << 4));
                    ql[l + 32] = std::uint8_t(q2 | (q4 << 4));
                    qh[l] = std::uint8_t((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2) | ((L[j + l + 64] >> 4) << 4) |
                                         ((L[j + l + 96] >> 4) << 6));
                }
            }
        });
}

// Each type's loop for every ISA (core/runtime/simd.h): with AVX2 and AVX-512 the
// eight lanes of a search vector are one register; every entry gives the same bytes.
#define QS_KQUANT_TABLE(name, body)                                                                                    \
    QS_SIMD_TABLE(name, body, void, (const float* x, std::uint8_t* y, std::int64_t blocks), (x, y, blocks))
QS_KQUANT_TABLE(q2kTable, q2kBody);
QS_KQUANT_TABLE(q3kTable, q3kBody);
QS_KQUANT_TABLE(q4kTable, q4kBody);
QS_KQUANT_TABLE(q5kTable, q5kBody);
QS_KQUANT_TABLE(q6kTable, q6kBody);

} // namespace

void quantizeQ2K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    q2kTable()(x, y, blocks);
}
void quantizeQ3K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    q3kTable()(x, y, blocks);
}
void quantizeQ4K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    q4kTable()(x, y, blocks);
}
void quantizeQ5K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    q5kTable()(x, y, blocks);
}
void quantizeQ6K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    q6kTable()(x, y, blocks);
}

void quantizeQ8K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: d:f32 | qs:int8[256] | bsums:int16[16] (the sum of each 16 codes).
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 292) {
        float max = 0, amax = 0;
        for (int j = 0; j < QK; ++j) {
            const float ax = std::fabs(x[j]);
            const bool larger = ax > amax;
            amax = larger ? ax : amax;
            max = larger ? x[j] : max;
        }
        if (amax == 0) {
            std::fill(y, y + 292, 0); // ggml leaves bsums untouched here; a zeroed row has zeros
            continue;
        }
        const float iscale = -127.f / max;
        std::int8_t* qs = reinterpret_cast<std::int8_t*>(y + 4);
        for (int j = 0; j < QK; ++j)
            qs[j] = std::int8_t(std::min(127, nearestInt(iscale * x[j])));
        for (int j = 0; j < 16; ++j) {
            int sum = 0;
            for (int ii = 0; ii < 16; ++ii)
                sum += qs[16 * j + ii];
            const std::int16_t s16 = std::int16_t(sum);
            std::memcpy(y + 260 + 2 * j, &s16, 2);
        }
        const float d = 1 / iscale;
        std::memcpy(y, &d, 4);
    }
}

} // namespace qs::ggml::detail
