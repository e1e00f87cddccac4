// The worked examples of docs/course.md through runQuantization(), with the
// expected codes and values computed by hand (or, for the toolkits' float32
// conventions, by the formula written out in the test).
#include "quant/pipeline.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace qs;
using Floats = std::vector<float>;
using Ints = std::vector<int>;
Q_DECLARE_METATYPE(Floats)
Q_DECLARE_METATYPE(Ints)

namespace {

QuantConfig config(const char* quantizer, const char* scheme = "symmetric", const char* convention = "textbook",
                   const char* rounding = "nearest-even", const char* granularity = nullptr)
{
    QuantConfig c;
    c.setQuantizer(quantizer);
    c.scheme = parseScheme(scheme);
    c.convention = parseConvention(convention);
    c.rounding = Rounding::parse(rounding);
    if (granularity)
        c.granularity = Granularity::parse(granularity);
    return c;
}

Ints codesOf(const QuantResult& r)
{
    return Ints(r.codes.begin(), r.codes.end());
}

} // namespace

class TestWorkedExamples : public QObject
{
    Q_OBJECT
private slots:
    void uniform_data();
    void uniform();
    void pytorchQparams_data();
    void pytorchQparams();
    void groupsAB();
    void codebookToy();
    void mxfp4Block();
    void nf4();
    void ggml_data();
    void ggml();
    void bitsPerValue_data();
    void bitsPerValue();
};

void TestWorkedExamples::uniform_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("convention");
    QTest::addColumn<QString>("rounding");
    QTest::addColumn<Floats>("x");
    QTest::addColumn<Ints>("codes");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("zeroPoint");
    const Floats seed{-2.5f, -1.0f, 0.0f, 1.0f, 3.5f};
    // docs/course.md: S = 6/255, Z = round(2.5 * 255/6) = round(106.25) = 106; x/S = x * 42.5 exactly.
    QTest::newRow("asymmetric uint8, half away")
        << "uint8"
        << "asymmetric"
        << "textbook"
        << "nearest-away" << seed << Ints{0, 63, 106, 149, 255} << double(float(6.0 / 255)) << 106.0;
    QTest::newRow("asymmetric uint8, half even")
        << "uint8"
        << "asymmetric"
        << "textbook"
        << "nearest-even" << seed << Ints{0, 64, 106, 148, 255} << double(float(6.0 / 255)) << 106.0;
    // Absmax: S = 3.5/127; -2.5*127/3.5 = -90.71 -> -91, -36.29 -> -36.
    QTest::newRow("symmetric int8") << "int8"
                                    << "symmetric"
                                    << "textbook"
                                    << "nearest-even" << seed << Ints{-91, -36, 0, 36, 127} << double(float(3.5 / 127))
                                    << 0.0;
    // Signed asymmetric (r_min -> -128): Z' = round(-2.5/S) + 128 = -106 + 128 = 22, q = round(x/S) - Z';
    // in q = round(x/S) + Z form Z = -22. x/S: -106.25, -42.5, 0, 42.5, 148.75.
    QTest::newRow("signed asymmetric int8, half even")
        << "int8"
        << "asymmetric"
        << "textbook"
        << "nearest-even" << seed << Ints{-128, -64, -22, 20, 127} << double(float(6.0 / 255)) << -22.0;
    QTest::newRow("signed asymmetric int8, half away")
        << "int8"
        << "asymmetric"
        << "textbook"
        << "nearest-away" << seed << Ints{-128, -65, -22, 21, 127} << double(float(6.0 / 255)) << -22.0;
    // NVIDIA: bound = 2^(4-1) - 1 = 7, amax = 3.5: x * 7/3.5 = 2x; 0.25 -> 0.5 -> 0 (half even).
    QTest::newRow("nvidia int4") << "int4"
                                 << "symmetric"
                                 << "nvidia"
                                 << "nearest-even" << Floats{-2.5f, -1.0f, 0.0f, 0.25f, 3.5f} << Ints{-5, -2, 0, 0, 7}
                                 << 0.5 << 0.0;
    QTest::newRow("nvidia int8") << "int8"
                                 << "symmetric"
                                 << "nvidia"
                                 << "nearest-even" << seed << Ints{-91, -36, 0, 36, 127} << double(3.5f / 127.0f)
                                 << 0.0;
    // Textbook int4 with half away: S = 3.5/7 = 0.5, 0.25/0.5 = 0.5 -> 1.
    QTest::newRow("textbook int4 half away")
        << "int4"
        << "symmetric"
        << "textbook"
        << "nearest-away" << Floats{-2.5f, -1.0f, 0.0f, 0.25f, 3.5f} << Ints{-5, -2, 0, 1, 7} << 0.5 << 0.0;
    // Truncation and floor (docs/course.md: 1.8 -> 1, 1.4 -> 1 when truncating): S = 1 with absmax 127.
    QTest::newRow("toward-zero") << "int8"
                                 << "symmetric"
                                 << "textbook"
                                 << "toward-zero" << Floats{127.0f, 1.8f, 1.4f, -1.8f} << Ints{127, 1, 1, -1} << 1.0
                                 << 0.0;
    QTest::newRow("floor") << "int8"
                           << "symmetric"
                           << "textbook"
                           << "floor" << Floats{127.0f, 1.8f, 1.4f, -1.8f} << Ints{127, 1, 1, -2} << 1.0 << 0.0;
}

