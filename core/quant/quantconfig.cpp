#include "quant/quantconfig.h"

#include "formats/error.h"
#include "formats/numberformat.h"
#include "formats/spectext.h"
#include "quant/ggmlquant.h"
#include "quant/ggmltypes.h"

#include <QJsonArray>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace qs {

namespace {

int parseInt(std::string_view digits, const std::string& what)
{
    int v = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size())
        throw ArgumentError(what + " '" + std::string(digits) + "' is not an integer");
    return v;
}

double parseReal(const std::string& text, const std::string& what)
{
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v))
        throw ArgumentError(what + " '" + text + "' is not a finite number");
    return v;
}

struct MxName
{
    const char* spec;
    const char* element;
};
constexpr MxName kMxNames[] = {{"mxfp8-e4m3", "fp8-e4m3"}, {"mxfp8-e5m2", "fp8-e5m2"}, {"mxfp6-e3m2", "fp6-e3m2"},
                               {"mxfp6-e2m3", "fp6-e2m3"}, {"mxfp4", "fp4-e2m1"},      {"mxfp4-e2m1", "fp4-e2m1"},
                               {"mxint8", "int8"}};

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
        g.axis = parseInt(std::string_view(t).substr(8), "channel axis");
    } else if (t.rfind("block:", 0) == 0) {
        g.kind = Kind::Block;
        g.blockSize = parseInt(std::string_view(t).substr(6), "block size");
        if (g.blockSize < 1)
            throw ArgumentError("block size must be at least 1");
    } else {
        throw ArgumentError("unknown granularity '" + std::string(text) + "' (tensor, channel[:AXIS], block:SIZE)");
    }
    return g;
}

std::string Granularity::toString() const
{
    switch (kind) {
    case Kind::Tensor: return "tensor";
    case Kind::Channel: return "channel:" + std::to_string(axis);
    case Kind::Block: return "block:" + std::to_string(blockSize);
    }
    return "tensor";
}

