// Generators: the PRNG against values computed independently (a Python
// transcription of SplitMix64 / xoshiro256** from their papers; SplitMix64(0)'s
// first output 0xe220a8397b1dcdaf is the published reference value), detLog /
// detExp against the C library, every distribution against its analytic CDF
// (Kolmogorov-Smirnov distance) or defining property, reproducibility, and
// the refusal of bad specs.
#include "iotestutil.h"

#include "formats/error.h"
#include "io/generators.h"
#include "io/tensorsource.h"
#include "io/writers.h"

#include <QTemporaryDir>

#include <QtTest>

#include <algorithm>
#include <functional>

using namespace qs;

namespace {

// sup |F_n(x) - F(x)| over the sorted sample.
double ksDistance(std::vector<float> x, const std::function<double(double)>& cdf)
{
    // Ties (the atom of ReLU at 0) are compared as a step: F(x-) against the
    // fraction below x, F(x) against the fraction up to and including x.
    std::sort(x.begin(), x.end());
    const double n = double(x.size());
    double d = 0;
    for (std::size_t i = 0; i < x.size();) {
        std::size_t j = i;
        while (j < x.size() && x[j] == x[i])
            ++j;
        const double left = cdf(std::nextafter(double(x[i]), -HUGE_VAL));
        d = std::max({d, std::abs(left - double(i) / n), std::abs(cdf(x[i]) - double(j) / n)});
        i = j;
    }
    return d;
}

std::vector<float> values(const Tensor& t)
{
    return {t.data(), t.data() + t.size()};
}

double phi(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

} // namespace

class TestIoGenerators : public QObject
{
    Q_OBJECT
private slots:
    void prngMatchesReference();
    void detLogExpMatchLibm();
    void distributions_data();
    void distributions();
    void reproducible_data();
    void reproducible();
    void outliersExactCount();
    void llmActivations();
    void convWeights();
    void badSpecs_data();
    void badSpecs();
    void progressAndCancel_data();
    void progressAndCancel();
    void readersReportProgress();
};

void TestIoGenerators::prngMatchesReference()
{
    std::uint64_t state = 0;
    QCOMPARE(splitMix64(state), 0xe220a8397b1dcdafull);
    const std::pair<std::uint64_t, std::vector<std::uint64_t>> cases[] = {
        {0, {0x99ec5f36cb75f2b4ull, 0xbf6e1f784956452aull, 0x1a5f849d4933e6e0ull, 0x6aa594f1262d2d2cull}},
        {1, {0xb3f2af6d0fc710c5ull, 0x853b559647364ceaull, 0x92f89756082a4514ull, 0x642e1c7bc266a3a7ull}},
        {12345, {0xbe6a36374160d49bull, 0x214aaa0637a688c6ull, 0xf69d16de9954d388ull, 0x0c60048c4e96e033ull}}};
    for (const auto& [seed, expected] : cases) {
        Xoshiro256 rng(seed);
        for (std::uint64_t e : expected)
            QCOMPARE(rng.next(), e);
    }
}

void TestIoGenerators::detLogExpMatchLibm()
{
    // A few ulp of the (nearly correctly rounded) glibc results over a wide range.
    Xoshiro256 rng(99);
    for (int i = 0; i < 50000; ++i) {
        const double x = std::ldexp(1.0 + rng.uniform01(), int(rng.next() % 2000) - 1000);
        const double l = detLog(x), ref = std::log(x);
        QVERIFY2(std::abs(l - ref) <= 4 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::abs(ref)),
                 qPrintable(QString("log(%1) = %2 vs %3").arg(x, 0, 'g', 17).arg(l, 0, 'g', 17).arg(ref, 0, 'g', 17)));
        const double y = (rng.uniform01() - 0.5) * 1400;
        const double e = detExp(y), eref = std::exp(y);
        QVERIFY2(std::abs(e - eref) <= 4 * std::numeric_limits<double>::epsilon() * eref ||
                     (eref < 1e-300 && std::abs(e - eref) < 1e-320),
                 qPrintable(QString("exp(%1) = %2 vs %3").arg(y, 0, 'g', 17).arg(e, 0, 'g', 17).arg(eref, 0, 'g', 17)));
    }
    QCOMPARE(detLog(1.0), 0.0);
    QCOMPARE(detExp(0.0), 1.0);
    QVERIFY(std::isinf(detLog(0.0)) && detLog(0.0) < 0);
    QVERIFY(std::isnan(detLog(-1.0)));
    QCOMPARE(detExp(-1000.0), 0.0);
    QVERIFY(std::isinf(detExp(1000.0)));
}