void TestWorkedExamples::uniform()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, scheme);
    QFETCH(QString, convention);
    QFETCH(QString, rounding);
    QFETCH(Floats, x);
    QFETCH(Ints, codes);
    QFETCH(double, scale);
    QFETCH(double, zeroPoint);
    const QuantConfig c = config(quantizer.toUtf8(), scheme.toUtf8(), convention.toUtf8(), rounding.toUtf8());
    const QuantResult r = runQuantization(Tensor::fromVector(x), c);
    QCOMPARE(codesOf(r), codes);
    QCOMPARE(r.groups.size(), std::size_t(1));
    QCOMPARE(r.groups[0].scale, scale);
    QCOMPARE(r.groups[0].zeroPoint, zeroPoint);
    for (std::size_t i = 0; i < x.size(); ++i) // x̂ = S (q - Z) in float32
        QCOMPARE(r.dequantized.data()[i], float(codes[i] - int(zeroPoint)) * float(scale));
}

void TestWorkedExamples::pytorchQparams_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<Floats>("x");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("zeroPoint");
    const Floats seed{-2.5f, -1.0f, 0.0f, 1.0f, 3.5f};
    // torch.ao per_tensor_symmetric qint8: S = max(2.5, 3.5) / ((127 - (-128)) / 2) = 3.5 / 127.5.
    QTest::newRow("qint8 symmetric, divisor 127.5") << "int8"
                                                    << "symmetric" << seed << double(3.5f / 127.5f) << 0.0;
    // quint8 symmetric: same divisor, Z = 128.
    QTest::newRow("quint8 symmetric, Z 128") << "uint8"
                                             << "symmetric" << seed << double(3.5f / 127.5f) << 128.0;
    // quint8 affine: S = (3.5 + 2.5)/255, Z = 0 - round(-2.5/S) = round(106.25) = 106.
    QTest::newRow("quint8 affine") << "uint8"
                                   << "asymmetric" << seed << double(6.0f / 255.0f) << 106.0;
    // qint8 affine: Z = -128 - round(-106.25) = -22.
    QTest::newRow("qint8 affine") << "int8"
                                  << "asymmetric" << seed << double(6.0f / 255.0f) << -22.0;
    // Positive-only data: min_neg = min(1, 0) = 0, so the range is forced to include 0: S = 4/255, Z = 0.
    QTest::newRow("range includes zero") << "uint8"
                                         << "asymmetric" << Floats{1.0f, 2.0f, 4.0f} << double(4.0f / 255.0f) << 0.0;
    // All zeros: S = float32 eps (2^-23), never 0.
    QTest::newRow("eps floor") << "int8"
                               << "symmetric" << Floats{0.0f, 0.0f} << 0x1p-23 << 0.0;
    QTest::newRow("eps floor affine") << "uint8"
                                      << "asymmetric" << Floats{0.0f, 0.0f} << 0x1p-23 << 0.0;
}

