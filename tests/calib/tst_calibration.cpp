// Calibration methods against references written here from their definitions:
// NVIDIA's entropy search (docs/course.md "Toolkit conventions"), numpy.percentile's "linear" method,
// the moving-average update worked by hand, and MSE never worse than min-max.
#include "calib/calibration.h"
#include "calib/calibrators.h"
#include "formats/error.h"
#include "referencedata.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace qs;
using testref::makeData;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

// ---- Entropy (KL) reference: P and Q built explicitly for every candidate.
struct RefEntropy
{
    int bin = 0;
    std::vector<double> kl;
};

RefEntropy referenceEntropy(const std::vector<std::uint64_t>& histogram, int targetBins, int startBin)
{
    std::vector<double> bins(histogram.begin(), histogram.end());
    bins[0] = bins[1];
    const int B = int(bins.size());
    RefEntropy out;
    for (int i = startBin; i <= B; ++i) {
        std::vector<double> p(bins.begin(), bins.begin() + i);
        p[std::size_t(i) - 1] += std::accumulate(bins.begin() + i, bins.end(), 0.0);
        std::vector<double> groupMass(std::size_t(targetBins), 0.0), groupNonEmpty(std::size_t(targetBins), 0.0);
        std::vector<std::int64_t> group(static_cast<std::size_t>(i));
        for (int j = 0; j < i; ++j) {
            group[std::size_t(j)] = std::int64_t(j) * targetBins / i; // floor(j * T / i)
            if (bins[std::size_t(j)] != 0) {
                groupMass[std::size_t(group[std::size_t(j)])] += bins[std::size_t(j)];
                groupNonEmpty[std::size_t(group[std::size_t(j)])] += 1;
            }
        }
        std::vector<double> q(std::size_t(i), 0.0);
        for (int j = 0; j < i; ++j)
            if (bins[std::size_t(j)] != 0)
                q[std::size_t(j)] =
                    groupMass[std::size_t(group[std::size_t(j)])] / groupNonEmpty[std::size_t(group[std::size_t(j)])];
        const double ps = std::accumulate(p.begin(), p.end(), 0.0), qs = std::accumulate(q.begin(), q.end(), 0.0);
        double kl = 0;
        for (int j = 0; j < i; ++j) {
            const double pj = p[std::size_t(j)] / ps, qj = qs > 0 ? q[std::size_t(j)] / qs : 0.0;
            if (pj == 0)
                continue;
            kl = qj == 0 ? kInf : kl + pj * std::log(pj / qj);
        }
        out.kl.push_back(kl);
    }
    // last minimum
    std::size_t best = 0;
    for (std::size_t k = 0; k < out.kl.size(); ++k)
        if (out.kl[k] <= out.kl[best])
            best = k;
    out.bin = startBin + int(best);
    return out;
}

// Histogram of |x| on [0, hi] by the edge definition (binary search over edges).
std::vector<std::uint64_t> naiveAbsHistogram(const std::vector<float>& x, int bins, double hi)
{
    std::vector<double> edges(std::size_t(bins) + 1);
    for (int k = 0; k <= bins; ++k)
        edges[std::size_t(k)] = hi * double(k) / double(bins);
    std::vector<std::uint64_t> h(std::size_t(bins), 0);
    for (float v : x) {
        if (!std::isfinite(v))
            continue;
        const double a = std::fabs(double(v));
        auto k = std::upper_bound(edges.begin(), edges.end() - 1, a) - edges.begin() - 1;
        ++h[std::size_t(std::clamp<std::ptrdiff_t>(k, 0, bins - 1))];
    }
    return h;
}

void compareCurves(const std::vector<double>& got, const std::vector<double>& want)
{
    QCOMPARE(got.size(), want.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
        if (std::isinf(want[k])) {
            QVERIFY2(std::isinf(got[k]), qPrintable(QString("candidate %1: expected inf").arg(k)));
        } else {
            QVERIFY2(
                std::fabs(got[k] - want[k]) <= 1e-10 + 1e-9 * std::fabs(want[k]),
                qPrintable(QString("candidate %1: %2 vs %3").arg(k).arg(got[k], 0, 'g', 17).arg(want[k], 0, 'g', 17)));
        }
    }
}

