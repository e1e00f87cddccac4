#include "quant/floatcast.h"

#include "quant/floatrange.h"
#include "runtime/simd.h"

#include <bit>
#include <cfloat>
#include <cmath>

namespace qs {

FloatCaster::FloatCaster(const FloatFormat& format, OverflowMode overflow, const Rounding& rounding)
    : m_format(format), m_overflow(overflow), m_rounding(rounding)
{
    const double minSub = format.minSubnormal();
    m_fast = rounding.mode == RoundingMode::NearestEven && format.isSigned() && format.hasSubnormals() &&
             format.exponentBits() <= 8 && format.mantissaBits() < 23 && format.totalBits() <= 32 &&
             format.maxFinite() <= FLT_MAX && format.minNormal() >= 0x1p-126 && minSub >= 0x1p-149;
    if (!m_fast)
        return;
    m_m = format.mantissaBits();
    m_e = format.exponentBits();
    m_bias = format.bias();
    m_maxFinite = float(format.maxFinite());
    m_minNormal = float(format.minNormal());
    m_subnormalMagic = float(minSub * 0x1p23);
    // 1/minSubnormal can exceed float32 (bf16: 2^133), so it is applied as two exact powers of two.
    const int k = -std::ilogb(minSub);
    m_invMinSubnormal = std::ldexp(1.0f, k / 2);
    m_invMinSubnormal2 = std::ldexp(1.0f, k - k / 2);
    m_negativeZero = format.hasNegativeZero();
    for (int s = 0; s < 2; ++s) {
        // What a rounded magnitude beyond maxFinite becomes (FloatFormat::encode's rule).
        std::uint64_t code = format.maxFiniteCode(s);
        if (overflow == OverflowMode::Ieee && (format.hasInf() || format.hasNan()))
            code = format.hasInf() ? *format.infCode(s) : *format.nanCode();
        m_overflowCode[s] = std::uint32_t(code);
        m_overflowValue[s] = float(format.decode(code));
    }
}

namespace {

struct FastConsts
{
    int m, e, bias;
    float maxFinite, minNormal, magic, invMinSub, invMinSub2;
    std::uint32_t ovCode0, ovCode1;
    float ovValue0, ovValue1;
    bool negZero;
    bool clampProduct; // saturating casts: value * scale stays finite (quant/floatrange.h)
};

template <bool Codes>
QS_ALWAYS_INLINE void fastLoop(const float* QS_RESTRICT in, float* QS_RESTRICT out, std::int32_t* QS_RESTRICT codes,
                               std::int64_t n, float inv, float scale, const FastConsts& k)
{
    // Everything below is branch-free (selects and bit operations) so it vectorises.
    const std::uint32_t sh = std::uint32_t(23 - k.m); // >= 1 on the fast path
    const std::uint32_t half = (1u << (sh - 1)) - 1u;
    const std::uint32_t keepMask = ~((1u << sh) - 1u);
    const std::uint32_t mantMask = (1u << k.m) - 1u;
    const std::uint32_t signShift = std::uint32_t(k.e + k.m);
    const std::uint32_t clearZeroSign = k.negZero ? 0u : 1u;
    const std::int32_t expOffset = k.bias - 127;
    const float minNormal = k.minNormal, maxFinite = k.maxFinite, magic = k.magic;
    const float invSub1 = k.invMinSub, invSub2 = k.invMinSub2;
    const std::uint32_t m = std::uint32_t(k.m);
    const std::uint32_t ovCode0 = k.ovCode0, ovCode1 = k.ovCode1;
    const float ovValue0 = k.ovValue0, ovValue1 = k.ovValue1;
    const bool clampProduct = k.clampProduct;
    for (std::int64_t j = 0; j < n; ++j) {
        const float xv = in[j];
        const float y = xv * inv;
        const std::uint32_t yb = std::bit_cast<std::uint32_t>(y);
        const std::uint32_t sign = yb >> 31;
        const std::uint32_t ab = yb & 0x7FFFFFFFu;
        const float a = std::bit_cast<float>(ab);
        // Normal range: round the float32 significand to M bits, ties to even.
        const float normal = std::bit_cast<float>((ab + half + ((ab >> sh) & 1u)) & keepMask);
        // Subnormal range: a multiple of minSubnormal, ties to even by the FPU.
        const float sub = (a + magic) - magic;
        const bool small = a < minNormal;
        const float r = small ? sub : normal;
        const std::uint32_t rb = std::bit_cast<std::uint32_t>(r);
        const bool subnormalResult = r < minNormal;
        const std::uint32_t expField = std::uint32_t(std::int32_t(rb >> 23) + expOffset);
        const std::uint32_t normalCode = (expField << m) | ((rb >> sh) & mantMask);
        const float rs = subnormalResult ? r : 0.0f; // keeps the conversion below in range
        const std::uint32_t subCode = std::uint32_t(std::int32_t((rs * invSub1) * invSub2)); // exact: r = m * minSub
        const std::uint32_t mag = subnormalResult ? subCode : normalCode;
        const bool over = !(r <= maxFinite); // also catches a carry into the float32 Inf pattern
        const std::uint32_t zero = r == 0.0f ? 1u : 0u;
        const std::uint32_t signOut = sign & ~(zero & clearZeroSign);
        const std::uint32_t code = over ? (sign ? ovCode1 : ovCode0) : ((signOut << signShift) | mag);
        const float value = over ? (sign ? ovValue1 : ovValue0) : std::bit_cast<float>((signOut << 31) | rb);
        const bool finite = std::fabs(xv) <= FLT_MAX;
        const float product = value * scale;
        out[j] = finite ? (clampProduct ? clampToFloatRange(product) : product) : xv;
        if constexpr (Codes)
            codes[j] = finite ? std::int32_t(code) : 0;
    }
}

template <simd::Isa>
QS_ALWAYS_INLINE void fastCastBody(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv,
                                   float scale, const FastConsts& k)
{
    if (codes)
        fastLoop<true>(in, out, codes, n, inv, scale, k);
    else
        fastLoop<false>(in, out, codes, n, inv, scale, k);
}

template <simd::Isa>
QS_ALWAYS_INLINE void fastCastBlocksBody(const float* in, float* out, std::int32_t* codes, std::int64_t blocks,
                                         std::int64_t block, const float* inv, const float* scale, const FastConsts& k)
{
    for (std::int64_t b = 0; b < blocks; ++b) {
        const std::int64_t o = b * block;
        if (codes)
            fastLoop<true>(in + o, out + o, codes + o, block, inv[b], scale[b], k);
        else
            fastLoop<false>(in + o, out + o, codes, block, inv[b], scale[b], k);
    }
}

QS_SIMD_TABLE(fastCast, fastCastBody, void,
              (const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv, float scale,
               const FastConsts& k),
              (in, out, codes, n, inv, scale, k));
QS_SIMD_TABLE(fastCastBlocks, fastCastBlocksBody, void,
              (const float* in, float* out, std::int32_t* codes, std::int64_t blocks, std::int64_t block,
               const float* inv, const float* scale, const FastConsts& k),
              (in, out, codes, blocks, block, inv, scale, k));

} // namespace

void FloatCaster::castBlocks(const float* in, float* out, std::int32_t* codes, std::int64_t blocks, std::int64_t block,
                             const float* inv, const float* scale, std::uint64_t indexBase) const
{
    if (!m_fast) {
        for (std::int64_t b = 0; b < blocks; ++b)
            castReference(in + b * block, out + b * block, codes ? codes + b * block : nullptr, block, inv[b], scale[b],
                          indexBase + std::uint64_t(b * block));
        return;
    }
    const FastConsts k{m_m,
                       m_e,
                       m_bias,
                       m_maxFinite,
                       m_minNormal,
                       m_subnormalMagic,
                       m_invMinSubnormal,
                       m_invMinSubnormal2,
                       m_overflowCode[0],
                       m_overflowCode[1],
                       m_overflowValue[0],
                       m_overflowValue[1],
                       m_negativeZero,
                       m_overflow == OverflowMode::Saturate};
    fastCastBlocks()(in, out, codes, blocks, block, inv, scale, k);
}

void FloatCaster::cast(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv, float scale,
                       std::uint64_t indexBase) const
{
    if (!m_fast) {
        castReference(in, out, codes, n, inv, scale, indexBase);
        return;
    }
    const FastConsts k{m_m,
                       m_e,
                       m_bias,
                       m_maxFinite,
                       m_minNormal,
                       m_subnormalMagic,
                       m_invMinSubnormal,
                       m_invMinSubnormal2,
                       m_overflowCode[0],
                       m_overflowCode[1],
                       m_overflowValue[0],
                       m_overflowValue[1],
                       m_negativeZero,
                       m_overflow == OverflowMode::Saturate};
    fastCast()(in, out, codes, n, inv, scale, k);
}

void FloatCaster::castReference(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv,
                                float scale, std::uint64_t indexBase) const
{
    const bool fit = codesFit();
    for (std::int64_t j = 0; j < n; ++j) {
        const float xv = in[j];
        if (!(std::fabs(xv) <= FLT_MAX)) {
            out[j] = xv;
            if (codes)
                codes[j] = 0;
            continue;
        }
        const float y = xv * inv;
        const EncodeResult e = m_format.encode(double(y), m_rounding, m_overflow, indexBase + std::uint64_t(j));
        const float product = float(e.value) * scale;
        out[j] = m_overflow == OverflowMode::Saturate ? clampToFloatRange(product) : product;
        if (codes)
            codes[j] = fit ? std::int32_t(std::uint32_t(e.code)) : 0;
    }
}

} // namespace qs