void TestWorkedExamples::pytorchQparams()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, scheme);
    QFETCH(Floats, x);
    QFETCH(double, scale);
    QFETCH(double, zeroPoint);
    const QuantResult r =
        runQuantization(Tensor::fromVector(x), config(quantizer.toUtf8(), scheme.toUtf8(), "pytorch"));
    QCOMPARE(r.groups[0].scale, scale);
    QCOMPARE(r.groups[0].zeroPoint, zeroPoint);
    // fake_quantize_per_tensor_affine: q = clamp(Z + nearbyint(x * (1.0f / S))), x̂ = (q - Z) * S.
    const float S = float(scale), inv = 1.0f / S;
    const int qmin = quantizer == "int8" ? -128 : 0, qmax = quantizer == "int8" ? 127 : 255;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const int q = std::clamp(int(zeroPoint + std::nearbyint(x[i] * inv)), qmin, qmax);
        QCOMPARE(r.codes[i], q);
        QCOMPARE(r.dequantized.data()[i], float(q - int(zeroPoint)) * S);
        QVERIFY(!std::isnan(r.dequantized.data()[i]));
    }
}

void TestWorkedExamples::groupsAB()
{
    // docs/course.md: Group A = [30, 10, 20, 30], Group B = [0, 2, 2, 0]. One scale for both
    // (absmax 30) collapses B: 2 * 127/30 = 8.47 -> 8, x̂ = 8 * 30/127 = 1.89. Per-row scales keep it.
    const Tensor x(Shape{2, 4}, Floats{30, 10, 20, 30, 0, 2, 2, 0});
    const QuantResult perTensor = runQuantization(x, config("int8"));
    QCOMPARE(codesOf(perTensor), (Ints{127, 42, 85, 127, 0, 8, 8, 0}));
    QCOMPARE(perTensor.dequantized.data()[5], 8.0f * float(30.0 / 127));

    const QuantResult perRow = runQuantization(x, config("int8", "symmetric", "textbook", "nearest-even", "channel:0"));
    QCOMPARE(perRow.groups.size(), std::size_t(2));
    QCOMPARE(perRow.groups[0].scale, double(float(30.0 / 127)));
    QCOMPARE(perRow.groups[1].scale, double(float(2.0 / 127)));
    QCOMPARE(codesOf(perRow), (Ints{127, 42, 85, 127, 0, 127, 127, 0}));
    QCOMPARE(perRow.dequantized.data()[5], 127.0f * float(2.0 / 127));
    QVERIFY(std::fabs(perRow.dequantized.data()[5] - 2.0f) < 1e-6f);
    QVERIFY(perRow.metrics.mse < perTensor.metrics.mse);

    // Blocks of 4 along the last axis are the same two groups here.
    const QuantResult blocks = runQuantization(x, config("int8", "symmetric", "textbook", "nearest-even", "block:4"));
    QCOMPARE(codesOf(blocks), codesOf(perRow));
    QCOMPARE(blocks.groupShape, (Shape{2, 1}));
}

