#include "bitlab/formatinfo.h"

#include <QLocale>
#include <QObject>
#include <QPalette>

#include <cmath>

namespace qs {

namespace {

std::uint64_t lowMask(int bits)
{
    return bits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
}

QString powerOfTwo(int k)
{
    return QStringLiteral("2<sup>%1</sup>").arg(k);
}

} // namespace

bool isFloat(const NumberFormat& format)
{
    return std::holds_alternative<FloatFormat>(format);
}

const FloatFormat* asFloat(const NumberFormat& format)
{
    return std::get_if<FloatFormat>(&format);
}

const FixedFormat* asFixed(const NumberFormat& format)
{
    return std::get_if<FixedFormat>(&format);
}

QString displayName(const NumberFormat& format)
{
    const std::string name = formatName(format);
    if (!name.empty())
        return QString::fromStdString(name);
    if (const auto* f = asFloat(format))
        return QString::fromStdString(f->spec());
    return QString::fromStdString(std::get<FixedFormat>(format).spec());
}

BitField fieldOfBit(const NumberFormat& format, int bit)
{
    if (const auto* f = asFloat(format)) {
        if (bit < f->mantissaBits())
            return BitField::Mantissa;
        if (bit < f->mantissaBits() + f->exponentBits())
            return BitField::Exponent;
        return BitField::Sign;
    }
    const auto& x = std::get<FixedFormat>(format);
    if (x.isSigned() && bit == x.totalBits() - 1)
        return BitField::Sign;
    return bit < x.fractionBits() ? BitField::Fraction : BitField::Integer;
}

QString fieldName(BitField field)
{
    switch (field) {
    case BitField::Sign: return QObject::tr("sign");
    case BitField::Exponent: return QObject::tr("exponent");
    case BitField::Mantissa: return QObject::tr("mantissa");
    case BitField::Integer: return QObject::tr("integer");
    case BitField::Fraction: return QObject::tr("fraction");
    }
    return {};
}

QString bitWeightText(const NumberFormat& format, int bit)
{
    const BitField field = fieldOfBit(format, bit);
    if (const auto* f = asFloat(format)) {
        switch (field) {
        case BitField::Sign:
            return QObject::tr("<b>Sign bit</b> (bit %1): 0 means positive, 1 means negative.").arg(bit);
        case BitField::Exponent: {
            const int j = bit - f->mantissaBits();
            return QObject::tr("<b>Exponent bit</b> (bit %1): adds %2 = %3 to the stored exponent E; "
                               "the value is scaled by 2<sup>E − bias</sup> with bias %4.")
                .arg(bit)
                .arg(powerOfTwo(j))
                .arg(QString::number(std::ldexp(1.0, j), 'g', 17))
                .arg(f->bias());
        }
        default: {
            const int j = f->mantissaBits() - bit;
            return QObject::tr("<b>Mantissa bit</b> (bit %1): adds %2 = %3 to the significand 1.M "
                               "(0.M for subnormals).")
                .arg(bit)
                .arg(powerOfTwo(-j))
                .arg(QString::number(std::ldexp(1.0, -j), 'g', 17));
        }
        }
    }
    const auto& x = std::get<FixedFormat>(format);
    switch (field) {
    case BitField::Sign:
        return QObject::tr("<b>Sign bit</b> (bit %1, two's complement): worth −%2 = −%3.")
            .arg(bit)
            .arg(powerOfTwo(x.integerBits()))
            .arg(QString::number(std::ldexp(1.0, x.integerBits()), 'g', 17));
    case BitField::Integer: {
        const int j = bit - x.fractionBits();
        return QObject::tr("<b>Integer bit</b> (bit %1): worth %2 = %3.")
            .arg(bit)
            .arg(powerOfTwo(j))
            .arg(QString::number(std::ldexp(1.0, j), 'g', 17));
    }
    default: {
        const int j = x.fractionBits() - bit;
        return QObject::tr("<b>Fraction bit</b> (bit %1): worth %2 = %3.")
            .arg(bit)
            .arg(powerOfTwo(-j))
            .arg(QString::number(std::ldexp(1.0, -j), 'g', 17));
    }
    }
}

QString fieldSummary(const NumberFormat& format, std::uint64_t code, BitField field)
{
    if (const auto* f = asFloat(format)) {
        const std::uint64_t e = f->exponentFieldOf(code);
        const std::uint64_t m = f->mantissaFieldOf(code);
        const ValueClass cls = f->classify(code);
        switch (field) {
        case BitField::Sign: return f->signOf(code) ? QStringLiteral("−") : QStringLiteral("+");
        case BitField::Exponent:
            if (cls == ValueClass::NaN || cls == ValueClass::Infinite)
                return cls == ValueClass::NaN ? QObject::tr("%1 → NaN").arg(e) : QObject::tr("%1 → ∞").arg(e);
            if (e == 0 && f->hasSubnormals() && f->mantissaBits() > 0)
                return QObject::tr("0 → 2<sup>%1</sup> (subnormal)").arg(1 - f->bias());
            if (e == 0 && f->flushesToZero())
                return QObject::tr("0 → zero (flushed)");
            return QStringLiteral("%1 − %2 = %3").arg(e).arg(f->bias()).arg(qint64(e) - f->bias());
        default: {
            if (f->mantissaBits() == 0)
                return {};
            if (e == 0 && f->flushesToZero())
                return m == 0 ? QStringLiteral("0") : QObject::tr("ignored (flushed to zero)");
            const bool subnormal = e == 0 && f->hasSubnormals();
            const double frac = std::ldexp(double(m), -f->mantissaBits());
            return QString::number((subnormal ? 0.0 : 1.0) + frac, 'g', 17);
        }
        }
    }
    const auto& x = std::get<FixedFormat>(format);
    switch (field) {
    case BitField::Sign:
        return (code >> (x.totalBits() - 1)) & 1
                   ? QStringLiteral("−%1").arg(QString::number(std::ldexp(1.0, x.integerBits()), 'g', 17))
                   : QStringLiteral("0");
    case BitField::Integer: return QString::number((code >> x.fractionBits()) & lowMask(x.integerBits()));
    default: {
        const double frac = std::ldexp(double(code & lowMask(x.fractionBits())), -x.fractionBits());
        QString t = QString::number(frac, 'g', 17);
        return t.startsWith(QLatin1Char('0')) && t.size() > 1 ? t.mid(1) : t;
    }
    }
}

std::uint64_t codeMask(const NumberFormat& format)
{
    return lowMask(totalBits(format));
}

std::uint64_t fieldMask(const NumberFormat& format, BitField field)
{
    std::uint64_t mask = 0;
    for (int k = 0; k < totalBits(format); ++k)
        if (fieldOfBit(format, k) == field)
            mask |= std::uint64_t(1) << k;
    return mask;
}

double decodeCode(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return f->decode(code);
    return std::get<FixedFormat>(format).decodeBits(code);
}

QString exactDecimalText(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return QString::fromStdString(f->exactDecimal(code));
    return QString::fromStdString(std::get<FixedFormat>(format).exactDecimal(code));
}

QString scientificOf(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    return QString::number(value, 'e', 9);
}

QString hexOf(const NumberFormat& format, std::uint64_t code)
{
    const int digits = (totalBits(format) + 3) / 4;
    return QStringLiteral("0x%1")
        .arg(code, digits, 16, QLatin1Char('0'))
        .toUpper()
        .replace(QLatin1String("0X"), QLatin1String("0x"));
}

QString bitStringOf(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return QString::fromStdString(f->bitString(code));
    return QString::fromStdString(std::get<FixedFormat>(format).bitString(code));
}

QString classNameOf(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return QString::fromStdString(toString(f->classify(code)));
    const auto& x = std::get<FixedFormat>(format);
    if (x.codeOfBits(code) == 0)
        return QStringLiteral("zero");
    return x.isInteger() ? QStringLiteral("integer") : QStringLiteral("fixed");
}

bool isFiniteCode(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format)) {
        const ValueClass c = f->classify(code);
        return c != ValueClass::NaN && c != ValueClass::Infinite;
    }
    return true;
}

