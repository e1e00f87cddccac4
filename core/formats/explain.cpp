// Step-by-step explanation of encoding a decimal value into a float format
// (docs/course.md's worked example: 25.125 = 11001.001₂ = 1.1001001₂ × 2⁴,
// biased exponent 4 + 127 = 131 = 10000011₂, FP32 bits 0 10000011 1001001...).
#include "formats/explain.h"

#include "formats/decimal.h"
#include "formats/error.h"
#include "formats/exactrational.h"
#include "formats/explaindetail.h"

#include <cctype>
#include <cmath>

namespace qs {

using detail::ExactRational;

namespace {

std::vector<int> positions(int from, int to)
{
    std::vector<int> v;
    for (int i = from; i < to; ++i)
        v.push_back(i);
    return v;
}

std::string describeFormat(const FloatFormat& f)
{
    std::string s = f.name() + ": " + (f.isSigned() ? "sign 1, " : "no sign, ") + "exponent " +
                    std::to_string(f.exponentBits()) + ", mantissa " + std::to_string(f.mantissaBits()) +
                    " bits; bias " + std::to_string(f.bias()) + "; value = " + (f.isSigned() ? "(−1)^S × " : "") +
                    "1.M × 2^(E − " + std::to_string(f.bias()) + ")";
    if (f.hasSubnormals())
        s += ", subnormals 0.M × " + powerOfTwo(1 - f.bias());
    else if (f.hasZero())
        s += "; no subnormals: exponent field 0 is ±0 only (flush to zero)";
    else
        s += "; no zero: exponent field 0 is the binade 1.M × " + powerOfTwo(-f.bias());
    return s;
}

// Bits of the exact value from weight `from` down to `to` (inclusive), as 0/1 digits.
std::string bitsBetween(ExactRational& r, int from, int to)
{
    std::string s;
    for (int w = from; w >= to; --w)
        s.push_back(r.bitAt(w) ? '1' : '0');
    return s;
}

// The binary digits after the leading 1 (weight lead) for display: all of them
// when they end within `limit` digits, else `limit` digits and "…".
std::string digitsAfterLead(ExactRational& r, int lead, int limit)
{
    std::string s;
    for (int i = 1; i <= limit; ++i) {
        if (!r.anyBitBelow(lead - i + 1))
            return s;
        s.push_back(r.bitAt(lead - i) ? '1' : '0');
    }
    return r.anyBitBelow(lead - limit) ? s + "…" : s;
}

} // namespace

Explanation explainEncode(const FloatFormat& f, std::string_view text, const Rounding& rounding, OverflowMode overflow,
                          std::uint64_t stochasticIndex)
{
    const double x = detail::parseValueText(text);
    const EncodeResult enc = f.encode(x, rounding, overflow, stochasticIndex);
    const int M = f.mantissaBits();
    const int E = f.exponentBits();
    const int total = f.totalBits();
    const int magBits = E + M;
    const std::vector<int> mantissaPositions = positions(0, M);
    const std::vector<int> exponentPositions = positions(M, M + E);
    const std::vector<int> allPositions = positions(0, total);

    Explanation ex;
    ex.formatName = f.name();
    ex.input = detail::trimmed(text);
    ex.rounding = rounding.name();
    ex.totalBits = total;
    auto add = [&](std::string id, std::string title, std::string body, std::vector<int> bits = {}) {
        ex.steps.push_back({std::move(id), std::move(title), std::move(body), std::move(bits)});
    };
    auto finish = [&](std::uint64_t code) {
        ex.code = code;
        ex.bits = f.bitString(code);
        ex.fields = fieldString(f, code);
        ex.value = f.decode(code);
        ex.exactValue = f.exactDecimal(code);
        ex.exact = ex.value == x && !std::isnan(x) ? true : (std::isnan(x) && std::isnan(ex.value));
        std::string body = ex.fields + "  (" + hexString(code, total) + ") = " + ex.exactValue;
        if (f.classify(code) == ValueClass::NaN || f.classify(code) == ValueClass::Infinite)
            body += ex.exact ? "" : "\nerror " + detail::errorText(ex.value, x);
        else if (ex.exact)
            body += ", exactly the input";
        else
            body += "\nerror " + detail::errorText(ex.value, x);
        add("result", "Result", body, allPositions);
        if (code != enc.code)
            add("note", "Note: double rounding",
                "encode() first reads the input as the nearest double (" + detail::exactDecimalOfDouble(x) +
                    ") and then rounds that, giving " + fieldString(f, enc.code) + " = " + f.exactDecimal(enc.code) +
                    ": the typed decimal lies so close to a rounding boundary that rounding twice differs.");
        return ex;
    };
    add("format", "Format", describeFormat(f));
    const std::uint64_t signBit = f.isSigned() ? std::uint64_t(1) << magBits : 0;
    const std::vector<int> signPosition = f.isSigned() ? std::vector<int>{magBits} : std::vector<int>{};

    if (std::isnan(x)) {
        add("special", "Not a number",
            "NaN has no digits to convert. " + std::string(f.hasNan() ? "It is stored as the format's NaN code." : ""),
            allPositions);
        return finish(enc.code);
    }
    // A finite decimal beyond double range (1e400) is still explained exactly below.
    if (std::isinf(x) && !ExactRational::fromDecimal(text)) {
        std::string body = std::string(x > 0 ? "+" : "−") + "infinity: ";
        if (f.hasInf() && overflow == OverflowMode::Ieee)
            body += "the format has Inf: exponent field all ones, mantissa 0.";
        else if (overflow == OverflowMode::Ieee && f.hasNan())
            body += "the format has no Inf (policy " + toString(f.special()) + "), so it becomes NaN.";
        else
            body += "saturates to the largest finite value.";
        add("special", "Infinity", body, allPositions);
        return finish(enc.code);
    }

    auto parsed = ExactRational::fromDecimal(text);
    if (!parsed) {
        parsed = ExactRational::fromDecimal(detail::exactDecimalOfDouble(x));
        add("input", "Input", ex.input + " is read as the double " + detail::exactDecimalOfDouble(x) + ".");
    }
    ExactRational& r = *parsed;
    const std::string shown = r.negative() ? "−" + detail::absText(ex.input) : detail::absText(ex.input);
    const std::string magnitude = detail::absText(ex.input);

    // 1. Sign
    if (f.isSigned())
        add("sign", "Sign",
            shown + (r.negative() ? " is negative → sign bit 1" : " is positive → sign bit 0") +
                (r.negative() && f.special() == SpecialPolicy::Fnuz && r.isZero() ? " (but fnuz has no −0: +0)" : ""),
            signPosition);
    else
        add("sign", "Sign",
            f.name() + " is unsigned: there is no sign bit" +
                std::string(r.negative() && !r.isZero() ? "; a negative value is out of range." : "."));

    if (r.isZero()) {
        add("zero", "Zero",
            f.hasZero() ? "Zero is the code with exponent and mantissa fields all 0."
                        : f.name() + " has no zero (exponent field 0 is an ordinary binade): the smallest "
                                     "value is the closest.",
            allPositions);
        return finish(enc.code);
    }

    // 2-4. Integer part, fraction part, together in binary.
    detail::addBinarySteps(ex, r, magnitude);

    const int emin = f.hasZero() ? 1 - f.bias() : -f.bias(); // exponent of the smallest normal binade
    const int qmin = emin - M;                               // the finest quantum of the format
    const std::optional<int> lead = r.leadingWeight(std::max(1, -(qmin - 2)));
    if ((r.negative() && !f.isSigned()) || (!f.hasZero() && (!lead || *lead < emin))) {
        add("range", "Out of range",
            r.negative() && !f.isSigned()
                ? "A negative value has no code in an unsigned format: " +
                      std::string(overflow == OverflowMode::Ieee && f.hasNan() ? "it becomes NaN."
                                                                               : "it clamps to the smallest value.")
                : "The value is below the smallest magnitude " + f.exactDecimal(0) + " of " + f.name() +
                      ", which has no zero and no subnormals: it clamps to it.",
            allPositions);
        return finish(enc.code);
    }
    // 5. Normalise: 1.xxx × 2^k
    const int k = lead ? *lead : qmin - 2; // far below the format: any weight under the guard bit
    if (lead) {
        const std::string after = digitsAfterLead(r, k, 40);
        std::string body = detail::binaryText(r) + " = " + binarySubscript("1" + (after.empty() ? "" : "." + after)) +
                           " × " + powerOfTwo(k);
        if (k > 0)
            body += "  (the binary point moves " + std::to_string(k) + (k == 1 ? " place" : " places") + " left)";
        else if (k < 0)
            body += "  (the binary point moves " + std::to_string(-k) + (k == -1 ? " place" : " places") + " right)";
        add("normalize", "Normalise", body);
    } else {
        add("normalize", "Normalise",
            "The value is below " + powerOfTwo(qmin - 2) + ", far under half the smallest " +
                (f.hasSubnormals() ? "subnormal " : "normal ") + powerOfTwo(qmin) + ".");
    }
    if (f.flushesToZero() && (!lead || *lead < emin)) {
        // No subnormals: between 0 and the smallest normal there is nothing, the value
        // rounds to one of the two with the midpoint 2^(emin-1) as the cut-off.
        const int cmp = !lead || *lead < emin - 1 ? -1 : (*lead == emin - 1 && !r.anyBitBelow(emin - 1) ? 0 : 1);
        const bool up = (enc.code & ((std::uint64_t(1) << magBits) - 1)) != 0;
        std::string why;
        switch (rounding.mode) {
        case RoundingMode::NearestEven:
        case RoundingMode::NearestAway:
            why = cmp < 0 ? "it is below the midpoint " + powerOfTwo(emin - 1) + ": round to nearest, 0"
                  : cmp > 0
                      ? "it is above the midpoint " + powerOfTwo(emin - 1) + ": round to nearest, " + powerOfTwo(emin)
                  : rounding.mode == RoundingMode::NearestEven
                      ? "it is exactly the midpoint " + powerOfTwo(emin - 1) +
                            ": a tie, broken toward the even code (0): round to 0"
                      : "it is exactly the midpoint " + powerOfTwo(emin - 1) +
                            ": a tie, broken away from zero: " + powerOfTwo(emin);
            break;
        case RoundingMode::TowardZero:
        case RoundingMode::TowardPositive:
        case RoundingMode::TowardNegative:
            why = std::string("directed rounding (") + rounding.name() + "): the magnitude is rounded " +
                  (up ? "up to " + powerOfTwo(emin) : "down to 0");
            break;
        case RoundingMode::Stochastic:
            why = "stochastic: the draw u = " + detail::shortNumber(stochasticUniform(rounding.seed, stochasticIndex)) +
                  " (seed " + std::to_string(rounding.seed) + ", index " + std::to_string(stochasticIndex) +
                  ") is compared with the value's fraction of " + powerOfTwo(emin) + ": " +
                  (up ? powerOfTwo(emin) : std::string("0"));
            break;
        }
        why[0] = char(std::toupper(static_cast<unsigned char>(why[0])));
        add("flush", "Flush to zero",
            shown + " is below the smallest normal " + powerOfTwo(emin) +
                " (= " + f.exactDecimal(std::uint64_t(1) << M) + ") and " + f.name() +
                " flushes subnormals to zero: exponent field 0 holds only ±0, so the neighbours are 0 and " +
                powerOfTwo(emin) + ".\n" + why + ". The result is inexact and flagged as underflow.",
            allPositions);
        return finish(enc.code);
    }
    const bool subnormal = k < emin;
    if (subnormal)
        add("subnormal", "Subnormal range",
            powerOfTwo(k) + " is below the smallest normal power " + powerOfTwo(emin) +
                " (1 − bias = " + std::to_string(emin) + "): the value is written as 0.xxx × " + powerOfTwo(emin) +
                " with exponent field 0 and no hidden 1, so leading bits of precision are lost.",
            exponentPositions);

    // Kept bits (weights top..q), guard bit (q-1), sticky (anything below).
    const int top = std::max(k, emin);
    const int q = top - M;
    std::uint64_t n = 0;
    for (int w = subnormal ? emin - 1 : k; w >= q; --w)
        n = (n << 1) | std::uint64_t(r.bitAt(w));
    const std::string kept = M > 0 ? bitsBetween(r, top - 1, q) : std::string();
    const int guard = r.bitAt(q - 1);
    const bool sticky = r.anyBitBelow(q - 1);
    const bool exact = !guard && !sticky;
    const std::uint64_t hidden = std::uint64_t(1) << M;
    const std::uint64_t beyond = std::uint64_t(1) << magBits;
    std::uint64_t kLow = n;
    if (!subnormal) {
        const long e = long(k) + f.bias();
        kLow = e >= (1L << E) ? beyond : (std::uint64_t(e) << M) | (n - hidden);
    }
    const bool negative = r.negative();
    const bool magnitudeDown = rounding.mode == RoundingMode::TowardZero ||
                               (rounding.mode == RoundingMode::TowardPositive && negative) ||
                               (rounding.mode == RoundingMode::TowardNegative && !negative);
    bool up = false;
    std::string why;
    switch (rounding.mode) {
    case RoundingMode::NearestEven:
        up = guard && (sticky || (kLow & 1));
        why = !guard   ? "less than half an ulp is cut off: round down (to nearest)"
              : sticky ? "more than half an ulp is cut off: round up (to nearest)"
                       : "exactly half an ulp: a tie, broken toward the even neighbour (last bit 0): round " +
                             std::string(up ? "up" : "down");
        break;
    case RoundingMode::NearestAway:
        up = guard;
        why = !guard   ? "less than half an ulp is cut off: round down (to nearest)"
              : sticky ? "more than half an ulp is cut off: round up (to nearest)"
                       : "exactly half an ulp: a tie, broken away from zero: round up";
        break;
    case RoundingMode::TowardZero:
    case RoundingMode::TowardPositive:
    case RoundingMode::TowardNegative:
        up = !exact && !magnitudeDown;
        why = std::string("directed rounding (") + rounding.name() + "): the magnitude is rounded " +
              (magnitudeDown ? "down (truncated)" : "up") + " whatever the discarded bits";
        break;
    case RoundingMode::Stochastic: {
        const std::uint64_t encMag = enc.code & (beyond - 1);
        up = !exact && (enc.overflow || encMag != kLow);
        const double u = stochasticUniform(rounding.seed, stochasticIndex);
        why = "stochastic: the draw u = " + detail::shortNumber(u) + " (seed " + std::to_string(rounding.seed) +
              ", index " + std::to_string(stochasticIndex) +
              ") is compared with the cut-off fraction of an ulp: round " + (up ? "away from zero" : "toward zero");
        break;
    }
    }
    const std::uint64_t kFinal = kLow >= beyond ? beyond : kLow + (up ? 1 : 0);
    const std::uint64_t maxK = f.maxFiniteCode();
    const bool overflowed = kFinal > maxK;
    std::uint64_t code = 0;
    if (overflowed) {
        if (overflow == OverflowMode::Saturate || magnitudeDown || (!f.hasInf() && !f.hasNan()))
            code = f.maxFiniteCode(negative);
        else
            code = f.hasInf() ? *f.infCode(negative) : *f.nanCode();
    } else if (kFinal == 0 && f.hasSubnormals()) {
        code = f.zeroCode(negative);
    } else {
        code = (negative ? signBit : 0) | kFinal;
    }

    // 6. Biased exponent (of the final code)
    if (!overflowed) {
        const std::uint64_t eField = f.exponentFieldOf(code);
        const std::string eBits = binarySubscript(f.bitString(code).substr(f.isSigned() ? 1 : 0, std::size_t(E)));
        std::string body;
        if (eField == 0 && f.hasSubnormals()) {
            body = "exponent field " + eBits + ": " +
                   (kFinal == 0 ? "the value rounds to zero" : "subnormal, value = 0.M × " + powerOfTwo(emin));
        } else {
            const int kEff = int(eField) - f.bias();
            const bool carried = kEff != k;
            body = "biased exponent = " + std::to_string(kEff) + " + " + std::to_string(f.bias()) + " = " +
                   std::to_string(eField) + " = " + eBits;
            if (carried)
                body += "  (" + std::to_string(k) + " + 1: rounding up carried into the exponent)";
        }
        add("exponent", "Biased exponent", body, exponentPositions);
    }
    // 7. Mantissa bits kept
    if (M > 0) {
        std::string body = subnormal ? "the " + std::to_string(M) + " bits after the binary point of 0.xxx × " +
                                           powerOfTwo(emin) + ": " + kept
                                     : "the " + std::to_string(M) + " bits after the leading 1: " + kept;
        if (!exact)
            body += "\nthe rest is cut off: " + bitsBetween(r, q - 1, std::max(q - 12, q - 1 - 11)) +
                    (r.anyBitBelow(q - 12) ? "…" : "");
        add("mantissa", "Mantissa", body, mantissaPositions);
    } else {
        add("mantissa", "Mantissa", "no mantissa bits: only the power of two is kept");
    }
    // 8. Rounding
    {
        std::string body;
        if (exact) {
            body = "nothing non-zero is cut off: " + shown + " is exactly representable, no rounding error.";
        } else {
            // Exact neighbours, unless they run to hundreds of digits (custom biases, huge inputs).
            auto neighbour = [&](std::uint64_t s) {
                const std::string exactText = exactDecimalOf(negative, s, q);
                if (exactText.size() <= 60)
                    return exactText;
                return (negative ? "−" : "") + std::to_string(s) + " × " + powerOfTwo(q);
            };
            const std::string lower = neighbour(n);
            const std::string upper = neighbour(n + 1);
            body = "ulp here = " + powerOfTwo(q) + "; guard bit " + std::to_string(guard) + ", sticky bit " +
                   (sticky ? "1" : "0") + " (any 1 after the guard bit)\n" + why;
            if (kLow >= beyond)
                body += "\nthe value lies beyond every finite code of " + f.name();
            else
                body += "\nneighbours " + lower + " and " + upper + " → " + (up ? upper : lower);
            if (up && !overflowed && ((n + 1) == (hidden << 1) || (subnormal && n + 1 == hidden)))
                body += "\nrounding up carries: the mantissa overflows into the exponent";
            if (M > 0 && !overflowed && kFinal != kLow)
                body += "\nmantissa " + kept + " + 1 = " + f.bitString(code).substr(std::size_t(total - M));
        }
        add("rounding", "Rounding", body, exact ? std::vector<int>{} : mantissaPositions);
    }
    // 9. Overflow
    if (overflowed) {
        const ExactBinary mx = f.exactValue(maxK);
        const std::string threshold = exactDecimalOf(false, 2 * mx.significand + 1, mx.exponent - 1);
        std::string body = "the rounded magnitude exceeds the largest finite value " + f.exactDecimal(maxK) +
                           " (round-to-nearest overflows from max + ulp/2 = " + threshold + " on): ";
        if (code == f.maxFiniteCode(negative))
            body += magnitudeDown ? "rounding toward zero never overflows: the result is the largest finite value"
                                  : "it saturates to the largest finite value";
        else
            body += f.hasInf() ? "the result is infinity" : "the format has no Inf, the result is NaN";
        add("overflow", "Overflow", body, allPositions);
    }
    return finish(code);
}

} // namespace qs
