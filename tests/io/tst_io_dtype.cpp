// The decode tables of core/io agree with qs::FloatFormat (core/formats, an
// independent exact implementation) on every code: all 65536 float16 and
// bfloat16 codes and all 256 codes of both OCP FP8 formats. Also the integer
// conversions' inexact counting and big-endian / Fortran-order conversion.
#include "iotestutil.h"

#include "formats/floatformat.h"
#include "io/dtype.h"

#include <QtTest>

using namespace qs;
using namespace qs::iotest;

class TestIoDtype : public QObject
{
    Q_OBJECT
private slots:
    void tablesMatchFloatFormat_data();
    void tablesMatchFloatFormat();
    void integerRounding_data();
    void integerRounding();
    void byteSwapAndFortranOrder();
    void utf8Validation_data();
    void utf8Validation();
};

void TestIoDtype::tablesMatchFloatFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("float16") << "fp16";
    QTest::newRow("bfloat16") << "bf16";
    QTest::newRow("fp8 e4m3") << "e4m3";
    QTest::newRow("fp8 e5m2") << "e5m2";
}

void TestIoDtype::tablesMatchFloatFormat()
{
    QFETCH(QString, format);
    const FloatFormat ref = format == "fp16"   ? FloatFormat::fp16()
                            : format == "bf16" ? FloatFormat::bf16()
                            : format == "e4m3" ? FloatFormat::fp8E4M3()
                                               : FloatFormat::fp8E5M2();
    const std::uint32_t codes = format.startsWith('e') ? 256 : 65536;
    int nans = 0;
    for (std::uint32_t c = 0; c < codes; ++c) {
        const float got = format == "fp16"   ? halfToFloat(std::uint16_t(c))
                          : format == "bf16" ? bfloat16ToFloat(std::uint16_t(c))
                          : format == "e4m3" ? fp8E4M3Table()[c]
                                             : fp8E5M2Table()[c];
        const double expected = ref.decode(c);
        nans += std::isnan(got);
        // Every code of these formats is a float32 value, so the comparison is exact (signed zero included).
        if (!sameFloat(got, float(expected)) || (!std::isnan(expected) && double(got) != expected))
            QFAIL(qPrintable(QString("code 0x%1: table %2, FloatFormat %3").arg(c, 0, 16).arg(got).arg(expected)));
    }
    // The NaN counts follow from the layouts: IEEE 2*(2^M - 1) for every exponent-all-ones code with M != 0.
    const int expectedNans = format == "fp16" ? 2046 : format == "bf16" ? 254 : format == "e4m3" ? 2 : 6;
    QCOMPARE(nans, expectedNans);
}

void TestIoDtype::integerRounding_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<float>("expected");
    QTest::addColumn<int>("inexact");
    // Expected values: float32 rounds to 24 significant bits, ties to even.
    QTest::newRow("2^24") << qint64(16777216) << 16777216.0f << 0;
    QTest::newRow("2^24+1 tie to even") << qint64(16777217) << 16777216.0f << 1;
    QTest::newRow("2^24+3 tie to even") << qint64(16777219) << 16777220.0f << 1;
    QTest::newRow("-2^63 exact") << std::numeric_limits<qint64>::min() << -9.2233720368547758e18f << 0;
    QTest::newRow("2^63-1 rounds up to 2^63") << std::numeric_limits<qint64>::max() << 9.2233720368547758e18f << 1;
    QTest::newRow("-7") << qint64(-7) << -7.0f << 0;
}

void TestIoDtype::integerRounding()
{
    QFETCH(qint64, value);
    QFETCH(float, expected);
    QFETCH(int, inexact);
    const std::int64_t v = value;
    float out = 0;
    ConversionReport r;
    convertToFloat(reinterpret_cast<const std::byte*>(&v), DType::I64, false, 1, &out, r);
    QCOMPARE(out, expected);
    QCOMPARE(r.inexact, std::int64_t(inexact));
    if (v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max()) {
        const auto v32 = std::int32_t(v);
        ConversionReport r32;
        convertToFloat(reinterpret_cast<const std::byte*>(&v32), DType::I32, false, 1, &out, r32);
        QCOMPARE(out, expected);
        QCOMPARE(r32.inexact, std::int64_t(inexact));
    }
}

void TestIoDtype::byteSwapAndFortranOrder()
{
    // int16 big-endian, Fortran order, shape 2x3: memory holds columns (0,3), (1,4), (2,5).
    const unsigned char be[12] = {0, 0, 0, 3, 0, 1, 0, 4, 0, 2, 0xff, 0xfb}; // last is -5
    float out[6];
    ConversionReport r;
    convertToFloat(reinterpret_cast<const std::byte*>(be), DType::I16, true, 6, out, r, Shape{2, 3});
    const float expected[6] = {0, 1, 2, 3, 4, -5};
    for (int i = 0; i < 6; ++i)
        QCOMPARE(out[i], expected[i]);
    // Rank 3 Fortran: element (i, j, k) of shape 2x2x2 sits at i + 2j + 4k.
    const std::uint8_t f[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    float out3[8];
    convertToFloat(reinterpret_cast<const std::byte*>(f), DType::U8, false, 8, out3, r, Shape{2, 2, 2});
    int at = 0;
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
            for (int k = 0; k < 2; ++k)
                QCOMPARE(out3[at++], float(i + 2 * j + 4 * k));
}

void TestIoDtype::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("firstBad");
    QTest::newRow("ascii") << QByteArray("abc") << -1;
    QTest::newRow("2-4 byte forms") << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") << -1;
    QTest::newRow("lone continuation") << QByteArray("a\x80") << 1;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << 0;
    QTest::newRow("overlong 3-byte") << QByteArray("x\xe0\x80\xaf") << 1;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 0;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 0;
    QTest::newRow("cut short") << QByteArray("ab\xe2\x82") << 2;
}

void TestIoDtype::utf8Validation()
{
    QFETCH(QByteArray, text);
    QFETCH(int, firstBad);
    QCOMPARE(firstInvalidUtf8(std::string_view(text.constData(), std::size_t(text.size()))), std::int64_t(firstBad));
}

QTEST_GUILESS_MAIN(TestIoDtype)
#include "tst_io_dtype.moc"
