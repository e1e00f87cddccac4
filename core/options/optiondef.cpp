#include "options/optiondef.h"

#include "formats/error.h"
#include "formats/spectext.h"

#include <cmath>

namespace qs {

OptionDef makeOption(std::string name, OptionType type, std::string group, std::string valueName, std::string help)
{
    OptionDef d;
    d.name = std::move(name);
    d.type = type;
    d.group = std::move(group);
    d.valueName = std::move(valueName);
    d.help = std::move(help);
    return d;
}

std::string OptionDef::valuesText() const
{
    switch (type) {
    case OptionType::Integer:
    case OptionType::IntegerList: return integers.text() == "any" ? "" : integers.text();
    case OptionType::Number: return numbers.text() == "finite" ? "" : numbers.text();
    case OptionType::Choice: return joinWords(choiceWords(), "|");
    default: return {};
    }
}

std::vector<std::string> OptionDef::choiceWords() const
{
    std::vector<std::string> out;
    for (const auto& c : choices)
        out.push_back(c.value);
    return out;
}

const OptionChoice* findChoice(const OptionDef& def, std::string_view word)
{
    const std::string folded = foldSpecText(word);
    for (const auto& c : def.choices) {
        if (foldSpecText(c.value) == folded)
            return &c;
        for (const auto& a : c.aliases)
            if (foldSpecText(a) == folded)
                return &c;
    }
    return nullptr;
}

OptionValue readOptionText(const OptionDef& def, std::string_view text, const std::string& what)
{
    const SpecReader reader(what);
    switch (def.type) {
    case OptionType::Flag: return true;
    case OptionType::Integer: return reader.integer(text, def.integers);
    case OptionType::Number: return reader.number(text, def.numbers);
    case OptionType::IntegerList: return reader.integerList(text, def.integers);
    case OptionType::Choice:
        if (const OptionChoice* c = findChoice(def, text))
            return c->value;
        reader.fail(text, "one of " + joinWords(def.choiceWords(), ", "));
    default:
        if (text.empty() && def.type != OptionType::Text)
            throw ArgumentError(what + " needs a value");
        return std::string(text);
    }
}

OptionValue readOptionJson(const OptionDef& def, const QJsonValue& value, const std::string& what)
{
    switch (def.type) {
    case OptionType::Flag:
        if (!value.isBool())
            throw ArgumentError(what + " must be true or false");
        return value.toBool();
    case OptionType::Integer:
    case OptionType::Number: {
        if (!value.isDouble())
            throw ArgumentError(what + " must be a number");
        const double v = value.toDouble();
        // Through the one reader, so JSON and command line accept the same values with the same message.
        return readOptionText(def, shortestNumberText(v), what);
    }
    case OptionType::IntegerList: {
        if (!value.isArray())
            throw ArgumentError(what + " must be an array of integers");
        std::vector<std::int64_t> out;
        for (const QJsonValue& e : value.toArray()) {
            if (!e.isDouble())
                throw ArgumentError(what + " must be an array of integers");
            out.push_back(SpecReader(what).integer(shortestNumberText(e.toDouble()), def.integers));
        }
        return out;
    }
    default:
        if (!value.isString())
            throw ArgumentError(what + " must be a string");
        return readOptionText(def, value.toString().toStdString(), what);
    }
}

QJsonValue optionValueJson(const OptionValue& value)
{
    return std::visit(
        [](const auto& v) -> QJsonValue {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v;
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return qint64(v);
            else if constexpr (std::is_same_v<T, double>)
                return v;
            else if constexpr (std::is_same_v<T, std::string>)
                return QString::fromStdString(v);
            else {
                QJsonArray a;
                for (auto e : v)
                    a.append(qint64(e));
                return a;
            }
        },
        value);
}

std::string optionValueText(const OptionValue& value)
{
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, double>)
                return shortestNumberText(v);
            else if constexpr (std::is_same_v<T, std::string>)
                return v;
            else {
                std::vector<std::string> words;
                for (auto e : v)
                    words.push_back(std::to_string(e));
                return joinWords(words, ",");
            }
        },
        value);
}

} // namespace qs