EncodeOutcome encodeValue(const NumberFormat& format, double x, const Rounding& rounding, bool saturate,
                          std::uint64_t stochasticIndex)
{
    EncodeOutcome out;
    if (const auto* f = asFloat(format)) {
        const EncodeResult r =
            f->encode(x, rounding, saturate ? OverflowMode::Saturate : OverflowMode::Ieee, stochasticIndex);
        out.code = r.code;
        out.value = r.value;
        out.inexact = r.inexact;
        out.overflow = r.overflow;
        out.underflow = r.underflow;
        return out;
    }
    const auto& fx = std::get<FixedFormat>(format);
    const FixedEncodeResult r = fx.encode(x, rounding, stochasticIndex);
    out.code = r.bits;
    out.value = r.value;
    out.inexact = r.inexact;
    out.overflow = r.saturated;
    // A nonzero input that lands on code 0 has vanished below the resolution.
    out.underflow = x != 0 && r.code == 0;
    return out;
}

std::uint64_t nextUpCode(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return f->nextUp(code);
    const auto& x = std::get<FixedFormat>(format);
    const std::int64_t c = x.codeOfBits(code);
    return x.bitsOfCode(c < x.maxCode() ? c + 1 : c);
}

std::uint64_t nextDownCode(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return f->nextDown(code);
    const auto& x = std::get<FixedFormat>(format);
    const std::int64_t c = x.codeOfBits(code);
    return x.bitsOfCode(c > x.minCode() ? c - 1 : c);
}

