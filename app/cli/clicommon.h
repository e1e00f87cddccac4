#pragma once
// Shared plumbing of quantscope-cli's commands: the command table, the option
// parser, JSON output and the one error convention (one line on stderr, exit
// status 2).
//
// Every command is a CommandDef: its usage, one line of meaning, positional
// arguments, options (qs::OptionDef rows: name, type, range or values,
// default, help, group) and examples. The parser accepts exactly the options
// of the table, and --help, `help COMMAND`, the man page (--man) and the shell
// completion (__complete) are generated from the same table, so they cannot
// drift apart (tests/cli/tst_cli_help.cpp checks it for every command).
// Adding an option: add its row to the command's table (quantization options:
// core/quant/quantoptions.cpp) and read it with ArgParser in the command.
#include "options/optiondef.h"
#include "quant/quantconfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qs::cli {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1; // a bug: an unexpected exception
constexpr int kExitUsage = 2;    // bad input of any kind: unknown spec, malformed value, unreadable file

using Args = std::vector<std::string>;

// Group names shared by the commands (the README's groups).
inline constexpr const char* kGroupInput = "Input";
inline constexpr const char* kGroupOutput = "Output";
inline constexpr const char* kGroupGeneral = "General";

// Scans positional arguments, --flag and --key VALUE / --key=VALUE against a
// table of options. Unknown options are an error; then every given value is
// read and range-checked as its OptionDef says (so `--bins 1.5` fails before
// any work is done).
class ArgParser
{
public:
    ArgParser(const Args& args, const std::vector<OptionDef>& options);
    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const;
    bool has(const std::string& name) const;                         // given at least once
    std::optional<std::string> value(const std::string& name) const; // the last one given, as typed
    std::vector<std::string> values(const std::string& name) const;  // a repeatable option, in order
    // The checked value of an Integer / Number / IntegerList / Choice option, if given.
    std::optional<std::int64_t> integer(const std::string& name) const;
    std::optional<double> number(const std::string& name) const;
    std::optional<std::vector<std::int64_t>> integers(const std::string& name) const;
    std::optional<std::string> choice(const std::string& name) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback) const
    {
        return integer(name).value_or(fallback);
    }
    double number(const std::string& name, double fallback) const { return number(name).value_or(fallback); }
    // The option's row; asking for an option not in the table is a bug (std::logic_error, exit 1).
    const OptionDef& def(const std::string& name) const;

private:
    const OptionValue* last(const std::string& name) const;

    const std::vector<OptionDef>* m_options;
    std::vector<std::string> m_positional;
    std::vector<std::string> m_flags;
    std::vector<std::pair<std::string, std::string>> m_values;
    std::vector<std::pair<std::string, OptionValue>> m_parsed;
};

struct Positional
{
    std::string name;       // "SPEC", "FILE[:TENSOR]"
    std::string help;       // one line
    std::string completion; // what the shell completes it with (see OptionDef::completion)
};

struct Example
{
    std::string command; // after "quantscope-cli "
    std::string what;    // what it shows, one line
};

struct CommandDef
{
    std::string name;    // "quantize"; a subcommand's own name ("ptq")
    std::string usage;   // after "quantscope-cli ": "quantize (--values LIST | ...) [OPTIONS]"
    std::string summary; // one line
    std::vector<Positional> positionals;
    std::vector<OptionDef> options; // in help order; --help is added to every command
    std::vector<Example> examples;  // two or more
    std::function<int(const ArgParser&)> run;
    std::vector<CommandDef> subcommands; // `model train|ptq|...`: then run and options are unused
};

// Every command in the order of the usage text.
const std::vector<CommandDef>& commands();
const CommandDef* findCommand(const std::string& name);

// The rows of the quantization options table (core/quant/quantoptions.h) with
// the defaults of `base`: the options of quantize and plot.
std::vector<OptionDef> quantOptionDefs(const QuantConfig& base);
// --values, --generate, --input and --config (a JSON text, or with fileConfig a settings file).
std::vector<OptionDef> inputOptionDefs(bool fileConfig);
// Applies the given quantization options to `config`, in table order.
void applyQuantOptions(const ArgParser& p, QuantConfig& config);

// Help, man page and completion (help.cpp, complete.cpp).
std::string usageText();                                                     // quantscope-cli --help
std::string commandHelp(const CommandDef& command, const std::string& path); // path: "model ptq"
std::string manPage(const std::string& program);                             // "quantscope-cli" or "quantscope" (roff)
int complete(const Args& words);                                             // the hidden __complete command

// A double as JSON: a number when finite, else the strings "inf", "-inf", "nan".
QJsonValue jsonNumber(double value);
void printJson(const QJsonObject& object); // indented, one object, trailing newline
void printLine(const std::string& line);

// A number as every option reads it (core/options/specreader.h); throws
// ArgumentError "<what> '<text>' is not a number".
double parseNumber(const std::string& text, const std::string& what);

// "3,1,2,3" or "3 1 2 3" (commas, semicolons and white space separate) -> values,
// each read as a number ("nan" and "inf" are accepted and counted later). An
// empty field ("1,,2") or no value at all is an error.
std::vector<float> parseValueList(const std::string& text, const std::string& what = "--values");

} // namespace qs::cli

// Command tables (argv after the command name is parsed against them by main).
qs::cli::CommandDef formatCommand();
qs::cli::CommandDef encodeCommand();
qs::cli::CommandDef decodeCommand();
qs::cli::CommandDef explainCommand();
qs::cli::CommandDef quantizeCommand();
qs::cli::CommandDef benchCommand();
qs::cli::CommandDef infoCommand();
qs::cli::CommandDef reportCommand(); // cmd_report.cpp: the model report (docs/report.md)
qs::cli::CommandDef modelCommand(); // cmd_model.cpp: the Model Lab (docs/modellab.md)
qs::cli::CommandDef quizCommand();  // cmd_quiz.cpp: the quiz as Moodle XML / GIFT (docs/quiz.md)
#ifdef QUANTSCOPE_HAVE_PLOT
class QCoreApplication;
namespace qs::cli {
QCoreApplication* makePlotApplication(int& argc, char** argv); // `plot` draws with widgets: a QApplication
}
namespace qs {
struct ModelReport;
struct ReportPlan;
}
namespace qs::cli {
// `report --out`: whether FILE ends in .pdf, .svg or .png; then the figures of
// the report (cmd_reportfigures.cpp), returning what was written. Throws ArgumentError.
bool reportFigureFormatKnown(const std::string& path);
std::string writeReportFigures(const qs::ModelReport& report, const qs::ReportPlan* plan, const std::string& path);
}
qs::cli::CommandDef plotCommand();
#endif
