// Question files and grading (question.h, docs/quiz.md).
#include "quiz/question.h"

#include "formats/error.h"
#include "formats/numberformat.h"
#include "formats/rounding.h"
#include "model/memory.h"
#include "quant/pipeline.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace qs::quiz {

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw ArgumentError(message.toStdString());
}

double numberField(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        if (const auto parsed = parseNumericAnswer(v.toString()))
            return *parsed;
        const QString t = v.toString().trimmed().toLower();
        if (t == "inf" || t == "+inf")
            return INFINITY;
        if (t == "-inf")
            return -INFINITY;
    }
    fail(QStringLiteral("'%1' must be a number").arg(QLatin1String(key)));
}

QString stringField(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        fail(QStringLiteral("missing '%1'").arg(QLatin1String(key)));
    return v.toString();
}

QString showNumber(double v)
{
    return QString::number(v, 'g', 10);
}

Expected numberAnswer(double v)
{
    return {v, false, 0, showNumber(v)};
}

Expected codeAnswer(std::uint64_t code, int bits)
{
    Expected e{double(code), true, bits, {}};
    QString binary = QString::number(code, 2).rightJustified(bits, QLatin1Char('0'));
    e.display = QStringLiteral("0x%1 = %2 = 0b%3").arg(QString::number(code, 16).toUpper()).arg(code).arg(binary);
    return e;
}

Expected computeEncode(const QJsonObject& c, const QString& ask)
{
    const NumberFormat format = parseFormat(stringField(c, "format").toStdString());
    const double x = numberField(c, "value");
    Rounding rounding;
    if (c.contains("rounding"))
        rounding = Rounding::parse(stringField(c, "rounding").toStdString());
    if (const auto* f = std::get_if<FloatFormat>(&format)) {
        const OverflowMode mode = c.value("saturate").toBool() ? OverflowMode::Saturate : OverflowMode::Ieee;
        const EncodeResult r = f->encode(x, rounding, mode);
        if (ask == "code")
            return codeAnswer(r.code, f->totalBits());
        if (ask == "value")
            return numberAnswer(r.value);
        if (ask == "exponent_field")
            return numberAnswer(double(f->exponentFieldOf(r.code)));
        if (ask == "mantissa_field")
            return numberAnswer(double(f->mantissaFieldOf(r.code)));
    } else {
        const auto& fixed = std::get<FixedFormat>(format);
        const FixedEncodeResult r = fixed.encode(x, rounding);
        if (ask == "code")
            return codeAnswer(r.bits, fixed.totalBits());
        if (ask == "value")
            return numberAnswer(r.value);
    }
    fail(QStringLiteral("encode cannot answer '%1' (code, value, exponent_field, mantissa_field)").arg(ask));
}

Expected computeDecode(const QJsonObject& c)
{
    const NumberFormat format = parseFormat(stringField(c, "format").toStdString());
    const std::uint64_t bits = parseBits(stringField(c, "bits").toStdString(), totalBits(format));
    if (const auto* f = std::get_if<FloatFormat>(&format))
        return numberAnswer(f->decode(bits));
    return numberAnswer(std::get<FixedFormat>(format).decodeBits(bits));
}

Expected computeFormat(const QJsonObject& c, const QString& ask)
{
    const NumberFormat format = parseFormat(stringField(c, "format").toStdString());
    if (ask == "total_bits")
        return numberAnswer(totalBits(format));
    if (const auto* f = std::get_if<FloatFormat>(&format)) {
        if (ask == "max_finite")
            return numberAnswer(f->maxFinite());
        if (ask == "min_normal")
            return numberAnswer(f->minNormal());
        if (ask == "min_subnormal")
            return numberAnswer(f->minSubnormal());
        if (ask == "epsilon")
            return numberAnswer(f->epsilon());
        if (ask == "bias")
            return numberAnswer(f->bias());
        if (ask == "finite_count")
            return numberAnswer(double(f->finiteCount()));
    } else {
        const auto& fixed = std::get<FixedFormat>(format);
        if (ask == "max_value")
            return numberAnswer(fixed.maxValue());
        if (ask == "min_value")
            return numberAnswer(fixed.minValue());
        if (ask == "resolution")
            return numberAnswer(fixed.resolution());
    }
    fail(QStringLiteral("format cannot answer '%1'").arg(ask));
}

