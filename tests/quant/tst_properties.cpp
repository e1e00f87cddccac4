// Properties of the quantizers on random tensors, granularity against naive
// loops written here, edge cases (constant, empty, NaN/Inf), k-means,
// outliers, the config's JSON round trip and its refusals.
#include "formats/error.h"
#include "formats/numberformat.h"
#include "quant/pipeline.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace qs;

namespace {

Tensor randomTensor(Shape shape, std::uint32_t seed, float outlier = 0)
{
    Tensor x(std::move(shape));
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.3f, 1.5f);
    for (float& v : x.values())
        v = normal(rng);
    if (outlier != 0 && x.size() > 10)
        x.data()[7] = outlier;
    return x;
}

QuantConfig make(const std::string& quantizer, const std::string& scheme = "symmetric",
                 const std::string& convention = "textbook", const std::string& granularity = "tensor",
                 const std::string& rounding = "nearest-even")
{
    QuantConfig c;
    c.setQuantizer(quantizer);
    c.scheme = parseScheme(scheme);
    c.convention = parseConvention(convention);
    if (granularity != "default")
        c.granularity = Granularity::parse(granularity);
    c.rounding = Rounding::parse(rounding);
    return c;
}

} // namespace

class TestProperties : public QObject
{
    Q_OBJECT
private slots:
    void uniformGridProperties_data();
    void uniformGridProperties();
    void perChannel3d_data();
    void perChannel3d();
    void raggedBlocks();
    void fullBlocksMatchDefinition_data();
    void fullBlocksMatchDefinition();
    void edgeCases_data();
    void edgeCases();
    void nonfinitePassThrough();
    void stochasticUnbiased();
    void kmeansDistortion();
    void log2Levels();
    void outliers();
    void cancellation();
    void scaledFloat();
    void configJsonRoundTrip_data();
    void configJsonRoundTrip();
    void refusals_data();
    void refusals();
};

void TestProperties::uniformGridProperties_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("convention");
    QTest::addColumn<QString>("calibration");
    for (const char* q : {"int2", "int4", "int8", "uint8", "int16", "uint3"})
        for (const char* s : {"symmetric", "asymmetric"})
            for (const char* conv : {"textbook", "pytorch"})
                QTest::addRow("%s %s %s", q, s, conv) << q << s << conv << "minmax";
    QTest::addRow("int8 nvidia") << "int8"
                                 << "symmetric"
                                 << "nvidia"
                                 << "minmax";
    QTest::addRow("int8 manual clip") << "int8"
                                      << "asymmetric"
                                      << "textbook"
                                      << "manual:-1,2";
    QTest::addRow("int4 percentile") << "int4"
                                     << "symmetric"
                                     << "textbook"
                                     << "percentile:99";
}

void TestProperties::uniformGridProperties()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, scheme);
    QFETCH(QString, convention);
    QFETCH(QString, calibration);
    QuantConfig c = make(quantizer.toStdString(), scheme.toStdString(), convention.toStdString(), "channel:1");
    c.calibration = CalibrationSpec::parse(calibration.toStdString());
    const Tensor x = randomTensor({50, 6, 40}, 1, 30.0f);
    const QuantResult r = runQuantization(x, c);
    QCOMPARE(r.groups.size(), std::size_t(6));
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const std::int64_t g = (i / 40) % 6;
        const GroupParams& p = r.groups[std::size_t(g)];
        const int q = r.codes[std::size_t(i)];
        QVERIFY(q >= r.codeMin && q <= r.codeMax);
        // On the grid: x̂ = S (q - Z) exactly in float32.
        QCOMPARE(r.dequantized.data()[i], float(q - int(p.zeroPoint)) * float(p.scale));
        // Inside the grid's range, the error is at most half a step, plus the float32 rounding of
        // y = x * (1/S) (|y| 2^-23 steps: it can turn a near-tie into a tie, visible with 16-bit grids).
        const double v = x.data()[i];
        const double gridLo = p.scale * (r.codeMin - p.zeroPoint), gridHi = p.scale * (r.codeMax - p.zeroPoint);
        if (v >= std::max(p.clipMin, gridLo) && v <= std::min(p.clipMax, gridHi))
            QVERIFY2(std::fabs(v - r.dequantized.data()[i]) <= p.scale / 2 + std::fabs(v) * 0x1p-21,
                     qPrintable(QString("x %1, x̂ %2, S %3").arg(v).arg(r.dequantized.data()[i]).arg(p.scale)));
    }
}

