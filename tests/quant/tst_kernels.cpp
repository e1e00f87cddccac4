// The vectorised kernels against their scalar references, bit for bit:
// affineFakeQuant vs affineQuantizeScalar (roundToIntegral), the float-cast
// fast path vs FloatFormat::encode, and results independent of the thread count,
// each on every SIMD path this CPU has (forEachIsa, tests/common/isa.h).
#include "common/isa.h"
#include "formats/numberformat.h"
#include "quant/affine.h"
#include "quant/codebook.h"
#include "quant/floatcast.h"
#include "quant/pipeline.h"
#include "quant/quantconfig.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace qs;
Q_DECLARE_METATYPE(std::vector<double>)

namespace {

// Inputs that stress rounding: exact ties of the grid, neighbours of ties,
// huge, tiny, subnormal, signed zeros, Inf and NaN, and plain random values.
std::vector<float> stressInputs(float scale, std::size_t randomCount, std::uint32_t seed)
{
    std::vector<float> v;
    for (int k = -300; k <= 300; ++k) {
        const float t = (float(k) + 0.5f) * scale;
        v.push_back(t);
        v.push_back(std::nextafter(t, INFINITY));
        v.push_back(std::nextafter(t, -INFINITY));
        v.push_back(float(k) * scale);
    }
    for (float s : {0.0f, -0.0f, 1e-45f, -1e-45f, 1e-38f, 3e38f, -3e38f, INFINITY, -INFINITY, NAN, 65504.0f, 1e9f})
        v.push_back(s);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 100.0f * scale);
    std::uniform_int_distribution<std::uint32_t> bits;
    for (std::size_t i = 0; i < randomCount; ++i)
        v.push_back(i % 4 == 3 ? std::bit_cast<float>(bits(rng)) : normal(rng));
    return v;
}

bool sameBits(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

} // namespace

class TestKernels : public QObject
{
    Q_OBJECT
private slots:
    void affineMatchesScalar_data();
    void affineMatchesScalar();
    void affinePerElementParams();
    void floatCastMatchesEncode_data();
    void floatCastMatchesEncode();
    void codebookMatchesReference_data();
    void codebookMatchesReference();
    void threadCountIndependent_data();
    void threadCountIndependent();
    void fusedRowPathsMatchTwoPass_data();
    void fusedRowPathsMatchTwoPass();
};

void TestKernels::affineMatchesScalar_data()
{
    QTest::addColumn<QString>("rounding");
    QTest::addColumn<int>("bits");
    QTest::addColumn<bool>("isSigned");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("convention");
    for (const char* r : {"nearest-even", "nearest-away", "toward-zero", "floor", "ceil", "stochastic:7"})
        for (int bits : {2, 8, 16})
            for (const char* conv : {"textbook", "pytorch"})
                QTest::addRow("%s int%d %s sym", r, bits, conv) << r << bits << true << "symmetric" << conv;
    for (const char* r : {"nearest-even", "nearest-away", "floor", "stochastic:3"})
        QTest::addRow("%s uint8 asym", r) << r << 8 << false << "asymmetric"
                                          << "textbook";
    QTest::addRow("nvidia int4") << "nearest-even" << 4 << true << "symmetric"
                                 << "nvidia";
    QTest::addRow("int8 asym signed") << "nearest-even" << 8 << true << "asymmetric"
                                      << "pytorch";
}

