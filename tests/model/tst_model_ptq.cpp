// PTQ and QAT of the trained digits MLP: W8A8 within a point of float,
// accuracy vs bits monotone-ish, QAT at low bits at least as good as PTQ, the
// STE masks, and the hooks agreeing with a hand-written fake quantization.
#include "modeltestutil.h"

#include "formats/error.h"
#include "model/modelquant.h"

#include <QtTest>

#include <cmath>

using namespace qs;

class TestModelPtq : public QObject
{
    Q_OBJECT
private slots:
    void presets_data();
    void presets();
    void presetRejects();
    void weightsMatchHandQuantization();
    void staticActivationsMatchHandQuantization();
    void bitSweepMonotoneIsh();
    void anyQuantizerAndCalibration_data();
    void anyQuantizerAndCalibration();
    void specJsonRoundTrip();
    void dynamicPerTokenActivations();
    void qatBeatsPtqAtLowBits_data();
    void qatBeatsPtqAtLowBits();
    void steMaskZeroOutsideClip();
};

void TestModelPtq::presets_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("maxDrop"); // accuracy points below float
    QTest::newRow("W8A8") << "W8A8" << 0.01;
    QTest::newRow("W8A16") << "W8A16" << 0.01;
    QTest::newRow("W4A16") << "W4A16" << 0.06;
    QTest::newRow("W4A8") << "W4A8" << 0.06;
    QTest::newRow("FP32") << "FP32" << 0.0;
}

void TestModelPtq::presets()
{
    QFETCH(QString, preset);
    QFETCH(double, maxDrop);
    const auto& s = qs::test::digitsSplit();
    const TrainResult& net = qs::test::trainedNet();
    const ModelQuantSpec spec = ModelQuantSpec::preset(preset.toStdString());
    const PtqResult r = runPtq(net.model, s.train, s.test, spec);
    qInfo("%s: float %.4f, quantized %.4f", qPrintable(preset), r.floatAccuracy, r.accuracy);
    QCOMPARE(r.floatAccuracy, net.testAccuracy);
    QVERIFY2(r.accuracy >= r.floatAccuracy - maxDrop - 1e-12, qPrintable(QString::number(r.accuracy)));
    QCOMPARE(int(r.layers.size()), 2);
    QCOMPARE(int(r.predictions.size()), int(s.test.size()));
    if (spec.quantizeWeights) {
        const double expectedBits = spec.weights.bits; // + scale overhead of 32 out-channel scales
        QVERIFY(r.layers[0].bitsPerWeight > expectedBits && r.layers[0].bitsPerWeight < expectedBits + 1);
        QVERIFY(r.layers[0].weightSqnrDb > 6.02 * spec.weights.bits - 15); // roughly 6 dB per bit
    }
    if (spec.quantizeActivations) {
        QCOMPARE(r.layers[0].actClipMin, 0.0); // pixels: min-max over [0, 1]
        QCOMPARE(r.layers[0].actClipMax, 1.0);
        QVERIFY(r.layers[1].actClipMax > 0); // the ReLU outputs
    }
}

