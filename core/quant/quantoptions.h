#pragma once
// The quantization options table: every setting of a QuantConfig (and of the
// CalibrationSpec inside it) as one row — its command-line name, type, range
// or values, default, one line of meaning, group, its key in the config JSON,
// and how it reads and sets the field.
//
// Read by: `quantscope-cli quantize`, `plot` and `model` (parser, --help, man
// page, completion), QuantConfig::toJson/fromJson (saved sessions, --config,
// settings exports), the lessons' app state (ui/lessons/appstate.cpp), and the
// GUI panels (an enum option's values, labels and ids are in def.choices).
//
// Adding a setting: add the field to QuantConfig, then one row in
// quantOptions() (quantoptions.cpp) with a getter and a setter. Rows are
// applied in table order, so a row that depends on another comes after it
// (`quantizer` is first: it sets the kind's default granularity, which a
// `granularity` row then overrides).
#include "options/optiondef.h"
#include "quant/quantconfig.h"

#include <QJsonObject>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct QuantOption
{
    OptionDef def;       // def.name is the command-line option (--name); def.defaultText is QuantConfig{}'s
    std::string jsonKey; // the key in QuantConfig::toJson(); empty: command line only
    std::function<OptionValue(const QuantConfig&)> get;
    std::function<void(QuantConfig&, const OptionValue&)> set; // the value is already checked against def
    // Only for a JSON form other than the plain value (outliers: {"mode", "threshold"}).
    std::function<QJsonValue(const QuantConfig&)> jsonGet;
    std::function<void(QuantConfig&, const QJsonValue&)> jsonSet;

    // `what` names the option in a message ("--bins"); throws ArgumentError.
    void setText(QuantConfig& config, std::string_view text, const std::string& what) const;
    std::string text(const QuantConfig& config) const; // the value as typed on the command line
    QJsonValue toJson(const QuantConfig& config) const;
    void setJson(QuantConfig& config, const QJsonValue& value) const;
};

// In the order they are applied (quantizer first).
const std::vector<QuantOption>& quantOptions();
const QuantOption* findQuantOption(std::string_view name); // by command-line name, nullptr if none

// Sets the fields whose JSON keys `object` holds, in table order; other keys
// are left alone (and unknown keys ignored). A "version" other than 1, wrong
// types or values throw ArgumentError naming the key. Does not validate().
void applyQuantJson(QuantConfig& config, const QJsonObject& object);

// The --outliers spec: "off", "T", "elements:T" or "columns:T" with T > 0.
void parseOutlierSpec(std::string_view text, OutlierMode& mode, double& threshold);
std::string outlierSpec(OutlierMode mode, double threshold);

// Typical values of the spec options (help, completion, GUI lists).
std::vector<OptionChoice> calibrationChoices();
std::vector<OptionChoice> granularityChoices();
std::vector<OptionChoice> roundingChoices();

} // namespace qs
