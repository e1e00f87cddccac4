// Histograms and metrics against naive loops written from their definitions.
#include "analysis/histogram.h"
#include "analysis/histogramkernel.h"
#include "analysis/metrics.h"
#include "analysis/stats.h"
#include "common/isa.h"
#include "formats/error.h"
#include "referencedata.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace qs;
using testref::makeData;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

struct NaiveHistogram
{
    std::vector<std::uint64_t> counts;
    std::uint64_t below = 0, above = 0, nonfinite = 0;
};

// Bin k holds edge(k) <= x < edge(k+1), edge(k) = lo + (hi - lo) * k / bins in
// double; x == hi is in the last bin. Found by binary search over the edges.
NaiveHistogram naiveHistogram(const std::vector<float>& x, int bins, double lo, double hi)
{
    NaiveHistogram h;
    h.counts.assign(std::size_t(bins), 0);
    std::vector<double> edges(std::size_t(bins) + 1);
    for (int k = 0; k <= bins; ++k)
        edges[std::size_t(k)] = lo + (hi - lo) * double(k) / double(bins);
    for (float f : x) {
        const double v = f;
        if (!std::isfinite(v)) {
            ++h.nonfinite;
        } else if (v < lo) {
            ++h.below;
        } else if (v > hi) {
            ++h.above;
        } else {
            // the last edge <= v; v == hi (and anything past the last edge) is in the last bin
            const auto k = std::upper_bound(edges.begin(), edges.end(), v) - edges.begin() - 1;
            ++h.counts[std::size_t(std::min<std::ptrdiff_t>(k, bins - 1))];
        }
    }
    return h;
}

void compare(const Histogram& got, const NaiveHistogram& want)
{
    QCOMPARE(got.counts.size(), want.counts.size());
    for (std::size_t k = 0; k < want.counts.size(); ++k)
        QVERIFY2(got.counts[k] == want.counts[k],
                 qPrintable(QString("bin %1: %2 vs %3").arg(k).arg(got.counts[k]).arg(want.counts[k])));
    QCOMPARE(got.below, want.below);
    QCOMPARE(got.above, want.above);
    QCOMPARE(got.nonfinite, want.nonfinite);
}

} // namespace

