// Integer-only inference: the fixed-point multiply and shift against exact
// 128-bit integer references, quantizeMultiplier's range and precision, a
// layer computed by hand, and the integer kernel equal to the simulated
// fake-quant computation within one output step on many random layers.
#include "modeltestutil.h"

#include "formats/error.h"
#include "io/generators.h"
#include "model/intlayer.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace qs;

namespace {

using i128 = __int128;

// floor(n / d) for d > 0 in exact 128-bit arithmetic.
i128 floorDiv(i128 n, i128 d)
{
    i128 q = n / d;
    if ((n % d != 0) && (n < 0))
        --q;
    return q;
}

// The definition: round(a b / 2^31) with ties toward +inf = floor((a b + 2^30) / 2^31).
std::int64_t referenceHighMul(std::int32_t a, std::int32_t b)
{
    const i128 p = i128(a) * i128(b);
    const i128 r = floorDiv(p + (i128(1) << 30), i128(1) << 31);
    return std::int64_t(std::min<i128>(r, std::numeric_limits<std::int32_t>::max()));
}

// x / 2^e rounded to nearest, ties away from zero: sign(x) floor((|x| + 2^(e-1)) / 2^e).
std::int64_t referenceDivPot(std::int32_t x, int e)
{
    if (e == 0)
        return x;
    const i128 ax = x < 0 ? -i128(x) : i128(x);
    const i128 q = (ax + (i128(1) << (e - 1))) >> e;
    return std::int64_t(x < 0 ? -q : q);
}

const std::int32_t kEdges[] = {0,          1,           -1,
                               2,          -2,          3,
                               1 << 30,    -(1 << 30),  (1 << 30) + 1,
                               2147483647, -2147483647, std::numeric_limits<std::int32_t>::min(),
                               1073741823, -1073741825, 46341,
                               -46341};

} // namespace

class TestModelIntLayer : public QObject
{
    Q_OBJECT
private slots:
    void highMulMatchesExactReference();
    void divideByPotMatchesExactReference();
    void quantizeMultiplierRange_data();
    void quantizeMultiplierRange();
    void quantizeMultiplierRejects();
    void multiplyByQuantizedMultiplierIsNearExact();
    void handComputedLayer();
    void integerMatchesFakeQuant_data();
    void integerMatchesFakeQuant();
    void realMlpLayers();
};

void TestModelIntLayer::highMulMatchesExactReference()
{
    for (std::int32_t a : kEdges)
        for (std::int32_t b : kEdges)
            QCOMPARE(std::int64_t(saturatingRoundingDoublingHighMul(a, b)), referenceHighMul(a, b));
    // Exact ties: a b = (2k + 1) 2^30 round toward +inf: 2^30 · 3 -> 2 (1.5 -> 2), -1.5 -> -1.
    QCOMPARE(saturatingRoundingDoublingHighMul(1 << 30, 3), 2);
    QCOMPARE(saturatingRoundingDoublingHighMul(1 << 30, -3), -1);
    QCOMPARE(saturatingRoundingDoublingHighMul(std::numeric_limits<std::int32_t>::min(),
                                               std::numeric_limits<std::int32_t>::min()),
             std::numeric_limits<std::int32_t>::max());
    Xoshiro256 rng(42);
    for (int i = 0; i < 200000; ++i) {
        const auto a = std::int32_t(std::uint32_t(rng.next() >> 32));
        // b spans all magnitudes: a random shift of a random value
        const auto b = std::int32_t(std::uint32_t(rng.next() >> 32)) >> int(rng.next() % 31);
        QCOMPARE(std::int64_t(saturatingRoundingDoublingHighMul(a, b)), referenceHighMul(a, b));
    }
}

void TestModelIntLayer::divideByPotMatchesExactReference()
{
    // By hand: 5/2 = 2.5 -> 3, -5/2 -> -3, 3/4 = 0.75 -> 1, -6/4 = -1.5 -> -2, 7/8 -> 1, -4/8 -> -1.
    QCOMPARE(roundingDivideByPot(5, 1), 3);
    QCOMPARE(roundingDivideByPot(-5, 1), -3);
    QCOMPARE(roundingDivideByPot(3, 2), 1);
    QCOMPARE(roundingDivideByPot(-6, 2), -2);
    QCOMPARE(roundingDivideByPot(-4, 3), -1);
    QCOMPARE(roundingDivideByPot(-3, 3), 0);
    for (std::int32_t x : kEdges)
        for (int e = 0; e <= 31; ++e)
            QCOMPARE(std::int64_t(roundingDivideByPot(x, e)), referenceDivPot(x, e));
    Xoshiro256 rng(7);
    for (int i = 0; i < 200000; ++i) {
        const auto x = std::int32_t(std::uint32_t(rng.next() >> 32)) >> int(rng.next() % 31);
        const int e = int(rng.next() % 32);
        QCOMPARE(std::int64_t(roundingDivideByPot(x, e)), referenceDivPot(x, e));
    }
    QVERIFY_THROWS_EXCEPTION(ArgumentError, roundingDivideByPot(1, 32));
}

