// Extreme and tiny inputs through every quantizer × calibrator × SIMD path:
// subnormals, ±FLT_MAX, ±FLT_MIN, zeros, constants, NaN/Inf mixes, one value,
// and sizes around every vector width and block size (1 … 4097). Each run
// returns a result or a clear qs::Error, the dequantized value of every finite
// input is finite, and every ISA gives the same bits as the baseline one.
// Also: finite values near FLT_MAX come back finite with a note and honest
// metrics, and a group count that cannot be sensible is refused.
#include "common/isa.h"
#include "formats/error.h"
#include "quant/grouping.h"
#include "quant/pipeline.h"

#include <QTest>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace qs;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

// The value kinds of the corpus, each filled to any size from a fixed seed.
const std::vector<std::string> kKinds = {"subnormal", "std1e-40", "fltmax",    "fltmin", "zeros", "constant",
                                         "nan-inf",   "all-nan",  "huge-tiny", "normal", "mixed"};

std::vector<float> makeValues(const std::string& kind, int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_int_distribution<int> pick(0, 7);
    std::vector<float> v(std::size_t(n), 0.0f);
    for (int i = 0; i < n; ++i) {
        float& x = v[std::size_t(i)];
        const double g = normal(rng);
        if (kind == "subnormal")
            x = float(g * 1e-42); // every value a subnormal (or zero)
        else if (kind == "std1e-40")
            x = float(g * 1e-40);
        else if (kind == "fltmax") {
            const float m[] = {FLT_MAX, -FLT_MAX, std::nextafter(FLT_MAX, 0.0f), 1.0f, -2.0f, 3e38f, -3e38f, 0.0f};
            x = m[pick(rng)];
        } else if (kind == "fltmin") {
            const float m[] = {FLT_MIN,     -FLT_MIN,   std::nextafter(FLT_MIN, 0.0f),
                               1.18e-38f,   -1.17e-38f, std::numeric_limits<float>::denorm_min(),
                               2 * FLT_MIN, -0.0f};
            x = m[pick(rng)];
        } else if (kind == "zeros")
            x = (i % 3 == 1) ? -0.0f : 0.0f;
        else if (kind == "constant")
            x = 2.5f;
        else if (kind == "nan-inf") {
            const float m[] = {kNaN, kInf, -kInf, float(g), float(g), 1e-40f, -3e38f, 0.0f};
            x = m[pick(rng)];
        } else if (kind == "all-nan")
            x = i % 2 ? kNaN : kInf;
        else if (kind == "huge-tiny") {
            const float m[] = {3e38f, -3e38f, 1e-38f, -1e-38f, 3.4e38f, -1.2e-38f, 1e-45f, -3.3e38f};
            x = m[pick(rng)];
        } else if (kind == "normal")
            x = float(g);
        else { // mixed: everything above at once
            const float m[] = {float(g), FLT_MAX, -FLT_MIN, 1e-42f, kNaN, -kInf, 0.0f, float(g * 1e30)};
            x = m[pick(rng)];
        }
    }
    return v;
}

// Sizes around the vector widths (4, 8, 16 lanes, 32-value steps) and the
// block sizes (32, 64, 256, 1024 histogram blocks, 4096 chunks of some passes).
const std::vector<int> kAllSizes = {1,   2,   3,    4,    5,    7,    8,    9,    15,   16,   17,  31,
                                    32,  33,  63,   64,   65,   127,  128,  129,  255,  256,  257, 511,
                                    512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097};
// The sizes every calibrator sees (the full list goes through min-max, the
// path of the fused one-pass kernels).
const std::vector<int> kSomeSizes = {1, 2, 15, 16, 17, 33, 64, 257, 1025, 4097};

const std::vector<std::string> kQuantizers = {
    "int8", "uint8", "int4", "int16", "uint16", "int2", "fp8-e4m3", "fp8-e5m2", "bf16", "fp16", "fp4-e2m1", "e8m0",
    "mxfp4", "mxfp6-e3m2", "mxfp8-e4m3", "mxint8", "nf4", "q8_0", "q4_0", "q4_1", "log2:4", "kmeans:2",
    "codebook:-1,0,0.5,2",
    // llama.cpp's other formats (rows that are not whole blocks are refused: a clear error)
    "q5_0", "q5_1", "iq4_nl", "q2_K", "q3_K", "q4_K", "q5_K", "q6_K"};
const std::vector<std::string> kCalibrators = {"minmax", "percentile:99.9",      "percentile-hist:99", "entropy",
                                               "mse:12", "moving-minmax:0.5,64", "manual:-1,1"};

struct Outcome
{
    bool error = false;
    std::string message;
    QuantResult result;
};

