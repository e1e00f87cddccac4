#pragma once
// Casting float32 arrays to a FloatFormat (FP16, BF16, FP8, FP6, FP4, custom)
// and back: the fake-quantization of the float quantizers and of MX elements.
//
// The reference is FloatFormat::encode (exact integer arithmetic). A fast
// path handles the common case (round to nearest even, a signed format with
// subnormals whose values are all float32 numbers: E <= 8, M < 23) on the
// float32 bit pattern:
//   normal results   add half an ulp of the target minus one, plus the last
//                    kept bit (ties to even), then clear the dropped bits;
//   subnormal range  (|x| + C) - C with C = 2^23 * minSubnormal, which rounds
//                    to a multiple of minSubnormal in the FPU's nearest-even mode;
//   overflow         a rounded magnitude above maxFinite saturates or becomes
//                    Inf/NaN as OverflowMode says (OCP FP8 spec: "saturating" vs
//                    "non-saturating" conversion).
// Tests check the fast path against FloatFormat::encode bit for bit.
#include "formats/floatformat.h"

#include <cstdint>
#include <utility>

namespace qs {

class FloatCaster
{
public:
    FloatCaster(const FloatFormat& format, OverflowMode overflow, const Rounding& rounding);

    const FloatFormat& format() const { return m_format; }
    bool hasFastPath() const { return m_fast; }
    bool codesFit() const { return m_format.totalBits() <= 32; }

    // out[j] = scale * decode(encode(in[j] * inv)), codes[j] = the code (when
    // codes is not null). Non-finite inputs pass through with code 0. With
    // OverflowMode::Saturate the product is kept finite too (a scale that puts
    // the format's largest value past FLT_MAX gives ±FLT_MAX, quant/floatrange.h).
    // indexBase is the global index of in[0] (stochastic rounding).
    void cast(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv, float scale,
              std::uint64_t indexBase) const;
    // Consecutive blocks of `block` values; block b uses inv[b] and scale[b]
    // (the MX and per-block scaled casts). Same results as cast() per block.
    void castBlocks(const float* in, float* out, std::int32_t* codes, std::int64_t blocks, std::int64_t block,
                    const float* inv, const float* scale, std::uint64_t indexBase) const;
    // The same through FloatFormat::encode only (the reference).
    void castReference(const float* in, float* out, std::int32_t* codes, std::int64_t n, float inv, float scale,
                       std::uint64_t indexBase) const;

private:
    FloatFormat m_format;
    OverflowMode m_overflow;
    Rounding m_rounding;
    bool m_fast = false;
    // Fast-path constants.
    int m_m = 0;
    int m_e = 0;
    int m_bias = 0;
    float m_maxFinite = 0;
    float m_minNormal = 0;
    float m_subnormalMagic = 0;  // 2^23 * minSubnormal
    float m_invMinSubnormal = 0; // 1/minSubnormal = m_invMinSubnormal * m_invMinSubnormal2 (exact powers of two)
    float m_invMinSubnormal2 = 0;
    std::uint32_t m_overflowCode[2] = {0, 0}; // [sign]
    float m_overflowValue[2] = {0, 0};
    bool m_negativeZero = true;
};

} // namespace qs
