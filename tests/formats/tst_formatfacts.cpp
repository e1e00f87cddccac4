// docs/course.md as data: every column of the parameter table and every
// conversion fact, plus the §2 worked examples. Expected values are written
// as exact powers of two / literals from the table, never computed by the core.
#include "formats/numberformat.h"

#include <QtTest>

#include <cmath>

using namespace qs;

class TestFormatFacts : public QObject
{
    Q_OBJECT
private slots:
    void parameterTable_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("e");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("bias");
        QTest::addColumn<double>("maxFinite");
        QTest::addColumn<double>("minNormal");
        QTest::addColumn<double>("minSubnormal"); // 0: none
        QTest::addColumn<double>("epsilon");
        QTest::addColumn<bool>("hasInf");
        QTest::addColumn<bool>("hasNan");
        QTest::addColumn<int>("totalBits");

        const double p = 1.0; // for readability of ldexp(p, k)
        QTest::newRow("FP32") << "fp32" << 8 << 23 << 127 << 3.4028234663852886e38 << std::ldexp(p, -126)
                              << std::ldexp(p, -149) << std::ldexp(p, -23) << true << true << 32;
        QTest::newRow("FP16") << "fp16" << 5 << 10 << 15 << 65504.0 << std::ldexp(p, -14) << std::ldexp(p, -24)
                              << std::ldexp(p, -10) << true << true << 16;
        // BF16 max = (2 - 2^-7) * 2^127 ~ 3.3895e38
        QTest::newRow("BF16") << "bf16" << 8 << 7 << 127 << (2 - std::ldexp(p, -7)) * std::ldexp(p, 127)
                              << std::ldexp(p, -126) << std::ldexp(p, -133) << std::ldexp(p, -7) << true << true << 16;
        QTest::newRow("TF32") << "tf32" << 8 << 10 << 127 << (2 - std::ldexp(p, -10)) * std::ldexp(p, 127)
                              << std::ldexp(p, -126) << std::ldexp(p, -136) << std::ldexp(p, -10) << true << true << 19;
        QTest::newRow("E4M3") << "fp8-e4m3" << 4 << 3 << 7 << 448.0 << std::ldexp(p, -6) << std::ldexp(p, -9) << 0.125
                              << false << true << 8;
        QTest::newRow("E4M3fnuz") << "fp8-e4m3fnuz" << 4 << 3 << 8 << 240.0 << std::ldexp(p, -7) << std::ldexp(p, -10)
                                  << 0.125 << false << true << 8;
        QTest::newRow("E5M2") << "fp8-e5m2" << 5 << 2 << 15 << 57344.0 << std::ldexp(p, -14) << std::ldexp(p, -16)
                              << 0.25 << true << true << 8;
        QTest::newRow("E5M2fnuz") << "fp8-e5m2fnuz" << 5 << 2 << 16 << 57344.0 << std::ldexp(p, -15)
                                  << std::ldexp(p, -17) << 0.25 << false << true << 8;
        QTest::newRow("E2M3") << "fp6-e2m3" << 2 << 3 << 1 << 7.5 << 1.0 << 0.125 << 0.125 << false << false << 6;
        QTest::newRow("E3M2") << "fp6-e3m2" << 3 << 2 << 3 << 28.0 << 0.25 << 0.0625 << 0.25 << false << false << 6;
        QTest::newRow("E2M1") << "fp4-e2m1" << 2 << 1 << 1 << 6.0 << 1.0 << 0.5 << 0.5 << false << false << 4;
        QTest::newRow("E8M0") << "e8m0" << 8 << 0 << 127 << std::ldexp(p, 127) << std::ldexp(p, -127) << 0.0 << 1.0
                              << false << true << 8;
        QTest::newRow("FP64") << "fp64" << 11 << 52 << 1023 << 1.7976931348623157e308 << std::ldexp(p, -1022)
                              << std::ldexp(p, -1074) << std::ldexp(p, -52) << true << true << 64;
    }
    void parameterTable()
    {
        QFETCH(QString, spec);
        QFETCH(int, e);
        QFETCH(int, m);
        QFETCH(int, bias);
        QFETCH(double, maxFinite);
        QFETCH(double, minNormal);
        QFETCH(double, minSubnormal);
        QFETCH(double, epsilon);
        QFETCH(bool, hasInf);
        QFETCH(bool, hasNan);
        QFETCH(int, totalBits);
        const FloatFormat f = parseFloatFormat(spec.toStdString());
        QCOMPARE(QString::fromStdString(f.name()), spec);
        QCOMPARE(f.exponentBits(), e);
        QCOMPARE(f.mantissaBits(), m);
        QCOMPARE(f.bias(), bias);
        QCOMPARE(f.maxFinite(), maxFinite);
        QCOMPARE(f.minNormal(), minNormal);
        QCOMPARE(f.minSubnormal(), minSubnormal);
        QCOMPARE(f.epsilon(), epsilon);
        QCOMPARE(f.hasInf(), hasInf);
        QCOMPARE(f.hasNan(), hasNan);
        QCOMPARE(f.totalBits(), totalBits);
    }

    void specialCodes()
    {
        // E4M3 fn: NaN only at S.1111.111; fnuz: NaN only at 1000 0000, no -0.
        const FloatFormat e4m3 = FloatFormat::fp8E4M3();
        for (std::uint64_t c = 0; c < 256; ++c)
            QCOMPARE(e4m3.classify(c) == ValueClass::NaN, (c & 0x7F) == 0x7F);
        const FloatFormat fnuz = FloatFormat::fp8E4M3Fnuz();
        for (std::uint64_t c = 0; c < 256; ++c)
            QCOMPARE(fnuz.classify(c) == ValueClass::NaN, c == 0x80);
        QVERIFY(!fnuz.hasNegativeZero());
        QCOMPARE(fnuz.encode(-0.0).code, std::uint64_t(0));
        const FloatFormat e8m0 = FloatFormat::e8m0();
        QVERIFY(e8m0.classify(0xFF) == ValueClass::NaN);
        QCOMPARE(e8m0.decode(0x00), std::ldexp(1.0, -127));
        QCOMPARE(e8m0.decode(0x7F), 1.0);
        QCOMPARE(e8m0.decode(0x83), 16.0); // docs/course.md "Microscaling" example: X = 16 is 0x83
        QCOMPARE(e8m0.decode(0xFE), std::ldexp(1.0, 127));
        QVERIFY(!e8m0.isSigned());
    }

    void conversions_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("input");
        QTest::addColumn<bool>("saturate");
        QTest::addColumn<double>("expected"); // NaN means the format's NaN
        QTest::newRow("E4M3 464 tie to even") << "fp8-e4m3" << 464.0 << false << 448.0;
        QTest::newRow("E4M3 465 NaN") << "fp8-e4m3" << 465.0 << false << qQNaN();
        QTest::newRow("E4M3 465 saturated") << "fp8-e4m3" << 465.0 << true << 448.0;
        QTest::newRow("E4M3 300") << "fp8-e4m3" << 300.0 << false << 288.0;
        QTest::newRow("E5M2 61439") << "fp8-e5m2" << 61439.0 << false << 57344.0;
        QTest::newRow("E5M2 61440") << "fp8-e5m2" << 61440.0 << false << qInf();
        QTest::newRow("E5M2 61440 saturated") << "fp8-e5m2" << 61440.0 << true << 57344.0;
        QTest::newRow("BF16 1+2^-8") << "bf16" << 1 + std::ldexp(1.0, -8) << false << 1.0;
        QTest::newRow("E2M1 5") << "fp4-e2m1" << 5.0 << false << 4.0;
        QTest::newRow("E2M1 2.5") << "fp4-e2m1" << 2.5 << false << 2.0;
        QTest::newRow("E2M1 0.75") << "fp4-e2m1" << 0.75 << false << 1.0;
        QTest::newRow("E2M1 0.25") << "fp4-e2m1" << 0.25 << false << 0.0;
        QTest::newRow("E2M1 7 saturating") << "fp4-e2m1" << 7.0 << true << 6.0;
        QTest::newRow("E2M1 7 (no Inf/NaN: clamps)") << "fp4-e2m1" << 7.0 << false << 6.0;
        QTest::newRow("FP16 1e8 overflows") << "fp16" << 1e8 << false << qInf();
        QTest::newRow("FP16 65519 stays") << "fp16" << 65519.0 << false << 65504.0;
        QTest::newRow("FP16 65520 to Inf") << "fp16" << 65520.0 << false << qInf();
        QTest::newRow("FP16 1e-8 underflows to 0") << "fp16" << 1e-8 << false << 0.0;
        // 1e-8 = 1.34217728 * 2^-27; 7 mantissa bits: 1.34217728 * 128 = 171.8 -> 172
        QTest::newRow("BF16 1e-8 survives") << "bf16" << 1e-8 << false << std::ldexp(172.0, -34);
        QTest::newRow("FP32 25.125") << "fp32" << 25.125 << false << 25.125;
    }
    void conversions()
    {
        QFETCH(QString, spec);
        QFETCH(double, input);
        QFETCH(bool, saturate);
        QFETCH(double, expected);
        const FloatFormat f = parseFloatFormat(spec.toStdString());
        const EncodeResult r = f.encode(input, {}, saturate ? OverflowMode::Saturate : OverflowMode::Ieee);
        if (std::isnan(expected)) {
            QVERIFY(std::isnan(r.value));
            QVERIFY(r.valueClass == ValueClass::NaN);
        } else {
            QCOMPARE(r.value, expected);
        }
    }

    void workedExample25_125()
    {
        const FloatFormat f = FloatFormat::fp32();
        const EncodeResult r = f.encode(25.125);
        QCOMPARE(QString::fromStdString(f.bitString(r.code)), QStringLiteral("01000001110010010000000000000000"));
        QCOMPARE(f.exponentFieldOf(r.code), std::uint64_t(131));
        QVERIFY(!r.inexact);
        // 0.1 in FP32: every digit of the binary fraction.
        QCOMPARE(QString::fromStdString(f.exactDecimal(f.encode(0.1).code)),
                 QStringLiteral("0.100000001490116119384765625"));
        // Fixed point ufix5.3: 25.125 = 11001.001, largest 31.875, finest 0.125.
        const NumberFormat ufix = parseFormat("ufix5.3");
        const auto& fx = std::get<FixedFormat>(ufix);
        const FixedEncodeResult fr = fx.encode(25.125);
        QCOMPARE(QString::fromStdString(fx.bitString(fr.bits)), QStringLiteral("11001001"));
        QCOMPARE(fx.resolution(), 0.125);
        QCOMPARE(fx.maxValue(), 31.875);
        // A quantizer clamps: int4(9) = 7 (some libraries' casts wrap to -7).
        const auto int4 = std::get<FixedFormat>(parseFormat("int4"));
        QCOMPARE(int4.encode(9).code, std::int64_t(7));
        QVERIFY(int4.encode(9).saturated);
        QCOMPARE(int4.encode(-9).code, std::int64_t(-8));
    }
};

QTEST_APPLESS_MAIN(TestFormatFacts)
#include "tst_formatfacts.moc"
