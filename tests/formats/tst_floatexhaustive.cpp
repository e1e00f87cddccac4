// Exhaustive checks of small formats against the independent reference in
// formatreference.h: every code of every preset of <= 16 bits, and random
// custom layouts (E 1-5, M 0-5, any bias, every special policy, with and
// without subnormals and sign) with brute-force properties and rounding.
#include "formatreference.h"
#include "formats/error.h"
#include "formats/numberformat.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <random>

using namespace qs;

namespace {

bool sameValue(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

ref::Mode refMode(RoundingMode m)
{
    switch (m) {
    case RoundingMode::NearestAway: return ref::Mode::NearestAway;
    case RoundingMode::TowardZero: return ref::Mode::TowardZero;
    case RoundingMode::TowardPositive: return ref::Mode::TowardPositive;
    case RoundingMode::TowardNegative: return ref::Mode::TowardNegative;
    default: return ref::Mode::NearestEven;
    }
}

// Decode every code and compare with the reference; re-encode every value.
void checkAllCodes(const FloatFormat& f)
{
    const ref::Layout L = ref::layoutOf(f);
    const std::uint64_t n = std::uint64_t(1) << f.totalBits();
    for (std::uint64_t c = 0; c < n; ++c) {
        const ref::Decoded d = ref::decode(L, c);
        const double v = f.decode(c);
        if (!sameValue(v, d.value))
            QFAIL(qPrintable(QStringLiteral("%1 code %2: decode %3, reference %4")
                                 .arg(QString::fromStdString(f.name()))
                                 .arg(c)
                                 .arg(v)
                                 .arg(d.value)));
        const ValueClass cls = f.classify(c);
        const ValueClass expectedClass = d.kind == ref::Kind::NaN   ? ValueClass::NaN
                                         : d.kind == ref::Kind::Inf ? ValueClass::Infinite
                                         : (d.value == 0)           ? ValueClass::Zero
                                         : d.subnormal              ? ValueClass::Subnormal
                                                                    : ValueClass::Normal;
        QVERIFY2(cls == expectedClass, qPrintable(QString::number(c)));
        // Round trip: a value encodes to its own code; NaN codes to the format's NaN.
        const EncodeResult r = f.encode(v);
        if (d.kind == ref::Kind::NaN) {
            QCOMPARE(r.code, *f.nanCode());
        } else {
            QVERIFY2(r.code == c, qPrintable(QStringLiteral("%1 code %2 re-encodes to %3")
                                                 .arg(QString::fromStdString(f.name()))
                                                 .arg(c)
                                                 .arg(r.code)));
            QVERIFY(!r.inexact);
        }
        // The exact decimal is the value (strtod is correctly rounded; the value is a double).
        if (d.kind == ref::Kind::Finite) {
            const std::string dec = f.exactDecimal(c);
            QVERIFY2(sameValue(std::strtod(dec.c_str(), nullptr), v), dec.c_str());
            QVERIFY(dec.find('e') == std::string::npos);
        }
    }
}

// nextUp/nextDown/ulp against the sorted list of distinct values.
void checkNeighbours(const FloatFormat& f)
{
    const ref::Layout L = ref::layoutOf(f);
    const ref::ValueList list = ref::valueList(L);
    std::vector<double> values;
    for (const auto& e : list.entries)
        if (e.code != ~std::uint64_t(0))
            values.push_back(e.value);
    const std::uint64_t n = std::uint64_t(1) << f.totalBits();
    for (std::uint64_t c = 0; c < n; ++c) {
        const double v = ref::decode(L, c).value;
        if (!std::isfinite(v))
            continue;
        const auto it = std::lower_bound(values.begin(), values.end(), v);
        const double up = std::next(it) != values.end() ? *std::next(it) : (f.hasInf() ? INFINITY : v);
        const double down = it != values.begin() ? *std::prev(it) : (f.hasInf() && f.isSigned() ? -INFINITY : v);
        const double gotUp = f.decode(f.nextUp(c));
        const double gotDown = f.decode(f.nextDown(c));
        // IEEE: nextUp(-min) = -0 where -0 exists; compare values (0 == -0).
        QVERIFY2(gotUp == up, qPrintable(QStringLiteral("%1 nextUp(%2)").arg(QString::fromStdString(f.name())).arg(v)));
        QVERIFY2(gotDown == down,
                 qPrintable(QStringLiteral("%1 nextDown(%2)").arg(QString::fromStdString(f.name())).arg(v)));
        // ulp: distance to the next larger magnitude in the unbounded grid.
        const std::uint64_t mag = c & list.magMask;
        const double nextMag =
            std::fabs(ref::decode({L.e, L.m, L.bias, L.subnormals, false, qs::SpecialPolicy::Finite}, mag + 1).value);
        if (mag + 1 <= list.magMask) // not the very last magnitude code
            QCOMPARE(f.ulp(c), nextMag - std::fabs(v));
    }
}

// Rounding of many inputs (every value, every midpoint, a hair either side of
// them, random points, beyond the range) in every deterministic mode.
void checkRounding(const FloatFormat& f, std::mt19937_64& rng, std::size_t stride = 1)
{
    const ref::Layout L = ref::layoutOf(f);
    const ref::ValueList list = ref::valueList(L);
    std::vector<double> inputs;
    const auto& v = list.entries;
    // stride > 1 samples the intervals (plus both ends) to keep the 16-bit formats quick under sanitizers.
    for (std::size_t i = 0; i + 1 < v.size(); i += (i + 1 + stride < v.size() ? stride : 1)) {
        const double mid = v[i].value / 2 + v[i + 1].value / 2;
        for (double x : {v[i].value, mid, std::nextafter(mid, -INFINITY), std::nextafter(mid, INFINITY)})
            inputs.push_back(x);
        std::uniform_real_distribution<double> between(v[i].value, v[i + 1].value);
        inputs.push_back(between(rng));
    }
    inputs.push_back(v.back().value * 3);
    inputs.push_back(v.front().value * 3);
    inputs.push_back(-0.0);
    const bool hasZero = f.hasSubnormals();
    for (RoundingMode mode : {RoundingMode::NearestEven, RoundingMode::NearestAway, RoundingMode::TowardZero,
                              RoundingMode::TowardPositive, RoundingMode::TowardNegative}) {
        for (double x : inputs) {
            if (!f.isSigned() && x < 0)
                continue;
            if (!hasZero && std::fabs(x) < f.minNormal())
                continue; // formats without zero clamp there: checked separately
            const std::optional<double> expected = ref::round(list, x, refMode(mode));
            const EncodeResult r = f.encode(x, Rounding{mode, 0});
            // Built only when a check fails (formatting every message would dominate the runtime).
            auto where = [&] {
                return QStringLiteral("%1 %2 x=%3")
                    .arg(QString::fromStdString(f.name()))
                    .arg(QString::fromStdString(Rounding{mode, 0}.name()))
                    .arg(x, 0, 'g', 17);
            };
            if (!expected) {
                if (!r.overflow)
                    QFAIL(qPrintable(where() + " did not overflow"));
                const double want = f.hasInf()   ? std::copysign(INFINITY, x)
                                    : f.hasNan() ? NAN
                                                 : std::copysign(f.maxFinite(), x);
                if (!sameValue(r.value, want))
                    QFAIL(qPrintable(where() + " got " + QString::number(r.value)));
                const EncodeResult s = f.encode(x, Rounding{mode, 0}, OverflowMode::Saturate);
                if (s.value != std::copysign(f.maxFinite(), x))
                    QFAIL(qPrintable(where() + " saturated to " + QString::number(s.value)));
                continue;
            }
            if (r.value != *expected)
                QFAIL(qPrintable(where() + " got " + QString::number(r.value, 'g', 17) + " want " +
                                 QString::number(*expected, 'g', 17)));
            // IEEE: a zero result keeps the sign of x where -0 exists
            if (r.value == 0 && std::signbit(r.value) != (std::signbit(x) && f.hasNegativeZero()))
                QFAIL(qPrintable(where() + " sign of zero"));
            if (r.inexact != (*expected != x))
                QFAIL(qPrintable(where() + " inexact flag"));
        }
    }
}

struct Brute
{
    double maxFinite = 0, minNormal = INFINITY, minSubnormal = INFINITY;
    std::uint64_t finite = 0, infs = 0, nans = 0;
};

Brute brute(const FloatFormat& f)
{
    Brute b;
    const ref::Layout L = ref::layoutOf(f);
    for (std::uint64_t c = 0; c < (std::uint64_t(1) << f.totalBits()); ++c) {
        const ref::Decoded d = ref::decode(L, c);
        if (d.kind == ref::Kind::NaN) {
            ++b.nans;
        } else if (d.kind == ref::Kind::Inf) {
            ++b.infs;
        } else {
            ++b.finite;
            b.maxFinite = std::max(b.maxFinite, d.value);
            if (d.value > 0 && d.subnormal)
                b.minSubnormal = std::min(b.minSubnormal, d.value);
            if (d.value > 0 && !d.subnormal)
                b.minNormal = std::min(b.minNormal, d.value);
        }
    }
    if (b.minSubnormal == INFINITY)
        b.minSubnormal = 0;
    return b;
}

} // namespace

class TestFloatExhaustive : public QObject
{
    Q_OBJECT
private slots:
    void presets_data()
    {
        QTest::addColumn<QString>("spec");
        for (const FloatFormat& f : presetFloatFormats())
            if (f.totalBits() <= 16)
                QTest::newRow(f.name().c_str()) << QString::fromStdString(f.name());
    }
    void presets()
    {
        QFETCH(QString, spec);
        const FloatFormat f = parseFloatFormat(spec.toStdString());
        checkAllCodes(f);
        checkNeighbours(f);
        const Brute b = brute(f);
        QCOMPARE(f.maxFinite(), b.maxFinite);
        QCOMPARE(f.minNormal(), b.minNormal);
        QCOMPARE(f.minSubnormal(), b.minSubnormal);
        QCOMPARE(f.finiteCount(), b.finite);
        QCOMPARE(f.hasInf(), b.infs > 0);
        QCOMPARE(f.hasNan(), b.nans > 0);
        if (f.totalBits() <= 8) {
            std::mt19937_64 rng(7);
            checkRounding(f, rng);
        }
    }