void TestModelPtq::presetRejects()
{
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ModelQuantSpec::preset("W0A8"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ModelQuantSpec::preset("X8"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ModelQuantSpec::preset("W8A8Z"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ModelQuantSpec::preset(""));
    QuantConfig nf4;
    nf4.setQuantizer("nf4");
    QVERIFY_THROWS_EXCEPTION(ArgumentError, withBits(nf4, 4));
}

// W4 per channel, by hand: S_r = max|w_r| / 7, ŵ = S_r round(w / S_r) (textbook symmetric).
void TestModelPtq::weightsMatchHandQuantization()
{
    const auto& s = qs::test::digitsSplit();
    const Mlp& m = qs::test::trainedNet().model;
    const PtqResult r = runPtq(m, s.train, s.test, ModelQuantSpec::preset("W4"));
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
        const Matrix& w = m.layers[l].w;
        for (Eigen::Index row = 0; row < w.rows(); ++row) {
            const double scale = double(w.row(row).cwiseAbs().maxCoeff()) / 7;
            for (Eigen::Index c = 0; c < w.cols(); ++c) {
                const double q = std::max(-7.0, std::min(7.0, std::nearbyint(double(w(row, c)) / scale)));
                QVERIFY(std::abs(r.quantized.layers[l].w(row, c) - q * scale) <= 1e-6 * scale + 1e-7);
            }
        }
        QCOMPARE(r.quantized.layers[l].b, m.layers[l].b); // biases stay float
    }
}

// A8 only, static min-max per tensor, by hand: a layer's input range [0, max] on the
// calibration samples, S = max / 255, Z = 0; the logits of a hand-written forward pass.
void TestModelPtq::staticActivationsMatchHandQuantization()
{
    const auto& s = qs::test::digitsSplit();
    const Mlp& m = qs::test::trainedNet().model;
    ModelQuantSpec spec = ModelQuantSpec::preset("A8");
    spec.calibrationSamples = 100;
    const Dataset calib = s.train.head(100);
    // Hand-written range of the hidden activations.
    const Matrix h = ((calib.x * m.layers[0].w.transpose()).rowwise() + m.layers[0].b.transpose()).cwiseMax(0.0f);
    const double hiddenMax = h.maxCoeff();
    const PtqResult r = runPtq(m, s.train, s.test, spec);
    QCOMPARE(r.layers[1].actClipMax, hiddenMax);
    // A hand-written quantized forward pass on 20 test images.
    const Dataset few = s.test.head(20);
    auto fq = [](const Matrix& a, double hi) {
        const double scale = hi / 255;
        Matrix out = a;
        for (Eigen::Index i = 0; i < a.size(); ++i) {
            const double q = std::min(255.0, std::max(0.0, std::nearbyint(a.data()[i] / scale)));
            out.data()[i] = float(q * scale);
        }
        return out;
    };
    const Matrix a0 = fq(few.x, 1.0);
    const Matrix h1 = ((a0 * m.layers[0].w.transpose()).rowwise() + m.layers[0].b.transpose()).cwiseMax(0.0f);
    const Matrix logits = (fq(h1, hiddenMax) * m.layers[1].w.transpose()).rowwise() + m.layers[1].b.transpose();
    const QuantHooks hooks = makeQuantHooks(m, calib, spec);
    const Matrix got = forward(m, few.x, &hooks);
    QVERIFY((got - logits).cwiseAbs().maxCoeff() < 1e-4f);
}

void TestModelPtq::bitSweepMonotoneIsh()
{
    const auto& s = qs::test::digitsSplit();
    const Mlp& m = qs::test::trainedNet().model;
    const std::vector<int> bits = {2, 3, 4, 5, 6, 7, 8};
    for (BitTarget target : {BitTarget::Weights, BitTarget::Both}) {
        const std::vector<SweepPoint> sweep = ptqBitSweep(m, s.train, s.test, ModelQuantSpec{}, target, bits);
        QCOMPARE(int(sweep.size()), 7);
        QString line;
        for (const SweepPoint& p : sweep)
            line += QString(" %1:%2").arg(p.bits).arg(p.accuracy, 0, 'f', 3);
        qInfo("%s%s", toString(target).c_str(), qPrintable(line));
        QVERIFY(sweep.back().accuracy >= sweep.front().accuracy); // 8 bits >= 2 bits
        QVERIFY(sweep[4].accuracy >= sweep[0].accuracy);          // 6 bits >= 2 bits
        QVERIFY(sweep.back().accuracy > qs::test::trainedNet().testAccuracy - 0.01);
        for (std::size_t i = 1; i < sweep.size(); ++i) // never much worse with one bit more
            QVERIFY(sweep[i].accuracy >= sweep[i - 1].accuracy - 0.02);
    }
}

void TestModelPtq::anyQuantizerAndCalibration_data()
{
    QTest::addColumn<QString>("weights");
    QTest::addColumn<QString>("granularity");
    QTest::addColumn<QString>("activations");
    QTest::addColumn<QString>("calibration");
    QTest::addColumn<double>("minAccuracy");
    QTest::newRow("nf4 + uint8 percentile") << "nf4"
                                            << "block:64"
                                            << "uint8"
                                            << "percentile:99.9" << 0.9;
    QTest::newRow("fp8 + fp8") << "fp8-e4m3"
                               << "tensor"
                               << "fp8-e4m3"
                               << "minmax" << 0.9;
    QTest::newRow("int8 tensor + uint8 entropy") << "int8"
                                                 << "tensor"
                                                 << "uint8"
                                                 << "entropy" << 0.9;
    QTest::newRow("int8 block + uint8 mse") << "int8"
                                            << "block:16"
                                            << "uint8"
                                            << "mse" << 0.9;
    QTest::newRow("mxfp4 + uint8") << "mxfp4"
                                   << "block:32"
                                   << "uint8"
                                   << "minmax" << 0.8;
}

void TestModelPtq::anyQuantizerAndCalibration()
{
    QFETCH(QString, weights);
    QFETCH(QString, granularity);
    QFETCH(QString, activations);
    QFETCH(QString, calibration);
    QFETCH(double, minAccuracy);
    const auto& s = qs::test::digitsSplit();
    ModelQuantSpec spec;
    spec.weights.setQuantizer(weights.toStdString());
    spec.weights.granularity = Granularity::parse(granularity.toStdString());
    spec.activations.setQuantizer(activations.toStdString());
    spec.activations.calibration = CalibrationSpec::parse(calibration.toStdString());
    const PtqResult r = runPtq(qs::test::trainedNet().model, s.train, s.test, spec);
    qInfo("%s: %.4f", qPrintable(spec.summary().c_str()), r.accuracy);
    QVERIFY(r.accuracy >= minAccuracy);
}

void TestModelPtq::specJsonRoundTrip()
{
    ModelQuantSpec spec = ModelQuantSpec::preset("W4A8");
    spec.dynamicActivations = true;
    spec.calibrationSamples = 77;
    spec.activations.calibration = CalibrationSpec::parse("percentile:99.5");
    const ModelQuantSpec back = ModelQuantSpec::fromJson(spec.toJson());
    QCOMPARE(back.summary(), spec.summary());
    QCOMPARE(back.toJson(), spec.toJson());
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ModelQuantSpec::fromJson(QJsonObject{{"calibrationSamples", 0}}));
}

