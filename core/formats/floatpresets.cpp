// The preset formats of docs/course.md and the canonical spec of a FloatFormat.
#include "formats/floatformat.h"

#include <array>

namespace qs {

namespace {

struct Preset
{
    const char* name;
    int e;
    int m;
    std::optional<int> bias;
    bool subnormals;
    bool zero;
    bool signBit;
    SpecialPolicy special;
};

// Sources: IEEE 754 (fp64/fp32/fp16), Google brain float (bf16), NVIDIA TF32,
// OCP 8-bit Floating Point v1.0 (E4M3 fn, E5M2), the AMD/Graphcore fnuz
// variants (bias one higher, single NaN at 0x80), OCP Microscaling v1.0 (FP6,
// FP4 without Inf/NaN; E8M0 unsigned scale with NaN 0xFF, no zero: zero=off).
const std::array<Preset, 13>& presets()
{
    static const std::array<Preset, 13> table = {{
        {"fp64", 11, 52, std::nullopt, true, true, true, SpecialPolicy::Ieee},
        {"fp32", 8, 23, std::nullopt, true, true, true, SpecialPolicy::Ieee},
        {"fp16", 5, 10, std::nullopt, true, true, true, SpecialPolicy::Ieee},
        {"bf16", 8, 7, std::nullopt, true, true, true, SpecialPolicy::Ieee},
        {"tf32", 8, 10, std::nullopt, true, true, true, SpecialPolicy::Ieee},
        {"fp8-e4m3", 4, 3, std::nullopt, true, true, true, SpecialPolicy::Fn},
        {"fp8-e4m3fnuz", 4, 3, std::nullopt, true, true, true, SpecialPolicy::Fnuz},
        {"fp8-e5m2", 5, 2, std::nullopt, true, true, true, SpecialPolicy::Ieee},
        {"fp8-e5m2fnuz", 5, 2, std::nullopt, true, true, true, SpecialPolicy::Fnuz},
        {"fp6-e2m3", 2, 3, std::nullopt, true, true, true, SpecialPolicy::Finite},
        {"fp6-e3m2", 3, 2, std::nullopt, true, true, true, SpecialPolicy::Finite},
        {"fp4-e2m1", 2, 1, std::nullopt, true, true, true, SpecialPolicy::Finite},
        {"e8m0", 8, 0, std::nullopt, false, false, false, SpecialPolicy::Fn},
    }};
    return table;
}

FloatFormat makePreset(std::size_t i)
{
    const Preset& p = presets()[i];
    FloatFormatParams params;
    params.exponentBits = p.e;
    params.mantissaBits = p.m;
    params.bias = p.bias;
    params.subnormals = p.subnormals;
    params.zero = p.zero;
    params.signBit = p.signBit;
    params.special = p.special;
    return FloatFormat(params, p.name);
}

int defaultBias(int e, SpecialPolicy special)
{
    return (1 << (e - 1)) - 1 + (special == SpecialPolicy::Fnuz ? 1 : 0);
}

} // namespace

FloatFormat FloatFormat::fp64()
{
    return makePreset(0);
}
FloatFormat FloatFormat::fp32()
{
    return makePreset(1);
}
FloatFormat FloatFormat::fp16()
{
    return makePreset(2);
}
FloatFormat FloatFormat::bf16()
{
    return makePreset(3);
}
FloatFormat FloatFormat::tf32()
{
    return makePreset(4);
}
FloatFormat FloatFormat::fp8E4M3()
{
    return makePreset(5);
}
FloatFormat FloatFormat::fp8E4M3Fnuz()
{
    return makePreset(6);
}
FloatFormat FloatFormat::fp8E5M2()
{
    return makePreset(7);
}
FloatFormat FloatFormat::fp8E5M2Fnuz()
{
    return makePreset(8);
}
FloatFormat FloatFormat::fp6E2M3()
{
    return makePreset(9);
}
FloatFormat FloatFormat::fp6E3M2()
{
    return makePreset(10);
}
FloatFormat FloatFormat::fp4E2M1()
{
    return makePreset(11);
}
FloatFormat FloatFormat::e8m0()
{
    return makePreset(12);
}

std::string FloatFormat::spec() const
{
    for (const Preset& p : presets()) {
        if (p.e == m_e && p.m == m_m && p.subnormals == m_subnormals && p.zero == m_zero && p.signBit == m_signed &&
            p.special == m_special && p.bias.value_or(defaultBias(p.e, p.special)) == m_bias)
            return p.name;
    }
    std::string s = "e";
    s += std::to_string(m_e);
    s += 'm';
    s += std::to_string(m_m);
    if (m_bias != defaultBias(m_e, m_special))
        s += ",bias=" + std::to_string(m_bias);
    if (m_special != SpecialPolicy::Ieee)
        s += ",special=" + toString(m_special);
    if (!m_subnormals)
        s += ",subnormals=off";
    if (!m_zero)
        s += ",zero=off";
    if (!m_signed)
        s += ",signed=off";
    return s;
}

} // namespace qs