void TestProperties::perChannel3d_data()
{
    QTest::addColumn<int>("axis");
    for (int a : {0, 1, 2, -1, -3})
        QTest::addRow("axis %d", a) << a;
}

void TestProperties::perChannel3d()
{
    QFETCH(int, axis);
    const Shape shape{3, 4, 5};
    const Tensor x = randomTensor(shape, 7);
    const QuantResult r = runQuantization(x, make("int8", "symmetric", "textbook", "channel:" + std::to_string(axis)));
    const int a = axis < 0 ? axis + 3 : axis;
    QCOMPARE(r.groupShape, (Shape{shape[std::size_t(a)]}));
    // Naive: visit (i, j, k), pick the channel index on axis a, absmax per channel.
    std::vector<double> amax(std::size_t(shape[std::size_t(a)]), 0.0);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 4; ++j)
            for (int k = 0; k < 5; ++k) {
                const int idx[3] = {i, j, k};
                const double v = x.data()[(i * 4 + j) * 5 + k];
                amax[std::size_t(idx[a])] = std::max(amax[std::size_t(idx[a])], std::fabs(v));
            }
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 4; ++j)
            for (int k = 0; k < 5; ++k) {
                const int idx[3] = {i, j, k};
                const double m = amax[std::size_t(idx[a])];
                const int flat = (i * 4 + j) * 5 + k;
                const float inv = float(127 / m), s = float(m / 127);
                const int q = std::clamp(int(std::nearbyint(x.data()[flat] * inv)), -128, 127);
                QCOMPARE(r.codes[std::size_t(flat)], q);
                QCOMPARE(r.groups[std::size_t(idx[a])].scale, double(s));
            }
}

void TestProperties::raggedBlocks()
{
    // Rows of 10 in blocks of 4: blocks [0,4) [4,8) [8,10) per row, never spanning rows.
    const Tensor x = randomTensor({3, 10}, 9);
    const QuantResult r = runQuantization(x, make("int8", "symmetric", "textbook", "block:4"));
    QCOMPARE(r.groupShape, (Shape{3, 3}));
    QCOMPARE(r.groups.size(), std::size_t(9));
    for (int row = 0; row < 3; ++row)
        for (int b = 0; b < 3; ++b) {
            double m = 0;
            const int begin = b * 4, end = std::min(10, begin + 4);
            for (int k = begin; k < end; ++k)
                m = std::max(m, double(std::fabs(x.data()[row * 10 + k])));
            const GroupParams& p = r.groups[std::size_t(row * 3 + b)];
            QCOMPARE(p.scale, double(float(m / 127)));
            QCOMPARE(p.count, std::int64_t(end - begin));
        }
}

void TestProperties::fullBlocksMatchDefinition_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("element");
    QTest::newRow("mxfp4") << "mxfp4"
                           << "fp4-e2m1";
    QTest::newRow("mxfp6-e3m2") << "mxfp6-e3m2"
                                << "fp6-e3m2";
    QTest::newRow("mxfp8-e4m3") << "mxfp8-e4m3"
                                << "fp8-e4m3";
    QTest::newRow("nf4") << "nf4"
                         << "";
}

void TestProperties::fullBlocksMatchDefinition()
{
    // Rows that are a multiple of the block size take the many-blocks-per-call kernels;
    // every block must still follow the definition, computed here block by block.
    QFETCH(QString, quantizer);
    QFETCH(QString, element);
    Tensor x = randomTensor({48, 256}, 13, 1e4f);
    for (int j = 0; j < 64; ++j)
        x.data()[64 + j] = 0; // an all-zero block
    x.data()[300] = NAN;
    QuantConfig c = make(quantizer.toStdString(), "symmetric", "textbook", "default");
    const QuantResult r = runQuantization(x, c);
    const std::int64_t B = c.granularity.blockSize;
    for (std::int64_t b = 0; b < x.size() / B; ++b) {
        double amax = 0;
        for (std::int64_t j = 0; j < B; ++j)
            if (std::isfinite(x.data()[b * B + j]))
                amax = std::max(amax, double(std::fabs(x.data()[b * B + j])));
        for (std::int64_t j = 0; j < B; ++j) {
            const std::int64_t i = b * B + j;
            const float v = x.data()[i];
            float expect = v;
            if (std::isfinite(v) && !element.isEmpty()) {
                const FloatFormat f = parseFloatFormat(element.toStdString());
                int e2 = 0;
                std::frexp(amax, &e2);
                const int e = amax > 0 ? (e2 - 1) - (std::ilogb(f.maxFinite())) : -127;
                const double X = std::ldexp(1.0, e);
                expect = float(f.encode(v / X, {}, OverflowMode::Saturate).value * X);
            } else if (std::isfinite(v)) {
                const std::vector<double>& L = nf4Levels();
                const double s = amax > 0 ? amax : 1.0;
                const float vv = v * float(1.0 / s);
                std::size_t best = 0;
                for (std::size_t k = 1; k < L.size(); ++k)
                    if (std::fabs(vv - L[k]) < std::fabs(vv - L[best]))
                        best = k;
                expect = float(L[best]) * float(s);
            }
            if (!(expect == r.dequantized.data()[i] || (std::isnan(expect) && std::isnan(r.dequantized.data()[i]))))
                QFAIL(qPrintable(QString("block %1 element %2: x %3 -> %4, expected %5")
                                     .arg(b)
                                     .arg(j)
                                     .arg(double(v))
                                     .arg(double(r.dequantized.data()[i]))
                                     .arg(double(expect))));
        }
    }
}

