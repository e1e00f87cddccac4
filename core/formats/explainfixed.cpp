// Explanation of fixed-point / integer encoding (docs/course.md: in ufix5.3,
// 25.125 = 11001.001), the dispatch over NumberFormat, and the text renderer.
#include "formats/decimal.h"
#include "formats/error.h"
#include "formats/explaindetail.h"

#include <cmath>

namespace qs {

using detail::ExactRational;

namespace {

std::vector<int> allPositions(int n)
{
    std::vector<int> v;
    for (int i = 0; i < n; ++i)
        v.push_back(i);
    return v;
}

} // namespace

Explanation explainEncode(const FixedFormat& f, std::string_view text, const Rounding& rounding,
                          std::uint64_t stochasticIndex)
{
    const double x = detail::parseValueText(text);
    const FixedEncodeResult enc = f.encode(x, rounding, stochasticIndex); // throws for NaN
    const int n = f.totalBits();
    const int F = f.fractionBits();
    Explanation ex;
    ex.formatName = f.name();
    ex.input = detail::trimmed(text);
    ex.rounding = rounding.name();
    ex.totalBits = n;
    auto add = [&](std::string id, std::string title, std::string body, std::vector<int> bits = {}) {
        ex.steps.push_back({std::move(id), std::move(title), std::move(body), std::move(bits)});
    };
    std::string layout = f.isSigned() ? "two's complement, 1 sign + " : "unsigned, ";
    layout += std::to_string(f.integerBits()) + " integer + " + std::to_string(F) + " fraction bits: values " +
              f.exactDecimal(f.bitsOfCode(f.minCode())) + " … " + f.exactDecimal(f.bitsOfCode(f.maxCode())) +
              " in steps of " + powerOfTwo(-F) + " = " + exactDecimalOf(false, 1, -F);
    add("format", "Format", f.name() + ": " + layout);

    if (std::isfinite(x)) {
        auto parsed = ExactRational::fromDecimal(text);
        if (!parsed)
            parsed = ExactRational::fromDecimal(detail::exactDecimalOfDouble(x));
        detail::addBinarySteps(ex, *parsed, detail::absText(ex.input));
    }
    // Scale by 2^F: the fraction bits become integer bits.
    const double scaled = std::ldexp(x, F);
    const double rounded = roundToIntegral(scaled, rounding, stochasticIndex);
    if (F > 0 && std::isfinite(x))
        add("scale", "Scale",
            ex.input + " × " + powerOfTwo(F) + " = " + detail::exactDecimalOfDouble(scaled) + "  (the " +
                std::to_string(F) + " fraction bits become integer bits)");
    if (std::isfinite(x) && rounded != scaled)
        add("rounding", "Rounding",
            detail::exactDecimalOfDouble(scaled) + " is not an integer: " + rounding.name() + " gives " +
                detail::exactDecimalOfDouble(rounded),
            allPositions(n));
    if (enc.saturated) {
        // What a wrapping integer cast would give instead (docs/course.md: int4(9) = -7 in some libraries).
        std::string body = std::string(std::isinf(x) ? "infinity" : detail::exactDecimalOfDouble(rounded)) +
                           " is outside the codes " + std::to_string(f.minCode()) + " … " +
                           std::to_string(f.maxCode()) + ": a quantizer clamps (saturates) to " +
                           std::to_string(enc.code);
        if (std::isfinite(rounded) && std::fabs(rounded) < 0x1p62) {
            const auto wrapped = f.codeOfBits(std::uint64_t(std::int64_t(rounded)));
            body += "; a plain integer cast would wrap around to " + std::to_string(wrapped) + " instead";
        }
        add("saturate", "Saturation", body, allPositions(n));
    }
    if (enc.code < 0)
        add("twos-complement", "Two's complement",
            std::to_string(enc.code) + " in " + std::to_string(n) + "-bit two's complement: " + powerOfTwo(n) + " − " +
                std::to_string(-enc.code) + " = " + std::to_string(enc.bits) + " = " +
                binarySubscript(f.bitString(enc.bits)),
            allPositions(n));
    ex.code = enc.bits;
    ex.bits = f.bitString(enc.bits);
    ex.fields = fieldString(f, enc.bits);
    ex.value = enc.value;
    ex.exactValue = f.exactDecimal(enc.bits);
    ex.exact = !enc.inexact;
    std::string body =
        ex.fields + "  (" + hexString(enc.bits, n) + ", code " + std::to_string(enc.code) + ") = " + ex.exactValue;
    body += ex.exact ? ", exactly the input" : "\nerror " + detail::errorText(enc.value, x);
    add("result", "Result", body, allPositions(n));
    return ex;
}

Explanation explainEncode(const NumberFormat& format, std::string_view value, const Rounding& rounding,
                          OverflowMode overflow, std::uint64_t stochasticIndex)
{
    if (const auto* fl = std::get_if<FloatFormat>(&format))
        return explainEncode(*fl, value, rounding, overflow, stochasticIndex);
    return explainEncode(std::get<FixedFormat>(format), value, rounding, stochasticIndex);
}

std::string renderExplanation(const Explanation& ex)
{
    std::string out = "Encode " + ex.input + " into " + ex.formatName + ", rounding " + ex.rounding + "\n";
    int number = 0;
    for (const ExplainStep& step : ex.steps) {
        if (step.id == "result")
            continue;
        out += "\n" + std::to_string(++number) + ". " + step.title + "\n";
        std::size_t start = 0;
        while (start <= step.text.size()) {
            const std::size_t nl = step.text.find('\n', start);
            out += "   " + step.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
            if (nl == std::string::npos)
                break;
            start = nl + 1;
        }
    }
    for (const ExplainStep& step : ex.steps)
        if (step.id == "result") {
            out += "\nResult: ";
            std::string text = step.text;
            for (std::size_t p = text.find('\n'); p != std::string::npos; p = text.find('\n', p + 9))
                text.replace(p, 1, "\n        ");
            out += text + "\n";
        }
    return out;
}

} // namespace qs