// Variants of a quantizer spec that take other kernel paths.
std::vector<QuantConfig> configsFor(const std::string& quantizer, const std::string& calibrator)
{
    std::vector<QuantConfig> out;
    QuantConfig c;
    c.setQuantizer(quantizer);
    c.calibration = CalibrationSpec::parse(calibrator);
    // The corpus' short vectors are not whole blocks of 32: llama.cpp formats need padding asked for.
    c.padBlocks = quantizer.rfind("q", 0) == 0;
    out.push_back(c);
    if (quantizer == "int8") {
        QuantConfig a = c; // asymmetric, PyTorch's float32 formulas, block groups
        a.scheme = QuantScheme::Asymmetric;
        a.convention = QuantConvention::PyTorch;
        a.granularity = Granularity::parse("block:16");
        out.push_back(a);
        QuantConfig s = c; // stochastic rounding (the scalar path)
        s.rounding = Rounding::parse("stochastic:3");
        out.push_back(s);
    }
    if (quantizer == "fp8-e4m3") {
        QuantConfig s = c; // scaled cast
        s.formatScaled = true;
        out.push_back(s);
    }
    return out;
}

Outcome run(const std::vector<float>& x, const QuantConfig& c)
{
    Outcome o;
    try {
        o.result = runQuantization(Tensor::fromVector(x), c);
    } catch (const Error& e) {
        o.error = true;
        o.message = e.what();
    }
    return o;
}

bool sameFloats(const Tensor& a, const Tensor& b)
{
    return a.size() == b.size() &&
           (a.size() == 0 || std::memcmp(a.data(), b.data(), std::size_t(a.size()) * sizeof(float)) == 0);
}

bool sameDouble(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

QString where(const std::string& q, const std::string& cal, const std::string& kind, int n, simd::Isa isa)
{
    return QString("%1, %2, %3, n %4, %5").arg(q.c_str(), cal.c_str(), kind.c_str()).arg(n).arg(simd::isaName(isa));
}

} // namespace

class TestExtremes : public QObject
{
    Q_OBJECT
private slots:
    void corpus_data();
    void corpus();
    void nearFloatMaxStaysFinite_data();
    void nearFloatMaxStaysFinite();
    void groupCountIsBounded();
};

void TestExtremes::corpus_data()
{
    QTest::addColumn<QString>("quantizer");
    for (const std::string& q : kQuantizers)
        QTest::newRow(q.c_str()) << QString::fromStdString(q);
}

void TestExtremes::corpus()
{
    QFETCH(QString, quantizer);
    const std::string q = quantizer.toStdString();
    std::int64_t runs = 0, errors = 0;
    for (const std::string& cal : kCalibrators) {
        const std::vector<int>& sizes = cal == "minmax" ? kAllSizes : kSomeSizes;
        for (const std::string& kind : kKinds)
            for (int n : sizes) {
                const std::vector<float> x = makeValues(kind, n, unsigned(n * 31 + kind.size()));
                for (const QuantConfig& c : configsFor(q, cal)) {
                    Outcome baseline;
                    test::forEachIsa([&](simd::Isa isa) {
                        const Outcome o = run(x, c);
                        ++runs;
                        const QString at = where(q, cal, kind, n, isa);
                        if (o.error) {
                            // A clear error: one line naming the problem.
                            ++errors;
                            QVERIFY2(!o.message.empty() && o.message.find('\n') == std::string::npos,
                                     qPrintable(at + ": " + QString::fromStdString(o.message)));
                        } else {
                            const QuantResult& r = o.result;
                            QVERIFY2(r.dequantized.size() == std::int64_t(x.size()), qPrintable(at));
                            const float* y = r.dequantized.data();
                            for (std::size_t i = 0; i < x.size(); ++i)
                                if (std::isfinite(x[i]) && !std::isfinite(y[i]))
                                    QFAIL(qPrintable(QString("%1: x[%2] = %3 dequantized to %4")
                                                         .arg(at)
                                                         .arg(i)
                                                         .arg(double(x[i]), 0, 'g', 9)
                                                         .arg(double(y[i]), 0, 'g', 9)));
                            QVERIFY2(!std::isnan(r.metrics.mse) && !std::isnan(r.metrics.maxAbsError), qPrintable(at));
                        }
                        if (isa == simd::Isa::Baseline) {
                            baseline = o;
                            return;
                        }
                        // Every ISA path gives the baseline's outcome, bit for bit.
                        QVERIFY2(o.error == baseline.error && o.message == baseline.message, qPrintable(at));
                        if (o.error)
                            return;
                        const QuantResult &a = o.result, &b = baseline.result;
                        QVERIFY2(sameFloats(a.dequantized, b.dequantized) && a.codes == b.codes, qPrintable(at));
                        QVERIFY2(sameDouble(a.metrics.mse, b.metrics.mse) &&
                                     sameDouble(a.metrics.klDivergence, b.metrics.klDivergence) &&
                                     sameDouble(a.metrics.sqnrDb, b.metrics.sqnrDb) &&
                                     a.histOriginal.counts == b.histOriginal.counts &&
                                     a.histDequantized.counts == b.histDequantized.counts &&
                                     a.histError.counts == b.histError.counts &&
                                     sameDouble(a.calibration.clipMin, b.calibration.clipMin) &&
                                     sameDouble(a.calibration.clipMax, b.calibration.clipMax),
                                 qPrintable(at));
                    });
                    if (QTest::currentTestFailed())
                        return;
                }
            }
    }
    qInfo("%lld runs, %lld clear errors", static_cast<long long>(runs), static_cast<long long>(errors));
}