void TestProperties::edgeCases_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("convention");
    for (const char* q : {"int8", "uint8", "int4"})
        for (const char* s : {"symmetric", "asymmetric"})
            for (const char* conv : {"textbook", "pytorch"})
                QTest::addRow("%s %s %s", q, s, conv) << q << s << conv;
    for (const char* q :
         {"fp8-e4m3", "mxfp4", "mxint8", "nf4", "q8_0", "q4_0", "q4_1", "log2:4", "kmeans:2", "codebook:-1,0,1"})
        QTest::addRow("%s", q) << q << "symmetric"
                               << "textbook";
}

void TestProperties::edgeCases()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, scheme);
    QFETCH(QString, convention);
    QuantConfig c = make(quantizer.toStdString(), scheme.toStdString(), convention.toStdString(), "default");
    c.padBlocks = quantizer.startsWith("q"); // llama.cpp formats refuse rows shorter than a block
    const std::vector<std::vector<float>> inputs = {{}, {0, 0, 0}, {5, 5, 5, 5}, {-2, -2}, {1e-30f, 1e-30f}};
    for (const auto& v : inputs) {
        const QuantResult r = runQuantization(Tensor::fromVector(v), c);
        QCOMPARE(r.n, std::int64_t(v.size()));
        // ggml stores d = 0 for a zero-width block and when d underflows fp16 (1e-30); every other scale is positive.
        const bool ggml = quantizer.startsWith("q");
        for (const auto& g : r.groups)
            QVERIFY(std::isfinite(g.scale) && (g.scale != 0 || ggml));
        for (std::size_t i = 0; i < v.size(); ++i) {
            QVERIFY(r.codes[i] >= r.codeMin && r.codes[i] <= r.codeMax);
            QVERIFY(std::isfinite(r.dequantized.data()[i]));
        }
        // A constant is reproduced to within a step of the grid it defines (exactly for zeros).
        if (!v.empty() && v[0] == 0)
            QCOMPARE(r.dequantized.data()[0], 0.0f);
    }
}

void TestProperties::nonfinitePassThrough()
{
    const std::vector<float> clean{-1, 0.5f, 2, -3};
    std::vector<float> dirty{-1, NAN, 0.5f, INFINITY, 2, -INFINITY, -3};
    const QuantConfig c = make("int8", "asymmetric");
    const QuantResult a = runQuantization(Tensor::fromVector(clean), c);
    const QuantResult b = runQuantization(Tensor::fromVector(dirty), c);
    QCOMPARE(b.nonfinite, std::int64_t(3));
    QCOMPARE(b.groups[0].scale, a.groups[0].scale); // NaN/Inf excluded from calibration
    QCOMPARE(b.groups[0].zeroPoint, a.groups[0].zeroPoint);
    QVERIFY(std::isnan(b.dequantized.data()[1]));
    QCOMPARE(b.dequantized.data()[3], INFINITY);
    QCOMPARE(b.dequantized.data()[5], -INFINITY);
    QCOMPARE(b.codes[1], 0);
    QCOMPARE(b.codes[4], a.codes[2]);
    QCOMPARE(b.metrics.mse, a.metrics.mse); // excluded from the metrics too
}

