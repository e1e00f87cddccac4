// quantscope-cli format / encode / decode / explain: the number-format core on
// the command line. Text output is aligned "key  value" lines; --json prints
// one object with the keys documented in docs/io.md.
#include "clicommon.h"

#include "formats/error.h"
#include "formats/explain.h"
#include "formats/numberformat.h"
#include "quant/quantoptions.h"

#include <QJsonArray>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

using namespace qs;
using qs::cli::jsonNumber;

namespace {

// Shortest text that reads back to the same double ("0.1", "3.4028234663852886e+38").
std::string num(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

void printRows(const std::vector<std::pair<std::string, std::string>>& rows)
{
    std::size_t width = 0;
    for (const auto& [k, v] : rows)
        width = std::max(width, k.size());
    for (const auto& [k, v] : rows)
        cli::printLine(k + std::string(width + 2 - k.size(), ' ') + v);
}

// |result - input| and its ratio to |input|: 0 when equal (also inf == inf), inf
// when only one side is infinite, nan when either is nan.
std::pair<double, double> errors(double result, double input)
{
    if (std::isnan(result) || std::isnan(input))
        return {std::nan(""), std::nan("")};
    if (result == input)
        return {0.0, 0.0};
    if (std::isinf(result) || std::isinf(input))
        return {HUGE_VAL, HUGE_VAL};
    const double abs = std::fabs(result - input);
    return {abs, input == 0 ? HUGE_VAL : abs / std::fabs(input)};
}

// ----- float formats -----

QJsonObject floatFormatJson(const FloatFormat& f)
{
    QJsonObject o;
    o["name"] = q(f.name());
    o["spec"] = q(f.spec());
    o["kind"] = "float";
    o["total_bits"] = f.totalBits();
    o["sign_bits"] = f.isSigned() ? 1 : 0;
    o["exponent_bits"] = f.exponentBits();
    o["mantissa_bits"] = f.mantissaBits();
    o["bias"] = f.bias();
    o["subnormals"] = f.hasSubnormals();
    o["special"] = q(toString(f.special()));
    o["max_finite"] = jsonNumber(f.maxFinite());
    o["max_finite_exact"] = q(f.exactDecimal(f.maxFiniteCode()));
    o["min_normal"] = jsonNumber(f.minNormal());
    o["min_subnormal"] = jsonNumber(f.minSubnormal());
    o["epsilon"] = jsonNumber(f.epsilon());
    o["decimal_digits"] = f.decimalDigits();
    o["finite_count"] = double(f.finiteCount());
    o["code_count"] = f.codeCount() == 0 ? 18446744073709551616.0 : double(f.codeCount());
    o["dynamic_range_decades"] = f.dynamicRangeDecades();
    o["has_inf"] = f.hasInf();
    o["has_nan"] = f.hasNan();
    o["has_negative_zero"] = f.hasNegativeZero();
    return o;
}

void printFloatFormat(const FloatFormat& f)
{
    auto withExact = [&](double v, std::uint64_t code) { return num(v) + "  (" + f.exactDecimal(code) + ")"; };
    printRows({
        {"name", f.name()},
        {"spec", f.spec()},
        {"layout", std::string(f.isSigned() ? "1 sign, " : "no sign, ") + std::to_string(f.exponentBits()) +
                       " exponent, " + std::to_string(f.mantissaBits()) + " mantissa bits (" +
                       std::to_string(f.totalBits()) + " in all)"},
        {"bias", std::to_string(f.bias())},
        {"special values", toString(f.special()) + (f.hasInf() ? ", Inf" : ", no Inf") +
                               (f.hasNan() ? ", NaN" : ", no NaN") + (f.hasNegativeZero() ? ", -0" : "")},
        {"subnormals", f.hasSubnormals() ? "on" : "off"},
        {"max finite", withExact(f.maxFinite(), f.maxFiniteCode())},
        {"min normal", num(f.minNormal())},
        {"min subnormal", f.minSubnormal() == 0 ? "none" : num(f.minSubnormal())},
        {"epsilon", num(f.epsilon())},
        {"decimal digits", num(std::round(f.decimalDigits() * 100) / 100)},
        {"finite values", std::to_string(f.finiteCount())},
        {"dynamic range", num(std::round(f.dynamicRangeDecades() * 100) / 100) + " decades"},
    });
}

QJsonObject floatCodeJson(const FloatFormat& f, std::uint64_t code, double input)
{
    QJsonObject o;
    o["format"] = q(f.name());
    o["bits"] = q(f.bitString(code));
    o["hex"] = q(hexString(code, f.totalBits()));
    o["fields"] = q(fieldString(f, code));
    o["sign"] = f.signOf(code) ? 1 : 0;
    o["exponent_field"] = double(f.exponentFieldOf(code));
    o["mantissa_field"] = double(f.mantissaFieldOf(code));
    const double value = f.decode(code);
    o["value"] = jsonNumber(value);
    o["exact_decimal"] = q(f.exactDecimal(code));
    o["class"] = q(toString(f.classify(code)));
    o["prev"] = jsonNumber(f.decode(f.nextDown(code)));
    o["next"] = jsonNumber(f.decode(f.nextUp(code)));
    o["ulp"] = jsonNumber(f.ulp(code));
    const auto [abs, rel] = errors(value, input);
    o["abs_error"] = jsonNumber(abs);
    o["rel_error"] = jsonNumber(rel);
    return o;
}

std::vector<std::pair<std::string, std::string>> floatCodeRows(const FloatFormat& f, std::uint64_t code, double input)
{
    const double value = f.decode(code);
    const auto [abs, rel] = errors(value, input);
    std::string fieldText;
    if (f.classify(code) == ValueClass::Normal || f.classify(code) == ValueClass::Subnormal) {
        const int e = int(f.exponentFieldOf(code));
        const int k = (e == 0 && f.hasSubnormals() ? 1 : e) - f.bias();
        fieldText = "sign " + std::to_string(f.signOf(code) ? 1 : 0) + ", exponent " + std::to_string(e) + " (2^" +
                    std::to_string(k) + "), mantissa " + std::to_string(f.mantissaFieldOf(code)) + "/2^" +
                    std::to_string(f.mantissaBits());
    }
    std::vector<std::pair<std::string, std::string>> rows = {
        {"format", f.name()},  {"bits", fieldString(f, code)},  {"hex", hexString(code, f.totalBits())},
        {"value", num(value)}, {"exact", f.exactDecimal(code)}, {"class", toString(f.classify(code))},
    };
    if (!fieldText.empty())
        rows.push_back({"fields", fieldText});
    rows.push_back({"prev", num(f.decode(f.nextDown(code)))});
    rows.push_back({"next", num(f.decode(f.nextUp(code)))});
    rows.push_back({"ulp", num(f.ulp(code))});
    rows.push_back({"abs error", num(abs)});
    rows.push_back({"rel error", num(rel)});
    return rows;
}

// ----- fixed point / integers -----

QJsonObject fixedFormatJson(const FixedFormat& f)
{
    QJsonObject o;
    o["name"] = q(f.name());
    o["spec"] = q(f.spec());
    o["kind"] = f.isInteger() ? "integer" : "fixed";
    o["total_bits"] = f.totalBits();
    o["sign_bits"] = f.isSigned() ? 1 : 0;
    o["integer_bits"] = f.integerBits();
    o["fraction_bits"] = f.fractionBits();
    o["signed"] = f.isSigned();
    o["min_code"] = double(f.minCode());
    o["max_code"] = double(f.maxCode());
    o["min_value"] = f.minValue();
    o["max_value"] = f.maxValue();
    o["resolution"] = f.resolution();
    o["value_count"] = double(f.valueCount());
    o["has_inf"] = false;
    o["has_nan"] = false;
    return o;
}

void printFixedFormat(const FixedFormat& f)
{
    printRows({
        {"name", f.name()},
        {"layout", std::string(f.isSigned() ? "two's complement, 1 sign + " : "unsigned, ") +
                       std::to_string(f.integerBits()) + " integer + " + std::to_string(f.fractionBits()) +
                       " fraction bits (" + std::to_string(f.totalBits()) + " in all)"},
        {"codes", std::to_string(f.minCode()) + " … " + std::to_string(f.maxCode())},
        {"min value", f.exactDecimal(f.bitsOfCode(f.minCode()))},
        {"max value", f.exactDecimal(f.bitsOfCode(f.maxCode()))},
        {"resolution", f.exactDecimal(f.bitsOfCode(1))},
        {"values", std::to_string(f.valueCount())},
    });
}

QJsonObject fixedCodeJson(const FixedFormat& f, std::uint64_t bits, double input)
{
    const std::int64_t code = f.codeOfBits(bits);
    const double value = f.decodeBits(bits);
    QJsonObject o;
    o["format"] = q(f.name());
    o["bits"] = q(f.bitString(bits));
    o["hex"] = q(hexString(bits, f.totalBits()));
    o["fields"] = q(fieldString(f, bits));
    o["code"] = double(code);
    o["value"] = jsonNumber(value);
    o["exact_decimal"] = q(f.exactDecimal(bits));
    o["class"] = code == 0 ? "zero" : "normal";
    o["prev"] = jsonNumber(f.decodeBits(f.bitsOfCode(std::max(code - 1, f.minCode()))));
    o["next"] = jsonNumber(f.decodeBits(f.bitsOfCode(std::min(code + 1, f.maxCode()))));
    o["ulp"] = f.resolution();
    const auto [abs, rel] = errors(value, input);
    o["abs_error"] = jsonNumber(abs);
    o["rel_error"] = jsonNumber(rel);
    return o;
}

std::vector<std::pair<std::string, std::string>> fixedCodeRows(const FixedFormat& f, std::uint64_t bits, double input)
{
    const std::int64_t code = f.codeOfBits(bits);
    const double value = f.decodeBits(bits);
    const auto [abs, rel] = errors(value, input);
    return {
        {"format", f.name()},
        {"bits", fieldString(f, bits)},
        {"hex", hexString(bits, f.totalBits())},
        {"code", std::to_string(code)},
        {"value", num(value)},
        {"exact", f.exactDecimal(bits)},
        {"prev", num(f.decodeBits(f.bitsOfCode(std::max(code - 1, f.minCode()))))},
        {"next", num(f.decodeBits(f.bitsOfCode(std::min(code + 1, f.maxCode()))))},
        {"ulp", num(f.resolution())},
        {"abs error", num(abs)},
        {"rel error", num(rel)},
    };
}

// decode's abs/rel error: of the double shown as "value" against the code's exact
// value. Zero whenever the value fits a double; custom biases beyond double range
// give 0/inf/rounded subnormals, whose error is computed exactly by scaling with
// the exact exponent (power-of-two scaling is exact).
std::pair<double, double> doubleRepresentationError(const FloatFormat& f, std::uint64_t bits)
{
    const ValueClass c = f.classify(bits);
    if (c == ValueClass::NaN || c == ValueClass::Infinite)
        return {0.0, 0.0};
    const ExactBinary v = f.exactValue(bits);
    const double d = f.decode(bits);
    if (v.significand == 0)
        return {0.0, 0.0};
    if (std::isinf(d))
        return {HUGE_VAL, HUGE_VAL};
    const double scaled = std::ldexp(std::fabs(d), -v.exponent); // ~ significand, exact
    const double diff = std::fabs(scaled - double(v.significand));
    return {std::ldexp(diff, v.exponent), diff / double(v.significand)};
}

OptionDef jsonOption()
{
    return makeOption("json", OptionType::Flag, cli::kGroupOutput, "", "print one JSON object instead of the table");
}

OptionDef roundingOption()
{
    OptionDef d = findQuantOption("rounding")->def;
    d.group = "Conversion";
    return d;
}

OptionDef saturateOption()
{
    return makeOption("saturate", OptionType::Flag, "Conversion", "",
                      "an overflow becomes the largest finite value instead of Inf or NaN");
}

cli::Positional specArgument()
{
    return {"SPEC", "a number format: fp32, bf16, fp8-e4m3, e5m2, eXmY[,bias=B,...], ufixI.F, sfixI.F, intN, uintN",
            "format"};
}

void expectPositional(const cli::ArgParser& p, std::size_t n, const char* usage)
{
    if (p.positional().size() != n)
        throw ArgumentError(std::string("expected ") + usage + " (got " + std::to_string(p.positional().size()) +
                            " arguments)");
}

Rounding roundingOf(const cli::ArgParser& p)
{
    const auto text = p.value("rounding");
    return text ? Rounding::parse(*text) : Rounding{};
}

int runFormat(const cli::ArgParser& p)
{
    expectPositional(p, 1, "format SPEC");
    const NumberFormat format = parseFormat(p.positional()[0]);
    if (const auto* f = std::get_if<FloatFormat>(&format)) {
        if (p.flag("json"))
            cli::printJson(floatFormatJson(*f));
        else
            printFloatFormat(*f);
    } else {
        const auto& fx = std::get<FixedFormat>(format);
        if (p.flag("json"))
            cli::printJson(fixedFormatJson(fx));
        else
            printFixedFormat(fx);
    }
    return cli::kExitOk;
}

int runEncode(const cli::ArgParser& p)
{
    expectPositional(p, 2, "encode SPEC VALUE");
    const NumberFormat format = parseFormat(p.positional()[0]);
    const double x = cli::parseNumber(p.positional()[1], "value");
    const Rounding rounding = roundingOf(p);
    const std::uint64_t index = std::uint64_t(p.integer("index", 0));
    const OverflowMode overflow = p.flag("saturate") ? OverflowMode::Saturate : OverflowMode::Ieee;
    if (const auto* f = std::get_if<FloatFormat>(&format)) {
        const EncodeResult r = f->encode(x, rounding, overflow, index);
        if (p.flag("json")) {
            QJsonObject o = floatCodeJson(*f, r.code, x);
            o["input"] = jsonNumber(x);
            o["rounding"] = q(rounding.name());
            o["saturate"] = overflow == OverflowMode::Saturate;
            o["inexact"] = r.inexact;
            o["overflow"] = r.overflow;
            o["underflow"] = r.underflow;
            cli::printJson(o);
        } else {
            auto rows = floatCodeRows(*f, r.code, x);
            rows.insert(rows.begin() + 1, {"input", num(x) + "  (" + rounding.name() +
                                                        (overflow == OverflowMode::Saturate ? ", saturating)" : ")")});
            std::string flags;
            for (const auto& [on, name] : {std::pair{r.inexact, "inexact"}, std::pair{r.overflow, "overflow"},
                                           std::pair{r.underflow, "underflow"}})
                if (on)
                    flags += (flags.empty() ? "" : ", ") + std::string(name);
            rows.push_back({"flags", flags.empty() ? "exact" : flags});
            printRows(rows);
        }
    } else {
        const auto& fx = std::get<FixedFormat>(format);
        const FixedEncodeResult r = fx.encode(x, rounding, index);
        if (p.flag("json")) {
            QJsonObject o = fixedCodeJson(fx, r.bits, x);
            o["input"] = jsonNumber(x);
            o["rounding"] = q(rounding.name());
            o["inexact"] = r.inexact;
            o["saturated"] = r.saturated;
            cli::printJson(o);
        } else {
            auto rows = fixedCodeRows(fx, r.bits, x);
            rows.insert(rows.begin() + 1, {"input", num(x) + "  (" + rounding.name() + ", saturating)"});
            rows.push_back({"flags", r.saturated ? "saturated" : r.inexact ? "inexact" : "exact"});
            printRows(rows);
        }
    }
    return cli::kExitOk;
}

int runDecode(const cli::ArgParser& p)
{
    expectPositional(p, 2, "decode SPEC BITS");
    const NumberFormat format = parseFormat(p.positional()[0]);
    const std::uint64_t bits = parseBits(p.positional()[1], totalBits(format));
    if (const auto* f = std::get_if<FloatFormat>(&format)) {
        if (p.flag("json")) {
            QJsonObject o = floatCodeJson(*f, bits, f->decode(bits));
            const auto [abs, rel] = doubleRepresentationError(*f, bits);
            o["abs_error"] = jsonNumber(abs);
            o["rel_error"] = jsonNumber(rel);
            cli::printJson(o);
        } else {
            auto rows = floatCodeRows(*f, bits, f->decode(bits));
            const auto [abs, rel] = doubleRepresentationError(*f, bits);
            rows[rows.size() - 2].second = num(abs);
            rows[rows.size() - 1].second = num(rel);
            printRows(rows);
        }
    } else {
        const auto& fx = std::get<FixedFormat>(format);
        if (p.flag("json"))
            cli::printJson(fixedCodeJson(fx, bits, fx.decodeBits(bits)));
        else
            printRows(fixedCodeRows(fx, bits, fx.decodeBits(bits)));
    }
    return cli::kExitOk;
}

int runExplain(const cli::ArgParser& p)
{
    expectPositional(p, 2, "explain SPEC VALUE");
    const NumberFormat format = parseFormat(p.positional()[0]);
    const std::string& text = p.positional()[1];
    cli::parseNumber(text, "value"); // the CLI's one notion of "a number", for the error message
    const Explanation ex =
        explainEncode(format, text, roundingOf(p), p.flag("saturate") ? OverflowMode::Saturate : OverflowMode::Ieee);
    if (!p.flag("json")) {
        std::fputs(renderExplanation(ex).c_str(), stdout);
        return cli::kExitOk;
    }
    QJsonObject o;
    o["format"] = q(ex.formatName);
    o["input"] = q(ex.input);
    o["rounding"] = q(ex.rounding);
    o["bits"] = q(ex.bits);
    o["hex"] = q(hexString(ex.code, ex.totalBits));
    o["fields"] = q(ex.fields);
    o["value"] = jsonNumber(ex.value);
    o["exact_decimal"] = q(ex.exactValue);
    o["exact"] = ex.exact;
    QJsonArray steps;
    for (const ExplainStep& s : ex.steps) {
        QJsonObject so;
        so["id"] = q(s.id);
        so["title"] = q(s.title);
        so["text"] = q(s.text);
        QJsonArray bitsArray;
        for (int b : s.bits)
            bitsArray.append(b);
        so["bits"] = bitsArray;
        steps.append(so);
    }
    o["steps"] = steps;
    cli::printJson(o);
    return cli::kExitOk;
}

} // namespace

cli::CommandDef formatCommand()
{
    cli::CommandDef c;
    c.name = "format";
    c.usage = "format SPEC [--json]";
    c.summary = "properties of a number format: layout, bias, range, precision, special values";
    c.positionals = {specArgument()};
    c.options = {jsonOption()};
    c.examples = {{"format fp8-e4m3", "max 448, min normal 2^-6, min subnormal 2^-9, no Inf"},
                  {"format e5m2,bias=16 --json", "a custom layout, as one JSON object"}};
    c.run = runFormat;
    return c;
}

cli::CommandDef encodeCommand()
{
    cli::CommandDef c;
    c.name = "encode";
    c.usage = "encode SPEC VALUE [OPTIONS]";
    c.summary = "the code of a value in a number format, its neighbours and the rounding error";
    c.positionals = {specArgument(), {"VALUE", "a decimal or hex-float number, inf or nan", ""}};
    OptionDef index = makeOption("index", OptionType::Integer, "Conversion", "I",
                                 "stochastic rounding: the element index that picks the random draw");
    index.integers = {0, std::numeric_limits<std::int64_t>::max()};
    index.defaultText = "0";
    OptionDef rounding = roundingOption();
    rounding.defaultText = Rounding{}.name();
    c.options = {rounding, saturateOption(), index, jsonOption()};
    c.examples = {{"encode fp32 25.125", "0 10000011 10010010000000000000000"},
                  {"encode fp8-e4m3 465 --saturate", "448 (NaN without --saturate)"}};
    c.run = runEncode;
    return c;
}

cli::CommandDef decodeCommand()
{
    cli::CommandDef c;
    c.name = "decode";
    c.usage = "decode SPEC BITS [--json]";
    c.summary = "the value of a bit pattern in a number format";
    c.positionals = {specArgument(), {"BITS", "0/1 digits (spaces and _ allowed) or 0x hex", ""}};
    c.options = {jsonOption()};
    c.examples = {{"decode fp16 0x7bff", "65504, the largest finite half"}, {"decode bf16 0b0011111110000000", "1"}};
    c.run = runDecode;
    return c;
}

cli::CommandDef explainCommand()
{
    cli::CommandDef c;
    c.name = "explain";
    c.usage = "explain SPEC VALUE [OPTIONS]";
    c.summary = "the conversion of a value to a format, step by step";
    c.positionals = {specArgument(), {"VALUE", "a decimal number (kept exact), inf or nan", ""}};
    OptionDef rounding = roundingOption();
    rounding.defaultText = Rounding{}.name();
    c.options = {rounding, saturateOption(), jsonOption()};
    c.examples = {{"explain fp32 0.1", "the repeating binary fraction and the rounding decision"},
                  {"explain fp8-e4m3 300 --rounding toward-zero", "rounding toward zero"}};
    c.run = runExplain;
    return c;
}