// "code[2]" -> ("code", 2); "scale" -> ("scale", -1).
std::pair<QString, int> splitIndex(const QString& ask)
{
    static const QRegularExpression indexed(QStringLiteral("^([a-z_]+)\\[(\\d+)\\]$"));
    const auto m = indexed.match(ask);
    if (!m.hasMatch())
        return {ask, -1};
    return {m.captured(1), m.captured(2).toInt()};
}

Expected computeQuantize(const QJsonObject& c, const QString& ask)
{
    const QJsonValue valuesJson = c.value("values");
    if (!valuesJson.isArray() || valuesJson.toArray().isEmpty())
        fail(QStringLiteral("'values' must be a non-empty array of numbers"));
    std::vector<float> values;
    for (const QJsonValue& v : valuesJson.toArray()) {
        if (!v.isDouble())
            fail(QStringLiteral("'values' must be a non-empty array of numbers"));
        values.push_back(float(v.toDouble()));
    }
    Shape shape{std::int64_t(values.size())};
    if (c.contains("shape")) {
        shape.clear();
        for (const QJsonValue& d : c.value("shape").toArray())
            shape.push_back(d.toInteger());
        if (Tensor::elementCount(shape) != std::int64_t(values.size()))
            fail(QStringLiteral("'shape' does not match the number of values"));
    }
    const QuantConfig config = QuantConfig::fromJson(c.value("config").toObject());
    config.validate();
    const Tensor x(shape, values);
    QuantOptions options;
    options.histograms = false;
    const QuantResult r = runQuantization(x, config, options);
    const auto [name, index] = splitIndex(ask);
    const auto element = [&](std::size_t size) {
        if (index < 0 || std::size_t(index) >= size)
            fail(QStringLiteral("index in '%1' outside 0..%2").arg(ask).arg(qsizetype(size) - 1));
        return std::size_t(index);
    };
    const float* xhat = r.dequantized.data();
    if (name == "scale" || name == "zero_point") {
        const std::size_t g = index < 0 ? 0 : element(r.groups.size());
        return numberAnswer(name == "scale" ? r.groups[g].scale : r.groups[g].zeroPoint);
    }
    if (name == "code")
        return numberAnswer(r.codes[element(r.codes.size())]);
    if (name == "level") {
        const std::size_t i = element(r.codes.size());
        if (r.levels.empty())
            fail(QStringLiteral("'level' needs a codebook-like quantizer"));
        return numberAnswer(r.levels[std::size_t(r.codes[i])]);
    }
    if (name == "dequantized")
        return numberAnswer(xhat[element(values.size())]);
    if (name == "error") {
        const std::size_t i = element(values.size());
        return numberAnswer(double(xhat[i]) - double(values[i]));
    }
    if (ask == "mse")
        return numberAnswer(r.metrics.mse);
    if (ask == "max_abs_error")
        return numberAnswer(r.metrics.maxAbsError);
    if (ask == "sqnr_db")
        return numberAnswer(r.metrics.sqnrDb);
    if (ask == "bits_per_value")
        return numberAnswer(r.bitsPerValue);
    if (ask == "distinct_codes") {
        std::vector<std::int32_t> codes = r.codes;
        std::sort(codes.begin(), codes.end());
        return numberAnswer(double(std::unique(codes.begin(), codes.end()) - codes.begin()));
    }
    fail(QStringLiteral("quantize cannot answer '%1'").arg(ask));
}