void TestProperties::stochasticUnbiased()
{
    // x = 0.3 steps: rounds up with probability 0.3; the mean code estimates it (binomial sd 0.0015).
    std::vector<float> v(100000, 0.3f);
    v.push_back(127.0f); // absmax 127 -> S = 1
    const QuantResult r =
        runQuantization(Tensor::fromVector(v), make("int8", "symmetric", "textbook", "tensor", "stochastic:42"));
    double mean = 0;
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
        mean += r.codes[i];
    mean /= double(v.size() - 1);
    QVERIFY2(std::fabs(mean - 0.3) < 0.01, qPrintable(QString::number(mean)));
    const QuantResult again = runQuantization(Tensor::fromVector(v), r.config);
    QCOMPARE(again.codes, r.codes); // reproducible from the seed
}

void TestProperties::kmeansDistortion()
{
    const Tensor x = randomTensor({20000}, 4, 12.0f);
    QuantConfig c = make("kmeans:3");
    c.kmeansIterations = 40;
    const QuantResult r = runQuantization(x, c);
    QVERIFY(r.kmeans.iterations >= 2);
    QCOMPARE(int(r.kmeans.distortion.size()), r.kmeans.iterations);
    for (std::size_t i = 1; i < r.kmeans.distortion.size(); ++i)
        QVERIFY2(
            r.kmeans.distortion[i] <= r.kmeans.distortion[i - 1] * (1 + 1e-12),
            qPrintable(
                QString("iteration %1: %2 > %3").arg(i).arg(r.kmeans.distortion[i]).arg(r.kmeans.distortion[i - 1])));
    QVERIFY(r.levels.size() <= 8 && std::is_sorted(r.levels.begin(), r.levels.end()));
    // Lloyd-Max beats the uniform 3-bit grid on the same data (MSE).
    const QuantResult uniform = runQuantization(x, make("int3"));
    QVERIFY(r.metrics.mse < uniform.metrics.mse);
    // Every value sits on its nearest level.
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const double v = x.data()[i], chosen = r.dequantized.data()[i];
        for (double l : r.levels)
            QVERIFY(std::fabs(v - chosen) <= std::fabs(v - float(l)) + 1e-6);
    }
    QCOMPARE(runQuantization(x, c).levels, r.levels); // deterministic initialisation
}

void TestProperties::log2Levels()
{
    // 3 bits: 0, ±1, ±0.5, ±0.25 (absmax -> 1). 0.3 is nearer 0.25, 0.1 nearer 0 (midpoint 0.125).
    const QuantResult r = runQuantization(Tensor::fromVector({1.0f, 0.3f, -0.6f, 0.1f}), make("log2:3"));
    QCOMPARE(r.levels, (std::vector<double>{-1, -0.5, -0.25, 0, 0.25, 0.5, 1}));
    QCOMPARE(std::vector<float>(r.dequantized.values().begin(), r.dequantized.values().end()),
             (std::vector<float>{1.0f, 0.25f, -0.5f, 0.0f}));
}

void TestProperties::outliers()
{
    // Elements: |x| >= 6 stays exact; the rest uses the absmax of the remaining values (2).
    QuantConfig c = make("int8");
    c.outliers = OutlierMode::Elements;
    const QuantResult r = runQuantization(Tensor::fromVector({1, -2, 60, 0.5f, -6}), c);
    QCOMPARE(r.outliers, std::int64_t(2));
    QCOMPARE(r.dequantized.data()[2], 60.0f);
    QCOMPARE(r.dequantized.data()[4], -6.0f);
    QCOMPARE(r.groups[0].scale, double(float(2.0 / 127)));
    QCOMPARE(r.codes[1], -127);
    // Columns (LLM.int8()): column 1 holds 9 -> kept whole; rows quantized per-row absmax.
    c.outliers = OutlierMode::Columns;
    c.granularity = Granularity::parse("channel:0");
    const QuantResult m = runQuantization(Tensor(Shape{2, 3}, std::vector<float>{1, 9, -0.5f, 2, 0.1f, 4}), c);
    QCOMPARE(m.outlierColumns, std::int64_t(1));
    QCOMPARE(m.outliers, std::int64_t(2));
    QCOMPARE(m.dequantized.data()[1], 9.0f);
    QCOMPARE(m.dequantized.data()[4], 0.1f);
    QCOMPARE(m.groups[0].scale, double(float(1.0 / 127)));
    QCOMPARE(m.groups[1].scale, double(float(4.0 / 127)));
}