void TestExtremes::nearFloatMaxStaysFinite_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("scheme");
    for (const char* q : {"int8", "int16", "int4", "uint8", "uint16", "mxint8", "mxfp4", "mxfp8-e4m3", "nf4", "q8_0",
                          "q4_0", "q4_1", "log2:4", "fp8-e4m3", "bf16", "kmeans:2"})
        QTest::addRow("%s", q) << q << "";
    for (const char* q : {"int8", "uint8", "int4", "uint16"})
        QTest::addRow("%s asymmetric", q) << q << "asymmetric";
    QTest::addRow("int8 asymmetric pytorch") << "int8"
                                             << "asymmetric pytorch";
    QTest::addRow("int8 nvidia") << "int8"
                                 << "nvidia";
}

// quantize --values 3.4028235e38,1,2 --emit-values printed "inf 0 0", with
// max |error| 2 and no note: the pair with the Inf was silently left out.
void TestExtremes::nearFloatMaxStaysFinite()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, scheme);
    QuantConfig c;
    c.setQuantizer(quantizer.toStdString());
    c.padBlocks = quantizer.startsWith("q"); // a row of 6 is not a whole block of 32
    if (scheme.contains("asymmetric"))
        c.scheme = QuantScheme::Asymmetric;
    if (scheme.contains("pytorch"))
        c.convention = QuantConvention::PyTorch;
    if (scheme == "nvidia")
        c.convention = QuantConvention::Nvidia;
    const std::vector<float> x = {FLT_MAX, 1.0f, 2.0f, -FLT_MAX, 3e38f, -1.0f};
    test::forEachIsa([&](simd::Isa isa) {
        const QuantResult r = runQuantization(Tensor::fromVector(x), c);
        const float* y = r.dequantized.data();
        double maxAbs = 0, sum2 = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            QVERIFY2(std::isfinite(y[i]), qPrintable(QString("%1: x = %2 gives %3")
                                                         .arg(simd::isaName(isa))
                                                         .arg(double(x[i]), 0, 'g', 9)
                                                         .arg(double(y[i]), 0, 'g', 9)));
            const double d = double(x[i]) - double(y[i]);
            maxAbs = std::max(maxAbs, std::fabs(d));
            sum2 += d * d;
        }
        // The metrics measure every pair and agree with the values returned.
        QCOMPARE(r.metrics.count, std::int64_t(x.size()));
        QCOMPARE(r.metrics.nonfinite, std::int64_t(0));
        QCOMPARE(r.metrics.maxAbsError, maxAbs);
        QVERIFY(std::fabs(r.metrics.mse - sum2 / double(x.size())) <= 1e-12 * (sum2 / double(x.size())));
        // int8 symmetric: S = FLT_MAX / 127 rounds up, so 127 S lies past the
        // float range and FLT_MAX is returned there; a note says so.
        if (quantizer == "int8" && scheme.isEmpty()) {
            QCOMPARE(y[0], FLT_MAX);
            bool noted = false;
            for (const std::string& m : r.messages)
                noted = noted || m.find("past the float32 range") != std::string::npos;
            QVERIFY2(noted, "a value was clamped to the float range without a note");
        }
    });
}

// A 128-byte .npy of shape (0, 2^27) with --granularity channel:1 reached
// 9.7 GB in per-group bookkeeping for no value at all.
void TestExtremes::groupCountIsBounded()
{
    const Shape empty = {0, std::int64_t(1) << 27};
    QVERIFY_THROWS_EXCEPTION(ArgumentError, GroupLayout(empty, Granularity::parse("channel:1")));
    QuantConfig c;
    c.setQuantizer("int8");
    c.granularity = Granularity::parse("channel:1");
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runQuantization(Tensor(empty), c));
    // A few empty groups are fine, and so is every group count the data can fill.
    QCOMPARE(GroupLayout(Shape{0, 5}, Granularity::parse("channel:1")).groupCount(), std::int64_t(5));
    QCOMPARE(GroupLayout(Shape{0, GroupLayout::kMaxEmptyGroups}, Granularity::parse("channel:1")).groupCount(),
             GroupLayout::kMaxEmptyGroups);
    QCOMPARE(GroupLayout(Shape{1, 200000}, Granularity::parse("channel:1")).groupCount(), std::int64_t(200000));
    QCOMPARE(GroupLayout(Shape{100000, 3}, Granularity::parse("block:1")).groupCount(), std::int64_t(300000));
    const QuantResult r = runQuantization(Tensor(Shape{0, 5}), c);
    QCOMPARE(r.groups.size(), std::size_t(5));
}

QTEST_GUILESS_MAIN(TestExtremes)
#include "tst_extremes.moc"
