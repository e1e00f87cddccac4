// The inspector line of the Error, Calibration and Channels plots, driven
// with the mouse at pixels computed from the axes (coordToPixel), and the
// Channels plot's click. Every expected number is computed here from the core
// (runQuantization on the session's data, the raw tensor values), never read
// back from the explorer's own result.
#include "analysis/histogram.h"
#include "explorer/explorerview.h"
#include "explorer/formula.h"
#include "explorer/metricslabel.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "plots/figuredata.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QGlyphRun>
#include <QLabel>
#include <QRawFont>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>
#include <QUndoStack>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;

namespace {

// The inspector's number format: %g with U+2212 for the minus sign.
QString fmt(double v, int digits)
{
    QString s = QString::number(v, 'g', digits);
    if (s.startsWith(QLatin1Char('-')))
        s.replace(0, 1, QChar(0x2212));
    return s;
}

QuantResult coreResult(const Tensor& x, const QuantConfig& c)
{
    QuantOptions o;
    o.codes = true;
    return runQuantization(x, c, o);
}

QString inspectorText(ExplorerView* ex)
{
    return ex->findChild<QLabel*>(QStringLiteral("inspector"))->text();
}

// Opens `view`, waits for its figure and returns the plot.
QCustomPlot* showAndWait(MainWindow& w, const QString& view)
{
    ExplorerView* ex = w.explorer();
    if (!w.showView(view) || !ex->waitForIdle(120000))
        return nullptr;
    QCustomPlot* p = ex->plot(ex->currentKind());
    QApplication::processEvents();
    p->replot();
    return p;
}

// The mouse at data x on the bottom axis of axis rect `r`, vertically in its middle.
QPoint pixelAt(QCPAxisRect* r, double x)
{
    return QPoint(int(std::lround(r->axis(QCPAxis::atBottom)->coordToPixel(x))), r->center().y());
}

void hover(QCustomPlot* p, QPoint pos)
{
    QTest::mouseMove(p, pos);
    QApplication::processEvents();
}

// Bin of v under the core's rule binLeft(i) <= v < binLeft(i + 1), found by scanning.
int binOf(const Histogram& h, double v)
{
    for (int i = 0; i < h.bins(); ++i)
        if (h.binLeft(i) <= v && (i + 1 == h.bins() ? v <= h.hi : v < h.binLeft(i + 1)))
            return i;
    return -1;
}

std::vector<float> column(const Tensor& t, int c)
{
    std::vector<float> v;
    const std::int64_t cols = t.dim(1);
    for (std::int64_t r = 0; r < t.dim(0); ++r)
        v.push_back(t.data()[r * cols + c]);
    return v;
}

// QS_SHOT_DIR=DIR saves the window with the inspector filled, to look at.
void shot(QWidget* w, const QString& name)
{
    const QString dir = qEnvironmentVariable("QS_SHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestExplorerInspect : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void errorHistogramShowsBinAndCount()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        QCustomPlot* p = showAndWait(w, QStringLiteral("error"));
        QVERIFY(p && p->axisRectCount() == 2);
        const Tensor& x = ex->session()->tensor();
        const QuantResult ref = coreResult(x, ex->session()->config());
        // The fullest error bin; its count is recounted here from x and x̂.
        const Histogram& h = ref.histError;
        const int fullest = int(std::max_element(h.counts.begin(), h.counts.end()) - h.counts.begin());
        QCPAxisRect* top = p->axisRect(0);
        const QPoint pos = pixelAt(top, h.binCenter(fullest));
        hover(p, pos);
        const double e = top->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
        const int b = binOf(h, e);
        QVERIFY(b >= 0);
        const double lo = h.binLeft(b), hi = h.binLeft(b) + h.binWidth();
        std::uint64_t count = 0;
        const auto xv = x.values(), dv = ref.dequantized.values();
        for (std::size_t i = 0; i < xv.size(); ++i) {
            const double d = double(dv[i] - xv[i]);
            if (d >= lo && (b + 1 == h.bins() ? d <= h.hi : d < h.binLeft(b + 1)))
                ++count;
        }
        QVERIFY(count > 0);
        shot(&w, QStringLiteral("inspect-error-histogram"));
        const QString text = inspectorText(ex);
        const QString expected = QStringLiteral("[%1, %2): %3 values").arg(fmt(lo, 5), fmt(hi, 5)).arg(count);
        QVERIFY2(text.contains(expected), qPrintable(text + QStringLiteral("  expected: ") + expected));
        QVERIFY2(text.contains(QStringLiteral("%1 %").arg(fmt(100.0 * double(count) / double(xv.size()), 3))),
                 qPrintable(text));
    }

    void errorAgainstValueShowsCodeOfX_data()
    {
        QTest::addColumn<int>("level"); // the value inspected: level · S
        QTest::newRow("3") << 3;
        QTest::newRow("-7") << -7;
        QTest::newRow("12") << 12;
    }
    void errorAgainstValueShowsCodeOfX()
    {
        QFETCH(int, level);
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        QCustomPlot* p = showAndWait(w, QStringLiteral("error"));
        QVERIFY(p && p->axisRectCount() == 2);
        const QuantConfig config = ex->session()->config();
        const QuantResult ref = coreResult(ex->session()->tensor(), config);
        QCPAxisRect* bottom = p->axisRect(1);
        const QPoint pos = pixelAt(bottom, level * ref.groups[0].scale);
        hover(p, pos);
        const double xs = bottom->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
        // The core quantizer applied to that one value, on the data's clip range.
        QuantConfig one = config;
        one.calibration.method = CalibrationMethod::Manual;
        one.calibration.manualMin = ref.calibration.clipMin;
        one.calibration.manualMax = ref.calibration.clipMax;
        const QuantResult single = coreResult(Tensor::fromVector({float(xs)}), one);
        QCOMPARE(single.groups[0].scale, ref.groups[0].scale);
        const qint64 code = single.codes.at(0);
        QCOMPARE(code, qint64(level));
        const double xhat = single.dequantized.values()[0];
        shot(&w, QStringLiteral("inspect-error-scatter"));
        const QString text = inspectorText(ex);
        QVERIFY2(text.contains(QStringLiteral("<b>code</b> %1 ").arg(code)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("<b><i>x̂</i></b> = %1,").arg(fmt(xhat, 6))), qPrintable(text));
        const QString bits = QString::number(quint8(qint8(code)), 2).rightJustified(8, QLatin1Char('0'));
        QVERIFY2(text.contains(bits), qPrintable(text));
    }

    void calibrationCurveShowsObjective_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<double>("where"); // fraction along the curve's points
        QTest::newRow("entropy, early") << "entropy" << 0.2;
        QTest::newRow("entropy, late") << "entropy" << 0.8;
        QTest::newRow("mse") << "mse" << 0.5;
    }
    void calibrationCurveShowsObjective()
    {
        QFETCH(QString, method);
        QFETCH(double, where);
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        QuantConfig c = ex->session()->config();
        c.calibration = CalibrationSpec::parse(method.toStdString());
        ex->session()->setConfig(c, method);
        QCustomPlot* p = showAndWait(w, QStringLiteral("calibration"));
        QVERIFY(p && p->axisRectCount() == 2);
        const QuantResult ref = coreResult(ex->session()->tensor(), c);
        const CalibrationCurve& curve = ref.calibration.curve;
        QVERIFY(curve.x.size() > 10);
        QCPAxisRect* top = p->axisRect(0);
        const QPoint pos = pixelAt(top, curve.x[std::size_t(where * double(curve.x.size() - 1))]);
        hover(p, pos);
        const double xs = top->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
        std::size_t j = 0;
        for (std::size_t k = 0; k < curve.x.size(); ++k)
            if (std::fabs(curve.x[k] - xs) < std::fabs(curve.x[j] - xs))
                j = k;
        shot(&w, QStringLiteral("inspect-calibration-") + method);
        const QString text = inspectorText(ex);
        QVERIFY2(text.contains(QStringLiteral("= %1 → ").arg(fmt(curve.x[j], 6))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("= %1;").arg(fmt(curve.y[j], 6))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("chose")) && text.contains(fmt(curve.chosenX, 6)), qPrintable(text));
        // Which other method clips nearest to this threshold (both curves search clip values).
        const auto choices = computeMethodChoices(ex->session()->tensor(), c);
        QVERIFY(!choices.empty());
        double best = INFINITY;
        QString name;
        for (const MethodChoice& m : choices) {
            const double d = std::min(std::fabs(m.clipMax - curve.x[j]), std::fabs(m.clipMin - curve.x[j]));
            if (d < best) {
                best = d;
                name = m.name;
            }
        }
        QVERIFY2(text.contains(QStringLiteral("<b>%1</b> clips").arg(name.toHtmlEscaped())), qPrintable(text));
    }