void TestKernels::affineMatchesScalar()
{
    QFETCH(QString, rounding);
    QFETCH(int, bits);
    QFETCH(bool, isSigned);
    QFETCH(QString, scheme);
    QFETCH(QString, convention);
    const Rounding r = Rounding::parse(rounding.toStdString());
    const AffineGrid grid = affineGrid(bits, isSigned, QuantRange::Full);
    const AffineParams p =
        affineParams(-1.7, 2.3, grid, parseScheme(scheme.toStdString()), parseConvention(convention.toStdString()), r);
    const std::vector<float> x = stressInputs(p.scale, 200000, 11);
    std::vector<float> out(x.size());
    std::vector<std::int32_t> codes(x.size());
    const AffineGroupArrays arrays{&p.scale, &p.invScale, &p.zeroPoint, p.divide};
    const std::uint64_t base = 1000;
    test::forEachIsa([&](simd::Isa) {
        affineFakeQuant(x.data(), out.data(), codes.data(), std::int64_t(x.size()), arrays, 0, grid, r, base);
        std::vector<float> outNoCodes(x.size());
        affineFakeQuant(x.data(), outNoCodes.data(), nullptr, std::int64_t(x.size()), arrays, 0, grid, r, base);
        // Streaming stores (large outputs), into a destination one float past a
        // 16-byte boundary so the unaligned head and the block tail are exercised.
        std::vector<float> streamedBuffer(x.size() + 4);
        float* streamed = streamedBuffer.data() + 1;
        std::vector<std::int32_t> streamedCodes(x.size());
        affineFakeQuant(x.data(), streamed, streamedCodes.data(), std::int64_t(x.size()), arrays, 0, grid, r, base,
                        true);
        for (std::size_t i = 0; i < x.size(); ++i) {
            const AffineValue ref = affineQuantizeScalar(x[i], p, grid, r, base + i);
            if (codes[i] != ref.code || !sameBits(out[i], ref.dequantized) || !sameBits(outNoCodes[i], out[i]) ||
                !sameBits(streamed[i], out[i]) || streamedCodes[i] != codes[i])
                QFAIL(qPrintable(QString("x = %1: kernel (%2, %3), reference (%4, %5)")
                                     .arg(double(x[i]), 0, 'g', 9)
                                     .arg(codes[i])
                                     .arg(double(out[i]), 0, 'g', 9)
                                     .arg(ref.code)
                                     .arg(double(ref.dequantized), 0, 'g', 9)));
            QVERIFY(codes[i] >= grid.qmin && codes[i] <= grid.qmax);
        }
    });
}

void TestKernels::affinePerElementParams()
{
    // groupStride 1 (channel along the last axis) reads one parameter set per element.
    const AffineGrid grid = affineGrid(8, true, QuantRange::Full);
    const Rounding r{};
    std::vector<float> scale, inv, zp, x;
    std::vector<AffineParams> ps;
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> amax(0.01, 50);
    std::normal_distribution<float> normal(0, 10);
    for (int j = 0; j < 4099; ++j) {
        const double a = amax(rng);
        ps.push_back(affineParams(-a, a * 0.5, grid, QuantScheme::Asymmetric, QuantConvention::Textbook, r));
        scale.push_back(ps.back().scale);
        inv.push_back(ps.back().invScale);
        zp.push_back(ps.back().zeroPoint);
        x.push_back(normal(rng));
    }
    std::vector<float> out(x.size());
    std::vector<std::int32_t> codes(x.size());
    test::forEachIsa([&](simd::Isa) {
        affineFakeQuant(x.data(), out.data(), codes.data(), std::int64_t(x.size()),
                        {scale.data(), inv.data(), zp.data()}, 1, grid, r, 0);
        std::vector<float> streamed(x.size()); // streaming stores: same values, per-element parameters offset per block
        affineFakeQuant(x.data(), streamed.data(), nullptr, std::int64_t(x.size()),
                        {scale.data(), inv.data(), zp.data()}, 1, grid, r, 0, true);
        for (std::size_t j = 0; j < x.size(); ++j) {
            const AffineValue ref = affineQuantizeScalar(x[j], ps[j], grid, r, j);
            QCOMPARE(codes[j], ref.code);
            QVERIFY(sameBits(out[j], ref.dequantized));
            QVERIFY(sameBits(streamed[j], ref.dequantized));
        }
    });
}

void TestKernels::floatCastMatchesEncode_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("saturate");
    QTest::addColumn<bool>("fast");
    for (const char* f : {"fp16", "bf16", "tf32", "fp8-e4m3", "fp8-e5m2", "fp8-e4m3fnuz", "fp8-e5m2fnuz", "fp6-e2m3",
                          "fp6-e3m2", "fp4-e2m1", "e3m4", "e5m6,bias=20"})
        for (bool sat : {true, false})
            QTest::addRow("%s %s", f, sat ? "saturate" : "ieee") << f << sat << true;
    // Formats outside the fast path go through encode; the check is then trivially equal but covers the plumbing.
    QTest::addRow("e8m0 (unsigned: reference path)") << "e8m0" << true << false;
}