void TestIoGenerators::distributions_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<std::function<double(double)>>("cdf");
    using F = std::function<double(double)>;
    QTest::newRow("normal") << "normal,n=100000,seed=3,mean=2,std=0.5"
                            << F([](double x) { return phi((x - 2) / 0.5); });
    QTest::newRow("uniform lo hi") << "uniform,n=100000,seed=4,lo=-1,hi=3"
                                   << F([](double x) { return std::clamp((x + 1) / 4, 0.0, 1.0); });
    QTest::newRow("uniform mean std") << "uniform,n=100000,seed=4,mean=1,std=2" << F([](double x) {
        const double h = std::sqrt(3.0) * 2;
        return std::clamp((x - (1 - h)) / (2 * h), 0.0, 1.0);
    });
    QTest::newRow("laplace") << "laplace,n=100000,seed=5,std=1.4142135623730951" << F([](double x) {
        return x < 0 ? 0.5 * std::exp(x) : 1 - 0.5 * std::exp(-x); // b = std / sqrt 2 = 1
    });
    QTest::newRow("student-t nu=3 (std 1)") << "student-t,n=100000,seed=6,nu=3,std=1" << F([](double x) {
        // nu = 3 has a closed-form CDF; std = 1 means scale sqrt(1/3).
        const double t = x / std::sqrt(1.0 / 3.0);
        const double u = t / std::sqrt(3.0);
        return 0.5 + (u / (1 + u * u) + std::atan(u)) / M_PI;
    });
    QTest::newRow("student-t nu=1 is Cauchy")
        << "t,n=100000,seed=7,nu=1" << F([](double x) { return 0.5 + std::atan(x) / M_PI; });
    QTest::newRow("lognormal") << "lognormal,n=100000,seed=8,mean=0.5,std=0.25"
                               << F([](double x) { return x <= 0 ? 0 : phi((std::log(x) - 0.5) / 0.25); });
    QTest::newRow("bimodal") << "bimodal,n=100000,seed=9,sep=6,weight=0.25"
                             << F([](double x) { return 0.75 * phi(x + 3) + 0.25 * phi(x - 3); });
    QTest::newRow("relu") << "relu,n=100000,seed=10,mean=0.5" << F([](double x) { return x < 0 ? 0 : phi(x - 0.5); });
    QTest::newRow("gelu") << "gelu,n=100000,seed=11" << F([](double y) {
        // GeLU (the tanh form the generator documents) falls to its minimum at x = -0.75246, then rises:
        // P(G <= y) = Phi(right root) - Phi(left root), both found by bisection.
        auto g = [](double x) { return 0.5 * x * (1 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))); };
        constexpr double xmin = -0.75246; // where the tanh form has its minimum, about -0.170041
        if (y < g(xmin))
            return 0.0;
        double lo = xmin, hi = 50;
        for (int i = 0; i < 64; ++i) {
            const double mid = 0.5 * (lo + hi);
            (g(mid) < y ? lo : hi) = mid;
        }
        double llo = -12, lhi = xmin;
        for (int i = 0; i < 64; ++i) {
            const double mid = 0.5 * (llo + lhi);
            (g(mid) > y ? llo : lhi) = mid;
        }
        return phi(lo) - phi(llo);
    });
}

void TestIoGenerators::distributions()
{
    QFETCH(QString, spec);
    QFETCH(std::function<double(double)>, cdf);
    const Tensor t = generateTensor(spec.toStdString());
    QCOMPARE(t.size(), std::int64_t(100000));
    // KS critical value at the 0.1 % level for n = 1e5 is 1.95 / sqrt(n) = 0.0062.
    const double d = ksDistance(values(t), cdf);
    QVERIFY2(d < 0.0062, qPrintable(QString("KS distance %1").arg(d)));
}