void TestWorkedExamples::codebookToy()
{
    // {0, 2, 4} and [3, 1, 2, 3]: absmax 3 -> 4, x * 4/3 = [4, 1.33, 2.67, 4] -> [4, 2, 2, 4]
    // (1.33 is nearer to 2 than to 0), x̂ = level * 3/4 = [3, 1.5, 1.5, 3].
    const QuantResult r = runQuantization(Tensor::fromVector({3, 1, 2, 3}), config("codebook:0,2,4"));
    QCOMPARE(codesOf(r), (Ints{2, 1, 1, 2}));
    QCOMPARE(r.levels, (std::vector<double>{0, 2, 4}));
    QCOMPARE(Floats(r.dequantized.values().begin(), r.dequantized.values().end()), (Floats{3, 1.5f, 1.5f, 3}));
    QCOMPARE(r.groups[0].scale, 0.75);
    // A tie goes to the lower level: 1 sits halfway between 0 and 2 (absmax 4 -> 4, scale 1).
    const QuantResult tie = runQuantization(Tensor::fromVector({4, 1, 3}), config("codebook:0,2,4"));
    QCOMPARE(codesOf(tie), (Ints{2, 0, 1}));
}

void TestWorkedExamples::mxfp4Block()
{
    // docs/course.md: amax 100, floor(log2 100) = 6, emax(E2M1) = 2: X = 2^4 = 16 (E8M0 127 + 4 = 0x83).
    // x/16 = 6.25, 1.25, 0.18, 0.03, -2.31, 0.44, 0.006 -> E2M1 6, 1, 0, 0, -2, 0.5, 0.
    const QuantResult r = runQuantization(Tensor::fromVector({100, 20, 2.9f, 0.5f, -37, 7, 0.1f}), config("mxfp4"));
    QCOMPARE(r.groups.size(), std::size_t(1));
    QCOMPARE(r.groups[0].scale, 16.0);
    QCOMPARE(mxScaleCode(r.groups[0].scale), 0x83);
    QCOMPARE(Floats(r.dequantized.values().begin(), r.dequantized.values().end()), (Floats{96, 16, 0, 0, -32, 8, 0}));
    // E2M1 codes: 6 = 0 11 1, 1 = 0 01 0, 0, 0, -2 = 1 10 0, 0.5 = 0 00 1, 0.
    QCOMPARE(codesOf(r), (Ints{0b0111, 0b0010, 0, 0, 0b1100, 0b0001, 0}));
}

void TestWorkedExamples::nf4()
{
    // Absmax 1 so v = x. 0.3 lies above the midpoint (0.2461 + 0.3379)/2 = 0.292 -> level 11;
    // -0.5 below (-0.5251 - 0.3949)/2 = -0.46 -> level 2; 0.05 above 0.0398 -> level 8.
    const QuantResult r = runQuantization(Tensor::fromVector({1.0f, -0.5f, 0.3f, 0.05f}), config("nf4"));
    QCOMPARE(codesOf(r), (Ints{15, 2, 11, 8}));
    QCOMPARE(r.dequantized.data()[1], float(-0.5250730514526367));
    QCOMPARE(r.dequantized.data()[2], float(0.33791524171829224));
    QCOMPARE(r.config.granularity.blockSize, std::int64_t(64));
    // Block absmax scale: doubling the data doubles the scale, codes unchanged.
    const QuantResult r2 = runQuantization(Tensor::fromVector({2.0f, -1.0f, 0.6f, 0.1f}), config("nf4"));
    QCOMPARE(codesOf(r2), (Ints{15, 2, 11, 8}));
    QCOMPARE(r2.groups[0].scale, 2.0);
}

