#include "clicommon.h"

#include "formats/error.h"

#include <QByteArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace qs::cli {

ArgParser::ArgParser(const Args& args, std::vector<std::string> flags, std::vector<std::string> valueOptions)
{
    auto known = [](const std::vector<std::string>& list, const std::string& name) {
        return std::find(list.begin(), list.end(), name) != list.end();
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
            if (known(flags, name)) {
                if (inlineValue)
                    throw ArgumentError("option --" + name + " takes no value");
                m_flags.push_back(name);
            } else if (known(valueOptions, name)) {
                if (inlineValue) {
                    m_values.emplace_back(name, *inlineValue);
                } else {
                    if (i + 1 >= args.size())
                        throw ArgumentError("option --" + name + " needs a value");
                    m_values.emplace_back(name, args[++i]);
                }
            } else {
                throw ArgumentError("unknown option --" + name);
            }
        } else {
            m_positional.push_back(a);
        }
    }
}

bool ArgParser::flag(const std::string& name) const
{
    return std::find(m_flags.begin(), m_flags.end(), name) != m_flags.end();
}

std::optional<std::string> ArgParser::value(const std::string& name) const
{
    std::optional<std::string> last;
    for (const auto& [k, v] : m_values)
        if (k == name)
            last = v;
    return last;
}

std::vector<std::string> ArgParser::values(const std::string& name) const
{
    std::vector<std::string> out;
    for (const auto& [k, v] : m_values)
        if (k == name)
            out.push_back(v);
    return out;
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
    std::string t = text;
    t.erase(0, t.find_first_not_of(" \t"));
    t.erase(t.find_last_not_of(" \t") + 1);
    std::string lower = t;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const bool neg = !lower.empty() && lower[0] == '-';
    const std::string body = (!lower.empty() && (lower[0] == '-' || lower[0] == '+')) ? lower.substr(1) : lower;
    if (body == "inf" || body == "infinity")
        return neg ? -HUGE_VAL : HUGE_VAL;
    if (body == "nan")
        return neg ? -std::nan("") : std::nan("");
    double v = 0;
    const char* first = t.data();
    const char* last = t.data() + t.size();
    if (!t.empty() && t[0] == '+')
        ++first;
    std::from_chars_result r{};
    if (body.rfind("0x", 0) == 0) {
        // from_chars' hex format takes no "0x" prefix and no sign.
        const char* p = t.data() + (t[0] == '-' || t[0] == '+' ? 1 : 0) + 2;
        r = std::from_chars(p, last, v, std::chars_format::hex);
        if (neg)
            v = -v;
    } else {
        r = std::from_chars(first, last, v, std::chars_format::general);
    }
    if (t.empty() || r.ec == std::errc::invalid_argument || r.ptr != last)
        throw ArgumentError(what + " '" + text + "' is not a number");
    if (r.ec == std::errc::result_out_of_range) {
        // from_chars reports overflow/underflow without a value; strtod gives the IEEE result (±inf, 0 or subnormal).
        v = std::strtod(t.c_str(), nullptr);
    }
    return v;
}

std::vector<float> parseValueList(const std::string& text)
{
    std::string t = text;
    std::replace(t.begin(), t.end(), ',', ' ');
    std::replace(t.begin(), t.end(), ';', ' ');
    std::istringstream in(t);
    std::vector<float> values;
    std::string item;
    while (in >> item)
        values.push_back(float(parseNumber(item, "value")));
    return values;
}

} // namespace qs::cli
