#include "quant/quantconfig.h"

#include "formats/error.h"
#include "formats/numberformat.h"
#include "formats/spectext.h"
#include "options/specreader.h"
#include "quant/ggmlquant.h"
#include "quant/ggmltypes.h"
#include "quant/pipeline.h"
#include "quant/quantoptions.h"

#include <QJsonArray>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace qs {

namespace {

// The integer after "int", "log2:", "channel:" ...: checked by the one reader
// (core/options/specreader.h), so "int1e99" or "channel:1.5" name the text
// instead of wrapping around.
int readInt(std::string_view text, const std::string& what, std::int64_t lo, std::int64_t hi)
{
    return int(SpecReader(what).integer(text, lo, hi));
}

// Quantizers with a fixed name. setQuantizer() reads this table, quantizerSpec()
// writes from it and quantizerChoices() lists it (help, man page, completion, GUI):
// a new named quantizer is one row here (plus its QuantizerKind and kernel).
// llama.cpp's formats are named by ggml's own type table instead (ggmlKindOf).
struct NamedQuantizer
{
    const char* spec;
    QuantizerKind kind;
    int bits;
    std::int64_t block;  // the kind's default block size (0: per tensor)
    const char* element; // Mx: the element format
    const char* help;
    bool alias; // accepted, but not listed (and not written back)
};
constexpr NamedQuantizer kNamedQuantizers[] = {
    {"mxfp8-e4m3", QuantizerKind::Mx, 8, 32, "fp8-e4m3", "OCP MX: FP8 E4M3 elements, E8M0 scale per 32", false},
    {"mxfp8-e5m2", QuantizerKind::Mx, 8, 32, "fp8-e5m2", "OCP MX: FP8 E5M2 elements, E8M0 scale per 32", false},
    {"mxfp6-e3m2", QuantizerKind::Mx, 6, 32, "fp6-e3m2", "OCP MX: FP6 E3M2 elements, E8M0 scale per 32", false},
    {"mxfp6-e2m3", QuantizerKind::Mx, 6, 32, "fp6-e2m3", "OCP MX: FP6 E2M3 elements, E8M0 scale per 32", false},
    {"mxfp4", QuantizerKind::Mx, 4, 32, "fp4-e2m1", "OCP MX: FP4 E2M1 elements, E8M0 scale per 32", false},
    {"mxfp4-e2m1", QuantizerKind::Mx, 4, 32, "fp4-e2m1", "", true},
    {"mxint8", QuantizerKind::Mx, 8, 32, "int8", "OCP MX: int8 elements, E8M0 scale per 32", false},
    {"nf4", QuantizerKind::Nf4, 4, 64, "", "bitsandbytes NormalFloat4 levels, absmax scale per 64", false},
};

std::string formatNumber(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    // Shortest text that reads back to the same double.
    for (int p = 1; p <= 17; ++p) {
        char shortBuf[64];
        std::snprintf(shortBuf, sizeof shortBuf, "%.*g", p, v);
        if (std::strtod(shortBuf, nullptr) == v)
            return shortBuf;
    }
    return buf;
}

} // namespace

Granularity Granularity::parse(std::string_view text)
{
    const std::string t = foldSpecText(text);
    Granularity g;
    if (t == "tensor" || t == "per-tensor") {
        g.kind = Kind::Tensor;
    } else if (t == "channel" || t == "per-channel") {
        g.kind = Kind::Channel;
        g.axis = 0;
    } else if (t.rfind("channel:", 0) == 0) {
        g.kind = Kind::Channel;
        g.axis = readInt(std::string_view(t).substr(8), "channel axis", INT32_MIN, INT32_MAX);
    } else if (t.rfind("block:", 0) == 0) {
        g.kind = Kind::Block;
        const std::string_view rest = std::string_view(t).substr(6);
        const std::size_t at = rest.find('@');
        g.blockSize = readInt(rest.substr(0, at), "block size", 1, INT32_MAX);
        if (at != std::string_view::npos) {
            const std::string_view where = rest.substr(at + 1);
            if (where == "rows")
                g.blockAxis = BlockAxis::Rows;
            else if (where == "flat")
                g.blockAxis = BlockAxis::Flat;
            else {
                g.blockAxis = BlockAxis::Axis;
                g.axis = readInt(where, "block axis", INT32_MIN, INT32_MAX);
            }
        }
    } else {
        throw ArgumentError("unknown granularity '" + std::string(text) +
                            "' (tensor, channel[:AXIS], block:SIZE[@AXIS|@rows|@flat])");
    }
    return g;
}

