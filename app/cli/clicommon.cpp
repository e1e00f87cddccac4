#include "clicommon.h"

#include "formats/error.h"
#include "options/specreader.h"
#include "quant/quantoptions.h"

#include <QByteArray>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace qs::cli {

ArgParser::ArgParser(const Args& args, const std::vector<OptionDef>& options) : m_options(&options)
{
    auto find = [&](const std::string& name) -> const OptionDef* {
        for (const OptionDef& d : options)
            if (d.name == name)
                return &d;
        return nullptr;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> inlineValue;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            const OptionDef* d = find(name);
            if (!d)
                throw ArgumentError("unknown option --" + name + " (--help lists the options)");
            if (!d->takesValue()) {
                if (inlineValue)
                    throw ArgumentError("option --" + name + " takes no value");
                m_flags.push_back(name);
            } else if (inlineValue) {
                m_values.emplace_back(name, *inlineValue);
            } else {
                if (i + 1 >= args.size())
                    throw ArgumentError("option --" + name + " needs a value");
                m_values.emplace_back(name, args[++i]);
            }
        } else {
            m_positional.push_back(a);
        }
    }
    // Values are read once every option is known to exist, each as its row says.
    for (const auto& [name, text] : m_values)
        m_parsed.emplace_back(name, readOptionText(*find(name), text, "--" + name));
}

const OptionDef& ArgParser::def(const std::string& name) const
{
    for (const OptionDef& d : *m_options)
        if (d.name == name)
            return d;
    throw std::logic_error("option --" + name + " is read but not in the command's table");
}

bool ArgParser::flag(const std::string& name) const
{
    if (def(name).takesValue())
        throw std::logic_error("option --" + name + " is not a flag");
    return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end();
}

bool ArgParser::has(const std::string& name) const
{
    def(name);
    return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end() ||
           std::any_of(m_values.begin(), m_values.end(), [&](const auto& kv) { return kv.first == name; });
}

std::optional<std::string> ArgParser::value(const std::string& name) const
{
    def(name);
    std::optional<std::string> out;
    for (const auto& [k, v] : m_values)
        if (k == name)
            out = v;
    return out;
}

std::vector<std::string> ArgParser::values(const std::string& name) const
{
    def(name);
    std::vector<std::string> out;
    for (const auto& [k, v] : m_values)
        if (k == name)
            out.push_back(v);
    return out;
}

const OptionValue* ArgParser::last(const std::string& name) const
{
    def(name);
    const OptionValue* out = nullptr;
    for (const auto& [k, v] : m_parsed)
        if (k == name)
            out = &v;
    return out;
}

std::optional<std::int64_t> ArgParser::integer(const std::string& name) const
{
    if (def(name).type != OptionType::Integer)
        throw std::logic_error("option --" + name + " is not an integer option");
    const OptionValue* v = last(name);
    return v ? std::optional<std::int64_t>(std::get<std::int64_t>(*v)) : std::nullopt;
}

std::optional<double> ArgParser::number(const std::string& name) const
{
    if (def(name).type != OptionType::Number)
        throw std::logic_error("option --" + name + " is not a number option");
    const OptionValue* v = last(name);
    return v ? std::optional<double>(std::get<double>(*v)) : std::nullopt;
}

std::optional<std::vector<std::int64_t>> ArgParser::integers(const std::string& name) const
{
    if (def(name).type != OptionType::IntegerList)
        throw std::logic_error("option --" + name + " is not an integer-list option");
    const OptionValue* v = last(name);
    return v ? std::optional<std::vector<std::int64_t>>(std::get<std::vector<std::int64_t>>(*v)) : std::nullopt;
}

std::optional<std::string> ArgParser::choice(const std::string& name) const
{
    if (def(name).type != OptionType::Choice)
        throw std::logic_error("option --" + name + " is not a choice option");
    const OptionValue* v = last(name);
    return v ? std::optional<std::string>(std::get<std::string>(*v)) : std::nullopt;
}

