// llama.cpp's K-quants (Q2_K ... Q6_K, and Q8_K): super-blocks of 256 values
// cut into sub-blocks of 16 or 32, each sub-block with its own scale (and min),
// the sub-block scales themselves quantized to 4, 6 or 8 bits against one fp16
// super-block scale d (and dmin). These are the reference quantizers
// quantize_row_q*_K_ref of ggml-quants.c, reproduced operation by operation
// (float32, the same summation order, no FMA) so that the bytes are llama.cpp's.
//
//   type  sub-blocks   value                          sub-scale storage            bytes  bits/value
//   Q2_K  16 × 16      x̂ = d·s_j·q − dmin·m_j, q 0..3   4-bit s_j, 4-bit m_j           84    2.625
//   Q3_K  16 × 16      x̂ = d·(s_j − 32)·(q − 4), q 0..7 6-bit s_j (12 packed bytes)  110    3.4375
//   Q4_K   8 × 32      x̂ = d·s_j·q − dmin·m_j, q 0..15  6-bit s_j, m_j (12 bytes)    144    4.5
//   Q5_K   8 × 32      same with q 0..31               same                         176    5.5
//   Q6_K  16 × 16      x̂ = d·s_j·(q − 32), q 0..63     int8 s_j                     210    6.5625
//   Q8_K   1 × 256     x̂ = d·q (float32 d)            (no sub-blocks)               292    9.125
//
// How the scales are searched (docs/quantization.md has the derivation):
// - makeQxQuants (make_qx_quants): symmetric grid; start at 1/iscale = max/-nmax,
//   try iscale = -(nmax + 0.1·k)/max for k = -9..9 and keep the codes with the
//   largest (Σw·x·l)²/Σw·l², i.e. the least weighted squared error after the
//   least-squares scale Σw·x·l / Σw·l² (w = x²).
// - makeQ3Quants (make_q3_quants): the same start, then up to five rounds of
//   coordinate descent: each code moves to round(x·Σl²/Σx·l) (sums without it)
//   when that raises the score.
// - makeQkx2Quants (make_qkx2_quants): asymmetric grid x ≈ s·l + m with m <= 0;
//   for iscale = (rmin + rdelta·k + nmax)/(max − min), k = 0..nstep, fit s and m
//   by weighted least squares to the rounded codes and keep the fit with the
//   least weighted error (squared, or absolute for Q2_K).
#include "quant/ggmlimpl.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace qs::ggml::detail {

namespace {

constexpr int QK = kSuperBlock;
constexpr float kGroupMaxEps = 1e-15f; // GROUP_MAX_EPS: a sub-block below this is all zero

template <class T> T clampInt(T v, T lo, T hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

float makeQxQuants(int n, int nmax, const float* x, std::int8_t* L)
{
    float max = 0, amax = 0;
    for (int i = 0; i < n; ++i) {
        const float ax = std::fabs(x[i]);
        if (ax > amax) {
            amax = ax;
            max = x[i];
        }
    }
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, 0);
        return 0.f;
    }
    float iscale = float(-nmax) / max;
    float sumlx = 0, suml2 = 0;
    for (int i = 0; i < n; ++i) {
        const int l = clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = std::int8_t(l + nmax);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * float(l);
        suml2 += w * float(l) * float(l);
    }
    float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; ++is) {
        if (is == 0)
            continue;
        iscale = -(float(nmax) + 0.1f * float(is)) / max;
        sumlx = suml2 = 0;
        for (int i = 0; i < n; ++i) {
            const int l = clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1);
            const float w = x[i] * x[i];
            sumlx += w * x[i] * float(l);
            suml2 += w * float(l) * float(l);
        }
        if (suml2 > 0 && sumlx * sumlx > best * suml2) {
            for (int i = 0; i < n; ++i)
                L[i] = std::int8_t(nmax + clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1));
            scale = sumlx / suml2;
            best = scale * sumlx;
        }
    }
    return scale;
}