std::string Granularity::toString() const
{
    switch (kind) {
    case Kind::Tensor: return "tensor";
    case Kind::Channel: return "channel:" + std::to_string(axis);
    case Kind::Block:
        switch (blockAxis) {
        case BlockAxis::Rows: return "block:" + std::to_string(blockSize);
        case BlockAxis::Axis: return "block:" + std::to_string(blockSize) + "@" + std::to_string(axis);
        case BlockAxis::Flat: return "block:" + std::to_string(blockSize) + "@flat";
        }
    }
    return "tensor";
}

const std::vector<double>& nf4Levels()
{
    // bitsandbytes' NF4 code (docs/course.md "Toolkit conventions"): quantiles of N(0, 1) normalised to [-1, 1], with an exact 0.
    static const std::vector<double> levels = {-1.0,
                                               -0.6961928009986877,
                                               -0.5250730514526367,
                                               -0.39491748809814453,
                                               -0.28444138169288635,
                                               -0.18477343022823334,
                                               -0.09105003625154495,
                                               0.0,
                                               0.07958029955625534,
                                               0.16093020141124725,
                                               0.24611230194568634,
                                               0.33791524171829224,
                                               0.44070982933044434,
                                               0.5626170039176941,
                                               0.7229568362236023,
                                               1.0};
    return levels;
}

void QuantConfig::setQuantizer(std::string_view spec)
{
    const std::string t = foldSpecText(spec);
    if (t.empty())
        throw ArgumentError("empty quantizer spec");
    QuantConfig c = *this;
    c.format.clear();
    c.codebook.clear();
    auto blockDefault = [&](std::int64_t size) {
        c.granularity.kind = Granularity::Kind::Block;
        c.granularity.blockSize = size;
    };
    auto intSuffix = [&](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return std::isdigit((unsigned char)ch); });
    };
    // Bits are read in a wide range here; validate() names the kind's own range ("outside 1-16").
    constexpr std::int64_t kBitsLimit = 1 << 20;
    const auto named = std::find_if(std::begin(kNamedQuantizers), std::end(kNamedQuantizers),
                                    [&](const NamedQuantizer& q) { return t == q.spec; });
    if (named != std::end(kNamedQuantizers)) {
        c.kind = named->kind;
        c.bits = named->bits;
        c.format = named->element;
        if (named->block > 0)
            blockDefault(named->block);
    } else if (t.rfind("int", 0) == 0 && intSuffix(std::string_view(t).substr(3))) {
        c.kind = QuantizerKind::Uniform;
        c.bits = readInt(std::string_view(t).substr(3), "integer quantizer bits", 0, kBitsLimit);
        c.isSigned = true;
    } else if (t.rfind("uint", 0) == 0 && intSuffix(std::string_view(t).substr(4))) {
        c.kind = QuantizerKind::Uniform;
        c.bits = readInt(std::string_view(t).substr(4), "integer quantizer bits", 0, kBitsLimit);
        c.isSigned = false;
    } else if (t.rfind("mx", 0) == 0) {
        std::vector<std::string> names;
        for (const NamedQuantizer& q : kNamedQuantizers)
            if (q.kind == QuantizerKind::Mx && !q.alias)
                names.push_back(q.spec);
        throw ArgumentError("unknown MX format '" + std::string(spec) + "' (" + joinWords(names, ", ") + ")");
    } else if (const auto ggmlKind = ggmlKindOf(t)) {
        // llama.cpp's formats by ggml's type names, in any case (q4_K, Q4_K, iq4_nl).
        c.kind = *ggmlKind;
        const auto [lo, hi] = ggml::codeRange(ggmlTypeOf(c.kind));
        c.bits = int(std::lround(std::log2(double(hi - lo + 1))));
        blockDefault(ggml::typeInfo(ggmlTypeOf(c.kind))->blockSize);
    } else if (t == "log2" || t.rfind("log2:", 0) == 0) {
        c.kind = QuantizerKind::Log2;
        c.bits = t == "log2" ? 4 : readInt(std::string_view(t).substr(5), "log2 bits", 0, kBitsLimit);
    } else if (t == "kmeans" || t.rfind("kmeans:", 0) == 0) {
        c.kind = QuantizerKind::KMeans;
        c.bits = t == "kmeans" ? 4 : readInt(std::string_view(t).substr(7), "kmeans bits", 0, kBitsLimit);
    } else if (t.rfind("codebook:", 0) == 0) {
        c.kind = QuantizerKind::Codebook;
        std::string list = t.substr(9);
        std::replace(list.begin(), list.end(), ';', ',');
        const SpecReader level("codebook level");
        std::size_t pos = 0;
        while (pos <= list.size()) {
            const std::size_t comma = std::min(list.find(',', pos), list.size());
            c.codebook.push_back(level.number(list.substr(pos, comma - pos), NumberRange::finite()));
            pos = comma + 1;
        }
        std::sort(c.codebook.begin(), c.codebook.end());
        c.codebook.erase(std::unique(c.codebook.begin(), c.codebook.end()), c.codebook.end());
        c.bits = int(std::ceil(std::log2(std::max<std::size_t>(2, c.codebook.size()))));
    } else {
        const NumberFormat f = parseFormat(t); // throws FormatError for an unknown spec
        if (!std::holds_alternative<FloatFormat>(f))
            throw ArgumentError("'" + std::string(spec) +
                                "' is a fixed-point format; quantize to integers with intN/uintN");
        c.kind = QuantizerKind::Float;
        c.format = t;
        c.bits = totalBits(f);
    }
    *this = c;
}

