#pragma once
// One option of a table of options: its name, type, range or values, default,
// one line of meaning and its group. The quantization options
// (core/quant/quantoptions.h) and every command's own options (app/cli) are
// written as such tables; the command-line parser, --help, the man pages, the
// shell completion, QuantConfig's JSON and the GUI's panels all read them, so
// none of them can disagree about what an option accepts.
//
// Adding an option: add one OptionDef to the table it belongs to (with its
// setter, for a quantization option); the parser, the help, the man page and
// the completion pick it up; tests/cli/tst_cli_help checks that help and parser
// agree for every command.
#include "options/specreader.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qs {

enum class OptionType {
    Flag,        // --name, no value (true when given)
    Integer,     // a whole number inside `integers`
    Number,      // a real number inside `numbers`
    IntegerList, // whole numbers separated by commas, each inside `integers`
    Choice,      // one word of `choices`
    Spec,        // a small language with its own parser (a quantizer, a calibration method, a granularity ...)
    Text,        // free text (a list of values, a generator spec, a model name)
    InputFile,   // a file that is read
    OutputFile,  // a file that is written
};

// One value of a Choice option (every value of it), or a typical value of a
// Spec option (for help and completion). A GUI combo box lists `label`s and
// stores `id`.
struct OptionChoice
{
    std::string value;                // the word on the command line and in JSON: "symmetric"
    std::string label;                // for a GUI list: "Symmetric"
    std::string help;                 // one line of meaning (may be empty)
    int id = 0;                       // the enum value the word stands for (static_cast<int>)
    std::vector<std::string> aliases; // other words accepted for it: "sym"
};

struct OptionDef
{
    std::string name; // long name without "--": "bins"
    OptionType type = OptionType::Flag;
    std::string group;                 // heading in --help, the man page and README: "Quantizer"
    std::string valueName;             // placeholder in the help: "N", "SPEC", "FILE"
    std::string help;                  // one line of meaning
    std::string defaultText;           // what applies when the option is not given; empty when nothing does
    IntegerRange integers;             // Integer, IntegerList
    NumberRange numbers;               // Number
    std::vector<OptionChoice> choices; // Choice: every value; Spec: typical values
    // Spec/Text/files: what the shell completion offers ("quantizer", "calibration", "format",
    // "granularity", "rounding", "generator", "figure-kind", "file", "tensor-file"); empty: nothing.
    std::string completion;
    bool repeatable = false; // may be given more than once, each one counts (--out A --out B)
    bool hidden = false;     // accepted, but left out of help, man page and completion (test hooks)

    bool takesValue() const { return type != OptionType::Flag; }
    // The accepted values for the help: "symmetric|asymmetric", "1..65536", "(0, 10]"; empty for free text.
    std::string valuesText() const;
    // The words a shell may complete the value with: every Choice (with aliases left out), Spec examples.
    std::vector<std::string> choiceWords() const;
};

// The fields every option has; the rest (range, choices ...) is set afterwards.
OptionDef makeOption(std::string name, OptionType type, std::string group, std::string valueName, std::string help);

// A parsed, range-checked option value: Flag -> bool, Integer -> int64,
// Number -> double, IntegerList -> vector, everything else -> the text (a
// Choice option's canonical word).
using OptionValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>>;

// Reads the command-line text of `def`'s value (`what` names it in a message,
// e.g. "--bins"); throws ArgumentError "--bins '1.5' is not an integer in 1..65536".
OptionValue readOptionText(const OptionDef& def, std::string_view text, const std::string& what);
// Reads a JSON value of `def` (a bool, a number, a string as its type says);
// `what` names it in a message ("quant config: 'histogram_bins'").
OptionValue readOptionJson(const OptionDef& def, const QJsonValue& value, const std::string& what);
QJsonValue optionValueJson(const OptionValue& value);
std::string optionValueText(const OptionValue& value); // as typed on the command line

// The Choice entry whose value or alias is `word` (case- and space-insensitive), or nullptr.
const OptionChoice* findChoice(const OptionDef& def, std::string_view word);

} // namespace qs