    void presetRoundingFp16Bf16()
    {
        // The 16-bit presets: rounding over the whole positive/negative range.
        std::mt19937_64 rng(11);
        checkRounding(FloatFormat::fp16(), rng, 3);
        checkRounding(FloatFormat::bf16(), rng, 3);
    }

    void randomCustomFormats()
    {
        std::mt19937_64 rng(2026);
        int built = 0;
        for (int trial = 0; trial < 200; ++trial) {
            FloatFormatParams p;
            p.exponentBits = int(rng() % 5) + 1;
            p.mantissaBits = int(rng() % 6);
            p.special = SpecialPolicy(rng() % 4);
            p.subnormals = rng() % 4 != 0;
            p.signBit = rng() % 5 != 0;
            if (rng() % 2)
                p.bias = int(rng() % 26) - 5;
            // Which layouts must be rejected, from the definitions.
            const bool ieeeTooNarrow = p.special == SpecialPolicy::Ieee && p.exponentBits < 2;
            const bool fnuzUnsigned = p.special == SpecialPolicy::Fnuz && !p.signBit;
            const bool onlyZero =
                p.special == SpecialPolicy::Fn && p.exponentBits == 1 && p.mantissaBits == 0 && p.subnormals;
            if (ieeeTooNarrow || fnuzUnsigned || onlyZero) {
                QVERIFY_THROWS_EXCEPTION(FormatError, FloatFormat{p});
                continue;
            }
            const FloatFormat f(p);
            ++built;
            // The canonical spec parses back to the same layout.
            const FloatFormat again = parseFloatFormat(f.spec());
            QCOMPARE(again.spec(), f.spec());
            QCOMPARE(again.bias(), f.bias());
            checkAllCodes(f);
            checkNeighbours(f);
            const Brute b = brute(f);
            QCOMPARE(f.maxFinite(), b.maxFinite);
            QCOMPARE(f.minNormal(), b.minNormal);
            QCOMPARE(f.minSubnormal(), b.minSubnormal);
            QCOMPARE(f.finiteCount(), b.finite);
            QCOMPARE(f.hasInf(), b.infs > 0);
            QCOMPARE(f.hasNan(), b.nans > 0);
            QCOMPARE(f.epsilon(), std::ldexp(1.0, -p.mantissaBits));
            checkRounding(f, rng);
        }
        QVERIFY(built > 100);
    }