const std::vector<double>& nf4Levels()
{
    // bitsandbytes' NF4 code (design.md §4): quantiles of N(0, 1) normalised to [-1, 1], with an exact 0.
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
    if (t.rfind("int", 0) == 0 && intSuffix(std::string_view(t).substr(3))) {
        c.kind = QuantizerKind::Uniform;
        c.bits = parseInt(std::string_view(t).substr(3), "bits");
        c.isSigned = true;
    } else if (t.rfind("uint", 0) == 0 && intSuffix(std::string_view(t).substr(4))) {
        c.kind = QuantizerKind::Uniform;
        c.bits = parseInt(std::string_view(t).substr(4), "bits");
        c.isSigned = false;
    } else if (t.rfind("mx", 0) == 0) {
        const auto it =
            std::find_if(std::begin(kMxNames), std::end(kMxNames), [&](const MxName& m) { return t == m.spec; });
        if (it == std::end(kMxNames))
            throw ArgumentError("unknown MX format '" + std::string(spec) +
                                "' (mxfp8-e4m3, mxfp8-e5m2, mxfp6-e3m2, mxfp6-e2m3, mxfp4, mxint8)");
        c.kind = QuantizerKind::Mx;
        c.format = it->element;
        c.bits = c.format == "int8" ? 8 : totalBits(parseFormat(c.format));
        blockDefault(32);
    } else if (t == "nf4") {
        c.kind = QuantizerKind::Nf4;
        c.bits = 4;
        blockDefault(64);
    } else if (const auto ggmlKind = ggmlKindOf(t)) {
        // llama.cpp's formats by ggml's type names, in any case (q4_K, Q4_K, iq4_nl).
        c.kind = *ggmlKind;
        const auto [lo, hi] = ggml::codeRange(ggmlTypeOf(c.kind));
        c.bits = int(std::lround(std::log2(double(hi - lo + 1))));
        blockDefault(ggml::typeInfo(ggmlTypeOf(c.kind))->blockSize);
    } else if (t == "log2" || t.rfind("log2:", 0) == 0) {
        c.kind = QuantizerKind::Log2;
        c.bits = t == "log2" ? 4 : parseInt(std::string_view(t).substr(5), "log2 bits");
    } else if (t == "kmeans" || t.rfind("kmeans:", 0) == 0) {
        c.kind = QuantizerKind::KMeans;
        c.bits = t == "kmeans" ? 4 : parseInt(std::string_view(t).substr(7), "kmeans bits");
    } else if (t.rfind("codebook:", 0) == 0) {
        c.kind = QuantizerKind::Codebook;
        std::string list = t.substr(9);
        std::replace(list.begin(), list.end(), ';', ',');
        std::size_t pos = 0;
        while (pos <= list.size()) {
            const std::size_t comma = std::min(list.find(',', pos), list.size());
            c.codebook.push_back(parseReal(list.substr(pos, comma - pos), "codebook level"));
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
    switch (kind) {
    case QuantizerKind::Uniform: return (isSigned ? "int" : "uint") + std::to_string(bits);
    case QuantizerKind::Float: return format;
    case QuantizerKind::Mx:
        for (const MxName& m : kMxNames)
            if (format == m.element)
                return m.spec;
        return "mx:" + format;
    case QuantizerKind::Codebook: {
        std::string s = "codebook:";
        for (std::size_t i = 0; i < codebook.size(); ++i)
            s += (i ? "," : "") + formatNumber(codebook[i]);
        return s;
    }
    case QuantizerKind::Nf4: return "nf4";
    case QuantizerKind::Log2: return "log2:" + std::to_string(bits);
    case QuantizerKind::KMeans: return "kmeans:" + std::to_string(bits);
    default: break;
    }
    if (isGgmlKind(kind))
        return ggmlSpec(kind);
    return "int8";
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
    if (histogramBins < 1 || histogramBins > 65536)
        throw ArgumentError("histogram bins " + std::to_string(histogramBins) + " outside 1-65536");
    if (outliers != OutlierMode::Off && !(outlierThreshold > 0 && std::isfinite(outlierThreshold)))
        throw ArgumentError("outlier threshold must be a positive finite number");
}

std::string toString(QuantizerKind kind)
{
    switch (kind) {
    case QuantizerKind::Uniform: return "uniform";
    case QuantizerKind::Float: return "float";
    case QuantizerKind::Mx: return "mx";
    case QuantizerKind::Codebook: return "codebook";
    case QuantizerKind::Nf4: return "nf4";
    case QuantizerKind::Log2: return "log2";
    case QuantizerKind::KMeans: return "kmeans";
    default: break;
    }
    if (isGgmlKind(kind))
        return ggmlSpec(kind);
    return "uniform";
}

std::string toString(QuantScheme s)
{
    return s == QuantScheme::Symmetric ? "symmetric" : "asymmetric";
}
std::string toString(QuantRange r)
{
    return r == QuantRange::Full ? "full" : "narrow";
}
std::string toString(QuantConvention c)
{
    return c == QuantConvention::Textbook ? "textbook" : (c == QuantConvention::PyTorch ? "pytorch" : "nvidia");
}
std::string toString(OutlierMode m)
{
    return m == OutlierMode::Off ? "off" : (m == OutlierMode::Elements ? "elements" : "columns");
}

QuantScheme parseScheme(std::string_view text)
{
    const std::string t = foldSpecText(text);
    if (t == "symmetric" || t == "sym")
        return QuantScheme::Symmetric;
    if (t == "asymmetric" || t == "asym" || t == "affine")
        return QuantScheme::Asymmetric;
    throw ArgumentError("unknown scheme '" + std::string(text) + "' (symmetric, asymmetric)");
}

QuantRange parseRange(std::string_view text)
{
    const std::string t = foldSpecText(text);
    if (t == "full")
        return QuantRange::Full;
    if (t == "narrow")
        return QuantRange::Narrow;
    throw ArgumentError("unknown range '" + std::string(text) + "' (full, narrow)");
}

QuantConvention parseConvention(std::string_view text)
{
    const std::string t = foldSpecText(text);
    if (t == "textbook")
        return QuantConvention::Textbook;
    if (t == "pytorch" || t == "torch")
        return QuantConvention::PyTorch;
    if (t == "nvidia")
        return QuantConvention::Nvidia;
    throw ArgumentError("unknown convention '" + std::string(text) + "' (textbook, pytorch, nvidia)");
}

OutlierMode parseOutlierMode(std::string_view text)
{
    const std::string t = foldSpecText(text);
    if (t == "off" || t == "none")
        return OutlierMode::Off;
    if (t == "elements" || t == "element")
        return OutlierMode::Elements;
    if (t == "columns" || t == "column")
        return OutlierMode::Columns;
    throw ArgumentError("unknown outlier mode '" + std::string(text) + "' (off, elements, columns)");
}

QJsonObject QuantConfig::toJson() const
{
    QJsonObject o;
    o["version"] = 1;
    o["quantizer"] = QString::fromStdString(quantizerSpec());
    o["scheme"] = QString::fromStdString(toString(scheme));
    o["range"] = QString::fromStdString(toString(range));
    o["convention"] = QString::fromStdString(toString(convention));
    o["granularity"] = QString::fromStdString(granularity.toString());
    o["rounding"] = QString::fromStdString(rounding.name());
    o["calibration"] = QString::fromStdString(calibration.toString());
    o["format_scaled"] = formatScaled;
    QJsonObject out;
    out["mode"] = QString::fromStdString(toString(outliers));
    out["threshold"] = outlierThreshold;
    o["outliers"] = out;
    o["kmeans_iterations"] = kmeansIterations;
    o["histogram_bins"] = histogramBins;
    return o;
}

QuantConfig QuantConfig::fromJson(const QJsonObject& o)
{
    auto str = [&](const char* key) -> std::optional<std::string> {
        if (!o.contains(key))
            return std::nullopt;
        if (!o.value(key).isString())
            throw ArgumentError(std::string("quant config: '") + key + "' must be a string");
        return o.value(key).toString().toStdString();
    };
    auto integer = [&](const QJsonObject& obj, const char* key) -> std::optional<int> {
        if (!obj.contains(key))
            return std::nullopt;
        const QJsonValue v = obj.value(key);
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()) || std::fabs(v.toDouble()) > 1e9)
            throw ArgumentError(std::string("quant config: '") + key + "' must be an integer");
        return int(v.toDouble());
    };
    QuantConfig c;
    if (auto v = integer(o, "version"); v && *v != 1)
        throw ArgumentError("quant config version " + std::to_string(*v) + " is not supported (1)");
    if (auto v = str("quantizer"))
        c.setQuantizer(*v);
    if (auto v = str("scheme"))
        c.scheme = parseScheme(*v);
    if (auto v = str("range"))
        c.range = parseRange(*v);
    if (auto v = str("convention"))
        c.convention = parseConvention(*v);
    if (auto v = str("granularity"))
        c.granularity = Granularity::parse(*v);
    if (auto v = str("rounding"))
        c.rounding = Rounding::parse(*v);
    if (auto v = str("calibration"))
        c.calibration = CalibrationSpec::parse(*v);
    if (o.contains("format_scaled")) {
        if (!o.value("format_scaled").isBool())
            throw ArgumentError("quant config: 'format_scaled' must be true or false");
        c.formatScaled = o.value("format_scaled").toBool();
    }
    if (o.contains("outliers")) {
        if (!o.value("outliers").isObject())
            throw ArgumentError("quant config: 'outliers' must be an object {mode, threshold}");
        const QJsonObject out = o.value("outliers").toObject();
        if (out.contains("mode")) {
            if (!out.value("mode").isString())
                throw ArgumentError("quant config: 'outliers.mode' must be a string");
            c.outliers = parseOutlierMode(out.value("mode").toString().toStdString());
        }
        if (out.contains("threshold")) {
            if (!out.value("threshold").isDouble())
                throw ArgumentError("quant config: 'outliers.threshold' must be a number");
            c.outlierThreshold = out.value("threshold").toDouble();
        }
    }
    if (auto v = integer(o, "kmeans_iterations"))
        c.kmeansIterations = *v;
    if (auto v = integer(o, "histogram_bins"))
        c.histogramBins = *v;
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
    s += ", " + granularity.toString() + ", " + rounding.name();
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
    return s;
}

} // namespace qs
