// Bits per value that count everything stored (docs/quantization.md): values kept in full
// precision with their index, scales rounded to their storage format before
// use and counted at its width, zero points at their integer width, NF4 with
// double quantization of the absmax values.
//
// The expected bit counts are written out from the storage layout in each
// row's comment; the rounded scales are checked against references written
// here (the compiler's _Float16 conversion, a nearest-bf16 search in double,
// the next power of two).
#include "formats/error.h"
#include "quant/pipeline.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace qs;

namespace {

Tensor randomTensor(const Shape& shape, std::uint32_t seed, float sigma = 1.0f)
{
    Tensor x(shape);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, sigma);
    for (float& v : x.values())
        v = normal(rng);
    return x;
}

// float -> binary16 -> float, the compiler's IEEE round to nearest even.
float fp16Reference(float v)
{
    return float(static_cast<_Float16>(v));
}

// The bfloat16 nearest to v (ties to an even last bit), chosen in double.
float bf16Reference(float v)
{
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    const std::uint32_t down = bits & 0xFFFF0000u, up = down + 0x10000u;
    float lo, hi;
    std::memcpy(&lo, &down, sizeof lo);
    std::memcpy(&hi, &up, sizeof hi);
    const double dl = std::fabs(double(v) - double(lo)), dh = std::fabs(double(hi) - double(v));
    if (dl < dh)
        return lo;
    if (dh < dl)
        return hi;
    return (down & 0x10000u) ? hi : lo;
}

// E8M0: the smallest power of two at or above v (a scale rounded up keeps the block's absmax on the grid).
float e8m0Reference(float v)
{
    double p = 1;
    while (p < v)
        p *= 2;
    while (p / 2 >= v)
        p /= 2;
    return float(p);
}

} // namespace

class TestStorageBits : public QObject
{
    Q_OBJECT
private slots:
    void outliersCount_data();
    void outliersCount();
    void scaleFormat_data();
    void scaleFormat();
    void doubleQuant();
    void scaleFormatRefusals();
};

void TestStorageBits::outliersCount_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("nanInputs");
    QTest::addColumn<double>("bits");
    // 1000 int8 values per tensor with 10 of them at 50 (threshold 6): 1000 codes,
    // one fp32 scale, and each outlier's fp32 value and int32 index.
    QTest::newRow("elements") << "elements" << 0 << (1000 * 8 + 32 + 10 * (32 + 32)) / 1000.0;
    // NaN inputs pass through the same way and count alike.
    QTest::newRow("elements + 2 NaN") << "elements" << 2 << (1000 * 8 + 32 + 12 * (32 + 32)) / 1000.0;
    // [20, 50]: the 10 outliers sit in 5 columns; each kept column stores 20 fp32 values and an int32 index.
    QTest::newRow("columns") << "columns" << 0 << (1000 * 8 + 32 + 5 * (32 + 20 * 32)) / 1000.0;
}

void TestStorageBits::outliersCount()
{
    QFETCH(QString, mode);
    QFETCH(int, nanInputs);
    QFETCH(double, bits);
    Tensor x = randomTensor(Shape{20, 50}, 2);
    for (int k = 0; k < 10; ++k)
        x.data()[k * 100 + (k % 5)] = 50.0f; // columns 0..4, two rows each
    for (int k = 0; k < nanInputs; ++k)
        x.data()[550 + 7 * k] = std::numeric_limits<float>::quiet_NaN();
    QuantConfig c;
    c.setQuantizer("int8");
    c.outliers = parseOutlierMode(mode.toStdString());
    c.outlierThreshold = 6;
    const QuantResult r = runQuantization(x, c);
    QVERIFY2(std::fabs(r.bitsPerValue - bits) < 1e-12, qPrintable(QString::number(r.bitsPerValue, 'g', 17)));
    QCOMPARE(r.storage.totalBits(), bits * 1000);
}

