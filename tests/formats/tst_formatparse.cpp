// Spec parsing, bit-string parsing, rounding modes (names and the scalar
// roundToIntegral reference) and fixed-point/integer formats.
#include "formats/error.h"
#include "formats/numberformat.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace qs;

class TestFormatParse : public QObject
{
    Q_OBJECT
private slots:
    void presetsAndAliases()
    {
        const std::vector<std::string> names = presetFormatNames();
        const std::vector<std::string> expected = {"fp64",     "fp32",         "fp16",     "bf16",         "tf32",
                                                   "fp8-e4m3", "fp8-e4m3fnuz", "fp8-e5m2", "fp8-e5m2fnuz", "fp6-e2m3",
                                                   "fp6-e3m2", "fp4-e2m1",     "e8m0"};
        QVERIFY(names == expected);
        for (const std::string& n : names) {
            const FloatFormat f = parseFloatFormat(n);
            QCOMPARE(f.name(), n);
            QCOMPARE(f.spec(), n); // presets are their own canonical spec
        }
        QCOMPARE(parseFloatFormat("  FP16 ").name(), std::string("fp16"));
        QCOMPARE(parseFloatFormat("bfloat16").name(), std::string("bf16"));
        QCOMPARE(parseFloatFormat("float8_e4m3fn").name(), std::string("fp8-e4m3"));
        // A custom layout equal to a preset is recognised as it.
        QCOMPARE(parseFloatFormat("e5m2").spec(), std::string("fp8-e5m2"));
        QCOMPARE(parseFloatFormat("e4m3,special=fn").spec(), std::string("fp8-e4m3"));
    }

