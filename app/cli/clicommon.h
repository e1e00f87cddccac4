#pragma once
// Shared plumbing of quantscope-cli's commands: argument access, JSON output
// and the one error convention (one line on stderr, exit status 2).
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <string>
#include <vector>

namespace qs::cli {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2; // bad input of any kind: unknown spec, malformed value, unreadable file

using Args = std::vector<std::string>;

// A tiny option scanner: positional arguments, --flag and --key VALUE / --key=VALUE.
// Unknown options are an error (the caller lists the ones it accepts).
class ArgParser
{
public:
    ArgParser(const Args& args, std::vector<std::string> flags, std::vector<std::string> valueOptions);
    const std::vector<std::string>& positional() const { return m_positional; }
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const; // repeated options, in order

private:
    std::vector<std::string> m_positional;
    std::vector<std::string> m_flags;
    std::vector<std::pair<std::string, std::string>> m_values;
};

// A double as JSON: a number when finite, else the strings "inf", "-inf", "nan".
QJsonValue jsonNumber(double value);
void printJson(const QJsonObject& object); // compact? no: indented, one object, trailing newline
void printLine(const std::string& line);

// Parses a decimal number the way the CLI accepts it (C locale, "inf", "nan",
// hex floats); throws ArgumentError naming the text.
double parseNumber(const std::string& text, const std::string& what);

// "3,1,2,3" or "3 1 2 3" (commas, semicolons and white space separate) -> values,
// each parsed by parseNumber (so "nan" and "inf" are accepted and counted later).
std::vector<float> parseValueList(const std::string& text);

} // namespace qs::cli

// Command entry points (argv after the command name). Each returns the exit status
// and reports bad input by throwing qs::Error (main prints it and returns 2).
int cmdFormat(const qs::cli::Args& args);
int cmdEncode(const qs::cli::Args& args);
int cmdDecode(const qs::cli::Args& args);
int cmdExplain(const qs::cli::Args& args);
int cmdQuantize(const qs::cli::Args& args);
int cmdBench(const qs::cli::Args& args);
int cmdInfo(const qs::cli::Args& args);
int cmdModel(const qs::cli::Args& args); // cmd_model.cpp: the Model Lab (docs/modellab.md)
#ifdef QUANTSCOPE_HAVE_PLOT
class QCoreApplication;
namespace qs::cli {
QCoreApplication* makePlotApplication(int& argc, char** argv); // `plot` draws with widgets: a QApplication
}
int cmdPlot(const qs::cli::Args& args);
#endif