    void formatsWithoutZeroClamp()
    {
        // E8M0 and other subnormals=off layouts have no zero: tiny values clamp to the smallest.
        const FloatFormat e8m0 = FloatFormat::e8m0();
        const double smallest = std::ldexp(1.0, -127);
        for (double x : {0.0, 1e-300, std::ldexp(1.0, -130)}) {
            const EncodeResult r = e8m0.encode(x);
            QCOMPARE(r.code, std::uint64_t(0));
            QCOMPARE(r.value, smallest);
            QVERIFY(r.underflow);
        }
        // No mantissa: ties go to the even code, i.e. the even exponent field.
        QCOMPARE(e8m0.encode(3.0).value, 2.0);                                   // tie 2 (0x80) | 4 (0x81)
        QCOMPARE(e8m0.encode(6.0).value, 8.0);                                   // tie 4 (0x81) | 8 (0x82)
        QCOMPARE(e8m0.encode(5.0).value, 4.0);                                   // below the midpoint 6
        QCOMPARE(e8m0.encode(-1.0).valueClass == ValueClass::NaN, true);         // no sign bit
        QCOMPARE(e8m0.encode(-1.0, {}, OverflowMode::Saturate).value, smallest); // clamps
        QCOMPARE(e8m0.encode(1e300).valueClass == ValueClass::NaN, true);
        QCOMPARE(e8m0.encode(1e300, {}, OverflowMode::Saturate).value, std::ldexp(1.0, 127));
        const FloatFormat signedNoZero = parseFloatFormat("e3m2,subnormals=off");
        QCOMPARE(signedNoZero.encode(-1e-9).value, -signedNoZero.minNormal());
        QCOMPARE(signedNoZero.encode(1e-9).value, signedNoZero.minNormal());
    }