    void customSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("e");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("bias");
        QTest::addColumn<bool>("subnormals");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<QString>("special");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("issue example") << "e3m4,bias=3,special=ieee,subnormals=off" << 3 << 4 << 3 << false << true
                                       << "ieee"
                                       << "e3m4,subnormals=off";
        QTest::newRow("fnuz default bias") << "e4m2,special=fnuz" << 4 << 2 << 8 << true << true << "fnuz"
                                           << "e4m2,special=fnuz";
        QTest::newRow("negative bias") << "E2M5, Bias=-3" << 2 << 5 << -3 << true << true << "ieee"
                                       << "e2m5,bias=-3";
        QTest::newRow("unsigned finite") << "e3m3,signed=off,special=finite" << 3 << 3 << 3 << true << false << "finite"
                                         << "e3m3,special=finite,signed=off";
        QTest::newRow("fp64 limits") << "e11m52" << 11 << 52 << 1023 << true << true << "ieee"
                                     << "fp64";
    }
    void customSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(int, e);
        QFETCH(int, m);
        QFETCH(int, bias);
        QFETCH(bool, subnormals);
        QFETCH(bool, isSigned);
        QFETCH(QString, special);
        QFETCH(QString, canonical);
        const FloatFormat f = parseFloatFormat(spec.toStdString());
        QCOMPARE(f.exponentBits(), e);
        QCOMPARE(f.mantissaBits(), m);
        QCOMPARE(f.bias(), bias);
        QCOMPARE(f.hasSubnormals(), subnormals);
        QCOMPARE(f.isSigned(), isSigned);
        QCOMPARE(QString::fromStdString(toString(f.special())), special);
        QCOMPARE(QString::fromStdString(f.spec()), canonical);
        QCOMPARE(parseFloatFormat(f.spec()).spec(), f.spec());
    }

    void badSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message"); // a part of the one-line message
        QTest::newRow("unknown") << "fp7"
                                 << "unknown format 'fp7'";
        QTest::newRow("empty") << ""
                               << "empty format spec";
        QTest::newRow("E=12") << "e12m3"
                              << "exponent bits 12 outside 1-11";
        QTest::newRow("E=0") << "e0m3"
                             << "exponent bits 0 outside 1-11";
        QTest::newRow("M=53") << "e8m53"
                              << "mantissa bits 53 outside 0-52";
        QTest::newRow("huge E") << "e99999999999m2"
                                << "too large";
        QTest::newRow("bad option") << "e4m3,foo=1"
                                    << "unknown format option 'foo'";
        QTest::newRow("bad special") << "e4m3,special=xyz"
                                     << "special='xyz'";
        QTest::newRow("bad bias") << "e4m3,bias=x"
                                  << "bias 'x' is not an integer";
        QTest::newRow("bias range") << "e4m3,bias=99999"
                                    << "bias 99999 outside";
        QTest::newRow("ieee E=1") << "e1m3"
                                  << "special=ieee needs at least 2 exponent bits";
        QTest::newRow("unsigned fnuz") << "e4m3,special=fnuz,signed=off"
                                       << "fnuz needs a sign bit";
        QTest::newRow("on/off") << "e4m3,subnormals=maybe"
                                << "must be on or off";
        QTest::newRow("int0") << "int0"
                              << "integer width 0 outside 1-32";
        QTest::newRow("int33") << "int33"
                               << "integer width 33 outside 1-32";
        QTest::newRow("ufix too wide") << "ufix20.20"
                                       << "40 bits, outside 1-32";
        QTest::newRow("ufix no dot") << "ufix8"
                                     << "needs integer and fraction bits";
        QTest::newRow("garbage") << "e4x3"
                                 << "unknown format";
    }
    void badSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        try {
            parseFormat(spec.toStdString());
            QFAIL("no error");
        } catch (const FormatError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(message), qPrintable(what));
            QVERIFY(!what.contains('\n'));
        }
        QVERIFY_THROWS_EXCEPTION(FormatError, parseFloatFormat("int8"));
    }

    void bitStrings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("bits");
        QTest::addColumn<qulonglong>("expected"); // ~0: error
        QTest::newRow("plain") << "01000001110010010000000000000000" << 32 << qulonglong(0x41C90000);
        QTest::newRow("spaces") << "0 10000011 10010010000000000000000" << 32 << qulonglong(0x41C90000);
        QTest::newRow("underscores") << "0_1111_110" << 8 << qulonglong(0x7E);
        QTest::newRow("hex") << "0x7e" << 8 << qulonglong(0x7E);
        QTest::newRow("hex upper") << "0X3C00" << 16 << qulonglong(0x3C00);
        QTest::newRow("hex 64") << "0xFFFFFFFFFFFFFFFF" << 64 << ~qulonglong(0) - 1; // marker below
        QTest::newRow("too short") << "0101" << 8 << ~qulonglong(0);
        QTest::newRow("too long") << "010101010" << 8 << ~qulonglong(0);
        QTest::newRow("bad char") << "0101201" << 7 << ~qulonglong(0);
        QTest::newRow("empty") << " _ " << 4 << ~qulonglong(0);
        QTest::newRow("hex too big") << "0x1ff" << 8 << ~qulonglong(0);
        QTest::newRow("hex bad digit") << "0x1g" << 8 << ~qulonglong(0);
    }
    void bitStrings()
    {
        QFETCH(QString, text);
        QFETCH(int, bits);
        QFETCH(qulonglong, expected);
        if (expected == ~qulonglong(0)) {
            QVERIFY_THROWS_EXCEPTION(ArgumentError, parseBits(text.toStdString(), bits));
            return;
        }
        if (expected == ~qulonglong(0) - 1)
            expected = ~qulonglong(0);
        QCOMPARE(qulonglong(parseBits(text.toStdString(), bits)), expected);
    }

    void roundingNames()
    {
        for (const char* name : {"nearest-even", "nearest-away", "toward-zero", "toward-positive", "toward-negative",
                                 "stochastic:0", "stochastic:12345"})
            QCOMPARE(Rounding::parse(name).name(), std::string(name));
        QVERIFY(Rounding::parse("truncate") == (Rounding{RoundingMode::TowardZero, 0}));
        QVERIFY(Rounding::parse("ceil") == (Rounding{RoundingMode::TowardPositive, 0}));
        QVERIFY(Rounding::parse("floor") == (Rounding{RoundingMode::TowardNegative, 0}));
        QVERIFY(Rounding::parse("stochastic") == (Rounding{RoundingMode::Stochastic, 0}));
        QVERIFY(Rounding::parse("stochastic:7") == (Rounding{RoundingMode::Stochastic, 7}));
        for (const char* bad : {"", "round", "stochastic:", "stochastic:-1", "stochastic:x", "nearest-evenx"})
            QVERIFY_THROWS_EXCEPTION(ArgumentError, Rounding::parse(bad));
    }

    void roundToIntegral_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("even");
        QTest::addColumn<double>("away");
        QTest::addColumn<double>("zero");
        QTest::addColumn<double>("up");
        QTest::addColumn<double>("down");
        // docs/course.md: rounding 1.8 -> 2, 1.4 -> 1; truncating 1.8 -> 1, 1.4 -> 1.
        QTest::newRow("1.8") << 1.8 << 2.0 << 2.0 << 1.0 << 2.0 << 1.0;
        QTest::newRow("1.4") << 1.4 << 1.0 << 1.0 << 1.0 << 2.0 << 1.0;
        QTest::newRow("2.5 tie") << 2.5 << 2.0 << 3.0 << 2.0 << 3.0 << 2.0;
        QTest::newRow("3.5 tie") << 3.5 << 4.0 << 4.0 << 3.0 << 4.0 << 3.0;
        QTest::newRow("-2.5 tie") << -2.5 << -2.0 << -3.0 << -2.0 << -2.0 << -3.0;
        QTest::newRow("-0.3") << -0.3 << -0.0 << -0.0 << -0.0 << -0.0 << -1.0;
        QTest::newRow("0.5") << 0.5 << 0.0 << 1.0 << 0.0 << 1.0 << 0.0;
        QTest::newRow("huge") << 0x1p60 << 0x1p60 << 0x1p60 << 0x1p60 << 0x1p60 << 0x1p60;
        QTest::newRow("2^52+0.5") << 0x1p52 + 1 << 0x1p52 + 1 << 0x1p52 + 1 << 0x1p52 + 1 << 0x1p52 + 1 << 0x1p52 + 1;
        QTest::newRow("inf") << qInf() << qInf() << qInf() << qInf() << qInf() << qInf();
    }
    void roundToIntegral()
    {
        QFETCH(double, x);
        QFETCH(double, even);
        QFETCH(double, away);
        QFETCH(double, zero);
        QFETCH(double, up);
        QFETCH(double, down);
        auto same = [](double a, double b) { return a == b && std::signbit(a) == std::signbit(b); };
        QVERIFY(same(qs::roundToIntegral(x, {RoundingMode::NearestEven, 0}), even));
        QVERIFY(same(qs::roundToIntegral(x, {RoundingMode::NearestAway, 0}), away));
        QVERIFY(same(qs::roundToIntegral(x, {RoundingMode::TowardZero, 0}), zero));
        QVERIFY(same(qs::roundToIntegral(x, {RoundingMode::TowardPositive, 0}), up));
        QVERIFY(same(qs::roundToIntegral(x, {RoundingMode::TowardNegative, 0}), down));
        QVERIFY(std::isnan(qs::roundToIntegral(qQNaN(), {})));
    }

    void fixedFormats_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("totalBits");
        QTest::addColumn<double>("minValue");
        QTest::addColumn<double>("maxValue");
        QTest::addColumn<double>("resolution");
        QTest::newRow("ufix5.3") << "ufix5.3" << 8 << 0.0 << 31.875 << 0.125;
        QTest::newRow("sfix3.4") << "sfix3.4" << 8 << -8.0 << 7.9375 << 0.0625;
        QTest::newRow("int8") << "int8" << 8 << -128.0 << 127.0 << 1.0;
        QTest::newRow("uint8") << "uint8" << 8 << 0.0 << 255.0 << 1.0;
        QTest::newRow("int4") << "int4" << 4 << -8.0 << 7.0 << 1.0;
        QTest::newRow("int1") << "int1" << 1 << -1.0 << 0.0 << 1.0;
        QTest::newRow("int32") << "int32" << 32 << -2147483648.0 << 2147483647.0 << 1.0;
        QTest::newRow("uint32") << "uint32" << 32 << 0.0 << 4294967295.0 << 1.0;
        QTest::newRow("ufix0.32") << "ufix0.32" << 32 << 0.0 << 1 - 0x1p-32 << 0x1p-32;
    }
    void fixedFormats()
    {
        QFETCH(QString, spec);
        QFETCH(int, totalBits);
        QFETCH(double, minValue);
        QFETCH(double, maxValue);
        QFETCH(double, resolution);
        const FixedFormat f = std::get<FixedFormat>(parseFormat(spec.toStdString()));
        QCOMPARE(QString::fromStdString(f.name()), spec);
        QCOMPARE(f.totalBits(), totalBits);
        QCOMPARE(f.minValue(), minValue);
        QCOMPARE(f.maxValue(), maxValue);
        QCOMPARE(f.resolution(), resolution);
        QCOMPARE(f.valueCount(), std::uint64_t(1) << totalBits);
        // Every code (all of them up to 16 bits, a sample above) decodes to code * 2^-F and re-encodes.
        std::mt19937_64 rng(1);
        const std::uint64_t n = std::uint64_t(1) << totalBits;
        for (std::uint64_t i = 0; i < std::min<std::uint64_t>(n, 70000); ++i) {
            const std::uint64_t bits = n <= 70000 ? i : rng() % n;
            // two's complement by hand: the top bit weighs -2^(n-1)
            const bool top = (bits >> (totalBits - 1)) & 1;
            const double code = double(bits) - (f.isSigned() && top ? double(n) : 0.0);
            const double value = std::ldexp(code, -f.fractionBits());
            QCOMPARE(f.decodeBits(bits), value);
            const FixedEncodeResult r = f.encode(value);
            QCOMPARE(r.bits, bits);
            QVERIFY(!r.inexact && !r.saturated);
            QCOMPARE(std::strtod(f.exactDecimal(bits).c_str(), nullptr), value);
        }
        // Random reals: nearest-even on the grid, clamped (reference: nearbyint in the default mode).
        std::uniform_real_distribution<double> dist(minValue * 1.5 - 3, maxValue * 1.5 + 3);
        for (int i = 0; i < 20000; ++i) {
            const double x = dist(rng);
            const double want = std::clamp(std::nearbyint(x / resolution) * resolution, minValue, maxValue);
            const FixedEncodeResult r = f.encode(x);
            QCOMPARE(r.value, want);
            QCOMPARE(r.saturated,
                     x / resolution > maxValue / resolution + 0.5 || x / resolution < minValue / resolution - 0.5);
        }
    }

    void fixedFacts()
    {
        // docs/course.md: 25.125 = 11001.001 in ufix5.3; int4(9) saturates to 7 (a cast would wrap to -7).
        const FixedFormat ufix = std::get<FixedFormat>(parseFormat("ufix5.3"));
        QCOMPARE(QString::fromStdString(ufix.bitString(ufix.encode(25.125).bits)), QStringLiteral("11001001"));
        const FixedFormat int4 = FixedFormat::integer(4, true);
        QCOMPARE(int4.encode(9).code, std::int64_t(7));
        QCOMPARE(int4.encode(-9).code, std::int64_t(-8));
        QCOMPARE(int4.encode(qInf()).code, std::int64_t(7));
        QCOMPARE(int4.encode(-qInf()).code, std::int64_t(-8));
        QCOMPARE(int4.codeOfBits(0b1001), std::int64_t(-7)); // the wrapped value of 9
        QCOMPARE(int4.bitsOfCode(-3), std::uint64_t(0b1101));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, int4.encode(qQNaN()));
        const FixedFormat u8 = FixedFormat::integer(8, false);
        QCOMPARE(u8.encode(-1).code, std::int64_t(0));
        QVERIFY(u8.encode(-1).saturated);
        QCOMPARE(u8.encode(255.5).code, std::int64_t(255)); // 256 (tie to even) clamps
        QCOMPARE(u8.encode(1.8, {RoundingMode::TowardZero, 0}).code, std::int64_t(1));
        QCOMPARE(u8.encode(1.4).code, std::int64_t(1));
        QCOMPARE(u8.encode(1.8).code, std::int64_t(2));
        QCOMPARE(u8.encode(2.5, {RoundingMode::NearestAway, 0}).code, std::int64_t(3));
        QCOMPARE(u8.encode(2.5).code, std::int64_t(2));
        // Stochastic: the mean of many draws is the input.
        double sum = 0;
        for (int i = 0; i < 20000; ++i)
            sum += u8.encode(10.3, {RoundingMode::Stochastic, 5}, std::uint64_t(i)).value;
        QVERIFY(std::fabs(sum / 20000 - 10.3) < 0.02); // sigma = 0.46/sqrt(2e4) = 0.0032
    }
};

QTEST_APPLESS_MAIN(TestFormatParse)
#include "tst_formatparse.moc"