void TestModelIntLayer::quantizeMultiplierRange_data()
{
    QTest::addColumn<double>("m");
    QTest::addColumn<int>("shift");
    QTest::newRow("0.5") << 0.5 << 0; // M0 = 2^30
    QTest::newRow("0.75") << 0.75 << 0;
    QTest::newRow("0.0393700787") << 0.5 / 12.7 << 4;
    QTest::newRow("1e-4") << 1e-4 << 13; // 1e-4 = 0.8192 · 2^-13
    QTest::newRow("1.5") << 1.5 << -1;
    QTest::newRow("just below 1") << 1 - 1e-12 << -1; // rounds up to 2^31 -> 2^30 with shift -1
}

void TestModelIntLayer::quantizeMultiplierRange()
{
    QFETCH(double, m);
    QFETCH(int, shift);
    const QuantizedMultiplier q = quantizeMultiplier(m);
    QCOMPARE(q.shift, shift);
    QVERIFY(q.m0 >= (1 << 30));
    QVERIFY(std::int64_t(q.m0) < (std::int64_t(1) << 31));
    // M0 is M · 2^(31 + shift) rounded to an integer: error at most half a unit of M0.
    const double exact = std::ldexp(m, 31 + shift);
    QVERIFY(std::abs(double(q.m0) - exact) <= 0.5 + 1e-6);
    QVERIFY(std::abs(q.value() - m) <= m * std::ldexp(1.0, -31));
}

void TestModelIntLayer::quantizeMultiplierRejects()
{
    QVERIFY_THROWS_EXCEPTION(ArgumentError, quantizeMultiplier(-0.1));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, quantizeMultiplier(std::nan("")));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, quantizeMultiplier(1e-12));
    QCOMPARE(quantizeMultiplier(0).m0, 0);
}

// acc · M0 · 2^-(31+shift) computed exactly (128 bits), against the kernel:
// the two roundings may differ from one exact rounding by at most one.
void TestModelIntLayer::multiplyByQuantizedMultiplierIsNearExact()
{
    Xoshiro256 rng(5);
    for (int i = 0; i < 100000; ++i) {
        const double m = std::ldexp(0.5 + 0.5 * rng.uniform01(), -int(rng.next() % 20));
        const QuantizedMultiplier q = quantizeMultiplier(m);
        const auto acc = std::int32_t(std::uint32_t(rng.next() >> 32)) >> int(8 + rng.next() % 20);
        const std::int32_t got = multiplyByQuantizedMultiplier(acc, q);
        // exact: round(acc M0 / 2^(31 + shift))
        const int e = 31 + q.shift;
        const i128 num = i128(acc) * i128(q.m0);
        const i128 exact = floorDiv(2 * num + (i128(1) << e), i128(1) << (e + 1)); // round half up
        QVERIFY(std::abs(std::int64_t(got) - std::int64_t(exact)) <= 1);
        // and the two-step definition, exactly
        QCOMPARE(std::int64_t(got), referenceDivPot(std::int32_t(referenceHighMul(acc, q.m0)), q.shift));
    }
}

// x = [0.5, 1] on uint8 [0, 1]: S_x = 1/255, q_x = [128, 255] (127.5 rounds away);
// w = [0.5, -0.25] on int8 symmetric: S_w = 0.5/127, q_w = [127, -64] (-63.5 rounds away);
// b = 0.1: q_b = round(0.1 · 255 · 254) = 6477; acc = 128·127 - 255·64 + 6477 = 6413;
// y ≈ 0.099 on uint8 [0, 0.1]: S_y = 0.1/255, M = S_x S_w / S_y = 0.5/12.7 = 0.03937…,
// exactly 6413 · M = 252.48, so the simulated computation gives q_y = 252; the integer kernel
// rounds twice: 6413 · M0 / 2^31 = 4039.68 -> 4040 (high multiply), then 4040 / 2^4 = 252.5 -> 253
// (rounding shift, half away from zero): one step apart, the double rounding of gemmlowp's
// requantization that the "within one output step" guarantee allows for.
void TestModelIntLayer::handComputedLayer()
{
    LayerData d{Matrix(1, 2), Matrix(1, 2), Vector(1)};
    d.input << 0.5f, 1.0f;
    d.weight << 0.5f, -0.25f;
    d.bias << 0.1f;
    const IntLayerResult r = runIntegerLayer(d, IntLayerConfig{});
    QCOMPARE(r.inputGrid.zeroPoint, 0);
    QCOMPARE(r.inputQ(0, 0), 128);
    QCOMPARE(r.inputQ(0, 1), 255);
    QCOMPARE(r.weightQ(0, 0), 127);
    QCOMPARE(r.weightQ(0, 1), -64);
    QCOMPARE(r.biasQ[0], 6477);
    QCOMPARE(r.accumulator(0, 0), 6413);
    QCOMPARE(r.fixedMultiplier[0].shift, 4);
    QVERIFY(std::abs(r.multiplier[0] - 0.5 / 12.7) < 1e-6); // float32 inputs: a few ulps away
    QCOMPARE(saturatingRoundingDoublingHighMul(6413, r.fixedMultiplier[0].m0), 4040);
    QCOMPARE(r.outputQ(0, 0), 253);
    QCOMPARE(r.outputSimulatedQ(0, 0), 252);
    QCOMPARE(r.maxStepDifference, 1);
    QCOMPARE(r.outputGrid.zeroPoint, 0);
    QVERIFY(std::abs(r.outputDequantized(0, 0) - 253 * 0.1 / 255) < 1e-7);
    QVERIFY(!r.accumulatorOverflow);
}