void TestKernels::floatCastMatchesEncode()
{
    QFETCH(QString, format);
    QFETCH(bool, saturate);
    QFETCH(bool, fast);
    const FloatFormat f = parseFloatFormat(format.toStdString());
    const FloatCaster caster(f, saturate ? OverflowMode::Saturate : OverflowMode::Ieee, Rounding{});
    QCOMPARE(caster.hasFastPath(), fast);
    // Every finite value of the format, the float32 neighbours of it and of the midpoints to the next value.
    std::vector<float> x;
    const std::uint64_t codes = f.totalBits() <= 16 ? f.codeCount() : 0;
    for (std::uint64_t c = 0; c < codes; ++c) {
        const double v = f.decode(c);
        if (!std::isfinite(v) || std::fabs(v) > 3e38)
            continue;
        const double up = f.decode(f.nextUp(c));
        for (double t : {v, std::isfinite(up) ? (v + up) / 2 : v * 1.0625}) {
            const float tf = float(t);
            x.insert(x.end(), {tf, std::nextafter(tf, INFINITY), std::nextafter(tf, -INFINITY), -tf});
        }
    }
    const std::vector<float> more = stressInputs(float(f.minSubnormal() > 0 ? f.minSubnormal() : 1e-3), 600000, 17);
    x.insert(x.end(), more.begin(), more.end());
    // Values scattered over the format's whole range.
    std::mt19937 rng(23);
    std::uniform_real_distribution<double> logMag(std::log2(std::max(1e-40, f.minSubnormal())) - 2,
                                                  std::log2(std::min(3e38, f.maxFinite())) + 1);
    for (int i = 0; i < 400000; ++i)
        x.push_back(float((i & 1 ? -1 : 1) * std::exp2(logMag(rng))));

    std::vector<float> out(x.size()), ref(x.size());
    std::vector<std::int32_t> codesOut(x.size()), codesRef(x.size());
    caster.castReference(x.data(), ref.data(), codesRef.data(), std::int64_t(x.size()), 1.0f, 1.0f, 0);
    test::forEachIsa([&](simd::Isa) {
        caster.cast(x.data(), out.data(), codesOut.data(), std::int64_t(x.size()), 1.0f, 1.0f, 0);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (codesOut[i] != codesRef[i] || !sameBits(out[i], ref[i]))
                QFAIL(qPrintable(QString("x = %1 (0x%2): fast 0x%3 = %4, encode 0x%5 = %6")
                                     .arg(double(x[i]), 0, 'g', 9)
                                     .arg(std::bit_cast<std::uint32_t>(x[i]), 8, 16, QChar('0'))
                                     .arg(std::uint32_t(codesOut[i]), 0, 16)
                                     .arg(double(out[i]), 0, 'g', 9)
                                     .arg(std::uint32_t(codesRef[i]), 0, 16)
                                     .arg(double(ref[i]), 0, 'g', 9)));
    });
}

void TestKernels::codebookMatchesReference_data()
{
    QTest::addColumn<std::vector<double>>("levels");
    QTest::newRow("nf4") << nf4Levels();
    QTest::newRow("toy {0, 2, 4}") << std::vector<double>{0, 2, 4};
    QTest::newRow("single level") << std::vector<double>{1.5};
    std::vector<double> many;
    for (int i = 0; i < 41; ++i)
        many.push_back(std::sinh((i - 20) / 6.0)); // 41 levels: the binary-search path
    QTest::newRow("41 levels") << many;
    QTest::newRow("log2 8 bits") << log2Levels(8);
}