void TestIoGenerators::reproducible_data()
{
    QTest::addColumn<QString>("spec");
    for (const auto& g : generators())
        QTest::newRow(g.name.c_str()) << QString::fromStdString(g.name + ",seed=42");
}

void TestIoGenerators::reproducible()
{
    QFETCH(QString, spec);
    const Tensor a = generateTensor(spec.toStdString());
    const Tensor b = generateTensor(spec.toStdString());
    const Tensor c = generateTensor((spec + "3").toStdString()); // seed 423
    QCOMPARE(a.shape(), b.shape());
    QVERIFY(std::memcmp(a.data(), b.data(), std::size_t(a.size()) * 4) == 0);
    QVERIFY(std::memcmp(a.data(), c.data(), std::size_t(a.size()) * 4) != 0);
    for (float v : a.values())
        QVERIFY(std::isfinite(v));
}

void TestIoGenerators::outliersExactCount()
{
    const Tensor t = generateTensor("outliers,n=20000,seed=5,p=0.005,k=12,std=2,mean=1");
    int at = 0;
    for (float v : t.values())
        at += v == 25.0f || v == -23.0f; // mean +- k*std
    QCOMPARE(at, 100);
}

void TestIoGenerators::llmActivations()
{
    const Tensor t = generateTensor("llm-activations,rows=256,cols=64,outliers=3,seed=2");
    QCOMPARE(t.shape(), (Shape{256, 64}));
    std::vector<double> rms(64, 0.0);
    for (std::int64_t r = 0; r < 256; ++r)
        for (int c = 0; c < 64; ++c)
            rms[std::size_t(c)] += double(t.data()[r * 64 + c]) * t.data()[r * 64 + c] / 256;
    int big = 0;
    for (double& v : rms) {
        v = std::sqrt(v);
        if (v > 10) {
            ++big;
            QVERIFY2(v > 15 && v < 110, qPrintable(QString::number(v))); // 20..100 x std (1 +- 0.25 z)
        } else {
            QVERIFY2(v > 0.8 && v < 1.2, qPrintable(QString::number(v)));
        }
    }
    QCOMPARE(big, 3);
    QCOMPARE(generateTensor("llm,n=1024,cols=128").shape(), (Shape{8, 128}));
}

void TestIoGenerators::convWeights()
{
    const Tensor t = generateTensor("conv-weights,shape=16x8x3x3,spread=3,seed=1");
    QCOMPARE(t.shape(), (Shape{16, 8, 3, 3}));
    double lo = 1e30, hi = 0;
    for (int o = 0; o < 16; ++o) {
        double ss = 0;
        for (int i = 0; i < 72; ++i)
            ss += double(t.data()[o * 72 + i]) * t.data()[o * 72 + i];
        lo = std::min(lo, std::sqrt(ss / 72));
        hi = std::max(hi, std::sqrt(ss / 72));
    }
    QVERIFY2(hi / lo > 30, qPrintable(QString::number(hi / lo))); // channels differ by over an order of magnitude
    QCOMPARE(generateTensor("conv-weights,n=288,shape=4x8x3x3").size(), std::int64_t(288));
}

void TestIoGenerators::badSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown dist") << "poisson,n=3"
                                  << "unknown distribution 'poisson' (known: normal, uniform";
    QTest::newRow("unknown key") << "normal,nu=3"
                                 << "normal: unknown key 'nu' (keys: n, seed, mean, std)";
    QTest::newRow("not key=value") << "normal,5"
                                   << "normal: '5' is not key=value";
    QTest::newRow("twice") << "normal,n=5,n=6"
                           << "key 'n' given twice";
    QTest::newRow("bad number") << "normal,mean=1,5"
                                << "'5' is not key=value";
    QTest::newRow("comma decimal") << "normal,std=0;5"
                                   << "std='0;5' is not a finite number";
    QTest::newRow("nan") << "normal,mean=nan"
                         << "mean='nan' is not a finite number";
    QTest::newRow("negative std") << "normal,std=-1"
                                  << "std=-1 is outside [0,";
    QTest::newRow("absurd n") << "normal,n=1e12"
                              << "n=1e12 is outside [1, 268435456]";
    QTest::newRow("fractional n") << "uniform,n=2.5"
                                  << "n=2.5 is not a whole number";
    QTest::newRow("zero n") << "laplace,n=0"
                            << "n=0 is outside";
    QTest::newRow("bad seed") << "normal,seed=-1"
                              << "seed='-1' is not an integer";
    QTest::newRow("p > 1") << "outliers,p=2"
                           << "p=2 is outside [0, 1]";
    QTest::newRow("nu <= 0") << "student-t,nu=0"
                             << "nu=0 is outside";
    QTest::newRow("lo >= hi") << "uniform,lo=2,hi=1"
                              << "lo must be below hi";
    QTest::newRow("n vs rows") << "llm-activations,n=100,rows=3,cols=4"
                               << "n=100 is not rows x cols = 3 x 4";
    QTest::newRow("bad shape") << "conv-weights,shape=4xx3"
                               << "shape='4xx3' is not like 64x32x3x3";
    QTest::newRow("huge shape") << "conv-weights,shape=100000x100000x100"
                                << "more than 2^28 values";
    QTest::newRow("kmax < kmin") << "llm,kmin=50,kmax=20"
                                 << "kmax=20 is outside [50,";
}