const std::vector<CommandDef>& commands()
{
    static const std::vector<CommandDef> table = [] {
        std::vector<CommandDef> t = {formatCommand(), encodeCommand(), decodeCommand(), explainCommand(),
                                     quantizeCommand()};
#ifdef QUANTSCOPE_HAVE_PLOT
        t.push_back(plotCommand());
#endif
        t.push_back(infoCommand());
        t.push_back(reportCommand());
        t.push_back(modelCommand());
        t.push_back(quizCommand());
        t.push_back(benchCommand());
        // --help is an option of every command (main answers it before parsing).
        const std::function<void(CommandDef&)> addHelp = [&](CommandDef& c) {
            c.options.push_back(makeOption("help", OptionType::Flag, kGroupGeneral, "", "show this help and exit"));
            for (CommandDef& sub : c.subcommands)
                addHelp(sub);
        };
        for (CommandDef& c : t)
            addHelp(c);
        return t;
    }();
    return table;
}

const CommandDef* findCommand(const std::string& name)
{
    for (const CommandDef& c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

std::vector<OptionDef> quantOptionDefs(const QuantConfig& base)
{
    std::vector<OptionDef> out;
    for (const QuantOption& o : quantOptions()) {
        OptionDef d = o.def;
        if (d.type != OptionType::Flag)
            d.defaultText = o.text(base);
        out.push_back(std::move(d));
    }
    return out;
}

void applyQuantOptions(const ArgParser& p, QuantConfig& config)
{
    for (const QuantOption& o : quantOptions()) {
        if (o.def.type == OptionType::Flag) {
            if (p.flag(o.def.name))
                o.set(config, true);
        } else if (const auto v = p.value(o.def.name)) {
            o.setText(config, *v, "--" + o.def.name);
        }
    }
}

QJsonValue jsonNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return value;
}

namespace {

// QJsonDocument escapes the C0 controls; DEL, the C1 controls and the
// invisible reordering characters (core/io/printable.h) pass through it raw.
// They get JSON \u escapes too, so no string from a file acts on a terminal.
QByteArray terminalSafeJson(const QByteArray& json)
{
    QByteArray out;
    out.reserve(json.size());
    const auto* s = reinterpret_cast<const unsigned char*>(json.constData());
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        unsigned cp = 0;
        int len = 0;
        if (s[i] == 0x7f) {
            cp = 0x7f;
            len = 1;
        } else if (s[i] == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f) {
            cp = s[i + 1];
            len = 2;
        } else if (s[i] == 0xe2 && i + 2 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81)) {
            const unsigned c = 0x2000u | (unsigned(s[i + 1] & 0x3f) << 6) | (s[i + 2] & 0x3fu);
            if (c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
                (c >= 0x2066 && c <= 0x2069)) {
                cp = c;
                len = 3;
            }
        } else if (s[i] == 0xef && i + 2 < n && s[i + 1] == 0xbb && s[i + 2] == 0xbf) {
            cp = 0xfeff;
            len = 3;
        }
        if (len == 0) {
            out.append(char(s[i]));
            continue;
        }
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", cp);
        out.append(buf);
        i += len - 1;
    }
    return out;
}

} // namespace

void printJson(const QJsonObject& object)
{
    const QByteArray bytes = terminalSafeJson(QJsonDocument(object).toJson(QJsonDocument::Indented));
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printLine(const std::string& line)
{
    std::cout << line << '\n';
}

double parseNumber(const std::string& text, const std::string& what)
{
    return SpecReader(what).number(text);
}

std::vector<float> parseValueList(const std::string& text, const std::string& what)
{
    // Commas and semicolons end a field; white space separates numbers inside
    // one ("1 2, 3" is three values). A field with no number ("1,,3", a
    // trailing comma) is refused rather than skipped: it is usually a typo.
    const SpecReader value("value");
    std::vector<float> values;
    std::size_t start = 0, field = 0;
    for (;;) {
        const std::size_t end = text.find_first_of(",;", start);
        const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        ++field;
        std::size_t i = 0, before = values.size();
        while (i < part.size()) {
            while (i < part.size() && std::isspace(static_cast<unsigned char>(part[i])))
                ++i;
            std::size_t j = i;
            while (j < part.size() && !std::isspace(static_cast<unsigned char>(part[j])))
                ++j;
            if (j > i)
                values.push_back(float(value.number(std::string_view(part).substr(i, j - i))));
            i = j;
        }
        if (values.size() == before && (end != std::string::npos || field > 1))
            throw ArgumentError(what + " '" + text + "': field " + std::to_string(field) + " is empty");
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    if (values.empty())
        throw ArgumentError(what + " '" + text + "' holds no values");
    return values;
}

} // namespace qs::cli