std::string QuantConfig::quantizerSpec() const
{
    for (const NamedQuantizer& q : kNamedQuantizers)
        if (!q.alias && q.kind == kind && (kind != QuantizerKind::Mx || format == q.element))
            return q.spec;
    switch (kind) {
    case QuantizerKind::Uniform: return (isSigned ? "int" : "uint") + std::to_string(bits);
    case QuantizerKind::Float: return format;
    case QuantizerKind::Mx: return "mx:" + format;
    case QuantizerKind::Codebook: {
        std::string s = "codebook:";
        for (std::size_t i = 0; i < codebook.size(); ++i) {
            if (i > 0)
                s += ',';
            s += formatNumber(codebook[i]);
        }
        return s;
    }
    case QuantizerKind::Log2: return "log2:" + std::to_string(bits);
    case QuantizerKind::KMeans: return "kmeans:" + std::to_string(bits);
    default: break;
    }
    if (isGgmlKind(kind))
        return ggmlSpec(kind);
    return "int8";
}

std::vector<OptionChoice> quantizerChoices()
{
    std::vector<OptionChoice> out;
    auto add = [&](std::string value, std::string help) {
        OptionChoice c;
        c.value = std::move(value);
        c.help = std::move(help);
        out.push_back(std::move(c));
    };
    add("int8", "signed 8-bit integer grid (intN: N = 1..16)");
    add("uint8", "unsigned 8-bit integer grid (uintN: N = 1..16)");
    add("int4", "signed 4-bit integer grid");
    add("uint4", "unsigned 4-bit integer grid");
    add("int16", "signed 16-bit integer grid");
    for (const FloatFormat& f : presetFloatFormats())
        add(f.name(), "cast to the " + f.name() + " float format (any eXmY spec works)");
    for (const NamedQuantizer& q : kNamedQuantizers)
        if (!q.alias)
            add(q.spec, q.help);
    // llama.cpp's block formats, from the ggml kinds (quant/ggmlquant.h).
    for (int k = int(QuantizerKind::Q8_0); k <= int(QuantizerKind::Q6_K); ++k) {
        const auto kind = QuantizerKind(k);
        const int block = ggml::typeInfo(ggmlTypeOf(kind))->blockSize;
        add(ggmlSpec(kind), std::string("llama.cpp ") + ggmlSpec(kind) + ": " +
                                (block == ggml::kSuperBlock ? "super-blocks of " : "blocks of ") +
                                std::to_string(block) + ", bit-exact with llama.cpp");
    }
    add("log2:4", "0 and +-2^-k levels (log2:BITS, BITS = 2..8)");
    add("kmeans:4", "2^BITS levels fitted to the data by k-means (kmeans:BITS, BITS = 1..8)");
    add("codebook:", "your own levels, scaled per group (codebook:V1,V2,...)");
    for (auto& c : out)
        c.label = c.value;
    return out;
}