void TestKernels::codebookMatchesReference()
{
    QFETCH(std::vector<double>, levels);
    const CodebookQuantizer cb(levels);
    std::vector<float> x = stressInputs(0.01f, 300000, 29);
    for (std::size_t i = 0; i + 1 < levels.size(); ++i) { // exact midpoints and their neighbours: ties go down
        const float m = float((levels[i] + levels[i + 1]) / 2);
        x.insert(x.end(), {m, std::nextafter(m, INFINITY), std::nextafter(m, -INFINITY)});
    }
    const float inv = 0.75f, scale = 1.25f;
    std::vector<float> out(x.size());
    std::vector<std::int32_t> codes(x.size());
    test::forEachIsa([&](simd::Isa) {
        cb.quantize(x.data(), out.data(), codes.data(), std::int64_t(x.size()), inv, scale);
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!std::isfinite(x[i])) {
                QVERIFY(sameBits(out[i], x[i]) && codes[i] == 0);
                continue;
            }
            const std::int32_t q = cb.nearestIndex(x[i] * inv);
            QCOMPARE(codes[i], q);
            QVERIFY(sameBits(out[i], float(levels[std::size_t(q)]) * scale));
        }
    });
}

void TestKernels::threadCountIndependent_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("granularity");
    QTest::addColumn<QString>("rounding");
    QTest::newRow("int8 tensor") << "int8"
                                 << "tensor"
                                 << "nearest-even";
    QTest::newRow("int8 channel:0 stochastic") << "int8"
                                               << "channel:0"
                                               << "stochastic:9";
    QTest::newRow("int4 channel:-1") << "int4"
                                     << "channel:-1"
                                     << "nearest-away";
    QTest::newRow("nf4") << "nf4"
                         << "block:64"
                         << "nearest-even";
    QTest::newRow("mxfp4") << "mxfp4"
                           << "block:32"
                           << "nearest-even";
    QTest::newRow("fp8 stochastic") << "fp8-e4m3"
                                    << "tensor"
                                    << "stochastic:1";
    QTest::newRow("q4_1") << "q4_1"
                          << "block:32"
                          << "nearest-even";
    QTest::newRow("int8 channel:0") << "int8"
                                    << "channel:0"
                                    << "nearest-even";
    QTest::newRow("bf16") << "bf16"
                          << "tensor"
                          << "nearest-even";
}

void TestKernels::threadCountIndependent()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, granularity);
    QFETCH(QString, rounding);
    Tensor x(Shape{300, 1000});
    std::mt19937 rng(3);
    std::normal_distribution<float> normal(0, 1);
    for (float& v : x.values())
        v = normal(rng);
    QuantConfig c;
    c.setQuantizer(quantizer.toStdString());
    c.granularity = Granularity::parse(granularity.toStdString());
    c.rounding = Rounding::parse(rounding.toStdString());
    // Rows of 1000 are not whole blocks of 32: llama.cpp formats need padding asked for.
    c.padBlocks = c.kind == QuantizerKind::Q8_0 || c.kind == QuantizerKind::Q4_0 || c.kind == QuantizerKind::Q4_1;
    test::forEachIsa([&](simd::Isa) {
        qputenv("QS_THREADS", "1");
        const QuantResult one = runQuantization(x, c);
        qputenv("QS_THREADS", "3");
        const QuantResult three = runQuantization(x, c);
        qunsetenv("QS_THREADS");
        // Streaming stores (used for outputs of 32 MiB and more) forced on: same results.
        qputenv("QS_STREAM_BYTES", "1");
        const QuantResult streamed = runQuantization(x, c);
        qunsetenv("QS_STREAM_BYTES");
        QCOMPARE(one.codes, three.codes);
        QVERIFY(std::memcmp(one.dequantized.data(), three.dequantized.data(), std::size_t(x.size()) * 4) == 0);
        QCOMPARE(one.metrics.mse, three.metrics.mse);
        QCOMPARE(streamed.codes, one.codes);
        QVERIFY(std::memcmp(one.dequantized.data(), streamed.dequantized.data(), std::size_t(x.size()) * 4) == 0);
        QCOMPARE(streamed.nonfinite, one.nonfinite);
        QCOMPARE(streamed.metrics.mse, one.metrics.mse);
    });
}

void TestKernels::fusedRowPathsMatchTwoPass_data()
{
    // The same groups (one per row) through the one-pass path (block:cols or
    // channel:0) and the two-pass path (the other spelling): identical bits.
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("fused");
    QTest::addColumn<QString>("twoPass");
    QTest::addColumn<int>("cols");
    QTest::newRow("int8") << "int8"
                          << "channel:0"
                          << "block:96" << 96;
    QTest::newRow("nf4") << "nf4"
                         << "block:64"
                         << "channel:0" << 64;
    // MX only has blocks: rows of 48 give blocks of 32 and 16 (not uniform, the two-pass path).
    QTest::newRow("mxfp4") << "mxfp4"
                           << "block:32"
                           << "block:32 rows of 48" << 32;
}

