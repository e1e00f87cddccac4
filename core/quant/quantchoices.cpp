// The words of QuantConfig's enumerations: their names (toString), the
// choice lists the options table, --help and the GUI's combo boxes show, and
// the parsers that read them back (split from quantconfig.cpp, which keeps the
// quantizer specs, validation, JSON and the summary).
#include "quant/quantconfig.h"

#include "formats/error.h"
#include "quant/ggmlquant.h"

#include <string>
#include <string_view>
#include <vector>

namespace qs {

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
    switch (c) {
    case QuantConvention::Textbook: return "textbook";
    case QuantConvention::PyTorch: return "pytorch";
    case QuantConvention::Nvidia: return "nvidia";
    case QuantConvention::Bitsandbytes: return "bitsandbytes";
    }
    return "textbook";
}

std::string toString(ScaleFormat f)
{
    switch (f) {
    case ScaleFormat::Auto: return "auto";
    case ScaleFormat::Fp32: return "fp32";
    case ScaleFormat::Fp16: return "fp16";
    case ScaleFormat::Bf16: return "bf16";
    case ScaleFormat::E8M0: return "e8m0";
    }
    return "auto";
}

std::string toString(MxScaleRule r)
{
    switch (r) {
    case MxScaleRule::Floor: return "floor";
    case MxScaleRule::Ceil: return "ceil";
    case MxScaleRule::Even: return "even";
    case MxScaleRule::RCeil: return "rceil";
    }
    return "floor";
}

std::string toString(OutlierMode m)
{
    return m == OutlierMode::Off ? "off" : (m == OutlierMode::Elements ? "elements" : "columns");
}

namespace {

const OptionChoice* findIn(const std::vector<OptionChoice>& choices, std::string_view text)
{
    OptionDef def;
    def.choices = choices;
    const OptionChoice* c = findChoice(def, text);
    return c ? &choices[std::size_t(c - def.choices.data())] : nullptr;
}

template <class Enum>
Enum parseChoice(const std::vector<OptionChoice>& choices, std::string_view text, const char* what)
{
    if (const OptionChoice* c = findIn(choices, text))
        return static_cast<Enum>(c->id);
    std::vector<std::string> words;
    for (const auto& c : choices)
        words.push_back(c.value);
    throw ArgumentError("unknown " + std::string(what) + " '" + std::string(text) + "' (" + joinWords(words, ", ") +
                        ")");
}

} // namespace

const std::vector<OptionChoice>& schemeChoices()
{
    static const std::vector<OptionChoice> c = {
        {"symmetric",
         "Symmetric",
         "zero point 0: the grid is centred on 0, scale from max |x|",
         int(QuantScheme::Symmetric),
         {"sym"}},
        {"asymmetric",
         "Asymmetric",
         "a zero point shifts the grid onto [min, max]",
         int(QuantScheme::Asymmetric),
         {"asym", "affine"}},
    };
    return c;
}

const std::vector<OptionChoice>& rangeChoices()
{
    static const std::vector<OptionChoice> c = {
        {"full", "Full", "every code of the grid: [-128, 127] for int8", int(QuantRange::Full), {}},
        {"narrow", "Narrow", "drop the most negative code of a signed grid: [-127, 127]", int(QuantRange::Narrow), {}},
    };
    return c;
}

const std::vector<OptionChoice>& conventionChoices()
{
    static const std::vector<OptionChoice> c = {
        {"textbook", "Textbook", "the course's formulas", int(QuantConvention::Textbook), {}},
        {"pytorch",
         "PyTorch",
         "torch.ao.quantization observers (zero point of [min, 0]-[0, max])",
         int(QuantConvention::PyTorch),
         {"torch"}},
        {"nvidia", "NVIDIA", "TensorRT: symmetric, scale = amax / 127", int(QuantConvention::Nvidia), {}},
        {"bitsandbytes",
         "bitsandbytes",
         "bitsandbytes: absmax scales, NF4/FP4 blocks, optional double quantization",
         int(QuantConvention::Bitsandbytes),
         {"bnb"}},
    };
    return c;
}

const std::vector<OptionChoice>& outlierModeChoices()
{
    static const std::vector<OptionChoice> c = {
        {"off", "Off", "every value is quantized", int(OutlierMode::Off), {"none"}},
        {"elements",
         "Elements",
         "values with |x| >= T stay in full precision",
         int(OutlierMode::Elements),
         {"element"}},
        {"columns",
         "Columns",
         "columns holding a value with |x| >= T stay in full precision (LLM.int8())",
         int(OutlierMode::Columns),
         {"column"}},
    };
    return c;
}

QuantScheme parseScheme(std::string_view text)
{
    return parseChoice<QuantScheme>(schemeChoices(), text, "scheme");
}

QuantRange parseRange(std::string_view text)
{
    return parseChoice<QuantRange>(rangeChoices(), text, "range");
}

QuantConvention parseConvention(std::string_view text)
{
    return parseChoice<QuantConvention>(conventionChoices(), text, "convention");
}

const std::vector<OptionChoice>& scaleFormatChoices()
{
    static const std::vector<OptionChoice> c = {
        {"auto",
         "Auto",
         "the quantizer's own storage (fp32; fp16 for llama.cpp, e8m0 for MX)",
         int(ScaleFormat::Auto),
         {}},
        {"fp32", "FP32", "32-bit float scales", int(ScaleFormat::Fp32), {}},
        {"fp16", "FP16", "scales rounded to fp16 before use", int(ScaleFormat::Fp16), {}},
        {"bf16", "BF16", "scales rounded to bf16 before use", int(ScaleFormat::Bf16), {}},
        {"e8m0", "E8M0", "power-of-two scales (8-bit exponent, OCP MX)", int(ScaleFormat::E8M0), {}},
    };
    return c;
}

const std::vector<OptionChoice>& mxScaleRuleChoices()
{
    static const std::vector<OptionChoice> c = {
        {"floor", "Floor", "OCP MX: 2^(floor(log2 amax) - emax of the element)", int(MxScaleRule::Floor), {}},
        {"ceil", "Ceil", "torchao CEIL: the exponent rounded up, nothing clips", int(MxScaleRule::Ceil), {}},
        {"even",
         "Even",
         "torchao EVEN: amax rounded half up to the element's mantissa width, then floor",
         int(MxScaleRule::Even),
         {}},
        {"rceil",
         "RCeil",
         "RCEIL: amax / largest element (float32) rounded up to a power of two",
         int(MxScaleRule::RCeil),
         {}},
    };
    return c;
}

ScaleFormat parseScaleFormat(std::string_view text)
{
    return parseChoice<ScaleFormat>(scaleFormatChoices(), text, "scale format");
}

MxScaleRule parseMxScaleRule(std::string_view text)
{
    return parseChoice<MxScaleRule>(mxScaleRuleChoices(), text, "MX scale rule");
}

OutlierMode parseOutlierMode(std::string_view text)
{
    return parseChoice<OutlierMode>(outlierModeChoices(), text, "outlier mode");
}

} // namespace qs