// Dynamic per-sample (per-token) activations at 4 bits: each row gets its own range,
// so a single sample's result does not depend on the rest of the batch.
void TestModelPtq::dynamicPerTokenActivations()
{
    const auto& s = qs::test::digitsSplit();
    const Mlp& m = qs::test::trainedNet().model;
    ModelQuantSpec spec = ModelQuantSpec::preset("A4");
    spec.dynamicActivations = true;
    spec.activations.granularity = Granularity::parse("channel:0");
    const PtqResult r = runPtq(m, Dataset{}, s.test, spec); // no calibration set needed
    qInfo("dynamic per-sample A4: %.4f", r.accuracy);
    QVERIFY(r.accuracy > 0.9);
    const QuantHooks h = makeQuantHooks(m, Dataset{}, spec);
    const Dataset one = s.test.head(1);
    Matrix alone = one.x, inBatch = s.test.head(10).x; // the pixels, before any float sum
    h.activations[0](alone, nullptr);
    h.activations[0](inBatch, nullptr);
    QCOMPARE(Matrix(alone.row(0)), Matrix(inBatch.row(0)));
    QVERIFY(alone != one.x); // it did quantize (16 grey levels on a 4-bit grid of the row's range)
    // Static quantization without calibration samples is an error.
    spec.dynamicActivations = false;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runPtq(m, Dataset{}, s.test, spec));
}

void TestModelPtq::qatBeatsPtqAtLowBits_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("target");
    QTest::newRow("W2A8") << 2 << "weights";
    QTest::newRow("W3A8") << 3 << "weights";
    QTest::newRow("W2A2") << 2 << "both";
}

void TestModelPtq::qatBeatsPtqAtLowBits()
{
    QFETCH(int, bits);
    QFETCH(QString, target);
    const auto& s = qs::test::digitsSplit();
    const Mlp& m = qs::test::trainedNet().model;
    QatConfig cfg;
    cfg.spec = specWithBits(cfg.spec, parseBitTarget(target.toStdString()), bits);
    int epochs = 0;
    ModelProgress p;
    p.epoch = [&](const EpochStats&) { ++epochs; };
    const QatResult r = runQat(m, s.train, s.test, cfg, p);
    qInfo("%d bits (%s): float %.4f PTQ %.4f QAT %.4f", bits, qPrintable(target), r.floatAccuracy, r.ptqAccuracy,
          r.qatAccuracy);
    QCOMPARE(epochs, cfg.fit.epochs);
    QVERIFY(r.qatAccuracy >= r.ptqAccuracy);
    QCOMPARE(r.history.back().testAccuracy, r.qatAccuracy); // the last epoch's evaluation is the final one
    QVERIFY(r.before.layers[0].w == m.layers[0].w);
    QVERIFY(r.after.layers[0].w != m.layers[0].w);
}

// Activations beyond a manual clip range get no gradient; inside they do.
void TestModelPtq::steMaskZeroOutsideClip()
{
    const Mlp& m = qs::test::trainedNet().model;
    ModelQuantSpec spec = ModelQuantSpec::preset("W8A8");
    spec.weights.calibration = CalibrationSpec::parse("percentile:90"); // clips 10 % of |w|
    spec.weights.range = QuantRange::Narrow; // [-127, 127]: the grid ends at ±clip on both sides
    const QuantHooks h = makeQuantHooks(m, qs::test::digitsSplit().train, spec);
    const Matrix& w = m.layers[0].w;
    const Matrix& mask = h.weightMasks[0];
    int clipped = 0;
    for (Eigen::Index r = 0; r < w.rows(); ++r) {
        // the clip of row r is the largest |ŵ| of the row (a grid point at ±S·qmax)
        const float clip = h.weights[0].row(r).cwiseAbs().maxCoeff();
        for (Eigen::Index c = 0; c < w.cols(); ++c) {
            if (std::abs(w(r, c)) > clip * (1 + 1e-6f)) {
                QCOMPARE(mask(r, c), 0.0f);
                ++clipped;
            } else if (std::abs(w(r, c)) < clip * (1 - 1e-6f)) {
                QCOMPARE(mask(r, c), 1.0f);
            }
        }
    }
    QVERIFY(clipped > w.size() / 20);
}

QTEST_GUILESS_MAIN(TestModelPtq)
#include "tst_model_ptq.moc"