void TestProperties::cancellation()
{
    const Tensor x = randomTensor({1000, 100}, 2);
    std::atomic<bool> cancel{true};
    QuantOptions o;
    o.cancel = &cancel;
    const QuantResult r = runQuantization(x, make("int8"), o);
    QVERIFY(r.cancelled);
    cancel = false;
    std::vector<double> progress;
    o.progress = [&](double f) { progress.push_back(f); };
    const QuantResult done = runQuantization(x, make("int8"), o);
    QVERIFY(!done.cancelled);
    QVERIFY(!progress.empty() && progress.back() == 1.0 && std::is_sorted(progress.begin(), progress.end()));
    // Clipped fraction: a manual range [-1, 1] clips exactly the values outside it.
    QuantConfig c = make("int8");
    c.calibration = CalibrationSpec::parse("manual:-1,1");
    const QuantResult clip = runQuantization(x, c);
    std::int64_t outside = 0;
    for (float v : x.values())
        outside += (v < -1 || v > 1) ? 1 : 0;
    QCOMPARE(clip.metrics.clippedFraction, double(outside) / double(x.size()));
}

void TestProperties::scaledFloat()
{
    // Per-tensor FP8 E4M3 scale: absmax 3.5 -> 448, S = 3.5/448; 3.5 comes back exactly.
    QuantConfig c = make("fp8-e4m3");
    c.formatScaled = true;
    const QuantResult r = runQuantization(Tensor::fromVector({3.5f, -1.0f, 0.01f}), c);
    QCOMPARE(r.groups[0].scale, double(float(3.5 / 448)));
    QCOMPARE(r.dequantized.data()[0], 448.0f * float(3.5 / 448));
    QCOMPARE(r.bitsPerValue, 8 + 32.0 / 3);
    // Unscaled cast saturates: E4M3 465 -> 448 (docs/course.md), 300 -> 288.
    const QuantResult cast = runQuantization(Tensor::fromVector({465, 300, 464}), make("fp8-e4m3"));
    QCOMPARE(std::vector<float>(cast.dequantized.values().begin(), cast.dequantized.values().end()),
             (std::vector<float>{448, 288, 448}));
}

void TestProperties::configJsonRoundTrip_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("granularity");
    for (const char* q :
         {"int8", "uint4", "fp8-e5m2", "mxfp6-e2m3", "nf4", "q4_1", "log2:5", "kmeans:3", "codebook:-1.5,0,0.25,2"})
        QTest::addRow("%s", q) << q << (QString(q).startsWith("q") ? "block:32" : "block:16");
}

void TestProperties::configJsonRoundTrip()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, granularity);
    QuantConfig c = make(quantizer.toStdString(), "symmetric", "pytorch", granularity.toStdString(), "stochastic:5");
    c.calibration = CalibrationSpec::parse("percentile:99.9");
    c.outliers = OutlierMode::Columns;
    c.outlierThreshold = 4.5;
    c.histogramBins = 512;
    const QJsonObject j = c.toJson();
    const QuantConfig back = QuantConfig::fromJson(j);
    QCOMPARE(back.toJson(), j);
    QCOMPARE(back.quantizerSpec(), quantizer.toStdString());
    QCOMPARE(back.codebook, c.codebook);
    QCOMPARE(back.rounding, c.rounding);
    QCOMPARE(back.granularity, c.granularity);
}

void TestProperties::refusals_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("bits 17") << R"({"quantizer":"int17"})";
    QTest::newRow("unknown quantizer") << R"({"quantizer":"int8x"})";
    QTest::newRow("nvidia asymmetric") << R"({"quantizer":"int8","convention":"nvidia","scheme":"asymmetric"})";
    QTest::newRow("q4_0 block 16") << R"({"quantizer":"q4_0","granularity":"block:16"})";
    QTest::newRow("uint narrow") << R"({"quantizer":"uint8","range":"narrow"})";
    QTest::newRow("bad type") << R"({"quantizer":8})";
    QTest::newRow("bad bins") << R"({"histogram_bins":0})";
    QTest::newRow("mx per tensor") << R"({"quantizer":"mxfp4","granularity":"tensor"})";
    QTest::newRow("empty codebook level") << R"({"quantizer":"codebook:1,,2"})";
    QTest::newRow("bad rounding") << R"({"rounding":"nearest-odd"})";
    QTest::newRow("fixed point") << R"({"quantizer":"ufix5.3"})";
}

void TestProperties::refusals()
{
    QFETCH(QString, json);
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    QVERIFY_THROWS_EXCEPTION(qs::Error, QuantConfig::fromJson(o));
    // A config valid alone but not for the tensor: an axis beyond the rank.
    QuantConfig c = make("int8", "symmetric", "textbook", "channel:3");
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runQuantization(Tensor::fromVector({1, 2}), c));
}

QTEST_GUILESS_MAIN(TestProperties)
#include "tst_properties.moc"