float makeQ3Quants(int n, int nmax, const float* x, std::int8_t* L)
{
    float max = 0, amax = 0;
    for (int i = 0; i < n; ++i) {
        const float ax = std::fabs(x[i]);
        if (ax > amax) {
            amax = ax;
            max = x[i];
        }
    }
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, 0);
        return 0.f;
    }
    const float iscale = float(-nmax) / max;
    float sumlx = 0, suml2 = 0;
    for (int i = 0; i < n; ++i) {
        const int l = clampInt(nearestInt(iscale * x[i]), -nmax, nmax - 1);
        L[i] = std::int8_t(l);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * float(l);
        suml2 += w * float(l) * float(l);
    }
    for (int itry = 0; itry < 5; ++itry) {
        int changed = 0;
        for (int i = 0; i < n; ++i) {
            const float w = x[i] * x[i];
            float slx = sumlx - w * x[i] * float(L[i]);
            if (slx > 0) {
                float sl2 = suml2 - w * float(L[i]) * float(L[i]);
                const int newL = clampInt(nearestInt(x[i] * sl2 / slx), -nmax, nmax - 1);
                if (newL != L[i]) {
                    slx += w * x[i] * float(newL);
                    sl2 += w * float(newL) * float(newL);
                    if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
                        L[i] = std::int8_t(newL);
                        sumlx = slx;
                        suml2 = sl2;
                        ++changed;
                    }
                }
            }
        }
        if (!changed)
            break;
    }
    for (int i = 0; i < n; ++i)
        L[i] = std::int8_t(L[i] + nmax);
    return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
}

float makeQkx2Quants(int n, int nmax, const float* x, const float* weights, std::uint8_t* L, float& theMin,
                     std::uint8_t* Laux, float rmin, float rdelta, int nstep, bool useMad)
{
    float min = x[0], max = x[0];
    float sumW = weights[0];
    float sumX = sumW * x[0];
    for (int i = 1; i < n; ++i) {
        if (x[i] < min)
            min = x[i];
        if (x[i] > max)
            max = x[i];
        const float w = weights[i];
        sumW += w;
        sumX += w * x[i];
    }
    if (min > 0)
        min = 0;
    if (max == min) {
        std::fill(L, L + n, 0);
        theMin = -min;
        return 0.f;
    }
    float iscale = float(nmax) / (max - min);
    float scale = 1 / iscale;
    float bestError = 0;
    for (int i = 0; i < n; ++i) {
        const int l = nearestInt(iscale * (x[i] - min));
        L[i] = std::uint8_t(clampInt(l, 0, nmax));
        float diff = scale * float(L[i]) + min - x[i];
        diff = useMad ? std::fabs(diff) : diff * diff;
        bestError += weights[i] * diff;
    }
    if (nstep < 1) {
        theMin = -min;
        return scale;
    }
    for (int is = 0; is <= nstep; ++is) {
        iscale = (rmin + rdelta * float(is) + float(nmax)) / (max - min);
        float sumL = 0, sumL2 = 0, sumXL = 0;
        for (int i = 0; i < n; ++i) {
            const int l = clampInt(nearestInt(iscale * (x[i] - min)), 0, nmax);
            Laux[i] = std::uint8_t(l);
            const float w = weights[i];
            sumL += w * float(l);
            sumL2 += w * float(l) * float(l);
            sumXL += w * float(l) * x[i];
        }
        const float D = sumW * sumL2 - sumL * sumL;
        if (D > 0) {
            float thisScale = (sumW * sumXL - sumX * sumL) / D;
            float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
            if (thisMin > 0) {
                thisMin = 0;
                thisScale = sumXL / sumL2;
            }
            float curError = 0;
            for (int i = 0; i < n; ++i) {
                float diff = thisScale * float(Laux[i]) + thisMin - x[i];
                diff = useMad ? std::fabs(diff) : diff * diff;
                curError += weights[i] * diff;
            }
            if (curError < bestError) {
                std::copy(Laux, Laux + n, L);
                bestError = curError;
                scale = thisScale;
                min = thisMin;
            }
        }
    }
    theMin = -min;
    return scale;
}

// Packs four 2-bit planes: byte l of each 32-byte group holds values l, l+32, l+64, l+96 of its 128.
void pack2Bit(const std::uint8_t* L, std::uint8_t* qs)
{
    for (int j = 0; j < QK; j += 128)
        for (int l = 0; l < 32; ++l)
            qs[j / 4 + l] = std::uint8_t(L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) | (L[j + l + 96] << 6));
}

// Q4_K/Q5_K's 12 bytes of eight 6-bit scales and eight 6-bit mins (inverse of scaleMinK4).
void packScaleMinK4(const std::uint8_t* ls, const std::uint8_t* lm, std::uint8_t* s)
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

