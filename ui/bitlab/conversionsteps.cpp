#include "bitlab/conversionsteps.h"

#include "bitlab/formatinfo.h"

#include <QObject>

#include <bit>
#include <cmath>

namespace qs {

namespace {

// |a| = sig * 2^lsb with sig odd; msb is the power of two of the leading 1.
struct Binary
{
    std::uint64_t sig = 0;
    int lsb = 0;
    int msb = 0;
};

Binary split(double a)
{
    Binary b;
    int e2 = 0;
    const double m = std::frexp(std::fabs(a), &e2);
    b.sig = std::uint64_t(std::ldexp(m, 53));
    b.lsb = e2 - 53;
    while (b.sig && !(b.sig & 1)) {
        b.sig >>= 1;
        ++b.lsb;
    }
    b.msb = b.lsb + 63 - std::countl_zero(b.sig);
    return b;
}

int bitAt(const Binary& b, int position)
{
    if (position < b.lsb || position > b.msb)
        return 0;
    return int((b.sig >> (position - b.lsb)) & 1);
}

QString bitsFrom(const Binary& b, int from, int to) // positions from (high) down to to (low), inclusive
{
    QString s;
    for (int p = from; p >= to; --p)
        s += QLatin1Char(bitAt(b, p) ? '1' : '0');
    return s;
}

QString binaryOfInt(std::uint64_t v, int width)
{
    return QStringLiteral("%1").arg(v, width, 2, QLatin1Char('0'));
}

QString sub2(const QString& s)
{
    return s + QStringLiteral("<sub>2</sub>");
}

QString pow2(int e)
{
    return QStringLiteral("2<sup>%1</sup>").arg(e);
}

std::uint64_t lowMask(int bits)
{
    return bits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1;
}

// The code's bits with a space between fields: "0 10000011 1001001…".
QString groupedBits(const NumberFormat& format, std::uint64_t code)
{
    const QString bits = bitStringOf(format, code);
    QString out;
    const int n = bits.size();
    for (int i = 0; i < n; ++i) {
        const int k = n - 1 - i;
        if (i > 0 && fieldOfBit(format, k) != fieldOfBit(format, k + 1))
            out += QLatin1Char(' ');
        out += bits[i];
    }
    return out;
}

QString resultDetail(const NumberFormat& format, const std::uint64_t code, double x, double stored)
{
    QString d = QObject::tr("Bits <b><code>%1</code></b> = %2.<br>Stored value: <b>%3</b>")
                    .arg(groupedBits(format, code), hexOf(format, code), exactDecimalText(format, code));
    if (std::isfinite(stored) && std::isfinite(x)) {
        const double err = double(static_cast<long double>(stored) - static_cast<long double>(x));
        d += QObject::tr(", error %1").arg(err == 0 ? QObject::tr("0 (exact)") : QString::number(err, 'g', 6));
        if (err != 0 && x != 0)
            d += QObject::tr(" (relative %1)").arg(QString::number(std::fabs(err / x), 'g', 3));
    }
    return d + QLatin1Char('.');
}

struct RoundingFacts
{
    bool restZero = true;
    int guard = 0;
    bool sticky = false;
    double fraction = 0; // rest / ULP, for the stochastic explanation
};

// Explains why `roundedUp` happened for the given mode; the decision itself comes from the core.
QString roundingText(const Rounding& rounding, const RoundingFacts& r, bool negative, bool roundedUp, int lastKeptBit)
{
    if (r.restZero)
        return QObject::tr("The dropped bits are all 0: the value fits exactly, nothing to round.");
    const QString dir = roundedUp ? QObject::tr("<b>round up</b> (away from zero, +1 in the last kept bit)")
                                  : QObject::tr("<b>round down</b> (drop the rest)");
    switch (rounding.mode) {
    case RoundingMode::NearestEven:
    case RoundingMode::NearestAway: {
        if (!r.guard)
            return QObject::tr("Guard bit (the first dropped bit) is 0: less than half a step, so %1.").arg(dir);
        if (r.sticky)
            return QObject::tr("Guard bit is 1 and a later dropped bit is 1 (sticky): more than half a step, "
                               "so %1.")
                .arg(dir);
        if (rounding.mode == RoundingMode::NearestAway)
            return QObject::tr("Guard bit 1 and nothing after it: exactly halfway, a tie; ties go away from zero, "
                               "so %1.")
                .arg(dir);
        return QObject::tr("Guard bit 1 and nothing after it: exactly halfway, a tie; ties go to the even "
                           "neighbour and the last kept bit is %1, so %2.")
            .arg(lastKeptBit)
            .arg(dir);
    }
    case RoundingMode::TowardZero: return QObject::tr("Truncation ignores the dropped bits: %1.").arg(dir);
    case RoundingMode::TowardPositive:
        return (negative ? QObject::tr("Rounding toward +∞ moves a negative number toward zero: %1.")
                         : QObject::tr("Rounding toward +∞ takes the larger neighbour: %1."))
            .arg(dir);
    case RoundingMode::TowardNegative:
        return (negative ? QObject::tr("Rounding toward −∞ makes a negative number more negative: %1.")
                         : QObject::tr("Rounding toward −∞ takes the smaller neighbour: %1."))
            .arg(dir);
    case RoundingMode::Stochastic:
        return QObject::tr("Stochastic rounding rounds up with probability %1 (the dropped part as a fraction "
                           "of one step); this draw says %2.")
            .arg(QString::number(r.fraction, 'g', 4))
            .arg(dir);
    }
    return dir;
}

// The kept significand K at grid 2^q and the facts about the dropped part.
std::uint64_t keepAt(const Binary& b, int q, RoundingFacts& r)
{
    if (b.lsb >= q) {
        r.restZero = true;
        const int up = b.lsb - q;
        return up >= 64 ? 0 : b.sig << up;
    }
    const int shift = q - b.lsb;
    r.restZero = false;
    r.guard = bitAt(b, q - 1);
    const std::uint64_t below = shift - 1 >= 64 ? b.sig : (b.sig & lowMask(shift - 1));
    r.sticky = below != 0;
    const std::uint64_t rest = shift >= 64 ? b.sig : (b.sig & lowMask(shift));
    r.fraction = std::ldexp(double(rest), -shift);
    return shift >= 64 ? 0 : b.sig >> shift;
}

void floatSteps(const FloatFormat& f, double x, const Rounding& rounding, bool saturate, ConversionWalkthrough& w)
{
    const NumberFormat nf = f;
    const int M = f.mantissaBits(), E = f.exponentBits(), bias = f.bias();
    // zero=off layouts (E8M0) use the all-zeros exponent as an ordinary binade.
    const int emin = f.hasZero() ? 1 - bias : -bias;
    const std::uint64_t mantMask = lowMask(M);
    const std::uint64_t expMask = lowMask(E) << M;
    const std::uint64_t signMask = f.isSigned() ? std::uint64_t(1) << (M + E) : 0;
    const OverflowMode ovf = saturate ? OverflowMode::Saturate : OverflowMode::Ieee;
    const EncodeResult actual = f.encode(x, rounding, ovf);
    w.code = actual.code;
    w.stored = actual.value;
    auto& s = w.steps;

    if (std::isnan(x)) {
        s.push_back({QObject::tr("Not a number"),
                     f.hasNan() ? QObject::tr("NaN has no digits; the format's NaN code is used.")
                                : QObject::tr("This format has no NaN; see what the encoder does with it."),
                     signMask | expMask | mantMask});
        return;
    }
    const bool negative = std::signbit(x);
    if (f.isSigned())
        s.push_back({QObject::tr("Sign"),
                     negative
                         ? QObject::tr("%1 is negative: sign bit <b>1</b>; the rest encodes |x|.").arg(shortValue(x))
                         : QObject::tr("%1 is positive: sign bit <b>0</b>.").arg(shortValue(x)),
                     signMask});
    else
        s.push_back({QObject::tr("Sign"),
                     negative ? QObject::tr("This format has no sign bit: negative numbers cannot be stored.")
                              : QObject::tr("This format has no sign bit; %1 is positive.").arg(shortValue(x)),
                     0});

    if (x == 0) {
        s.push_back({QObject::tr("Zero"),
                     f.hasZero() ? QObject::tr("Zero is the all-zero exponent with an all-zero mantissa.")
                                 : QObject::tr("This format has no zero: it becomes its smallest value %1.")
                                       .arg(shortValue(actual.value)),
                     expMask | mantMask});
        return;
    }
    if (std::isinf(x)) {
        s.push_back({QObject::tr("Infinity"),
                     f.hasInf()
                         ? QObject::tr("Infinity is the all-ones exponent with a zero mantissa.")
                         : QObject::tr("This format has no infinity: it becomes %1.").arg(shortValue(actual.value)),
                     expMask | mantMask});
        return;
    }

    const Binary b = split(x);
    const QString full = binaryExpansion(x);
    const int e = b.msb;
    const QString frac = b.msb > b.lsb ? bitsFrom(b, b.msb - 1, b.lsb) : QStringLiteral("0");
    s.push_back({QObject::tr("Write |x| in binary"),
                 full.isEmpty()
                     ? QObject::tr("|x| has too many binary digits to write out; its leading 1 is at %1.").arg(pow2(e))
                     : QObject::tr("%1 = %2").arg(shortValue(std::fabs(x)), sub2(full)),
                 0});
    s.push_back({QObject::tr("Normalise"),
                 QObject::tr("Move the binary point %1 place(s) %2 so one 1 stands before it: %3 × %4.")
                     .arg(std::abs(e))
                     .arg(e >= 0 ? QObject::tr("left") : QObject::tr("right"))
                     .arg(sub2(QStringLiteral("1.") + frac))
                     .arg(pow2(e)),
                 0});

    if (actual.overflow) {
        const QString to = std::isinf(actual.value)   ? QObject::tr("infinity")
                           : std::isnan(actual.value) ? QObject::tr("NaN (the format has no infinity)")
                                                      : QObject::tr("the largest finite value (saturation)");
        s.push_back({QObject::tr("Overflow"),
                     QObject::tr("The largest finite value is %1; %2 rounds beyond it, so it becomes %3.")
                         .arg(propertyNumber(f.maxFinite()), shortValue(x), to),
                     expMask | mantMask});
        return;
    }

    int q = e - M; // weight of the last kept mantissa bit
    bool subnormal = false;
    if (e < emin) {
        if (f.hasSubnormals() && M > 0) {
            subnormal = true;
            q = emin - M;
            s.push_back({QObject::tr("Exponent (subnormal)"),
                         QObject::tr("%1 is below the smallest normal exponent %2 = 1 − bias. The number is "
                                     "written as 0.… × %2 instead: a subnormal, exponent field <b>%3</b>.")
                             .arg(pow2(e), pow2(emin), binaryOfInt(0, E)),
                         expMask});
        } else if (!f.hasZero()) {
            s.push_back({QObject::tr("Exponent"),
                         QObject::tr("%1 is below the smallest exponent %2 = −bias and this format has no "
                                     "zero: the value becomes %2.")
                             .arg(pow2(e), pow2(emin)),
                         expMask});
        } else {
            s.push_back({QObject::tr("Exponent"),
                         QObject::tr("%1 is below the smallest normal exponent %2 and this format flushes to "
                                     "zero: the value rounds to zero or to %2.")
                             .arg(pow2(e), pow2(emin)),
                         expMask});
        }
    } else {
        const qint64 biased = qint64(e) + bias;
        s.push_back({QObject::tr("Biased exponent"),
                     QObject::tr("Store e + bias = %1 + %2 = %3 = <b>%4</b> in the %5 exponent bits.")
                         .arg(e)
                         .arg(bias)
                         .arg(biased)
                         .arg(biased >= 0 && biased < (qint64(1) << E) ? sub2(binaryOfInt(std::uint64_t(biased), E))
                                                                       : QObject::tr("(out of range)"))
                         .arg(E),
                     expMask});
    }

    if (!subnormal && e < emin) {
        s.push_back(
            {QObject::tr("Result"), resultDetail(nf, actual.code, x, actual.value), signMask | expMask | mantMask});
        return;
    }

    RoundingFacts facts;
    const std::uint64_t kept = keepAt(b, q, facts);
    const QString keptBits = M > 0 ? binaryOfInt(kept & mantMask, M) : QString();
    QString dropped;
    if (!facts.restZero) {
        const int lo = std::max(b.lsb, q - 24);
        dropped = bitsFrom(b, q - 1, lo) + (lo > b.lsb ? QStringLiteral("…") : QString());
    }
    const EncodeResult truncated = f.encode(x, Rounding{RoundingMode::TowardZero, 0}, ovf);
    const bool roundedUp = std::fabs(actual.value) > std::fabs(truncated.value);
    std::uint64_t decided = mantMask;
    QString detail =
        M > 0 ? QObject::tr("Keep the first %1 bits after the point: <b><code>%2</code></b>").arg(M).arg(keptBits)
              : QObject::tr("There are no mantissa bits: only the power of two is kept");
    if (!dropped.isEmpty())
        detail += QObject::tr(", drop <code>%1</code>").arg(dropped);
    detail += QStringLiteral(".<br>") + roundingText(rounding, facts, negative, roundedUp, int(kept & 1));
    if (f.exponentFieldOf(actual.code) != f.exponentFieldOf(truncated.code)) {
        decided |= expMask;
        detail += QObject::tr(" The carry ripples into the exponent field.");
    }
    s.push_back({QObject::tr("Mantissa and rounding"), detail, decided});
    s.push_back({QObject::tr("Result"), resultDetail(nf, actual.code, x, actual.value), signMask | expMask | mantMask});
}

void fixedSteps(const FixedFormat& fx, double x, const Rounding& rounding, ConversionWalkthrough& w)
{
    const NumberFormat nf = fx;
    const FixedEncodeResult r = fx.encode(x, rounding);
    w.code = r.bits;
    w.stored = r.value;
    const std::uint64_t all = lowMask(fx.totalBits());
    const std::uint64_t signMask = fx.isSigned() ? std::uint64_t(1) << (fx.totalBits() - 1) : 0;
    auto& s = w.steps;
    const QString full = std::isfinite(x) ? binaryExpansion(x) : QString();
    s.push_back({QObject::tr("Write |x| in binary"),
                 full.isEmpty() ? QObject::tr("%1 has no short binary expansion.").arg(shortValue(x))
                                : QObject::tr("%1 = %2").arg(shortValue(std::fabs(x)), sub2(full)),
                 0});
    const double scaled = std::ldexp(x, fx.fractionBits());
    s.push_back({QObject::tr("Scale"),
                 QObject::tr("Fixed point stores the integer x × %1 = %2; its bits are the binary digits of x with "
                             "the point moved %3 places right.")
                     .arg(pow2(fx.fractionBits()), shortValue(scaled))
                     .arg(fx.fractionBits()),
                 0});
    QString round;
    if (r.saturated)
        round = QObject::tr("%1 is outside the codes %2 … %3: it saturates to <b>%4</b>.")
                    .arg(shortValue(scaled))
                    .arg(fx.minCode())
                    .arg(fx.maxCode())
                    .arg(fx.codeOfBits(r.bits));
    else if (r.inexact)
        round = QObject::tr("%1 is not an integer: rounding (%2) gives the code <b>%3</b>; the dropped fraction "
                            "is the rounding error.")
                    .arg(shortValue(scaled), QString::fromStdString(rounding.name()))
                    .arg(fx.codeOfBits(r.bits));
    else
        round = QObject::tr("%1 is an integer: the code is <b>%2</b>, exactly.").arg(shortValue(scaled)).arg(r.code);
    s.push_back({QObject::tr("Round to an integer code"), round, all & ~signMask});
    if (fx.isSigned())
        s.push_back({QObject::tr("Two's complement"),
                     r.code < 0
                         ? QObject::tr("A negative code %1 is stored as 2<sup>%2</sup> − %3 = %4: the top (sign) "
                                       "bit is 1 and is worth −%5.")
                               .arg(r.code)
                               .arg(fx.totalBits())
                               .arg(-r.code)
                               .arg(qulonglong(r.bits))
                               .arg(shortValue(std::ldexp(1.0, fx.integerBits())))
                         : QObject::tr("A non-negative code is stored as it is: the sign bit is 0."),
                     signMask});
    s.push_back({QObject::tr("Result"), resultDetail(nf, r.bits, x, r.value), all});
}

} // namespace

QString binaryExpansion(double x, int maxDigits)
{
    if (!std::isfinite(x))
        return {};
    if (x == 0)
        return QStringLiteral("0");
    const Binary b = split(x);
    const int intDigits = std::max(b.msb, 0) + 1;
    const int fracDigits = std::max(0, -b.lsb);
    if (intDigits + fracDigits > maxDigits)
        return {};
    QString s = b.msb >= 0 ? bitsFrom(b, b.msb, 0) : QStringLiteral("0");
    if (fracDigits > 0)
        s += QLatin1Char('.') + bitsFrom(b, -1, b.lsb);
    return s;
}

ConversionWalkthrough explainConversion(const NumberFormat& format, double x, const Rounding& rounding, bool saturate)
{
    ConversionWalkthrough w;
    if (const auto* f = asFloat(format))
        floatSteps(*f, x, rounding, saturate, w);
    else
        fixedSteps(std::get<FixedFormat>(format), x, rounding, w);
    if (w.steps.empty() || w.steps.back().title != QObject::tr("Result"))
        w.steps.push_back({QObject::tr("Result"), resultDetail(format, w.code, x, w.stored), codeMask(format)});
    return w;
}

} // namespace qs
