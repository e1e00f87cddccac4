#include "lessons/lessonvalues.h"

#include "formats/error.h"
#include "formats/numberformat.h"
#include "model/memory.h"
#include "options/optiondef.h"
#include "quant/pipeline.h"
#include "quant/quantoptions.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <set>

namespace qs {

namespace {

[[noreturn]] void bad(const QString& placeholder, const QString& why)
{
    throw ArgumentError(QStringLiteral("{{%1}}: %2").arg(placeholder, why).toStdString());
}

// Shortest round-trip text (digits <= 0) or `digits` significant digits; typographic minus.
QString number(double v, int digits = 0)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞"); // as the Bit Lab writes it
    QString t = QString::number(v, 'g', digits > 0 ? digits : QLocale::FloatingPointShortest);
    if (t.startsWith(QLatin1Char('-')))
        t.replace(0, 1, QStringLiteral("−"));
    return t;
}

double decimal(const QString& placeholder, const QString& text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok)
        bad(placeholder, QStringLiteral("'%1' is not a number").arg(text));
    return v;
}

int digitsArg(const QString& placeholder, const QStringList& args, int index)
{
    if (args.size() <= index)
        return 0;
    bool ok = false;
    const int d = args.at(index).toInt(&ok);
    if (!ok || d < 1 || d > 17)
        bad(placeholder, QStringLiteral("digits '%1' must be 1 … 17").arg(args.at(index)));
    return d;
}

NumberFormat formatOf(const QString& placeholder, const QStringList& args)
{
    if (args.size() < 2)
        bad(placeholder, QStringLiteral("needs a format"));
    try {
        return parseFormat(args.at(1).toStdString());
    } catch (const Error& e) {
        bad(placeholder, QString::fromUtf8(e.what()));
    }
}

struct Encoded
{
    std::uint64_t code = 0;
    double value = 0;
};

Encoded encode(const NumberFormat& f, double x)
{
    if (const auto* ff = std::get_if<FloatFormat>(&f)) {
        const EncodeResult r = ff->encode(x);
        return {r.code, r.value};
    }
    const FixedEncodeResult r = std::get<FixedFormat>(f).encode(x);
    return {r.bits, r.value};
}

QString bitString(const NumberFormat& f, std::uint64_t code)
{
    const int total = totalBits(f);
    QString bits = QString::number(code, 2).rightJustified(total, QLatin1Char('0'));
    if (const auto* ff = std::get_if<FloatFormat>(&f)) {
        // sign | exponent | mantissa, as the Bit Lab colours them
        const int m = ff->mantissaBits(), e = ff->exponentBits();
        if (m > 0)
            bits.insert(total - m, QLatin1Char(' '));
        if (ff->isSigned() && e > 0)
            bits.insert(1, QLatin1Char(' '));
    }
    return bits;
}

QString valueArg(const QString& placeholder, const QStringList& args)
{
    if (args.size() < 3)
        bad(placeholder, QStringLiteral("needs a format and a value"));
    return args.at(2);
}

QString formatValue(const QString& placeholder, const QStringList& args)
{
    const QString& name = args.at(0);
    const NumberFormat f = formatOf(placeholder, args);
    if (name == QLatin1String("stored") || name == QLatin1String("bits") || name == QLatin1String("hex")) {
        const Encoded e = encode(f, decimal(placeholder, valueArg(placeholder, args)));
        if (name == QLatin1String("stored"))
            return number(e.value, digitsArg(placeholder, args, 3));
        if (name == QLatin1String("bits"))
            return bitString(f, e.code);
        const int digits = (totalBits(f) + 3) / 4;
        return QStringLiteral("0x") + QString::number(e.code, 16).toUpper().rightJustified(digits, QLatin1Char('0'));
    }
    const int digits = digitsArg(placeholder, args, 2);
    if (const auto* ff = std::get_if<FloatFormat>(&f)) {
        if (name == QLatin1String("max"))
            return number(ff->maxFinite(), digits);
        if (name == QLatin1String("min_normal"))
            return number(ff->minNormal(), digits);
        if (name == QLatin1String("min_subnormal"))
            return number(ff->minSubnormal(), digits);
        if (name == QLatin1String("epsilon"))
            return number(ff->epsilon(), digits);
    } else {
        const auto& fx = std::get<FixedFormat>(f);
        if (name == QLatin1String("max"))
            return number(fx.maxValue(), digits);
        if (name == QLatin1String("resolution"))
            return number(fx.resolution(), digits);
    }
    bad(placeholder, QStringLiteral("'%1' is not defined for this format").arg(name));
}

const QStringList& explorerNames()
{
    static const QStringList names = {
        QStringLiteral("sqnr"),       QStringLiteral("mse"),       QStringLiteral("max_error"),
        QStringLiteral("scale"),      QStringLiteral("zero_point"), QStringLiteral("clip_max"),
        QStringLiteral("clip_min"),   QStringLiteral("bits_per_value"), QStringLiteral("levels"),
        QStringLiteral("distinct"),   QStringLiteral("codes"),     QStringLiteral("dequantized")};
    return names;
}

QString list(const QString& placeholder, std::int64_t n, const auto& at)
{
    if (n > 32)
        bad(placeholder, QStringLiteral("the data has %1 values; lists are for up to 32").arg(n));
    QStringList items;
    for (std::int64_t i = 0; i < n; ++i)
        items << number(at(i));
    return QStringLiteral("[%1]").arg(items.join(QStringLiteral(", ")));
}