void TestStorageBits::scaleFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("width");
    QTest::newRow("fp32") << "fp32" << 32;
    QTest::newRow("fp16") << "fp16" << 16; // int4 block:32 with fp16 scales: 4.5 bits/value
    QTest::newRow("bf16") << "bf16" << 16;
    QTest::newRow("e8m0") << "e8m0" << 8;
}

// int4 symmetric in blocks of 32 over [16, 64]: each block's fp32 step S is
// rounded to the format, and the codes and x̂ use the rounded step.
void TestStorageBits::scaleFormat()
{
    QFETCH(QString, format);
    QFETCH(int, width);
    const Tensor x = randomTensor(Shape{16, 64}, 7, 0.37f);
    QuantConfig c;
    c.setQuantizer("int4");
    c.granularity = Granularity::parse("block:32");
    QuantOptions opt;
    opt.codes = true;
    const QuantResult plain = runQuantization(x, c, opt);
    c.scaleFormat = parseScaleFormat(format.toStdString());
    const QuantResult r = runQuantization(x, c, opt);
    QCOMPARE(r.bitsPerValue, 4.0 + width / 32.0);
    QCOMPARE(r.storage.scaleBits, width);
    QCOMPARE(r.groups.size(), plain.groups.size());
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
        const float s32 = float(plain.groups[g].scale);
        const float expected = format == "fp16"   ? fp16Reference(s32)
                               : format == "bf16" ? bf16Reference(s32)
                               : format == "e8m0" ? e8m0Reference(s32)
                                                  : s32;
        QCOMPARE(float(r.groups[g].scale), expected);
        QCOMPARE(r.storedScales.empty() ? expected : r.storedScales[g], expected);
    }
    // Codes from x·(1/S) rounded half to even and clamped to int4; x̂ = code·S.
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const float s = float(r.groups[std::size_t((i / 64) * 2 + (i % 64) / 32)].scale);
        const float y = x.data()[i] * (1.0f / s);
        const int q = int(std::clamp(std::nearbyint(y), -8.0f, 7.0f));
        QCOMPARE(r.codes[std::size_t(i)], q);
        QCOMPARE(r.dequantized.data()[i], float(q) * s);
    }
}

// bitsandbytes' double quantization: 4-bit codes, one 8-bit code per block
// absmax, one fp32 absmax per 256 of those codes, and one fp32 offset.
void TestStorageBits::doubleQuant()
{
    const Tensor x = randomTensor(Shape{256, 256}, 11);
    QuantConfig c;
    c.setQuantizer("nf4"); // blocks of 64: 1024 absmax values, 4 blocks of 256 of them
    c.doubleQuant = true;
    const QuantResult r = runQuantization(x, c);
    const double bits = (65536.0 * 4 + 1024 * 8 + 4 * 32 + 32) / 65536;
    QCOMPARE(r.bitsPerValue, bits);
    QCOMPARE(QString::number(r.bitsPerValue, 'f', 3), QString("4.127"));
    QCOMPARE(r.doubleQuant.codes.size(), std::size_t(1024));
    QCOMPARE(r.doubleQuant.absmax.size(), std::size_t(4));
    c.doubleQuant = false;
    QCOMPARE(runQuantization(x, c).bitsPerValue, 4.5);
}

void TestStorageBits::scaleFormatRefusals()
{
    QuantConfig c;
    c.setQuantizer("mxfp4");
    c.scaleFormat = ScaleFormat::Fp16; // MX scales are E8M0 by definition
    QVERIFY_THROWS_EXCEPTION(ArgumentError, c.validate());
    c.setQuantizer("q4_0");
    c.scaleFormat = ScaleFormat::Bf16; // llama.cpp stores fp16 d
    QVERIFY_THROWS_EXCEPTION(ArgumentError, c.validate());
    c.scaleFormat = ScaleFormat::Fp16;
    c.validate();
    QVERIFY_THROWS_EXCEPTION(ArgumentError, parseScaleFormat("fp12"));
}

QTEST_GUILESS_MAIN(TestStorageBits)
#include "tst_storagebits.moc"