Expected computeMemory(const QJsonObject& c, const QString& ask)
{
    MemorySpec spec;
    spec.parameters = numberField(c, "parameters");
    spec.weights = StorageFormat::parse(stringField(c, "format").toStdString());
    if (ask == "gb")
        return numberAnswer(estimateMemory(spec).totalBytes / 1e9);
    if (ask == "bits_per_parameter")
        return numberAnswer(spec.weights.bitsPerParameter());
    fail(QStringLiteral("memory cannot answer '%1' (gb, bits_per_parameter)").arg(ask));
}

LocalizedText localized(const QJsonValue& v, const QString& what)
{
    if (v.isString())
        return {v.toString(), v.toString()};
    const QJsonObject o = v.toObject();
    LocalizedText t{o.value("en").toString(), o.value("vi").toString()};
    if (t.en.isEmpty())
        fail(QStringLiteral("missing English text of '%1'").arg(what));
    if (t.vi.isEmpty())
        fail(QStringLiteral("missing Vietnamese text of '%1'").arg(what));
    return t;
}

Tolerance parseTolerance(const QJsonValue& v)
{
    if (v.isUndefined() || v.toString() == QLatin1String("exact"))
        return {};
    const QJsonObject o = v.toObject();
    if (o.value("absolute").isDouble())
        return {Tolerance::Kind::Absolute, o.value("absolute").toDouble()};
    if (o.value("relative").isDouble())
        return {Tolerance::Kind::Relative, o.value("relative").toDouble()};
    fail(QStringLiteral("'tolerance' must be \"exact\", {\"absolute\": x} or {\"relative\": x}"));
}

} // namespace

QString LocalizedText::text(const QString& language) const
{
    return language == QLatin1String("vi") && !vi.isEmpty() ? vi : en;
}

bool Tolerance::accepts(double expected, double given) const
{
    if (std::isnan(expected))
        return std::isnan(given);
    if (std::isinf(expected))
        return given == expected;
    switch (kind) {
    case Kind::Exact: return given == expected;
    case Kind::Absolute: return std::abs(given - expected) <= amount;
    case Kind::Relative: return std::abs(given - expected) <= amount * std::abs(expected);
    }
    return false;
}

Expected expectedAnswer(const QJsonObject& c)
{
    const QString kind = c.value("compute").toString();
    const QString ask = c.value("ask").toString();
    if (kind == "encode")
        return computeEncode(c, ask);
    if (kind == "decode")
        return computeDecode(c);
    if (kind == "format")
        return computeFormat(c, ask);
    if (kind == "round") {
        const Rounding rounding = Rounding::parse(stringField(c, "rounding").toStdString());
        return numberAnswer(roundToIntegral(numberField(c, "value"), rounding));
    }
    if (kind == "quantize")
        return computeQuantize(c, ask);
    if (kind == "memory")
        return computeMemory(c, ask);
    fail(QStringLiteral("unknown compute '%1' (encode, decode, format, round, quantize, memory)").arg(kind));
}

namespace {

AnswerReading unreadable(const QString& problem)
{
    return {std::nullopt, problem};
}

AnswerReading readPlain(QString t, const QString& original);

// Superscript digits and minus as in "2⁻⁹" or "10⁻³": to "^-9".
QString fromSuperscript(const QString& text)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString out;
    bool inExponent = false;
    for (const QChar c : text) {
        const qsizetype d = digits.indexOf(c);
        const bool super = d >= 0 || c == QChar(0x207B) || c == QChar(0x207A);
        if (super && !inExponent)
            out += QLatin1Char('^');
        inExponent = super;
        if (d >= 0)
            out += QChar(char16_t(u'0' + d));
        else if (c == QChar(0x207B))
            out += QLatin1Char('-');
        else if (c != QChar(0x207A))
            out += c;
    }
    return out;
}

