// --help, `help COMMAND` and the man pages, written from the command tables
// (clicommon.h) and the quantization options table, so that what they list is
// exactly what the parser accepts.
#include "clicommon.h"

#include "../gui/guioptions.h"

#include <QtGlobal>

#include <cstdio>
#include <sstream>

namespace qs::cli {

namespace {

constexpr std::size_t kWidth = 100; // help text width
constexpr std::size_t kColumn = 28; // where the meaning of an option starts

// Words of `text` in lines of at most `width` characters, each line after the first indented by `indent`.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = kWidth)
{
    std::istringstream in(text);
    std::string word, out, line;
    while (in >> word) {
        if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        if (!line.empty())
            line += ' ';
        line += word;
    }
    return out + line;
}

std::string optionLabel(const OptionDef& d)
{
    return "--" + d.name + (d.takesValue() ? " " + d.valueName : "");
}

// "values: 1..65536; default: 256", "e.g.: int8 uint8 ...; default: int8".
// `examples`: list a Spec option's typical values (the man page lists them with their meaning instead).
std::string valuesLine(const OptionDef& d, bool examples = true)
{
    std::vector<std::string> parts;
    if (const std::string v = d.valuesText(); !v.empty())
        parts.push_back("values: " + v);
    else if (examples && d.type == OptionType::Spec && !d.choices.empty())
        parts.push_back("e.g.: " + joinWords(d.choiceWords(), " "));
    // A help text that already names its default ("(default 1000000)") says it once.
    if (!d.defaultText.empty() && d.help.find("(default") == std::string::npos)
        parts.push_back("default: " + d.defaultText);
    if (d.repeatable)
        parts.push_back("may be repeated");
    return joinWords(parts, "; ");
}

// The groups of a table, in the order they first appear.
std::vector<std::string> groupsOf(const std::vector<OptionDef>& options)
{
    std::vector<std::string> groups;
    for (const OptionDef& d : options)
        if (std::find(groups.begin(), groups.end(), d.group) == groups.end())
            groups.push_back(d.group);
    return groups;
}

std::string program()
{
    return "quantscope-cli";
}

// ----- roff -----

// Escapes text for a roff line: backslashes, a leading '.' or '\'', hyphens
// (\- so they print as ASCII minus and can be searched for) and the few
// non-ASCII characters the help texts use.
std::string roff(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else if (c < 0x80)
            out += char(c);
        else {
            // A UTF-8 sequence: decode it and write \[uXXXX] (groff's Unicode escape).
            int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            char32_t cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
            for (int k = 1; k < len && i + 1 < text.size(); ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\[u%04X]", unsigned(cp));
            out += buf;
        }
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\''))
        out = "\\&" + out;
    return out;
}

// A value's meaning may start with its own spelling ("moving-minmax[:C[,BATCH]]: ..."): no capital.
std::string period(std::string text)
{
    if (!text.empty() && text.back() != '.')
        text += '.';
    return text;
}

std::string sentence(std::string text)
{
    if (!text.empty())
        text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
    if (!text.empty() && text.back() != '.')
        text += '.';
    return text;
}

void manOption(std::string& out, const OptionDef& d)
{
    // .TP takes the next line as the tag: the option and its value on one line.
    out += ".TP\n";
    out += d.takesValue() ? ".BI \\-\\-" + roff(d.name) + " \" " + roff(d.valueName) + "\"\n"
                          : ".B \\-\\-" + roff(d.name) + "\n";
    out += roff(sentence(d.help)) + "\n";
    bool described = false;
    for (const OptionChoice& c : d.choices)
        described = described || !c.help.empty();
    if (const std::string v = valuesLine(d, !described); !v.empty())
        out += ".br\n" + roff(sentence(v)) + "\n";
    if ((d.type == OptionType::Choice || d.type == OptionType::Spec) && described) {
        out += ".RS\n";
        for (const OptionChoice& c : d.choices)
            out += ".TP\n.B " + roff(c.value) + "\n" + roff(period(c.help.empty() ? c.label : c.help)) + "\n";
        out += ".RE\n";
    }
}

void manCommand(std::string& out, const CommandDef& c, const std::string& path)
{
    out += ".SS \"" + roff(path) + "\"\n";
    out += ".B " + roff(program()) + "\n" + roff(c.usage) + "\n.PP\n" + roff(sentence(c.summary)) + "\n";
    for (const Positional& p : c.positionals)
        out += ".TP\n.I " + roff(p.name) + "\n" + roff(sentence(p.help)) + "\n";
    for (const std::string& group : groupsOf(c.options)) {
        if (group == kGroupGeneral)
            continue; // --help: said once in DESCRIPTION
        out += ".PP\n.I " + roff(group) + "\n";
        for (const OptionDef& d : c.options)
            if (d.group == group)
                manOption(out, d);
    }
    if (!c.examples.empty()) {
        out += ".PP\nExamples:\n";
        for (const Example& e : c.examples)
            out +=
                ".PP\n.RS\n.nf\n" + roff(program() + " " + e.command) + "\n.fi\n" + roff(sentence(e.what)) + "\n.RE\n";
    }
    for (const CommandDef& sub : c.subcommands)
        manCommand(out, sub, path + " " + sub.name);
}

std::string manHeader(const std::string& name, const std::string& oneLine)
{
    std::string upper = name;
    for (char& ch : upper)
        ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return ".\\\" Generated by quantscope-cli --man " + name +
           " from the options tables; do not edit.\n"
           // The title is the bare name (plain '-', not roff's \-): whatis, lexgrog and
           // packaging checks read it as text.
           ".TH " +
           upper +
           " 1 \"\" \"Quantscope " QT_STRINGIFY(QUANTSCOPE_VERSION) "\" \"User Commands\"\n"
                                                                    ".SH NAME\n" +
           roff(name) + " \\- " + roff(oneLine) + "\n";
}

const char* kExitStatus = ".SH EXIT STATUS\n"
                          ".TP\n.B 0\nSuccess.\n"
                          ".TP\n.B 1\nAn internal error (a bug; please report it with the command line).\n"
                          ".TP\n.B 2\nBad input of any kind: an unknown command or option, a malformed or "
                          "out-of-range value, a file that cannot be read or written.\n"
                          "One line on standard error names the problem.\n";

} // namespace

