// quantscope-cli format/encode/decode/explain, run as a process (QS_CLI_PATH):
// JSON keys and values against docs/course.md and hand-computed bit patterns,
// and the bad-input convention (exit status 2, one line on stderr, no stdout).
#include "common/testutil.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cfloat>
#include <cmath>

namespace {

using qs::test::Run;
using qs::test::runCli;

QJsonObject runJson(const QStringList& args)
{
    const Run r = runCli(args + QStringList{QStringLiteral("--json")});
    if (r.status != 0)
        qWarning() << args << r.err;
    QJsonParseError e{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning() << "bad JSON" << r.out;
    return doc.object();
}

} // namespace

class TestCliFormats : public QObject
{
    Q_OBJECT
private slots:
    void formatJson_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("totalBits");
        QTest::addColumn<int>("e");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("bias");
        QTest::addColumn<double>("maxFinite");
        QTest::addColumn<double>("minNormal");
        QTest::addColumn<double>("minSubnormal");
        QTest::addColumn<double>("epsilon");
        QTest::addColumn<double>("finiteCount");
        QTest::addColumn<bool>("hasInf");
        QTest::addColumn<bool>("hasNan");
        // finite counts by hand: IEEE 2 * (2^E - 1) * 2^M; fn 2^(1+E+M) - 2; fnuz 2^(1+E+M) - 1; finite 2^(1+E+M)
        QTest::newRow("fp32") << "fp32" << 32 << 8 << 23 << 127 << double(FLT_MAX) << 0x1p-126 << 0x1p-149 << 0x1p-23
                              << 2.0 * 255 * 8388608 << true << true;
        QTest::newRow("fp16") << "fp16" << 16 << 5 << 10 << 15 << 65504.0 << 0x1p-14 << 0x1p-24 << 0x1p-10
                              << 2.0 * 31 * 1024 << true << true;
        QTest::newRow("bf16") << "bf16" << 16 << 8 << 7 << 127 << 0x1.fep127 << 0x1p-126 << 0x1p-133 << 0x1p-7
                              << 2.0 * 255 * 128 << true << true;
        QTest::newRow("fp8-e4m3") << "fp8-e4m3" << 8 << 4 << 3 << 7 << 448.0 << 0x1p-6 << 0x1p-9 << 0.125 << 254.0
                                  << false << true;
        QTest::newRow("fp8-e4m3fnuz") << "fp8-e4m3fnuz" << 8 << 4 << 3 << 8 << 240.0 << 0x1p-7 << 0x1p-10 << 0.125
                                      << 255.0 << false << true;
        QTest::newRow("fp8-e5m2") << "fp8-e5m2" << 8 << 5 << 2 << 15 << 57344.0 << 0x1p-14 << 0x1p-16 << 0.25
                                  << 2.0 * 31 * 4 << true << true;
        QTest::newRow("fp4-e2m1") << "fp4-e2m1" << 4 << 2 << 1 << 1 << 6.0 << 1.0 << 0.5 << 0.5 << 16.0 << false
                                  << false;
        QTest::newRow("fp6-e3m2") << "fp6-e3m2" << 6 << 3 << 2 << 3 << 28.0 << 0.25 << 0.0625 << 0.25 << 64.0 << false
                                  << false;
        QTest::newRow("e8m0") << "e8m0" << 8 << 8 << 0 << 127 << 0x1p127 << 0x1p-127 << 0.0 << 1.0 << 255.0 << false
                              << true;
        // subnormals=off flushes to zero (every e = 0 code is a zero, all counted as finite);
        // zero=off makes e = 0 a normal binade instead (minNormal 2^-bias).
        QTest::newRow("e5m2 ftz") << "e5m2,subnormals=off" << 8 << 5 << 2 << 15 << 57344.0 << 0x1p-14 << 0.0 << 0.25
                                  << 2.0 * 31 * 4 << true << true;
        QTest::newRow("e3m2 no zero") << "e3m2,subnormals=off,zero=off" << 6 << 3 << 2 << 3 << 14.0 << 0x1p-3 << 0.0
                                      << 0.25 << 2.0 * 7 * 4 << true << true;
        QTest::newRow("fp64") << "fp64" << 64 << 11 << 52 << 1023 << DBL_MAX << 0x1p-1022 << 0x1p-1074 << 0x1p-52
                              << 2.0 * 2047 * 0x1p52 << true << true;
    }
    void formatJson()
    {
        QFETCH(QString, spec);
        QFETCH(int, totalBits);
        QFETCH(int, e);
        QFETCH(int, m);
        QFETCH(int, bias);
        QFETCH(double, maxFinite);
        QFETCH(double, minNormal);
        QFETCH(double, minSubnormal);
        QFETCH(double, epsilon);
        QFETCH(double, finiteCount);
        QFETCH(bool, hasInf);
        QFETCH(bool, hasNan);
        const QJsonObject o = runJson({"format", spec});
        for (const char* key :
             {"name", "total_bits", "exponent_bits", "mantissa_bits", "bias", "max_finite", "min_normal",
              "min_subnormal", "epsilon", "decimal_digits", "finite_count", "has_inf", "has_nan"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o["name"].toString(), spec);
        QCOMPARE(o["total_bits"].toInt(), totalBits);
        QCOMPARE(o["exponent_bits"].toInt(), e);
        QCOMPARE(o["mantissa_bits"].toInt(), m);
        QCOMPARE(o["bias"].toInt(), bias);
        // Exact equality: the JSON must carry enough digits to round-trip a double.
        QCOMPARE(o["max_finite"].toDouble(), maxFinite);
        QCOMPARE(o["min_normal"].toDouble(), minNormal);
        QCOMPARE(o["min_subnormal"].toDouble(), minSubnormal);
        QCOMPARE(o["epsilon"].toDouble(), epsilon);
        QCOMPARE(o["decimal_digits"].toDouble(), (m + 1) * std::log10(2.0));
        QCOMPARE(o["finite_count"].toDouble(), finiteCount);
        QCOMPARE(o["has_inf"].toBool(), hasInf);
        QCOMPARE(o["has_nan"].toBool(), hasNan);
    }

    void encodeJson_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("bits");
        QTest::addColumn<QString>("value"); // JSON text of the value: a number or "inf"/"nan"
        QTest::addColumn<QString>("cls");
        QTest::newRow("fp32 25.125") << QStringList{"fp32", "25.125"} << "01000001110010010000000000000000"
                                     << "25.125"
                                     << "normal";
        QTest::newRow("e4m3 464") << QStringList{"fp8-e4m3", "464"} << "01111110"
                                  << "448"
                                  << "normal";
        QTest::newRow("e4m3 465") << QStringList{"fp8-e4m3", "465"} << "01111111"
                                  << "\"nan\""
                                  << "nan";
        QTest::newRow("e4m3 465 sat") << QStringList{"fp8-e4m3", "465", "--saturate"} << "01111110"
                                      << "448"
                                      << "normal";
        // 288 = 1.001b x 2^8: exponent 8 + 7 = 1111, mantissa 001
        QTest::newRow("e4m3 300") << QStringList{"fp8-e4m3", "300"} << "01111001"
                                  << "288"
                                  << "normal";
        QTest::newRow("e5m2 61439") << QStringList{"fp8-e5m2", "61439"} << "01111011"
                                    << "57344"
                                    << "normal";
        QTest::newRow("e5m2 61440") << QStringList{"fp8-e5m2", "61440"} << "01111100"
                                    << "\"inf\""
                                    << "inf";
        QTest::newRow("e5m2 -61440") << QStringList{"fp8-e5m2", "-61440"} << "11111100"
                                     << "\"-inf\""
                                     << "inf";
        QTest::newRow("bf16 1+2^-8") << QStringList{"bf16", "1.00390625"} << "0011111110000000"
                                     << "1"
                                     << "normal";
        QTest::newRow("e2m1 5") << QStringList{"fp4-e2m1", "5"} << "0110"
                                << "4"
                                << "normal";
        QTest::newRow("e2m1 2.5") << QStringList{"fp4-e2m1", "2.5"} << "0100"
                                  << "2"
                                  << "normal";
        QTest::newRow("e2m1 0.75") << QStringList{"fp4-e2m1", "0.75"} << "0010"
                                   << "1"
                                   << "normal";
        QTest::newRow("e2m1 0.25") << QStringList{"fp4-e2m1", "0.25"} << "0000"
                                   << "0"
                                   << "zero";
        QTest::newRow("e2m1 7 sat") << QStringList{"fp4-e2m1", "7", "--saturate"} << "0111"
                                    << "6"
                                    << "normal";
        QTest::newRow("fp16 1e8") << QStringList{"fp16", "1e8"} << "0111110000000000"
                                  << "\"inf\""
                                  << "inf";
        QTest::newRow("fp16 1.5 truncate")
            << QStringList{"fp16", "1.00146484375", "--rounding", "toward-zero"} << "0011110000000001"
            << "1.0009765625"
            << "normal";
        QTest::newRow("e8m0 16") << QStringList{"e8m0", "16"} << "10000011"
                                 << "16"
                                 << "normal";
        // Flush to zero: 4e-5 lies between 2^-15 (the midpoint) and 2^-14: up to minNormal.
        QTest::newRow("e5m2 ftz 4e-5") << QStringList{"e5m2,subnormals=off", "4e-5"} << "00000100"
                                       << "6.103515625e-05"
                                       << "normal";
        QTest::newRow("e5m2 ftz 4e-5 truncate")
            << QStringList{"e5m2,subnormals=off", "4e-5", "--rounding", "toward-zero"} << "00000000"
            << "0"
            << "zero";
        QTest::newRow("e5m2 ftz 2e-5") << QStringList{"e5m2,subnormals=off", "2e-5"} << "00000000"
                                       << "0"
                                       << "zero";
        QTest::newRow("e5m2 ftz -2e-5") << QStringList{"e5m2,subnormals=off", "-2e-5"} << "10000000"
                                        << "0"
                                        << "zero";
        QTest::newRow("e5m2 ftz tie") << QStringList{"e5m2,subnormals=off", "0.000030517578125"} << "00000000"
                                      << "0"
                                      << "zero";
        QTest::newRow("e5m2 ftz tie away")
            << QStringList{"e5m2,subnormals=off", "0.000030517578125", "--rounding", "nearest-away"} << "00000100"
            << "6.103515625e-05"
            << "normal";
        QTest::newRow("e8m0 spelled out 16")
            << QStringList{"e8m0,special=fn,subnormals=off,zero=off,signed=off", "16"} << "10000011"
            << "16"
            << "normal";
        QTest::newRow("int4 9") << QStringList{"int4", "9"} << "0111"
                                << "7"
                                << "normal";
        QTest::newRow("ufix5.3 25.125") << QStringList{"ufix5.3", "25.125"} << "11001001"
                                        << "25.125"
                                        << "normal";
    }
    void encodeJson()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, bits);
        QFETCH(QString, value);
        QFETCH(QString, cls);
        const QJsonObject o = runJson(QStringList{"encode"} + args);
        for (const char* key :
             {"bits", "hex", "value", "exact_decimal", "class", "prev", "next", "ulp", "abs_error", "rel_error"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o["bits"].toString(), bits);
        QCOMPARE(o["hex"].toString(),
                 QStringLiteral("0x%1")
                     .arg(bits.toULongLong(nullptr, 2), (bits.size() + 3) / 4, 16, QLatin1Char('0'))
                     .toUpper()
                     .replace("0X", "0x"));
        const QJsonValue expected = QJsonDocument::fromJson(("[" + value + "]").toUtf8()).array().at(0);
        QCOMPARE(o["value"], expected);
        QCOMPARE(o["class"].toString(), cls);
    }

    void neighboursAndErrors()
    {
        const QJsonObject o = runJson({"encode", "fp32", "0.1"});
        QCOMPARE(o["exact_decimal"].toString(), QStringLiteral("0.100000001490116119384765625"));
        QCOMPARE(o["value"].toDouble(), double(0.1f));
        QCOMPARE(o["prev"].toDouble(), double(std::nextafter(0.1f, 0.0f)));
        QCOMPARE(o["next"].toDouble(), double(std::nextafter(0.1f, 1.0f)));
        QCOMPARE(o["ulp"].toDouble(), 0x1p-27);
        QCOMPARE(o["abs_error"].toDouble(), double(0.1f) - 0.1);
        QCOMPARE(o["rel_error"].toDouble(), (double(0.1f) - 0.1) / 0.1);
        const QJsonObject d = runJson({"decode", "fp32", "0x7F7FFFFF"});
        QCOMPARE(d["value"].toDouble(), double(FLT_MAX)); // 3.4028234663852886e38 survives the JSON
        QCOMPARE(d["exact_decimal"].toString(), QStringLiteral("340282346638528859811704183484516925440"));
        QCOMPARE(d["next"].toString(), QStringLiteral("inf"));
        QCOMPARE(d["abs_error"].toDouble(), 0.0);
        const QJsonObject b = runJson({"decode", "fp16", "0 11110 1111111111"});
        QCOMPARE(b["value"].toDouble(), 65504.0);
        QCOMPARE(b["prev"].toDouble(), 65472.0);
        const QJsonObject n = runJson({"decode", "fp8-e4m3fnuz", "1000_0000"});
        QCOMPARE(n["value"].toString(), QStringLiteral("nan"));
        QCOMPARE(n["class"].toString(), QStringLiteral("nan"));
        const QJsonObject s = runJson({"decode", "fp16", "0x0001"});
        QCOMPARE(s["class"].toString(), QStringLiteral("subnormal"));
        QCOMPARE(s["value"].toDouble(), 0x1p-24);
        QCOMPARE(s["exact_decimal"].toString(), QStringLiteral("0.000000059604644775390625"));
    }

    void flushToZeroDecode()
    {
        for (const char* code : {"0x00", "0x01", "0x03"}) {
            const QJsonObject d = runJson({"decode", "e5m2,subnormals=off", code});
            QCOMPARE(d["value"].toDouble(), 0.0);
            QCOMPARE(d["class"].toString(), QStringLiteral("zero"));
            QCOMPARE(d["exact_decimal"].toString(), QStringLiteral("0"));
            QCOMPARE(d["next"].toDouble(), 0x1p-14); // skips the non-canonical zeros
            QCOMPARE(d["prev"].toDouble(), -0x1p-14);
        }
        const QJsonObject m = runJson({"decode", "e5m2,subnormals=off", "0x04"});
        QCOMPARE(m["value"].toDouble(), 0x1p-14);
        QCOMPARE(m["prev"].toDouble(), 0.0);
        const QJsonObject nan = runJson({"decode", "e4m3,special=fnuz,subnormals=off", "0x80"});
        QCOMPARE(nan["class"].toString(), QStringLiteral("nan"));
        const QJsonObject z = runJson({"decode", "e4m3,special=fnuz,subnormals=off", "0x81"});
        QCOMPARE(z["class"].toString(), QStringLiteral("zero"));
        QCOMPARE(z["value"].toDouble(), 0.0);
        const QJsonObject noZero = runJson({"decode", "e3m2,subnormals=off,zero=off", "0x00"});
        QCOMPARE(noZero["value"].toDouble(), 0.125);
        QCOMPARE(noZero["class"].toString(), QStringLiteral("normal"));
        const QJsonObject f = runJson({"format", "e8m0"});
        QCOMPARE(f["min_normal"].toDouble(), 0x1p-127);
        const QJsonObject ex = runJson({"explain", "e5m2,subnormals=off", "4e-5"});
        QCOMPARE(ex["bits"].toString(), QStringLiteral("00000100"));
        bool sawFlush = false;
        for (const QJsonValue& s : ex["steps"].toArray())
            if (s.toObject()["id"].toString() == QLatin1String("flush")) {
                sawFlush = true;
                const QString text = s.toObject()["text"].toString();
                QVERIFY2(text.contains(QStringLiteral("below the smallest normal 2⁻¹⁴")), qPrintable(text));
                QVERIFY2(text.contains(QStringLiteral("flushes subnormals to zero")), qPrintable(text));
                QVERIFY2(text.contains(QStringLiteral("above the midpoint 2⁻¹⁵")), qPrintable(text));
            }
        QVERIFY(sawFlush);
    }

    void explainJson()
    {
        const QJsonObject o = runJson({"explain", "fp32", "25.125"});
        QCOMPARE(o["bits"].toString(), QStringLiteral("01000001110010010000000000000000"));
        QCOMPARE(o["fields"].toString(), QStringLiteral("0 10000011 10010010000000000000000"));
        const QJsonArray steps = o["steps"].toArray();
        QVERIFY(steps.size() >= 8);
        bool sawExponent = false;
        for (const QJsonValue& s : steps)
            if (s.toObject()["id"].toString() == QLatin1String("exponent")) {
                sawExponent = true;
                QCOMPARE(s.toObject()["text"].toString(),
                         QStringLiteral("biased exponent = 4 + 127 = 131 = 10000011₂"));
                QCOMPARE(s.toObject()["bits"].toArray().size(), 8);
            }
        QVERIFY(sawExponent);
        const Run text = runCli({"explain", "fp32", "25.125"});
        QCOMPARE(text.status, 0);
        QVERIFY(QString::fromUtf8(text.out).contains(QStringLiteral("11001.001₂ = 1.1001001₂ × 2⁴")));
    }

    void textOutput()
    {
        const Run r = runCli({"encode", "fp32", "25.125"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("0 10000011 10010010000000000000000"));
        QVERIFY(r.err.isEmpty());
        const Run f = runCli({"format", "fp16"});
        QCOMPARE(f.status, 0);
        QVERIFY(f.out.contains("65504"));
    }

    void allPresetsAnswer()
    {
        for (const QString spec :
             {"fp64", "fp32", "fp16", "bf16", "tf32", "fp8-e4m3", "fp8-e4m3fnuz", "fp8-e5m2", "fp8-e5m2fnuz",
              "fp6-e2m3", "fp6-e3m2", "fp4-e2m1", "e8m0", "int8", "uint4", "sfix3.4"}) {
            for (const QStringList& args : {QStringList{"format", spec}, QStringList{"encode", spec, "1.5"},
                                            QStringList{"explain", spec, "-0.3"}}) {
                const Run r = runCli(args);
                QVERIFY2(r.status == 0, qPrintable(args.join(' ') + ": " + QString::fromUtf8(r.err)));
                QVERIFY(!r.out.isEmpty());
            }
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown spec") << QStringList{"format", "fp7"} << "unknown format 'fp7'";
        QTest::newRow("E=12") << QStringList{"format", "e12m3"} << "exponent bits 12 outside 1-11";
        QTest::newRow("M=53") << QStringList{"encode", "e8m53", "1"} << "mantissa bits 53 outside 0-52";
        QTest::newRow("bits too short") << QStringList{"decode", "fp8-e4m3", "0101"} << "has 4 bits";
        QTest::newRow("bits too long") << QStringList{"decode", "fp16", "00000000000000000"} << "has 17 bits";
        QTest::newRow("bad bit chars") << QStringList{"decode", "fp8-e4m3", "0101x011"} << "contains 'x'";
        QTest::newRow("hex too wide") << QStringList{"decode", "fp8-e4m3", "0x1ff"} << "does not fit in 8 bits";
        QTest::newRow("not a number") << QStringList{"encode", "fp16", "abc"} << "value 'abc' is not a number";
        QTest::newRow("explain not a number") << QStringList{"explain", "fp16", "1.2.3"} << "is not a number";
        QTest::newRow("bad rounding") << QStringList{"encode", "fp16", "1", "--rounding", "up"}
                                      << "unknown rounding mode 'up'";
        QTest::newRow("missing value") << QStringList{"encode", "fp16"} << "expected encode SPEC VALUE";
        QTest::newRow("NaN without NaN") << QStringList{"encode", "fp4-e2m1", "nan"} << "has no NaN";
        QTest::newRow("NaN into int") << QStringList{"encode", "int8", "nan"} << "NaN cannot be encoded";
        QTest::newRow("unknown option") << QStringList{"format", "fp16", "--bogus"} << "unknown option --bogus";
        QTest::newRow("zero=off with subnormals")
            << QStringList{"format", "e3m2,zero=off"} << "zero=off needs subnormals=off";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = runCli(args);
        QCOMPARE(r.status, 2);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.contains(message), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCliFormats)
#include "tst_cliformats.moc"
