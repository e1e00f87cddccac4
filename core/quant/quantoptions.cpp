#include "quant/quantoptions.h"

#include "formats/error.h"
#include "formats/spectext.h"

#include <QJsonArray>

#include <algorithm>

namespace qs {

namespace {

const std::string& textOf(const OptionValue& v)
{
    return std::get<std::string>(v);
}

int intOf(const OptionValue& v)
{
    return int(std::get<std::int64_t>(v)); // the table's range keeps it inside int
}

OptionChoice example(std::string value, std::string help)
{
    OptionChoice c;
    c.label = value;
    c.value = std::move(value);
    c.help = std::move(help);
    return c;
}

template <class Enum>
QuantOption choiceOption(std::string name, std::string group, std::string help,
                         const std::vector<OptionChoice>& choices, Enum QuantConfig::*field)
{
    QuantOption o;
    o.def.name = name;
    o.def.type = OptionType::Choice;
    o.def.group = std::move(group);
    o.def.valueName = "WORD";
    o.def.help = std::move(help);
    o.def.choices = choices;
    o.jsonKey = std::move(name);
    o.get = [field, choices](const QuantConfig& c) -> OptionValue {
        for (const auto& ch : choices)
            if (ch.id == int(c.*field))
                return ch.value;
        return choices.front().value;
    };
    o.set = [field, choices](QuantConfig& c, const OptionValue& v) {
        for (const auto& ch : choices)
            if (ch.value == textOf(v))
                c.*field = static_cast<Enum>(ch.id);
    };
    return o;
}

std::vector<QuantOption> buildTable()
{
    const std::string kQuantizer = "Quantizer", kGroups = "Groups and calibration", kAnalysis = "Analysis";
    std::vector<QuantOption> t;

    QuantOption q;
    q.def = makeOption("quantizer", OptionType::Spec, kQuantizer, "SPEC",
                       "what to quantize to: an integer grid, a float format, a block format or a codebook");
    q.def.choices = quantizerChoices();
    q.def.completion = "quantizer";
    q.jsonKey = "quantizer";
    q.get = [](const QuantConfig& c) -> OptionValue { return c.quantizerSpec(); };
    q.set = [](QuantConfig& c, const OptionValue& v) { c.setQuantizer(textOf(v)); };
    t.push_back(q);

    t.push_back(
        choiceOption("scheme", kQuantizer, "where the integer grid sits", schemeChoices(), &QuantConfig::scheme));
    t.push_back(choiceOption("range", kQuantizer, "which codes a signed integer grid uses", rangeChoices(),
                             &QuantConfig::range));
    t.push_back(choiceOption("convention", kQuantizer, "whose formulas for scale and zero point", conventionChoices(),
                             &QuantConfig::convention));

    QuantOption r;
    r.def = makeOption("rounding", OptionType::Spec, kQuantizer, "MODE", "how a value between two levels is rounded");
    r.def.choices = roundingChoices();
    r.def.completion = "rounding";
    r.jsonKey = "rounding";
    r.get = [](const QuantConfig& c) -> OptionValue { return c.rounding.name(); };
    r.set = [](QuantConfig& c, const OptionValue& v) { c.rounding = Rounding::parse(textOf(v)); };
    t.push_back(r);

    QuantOption s;
    s.def = makeOption("scaled", OptionType::Flag, kQuantizer, "",
                       "float formats: scale each group so its max |x| maps to the format's largest value");
    s.jsonKey = "format_scaled";
    s.get = [](const QuantConfig& c) -> OptionValue { return c.formatScaled; };
    s.set = [](QuantConfig& c, const OptionValue& v) { c.formatScaled = std::get<bool>(v); };
    t.push_back(s);

    t.push_back(choiceOption("scale-format", kQuantizer,
                             "how each scale is stored (and rounded before use); counts in bits/value",
                             scaleFormatChoices(), &QuantConfig::scaleFormat));
    t.push_back(choiceOption("mx-scale", kQuantizer, "MX formats: the rule for the shared E8M0 exponent",
                             mxScaleRuleChoices(), &QuantConfig::mxScaleRule));
    // The JSON keys keep the words the session files already use.
    t.back().jsonKey = "mx_scale";
    t[t.size() - 2].jsonKey = "scale_format";

    QuantOption dq;
    dq.def = makeOption("double-quant", OptionType::Flag, kQuantizer, "",
                        "bitsandbytes NF4: store the absmax scales as 8-bit blockwise codes (blocks of 256)");
    dq.jsonKey = "double_quant";
    dq.get = [](const QuantConfig& c) -> OptionValue { return c.doubleQuant; };
    dq.set = [](QuantConfig& c, const OptionValue& v) { c.doubleQuant = std::get<bool>(v); };
    t.push_back(dq);

    QuantOption k;
    k.def = makeOption("kmeans-iterations", OptionType::Integer, kQuantizer, "N",
                       "kmeans:BITS: at most this many Lloyd iterations");
    k.def.integers = {1, 10000};
    k.jsonKey = "kmeans_iterations";
    k.get = [](const QuantConfig& c) -> OptionValue { return std::int64_t(c.kmeansIterations); };
    k.set = [](QuantConfig& c, const OptionValue& v) { c.kmeansIterations = intOf(v); };
    t.push_back(k);

    QuantOption g;
    g.def = makeOption("granularity", OptionType::Spec, kGroups, "G",
                       "which values share a scale: the tensor, each channel along AXIS, or blocks of SIZE");
    g.def.choices = granularityChoices();
    g.def.completion = "granularity";
    g.jsonKey = "granularity";
    g.get = [](const QuantConfig& c) -> OptionValue { return c.granularity.toString(); };
    g.set = [](QuantConfig& c, const OptionValue& v) { c.granularity = Granularity::parse(textOf(v)); };
    t.push_back(g);

    QuantOption pad;
    pad.def = makeOption("pad-blocks", OptionType::Flag, kGroups, "",
                         "llama.cpp formats: zero-pad a row whose length is not a whole number of blocks");
    pad.jsonKey = "pad_blocks";
    pad.get = [](const QuantConfig& c) -> OptionValue { return c.padBlocks; };
    pad.set = [](QuantConfig& c, const OptionValue& v) { c.padBlocks = std::get<bool>(v); };
    t.push_back(pad);

    QuantOption cal;
    cal.def = makeOption("calibration", OptionType::Spec, kGroups, "METHOD",
                         "how the clipping range is chosen from the data");
    cal.def.choices = calibrationChoices();
    cal.def.completion = "calibration";
    cal.jsonKey = "calibration";
    cal.get = [](const QuantConfig& c) -> OptionValue { return c.calibration.toString(); };
    cal.set = [](QuantConfig& c, const OptionValue& v) { c.calibration = CalibrationSpec::parse(textOf(v)); };
    t.push_back(cal);

    QuantOption out;
    out.def = makeOption("outliers", OptionType::Spec, kGroups, "T",
                         "keep values with |x| >= T (elements:T) or their whole columns (columns:T) in full precision");
    out.def.choices = {example("off", "every value is quantized"), example("6", "values with |x| >= 6"),
                       example("columns:6", "columns holding a value with |x| >= 6 (LLM.int8())")};
    out.jsonKey = "outliers";
    out.get = [](const QuantConfig& c) -> OptionValue { return outlierSpec(c.outliers, c.outlierThreshold); };
    out.set = [](QuantConfig& c, const OptionValue& v) { parseOutlierSpec(textOf(v), c.outliers, c.outlierThreshold); };
    out.jsonGet = [](const QuantConfig& c) -> QJsonValue {
        return QJsonObject{{"mode", QString::fromStdString(toString(c.outliers))}, {"threshold", c.outlierThreshold}};
    };
    out.jsonSet = [](QuantConfig& c, const QJsonValue& v) {
        if (!v.isObject())
            throw ArgumentError("quant config: 'outliers' must be an object {mode, threshold}");
        const QJsonObject o = v.toObject();
        if (o.contains("mode")) {
            if (!o.value("mode").isString())
                throw ArgumentError("quant config: 'outliers.mode' must be a string");
            c.outliers = parseOutlierMode(o.value("mode").toString().toStdString());
        }
        if (o.contains("threshold")) {
            if (!o.value("threshold").isDouble())
                throw ArgumentError("quant config: 'outliers.threshold' must be a number");
            c.outlierThreshold = o.value("threshold").toDouble();
        }
    };
    t.push_back(out);

    QuantOption b;
    b.def = makeOption("bins", OptionType::Integer, kAnalysis, "N",
                       "histogram bins of the original, dequantized and error histograms");
    b.def.integers = {1, 65536};
    b.jsonKey = "histogram_bins";
    b.get = [](const QuantConfig& c) -> OptionValue { return std::int64_t(c.histogramBins); };
    b.set = [](QuantConfig& c, const OptionValue& v) { c.histogramBins = intOf(v); };
    t.push_back(b);

    const QuantConfig defaults;
    for (QuantOption& o : t)
        if (o.def.type != OptionType::Flag)
            o.def.defaultText = o.text(defaults);
    return t;
}

} // namespace

void QuantOption::setText(QuantConfig& config, std::string_view text, const std::string& what) const
{
    set(config, readOptionText(def, text, what));
}

std::string QuantOption::text(const QuantConfig& config) const
{
    return optionValueText(get(config));
}

QJsonValue QuantOption::toJson(const QuantConfig& config) const
{
    return jsonGet ? jsonGet(config) : optionValueJson(get(config));
}

void QuantOption::setJson(QuantConfig& config, const QJsonValue& value) const
{
    if (jsonSet)
        jsonSet(config, value);
    else
        set(config, readOptionJson(def, value, "quant config: '" + jsonKey + "'"));
}

const std::vector<QuantOption>& quantOptions()
{
    static const std::vector<QuantOption> table = buildTable();
    return table;
}

const QuantOption* findQuantOption(std::string_view name)
{
    for (const QuantOption& o : quantOptions())
        if (o.def.name == name)
            return &o;
    return nullptr;
}

void applyQuantJson(QuantConfig& config, const QJsonObject& object)
{
    if (object.contains("version")) {
        const QJsonValue v = object.value("version");
        if (!v.isDouble() || v.toDouble() != 1)
            throw ArgumentError("quant config version " +
                                (v.isDouble() ? shortestNumberText(v.toDouble()) : std::string("(not a number)")) +
                                " is not supported (1)");
    }
    for (const QuantOption& o : quantOptions())
        if (!o.jsonKey.empty() && object.contains(QString::fromStdString(o.jsonKey)))
            o.setJson(config, object.value(QString::fromStdString(o.jsonKey)));
}

void parseOutlierSpec(std::string_view text, OutlierMode& mode, double& threshold)
{
    const std::string t = foldSpecText(text);
    if (t == "off" || t == "none") {
        mode = OutlierMode::Off;
        return;
    }
    std::string_view number = t;
    OutlierMode m = OutlierMode::Elements;
    if (number.rfind("columns:", 0) == 0) {
        m = OutlierMode::Columns;
        number.remove_prefix(8);
    } else if (number.rfind("elements:", 0) == 0) {
        number.remove_prefix(9);
    }
    threshold = SpecReader("outlier threshold").number(number, NumberRange{0, HUGE_VAL, true, true});
    mode = m;
}

std::string outlierSpec(OutlierMode mode, double threshold)
{
    switch (mode) {
    case OutlierMode::Off: return "off";
    case OutlierMode::Elements: return shortestNumberText(threshold);
    case OutlierMode::Columns: return "columns:" + shortestNumberText(threshold);
    }
    return "off";
}

std::vector<OptionChoice> calibrationChoices()
{
    return {example("minmax", "the data's [min, max] (symmetric: [-max|x|, max|x|])"),
            example("moving-minmax:", "moving-minmax[:C[,BATCH]]: running min/max over batches, constant C"),
            example("percentile:", "percentile:P: the P-th percentile of |x| (P in (0, 100])"),
            example("percentile-hist:", "percentile-hist:P: the percentile on NVIDIA's 2048-bin histogram"),
            example("entropy", "entropy[:BINS[,START]]: NVIDIA's KL-divergence calibration"),
            example("mse", "mse[:N]: the clip with the smallest quantization MSE"),
            example("manual:", "manual:LO,HI: this range")};
}

std::vector<OptionChoice> granularityChoices()
{
    return {example("tensor", "one scale for the whole tensor"),
            example("channel", "channel[:AXIS]: one scale per slice along AXIS (default 0)"),
            example("block:32", "block:SIZE: one scale per SIZE values along the rows of the 2-D weight view"),
            example("block:32@1", "block:SIZE@AXIS: blocks along AXIS; block:SIZE@flat: over the flattened tensor")};
}

std::vector<OptionChoice> roundingChoices()
{
    return {example("nearest-even", "to nearest, ties to even (IEEE 754, torch.round)"),
            example("nearest-away", "to nearest, ties away from zero (C round, llama.cpp)"),
            example("toward-zero", "truncate"),
            example("toward-positive", "ceil"),
            example("toward-negative", "floor"),
            example("stochastic", "stochastic[:SEED]: up with probability of the distance, reproducible by SEED")};
}

} // namespace qs