std::string usageText()
{
    std::string s = "usage: quantscope-cli COMMAND [ARGS]\n"
                    "       quantscope-cli help COMMAND     the options of a command (also: COMMAND --help)\n"
                    "       quantscope-cli --version\n\ncommands:\n";
    for (const CommandDef& c : commands()) {
        std::string name = "  " + c.name;
        s += name + std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') + wrap(c.summary, 12) + "\n";
    }
    s += '\n';
    s += wrap("Format specs: fp64 fp32 fp16 bf16 tf32 fp8-e4m3 fp8-e4m3fnuz fp8-e5m2 fp8-e5m2fnuz fp6-e2m3 "
              "fp6-e3m2 fp4-e2m1 e8m0, eXmY[,bias=B][,special=ieee|fn|fnuz|finite][,subnormals=on|off], "
              "ufixI.F, sfixI.F, intN, uintN.",
              2) +
         "\n" +
         wrap("Rounding modes: nearest-even nearest-away toward-zero toward-positive toward-negative "
              "stochastic[:SEED]",
              2) +
         "\nExit status: 0 success, 1 internal error, 2 bad input (one line on stderr names it).\n";
    return s;
}

std::string commandHelp(const CommandDef& c, const std::string& path)
{
    std::string s = "usage: " + program() + " " + c.usage + "\n\n" + wrap(sentence(c.summary), 0) + "\n";
    auto row = [&](const std::string& label, const std::string& text) {
        std::string line = "  " + label;
        line += line.size() + 2 <= kColumn ? std::string(kColumn - line.size(), ' ') : "\n" + std::string(kColumn, ' ');
        s += line + wrap(text, kColumn) + "\n";
    };
    if (!c.positionals.empty()) {
        s += "\nArguments:\n";
        for (const Positional& p : c.positionals)
            row(p.name, p.help);
    }
    if (!c.subcommands.empty()) {
        s += "\nSubcommands:\n";
        for (const CommandDef& sub : c.subcommands)
            row(sub.name, sub.summary);
        s += "Run '" + program() + " help " + path + " SUBCOMMAND' for the options of one.\n";
    }
    for (const std::string& group : groupsOf(c.options)) {
        s += "\n" + group + ":\n";
        for (const OptionDef& d : c.options) {
            if (d.group != group || d.hidden)
                continue;
            row(optionLabel(d), d.help);
            if (const std::string v = valuesLine(d); !v.empty())
                s += std::string(kColumn, ' ') + wrap(v, kColumn) + "\n";
        }
    }
    if (!c.examples.empty()) {
        s += "\nExamples:\n";
        for (const Example& e : c.examples)
            s += "  " + wrap(program() + " " + e.command, 6) + "\n      " + wrap(e.what, 6) + "\n";
    }
    return s;
}

std::string manPage(const std::string& name)
{
    std::string out;
    if (name == "quantscope") {
        out = manHeader("quantscope", "teach and explore neural-network quantization");
        out += ".SH SYNOPSIS\n.B quantscope\n[\\fIOPTIONS\\fR] [\\fIFILE\\fR]\n"
               ".SH DESCRIPTION\n"
               "Quantscope is a desktop application for teaching and exploring the quantization of neural "
               "networks: number formats bit by bit, quantizers and calibration methods, and the errors they "
               "make, in a live explorer, a Bit Lab, a Model Lab, guided lessons and a quiz.\n"
               ".PP\n\\fIFILE\\fR is a .qscope session or a tensor file (.npy, .safetensors, .csv) to open.\n"
               ".SH OPTIONS\n";
        for (const OptionDef& d : guiOptions())
            if (!d.hidden)
                manOption(out, d);
        out += ".TP\n.B \\-\\-help\nShow the options and exit.\n"
               ".TP\n.B \\-\\-version\nShow the version and exit.\n";
        out += kExitStatus;
        out += ".SH SEE ALSO\n.BR quantscope\\-cli (1)\n";
        return out;
    }
    out = manHeader(program(), "the Quantscope quantization core on the command line");
    out += ".SH SYNOPSIS\n.B quantscope\\-cli\n.I COMMAND\n[\\fIARGS\\fR]\n.br\n"
           ".B quantscope\\-cli help\n.I COMMAND\n"
           ".SH DESCRIPTION\n"
           ".B quantscope\\-cli\n"
           "answers headless with the same core the Quantscope GUI uses: number formats, quantizers, "
           "calibration, figures and the Model Lab. Every command prints a short table, or one JSON object "
           "with \\-\\-json, and answers \\-\\-help with its options.\n"
           ".SH COMMANDS\n";
    for (const CommandDef& c : commands())
        manCommand(out, c, c.name);
    out += kExitStatus;
    out += ".SH SEE ALSO\n.BR quantscope (1)\n";
    return out;
}

} // namespace qs::cli