// Q4_K and Q5_K share everything but nmax, the search range and the packing of the codes.
void quantizeQ45K(const float* x, std::uint8_t* y, int nmax, float rmin, float rdelta, int nstep, std::uint8_t* L)
{
    float mins[8], scales[8], weights[32];
    std::uint8_t Laux[32];
    float maxScale = 0, maxMin = 0;
    for (int j = 0; j < 8; ++j) {
        float sumX2 = 0;
        for (int l = 0; l < 32; ++l)
            sumX2 += x[32 * j + l] * x[32 * j + l];
        const float avX = std::sqrt(sumX2 / 32.0f);
        for (int l = 0; l < 32; ++l)
            weights[l] = avX + std::fabs(x[32 * j + l]);
        scales[j] =
            makeQkx2Quants(32, nmax, x + 32 * j, weights, L + 32 * j, mins[j], Laux, rmin, rdelta, nstep, false);
        if (scales[j] > maxScale)
            maxScale = scales[j];
        if (mins[j] > maxMin)
            maxMin = mins[j];
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
            continue;
        const float dm = loadHalf(y + 2) * float(m);
        for (int ii = 0; ii < 32; ++ii)
            L[32 * j + ii] = std::uint8_t(clampInt(nearestInt((x[32 * j + ii] + dm) / d), 0, nmax));
    }
}

} // namespace

void quantizeQ2K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: scales[16] (low nibble scale, high nibble min) | qs[64] | d:f16 | dmin:f16.
    constexpr float q4scale = 15.f;
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 84) {
        std::uint8_t L[QK], Laux[16];
        float weights[16], mins[16], scales[16];
        float maxScale = 0, maxMin = 0;
        for (int j = 0; j < 16; ++j) {
            for (int l = 0; l < 16; ++l)
                weights[l] = std::fabs(x[16 * j + l]);
            scales[j] = makeQkx2Quants(16, 3, x + 16 * j, weights, L + 16 * j, mins[j], Laux, -0.5f, 0.1f, 15, true);
            if (scales[j] > maxScale)
                maxScale = scales[j];
            if (mins[j] > maxMin)
                maxMin = mins[j];
        }
        std::uint8_t* sc = y;
        if (maxScale > 0) {
            const float iscale = q4scale / maxScale;
            for (int j = 0; j < 16; ++j)
                sc[j] = std::uint8_t(nearestInt(iscale * scales[j]));
            store16(y + 80, fp32ToFp16(maxScale / q4scale));
        } else {
            std::fill(sc, sc + 16, 0);
            store16(y + 80, fp32ToFp16(0.f));
        }
        if (maxMin > 0) {
            const float iscale = q4scale / maxMin;
            for (int j = 0; j < 16; ++j)
                sc[j] |= std::uint8_t(nearestInt(iscale * mins[j]) << 4);
            store16(y + 82, fp32ToFp16(maxMin / q4scale));
        } else {
            store16(y + 82, fp32ToFp16(0.f));
        }
        for (int j = 0; j < 16; ++j) {
            const float d = loadHalf(y + 80) * float(sc[j] & 0xF);
            if (d == 0)
                continue;
            const float dm = loadHalf(y + 82) * float(sc[j] >> 4);
            for (int ii = 0; ii < 16; ++ii)
                L[16 * j + ii] = std::uint8_t(clampInt(nearestInt((x[16 * j + ii] + dm) / d), 0, 3));
        }
        pack2Bit(L, y + 16);
    }
}

void quantizeQ3K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: hmask[32] | qs[64] | scales[12] | d:f16.
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 110) {
        std::int8_t L[QK];
        float scales[16];
        float maxScale = 0, amax = 0;
        for (int j = 0; j < 16; ++j) {
            scales[j] = makeQ3Quants(16, 4, x + 16 * j, L + 16 * j);
            const float scale = std::fabs(scales[j]);
            if (scale > amax) {
                amax = scale;
                maxScale = scales[j];
            }
        }
        std::uint8_t* s = y + 96;
        std::fill(s, s + 12, 0);
        if (maxScale != 0) {
            const float iscale = -32.f / maxScale;
            for (int j = 0; j < 16; ++j) {
                std::int8_t l = std::int8_t(nearestInt(iscale * scales[j]));
                l = std::int8_t(clampInt<int>(l, -32, 31) + 32);
                if (j < 8)
                    s[j] = std::uint8_t(l & 0xF);
                else
                    s[j - 8] |= std::uint8_t((l & 0xF) << 4);
                l = std::int8_t(l >> 4);
                s[j % 4 + 8] |= std::uint8_t(l << (2 * (j / 4)));
            }
            store16(y + 108, fp32ToFp16(1 / iscale));
        } else {
            store16(y + 108, fp32ToFp16(0.f));
        }
        for (int j = 0; j < 16; ++j) {
            const std::int8_t sc = std::int8_t(scaleQ3K(j, s) - 32);
            const float d = loadHalf(y + 108) * float(sc);
            if (d == 0)
                continue;
            for (int ii = 0; ii < 16; ++ii)
                L[16 * j + ii] = std::int8_t(clampInt(nearestInt(x[16 * j + ii] / d), -4, 3) + 4);
        }
        // The third bit of value j goes to bit j/32 of hmask[j % 32]; the low two bits to qs.
        std::uint8_t* hmask = y;
        std::fill(hmask, hmask + 32, 0);
        std::uint8_t low[QK];
        for (int j = 0; j < QK; ++j) {
            std::uint8_t l = std::uint8_t(L[j]);
            if (L[j] > 3) {
                hmask[j % 32] |= std::uint8_t(1u << (j / 32));
                l = std::uint8_t(l - 4);
            }
            low[j] = l;
        }
        pack2Bit(low, y + 32);
    }
}

