#pragma once
// A binary floating-point format with E exponent bits and M mantissa bits:
//   value = (-1)^S * 1.M * 2^(e - bias)      for normal codes (0 < e < all-ones, or e = all-ones when
//                                             the policy leaves that exponent to numbers)
//   value = (-1)^S * 0.M * 2^(1 - bias)      for subnormal codes (e = 0, when enabled)
//   value = (-1)^S * 0                        for every e = 0 code when subnormals are off
//                                             (flush to zero, the default meaning of subnormals=off)
//   value = (-1)^S * 1.M * 2^(0 - bias)      for e = 0 when subnormals are off and zero=off
//                                             (a layout without zero, as E8M0)
// Codes are unsigned integers holding the bit pattern with the sign bit (if
// any) as the most significant bit, then exponent, then mantissa.
//
// Special-value policies (OCP 8-bit Floating Point spec v1.0, IEEE 754):
//   Ieee   : e all-ones is Inf (M = 0) or NaN (M != 0)            (FP32, FP16, BF16, E5M2)
//   Fn     : no Inf; only e and M both all-ones is NaN               (E4M3 "fn")
//   Fnuz   : no Inf, no -0; the single NaN is the code 100...0;
//            default bias is 2^(E-1) (one higher than IEEE)         (E4M3fnuz, E5M2fnuz)
//   Finite : every code is a finite number                           (FP6, FP4 of the MX spec)
// E8M0 (the MX shared scale) is unsigned, has no mantissa, no subnormals and no
// zero, and its only NaN is 0xFF: FloatFormat{E=8, M=0, unsigned, Fn, subnormals
// off, zero off} (spec "e8m0,special=fn,subnormals=off,zero=off,signed=off").
//
// All arithmetic that decides a value (encode, decode, neighbours, the exact
// decimal) is exact: integer significands and binary exponents, never a chain
// of float casts.
//
// Conventions where the standards leave a choice (implemented in floatencode.cpp):
// - subnormals = off (zero on, the default): flush to zero. The exponent field 0
//   encodes ±0 only; the codes with e = 0 and m != 0 are non-canonical zeros (they
//   decode to ±0 and classify Zero, like NaN payloads; encode never produces them,
//   nextUp/nextDown skip them). minNormal = 2^(1 - bias) as with subnormals,
//   minSubnormal = 0. 0 < |x| < minNormal rounds between 0 and minNormal with the
//   rounding mode (nearest: below minNormal/2 -> 0, above -> minNormal, the exact tie
//   to the even code, 0); underflow is flagged for every such (necessarily inexact) x.
//   fnuz + flush to zero: 100...0 stays the NaN and fnuz has no -0, so every other
//   e = 0 code, either sign bit, decodes to +0.
// - zero = off (needs subnormals = off; zero=off with subnormals is a FormatError):
//   the exponent field 0 is an ordinary binade 1.M × 2^(0 - bias) (as in E8M0), so
//   the format has no zero; magnitudes below its smallest value encode to it
//   (flagged underflow/inexact). minNormal = 2^-bias. With fnuz the code sign|0 is the
//   NaN, so negative magnitudes that would round to it clamp to sign|1 instead.
// - Ties to even pick the neighbour whose code is even. With M >= 1 that is IEEE's
//   "even last mantissa bit"; with M = 0 (E8M0) it is the even exponent field.
// - Overflow follows IEEE 754 §7.4: round as if the exponent were unbounded; a result
//   past maxFinite becomes Inf (NaN where there is no Inf), except that rounding toward
//   zero in magnitude gives maxFinite; formats with neither Inf nor NaN clamp.
// - NaN into a format without NaN throws ArgumentError. A negative value into an
//   unsigned format becomes NaN (Ieee overflow mode, if there is a NaN) or the
//   smallest code (saturating), unless it rounds to zero.
// - Stochastic rounding returns the upper (more positive) neighbour iff
//   stochasticUniform(seed, index) < (x - lower) / (upper - lower), exactly the
//   draw roundToIntegral makes, decided with integer arithmetic.
#include "formats/rounding.h"

#include <cstdint>
#include <optional>
#include <string>

namespace qs {

enum class SpecialPolicy { Ieee, Fn, Fnuz, Finite };
enum class OverflowMode {
    Ieee,    // beyond the rounding threshold -> Inf, or NaN where the format has no Inf
    Saturate // clamp to +-maxFinite (NaN stays NaN; Inf saturates too)
};
enum class ValueClass { Zero, Subnormal, Normal, Infinite, NaN };

std::string toString(SpecialPolicy);
std::string toString(ValueClass); // "zero", "subnormal", "normal", "inf", "nan"

struct FloatFormatParams
{
    int exponentBits = 8;    // 1..11
    int mantissaBits = 23;   // 0..52
    std::optional<int> bias; // default 2^(E-1)-1, or 2^(E-1) for Fnuz
    bool subnormals = true;
    bool zero = true; // false: no zero, exponent field 0 is a normal binade (E8M0); needs subnormals = false
    bool signBit = true;
    SpecialPolicy special = SpecialPolicy::Ieee;
};

// (-1)^negative * significand * 2^exponent, exactly. Zero has significand 0.
struct ExactBinary
{
    bool negative = false;
    std::uint64_t significand = 0;
    int exponent = 0;
};

struct EncodeResult
{
    std::uint64_t code = 0;
    double value = 0; // decode(code) (NaN/Inf as such)
    ValueClass valueClass = ValueClass::Zero;
    bool inexact = false;   // value != input
    bool overflow = false;  // |input| rounded beyond maxFinite (result is Inf/NaN, or saturated)
    bool underflow = false; // nonzero input became zero or subnormal and inexact; in a flush-to-zero
                            // format every 0 < |input| < minNormal (rounded to 0 or minNormal)
};

class FloatFormat
{
public:
    // Validates (E 1..11, M 0..52, total bits <= 64, a policy that fits the
    // layout); throws FormatError with a one-line reason otherwise.
    explicit FloatFormat(const FloatFormatParams& params, std::string name = {});