AnswerReading readPlain(QString t, const QString& original)
{
    if (t.isEmpty())
        return unreadable(QStringLiteral("the answer is empty"));
    // Vietnamese writes 0,5 for 0.5: one comma and no point is a decimal comma.
    if (t.count(QLatin1Char(',')) == 1 && !t.contains(QLatin1Char('.')))
        t.replace(QLatin1Char(','), QLatin1Char('.'));
    else if (t.contains(QLatin1Char(',')))
        t.remove(QLatin1Char(',')); // thousands separators: 65,504
    if (const qsizetype slash = t.indexOf(QLatin1Char('/')); slash >= 0) {
        if (slash == 0 || t.mid(slash + 1).contains(QLatin1Char('/')))
            return unreadable(QStringLiteral("'%1' is not a fraction a/b").arg(original));
        const AnswerReading num = readPlain(t.left(slash), original);
        const AnswerReading den = readPlain(t.mid(slash + 1), original);
        if (!num.value)
            return num;
        if (!den.value)
            return den;
        if (*den.value == 0)
            return unreadable(QStringLiteral("'%1' divides by zero").arg(original));
        return {*num.value / *den.value, {}};
    }
    // a×b, a*b, a·b (1.5×10^-3)
    for (const QChar times : {QChar(0x00D7), QChar(QLatin1Char('*')), QChar(0x00B7)}) {
        if (const qsizetype at = t.indexOf(times); at > 0) {
            const AnswerReading a = readPlain(t.left(at), original);
            const AnswerReading b = readPlain(t.mid(at + 1), original);
            if (!a.value)
                return a;
            if (!b.value)
                return b;
            return {*a.value * *b.value, {}};
        }
    }
    if (const qsizetype caret = t.indexOf(QLatin1Char('^')); caret >= 0) {
        if (caret == 0)
            return unreadable(QStringLiteral("'%1' has no base before ^").arg(original));
        const AnswerReading base = readPlain(t.left(caret), original);
        const AnswerReading exponent = readPlain(t.mid(caret + 1), original);
        if (!base.value)
            return base;
        if (!exponent.value)
            return exponent;
        return {std::pow(*base.value, *exponent.value), {}};
    }
    const bool negative = t.startsWith(QLatin1Char('-'));
    const QString body = (negative || t.startsWith(QLatin1Char('+'))) ? t.mid(1) : t;
    const double sign = negative ? -1.0 : 1.0;
    if (body == QLatin1String("inf") || body == QLatin1String("infinity") || body == QStringLiteral("∞"))
        return {sign * INFINITY, {}};
    if (body == QLatin1String("nan"))
        return {NAN, {}};
    bool ok = false;
    if (body.startsWith(QLatin1String("0x")) || body.startsWith(QLatin1String("0b"))) {
        const bool hex = body[1] == QLatin1Char('x');
        const QString digits = body.mid(2);
        if (digits.isEmpty())
            return unreadable(QStringLiteral("'%1' has no digits after %2").arg(original, body.left(2)));
        const qulonglong v = digits.toULongLong(&ok, hex ? 16 : 2);
        if (!ok)
            return unreadable(hex ? QStringLiteral("'%1' has a digit that is not hexadecimal (0-9, a-f)").arg(original)
                                  : QStringLiteral("'%1' has a digit that is not binary (0 or 1)").arg(original));
        return {sign * double(v), {}};
    }
    if (body.endsWith(QLatin1Char('h')) && body.size() > 1) { // 38h
        const qulonglong v = body.chopped(1).toULongLong(&ok, 16);
        if (ok)
            return {sign * double(v), {}};
    }
    const double v = t.toDouble(&ok);
    if (!ok) {
        static const QRegularExpression letters(QStringLiteral("[a-z]"));
        if (t.contains(letters))
            return unreadable(QStringLiteral("'%1' is not a number (write digits, 0x…, 0b…, a/b or 2^k)").arg(original));
        return unreadable(QStringLiteral("'%1' is not a number").arg(original));
    }
    if (!std::isfinite(v))
        return unreadable(QStringLiteral("'%1' is too large").arg(original));
    return {v, {}};
}

} // namespace