void quantizeQ4K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: d:f16 | dmin:f16 | scales[12] | qs[128] (value l of each 64 in the low nibble of byte l, l+32 high).
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 144) {
        std::uint8_t L[QK];
        quantizeQ45K(x, y, 15, -1.f, 0.1f, 20, L);
        std::uint8_t* q = y + 16;
        for (int j = 0; j < QK; j += 64, q += 32)
            for (int l = 0; l < 32; ++l)
                q[l] = std::uint8_t(L[j + l] | (L[j + l + 32] << 4));
    }
}

void quantizeQ5K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: d:f16 | dmin:f16 | scales[12] | qh[32] | qs[128]; the fifth bit of value
    // n + j (n = 0, 64, 128, 192) in bit n/32 of qh[j], of value n + j + 32 in bit n/32 + 1.
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 176) {
        std::uint8_t L[QK];
        quantizeQ45K(x, y, 31, -0.5f, 0.1f, 15, L);
        std::uint8_t* qh = y + 16;
        std::uint8_t* ql = y + 48;
        std::fill(qh, qh + 32, 0);
        std::uint8_t m1 = 1, m2 = 2;
        for (int n = 0; n < QK; n += 64, ql += 32) {
            for (int j = 0; j < 32; ++j) {
                int l1 = L[n + j], l2 = L[n + j + 32];
                if (l1 > 15) {
                    l1 -= 16;
                    qh[j] |= m1;
                }
                if (l2 > 15) {
                    l2 -= 16;
                    qh[j] |= m2;
                }
                ql[j] = std::uint8_t(l1 | (l2 << 4));
            }
            m1 = std::uint8_t(m1 << 2);
            m2 = std::uint8_t(m2 << 2);
        }
    }
}

void quantizeQ6K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: ql[128] | qh[64] | scales:int8[16] | d:f16.
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 210) {
        std::int8_t L[QK];
        float scales[16];
        float maxScale = 0, maxAbsScale = 0;
        for (int ib = 0; ib < 16; ++ib) {
            const float scale = makeQxQuants(16, 32, x + 16 * ib, L + 16 * ib);
            scales[ib] = scale;
            const float absScale = std::fabs(scale);
            if (absScale > maxAbsScale) {
                maxAbsScale = absScale;
                maxScale = scale;
            }
        }
        if (maxAbsScale < kGroupMaxEps) {
            std::fill(y, y + 210, 0);
            store16(y + 208, fp32ToFp16(0.f));
            continue;
        }
        const float iscale = -128.f / maxScale;
        store16(y + 208, fp32ToFp16(1 / iscale));
        std::int8_t* sc = reinterpret_cast<std::int8_t*>(y + 192);
        for (int ib = 0; ib < 16; ++ib)
            sc[ib] = std::int8_t(std::min(127, nearestInt(iscale * scales[ib])));
        for (int j = 0; j < 16; ++j) {
            const float d = loadHalf(y + 208) * float(sc[j]);
            if (d == 0)
                continue;
            for (int ii = 0; ii < 16; ++ii)
                L[16 * j + ii] = std::int8_t(clampInt(nearestInt(x[16 * j + ii] / d), -32, 31) + 32);
        }
        std::uint8_t* ql = y;
        std::uint8_t* qh = y + 128;
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
    }
}

void quantizeQ8K(const float* x, std::uint8_t* y, std::int64_t blocks)
{
    // Layout: d:f32 | qs:int8[256] | bsums:int16[16] (the sum of each 16 codes).
    for (std::int64_t b = 0; b < blocks; ++b, x += QK, y += 292) {
        float max = 0, amax = 0;
        for (int j = 0; j < QK; ++j) {
            const float ax = std::fabs(x[j]);
            if (ax > amax) {
                amax = ax;
                max = x[j];
            }
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

// ---- decoders, in ggml's output order ---------------------------------------

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
void dequantizeQ45K(const std::uint8_t* y, const std::int32_t* q, float* x)
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
