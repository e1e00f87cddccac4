// Exhaustive checks of small formats against the independent reference in
// formatreference.h: every code of every preset of <= 16 bits, and random
// custom layouts (E 1-5, M 0-5, any bias, every special policy, with and
// without subnormals and sign) with brute-force properties and rounding, and
// the subnormals=off (flush to zero) and zero=off variants of the small formats.
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
        // Round trip: a value encodes to its own code; NaN codes to the format's NaN; a zero
        // (including the non-canonical zeros of a flush-to-zero format) to the zero of its sign.
        const EncodeResult r = f.encode(v);
        const std::uint64_t signMask = f.isSigned() ? std::uint64_t(1) << (f.totalBits() - 1) : 0;
        const std::uint64_t canonical = d.value == 0 ? (std::signbit(d.value) ? signMask : 0) : c;
        if (d.kind == ref::Kind::NaN) {
            QCOMPARE(r.code, *f.nanCode());
        } else {
            QVERIFY2(r.code == canonical, qPrintable(QStringLiteral("%1 code %2 re-encodes to %3")
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
        // Neighbours are canonical codes: never a non-canonical zero.
        for (std::uint64_t nb : {f.nextUp(c), f.nextDown(c)})
            if (f.decode(nb) == 0)
                QVERIFY2((nb & list.magMask) == 0, qPrintable(QStringLiteral("%1 neighbour of code %2 is code %3")
                                                                  .arg(QString::fromStdString(f.name()))
                                                                  .arg(c)
                                                                  .arg(nb)));
        // ulp: distance to the next larger magnitude in the unbounded grid (from a zero of a
        // flush-to-zero format: the smallest positive value, the grid has nothing in between).
        const std::uint64_t mag = c & list.magMask;
        const double nextMag =
            v == 0 ? *std::upper_bound(values.begin(), values.end(), 0.0)
                   : std::fabs(ref::decode({L.e, L.m, L.bias, L.subnormals, false, qs::SpecialPolicy::Finite, L.zero},
                                           mag + 1)
                                   .value);
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
    const bool hasZero = f.hasZero();
    for (RoundingMode mode : {RoundingMode::NearestEven, RoundingMode::NearestAway, RoundingMode::TowardZero,
                              RoundingMode::TowardPositive, RoundingMode::TowardNegative}) {
        for (double x : inputs) {
            if (!f.isSigned() && x < 0)
                continue;
            if (!hasZero && std::fabs(x) < f.minNormal())
                continue; // formats without zero clamp there: checked separately
            if (!hasZero && f.special() == SpecialPolicy::Fnuz && x < 0 && -x < f.minNormal() + f.ulp(0)) {
                // Without zero, fnuz's -minNormal slot is the NaN: the negative side starts one
                // step further out, and what rounds into that slot clamps to it (sign | 1).
                const EncodeResult c = f.encode(x, Rounding{mode, 0});
                if (c.valueClass == ValueClass::NaN || (c.value != -(f.minNormal() + f.ulp(0)) && c.value != x))
                    QFAIL(qPrintable(
                        QStringLiteral("%1 x=%2 got %3").arg(QString::fromStdString(f.name())).arg(x).arg(c.value)));
                continue;
            }
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
            // Flush to zero: every 0 < |x| < minNormal underflows (whichever way it rounds).
            if (!f.hasSubnormals() && hasZero && x != 0 && std::fabs(x) < f.minNormal() && !r.underflow)
                QFAIL(qPrintable(where() + " underflow flag"));
            if (r.underflow && !(x != 0 && std::fabs(x) < f.minNormal()))
                QFAIL(qPrintable(where() + " underflow flag without a tiny input"));
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
            p.zero = rng() % 5 != 0; // zero=off with subnormals on must be rejected
            p.signBit = rng() % 5 != 0;
            if (rng() % 2)
                p.bias = int(rng() % 26) - 5;
            // Which layouts must be rejected, from the definitions.
            const bool ieeeTooNarrow = p.special == SpecialPolicy::Ieee && p.exponentBits < 2;
            const bool fnuzUnsigned = p.special == SpecialPolicy::Fnuz && !p.signBit;
            const bool zeroOffWithSubnormals = !p.zero && p.subnormals;
            // A format with a zero but no positive finite value, from the reference decoder.
            bool onlyZero = false;
            if (p.zero && !ieeeTooNarrow && !fnuzUnsigned) {
                const int b =
                    p.bias.value_or((1 << (p.exponentBits - 1)) - 1 + (p.special == SpecialPolicy::Fnuz ? 1 : 0));
                const ref::Layout L{p.exponentBits, p.mantissaBits, b, p.subnormals, p.signBit, p.special, p.zero};
                onlyZero = true;
                for (std::uint64_t c = 0; c < (std::uint64_t(1) << (p.exponentBits + p.mantissaBits)); ++c) {
                    const ref::Decoded d = ref::decode(L, c);
                    if (d.kind == ref::Kind::Finite && d.value > 0)
                        onlyZero = false;
                }
            }
            if (ieeeTooNarrow || fnuzUnsigned || onlyZero || zeroOffWithSubnormals) {
                QVERIFY_THROWS_EXCEPTION(FormatError, FloatFormat{p});
                continue;
            }
            const FloatFormat f(p);
            ++built;
            // The canonical spec parses back to the same layout.
            const FloatFormat again = parseFloatFormat(f.spec());
            QCOMPARE(again.spec(), f.spec());
            QCOMPARE(again.bias(), f.bias());
            QCOMPARE(again.hasSubnormals(), f.hasSubnormals());
            QCOMPARE(again.hasZero(), f.hasZero());
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
        const FloatFormat signedNoZero = parseFloatFormat("e3m2,subnormals=off,zero=off");
        QCOMPARE(signedNoZero.encode(-1e-9).value, -signedNoZero.minNormal());
        QCOMPARE(signedNoZero.encode(1e-9).value, signedNoZero.minNormal());
    }

    void noSubnormalVariants_data()
    {
        QTest::addColumn<QString>("spec");
        for (const char* base : {"e5m2", "e4m3,special=fn", "e4m3,special=fnuz", "e5m2,special=fnuz",
                                 "e3m2,special=finite", "e2m3,special=finite", "e2m1,special=finite", "e4m3,signed=off",
                                 "e3m0", "e2m0,special=finite", "e1m3,special=finite", "e4m2,bias=3,special=fn",
                                 "e3m3,special=fnuz,bias=1", "e5m3,special=finite,signed=off"}) {
            for (const char* variant : {",subnormals=off", ",subnormals=off,zero=off"}) {
                const std::string spec = std::string(base) + variant;
                QTest::newRow(spec.c_str()) << QString::fromStdString(spec);
            }
        }
    }
    void noSubnormalVariants()
    {
        // Every code (decode, classify, re-encode), every neighbour, the brute-force
        // properties and the rounding of every value/midpoint (the 0..minNormal gap
        // included) in every deterministic mode, against the reference.
        QFETCH(QString, spec);
        const FloatFormat f = parseFloatFormat(spec.toStdString());
        QVERIFY(!f.hasSubnormals());
        QCOMPARE(f.flushesToZero(), !spec.contains("zero=off"));
        const FloatFormat again = parseFloatFormat(f.spec());
        QCOMPARE(again.spec(), f.spec());
        QCOMPARE(again.hasZero(), f.hasZero());
        checkAllCodes(f);
        checkNeighbours(f);
        const Brute b = brute(f);
        QCOMPARE(f.maxFinite(), b.maxFinite);
        QCOMPARE(f.minNormal(), b.minNormal);
        QCOMPARE(f.minSubnormal(), 0.0);
        QCOMPARE(f.finiteCount(), b.finite);
        QCOMPARE(f.minNormal(), std::ldexp(1.0, (f.hasZero() ? 1 : 0) - f.bias()));
        QCOMPARE(f.hasNegativeZero(), f.hasZero() && f.isSigned() && f.special() != SpecialPolicy::Fnuz);
        std::mt19937_64 rng(5);
        checkRounding(f, rng);
        if (!f.hasZero())
            return;
        // Flush to zero: the 0..minNormal gap explicitly, both signs, every mode.
        const double mn = f.minNormal();
        const std::uint64_t minNormalCode = std::uint64_t(1) << f.mantissaBits();
        struct Case
        {
            double x;
            RoundingMode mode;
            double want;
        };
        const Case cases[] = {
            {mn / 4, RoundingMode::NearestEven, 0},
            {mn / 2, RoundingMode::NearestEven, 0},
            {mn * 0.75, RoundingMode::NearestEven, mn},
            {mn / 4, RoundingMode::NearestAway, 0},
            {mn / 2, RoundingMode::NearestAway, mn},
            {mn * 0.99, RoundingMode::TowardZero, 0},
            {mn * 1e-9, RoundingMode::TowardPositive, mn},
            {mn * 0.75, RoundingMode::TowardNegative, 0},
            {std::nextafter(mn / 2, mn), RoundingMode::NearestEven, mn},
            {std::nextafter(mn / 2, 0.0), RoundingMode::NearestAway, 0},
        };
        for (const Case& c : cases) {
            for (double sign : {1.0, -1.0}) {
                if (sign < 0 && !f.isSigned())
                    continue;
                const double x = sign * c.x;
                RoundingMode mode = c.mode; // mirror the directed modes for negative inputs
                if (sign < 0 && mode == RoundingMode::TowardPositive)
                    mode = RoundingMode::TowardNegative;
                else if (sign < 0 && mode == RoundingMode::TowardNegative)
                    mode = RoundingMode::TowardPositive;
                const EncodeResult r = f.encode(x, Rounding{mode, 0});
                QCOMPARE(r.value, sign * c.want);
                QVERIFY(r.underflow && r.inexact);
                if (c.want == 0) {
                    QVERIFY(r.valueClass == ValueClass::Zero);
                    QCOMPARE(r.code, sign < 0 && f.hasNegativeZero() ? std::uint64_t(1) << (f.totalBits() - 1) : 0);
                } else {
                    QCOMPARE(r.code, (sign < 0 ? std::uint64_t(1) << (f.totalBits() - 1) : 0) | minNormalCode);
                }
            }
        }
        // Stochastic: P(up) = |x| / minNormal, also in the gap.
        int ups = 0;
        for (std::uint64_t i = 0; i < 4000; ++i)
            ups += f.encode(mn / 4, Rounding{RoundingMode::Stochastic, 9}, OverflowMode::Ieee, i).value == mn;
        QVERIFY2(ups > 850 && ups < 1150, qPrintable(QString::number(ups)));
        // Neighbours across the gap skip the non-canonical zeros.
        QCOMPARE(f.nextUp(0), minNormalCode);
        QCOMPARE(f.nextDown(minNormalCode), std::uint64_t(0));
        QCOMPARE(f.ulp(0), mn);
        if (f.mantissaBits() > 0) {
            QVERIFY(f.classify(1) == ValueClass::Zero);
            QCOMPARE(f.nextUp(1), minNormalCode);
            QCOMPARE(f.decode(minNormalCode - 1), 0.0);
        }
    }

    void flushToZeroFacts()
    {
        // The brief's examples, by hand.
        const FloatFormat e5m2 = parseFloatFormat("e5m2,subnormals=off");
        QCOMPARE(e5m2.spec(), std::string("e5m2,subnormals=off"));
        QCOMPARE(e5m2.minNormal(), std::ldexp(1.0, -14));
        QCOMPARE(e5m2.minSubnormal(), 0.0);
        QVERIFY(e5m2.hasZero() && e5m2.hasNegativeZero() && e5m2.flushesToZero());
        QCOMPARE(e5m2.finiteCount(), std::uint64_t(248)); // 256 - 2 Inf - 6 NaN: all e = 0 codes are zeros
        for (std::uint64_t c : {0x00, 0x01, 0x02, 0x03}) {
            QVERIFY(e5m2.classify(c) == ValueClass::Zero);
            QCOMPARE(e5m2.decode(c), 0.0);
            QVERIFY(!std::signbit(e5m2.decode(c)));
            QVERIFY(std::signbit(e5m2.decode(c | 0x80)));
            QCOMPARE(e5m2.exactDecimal(c), std::string("0"));
        }
        const EncodeResult r = e5m2.encode(4e-5); // above 2^-15 = 3.05e-5: rounds up to 2^-14
        QCOMPARE(r.code, std::uint64_t(0x04));
        QCOMPARE(r.value, std::ldexp(1.0, -14));
        QVERIFY(r.underflow && r.inexact && r.valueClass == ValueClass::Normal);
        QCOMPARE(e5m2.encode(2e-5).code, std::uint64_t(0x00));
        QCOMPARE(e5m2.encode(-2e-5).code, std::uint64_t(0x80));
        QCOMPARE(e5m2.encode(4e-5, Rounding{RoundingMode::TowardZero, 0}).code, std::uint64_t(0x00));
        QCOMPARE(e5m2.encode(std::ldexp(1.0, -15)).code, std::uint64_t(0x00)); // tie -> even code 0
        QCOMPARE(e5m2.encode(std::ldexp(1.0, -15), Rounding{RoundingMode::NearestAway, 0}).code, std::uint64_t(0x04));
        QCOMPARE(e5m2.nextUp(0x00), std::uint64_t(0x04));
        QCOMPARE(e5m2.nextDown(0x04), std::uint64_t(0x00));
        QCOMPARE(e5m2.nextDown(0x00), std::uint64_t(0x84));
        QCOMPARE(e5m2.nextUp(0x84), std::uint64_t(0x80));
        QCOMPARE(e5m2.nextUp(0x83), std::uint64_t(0x04)); // -0 (non-canonical) -> +minNormal
        // FP16 with subnormals unchecked: 2^-24 .. 2^-15 flush.
        const FloatFormat fp16ftz = parseFloatFormat("e5m10,subnormals=off");
        QCOMPARE(fp16ftz.encode(std::ldexp(1.0, -20)).code, std::uint64_t(0));
        QCOMPARE(fp16ftz.decode(0x0001), 0.0);
        QCOMPARE(fp16ftz.encode(6.1e-5).code, std::uint64_t(0x0400)); // 2^-14 = 6.1035e-5
        // fnuz: 0x80 stays the NaN, the other sign-1 e = 0 codes are +0 (no -0 in fnuz).
        const FloatFormat fnuz = parseFloatFormat("e4m3,special=fnuz,subnormals=off");
        QVERIFY(fnuz.classify(0x80) == ValueClass::NaN);
        QVERIFY(fnuz.classify(0x81) == ValueClass::Zero);
        QCOMPARE(fnuz.decode(0x81), 0.0);
        QVERIFY(!std::signbit(fnuz.decode(0x81)));
        QVERIFY(!fnuz.hasNegativeZero());
        QCOMPARE(fnuz.finiteCount(), std::uint64_t(255));
        QCOMPARE(fnuz.encode(-1e-9).code, std::uint64_t(0x00));
        QCOMPARE(fnuz.nextDown(0x00), std::uint64_t(0x88)); // -minNormal
        QCOMPARE(fnuz.nextUp(0x88), std::uint64_t(0x00));
        QCOMPARE(fnuz.nextUp(0x81), std::uint64_t(0x08));
        // zero=off: today's E8M0-like layout, explicit; contradictions are rejected.
        QCOMPARE(parseFloatFormat("e8m0,special=fn,subnormals=off,zero=off,signed=off").spec(), std::string("e8m0"));
        QCOMPARE(FloatFormat::e8m0().spec(), std::string("e8m0"));
        QVERIFY(!FloatFormat::e8m0().hasZero());
        const FloatFormat e8m0ftz = parseFloatFormat("e8m0,special=fn,subnormals=off,signed=off");
        QCOMPARE(e8m0ftz.spec(), std::string("e8m0,special=fn,subnormals=off,signed=off"));
        QCOMPARE(e8m0ftz.decode(0x00), 0.0);
        QCOMPARE(e8m0ftz.decode(0x01), std::ldexp(1.0, -126));
        const FloatFormat e3m2 = parseFloatFormat("E3M2, subnormals=off, zero=off");
        QCOMPARE(e3m2.spec(), std::string("e3m2,subnormals=off,zero=off"));
        QCOMPARE(e3m2.decode(0x00), std::ldexp(1.0, -3));
        QVERIFY(!e3m2.hasNegativeZero());
        QVERIFY_THROWS_EXCEPTION(FormatError, parseFloatFormat("e3m2,zero=off"));
        QVERIFY_THROWS_EXCEPTION(FormatError, parseFloatFormat("e3m2,subnormals=on,zero=off"));
        QVERIFY_THROWS_EXCEPTION(FormatError, parseFloatFormat("e3m2,subnormals=off,zero=maybe"));
        try {
            parseFloatFormat("e3m2,zero=off");
        } catch (const FormatError& e) {
            QVERIFY2(std::string(e.what()).find("zero=off needs subnormals=off") != std::string::npos, e.what());
        }
        // A flush-to-zero format needs a normal value: e1m0 fn would be zero and NaN only.
        QVERIFY_THROWS_EXCEPTION(FormatError, parseFloatFormat("e1m0,special=fn,subnormals=off"));
        QCOMPARE(parseFloatFormat("e1m0,special=fn,subnormals=off,zero=off").finiteCount(), std::uint64_t(2));
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