void QuantConfig::validate() const
{
    const bool blockFormat = kind == QuantizerKind::Mx || isGgmlKind(kind);
    switch (kind) {
    case QuantizerKind::Uniform:
        if (bits < 1 || bits > 16)
            throw ArgumentError("integer quantizer bits " + std::to_string(bits) + " outside 1-16");
        if (!isSigned && range == QuantRange::Narrow)
            throw ArgumentError("narrow range drops the most negative code of a signed grid; use it with intN");
        if (convention == QuantConvention::Nvidia && scheme == QuantScheme::Asymmetric)
            throw ArgumentError("the nvidia convention is symmetric (amax-based); use --scheme symmetric");
        break;
    case QuantizerKind::Log2:
        if (bits < 2 || bits > 8)
            throw ArgumentError("log2 quantizer bits " + std::to_string(bits) + " outside 2-8");
        break;
    case QuantizerKind::KMeans:
        if (bits < 1 || bits > 8)
            throw ArgumentError("k-means quantizer bits " + std::to_string(bits) + " outside 1-8");
        if (kmeansIterations < 1 || kmeansIterations > 10000)
            throw ArgumentError("k-means iterations must lie in 1-10000");
        break;
    case QuantizerKind::Codebook:
        if (codebook.empty())
            throw ArgumentError("a codebook needs at least one level");
        if (codebook.size() > 65536)
            throw ArgumentError("a codebook holds at most 65536 levels");
        if (!std::is_sorted(codebook.begin(), codebook.end()) ||
            std::adjacent_find(codebook.begin(), codebook.end()) != codebook.end())
            throw ArgumentError("codebook levels must be sorted and distinct");
        if (std::all_of(codebook.begin(), codebook.end(), [](double v) { return v == 0; }))
            throw ArgumentError("a codebook needs a nonzero level to scale to");
        break;
    case QuantizerKind::Float:
        if (format.empty())
            throw ArgumentError("float quantizer without a format spec");
        (void)parseFloatFormat(format);
        break;
    case QuantizerKind::Mx:
        if (format != "int8")
            (void)parseFloatFormat(format);
        break;
    default: break;
    }
    if (blockFormat && granularity.kind != Granularity::Kind::Block)
        throw ArgumentError(quantizerSpec() + " is a block format: use --granularity block:32");
    if (isGgmlKind(kind) && granularity.blockSize != ggml::typeInfo(ggmlTypeOf(kind))->blockSize)
        throw ArgumentError("llama.cpp " + quantizerSpec() + " uses blocks of " +
                            std::to_string(ggml::typeInfo(ggmlTypeOf(kind))->blockSize));
    if (granularity.kind == Granularity::Kind::Block && granularity.blockSize < 1)
        throw ArgumentError("block size must be at least 1");
    const bool ggml = isGgmlKind(kind);
    if (ggml && granularity.blockAxis != Granularity::BlockAxis::Rows)
        throw ArgumentError("llama.cpp " + quantizerSpec() +
                            " blocks the rows of the weight's 2-D view (no @AXIS, @flat)");
    if (convention == QuantConvention::Bitsandbytes && kind != QuantizerKind::Nf4)
        throw ArgumentError("the bitsandbytes convention is NF4's: use --quantizer nf4");
    if (doubleQuant && (kind != QuantizerKind::Nf4 || granularity.kind != Granularity::Kind::Block))
        throw ArgumentError("double quantization compresses NF4's block absmax values: use --quantizer nf4");
    if (doubleQuant && granularity.blockAxis == Granularity::BlockAxis::Axis)
        throw ArgumentError("double quantization keeps bitsandbytes' block order: use blocks along rows or @flat");
    if (padBlocks && !ggml)
        throw ArgumentError("--pad-blocks is for llama.cpp formats; other block quantizers count partial blocks");
    if (mxScaleRule != MxScaleRule::Floor && kind != QuantizerKind::Mx)
        throw ArgumentError("--mx-scale applies to MX formats");
    if (scaleFormat != ScaleFormat::Auto) {
        if (kind == QuantizerKind::Mx && scaleFormat != ScaleFormat::E8M0)
            throw ArgumentError("MX block scales are E8M0 by definition (--scale-format e8m0 or auto)");
        if (ggml && scaleFormat != ScaleFormat::Fp16)
            throw ArgumentError("llama.cpp " + quantizerSpec() + " stores fp16 scales (--scale-format fp16 or auto)");
        if (kind == QuantizerKind::KMeans || (kind == QuantizerKind::Float && !formatScaled))
            throw ArgumentError(quantizerSpec() + " without a group scale has no scale to store; --scale-format "
                                                  "applies to scaled quantizers");
        if (doubleQuant)
            throw ArgumentError("double quantization stores the absmax values as 8-bit codes: leave --scale-format "
                                "at auto");
    }
    if (histogramBins < 1 || histogramBins > 65536)
        throw ArgumentError("histogram bins " + std::to_string(histogramBins) + " outside 1-65536");
    if (outliers != OutlierMode::Off && !(outlierThreshold > 0 && std::isfinite(outlierThreshold)))
        throw ArgumentError("outlier threshold must be a positive finite number");
}