void TestKernels::fusedRowPathsMatchTwoPass()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, fused);
    QFETCH(QString, twoPass);
    QFETCH(int, cols);
    const std::int64_t rows = 3000;
    Tensor x(Shape{rows, cols});
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0, 1);
    for (float& v : x.values())
        v = normal(rng);
    float* d = x.data();
    for (int j = 0; j < cols; ++j) {
        d[0 * cols + j] = std::numeric_limits<float>::quiet_NaN(); // no finite value
        d[1 * cols + j] = 0.0f;                                    // all zero
        d[2 * cols + j] = j % 2 ? -0.0f : 0.0f;
        d[3 * cols + j] = 1.5f; // constant
    }
    d[5 * cols + 3] = std::numeric_limits<float>::infinity();
    d[7 * cols + 1] = -std::numeric_limits<float>::infinity();
    d[9 * cols + 2] = std::numeric_limits<float>::quiet_NaN();
    d[11 * cols + 4] = 1e30f;
    d[13 * cols + 5] = 1e-40f;
    test::forEachIsa([&](simd::Isa) {
        QuantConfig a;
        a.setQuantizer(quantizer.toStdString());
        QuantConfig b = a;
        a.granularity = Granularity::parse(fused.toStdString());
        const QuantResult ra = runQuantization(x, a);
        if (quantizer == "mxfp4") {
            Tensor y(Shape{rows, 48});
            for (std::int64_t r = 0; r < rows; ++r)
                for (int j = 0; j < 48; ++j)
                    y.data()[r * 48 + j] = j < 32 ? d[r * 32 + j] : float(j - 40);
            b.granularity = Granularity::parse("block:32");
            const QuantResult rb = runQuantization(y, b);
            for (std::int64_t r = 0; r < rows; ++r) {
                QVERIFY(std::memcmp(ra.dequantized.data() + r * 32, rb.dequantized.data() + r * 48, 32 * 4) == 0);
                for (int j = 0; j < 32; ++j)
                    QCOMPARE(ra.codes[std::size_t(r * 32 + j)], rb.codes[std::size_t(r * 48 + j)]);
                QCOMPARE(ra.groups[std::size_t(r)].scale, rb.groups[std::size_t(2 * r)].scale);
                QCOMPARE(ra.groups[std::size_t(r)].clipMax, rb.groups[std::size_t(2 * r)].clipMax);
            }
            return;
        }
        b.granularity = Granularity::parse(twoPass.toStdString());
        const QuantResult rb = runQuantization(x, b);
        QCOMPARE(ra.codes, rb.codes);
        QVERIFY(std::memcmp(ra.dequantized.data(), rb.dequantized.data(), std::size_t(x.size()) * 4) == 0);
        QCOMPARE(ra.nonfinite, rb.nonfinite);
        QCOMPARE(ra.groups.size(), rb.groups.size());
        for (std::size_t g = 0; g < ra.groups.size(); ++g) {
            QCOMPARE(ra.groups[g].scale, rb.groups[g].scale);
            QCOMPARE(ra.groups[g].zeroPoint, rb.groups[g].zeroPoint);
            QCOMPARE(ra.groups[g].clipMin, rb.groups[g].clipMin);
            QCOMPARE(ra.groups[g].clipMax, rb.groups[g].clipMax);
        }
        QCOMPARE(ra.calibration.clipMin, rb.calibration.clipMin);
        QCOMPARE(ra.calibration.clipMax, rb.calibration.clipMax);
        QCOMPARE(ra.calibration.finiteCount, rb.calibration.finiteCount);
        QCOMPARE(ra.calibration.nonfiniteCount, rb.calibration.nonfiniteCount);
        QCOMPARE(ra.bitsPerValue, rb.bitsPerValue);
        QCOMPARE(ra.metrics.mse, rb.metrics.mse);
    });
}

QTEST_GUILESS_MAIN(TestKernels)
#include "tst_kernels.moc"