void TestWorkedExamples::ggml_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<Floats>("x");
    QTest::addColumn<Ints>("codes");
    QTest::addColumn<Floats>("dequantized");
    // Q8_0: amax 127 -> d = 1; roundf rounds half away: -3.5 -> -4, 2.5 -> 3, 0.5 -> 1, -0.5 -> -1.
    QTest::newRow("q8_0") << "q8_0" << Floats{127, -3.5f, 2.5f, 0.5f, -0.5f, 10.2f} << Ints{127, -4, 3, 1, -1, 10}
                          << Floats{127, -4, 3, 1, -1, 10};
    // Q4_0: max magnitude -8 -> d = -8/-8 = 1; q = min(15, trunc(x + 8.5)), x̂ = q - 8.
    QTest::newRow("q4_0") << "q4_0" << Floats{-8, 1, 2.5f, -3.5f, 7, 0.4f} << Ints{0, 9, 11, 5, 15, 8}
                          << Floats{-8, 1, 3, -3, 7, 0};
    // Q4_0 with a positive extreme: d = 8/-8 = -1: q = trunc(-x + 8.5): 8 -> 0, -7 -> 15.
    QTest::newRow("q4_0 positive max") << "q4_0" << Floats{8, -7, 1} << Ints{0, 15, 7} << Floats{8, -7, 1};
    // Q4_1: min 0, max 15 -> d = 1, q = trunc(x + 0.5).
    QTest::newRow("q4_1") << "q4_1" << Floats{0, 15, 7.5f, 3.2f, 10.5f} << Ints{0, 15, 8, 3, 11}
                          << Floats{0, 15, 8, 3, 11};
    // Q4_1 with the fp16 scale: d = 1/15 -> fp16 1092/1024 * 2^-4 = 0.066650390625; x̂(1) = 15 d16.
    QTest::newRow("q4_1 fp16 d") << "q4_1" << Floats{0, 1} << Ints{0, 15} << Floats{0, 0.999755859375f};
    // Q8_0 fp16 d: amax 1 -> d = 1/127 = fp16 0.007873535 (1032/1024 * 2^-7); x̂ = 127 d16.
    QTest::newRow("q8_0 fp16 d") << "q8_0" << Floats{1, -1} << Ints{127, -127}
                                 << Floats{127 * 0.00787353515625f, -127 * 0.00787353515625f};
}

void TestWorkedExamples::ggml()
{
    QFETCH(QString, quantizer);
    QFETCH(Floats, x);
    QFETCH(Ints, codes);
    QFETCH(Floats, dequantized);
    // Vectors shorter than a block: llama.cpp refuses them, so the examples ask for
    // zero padding (the zeros move neither Q8_0/Q4_0's amax nor these Q4_1 minima of 0).
    QuantConfig c = config(quantizer.toUtf8());
    c.padBlocks = true;
    const QuantResult r = runQuantization(Tensor::fromVector(x), c);
    QCOMPARE(codesOf(r), codes);
    QCOMPARE(Floats(r.dequantized.values().begin(), r.dequantized.values().end()), dequantized);
}

void TestWorkedExamples::bitsPerValue_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<double>("bits");
    // 4096 values: per-tensor int8 carries one fp32 scale: 8 + 32/4096.
    QTest::newRow("int8 per tensor") << "int8" << 8.0 + 32.0 / 4096;
    QTest::newRow("mxfp4") << "mxfp4" << 4.25;
    QTest::newRow("mxfp6-e3m2") << "mxfp6-e3m2" << 6.25;
    QTest::newRow("mxfp6-e2m3") << "mxfp6-e2m3" << 6.25;
    QTest::newRow("mxfp8-e4m3") << "mxfp8-e4m3" << 8.25;
    QTest::newRow("mxfp8-e5m2") << "mxfp8-e5m2" << 8.25;
    QTest::newRow("mxint8") << "mxint8" << 8.25;
    QTest::newRow("nf4 block 64 fp32 scales") << "nf4" << 4.5;
    QTest::newRow("q8_0") << "q8_0" << 8.5;
    QTest::newRow("q4_0") << "q4_0" << 4.5;
    QTest::newRow("q4_1") << "q4_1" << 5.0;
    QTest::newRow("fp8 cast") << "fp8-e4m3" << 8.0;
    QTest::newRow("bf16 cast") << "bf16" << 16.0;
}

void TestWorkedExamples::bitsPerValue()
{
    QFETCH(QString, quantizer);
    QFETCH(double, bits);
    Floats x(4096);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = std::sin(float(i)) * 3;
    const QuantResult r = runQuantization(Tensor(Shape{64, 64}, x), config(quantizer.toUtf8()));
    QCOMPARE(r.bitsPerValue, bits);
}

QTEST_GUILESS_MAIN(TestWorkedExamples)
#include "tst_workedexamples.moc"