void TestModelIntLayer::integerMatchesFakeQuant_data()
{
    QTest::addColumn<bool>("signedInputs");
    QTest::addColumn<bool>("perChannel");
    QTest::addColumn<bool>("symmetric");
    QTest::addColumn<bool>("relu");
    QTest::addColumn<int>("bits");
    QTest::newRow("uint8 in, int8 w per tensor") << false << false << true << false << 8;
    QTest::newRow("uint8 in, int8 w per channel, relu") << false << true << true << true << 8;
    QTest::newRow("int8 in, asymmetric int8 w") << true << false << false << false << 8;
    QTest::newRow("int8 in, per channel, int8 out") << true << true << true << false << 8;
    QTest::newRow("4 bits everywhere") << false << true << true << true << 4;
    QTest::newRow("12 bits") << true << false << false << false << 12;
}

// Many random layers: the integer kernel equals the fake-quant float computation
// within one output step, and rarely differs at all.
void TestModelIntLayer::integerMatchesFakeQuant()
{
    QFETCH(bool, signedInputs);
    QFETCH(bool, perChannel);
    QFETCH(bool, symmetric);
    QFETCH(bool, relu);
    QFETCH(int, bits);
    IntLayerConfig cfg;
    cfg.inputSigned = signedInputs;
    cfg.outputSigned = signedInputs;
    cfg.perChannel = perChannel;
    cfg.weightSymmetric = symmetric;
    cfg.relu = relu;
    cfg.inputBits = cfg.weightBits = cfg.outputBits = bits;
    std::int64_t outputs = 0, differing = 0;
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        const int in = 1 + int(seed * 7 % 96), out = 1 + int(seed * 13 % 24), batch = 1 + int(seed % 8);
        const IntLayerResult r = runIntegerLayer(randomLayer(seed, batch, in, out, signedInputs), cfg);
        QVERIFY2(r.maxStepDifference <= 1, qPrintable(QString("seed %1").arg(seed)));
        QVERIFY(!r.accumulatorOverflow);
        // The integer output lies within one output step (plus half a step of
        // output rounding) of the simulated value.
        QVERIFY((r.outputDequantized - r.outputSimulated).cwiseAbs().maxCoeff() <= r.outputGrid.scale * 1.0001);
        outputs += r.outputQ.size();
        differing += r.differingOutputs;
    }
    qInfo("%lld of %lld outputs differ by one step", (long long)differing, (long long)outputs);
    QVERIFY(differing * 20 < outputs); // at most 5 %
}

void TestModelIntLayer::realMlpLayers()
{
    const Mlp& m = qs::test::trainedNet().model;
    for (int layer = 0; layer < 2; ++layer) {
        IntLayerConfig cfg;
        cfg.relu = layer == 0; // the hidden layer's ReLU is fused
        cfg.perChannel = true;
        cfg.outputSigned = layer == 1; // logits are signed
        const IntLayerResult r = runIntegerLayer(layerFromMlp(m, layer, qs::test::digitsSplit().test, 32), cfg);
        QVERIFY(r.maxStepDifference <= 1);
        QCOMPARE(r.inputQ.rows(), 32);
        QCOMPARE(r.accumulator.cols(), layer == 0 ? 32 : 10);
        // The integer layer's outputs stay close to float: within a few output steps
        // plus the input/weight rounding carried through the layer.
        QVERIFY(r.maxAbsErrorVsFloat < 0.05 * (r.outputFloat.maxCoeff() - r.outputFloat.minCoeff()));
    }
    QVERIFY_THROWS_EXCEPTION(ArgumentError, layerFromMlp(m, 2, qs::test::digitsSplit().test, 4));
    LayerData bad = randomLayer(1, 2, 3, 4);
    bad.input(0, 0) = std::numeric_limits<float>::quiet_NaN();
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runIntegerLayer(bad, IntLayerConfig{}));
    IntLayerConfig badBits;
    badBits.weightBits = 1;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runIntegerLayer(randomLayer(1, 2, 3, 4), badBits));
    LayerData mismatched = randomLayer(1, 2, 3, 4);
    mismatched.bias = Vector::Zero(5);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runIntegerLayer(mismatched, IntLayerConfig{}));
}

QTEST_GUILESS_MAIN(TestModelIntLayer)
#include "tst_model_intlayer.moc"