    void channelBoxHoverAndClick()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        Session* s = ex->session();
        DataSource src;
        src.kind = DataSource::Kind::Generator;
        src.generator = QStringLiteral("llm-activations,rows=256,cols=8,seed=3,outliers=2,kmin=5,kmax=20");
        QVERIFY(s->setDataSource(src, QStringLiteral("channels")));
        QuantConfig c = s->config();
        c.granularity = Granularity::parse("channel:1");
        s->setConfig(c, QStringLiteral("per channel"));
        QCustomPlot* p = showAndWait(w, QStringLiteral("channels"));
        QVERIFY(p && p->axisRectCount() == 2);
        const Tensor& x = s->tensor();
        QCOMPARE(x.rank(), 2);
        QCOMPARE(x.dim(1), 8);
        const QuantResult ref = coreResult(x, c);
        QCOMPARE(int(ref.groups.size()), 8);
        QCPAxisRect* top = p->axisRect(0);
        auto boxPixel = [&](int k) {
            const std::vector<float> v = column(x, k);
            const double mid = (*std::min_element(v.begin(), v.end()) + *std::max_element(v.begin(), v.end())) / 2;
            return QPoint(int(std::lround(top->axis(QCPAxis::atBottom)->coordToPixel(k))),
                          int(std::lround(top->axis(QCPAxis::atLeft)->coordToPixel(mid))));
        };