// ---- numpy.percentile(a, p), method "linear", from its documentation: sorted a,
// virtual index (n - 1) * p / 100, linear interpolation (numpy's _lerp form).
double numpyPercentile(std::vector<double> a, double p)
{
    std::sort(a.begin(), a.end());
    const double h = double(a.size() - 1) * (p / 100.0);
    const double below = std::floor(h);
    const std::size_t i = std::size_t(below), j = std::min(i + 1, a.size() - 1);
    const double t = h - below, d = a[j] - a[i];
    return t >= 0.5 ? a[j] - d * (1 - t) : a[i] + d * t;
}

// ---- Fake quantization references for the MSE tests.
double referenceMse(const std::vector<float>& x, double lo, double hi, int bits, bool symmetric)
{
    double sum = 0;
    std::int64_t n = 0;
    for (float v : x) {
        if (!std::isfinite(v))
            continue;
        double xhat;
        if (symmetric) {
            const double qmax = std::ldexp(1.0, bits - 1) - 1, s = std::max(-lo, hi) / qmax;
            xhat = s * std::nearbyint(std::clamp(double(v) / s, -qmax, qmax));
        } else {
            const double levels = std::ldexp(1.0, bits) - 1, s = (hi - lo) / levels;
            xhat = lo + s * std::nearbyint(std::clamp((double(v) - lo) / s, 0.0, levels));
        }
        sum += (double(v) - xhat) * (double(v) - xhat);
        ++n;
    }
    return sum / double(n);
}

} // namespace

class TestCalibration : public QObject
{
    Q_OBJECT

private slots:
    void entropySearchMatchesReference_data()
    {
        QTest::addColumn<int>("bins");
        QTest::addColumn<int>("targetBins");
        QTest::addColumn<int>("startBin");
        QTest::addColumn<int>("zeroPercent"); // share of empty bins (makes Q = 0 < P happen)
        QTest::addColumn<unsigned>("seed");
        QTest::newRow("signed 8-bit, dense") << 2048 << 128 << 128 << 0 << 1u;
        QTest::newRow("unsigned 8-bit, dense") << 2048 << 256 << 128 << 0 << 2u;
        QTest::newRow("signed 8-bit, 30% empty") << 2048 << 128 << 128 << 30 << 3u;
        QTest::newRow("4-bit, 60% empty") << 512 << 8 << 16 << 60 << 4u;
        QTest::newRow("targets >= candidates") << 300 << 4096 << 20 << 20 << 5u;
        QTest::newRow("one group") << 200 << 1 << 1 << 10 << 6u;
    }
    void entropySearchMatchesReference()
    {
        QFETCH(int, bins);
        QFETCH(int, targetBins);
        QFETCH(int, startBin);
        QFETCH(int, zeroPercent);
        QFETCH(unsigned, seed);
        std::mt19937 gen(seed);
        std::vector<std::uint64_t> h(static_cast<std::size_t>(bins));
        for (int k = 0; k < bins; ++k) {
            const bool empty = int(gen() % 100) < zeroPercent;
            h[std::size_t(k)] = empty ? 0 : 1 + gen() % std::uint64_t(1 + 100000 / (1 + k / 8));
        }
        const RefEntropy ref = referenceEntropy(h, targetBins, startBin);
        const EntropySearch got = entropySearch(h, 5.0, targetBins, startBin);
        compareCurves(got.kl, ref.kl);
        QCOMPARE(got.bin, ref.bin);
        QCOMPARE(got.amax, 5.0 * ref.bin / bins);
    }