QJsonObject QuantConfig::toJson() const
{
    QJsonObject o;
    o["version"] = 1;
    for (const QuantOption& opt : quantOptions())
        if (!opt.jsonKey.empty())
            o[QString::fromStdString(opt.jsonKey)] = opt.toJson(*this);
    return o;
}

QuantConfig QuantConfig::fromJson(const QJsonObject& o)
{
    QuantConfig c;
    applyQuantJson(c, o);
    c.validate();
    return c;
}

std::string QuantConfig::summary() const
{
    std::string s = quantizerSpec();
    if (kind == QuantizerKind::Uniform)
        s += " " + toString(scheme) + " " + toString(range) + " (" + toString(convention) + ")";
    if (kind == QuantizerKind::Float && formatScaled)
        s += " scaled";
    s += ", " + granularity.toString() + ", ";
    // llama.cpp formats have their own rounding (--rounding does not apply): name it.
    s += isGgmlKind(kind) ? ggmlRoundingText(kind)
                          : (convention == QuantConvention::Bitsandbytes && kind == QuantizerKind::Nf4
                                 ? std::string("bitsandbytes thresholds")
                                 : rounding.name());
    if (kind != QuantizerKind::Mx && !isGgmlKind(kind) && kind != QuantizerKind::KMeans) {
        if (calibration.method == CalibrationMethod::Manual) {
            // A dragged clip line is any double: the round-trip spelling
            // (-0.0817852641968374) pushed the rest of a figure caption out.
            char buf[96];
            std::snprintf(buf, sizeof buf, ", calibration manual [%.4g, %.4g]", calibration.manualMin,
                          calibration.manualMax);
            s += buf;
        } else {
            s += ", calibration " + calibration.toString();
        }
    }
    if (outliers != OutlierMode::Off)
        s += ", outliers " + toString(outliers) + " |x| >= " + formatNumber(outlierThreshold);
    if (scaleFormat != ScaleFormat::Auto)
        s += ", " + toString(scaleFormat) + " scales";
    if (kind == QuantizerKind::Mx && mxScaleRule != MxScaleRule::Floor)
        s += ", scale rule " + toString(mxScaleRule);
    if (doubleQuant)
        s += ", double quant";
    if (padBlocks)
        s += ", padded blocks";
    return s;
}

} // namespace qs