    // Presets (docs/course.md).
    static FloatFormat fp64();
    static FloatFormat fp32();
    static FloatFormat fp16();
    static FloatFormat bf16();
    static FloatFormat tf32();
    static FloatFormat fp8E4M3();     // OCP E4M3 "fn": max 448
    static FloatFormat fp8E4M3Fnuz(); // max 240
    static FloatFormat fp8E5M2();     // OCP E5M2 (IEEE-like): max 57344
    static FloatFormat fp8E5M2Fnuz();
    static FloatFormat fp6E2M3();
    static FloatFormat fp6E3M2();
    static FloatFormat fp4E2M1();
    static FloatFormat e8m0();

    // Layout
    const std::string& name() const { return m_name; }
    std::string spec() const; // canonical, parseable: "e4m3,bias=7,special=fn" or a preset name
    int exponentBits() const { return m_e; }
    int mantissaBits() const { return m_m; }
    int bias() const { return m_bias; }
    bool hasSubnormals() const { return m_subnormals; }
    bool hasZero() const { return m_zero; }                        // false only for zero=off layouts (E8M0)
    bool flushesToZero() const { return !m_subnormals && m_zero; } // subnormals=off: e = 0 is ±0 only
    bool isSigned() const { return m_signed; }
    SpecialPolicy special() const { return m_special; }
    int totalBits() const { return m_e + m_m + (m_signed ? 1 : 0); }
    std::uint64_t codeCount() const; // 2^totalBits (0 means 2^64)

    // Properties (all exact values of the format, as doubles; +inf when beyond double range)
    bool hasInf() const;
    bool hasNan() const;
    bool hasNegativeZero() const;
    double maxFinite() const;
    double minNormal() const;           // 2^(1-bias); 2^-bias with zero=off (the e = 0 binade is normal)
    double minSubnormal() const;        // 0 when subnormals are off
    double epsilon() const;             // 2^-M: distance from 1 to the next value
    double decimalDigits() const;       // log10(2^(M+1))
    std::uint64_t finiteCount() const;  // number of codes that decode to finite values: both zeros and,
                                        // when flushing to zero, the non-canonical zeros (all e = 0 codes)
    double dynamicRangeDecades() const; // log10(maxFinite / smallest positive value)

    // Codes
    ValueClass classify(std::uint64_t code) const;
    double decode(std::uint64_t code) const;
    ExactBinary exactValue(std::uint64_t code) const; // precondition: finite code
    std::string
    exactDecimal(std::uint64_t code) const; // every digit, e.g. "0.100000001490116119384765625"; "inf", "-inf", "nan"
    EncodeResult encode(double x, const Rounding& rounding = {}, OverflowMode overflow = OverflowMode::Ieee,
                        std::uint64_t stochasticIndex = 0) const;
    // Neighbours return canonical codes (never a non-canonical zero); a zero's next
    // larger magnitude is the smallest subnormal, or minNormal when flushing to zero.
    std::uint64_t nextUp(std::uint64_t code) const;   // next larger representable value (saturates at +max / +Inf)
    std::uint64_t nextDown(std::uint64_t code) const; // next smaller representable value
    double ulp(std::uint64_t code) const;             // gap to the next larger-magnitude value
    std::uint64_t maxFiniteCode(bool negative = false) const;
    std::optional<std::uint64_t> infCode(bool negative = false) const;
    std::optional<std::uint64_t> nanCode() const;
    std::uint64_t zeroCode(bool negative = false) const;

    // Bit fields of a code
    bool signOf(std::uint64_t code) const;
    std::uint64_t exponentFieldOf(std::uint64_t code) const;
    std::uint64_t mantissaFieldOf(std::uint64_t code) const;
    std::string bitString(std::uint64_t code) const; // 0/1 digits, sign first, no separators

private:
    // Magnitude-code steps over the canonical codes (skipping the non-canonical zeros).
    std::uint64_t canonicalK(std::uint64_t k) const;
    std::uint64_t nextK(std::uint64_t k) const;
    std::uint64_t previousK(std::uint64_t k) const;

    int m_e;
    int m_m;
    int m_bias;
    bool m_subnormals;
    bool m_zero;
    bool m_signed;
    SpecialPolicy m_special;
    std::string m_name;
};

} // namespace qs