void TestIoGenerators::badSpecs()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    try {
        generateTensor(spec.toStdString());
        QFAIL("no error");
    } catch (const ArgumentError& e) {
        QVERIFY2(QString(e.what()).contains(message), e.what());
    }
}

// The GUI generates and reads on a worker with a progress callback: the values
// must not depend on it, the fractions rise to exactly 1, and a callback that
// returns false stops the work with Cancelled (not an Error, which the GUI
// would show as bad input).
void TestIoGenerators::progressAndCancel_data()
{
    QTest::addColumn<QString>("spec");
    const QString n = QStringLiteral(",n=%1,seed=7").arg(3 * kProgressChunk + 5);
    for (const char* d :
         {"normal", "uniform", "laplace", "student-t", "lognormal", "bimodal", "relu", "gelu", "outliers"})
        QTest::newRow(d) << (QLatin1String(d) + n);
    QTest::newRow("llm-activations") << QStringLiteral("llm-activations,rows=4096,cols=256,seed=7");
    QTest::newRow("conv-weights") << QStringLiteral("conv-weights,shape=64x64x3x3,seed=7");
}

void TestIoGenerators::progressAndCancel()
{
    QFETCH(QString, spec);
    const Tensor plain = generateTensor(spec.toStdString());
    std::vector<double> fractions;
    const Tensor reported = generateTensor(spec.toStdString(), [&](double f) {
        fractions.push_back(f);
        return true;
    });
    QCOMPARE(reported.shape(), plain.shape());
    QVERIFY(std::memcmp(reported.data(), plain.data(), std::size_t(plain.size()) * 4) == 0);
    QVERIFY2(fractions.size() >= 3, qPrintable(QString::number(fractions.size())));
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    QVERIFY(fractions.front() >= 0);
    QCOMPARE(fractions.back(), 1.0);

    int calls = 0;
    bool cancelled = false;
    try {
        generateTensor(spec.toStdString(), [&](double) { return ++calls < 2; });
    } catch (const Cancelled&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QCOMPARE(calls, 2); // stopped at the first report after the refusal, not at the end
}

void TestIoGenerators::readersReportProgress()
{
    QTemporaryDir dir;
    const Tensor t = generateTensor("normal,n=2000000,seed=3").reshaped({1000, 2000});
    const std::string path = dir.filePath(QStringLiteral("big.npy")).toStdString();
    writeNpy(path, t);
    std::vector<double> fractions;
    const Tensor back = loadTensor(path, [&](double f) {
        fractions.push_back(f);
        return true;
    });
    QCOMPARE(back.shape(), t.shape());
    QVERIFY(std::memcmp(back.data(), t.data(), std::size_t(t.size()) * 4) == 0);
    QVERIFY(fractions.size() >= 2);
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    QCOMPARE(fractions.back(), 1.0);
    bool cancelled = false;
    try {
        loadTensor(path, [](double) { return false; });
    } catch (const Cancelled&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    // The header alone names the array, without reading 8 MB of values.
    QCOMPARE(listTensorNames(path), std::vector<std::string>{"big.npy"});
}

QTEST_GUILESS_MAIN(TestIoGenerators)
#include "tst_io_generators.moc"