double ulpAt(const NumberFormat& format, std::uint64_t code)
{
    if (const auto* f = asFloat(format))
        return f->ulp(code);
    return std::get<FixedFormat>(format).resolution();
}

QString propertyNumber(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    if (v == 0)
        return QStringLiteral("0");
    int e = 0;
    const double m = std::frexp(std::fabs(v), &e);
    // Powers of two read best as such; large or tiny ones also get a decimal.
    if (m == 0.5) {
        const int k = e - 1;
        if (k >= -10 && k <= 20)
            return QString::number(v, 'g', 17);
        return QStringLiteral("%1 2^%2 ≈ %3")
            .arg(v < 0 ? QStringLiteral("−") : QString())
            .arg(k)
            .arg(QString::number(v, 'g', 4));
    }
    const double a = std::fabs(v);
    if (a >= 1e-4 && a < 1e9)
        return QString::number(v, 'g', 9);
    return QString::number(v, 'g', 6);
}

QString shortValue(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    if (v == 0)
        return std::signbit(v) ? QStringLiteral("−0") : QStringLiteral("0");
    QString t = QString::number(v, 'g', QLocale::FloatingPointShortest);
    if (t.startsWith(QLatin1Char('-')))
        t.replace(0, 1, QStringLiteral("−"));
    return t;
}

QColor fieldColor(BitField field)
{
    // Okabe & Ito (2008): reddish purple, blue, orange, bluish green, vermillion.
    switch (field) {
    case BitField::Sign: return QColor(0xCC, 0x79, 0xA7);
    case BitField::Exponent: return QColor(0x00, 0x72, 0xB2);
    case BitField::Mantissa: return QColor(0xE6, 0x9F, 0x00);
    case BitField::Integer: return QColor(0x00, 0x9E, 0x73);
    case BitField::Fraction: return QColor(0xD5, 0x5E, 0x00);
    }
    return Qt::gray;
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

} // namespace qs