AnswerReading readNumericAnswer(const QString& typed, int codeBits)
{
    const QString original = typed.trimmed();
    QString t = fromSuperscript(original.toLower());
    t.replace(QChar(0x2212), QLatin1Char('-')); // typographic minus
    t.replace(QChar(0x2013), QLatin1Char('-')); // en dash typed as a minus
    // A trailing unit after a space: "140 GB", "21.5 dB", "4.5 bits"; or "12 %", "12%".
    static const QRegularExpression unit(QStringLiteral("(\\s+(db|gb|bits?|bytes?)|\\s*%)$"));
    t.remove(unit);
    // A bit string when the answer is a code: "0 10000011 1001001…", "0011_1000".
    if (codeBits > 0) {
        QString bits = t;
        bits.remove(QLatin1Char(' '));
        bits.remove(QLatin1Char('_'));
        const bool ellipsis = bits.endsWith(QStringLiteral("…")) || bits.endsWith(QLatin1String("..."));
        if (ellipsis)
            bits.chop(bits.endsWith(QStringLiteral("…")) ? 1 : 3);
        static const QRegularExpression binary(QStringLiteral("^[01]+$"));
        const bool separated = t.contains(QLatin1Char(' ')) || t.contains(QLatin1Char('_'));
        if (binary.match(bits).hasMatch() && (separated || ellipsis || bits.size() == codeBits)) {
            if (bits.size() > codeBits)
                return unreadable(
                    QStringLiteral("'%1' has %2 bits; the answer has %3").arg(original).arg(bits.size()).arg(codeBits));
            if (ellipsis)
                bits = bits.leftJustified(codeBits, QLatin1Char('0'));
            else if (bits.size() < codeBits && separated)
                return unreadable(QStringLiteral("'%1' has %2 bits; the answer has %3 (end with … for trailing zeros)")
                                      .arg(original)
                                      .arg(bits.size())
                                      .arg(codeBits));
            bool ok = false;
            return {double(bits.toULongLong(&ok, 2)), {}};
        }
    }
    t.remove(QLatin1Char(' '));
    t.remove(QLatin1Char('_'));
    if (t.endsWith(QStringLiteral("…")) || t.endsWith(QLatin1String("...")))
        return unreadable(QStringLiteral("'%1' ends with …: write the whole number").arg(original));
    return readPlain(t, original);
}

std::optional<double> parseNumericAnswer(const QString& typed)
{
    return readNumericAnswer(typed).value;
}

Verdict gradeNumeric(const Question& q, const QString& typed)
{
    const Expected expected = expectedAnswer(q.compute);
    Verdict verdict;
    verdict.expectedText = expected.display;
    const AnswerReading given = readNumericAnswer(typed, expected.isCode ? expected.codeBits : 0);
    if (!given.value) {
        verdict.kind = Verdict::Kind::Unreadable;
        verdict.problem = given.problem;
    } else {
        verdict.kind =
            q.tolerance.accepts(expected.value, *given.value) ? Verdict::Kind::Correct : Verdict::Kind::Wrong;
    }
    return verdict;
}

int correctOption(const Question& q)
{
    if (q.compute.isEmpty())
        return q.storedCorrect;
    const double expected = expectedAnswer(q.compute).value;
    int match = -1;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].value && q.tolerance.accepts(expected, *q.options[i].value)) {
            if (match >= 0)
                fail(QStringLiteral("%1: options %2 and %3 both match the computed answer %4")
                         .arg(q.id)
                         .arg(match + 1)
                         .arg(i + 1)
                         .arg(showNumber(expected)));
            match = int(i);
        }
    }
    if (match < 0)
        fail(QStringLiteral("%1: no option matches the computed answer %2").arg(q.id, showNumber(expected)));
    return match;
}