    void entropyCalibrationEndToEnd_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("unsignedGrid");
        QTest::newRow("normal int8") << "normal" << 8 << false;
        QTest::newRow("laplace int8") << "laplace" << 8 << false;
        QTest::newRow("outliers int8") << "outliers" << 8 << false;
        QTest::newRow("uniform int8") << "uniform" << 8 << false;
        QTest::newRow("relu uint8") << "relu" << 8 << true;
        QTest::newRow("normal int4") << "normal" << 4 << false;
        QTest::newRow("halfzero int8") << "halfzero" << 8 << false;
    }
    void entropyCalibrationEndToEnd()
    {
        QFETCH(QString, kind);
        QFETCH(int, bits);
        QFETCH(bool, unsignedGrid);
        std::vector<float> x = makeData(kind, 200000, 11);
        x[10] = std::numeric_limits<float>::quiet_NaN();
        double amax = 0;
        for (float v : x)
            if (std::isfinite(v))
                amax = std::max(amax, std::fabs(double(v)));
        const RefEntropy ref =
            referenceEntropy(naiveAbsHistogram(x, 2048, amax), 1 << (bits - 1 + (unsignedGrid ? 1 : 0)), 128);

        CalibrationTarget target;
        target.bits = bits;
        target.unsignedGrid = unsignedGrid;
        const CalibrationResult r = calibrate(x, CalibrationSpec::parse("entropy"), target);
        const double want = amax * ref.bin / 2048; // the left edge of bin i
        QCOMPARE(r.clipMax, want);
        QCOMPARE(r.clipMin, unsignedGrid ? 0.0 : -want);
        QCOMPARE(r.nonfiniteCount, std::int64_t(1));
        QCOMPARE(r.finiteCount, std::int64_t(x.size() - 1));
        compareCurves(r.curve.y, ref.kl);
        QCOMPARE(r.curve.x.size(), std::size_t(2048 - 128 + 1));
        QCOMPARE(r.curve.x.front(), amax * 128 / 2048);
        QCOMPARE(r.curve.x.back(), amax);
        QCOMPARE(r.curve.chosenX, want);
    }

    void percentileMatchesNumpyDefinition_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("absolute");
        for (int n : {1, 2, 7, 1000, 70000, 100001}) { // above 65536: the histogram-select path
            for (const char* kind : {"normal", "ints", "outliers"}) {
                QTest::addRow("%s n=%d", kind, n) << kind << n << false;
                QTest::addRow("%s n=%d |x|", kind, n) << kind << n << true;
            }
        }
    }
    void percentileMatchesNumpyDefinition()
    {
        QFETCH(QString, kind);
        QFETCH(int, n);
        QFETCH(bool, absolute);
        std::vector<float> x = makeData(kind, std::size_t(n), unsigned(n));
        if (n > 3)
            x[2] = std::numeric_limits<float>::quiet_NaN(), x[3] = -std::numeric_limits<float>::infinity();
        std::vector<double> finite;
        for (float v : x)
            if (std::isfinite(v))
                finite.push_back(absolute ? std::fabs(double(v)) : double(v));
        const std::vector<double> ps = {0, 0.5, 1, 33.3, 50, 99, 99.9, 99.99, 99.999, 100};
        const std::vector<double> got = percentiles(x, ps, absolute);
        for (std::size_t k = 0; k < ps.size(); ++k) {
            const double want = numpyPercentile(finite, ps[k]);
            QVERIFY2(got[k] == want,
                     qPrintable(QString("p=%1: %2 vs %3").arg(ps[k]).arg(got[k], 0, 'g', 17).arg(want, 0, 'g', 17)));
        }
    }

    void percentileCalibration()
    {
        std::vector<float> x = makeData("outliers", 50000, 3);
        std::vector<double> all(x.begin(), x.end()), abs;
        for (float v : x)
            abs.push_back(std::fabs(double(v)));
        CalibrationTarget sym;
        CalibrationResult r = calibrate(x, CalibrationSpec::parse("percentile:99.9"), sym);
        QCOMPARE(r.clipMax, numpyPercentile(abs, 99.9));
        QCOMPARE(r.clipMin, -numpyPercentile(abs, 99.9));
        CalibrationTarget asym;
        asym.symmetric = false;
        r = calibrate(x, CalibrationSpec::parse("percentile:99"), asym);
        QCOMPARE(r.clipMin, numpyPercentile(all, 1));
        QCOMPARE(r.clipMax, numpyPercentile(all, 99));

        // NVIDIA histogram variant: left edge of the first bin whose CDF reaches p/100.
        const double amax = *std::max_element(abs.begin(), abs.end());
        const auto h = naiveAbsHistogram(x, 2048, amax);
        std::uint64_t cum = 0;
        int first = 0;
        while (double(cum += h[std::size_t(first)]) * 100 < 99.99 * double(x.size()))
            ++first;
        r = calibrate(x, CalibrationSpec::parse("percentile-hist:99.99"), sym);
        QCOMPARE(r.clipMax, amax * first / 2048);
    }

    void movingAverageByHand_data()
    {
        QTest::addColumn<bool>("symmetric");
        QTest::addColumn<double>("c");
        QTest::addColumn<double>("wantMin");
        QTest::addColumn<double>("wantMax");
        // batches of 2: [1, 2], [3, 10], [-4, 5], [NaN, NaN] (skipped)
        // amax: 2, 10, 5 -> 2, 2 + c (10 - 2), then + c (5 - previous)
        QTest::newRow("symmetric c=0.5") << true << 0.5 << -5.5 << 5.5;   // 2, 6, 5.5
        QTest::newRow("asymmetric c=0.5") << false << 0.5 << -1.0 << 5.5; // min 1, 2, -1; max 2, 6, 5.5
        // c = 0.01: max 2 -> 2.08 -> 2.08 + 0.01 (5 - 2.08) = 2.1092; min 1 -> 1.02 -> 1.02 + 0.01 (-5.02) = 0.9698
        QTest::newRow("asymmetric c=0.01") << false << 0.01 << 0.9698 << 2.1092;
    }
    void movingAverageByHand()
    {
        QFETCH(bool, symmetric);
        QFETCH(double, c);
        QFETCH(double, wantMin);
        QFETCH(double, wantMax);
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const std::vector<float> x = {1, 2, 3, 10, -4, 5, nan, nan};
        CalibrationSpec spec;
        spec.method = CalibrationMethod::MovingAverageMinMax;
        spec.movingAverageConstant = c;
        spec.batchSize = 2;
        CalibrationTarget target;
        target.symmetric = symmetric;
        const CalibrationResult r = calibrate(x, spec, target);
        // The observer runs in float32 as PyTorch's does (bit for bit against torch in
        // tst_conventions); the hand-worked values are exact decimals.
        QVERIFY(std::fabs(r.clipMin - wantMin) < 1e-6);
        QVERIFY(std::fabs(r.clipMax - wantMax) < 1e-6);
        QCOMPARE(r.curve.y.size(), std::size_t(3));
        QCOMPARE(r.nonfiniteCount, std::int64_t(2));
    }

    void mseNeverWorseThanMinMax_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("symmetric");
        QTest::addColumn<bool>("customQuantizer");
        for (const char* kind : {"normal", "laplace", "outliers", "relu"})
            for (int n : {5000, 300000}) { // 300000 > kMseSampleLimit: the subsampled search
                if (n > 5000 && (QString(kind) == "laplace" || QString(kind) == "relu"))
                    continue;
                QTest::addRow("%s n=%d int8 symmetric", kind, n) << kind << n << 8 << true << false;
                QTest::addRow("%s n=%d int4 asymmetric", kind, n) << kind << n << 4 << false << false;
                QTest::addRow("%s n=%d int4 symmetric, fakeQuant", kind, n) << kind << n << 4 << true << true;
            }
    }
    void mseNeverWorseThanMinMax()
    {
        QFETCH(QString, kind);
        QFETCH(int, n);
        QFETCH(int, bits);
        QFETCH(bool, symmetric);
        QFETCH(bool, customQuantizer);
        std::vector<float> x = makeData(kind, std::size_t(n), 7);
        x[1] = std::numeric_limits<float>::quiet_NaN();
        CalibrationTarget target;
        target.bits = bits;
        target.symmetric = symmetric;
        if (customQuantizer) // the reference symmetric grid, as a quantizer would supply it
            target.fakeQuant = [bits](std::span<const float> in, std::span<float> out, double lo, double hi) {
                const double qmax = std::ldexp(1.0, bits - 1) - 1, s = std::max(-lo, hi) / qmax;
                for (std::size_t i = 0; i < in.size(); ++i)
                    out[i] = float(s * std::nearbyint(std::clamp(double(in[i]) / s, -qmax, qmax)));
            };
        const CalibrationResult mm = calibrate(x, CalibrationSpec::parse("minmax"), target);
        const CalibrationResult r = calibrate(x, CalibrationSpec::parse("mse"), target);
        QVERIFY(r.clipMin < r.clipMax);
        const double chosen = referenceMse(x, r.clipMin, r.clipMax, bits, symmetric);
        const double minmax = referenceMse(x, mm.clipMin, mm.clipMax, bits, symmetric);
        QVERIFY2(chosen <= minmax * (1 + 1e-9), qPrintable(QString("mse %1 > min-max %2").arg(chosen).arg(minmax)));
        QVERIFY(r.curve.x.size() >= 100);
        QCOMPARE(r.message.find("subsample") != std::string::npos, n > kMseSampleLimit);
        QVERIFY(std::is_sorted(r.curve.x.begin(), r.curve.x.end()));
        QCOMPARE(r.curve.chosenX, r.clipMax);
        if ((kind == "normal" || kind == "laplace") && bits == 4) // 4 bits: clipping the tails must pay off clearly
            QVERIFY(chosen < 0.9 * minmax);
        // The coarse grid point nearest the optimum is no better than the chosen one (on the searched data).
        if (n <= kMseSampleLimit) {
            const double best = *std::min_element(r.curve.y.begin(), r.curve.y.end());
            QVERIFY(std::fabs(quantizationMse(x, target, r.clipMin, r.clipMax) - best) <= 1e-12 * best);
        }
    }

    void degenerateInputs_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("data");
        QTest::addColumn<bool>("symmetric");
        for (const char* m : {"minmax", "moving-minmax", "percentile:99", "percentile-hist:99", "entropy", "mse"})
            for (const char* d : {"empty", "nan", "zeros", "constant", "negconstant", "mostlyzero"})
                for (bool sym : {true, false})
                    QTest::addRow("%s %s %s", m, d, sym ? "sym" : "asym") << m << d << sym;
    }
    void degenerateInputs()
    {
        QFETCH(QString, method);
        QFETCH(QString, data);
        QFETCH(bool, symmetric);
        const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
        std::vector<float> x;
        if (data == "nan")
            x = {nan, inf, -inf, nan};
        else if (data == "zeros")
            x.assign(100, 0.0f);
        else if (data == "constant")
            x.assign(100, 2.5f);
        else if (data == "negconstant")
            x.assign(100, -3.0f);
        else if (data == "mostlyzero") { // every percentile of |x| below 100 is 0
            x.assign(100000, 0.0f);
            x[7] = 1.0f;
        }
        CalibrationTarget target;
        target.symmetric = symmetric;
        const CalibrationResult r = calibrate(x, CalibrationSpec::parse(method.toStdString()), target);
        QVERIFY2(std::isfinite(r.clipMin) && std::isfinite(r.clipMax) && r.clipMin < r.clipMax,
                 qPrintable(QString("[%1, %2]").arg(r.clipMin).arg(r.clipMax)));
        if (data != "mostlyzero")
            QVERIFY(!r.message.empty());
        if (data == "nan")
            QCOMPARE(r.nonfiniteCount, std::int64_t(4));
        if (data == "constant" && symmetric)
            QCOMPARE(r.clipMax, 2.5);
        if (data == "constant" && !symmetric) {
            QCOMPARE(r.clipMin, 0.0);
            QCOMPARE(r.clipMax, 5.0);
        }
        for (const auto& y : r.curve.y)
            QVERIFY(!std::isnan(y));
    }

    void parseRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("minmax") << "minmax"
                                << "minmax";
        QTest::newRow("MAX") << "MAX"
                             << "minmax";
        QTest::newRow("moving") << "moving-minmax"
                                << "moving-minmax:0.01";
        QTest::newRow("moving batch") << "moving-minmax:0.1,512"
                                      << "moving-minmax:0.1,512";
        QTest::newRow("percentile") << "percentile"
                                    << "percentile:99.99";
        QTest::newRow("percentile 99.999") << "percentile:99.999"
                                           << "percentile:99.999";
        QTest::newRow("percentile-hist") << "percentile-hist:99.9"
                                         << "percentile-hist:99.9";
        QTest::newRow("entropy") << "entropy"
                                 << "entropy:2048,128";
        QTest::newRow("kl") << "kl:1024,64"
                            << "entropy:1024,64";
        QTest::newRow("mse") << "mse"
                             << "mse:100";
        QTest::newRow("mse 300") << "mse:300"
                                 << "mse:300";
        QTest::newRow("manual") << "manual:-1.5,2.25"
                                << "manual:-1.5,2.25";
    }
    void parseRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const CalibrationSpec spec = CalibrationSpec::parse(text.toStdString());
        QCOMPARE(QString::fromStdString(spec.toString()), canonical);
        QCOMPARE(QString::fromStdString(CalibrationSpec::parse(spec.toString()).toString()), canonical);
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* t : {"", "minmax:3", "percentile:0", "percentile:101", "percentile:abc", "percentile:nan",
                              "entropy:1", "entropy:2048,4000", "mse:5", "manual:3", "manual:2,1", "manual:1,inf",
                              "moving-minmax:0", "moving-minmax:1.5", "moving-minmax:0.1,0", "median"})
            QTest::newRow(t) << t;
    }
    void parseRejects()
    {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(ArgumentError, CalibrationSpec::parse(text.toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