class TestHistogram : public QObject
{
    Q_OBJECT

private slots:
    void matchesNaiveLoop_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("bins");
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::newRow("1 bin") << "normal" << 1000 << 1 << -1.0 << 1.0;
        QTest::newRow("7 bins, values outside") << "normal" << 5000 << 7 << -0.5 << 1.5;
        QTest::newRow("2048 bins, threaded") << "laplace" << 300000 << 2048 << -3.0 << 3.0;
        QTest::newRow("ints on edges") << "ints" << 300000 << 40 << 0.0 << 20.0;
        QTest::newRow("ints, 10 bins of 0.1 (edges not representable)") << "ints" << 20000 << 10 << 0.0 << 1.0;
        QTest::newRow("offset range") << "uniform" << 20000 << 97 << -0.3 << 0.7;
        QTest::newRow("65536 bins") << "normal" << 20000 << 65536 << -4.0 << 4.0;
        // around 1e6 the float spacing is 1/16: many values sit exactly on edges, and the
        // edge formula's rounding is large in bin units (the exact fix-up path)
        // every edge, rounded to float, and its two float neighbours (float and double index paths)
        QTest::newRow("edges and neighbours, 1000 bins") << "edges" << 0 << 1000 << -1.7 << 2.3;
        QTest::newRow("edges and neighbours, 3 bins") << "edges" << 0 << 3 << -0.1 << 0.2;
        QTest::newRow("edges and neighbours, 30000 bins") << "edges" << 0 << 30000 << -3.0 << 1.0;
        // the benchmark's case: 2048 bins over [-20, 20] (outliers at +-20 sigma)
        QTest::newRow("edges and neighbours, 2048 bins on [-20, 20]") << "edges" << 0 << 2048 << -20.0 << 20.0;
        QTest::newRow("2048 bins on [-20, 20], normal") << "normal" << 300000 << 2048 << -20.0 << 20.0;
        QTest::newRow("offset 1e6, 1/16 wide bins") << "shifted" << 100000 << 64 << 1e6 - 2.0 << 1e6 + 2.0;
        QTest::newRow("offset 1e6, odd bins") << "shifted" << 100000 << 1000 << 1e6 - 3.0 << 1e6 + 3.0;
        // Ranges the float bin index cannot take (bins / (hi - lo) beyond the
        // float range, or lo subnormal): subnormal data (normal, std 1e-40, as
        // `quantize --generate normal,n=16,std=1e-40`), values near the
        // smallest normal float, and the whole float range.
        QTest::newRow("subnormals, 2048 bins") << "tiny" << 20000 << 2048 << -4e-40 << 4e-40;
        QTest::newRow("subnormals, 7 bins") << "tiny" << 20000 << 7 << -3.1e-40 << 2.9e-40;
        QTest::newRow("near FLT_MIN, 2048 bins") << "nearmin" << 20000 << 2048 << 1.1e-38 << 1.3e-38;
        QTest::newRow("whole float range, 2048 bins")
            << "huge" << 20000 << 2048 << -3.4028234663852886e38 << 3.4028234663852886e38;
    }
    void matchesNaiveLoop()
    {
        QFETCH(QString, kind);
        QFETCH(int, n);
        QFETCH(int, bins);
        QFETCH(double, lo);
        QFETCH(double, hi);
        const bool scaled = kind == "tiny" || kind == "nearmin" || kind == "huge";
        std::vector<float> x =
            makeData(kind == "shifted" || kind == "edges" || scaled ? "normal" : kind, std::size_t(n), 3);
        for (float& v : x) {
            if (kind == "tiny")
                v = float(double(v) * 1e-40);
            else if (kind == "nearmin")
                v = float(1.2e-38 + double(v) * 0.03e-38);
            else if (kind == "huge")
                v = float(double(v) * 1e38);
        }
        if (kind == "edges")
            for (int k = 0; k <= bins; ++k) {
                const float e = float(lo + (hi - lo) * double(k) / double(bins));
                x.insert(x.end(), {e, std::nextafter(e, -1e30f), std::nextafter(e, 1e30f)});
            }
        if (kind == "shifted")
            for (float& v : x)
                v = float(1e6 + double(v));
        if (kind == "ints" && hi == 1.0) // values exactly on (float-rounded) edges 0.1, 0.2, ...
            for (std::size_t i = 0; i < x.size(); ++i)
                x[i] = float(double(i % 11) / 10.0);
        // the interesting points: both ends, NaN, ±Inf, just inside and outside
        const std::vector<float> special = {float(lo),
                                            float(hi),
                                            kNaN,
                                            kInf,
                                            -kInf,
                                            std::nextafter(float(hi), 1e30f),
                                            std::nextafter(float(lo), -1e30f),
                                            std::nextafter(float(hi), -1e30f)};
        x.insert(x.begin() + std::ptrdiff_t(x.size() / 2), special.begin(), special.end());
        const NaiveHistogram naive = naiveHistogram(x, bins, lo, hi);

        // Each vector kernel (SSE2, and AVX2 and AVX-512 where the CPU has
        // them), plain and |x|, gives slot() for every value, at every offset of
        // the 4/8/16-lane loop.
        detail::BinRule rule(lo, hi, bins);
        std::vector<std::int32_t> got(x.size());
        test::forEachIsa([&](simd::Isa isa) {
            compare(computeHistogram(x, bins, lo, hi), naive);
            if (QTest::currentTestFailed())
                return;
            for (int shift : {0, 3, 9}) {
                const int count = int(x.size()) - shift;
                rule.slotsOf<false>(x.data() + shift, count, got.data());
                for (int j = 0; j < count; ++j)
                    QVERIFY2(
                        got[std::size_t(j)] == rule.slot(x[std::size_t(j + shift)]),
                        qPrintable(
                            QString("isa %1, x = %2").arg(int(isa)).arg(double(x[std::size_t(j + shift)]), 0, 'g', 9)));
                rule.slotsOf<true>(x.data() + shift, count, got.data());
                for (int j = 0; j < count; ++j)
                    QVERIFY(got[std::size_t(j)] == rule.slot(std::fabs(x[std::size_t(j + shift)])));
            }
        });
    }

    // Histogram::binOf names the bin computeHistogram() counts a value in, for
    // every edge, its float neighbours and values outside the range.
    void binOfIsTheCountingRule_data()
    {
        QTest::addColumn<int>("bins");
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::newRow("10 bins on [0, 1] (edges 0.1·i not representable)") << 10 << 0.0 << 1.0;
        QTest::newRow("3 bins on [-0.1, 0.2]") << 3 << -0.1 << 0.2;
        QTest::newRow("1000 bins on [-1.7, 2.3]") << 1000 << -1.7 << 2.3;
        QTest::newRow("2048 bins on [-20, 20]") << 2048 << -20.0 << 20.0;
        QTest::newRow("64 bins near 1e6") << 64 << 1e6 - 2.0 << 1e6 + 2.0;
    }
    void binOfIsTheCountingRule()
    {
        QFETCH(int, bins);
        QFETCH(double, lo);
        QFETCH(double, hi);
        std::vector<float> x = {0.3f, float(lo), float(hi), kNaN, kInf, std::nextafter(float(hi), 1e30f),
                                std::nextafter(float(lo), -1e30f)};
        for (int k = 0; k <= bins; ++k) {
            const float e = float(lo + (hi - lo) * double(k) / double(bins));
            x.insert(x.end(), {e, std::nextafter(e, -1e30f), std::nextafter(e, 1e30f)});
        }
        const Histogram shape = computeHistogram(std::vector<float>{0.0f}, bins, lo, hi);
        for (const float v : x) {
            const Histogram one = computeHistogram(std::vector<float>{v}, bins, lo, hi);
            int counted = -1;
            for (int b = 0; b < one.bins(); ++b)
                if (one.counts[std::size_t(b)] == 1)
                    counted = b;
            QVERIFY2(shape.binOf(v) == counted,
                     qPrintable(QString("x = %1: binOf %2, counted in %3")
                                    .arg(double(v), 0, 'g', 17)
                                    .arg(shape.binOf(v))
                                    .arg(counted)));
        }
        QCOMPARE(Histogram{}.binOf(0.5), -1);
    }

    void absHistogram()
    {
        std::vector<float> x = makeData("laplace", 200000, 9);
        x.push_back(kNaN);
        std::vector<float> abs;
        for (float v : x)
            abs.push_back(std::fabs(v));
        const FiniteStats s = finiteStats(x);
        const Histogram got = computeAbsHistogram(x, 2048, s.absMax);
        compare(got, naiveHistogram(abs, 2048, 0.0, s.absMax));
        QCOMPARE(got.nonfinite, std::uint64_t(1));
        QCOMPARE(got.counts.back() > 0, true); // max|x| itself lands in the last bin
    }

    void autoRange_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::newRow("range") << "range" << -2.0 << 5.0;
        QTest::newRow("constant") << "constant" << 2.5 << 3.5;
        QTest::newRow("empty") << "empty" << 0.0 << 1.0;
        QTest::newRow("all nan") << "nan" << 0.0 << 1.0;
    }
    void autoRange()
    {
        QFETCH(QString, data);
        QFETCH(double, lo);
        QFETCH(double, hi);
        std::vector<float> x;
        if (data == "range")
            x = {1, -2, kNaN, 5, 3};
        else if (data == "constant")
            x = {3, 3, 3};
        else if (data == "nan")
            x = {kNaN, kInf};
        const Histogram h = computeHistogram(x, 4);
        QCOMPARE(h.lo, lo);
        QCOMPARE(h.hi, hi);
        std::uint64_t total = h.nonfinite;
        for (auto c : h.counts)
            total += c;
        QCOMPARE(total, std::uint64_t(x.size()));
        if (data == "range")
            QCOMPARE(h.counts,
                     (std::vector<std::uint64_t>{1, 1, 1, 1})); // edges -2, -0.25, 1.5, 3.25, 5: -2 | 1 | 3 | 5
    }

    // finiteStats() against a naive loop, with both its kernels (AVX-512 where
    // the CPU has it, and the baseline one): non-finite values in the vector
    // body and in the tails, every length around the 4/32-value steps, and a
    // threaded size.
    void finiteStatsMatchesNaiveLoop()
    {
        const float kMax = std::numeric_limits<float>::max();
        const float kTiny = std::numeric_limits<float>::denorm_min();
        std::vector<float> base = makeData("normal", 300001, 5);
        // extremes far out in the middle and near the end (tails of every chunk split)
        base[150000] = -kMax;
        base[299990] = kMax;
        for (std::size_t i = 7; i < base.size(); i += 997)
            base[i] = i % 3 == 0 ? kNaN : (i % 3 == 1 ? kInf : -kInf);
        base[300000] = kNaN; // in the scalar tail
        base[3] = -0.0f;
        base[4] = kTiny;
        test::forEachIsa([&](simd::Isa isa) {
            const bool avx512 = isa == simd::Isa::Avx512;
            for (std::size_t n : {0, 1, 3, 4, 5, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 300001}) {
                for (std::size_t shift : {std::size_t(0), std::size_t(1)}) {
                    if (shift + n > base.size())
                        continue;
                    const std::span<const float> x(base.data() + shift, n);
                    std::int64_t finite = 0, nonfinite = 0;
                    float mn = kInf, mx = -kInf;
                    for (float v : x) {
                        if (!std::isfinite(v)) {
                            ++nonfinite;
                            continue;
                        }
                        ++finite;
                        mn = std::min(mn, v);
                        mx = std::max(mx, v);
                    }
                    const FiniteStats s = finiteStats(x);
                    const QString where = QString("avx512 %1, isa %2, n %3, shift %4")
                                              .arg(avx512)
                                              .arg(simd::isaName(isa))
                                              .arg(n)
                                              .arg(shift);
                    QVERIFY2(s.finite == finite && s.nonfinite == nonfinite, qPrintable(where));
                    if (finite > 0) {
                        QVERIFY2(s.min == mn && s.max == mx, qPrintable(where));
                        QVERIFY2(s.absMax == std::max(std::fabs(mn), std::fabs(mx)), qPrintable(where));
                    }
                }
            }
        });
    }

    void rejectsBadArguments()
    {
        const std::vector<float> x = {1, 2};
        QVERIFY_THROWS_EXCEPTION(ArgumentError, computeHistogram(x, 0, 0, 1));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, computeHistogram(x, 65537, 0, 1));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, computeHistogram(x, 10, 1, 1));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, computeHistogram(x, 10, 0, std::numeric_limits<double>::infinity()));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, computeHistogram(x, 10, std::nan(""), 1));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, computeMetrics(x, std::vector<float>{1}, 0, 1));
    }

    void metricsMatchNaiveLoops_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("step"); // x̂ = step * round(x / step), clipped to [-c, c]
        QTest::addColumn<double>("clip");
        QTest::newRow("normal, fine grid") << "normal" << 1000 << 0.01 << 10.0;
        QTest::newRow("normal, coarse grid, clipped") << "normal" << 300000 << 0.5 << 2.0;
        QTest::newRow("outliers") << "outliers" << 200001 << 0.1 << 3.0;
        QTest::newRow("relu") << "relu" << 5000 << 0.25 << 1.5;
    }
    void metricsMatchNaiveLoops()
    {
        QFETCH(QString, kind);
        QFETCH(int, n);
        QFETCH(double, step);
        QFETCH(double, clip);
        std::vector<float> x = makeData(kind, std::size_t(n), 17), y(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
            y[i] = float(step * std::nearbyint(std::clamp(double(x[i]), -clip, clip) / step));
        x[5] = kNaN;  // a pair with a non-finite x
        y[9] = -kInf; // and one with a non-finite x̂
        const QuantMetrics m = computeMetrics(x, y, -clip, clip, 256);
        // The metrics pass of every ISA gives the same bits.
        test::forEachIsa([&](simd::Isa isa) {
            const QuantMetrics mi = computeMetrics(x, y, -clip, clip, 256);
            QVERIFY2(mi.mse == m.mse && mi.meanAbsError == m.meanAbsError && mi.sqnrDb == m.sqnrDb &&
                         mi.klDivergence == m.klDivergence && mi.count == m.count,
                     simd::isaName(isa));
        });

        long double s2 = 0, e2 = 0, ea = 0, emax = 0;
        std::int64_t used = 0, clipped = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
                continue;
            const long double d = (long double)x[i] - (long double)y[i];
            s2 += (long double)x[i] * x[i];
            e2 += d * d;
            ea += std::fabs(d);
            emax = std::max(emax, std::fabs(d));
            clipped += x[i] < -clip || x[i] > clip;
            ++used;
        }
        QCOMPARE(m.count, used);
        QCOMPARE(m.nonfinite, std::int64_t(2));
        auto close = [](double a, long double b) { return std::fabs((long double)a - b) <= 1e-12L * std::fabs(b); };
        QVERIFY(close(m.mse, e2 / used));
        QVERIFY(close(m.rmse, std::sqrt(e2 / used)));
        QVERIFY(std::fabs(m.sqnrDb - double(10 * std::log10(s2 / e2))) < 1e-10);
        QVERIFY(close(m.meanAbsError, ea / used));
        QCOMPARE(m.maxAbsError, double(emax));
        QCOMPARE(m.clippedFraction, double(clipped) / double(used));

        // KL of the two 256-bin histograms on the shared finite range, with the
        // documented policy for bins where x̂ has no mass but x has: 1e-4 / bins.
        double lo = 1e300, hi = -1e300;
        for (const auto* v : {&x, &y})
            for (float f : *v)
                if (std::isfinite(f))
                    lo = std::min(lo, double(f)), hi = std::max(hi, double(f));
        const NaiveHistogram hx = naiveHistogram(x, 256, lo, hi), hy = naiveHistogram(y, 256, lo, hi);
        double px = 0, py = 0, uncovered = 0;
        for (int k = 0; k < 256; ++k) {
            px += double(hx.counts[std::size_t(k)]);
            py += double(hy.counts[std::size_t(k)]);
            uncovered += hx.counts[std::size_t(k)] > 0 && hy.counts[std::size_t(k)] == 0;
        }
        const double eps = 1e-4 / 256;
        double kl = 0;
        for (int k = 0; k < 256; ++k) {
            if (hx.counts[std::size_t(k)] == 0)
                continue;
            const double p = double(hx.counts[std::size_t(k)]) / px;
            const double q =
                (hy.counts[std::size_t(k)] ? double(hy.counts[std::size_t(k)]) / py : eps) / (1 + uncovered * eps);
            kl += p * std::log(p / q);
        }
        QVERIFY2(std::fabs(m.klDivergence - kl) <= 1e-12 * std::max(1.0, kl),
                 qPrintable(QString("%1 vs %2").arg(m.klDivergence, 0, 'g', 17).arg(kl, 0, 'g', 17)));
        QVERIFY(m.klDivergence > 0);
    }

    // 2^24 copies of 0.1f against 0: a float accumulator would drift by percent,
    // double with compensation stays within a few ulps of the exact value.
    void metricsStayAccurateOnManyValues()
    {
        const std::size_t n = std::size_t(1) << 24;
        const std::vector<float> x(n, 0.1f), y(n, 0.0f);
        const QuantMetrics m = computeMetrics(x, y, -1, 1, 16);
        const double v = double(0.1f);
        QVERIFY(std::fabs(m.mse - v * v) <= 1e-14 * v * v);
        QVERIFY(std::fabs(m.meanAbsError - v) <= 1e-14 * v);
        QCOMPARE(m.sqnrDb, 0.0);
        QCOMPARE(m.count, std::int64_t(n));
    }

    void metricsDegenerate()
    {
        const std::vector<float> x = {1, 2, 3};
        QuantMetrics m = computeMetrics(x, x, 0, 3);
        QCOMPARE(m.mse, 0.0);
        QVERIFY(std::isinf(m.sqnrDb) && m.sqnrDb > 0);
        QCOMPARE(m.klDivergence, 0.0);
        const std::vector<float> zeros = {0, 0, 0};
        m = computeMetrics(zeros, x, 0, 3);
        QVERIFY(std::isinf(m.sqnrDb) && m.sqnrDb < 0);
        m = computeMetrics(std::vector<float>{}, std::vector<float>{}, 0, 1);
        QCOMPARE(m.count, std::int64_t(0));
        QCOMPARE(m.mse, 0.0);
        const std::vector<float> nans = {kNaN, kNaN};
        m = computeMetrics(nans, nans, 0, 1);
        QCOMPARE(m.count, std::int64_t(0));
        QCOMPARE(m.nonfinite, std::int64_t(2));
        QVERIFY(!std::isnan(m.mse) && !std::isnan(m.sqnrDb) && !std::isnan(m.klDivergence));
    }

    // The explorer's one-call measurement: the same metrics as computeMetrics()
    // and the three histograms equal to naive loops over their documented
    // ranges, whether the plotted histograms come from the KL bins (a
    // power-of-two ratio) or are binned separately (any other ratio).
    void measurementMatchesSeparatePasses_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("step");
        QTest::addColumn<int>("bins");
        QTest::newRow("256 bins (KL bins / 8)") << "normal" << 200000 << 0.125 << 256;
        QTest::newRow("1024 bins (KL bins / 2)") << "outliers" << 100003 << 0.05 << 1024;
        QTest::newRow("2048 bins (the KL bins)") << "laplace" << 50000 << 0.5 << 2048;
        QTest::newRow("300 bins (binned separately)") << "normal" << 70000 << 0.25 << 300;
        QTest::newRow("4096 bins (finer than KL)") << "relu" << 70000 << 0.01 << 4096;
        QTest::newRow("grid on the bin edges") << "grid" << 100000 << 0.0 << 254;
    }
    void measurementMatchesSeparatePasses()
    {
        QFETCH(QString, kind);
        QFETCH(int, n);
        QFETCH(double, step);
        QFETCH(int, bins);
        std::vector<float> x = makeData(kind == "grid" ? "normal" : kind, std::size_t(n), 29), y(x.size());
        if (kind == "grid") {
            // int8-like levels k * (4 / 127) on [-4, 4] with 254 bins: every
            // level sits exactly on a bin edge of the plotted histogram.
            for (std::size_t i = 0; i < x.size(); ++i) {
                x[i] = std::clamp(x[i], -4.0f, 4.0f);
                y[i] = float(4.0 / 127.0 * std::nearbyint(double(x[i]) * 127.0 / 4.0));
            }
            x[0] = -4.0f;
            x[1] = 4.0f;
        } else {
            for (std::size_t i = 0; i < x.size(); ++i)
                y[i] = float(step * std::nearbyint(std::clamp(double(x[i]), -3.0, 3.0) / step));
        }
        x[7] = kNaN;
        y[11] = kInf;
        const QuantMeasurement m = measureQuantization(x, y, -3.0, 3.0, bins);
        const QuantMetrics ref = computeMetrics(x, y, -3.0, 3.0);
        QCOMPARE(m.metrics.count, ref.count);
        QCOMPARE(m.metrics.mse, ref.mse);
        QCOMPARE(m.metrics.sqnrDb, ref.sqnrDb);
        QCOMPARE(m.metrics.maxAbsError, ref.maxAbsError);
        QCOMPARE(m.metrics.klDivergence, ref.klDivergence);

        double lo = 1e300, hi = -1e300, eLo = 1e300, eHi = -1e300;
        std::vector<float> err(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            for (float v : {x[i], y[i]})
                if (std::isfinite(v))
                    lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
            err[i] = y[i] - x[i];
            if (std::isfinite(err[i]))
                eLo = std::min(eLo, double(err[i])), eHi = std::max(eHi, double(err[i]));
        }
        QCOMPARE(m.original.lo, lo);
        QCOMPARE(m.original.hi, hi);
        compare(m.original, naiveHistogram(x, bins, lo, hi));
        compare(m.dequantized, naiveHistogram(y, bins, lo, hi));
        QCOMPARE(m.error.lo, eLo);
        QCOMPARE(m.error.hi, eHi);
        compare(m.error, naiveHistogram(err, bins, eLo, eHi));
    }

    void measurementDegenerate()
    {
        const std::vector<float> x = {2, 2, 2}, nans = {kNaN, kNaN, kNaN};
        QuantMeasurement m = measureQuantization(x, x, 0, 3, 16);
        QCOMPARE(m.original.lo, 1.5); // a single value gets a unit-wide range
        QCOMPARE(m.original.hi, 2.5);
        QCOMPARE(m.error.lo, -0.5);
        QCOMPARE(m.error.counts[8], std::uint64_t(3));
        m = measureQuantization(nans, nans, 0, 1, 16);
        QCOMPARE(m.original.nonfinite, std::uint64_t(3));
        QCOMPARE(m.error.nonfinite, std::uint64_t(3));
        QVERIFY(!std::isnan(m.metrics.mse));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, measureQuantization(x, x, 0, 1, 0));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, measureQuantization(x, nans, 0, 1, 65537));
    }

    // Adding adjacent bins equals binning directly for every power-of-two ratio,
    // on the values where a difference would show: the fine edges and their
    // float neighbours.
    void sumAdjacentBinsIsExact()
    {
        for (const auto& [lo, hi] :
             std::vector<std::pair<double, double>>{{-1.7, 2.3}, {-0.8, 0.8}, {1e6 - 3, 1e6 + 5}})
            for (int coarse : {1, 3, 256, 1000}) {
                std::vector<float> x = makeData("normal", 20000, 5);
                const int fine = coarse * 8;
                for (int k = 0; k <= fine; ++k) {
                    const float e = float(lo + (hi - lo) * double(k) / double(fine));
                    x.insert(x.end(), {e, std::nextafter(e, -1e30f), std::nextafter(e, 1e30f)});
                }
                for (int ratio : {1, 2, 4, 8}) {
                    const Histogram f = computeHistogram(x, coarse * ratio, lo, hi);
                    compare(sumAdjacentBins(f, coarse), naiveHistogram(x, coarse, lo, hi));
                }
            }
        const Histogram h = computeHistogram(std::vector<float>{0.5f}, 12, 0, 1);
        QVERIFY_THROWS_EXCEPTION(ArgumentError, sumAdjacentBins(h, 4)); // ratio 3
        QVERIFY_THROWS_EXCEPTION(ArgumentError, sumAdjacentBins(h, 5));
    }
};

QTEST_GUILESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