Verdict gradeChoice(const Question& q, int chosen, const QString& language)
{
    const int correct = correctOption(q);
    Verdict verdict;
    verdict.expectedText = q.options[std::size_t(correct)].text.text(language);
    if (chosen < 0 || chosen >= int(q.options.size())) {
        verdict.kind = Verdict::Kind::Unreadable;
        verdict.problem = QStringLiteral("no option is picked");
    }
    else
        verdict.kind = chosen == correct ? Verdict::Kind::Correct : Verdict::Kind::Wrong;
    return verdict;
}

std::vector<Question> parseQuestionFile(const QByteArray& json, const QString& sourceName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        fail(QStringLiteral("%1: not valid JSON at offset %2: %3")
                 .arg(sourceName)
                 .arg(error.offset)
                 .arg(error.errorString()));
    const QJsonObject root = doc.object();
    const QJsonObject topic = root.value("topic").toObject();
    const QJsonArray list = root.value("questions").toArray();
    if (topic.value("id").toString().isEmpty() || list.isEmpty())
        fail(QStringLiteral("%1: needs a \"topic\" {\"id\", \"title\"} and a non-empty \"questions\" array")
                 .arg(sourceName));
    std::vector<Question> out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        Question q;
        q.id = o.value("id").toString();
        try {
            if (q.id.isEmpty())
                fail(QStringLiteral("missing 'id'"));
            q.topicId = topic.value("id").toString();
            q.topicTitle = localized(topic.value("title"), QStringLiteral("title"));
            q.prompt = localized(o.value("prompt"), QStringLiteral("prompt"));
            q.explanation = localized(o.value("explanation"), QStringLiteral("explanation"));
            q.compute = o.value("answer").toObject();
            q.tolerance = parseTolerance(o.value("tolerance"));
            q.show = o.value("show").toObject();
            if (q.show.isEmpty())
                fail(QStringLiteral("missing 'show' (the app state that reveals the answer)"));
            const QString type = o.value("type").toString();
            if (type == "numeric") {
                q.kind = QuestionKind::Numeric;
                if (q.compute.isEmpty())
                    fail(QStringLiteral("a numeric question needs 'answer' (what the core computes)"));
                expectedAnswer(q.compute);
            } else if (type == "choice") {
                q.kind = QuestionKind::Choice;
                const QJsonArray options = o.value("options").toArray();
                if (options.size() < 2)
                    fail(QStringLiteral("a choice question needs at least two 'options'"));
                for (const QJsonValue& v : options) {
                    const QJsonObject opt = v.toObject();
                    ChoiceOption option{localized(opt.value("text"), QStringLiteral("option")), std::nullopt};
                    if (opt.contains("value"))
                        option.value = numberField(opt, "value");
                    q.options.push_back(option);
                }
                if (q.compute.isEmpty()) {
                    q.storedCorrect = o.value("correct").toInt(-1);
                    if (q.storedCorrect < 0 || q.storedCorrect >= int(q.options.size()))
                        fail(QStringLiteral("'correct' must index an option (0-based) when there is no 'answer'"));
                } else {
                    correctOption(q);
                }
            } else {
                fail(QStringLiteral("'type' must be \"numeric\" or \"choice\""));
            }
        } catch (const Error& e) {
            fail(QStringLiteral("%1: question %2 (%3): %4")
                     .arg(sourceName)
                     .arg(i + 1)
                     .arg(q.id, QString::fromStdString(e.what())));
        }
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<Question> loadQuestionDirectory(const QString& directory)
{
    std::vector<Question> all;
    const QDir dir(directory);
    const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            fail(QStringLiteral("%1: cannot be read").arg(name));
        auto questions = parseQuestionFile(file.readAll(), name);
        for (auto& q : questions)
            all.push_back(std::move(q));
    }
    return all;
}

} // namespace qs::quiz
