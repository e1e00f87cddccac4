// Spec strings -> formats, and bit strings -> codes (numberformat.h grammar).
#include "formats/numberformat.h"

#include "formats/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>

namespace qs {

namespace {

std::string lowerTrimmed(std::string_view text)
{
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1])))
        --e;
    std::string out(text.substr(b, e - b));
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// A whole decimal integer (optional '-'), or nullopt.
std::optional<int> parseInt(std::string_view s)
{
    int v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

bool isDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Bit counts in a spec: digits only; huge numbers are reported as such, not as "unknown".
int bitCount(std::string_view digits, const std::string& what, std::string_view spec)
{
    if (!isDigits(digits))
        throw FormatError("unknown format '" + std::string(spec) + "'");
    const auto v = parseInt(digits);
    if (!v)
        throw FormatError(what + " " + std::string(digits) + " is too large");
    return *v;
}

bool parseOnOff(const std::string& key, const std::string& value)
{
    if (value == "on" || value == "true" || value == "1" || value == "yes")
        return true;
    if (value == "off" || value == "false" || value == "0" || value == "no")
        return false;
    throw FormatError("option " + key + "=" + value + " must be on or off");
}

std::vector<std::string> splitCommas(const std::string& s)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = s.find(',', start);
        parts.push_back(lowerTrimmed(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return parts;
}

FloatFormat parseCustomFloat(const std::string& spec)
{
    const std::vector<std::string> parts = splitCommas(spec);
    const std::string& head = parts[0]; // "eXmY"
    const std::size_t mPos = head.find('m');
    if (head.size() < 4 || head[0] != 'e' || mPos == std::string::npos)
        throw FormatError("unknown format '" + spec + "'");
    FloatFormatParams params;
    params.exponentBits = bitCount(std::string_view(head).substr(1, mPos - 1), "exponent bits", spec);
    params.mantissaBits = bitCount(std::string_view(head).substr(mPos + 1), "mantissa bits", spec);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string& opt = parts[i];
        const std::size_t eq = opt.find('=');
        if (eq == std::string::npos)
            throw FormatError("format option '" + opt + "' needs a value (key=value)");
        const std::string key = lowerTrimmed(opt.substr(0, eq));
        const std::string value = lowerTrimmed(opt.substr(eq + 1));
        if (key == "bias") {
            const auto b = parseInt(value);
            if (!b)
                throw FormatError("bias '" + value + "' is not an integer");
            params.bias = *b;
        } else if (key == "special") {
            if (value == "ieee")
                params.special = SpecialPolicy::Ieee;
            else if (value == "fn")
                params.special = SpecialPolicy::Fn;
            else if (value == "fnuz")
                params.special = SpecialPolicy::Fnuz;
            else if (value == "finite")
                params.special = SpecialPolicy::Finite;
            else
                throw FormatError("special='" + value + "' is not one of ieee, fn, fnuz, finite");
        } else if (key == "subnormals") {
            params.subnormals = parseOnOff(key, value);
        } else if (key == "zero") {
            params.zero = parseOnOff(key, value); // zero=off with subnormals on: FloatFormat rejects it
        } else if (key == "signed") {
            params.signBit = parseOnOff(key, value);
        } else {
            throw FormatError("unknown format option '" + key + "' (bias, special, subnormals, zero, signed)");
        }
    }
    return FloatFormat(params);
}

std::optional<FixedFormat> parseFixed(const std::string& spec)
{
    auto startsWith = [&](const char* prefix) { return spec.rfind(prefix, 0) == 0; };
    if (startsWith("ufix") || startsWith("sfix")) {
        const bool isSigned = spec[0] == 's';
        const std::string rest = spec.substr(4);
        const std::size_t dot = rest.find('.');
        if (dot == std::string::npos)
            throw FormatError("fixed-point spec '" + spec + "' needs integer and fraction bits, e.g. ufix5.3");
        const int i = bitCount(std::string_view(rest).substr(0, dot), "integer bits", spec);
        const int f = bitCount(std::string_view(rest).substr(dot + 1), "fraction bits", spec);
        return FixedFormat(i, f, isSigned);
    }
    if (startsWith("uint") && isDigits(spec.substr(4)))
        return FixedFormat::integer(bitCount(spec.substr(4), "integer width", spec), false);
    if (startsWith("int") && isDigits(spec.substr(3)))
        return FixedFormat::integer(bitCount(spec.substr(3), "integer width", spec), true);
    return std::nullopt;
}

} // namespace

