// The explorer's live path (docs/explorer.md "Live"): on large per-tensor data
// a change first draws a subsample preview, labelled as such, and the figure
// always ends on the exact result. The preview's numbers are checked against
// the core run on an independently built subsample, the final figure against
// runQuantization on the whole tensor.
#include "explorer/explorerview.h"
#include "mainwindow/mainwindow.h"
#include "plots/figuredata.h"
#include "quant/pipeline.h"
#include "session/engine.h"
#include "session/session.h"

#include <QLabel>
#include <QtTest>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace qs;

namespace {

QVector<double> graphValues(QCPGraph* g)
{
    QVector<double> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        v << it->value;
    return v;
}

QuantResult coreRun(const Tensor& x, const QuantConfig& c)
{
    QuantOptions o;
    o.codes = false;
    return runQuantization(x, c, o);
}

} // namespace

class TestExplorerLive : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void previewSampleIsStridedAndKeepsTheExtremes_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("target");
        QTest::newRow("1000 -> 100") << 1000 << 100;
        QTest::newRow("997 -> 64") << 997 << 64;
        QTest::newRow("small: all values") << 50 << 64;
    }
    void previewSampleIsStridedAndKeepsTheExtremes()
    {
        QFETCH(int, n);
        QFETCH(int, target);
        std::mt19937 rng(7);
        std::normal_distribution<float> dist(0.f, 1.f);
        std::vector<float> v(static_cast<std::size_t>(n));
        for (float& f : v)
            f = dist(rng);
        v[std::size_t(n / 3)] = std::numeric_limits<float>::quiet_NaN(); // never chosen as an extreme
        const Tensor x = Tensor::fromVector(v);
        const Tensor s = previewSample(x, target);
        if (n <= target) {
            QCOMPARE(s.size(), qint64(n));
            return;
        }
        QCOMPARE(s.size(), qint64(target + 2));
        for (int k = 0; k < target; ++k) {
            const float expected = v[std::size_t(std::int64_t(k) * n / target)];
            if (std::isnan(expected))
                QVERIFY(std::isnan(s.data()[k]));
            else
                QCOMPARE(s.data()[k], expected);
        }
        float lo = INFINITY, hi = -INFINITY;
        for (float f : v)
            if (std::isfinite(f)) {
                lo = std::min(lo, f);
                hi = std::max(hi, f);
            }
        QCOMPARE(s.data()[target], lo);
        QCOMPARE(s.data()[target + 1], hi);
    }

    void previewFirstThenExactFigure()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        ExplorerView* ex = w.explorer();
        Session* s = ex->session();
        DataSource src;
        src.kind = DataSource::Kind::Generator;
        src.generator = QStringLiteral("outliers,n=4500000,seed=5,std=0.02,p=0.0001,k=40");
        s->setDataSource(src, QStringLiteral("large"));
        QVERIFY(ex->waitForIdle(120000));
        QVERIFY(!ex->isShowingPreview());
        QVERIFY(previewApplies(s->tensor(), s->config()));

        // Hold the exact pass so the preview is certainly drawn first.
        ex->engine()->setHeld(true);
        QuantConfig c = s->config();
        c.bits = 4;
        c.calibration = CalibrationSpec::parse("percentile:99.9");
        s->setConfig(c, QStringLiteral("int4"));
        QTRY_VERIFY_WITH_TIMEOUT(ex->isShowingPreview(), 60000);
        auto* label = ex->findChild<QLabel*>(QStringLiteral("previewLabel"));
        QVERIFY(label && label->isVisibleTo(ex));

        // The preview = the core on the independently rebuilt subsample,
        // counts scaled by n / sample size.
        const Tensor& x = s->tensor();
        const std::int64_t target = kPreviewValues;
        std::vector<float> sample;
        for (std::int64_t k = 0; k < target; ++k)
            sample.push_back(x.data()[k * x.size() / target]);
        const auto [mn, mx] = std::minmax_element(x.data(), x.data() + x.size());
        sample.push_back(*mn);
        sample.push_back(*mx);
        const QuantResult pre = coreRun(Tensor::fromVector(sample), c);
        const double factor = double(x.size()) / double(sample.size());
        QCOMPARE(ex->result()->calibration.clipMax, pre.calibration.clipMax);
        const QVector<double> plottedPreview = graphValues(ex->plot(FigureKind::Histogram)->graph(0));
        QCOMPARE(plottedPreview.size(), int(pre.histOriginal.counts.size()));
        for (int i = 0; i < plottedPreview.size(); ++i)
            QCOMPARE(plottedPreview[i], double(std::llround(double(pre.histOriginal.counts[std::size_t(i)]) * factor)));

        // Released, the exact pass replaces it.
        ex->engine()->setHeld(false);
        QVERIFY(ex->waitForIdle(120000));
        QTRY_VERIFY(!ex->isShowingPreview());
        QVERIFY(!label->isVisibleTo(ex));
        const QuantResult exact = coreRun(x, c);
        QCOMPARE(ex->result()->metrics.mse, exact.metrics.mse);
        const QVector<double> plotted = graphValues(ex->plot(FigureKind::Histogram)->graph(0));
        QCOMPARE(plotted.size(), int(exact.histOriginal.counts.size()));
        for (int i = 0; i < plotted.size(); ++i)
            QCOMPARE(plotted[i], double(exact.histOriginal.counts[std::size_t(i)]));
    }

    void channelGranularityHasNoPreview()
    {
        // A strided subsample keeps no channel structure: per-channel configs go exact only.
        const Tensor x(Shape{2048, 2304}); // just above kPreviewMinValues
        QuantConfig c;
        c.granularity = Granularity::parse("channel:0");
        QVERIFY(!previewApplies(x, c));
        c.granularity = Granularity::parse("tensor");
        QVERIFY(previewApplies(x, c));
        QVERIFY(!previewApplies(Tensor(Shape{1000}), c));
        QVERIFY(!previewApplies(Tensor(Shape{kPreviewMinValues}), c));
    }
    // The Metrics text is rate-limited during a burst of edits but always ends
    // on the newest result, without waitForIdle() flushing it.
    void metricsTextEndsOnTheNewestResult()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        ExplorerView* ex = w.explorer();
        Session* s = ex->session();
        QVERIFY(ex->waitForIdle(60000));
        auto* metrics = ex->findChild<QLabel*>(QStringLiteral("metrics"));
        QVERIFY(metrics);
        QuantConfig c = s->config();
        for (int bits : {7, 6, 5, 4, 3}) {
            c.bits = bits;
            s->setConfig(c, QStringLiteral("burst"));
            QTest::qWait(5);
        }
        const QuantResult want = coreRun(s->tensor(), c);
        // The formula with the 3-bit grid's numbers: qmax = 3 (narrow range).
        const QString scale = QString::number(want.groups[0].scale, 'g', 4);
        QTRY_VERIFY_WITH_TIMEOUT(ex->result() && ex->result()->config.bits == 3, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(metrics->text().contains(scale), 2000);
        QVERIFY(metrics->text().contains(QStringLiteral("−3, 3")) || metrics->text().contains(QStringLiteral("-3, 3")));
    }
};

QTEST_MAIN(TestExplorerLive)
#include "tst_explorer_live.moc"