        // Hover: index, min/max/absmax of the column, the core's scale and zero point.
        for (int k : {2, 5}) {
            hover(p, boxPixel(k));
            shot(&w, QStringLiteral("inspect-channels-%1").arg(k));
            const std::vector<float> v = column(x, k);
            const double mn = *std::min_element(v.begin(), v.end()), mx = *std::max_element(v.begin(), v.end());
            const QString text = inspectorText(ex);
            const QString expected =
                QStringLiteral("channel %1</b>: min %2, max %3, absmax %4, scale S %5, zero point Z %6")
                    .arg(k)
                    .arg(fmt(mn, 6), fmt(mx, 6), fmt(std::max(-mn, mx), 6), fmt(ref.groups[std::size_t(k)].scale, 6),
                         fmt(ref.groups[std::size_t(k)].zeroPoint, 6));
            QVERIFY2(text.contains(expected), qPrintable(text + QStringLiteral("  expected: ") + expected));
            QVERIFY(text.contains(QStringLiteral("click")));
        }

        // Click box 5: the session selects channel 5 and the lower panel shows its histogram.
        auto selectedHistogram = [&]() -> QCPGraph* {
            QCPAxis* bx = p->axisRect(1)->axis(QCPAxis::atBottom);
            for (int i = 0; i < p->graphCount(); ++i)
                if (p->graph(i)->keyAxis() == bx)
                    return p->graph(i);
            return nullptr;
        };
        auto matches = [&](int k) {
            const std::vector<float> v = column(x, k);
            const Histogram h = computeHistogram(v, std::clamp(int(v.size()) / 8, 16, 128));
            QCPGraph* g = selectedHistogram();
            if (!g || g->dataCount() != h.bins())
                return false;
            int i = 0;
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it, ++i)
                if (it->key != h.binCenter(i) || it->value != double(h.counts[std::size_t(i)]))
                    return false;
            return true;
        };
        QCOMPARE(s->view().channel, 0);
        QVERIFY(matches(0));
        QVERIFY(!matches(5));
        const int undoBefore = s->undoStack()->index();
        QTest::mouseClick(p, Qt::LeftButton, Qt::NoModifier, boxPixel(5));
        QCOMPARE(s->view().channel, 5);
        QVERIFY(ex->waitForIdle(60000));
        QTRY_VERIFY(matches(5));
        QCOMPARE(s->undoStack()->index(), undoBefore + 1);
        s->undoStack()->undo();
        QCOMPARE(s->view().channel, 0);
        QVERIFY(ex->waitForIdle(60000));
        QTRY_VERIFY(matches(0));
    }

    // Every metric's name carries its one-sentence meaning, shown as a tooltip
    // when the mouse is on the name (a title attribute never showed in a QLabel).
    void metricNamesShowTheirMeaning()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle(120000));
        QApplication::processEvents();
        auto* label = ex->findChild<MetricsLabel*>(QStringLiteral("metrics"));
        QVERIFY(label);
        QVERIFY(label->textInteractionFlags() & Qt::LinksAccessibleByMouse); // else no linkHovered
        const QString html = label->text();
        QVERIFY(!html.contains(QStringLiteral("title=")));
        static const QRegularExpression anchor(QStringLiteral("<a href='([^']*)' style='([^']*)'><b>([^<]*)</b></a>"));
        QMap<QString, QString> hrefs;
        for (auto it = anchor.globalMatch(html); it.hasNext();) {
            const auto m = it.next();
            hrefs.insert(m.captured(3), m.captured(1));
            QVERIFY2(!metricTipFromHref(m.captured(1)).isEmpty(), qPrintable(m.captured(3)));
            // Drawn as text, not as a link: no underline, the palette's text colour.
            QVERIFY(m.captured(2).contains(QStringLiteral("text-decoration:none")));
            QVERIFY2(m.captured(2).contains(label->palette().color(QPalette::WindowText).name()),
                     qPrintable(m.captured(2)));
        }
        for (const char* name :
             {"scale S", "zero point Z", "clip range", "MSE", "SQNR", "max |error|", "clipped", "bits/value"})
            QVERIFY2(hrefs.contains(QString::fromUtf8(name)), name);

        const QString mse = italicHats(QObject::tr("mean squared error of x̂ against x"));
        QCOMPARE(metricTipFromHref(hrefs.value(QStringLiteral("MSE"))), mse);
        emit label->linkHovered(hrefs.value(QStringLiteral("MSE"))); // what QLabel reports for the mouse on "MSE"
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), mse);
        // The delayed tooltip request on the name shows the name's meaning too, not the panel's.
        const QPoint local(5, 5);
        QHelpEvent help(QEvent::ToolTip, local, label->mapToGlobal(local));
        QApplication::sendEvent(label, &help);
        QCOMPARE(QToolTip::text(), mse);
        emit label->linkHovered(QString());
        QTRY_VERIFY(!QToolTip::isVisible());

        // The names follow the theme's text colour (a fixed colour would vanish on the dark palette).
        w.actions()->darkAction()->trigger();
        QApplication::processEvents();
        const QString dark = label->palette().color(QPalette::WindowText).name();
        QVERIFY(dark != QColor(Qt::black).name());
        QVERIFY2(label->text().contains(QStringLiteral("color:") + dark), qPrintable(label->text()));
        w.actions()->darkAction()->trigger();
    }

    // x̂ keeps its hat on its x in the inspector line at normal and presentation
    // size: every glyph lies inside its line (DejaVu Sans Book put the U+0302
    // of a roman x above the line: lost, or on the line before).
    void hatStaysOnItsX_data()
    {
        QTest::addColumn<double>("scale");
        QTest::newRow("normal") << 1.0;
        QTest::newRow("presentation") << 1.75;
    }
    void hatStaysOnItsX()
    {
        QFETCH(double, scale);
        ValueInspection v;
        v.x = 0.0746667;
        v.xhat = 0.0755906;
        v.error = v.xhat - v.x;
        v.code = 12;
        v.haveCode = true;
        v.bits = QStringLiteral("00001100");
        Histogram h;
        h.lo = -0.01;
        h.hi = 0.01;
        h.counts = {1, 2, 3, 4};
        const QString html =
            inspectionHtml(v, h, h) + QStringLiteral("<br>") + histogramBinHtml(h, 0.001, QObject::tr("error x̂ − x"));
        QFont font = QApplication::font();
        font.setPointSizeF(font.pointSizeF() * scale);
        QTextDocument doc;
        doc.setDefaultFont(font);
        doc.setHtml(html);
        doc.setTextWidth(4000);
        QVERIFY(doc.size().height() > 0); // lays the document out
        int lines = 0;
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
            QTextLayout* layout = b.layout();
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                ++lines;
                for (const QGlyphRun& run : line.glyphRuns()) {
                    const QList<quint32> glyphs = run.glyphIndexes();
                    const QList<QPointF> at = run.positions();
                    for (qsizetype k = 0; k < glyphs.size(); ++k) {
                        const QRectF g = run.rawFont().boundingRect(glyphs[k]).translated(at[k]);
                        QVERIFY2(g.isEmpty() || (g.top() >= line.y() - 1 && g.bottom() <= line.y() + line.height() + 1),
                                 qPrintable(QStringLiteral("glyph %1 of %2 at %3..%4, line %5..%6")
                                                .arg(glyphs[k])
                                                .arg(run.rawFont().familyName())
                                                .arg(g.top())
                                                .arg(g.bottom())
                                                .arg(line.y())
                                                .arg(line.y() + line.height())));
                    }
                }
            }
        }
        QVERIFY(lines >= 2);
    }
};

QTEST_MAIN(TestExplorerInspect)
#include "tst_explorer_inspect.moc"