std::vector<FloatFormat> presetFloatFormats()
{
    return {FloatFormat::fp64(),        FloatFormat::fp32(),    FloatFormat::fp16(),        FloatFormat::bf16(),
            FloatFormat::tf32(),        FloatFormat::fp8E4M3(), FloatFormat::fp8E4M3Fnuz(), FloatFormat::fp8E5M2(),
            FloatFormat::fp8E5M2Fnuz(), FloatFormat::fp6E2M3(), FloatFormat::fp6E3M2(),     FloatFormat::fp4E2M1(),
            FloatFormat::e8m0()};
}

std::vector<std::string> presetFormatNames()
{
    std::vector<std::string> names;
    for (const FloatFormat& f : presetFloatFormats())
        names.push_back(f.name());
    return names;
}

NumberFormat parseFormat(std::string_view text)
{
    const std::string spec = lowerTrimmed(text);
    if (spec.empty())
        throw FormatError("empty format spec");
    for (const FloatFormat& f : presetFloatFormats())
        if (f.name() == spec)
            return f;
    // Common aliases of the presets (PyTorch / NumPy dtype names).
    static const std::pair<const char*, const char*> aliases[] = {
        {"float64", "fp64"},
        {"double", "fp64"},
        {"float32", "fp32"},
        {"float", "fp32"},
        {"float16", "fp16"},
        {"half", "fp16"},
        {"bfloat16", "bf16"},
        {"fp8-e4m3fn", "fp8-e4m3"},
        {"float8_e4m3fn", "fp8-e4m3"},
        {"float8_e5m2", "fp8-e5m2"},
        {"float8_e4m3fnuz", "fp8-e4m3fnuz"},
        {"float8_e5m2fnuz", "fp8-e5m2fnuz"},
        {"e8m0fnu", "e8m0"},
    };
    for (const auto& [alias, preset] : aliases)
        if (spec == alias)
            return parseFormat(preset);
    if (auto fixed = parseFixed(spec))
        return *fixed;
    if (spec[0] == 'e' && spec.size() > 1 && std::isdigit(static_cast<unsigned char>(spec[1])))
        return parseCustomFloat(spec);
    throw FormatError("unknown format '" + std::string(text) +
                      "' (presets: fp64 fp32 fp16 bf16 tf32 fp8-e4m3 fp8-e4m3fnuz fp8-e5m2 fp8-e5m2fnuz fp6-e2m3 "
                      "fp6-e3m2 fp4-e2m1 e8m0; eXmY[,options]; ufixI.F sfixI.F intN uintN)");
}

FloatFormat parseFloatFormat(std::string_view spec)
{
    NumberFormat f = parseFormat(spec);
    if (auto* ff = std::get_if<FloatFormat>(&f))
        return *ff;
    throw FormatError("'" + std::string(spec) + "' is a fixed-point/integer format, a floating-point format is needed");
}

int totalBits(const NumberFormat& format)
{
    return std::visit([](const auto& f) { return f.totalBits(); }, format);
}

std::string formatName(const NumberFormat& format)
{
    return std::visit([](const auto& f) { return f.name(); }, format);
}

std::uint64_t parseBits(std::string_view text, int totalBits)
{
    std::string clean;
    for (char c : text)
        if (c != ' ' && c != '_' && c != '\t')
            clean.push_back(c);
    if (clean.empty())
        throw ArgumentError("empty bit string");
    if (clean.size() > 2 && clean[0] == '0' && (clean[1] == 'x' || clean[1] == 'X')) {
        std::uint64_t v = 0;
        bool tooBig = false;
        for (std::size_t i = 2; i < clean.size(); ++i) {
            const char c = char(std::tolower(static_cast<unsigned char>(clean[i])));
            int digit = -1;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            if (digit < 0)
                throw ArgumentError("hex bit string '" + std::string(text) + "' contains '" + std::string(1, clean[i]) +
                                    "'");
            if (v >> 60)
                tooBig = true;
            v = (v << 4) | std::uint64_t(digit);
        }
        if (tooBig || (totalBits < 64 && (v >> totalBits) != 0))
            throw ArgumentError("hex bit string '" + std::string(text) + "' does not fit in " +
                                std::to_string(totalBits) + " bits");
        return v;
    }
    for (char c : clean)
        if (c != '0' && c != '1')
            throw ArgumentError("bit string '" + std::string(text) + "' contains '" + std::string(1, c) +
                                "' (expected 0/1 digits, spaces, '_', or 0x hex)");
    if (int(clean.size()) != totalBits)
        throw ArgumentError("bit string '" + std::string(text) + "' has " + std::to_string(clean.size()) +
                            " bits, the format has " + std::to_string(totalBits));
    std::uint64_t v = 0;
    for (char c : clean)
        v = (v << 1) | std::uint64_t(c - '0');
    return v;
}

} // namespace qs
