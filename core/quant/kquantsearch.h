#pragma once
// Internal to core/quant: ggml's scale searches of the K-quants (make_qx_quants,
// make_q3_quants, make_qkx2_quants of ggml-quants.c), run on all sub-blocks of a
// super-block at once: sub-block k is lane k % 8 of vector k / 8, and value i of
// the G·8 sub-blocks is the vector row x[i·G + g]. Every lane does exactly what
// ggml does for one sub-block — the same float32 operations in the same order,
// its sums accumulated sequentially over i — so every lane's result is ggml's bit
// for bit; a branch of ggml becomes a per-lane select (the untaken side is
// computed and dropped). The vectors are GCC/Clang vector extensions: plain
// element-wise arithmetic, two SSE2 halves on baseline x86-64, one register in
// the AVX2 and AVX-512 entries of the simd tables (kquants.cpp); no intrinsics.
#include "quant/ggmlimpl.h"

#include <cstdint>

namespace qs::ggml::detail {

using F8 = float __attribute__((vector_size(32)));
using I8 = std::int32_t __attribute__((vector_size(32)));

inline constexpr float kGroupMaxEps = 1e-15f; // GROUP_MAX_EPS: a sub-block below this is all zero

template <class T> QS_ALWAYS_INLINE T clampTo(T v, T lo, T hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

QS_ALWAYS_INLINE F8 splat(float v)
{
    return F8{v, v, v, v, v, v, v, v};
}
QS_ALWAYS_INLINE I8 splatI(std::int32_t v)
{
    return I8{v, v, v, v, v, v, v, v};
}
// Per lane m ? a : b, m a comparison result (all bits set or clear).
QS_ALWAYS_INLINE F8 sel(I8 m, F8 a, F8 b)
{
    return F8((I8(a) & m) | (I8(b) & ~m));
}
QS_ALWAYS_INLINE I8 selI(I8 m, I8 a, I8 b)
{
    return (a & m) | (b & ~m);
}
QS_ALWAYS_INLINE F8 vabs(F8 v)
{
    return F8(I8(v) & splatI(0x7fffffff));
}
QS_ALWAYS_INLINE F8 toFloat(I8 v)
{
    return __builtin_convertvector(v, F8);
}
// nearestInt() per lane: the bits of v + 1.5·2^23.
QS_ALWAYS_INLINE I8 nearestInt8(F8 v)
{
    const I8 bits = I8(v + splat(12582912.f));
    return (bits & splatI(0x007fffff)) - splatI(0x00400000);
}
QS_ALWAYS_INLINE I8 clampI(I8 v, std::int32_t lo, std::int32_t hi)
{
    v = selI(v < splatI(lo), splatI(lo), v);
    return selI(v > splatI(hi), splatI(hi), v);
}
QS_ALWAYS_INLINE bool anyLane(I8 m)
{
    std::int32_t acc = 0;
    for (int k = 0; k < 8; ++k)
        acc |= m[k];
    return acc != 0;
}

// The signed value of largest |x| per lane, the first one on ties, and that |x|.
template <int G> QS_ALWAYS_INLINE void signedMaxLanes(int n, const F8* x, F8* max, F8* amax)
{
    for (int g = 0; g < G; ++g)
        max[g] = amax[g] = splat(0);
    for (int i = 0; i < n; ++i)
        for (int g = 0; g < G; ++g) {
            const F8 v = x[i * G + g], ax = vabs(v);
            const I8 larger = ax > amax[g];
            amax[g] = sel(larger, ax, amax[g]);
            max[g] = sel(larger, v, max[g]);
        }
}

// make_qx_quants with rmse_type 1 and no importance weights (w = x²): codes
// L = l + nmax, l in [-nmax, nmax-1]. Start at iscale = -nmax/max, then try
// iscale = -(nmax + 0.1·s)/max for s = -9..9 and keep the codes with the largest
// (Σw·x·l)²/Σw·l² — the least weighted squared error once the scale is the
// least-squares Σw·x·l / Σw·l². The scale per lane (0 for an all-zero sub-block).
template <int G> QS_ALWAYS_INLINE void makeQxLanes(int n, int nmax, const F8* x, I8* L, F8* scale)
{
    F8 max[G], amax[G], iscale[G], sumlx[G], suml2[G], best[G];
    I8 Laux[16 * G];
    signedMaxLanes<G>(n, x, max, amax);
    for (int g = 0; g < G; ++g) {
        iscale[g] = splat(float(-nmax)) / max[g];
        sumlx[g] = suml2[g] = splat(0);
    }
    for (int i = 0; i < n; ++i)
        for (int g = 0; g < G; ++g) {
            const F8 v = x[i * G + g];
            const I8 l = clampI(nearestInt8(iscale[g] * v), -nmax, nmax - 1);
            L[i * G + g] = l + splatI(nmax);
            const F8 w = v * v, fl = toFloat(l);
            sumlx[g] += w * v * fl;
            suml2[g] += w * fl * fl;
        }
    for (int g = 0; g < G; ++g) {
        scale[g] = sel(suml2[g] != splat(0), sumlx[g] / suml2[g], splat(0));
        best[g] = scale[g] * sumlx[g];
    }
    for (int is = -9; is <= 9; ++is) {
        if (is == 0)
            continue;
        for (int g = 0; g < G; ++g) {
            iscale[g] = -(splat(float(nmax) + 0.1f * float(is))) / max[g];
            sumlx[g] = suml2[g] = splat(0);
        }
        for (int i = 0; i < n; ++i)
            for (int g = 0; g < G; ++g) {
                const F8 v = x[i * G + g];
                const I8 l = clampI(nearestInt8(iscale[g] * v), -nmax, nmax - 1);
                Laux[i * G + g] = l + splatI(nmax);
                const F8 w = v * v, fl = toFloat(l);
                sumlx[g] += w * v * fl;
                suml2[g] += w * fl * fl;
            }
        I8 better[G];
        for (int g = 0; g < G; ++g) {
            better[g] = (suml2[g] > splat(0)) & (sumlx[g] * sumlx[g] > best[g] * suml2[g]);
            const F8 s = sumlx[g] / suml2[g];
            scale[g] = sel(better[g], s, scale[g]);
            best[g] = sel(better[g], s * sumlx[g], best[g]);
        }
        for (int i = 0; i < n; ++i)
            for (int g = 0; g < G; ++g)
                L[i * G + g] = selI(better[g], Laux[i * G + g], L[i * G + g]);
    }
    for (int g = 0; g < G; ++g) {
        const I8 zero = amax[g] < splat(kGroupMaxEps); // all zero: codes 0, scale 0
        scale[g] = sel(zero, splat(0), scale[g]);
        for (int i = 0; i < n; ++i)
            L[i * G + g] = selI(zero, splatI(0), L[i * G + g]);
    }
}

// make_q3_quants with do_rmse: the start of makeQx (iscale = -nmax/max, w = x²),
// then up to five rounds of coordinate descent: each code in turn moves to
// round(x·Σw·l² / Σw·x·l) (both sums without it) when that raises
// (Σw·x·l)²/Σw·l². A round that changes nothing leaves the state as it was, so a
// further round (run while another lane still changes) changes nothing either:
// ggml's early exit gives the same result. The scale Σw·x·l / Σw·l² per lane.
template <int G> QS_ALWAYS_INLINE void makeQ3Lanes(int n, int nmax, const F8* x, I8* L, F8* scale)
{
    F8 max[G], amax[G], iscale[G], sumlx[G], suml2[G];
    signedMaxLanes<G>(n, x, max, amax);
    for (int g = 0; g < G; ++g) {
        iscale[g] = splat(float(-nmax)) / max[g];
        sumlx[g] = suml2[g] = splat(0);
    }
    for (int i = 0; i < n; ++i)
        for (int g = 0; g < G; ++g) {
            const F8 v = x[i * G + g];
            const I8 l = clampI(nearestInt8(iscale[g] * v), -nmax, nmax - 1);
            L[i * G + g] = l;
            const F8 w = v * v, fl = toFloat(l);
            sumlx[g] += w * v * fl;
            suml2[g] += w * fl * fl;
        }
    for (int itry = 0; itry < 5; ++itry) {
        I8 changed = splatI(0);
        for (int i = 0; i < n; ++i)
            for (int g = 0; g < G; ++g) {
                const F8 v = x[i * G + g], w = v * v;
                const I8 old = L[i * G + g];
                const F8 fo = toFloat(old);
                const F8 slxWithout = sumlx[g] - w * v * fo;
                F8 sl2 = suml2[g] - w * fo * fo;
                const I8 newL = clampI(nearestInt8(v * sl2 / slxWithout), -nmax, nmax - 1);
                const F8 fn = toFloat(newL);
                const F8 slx = slxWithout + w * v * fn;
                sl2 += w * fn * fn;
                const I8 accept = (slxWithout > splat(0)) & (newL != old) & (sl2 > splat(0)) &
                                  (slx * slx * suml2[g] > sumlx[g] * sumlx[g] * sl2);
                L[i * G + g] = selI(accept, newL, old);
                sumlx[g] = sel(accept, slx, sumlx[g]);
                suml2[g] = sel(accept, sl2, suml2[g]);
                changed |= accept;
            }
        if (!anyLane(changed))
            break;
    }
    for (int g = 0; g < G; ++g) {
        const I8 zero = amax[g] < splat(kGroupMaxEps);
        scale[g] = sel(suml2[g] > splat(0), sumlx[g] / suml2[g], splat(0));
        scale[g] = sel(zero, splat(0), scale[g]);
        for (int i = 0; i < n; ++i)
            L[i * G + g] = selI(zero, splatI(0), L[i * G + g] + splatI(nmax));
    }
}

// make_qkx2_quants: an asymmetric grid x ≈ scale·l + min with l in [0, nmax] and
// min <= 0. For iscale = (rmin + rdelta·s + nmax)/(max − min), s = 0..nstep, round
// to codes, fit scale and min by weighted least squares (min clamped at 0 with
// the scale refitted), and keep the fit of least Σw·|err| (useMad) or Σw·err².
// min is updated whenever a fit wins, and the later steps round against it.
// theMin receives −min, scale the scale per lane.
template <int G>
QS_ALWAYS_INLINE void makeQkx2Lanes(int n, int nmax, const F8* x, const F8* weights, I8* L, F8* theMin, F8* scale,
                                    float rmin, float rdelta, int nstep, bool useMad)
{
    F8 min[G], max[G], sumW[G], sumX[G], iscale[G], bestError[G], flatMin[G];
    I8 flat[G], Laux[32 * G];
    for (int g = 0; g < G; ++g) {
        min[g] = max[g] = x[g];
        sumW[g] = weights[g];
        sumX[g] = sumW[g] * x[g];
    }
    for (int i = 1; i < n; ++i)
        for (int g = 0; g < G; ++g) {
            const F8 v = x[i * G + g], w = weights[i * G + g];
            min[g] = sel(v < min[g], v, min[g]);
            max[g] = sel(v > max[g], v, max[g]);
            sumW[g] += w;
            sumX[g] += w * v;
        }
    for (int g = 0; g < G; ++g) {
        min[g] = sel(min[g] > splat(0), splat(0), min[g]);
        flat[g] = max[g] == min[g];
        flatMin[g] = min[g];
        iscale[g] = splat(float(nmax)) / (max[g] - min[g]);
        scale[g] = splat(1) / iscale[g];
        bestError[g] = splat(0);
    }
    for (int i = 0; i < n; ++i)
        for (int g = 0; g < G; ++g) {
            const F8 v = x[i * G + g];
            const I8 l = clampI(nearestInt8(iscale[g] * (v - min[g])), 0, nmax);
            L[i * G + g] = l;
            F8 diff = scale[g] * toFloat(l) + min[g] - v;
            diff = useMad ? vabs(diff) : diff * diff;
            bestError[g] += weights[i * G + g] * diff;
        }
    for (int is = 0; nstep >= 1 && is <= nstep; ++is) { // nstep < 1: ggml keeps the first rounding
        F8 sumL[G], sumL2[G], sumXL[G], thisScale[G], thisMin[G], curError[G];
        I8 valid[G];
        for (int g = 0; g < G; ++g) {
            iscale[g] = splat(rmin + rdelta * float(is) + float(nmax)) / (max[g] - min[g]);
            sumL[g] = sumL2[g] = sumXL[g] = splat(0);
        }
        for (int i = 0; i < n; ++i)
            for (int g = 0; g < G; ++g) {
                const F8 v = x[i * G + g], w = weights[i * G + g];
                const I8 l = clampI(nearestInt8(iscale[g] * (v - min[g])), 0, nmax);
                Laux[i * G + g] = l;
                const F8 fl = toFloat(l);
                sumL[g] += w * fl;
                sumL2[g] += w * fl * fl;
                sumXL[g] += w * fl * v;
            }
        for (int g = 0; g < G; ++g) {
            const F8 D = sumW[g] * sumL2[g] - sumL[g] * sumL[g];
            valid[g] = D > splat(0);
            thisScale[g] = (sumW[g] * sumXL[g] - sumX[g] * sumL[g]) / D;
            thisMin[g] = (sumL2[g] * sumX[g] - sumL[g] * sumXL[g]) / D;
            const I8 positive = thisMin[g] > splat(0);
            thisScale[g] = sel(positive, sumXL[g] / sumL2[g], thisScale[g]);
            thisMin[g] = sel(positive, splat(0), thisMin[g]);
            curError[g] = splat(0);
        }
        for (int i = 0; i < n; ++i)
            for (int g = 0; g < G; ++g) {
                F8 diff = thisScale[g] * toFloat(Laux[i * G + g]) + thisMin[g] - x[i * G + g];
                diff = useMad ? vabs(diff) : diff * diff;
                curError[g] += weights[i * G + g] * diff;
            }
        I8 better[G];
        for (int g = 0; g < G; ++g) {
            better[g] = valid[g] & (curError[g] < bestError[g]);
            bestError[g] = sel(better[g], curError[g], bestError[g]);
            scale[g] = sel(better[g], thisScale[g], scale[g]);
            min[g] = sel(better[g], thisMin[g], min[g]);
        }
        for (int i = 0; i < n; ++i)
            for (int g = 0; g < G; ++g)
                L[i * G + g] = selI(better[g], Laux[i * G + g], L[i * G + g]);
    }
    for (int g = 0; g < G; ++g) {
        // max == min: ggml returns at once, codes 0, scale 0, min as clamped.
        theMin[g] = -sel(flat[g], flatMin[g], min[g]);
        scale[g] = sel(flat[g], splat(0), scale[g]);
        for (int i = 0; i < n; ++i)
            L[i * G + g] = selI(flat[g], splatI(0), L[i * G + g]);
    }
}

// Sub-block k of a super-block (values x[k·n .. k·n+n)) into lane k % 8 of vector row i·G + k / 8.
template <int G> QS_ALWAYS_INLINE void toLanes(const float* x, int n, F8* out)
{
    for (int k = 0; k < 8 * G; ++k)
        for (int i = 0; i < n; ++i)
            out[i * G + k / 8][k % 8] = x[k * n + i];
}

// The lane codes back in value order.
template <int G, class T> QS_ALWAYS_INLINE void fromLanes(const I8* in, int n, T* x)
{
    for (int k = 0; k < 8 * G; ++k)
        for (int i = 0; i < n; ++i)
            x[k * n + i] = T(in[i * G + k / 8][k % 8]);
}

template <int G> QS_ALWAYS_INLINE void fromLanesF(const F8* in, float* out)
{
    for (int k = 0; k < 8 * G; ++k)
        out[k] = in[k / 8][k % 8];
}

} // namespace qs::ggml::detail