QString explorerValue(const QString& placeholder, const QString& name, const QString& overrides,
                      const LessonContext& context)
{
    if (!context.tensor || !context.config)
        bad(placeholder, QStringLiteral("needs the explorer's data and settings"));
    QuantConfig config = *context.config;
    // key=value pairs with the command line's option names and spellings (quant/quantoptions.h).
    for (const QString& pair : overrides.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            bad(placeholder, QStringLiteral("'%1' is not key=value").arg(pair));
        const std::string key = pair.left(eq).trimmed().toStdString();
        const std::string value = pair.mid(eq + 1).trimmed().toStdString();
        const QuantOption* option = findQuantOption(key);
        if (!option)
            bad(placeholder, QStringLiteral("unknown setting '%1'").arg(QString::fromStdString(key)));
        try {
            if (key == "quantizer") // brings its own granularity and range, as in an app state (appStateConfig)
                config.granularity = Granularity{};
            option->set(config, readOptionText(option->def, value, "{{" + placeholder.toStdString() + "}}"));
            if (key == "quantizer" && !(config.kind == QuantizerKind::Uniform && config.isSigned))
                config.range = QuantRange::Full;
        } catch (const Error& e) {
            bad(placeholder, QString::fromUtf8(e.what()));
        }
    }
    try {
        config.validate();
    } catch (const Error& e) {
        bad(placeholder, QString::fromUtf8(e.what()));
    }
    QuantResult r;
    try {
        r = runQuantization(*context.tensor, config);
    } catch (const Error& e) {
        bad(placeholder, QString::fromUtf8(e.what()));
    }
    if (name == QLatin1String("sqnr"))
        return QString::number(r.metrics.sqnrDb, 'f', 1);
    if (name == QLatin1String("mse"))
        return number(r.metrics.mse, 3);
    if (name == QLatin1String("max_error"))
        return number(r.metrics.maxAbsError, 3);
    if (name == QLatin1String("bits_per_value"))
        return number(r.bitsPerValue, 4);
    if (name == QLatin1String("clip_max"))
        return number(r.calibration.clipMax, 4);
    if (name == QLatin1String("clip_min"))
        return number(r.calibration.clipMin, 4);
    if (name == QLatin1String("levels"))
        return QString::number(qint64(r.codeMax) - r.codeMin + 1);
    if (r.groups.empty() && (name == QLatin1String("scale") || name == QLatin1String("zero_point")))
        bad(placeholder, QStringLiteral("no groups"));
    if (name == QLatin1String("scale"))
        return number(r.groups.front().scale, 6);
    if (name == QLatin1String("zero_point"))
        return number(r.groups.front().zeroPoint);
    if (name == QLatin1String("distinct")) {
        std::set<float> values;
        for (const float v : r.dequantized.values())
            if (std::isfinite(v))
                values.insert(v);
        return QString::number(values.size());
    }
    if (name == QLatin1String("codes"))
        return list(placeholder, qint64(r.codes.size()), [&](std::int64_t i) { return double(r.codes[std::size_t(i)]); });
    return list(placeholder, r.dequantized.size(), [&](std::int64_t i) { return double(r.dequantized.data()[i]); });
}

} // namespace

bool needsExplorer(const QString& placeholder)
{
    return explorerNames().contains(placeholder.section(QLatin1Char(':'), 0, 0).trimmed());
}

QString lessonValue(const QString& placeholder, const LessonContext& context)
{
    const QString name = placeholder.section(QLatin1Char(':'), 0, 0).trimmed();
    if (explorerNames().contains(name))
        return explorerValue(placeholder, name, placeholder.section(QLatin1Char(':'), 1), context);
    const QStringList args = placeholder.split(QLatin1Char(':'));
    static const QStringList formatNames = {QStringLiteral("stored"),     QStringLiteral("bits"),
                                            QStringLiteral("hex"),        QStringLiteral("max"),
                                            QStringLiteral("min_normal"), QStringLiteral("min_subnormal"),
                                            QStringLiteral("epsilon"),    QStringLiteral("resolution")};
    if (formatNames.contains(name))
        return formatValue(placeholder, args);
    if (name == QLatin1String("memory")) {
        if (args.size() != 3)
            bad(placeholder, QStringLiteral("needs parameters and a storage format: {{memory:70e9:int4}}"));
        MemorySpec spec;
        spec.parameters = decimal(placeholder, args.at(1));
        try {
            spec.weights = StorageFormat::parse(args.at(2).toStdString());
            for (const MemoryLine& line : estimateMemory(spec).lines)
                if (line.item == "weights") {
                    // as the memory page writes it: 350, 35.0, 3.50 (ui/modellab/memorypage.cpp)
                    const double gb = line.bytes / 1e9;
                    return QString::number(gb, 'f', gb >= 100 ? 0 : (gb >= 10 ? 1 : 2));
                }
        } catch (const Error& e) {
            bad(placeholder, QString::fromUtf8(e.what()));
        }
        bad(placeholder, QStringLiteral("no weights line"));
    }
    bad(placeholder, QStringLiteral("unknown placeholder '%1' (docs/lessons.md)").arg(name));
}

QStringList lessonPlaceholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("\\{\\{([^{}]*)\\}\\}"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

QString expandLessonText(const QString& text, const LessonContext& context)
{
    static const QRegularExpression re(QStringLiteral("\\{\\{([^{}]*)\\}\\}"));
    QString out;
    qsizetype last = 0;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        out += lessonValue(m.captured(1), context);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

} // namespace qs