    void exactBeyondDoubleRange()
    {
        // A bias that pushes every value below double range: decode gives 0,
        // the exact value and decimal stay exact.
        const FloatFormat tiny = parseFloatFormat("e4m3,bias=2000");
        const std::uint64_t code = 0x01; // smallest subnormal: 2^(1 - 2000 - 3)
        QCOMPARE(tiny.decode(code), 0.0);
        const ExactBinary v = tiny.exactValue(code);
        QCOMPARE(v.significand, std::uint64_t(1));
        QCOMPARE(v.exponent, -2002);
        const std::string dec = tiny.exactDecimal(code);
        // 2^-2002 = 5^2002 / 10^2002: 2002 fraction digits, ends in 5, leading zeros up to 10^-603.
        QCOMPARE(dec.size(), std::size_t(2 + 2002));
        QCOMPARE(dec.back(), '5');
        QCOMPARE(dec.find_first_not_of("0.", 0), std::size_t(2 + 602));
        const FloatFormat huge = parseFloatFormat("e4m3,bias=-2000");
        QVERIFY(std::isinf(huge.maxFinite()));
        // The smallest subnormal is 2^1998: every double is below half of it and rounds to zero.
        const EncodeResult r = huge.encode(1e300);
        QCOMPARE(r.code, std::uint64_t(0));
        QVERIFY(r.underflow && r.inexact);
        QCOMPARE(huge.encode(1e300, Rounding{RoundingMode::TowardPositive, 0}).code, std::uint64_t(0x01));
        const std::string big = huge.exactDecimal(0x01); // 2^1998: 602 digits, ends in ...2^1998 mod 10 = 4
        QCOMPARE(big.size(), std::size_t(602));
        QCOMPARE(big.back(), '4');
    }
};

QTEST_APPLESS_MAIN(TestFloatExhaustive)
#include "tst_floatexhaustive.moc"
