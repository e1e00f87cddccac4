// Presentation mode and the look of the figures, checked on the model and
// the plotted data (never pixels): the app-wide high-contrast palette in both
// themes (contrast by the WCAG relative-luminance formula), and the
// histogram's original outline drawn above the dequantized bars.
#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "plots/figures.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;

namespace {

// WCAG 2 relative luminance and contrast ratio (sRGB, linearised channels).
double luminance(const QColor& c)
{
    auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestExplorerPresent : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void presentationPaletteIsHighContrast_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void presentationPaletteIsHighContrast()
    {
        QFETCH(bool, dark);
        MainWindow w;
        w.show();
        if (dark)
            w.actions()->darkAction()->trigger();
        const QPalette before = QApplication::palette();
        w.actions()->presentationAction()->trigger();
        const QPalette p = QApplication::palette();
        // WCAG AAA asks 7:1 for text; pure black on white is 21:1.
        QCOMPARE(contrast(p.color(QPalette::WindowText), p.color(QPalette::Window)), 21.0);
        QCOMPARE(contrast(p.color(QPalette::Text), p.color(QPalette::Base)), 21.0);
        QVERIFY(contrast(p.color(QPalette::ButtonText), p.color(QPalette::Button)) >= 7.0);
        QVERIFY(contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >= 7.0);
        QVERIFY(contrast(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base)) >= 4.5);
        QCOMPARE(luminance(p.color(QPalette::Window)) < 0.5, dark);
        // The explorer's figures follow (thick lines, high-contrast colours).
        QVERIFY(w.explorer()->style().highContrast);
        QCOMPARE(w.explorer()->style().dark, dark);
        // Leaving presentation mode restores the theme's own palette.
        w.actions()->presentationAction()->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::WindowText), before.color(QPalette::WindowText));
        QCOMPARE(QApplication::palette().color(QPalette::Window), before.color(QPalette::Window));
        if (dark)
            w.actions()->darkAction()->trigger();
    }

    void presentationDocksReflowInsteadOfClipping()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.actions()->presentationAction()->trigger();
        QApplication::processEvents();
        int checked = 0;
        for (QDockWidget* d : w.explorer()->docks()) {
            if (d->isHidden())
                continue;
            auto* scroll = qobject_cast<QScrollArea*>(d->widget());
            QVERIFY(scroll);
            QTRY_VERIFY2(
                scroll->widget()->width() <= scroll->viewport()->width(),
                qPrintable(d->objectName() +
                           QStringLiteral(" %1 > %2").arg(scroll->widget()->width()).arg(scroll->viewport()->width())));
            QCOMPARE(scroll->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
            ++checked;
        }
        QVERIFY(checked >= 2);
        w.actions()->presentationAction()->trigger();
    }

    // The legend sits in the top-right corner: no plotted step may reach into
    // its rectangle, in either mode, on a log or linear axis.
    void legendDoesNotHideTheData_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<bool>("presentation");
        QTest::addColumn<bool>("logY");
        QTest::addColumn<QSize>("size");
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 800)})
            for (const char* v : {"histogram", "error", "compare", "calibration"})
                for (bool present : {false, true})
                    for (bool log : {true, false})
                        QTest::addRow("%s%s%s %dx%d", v, present ? " presentation" : "", log ? " log" : " linear",
                                      size.width(), size.height())
                            << QString::fromLatin1(v) << present << log << size;
    }
    void legendDoesNotHideTheData()
    {
        QFETCH(QString, view);
        QFETCH(bool, presentation);
        QFETCH(bool, logY);
        QFETCH(QSize, size);
        MainWindow w;
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        ViewState v = ex->session()->view();
        v.logY = logY;
        ex->session()->setView(v, QStringLiteral("log"));
        if (presentation)
            w.actions()->presentationAction()->trigger();
        QVERIFY(w.showView(view));
        QVERIFY(ex->waitForIdle(120000));
        QCustomPlot* p = ex->plot(ex->currentKind());
        p->replot();
        QVERIFY(p->legend && p->legend->visible());
        const QRect legend = p->legend->outerRect();
        int graphs = 0;
        for (int i = 0; i < p->graphCount(); ++i) {
            QCPGraph* g = p->graph(i);
            if (g->valueAxis() != p->yAxis || g->dataCount() == 0)
                continue;
            ++graphs;
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
                if (!g->valueAxis()->range().contains(it->value))
                    continue; // clipped by the axis rect (an empty bin on a log axis)
                const double px = g->keyAxis()->coordToPixel(it->key);
                const double py = g->valueAxis()->coordToPixel(it->value);
                QVERIFY2(
                    !(px >= legend.left() && px <= legend.right() && py >= legend.top() - 1 && py <= legend.bottom()),
                    qPrintable(QStringLiteral("%1 at (%2, %3) is under the legend %4,%5 %6x%7")
                                   .arg(g->name())
                                   .arg(it->key)
                                   .arg(it->value)
                                   .arg(legend.x())
                                   .arg(legend.y())
                                   .arg(legend.width())
                                   .arg(legend.height())));
            }
        }
        QVERIFY(graphs >= 1);
        if (presentation)
            w.actions()->presentationAction()->trigger();
    }

    // Every control of the explorer says what it is for, and can be reached with Tab.
    void everyControlHasATooltipAndTakesFocus()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        int checked = 0;
        for (QWidget* c : w.explorer()->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractButton*>(c) || qobject_cast<QComboBox*>(c) ||
                                 qobject_cast<QAbstractSpinBox*>(c) || qobject_cast<QLineEdit*>(c) ||
                                 qobject_cast<QAbstractSlider*>(c) || qobject_cast<QAbstractItemView*>(c);
            if (!control || qobject_cast<QScrollBar*>(c) || !c->isVisibleTo(w.explorer()))
                continue;
            if (qobject_cast<QLineEdit*>(c) && qobject_cast<QAbstractSpinBox*>(c->parentWidget()))
                continue; // the editor inside a spin box
            if (qobject_cast<QLineEdit*>(c) && qobject_cast<QComboBox*>(c->parentWidget()))
                continue;
            if (c->inherits("QDockWidgetTitleButton") || c->inherits("QToolBarExtension") ||
                c->objectName().startsWith(QLatin1String("qt_")))
                continue; // Qt's own decorations
            const QString name = QStringLiteral("%1 '%2' (%3)")
                                     .arg(QString::fromLatin1(c->metaObject()->className()), c->objectName(),
                                          c->parentWidget() ? c->parentWidget()->objectName() : QString());
            QVERIFY2(!c->toolTip().isEmpty(), qPrintable(name + QStringLiteral(" has no tooltip")));
            QVERIFY2(c->focusPolicy() & Qt::TabFocus, qPrintable(name + QStringLiteral(" cannot be reached with Tab")));
            ++checked;
        }
        QVERIFY2(checked >= 25, qPrintable(QString::number(checked)));
        // Tab must not stop on the docks' scroll areas, which show no focus.
        for (QDockWidget* d : w.explorer()->docks())
            QCOMPARE(qobject_cast<QScrollArea*>(d->widget())->focusPolicy(), Qt::NoFocus);
    }

    // F5 gives the plot most of the window (one panel column) and F5 again
    // puts every dock back where and how wide it was.
    void presentationLayoutIsUndoneOnExit()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        QApplication::processEvents();
        QHash<QString, QPair<int, int>> before; // area, width
        for (QDockWidget* d : ex->docks())
            before[d->objectName()] = {int(ex->dockWidgetArea(d)), d->width()};
        const int plotBefore = ex->plot(FigureKind::Histogram)->width();
        w.actions()->presentationAction()->trigger();
        QApplication::processEvents();
        QTRY_VERIFY(ex->plot(FigureKind::Histogram)->width() >= 0.55 * w.width());
        for (QDockWidget* d : ex->docks())
            if (d->objectName() != QLatin1String("dataDock"))
                QCOMPARE(ex->dockWidgetArea(d), Qt::LeftDockWidgetArea);
        w.actions()->presentationAction()->trigger();
        QApplication::processEvents();
        for (QDockWidget* d : ex->docks()) {
            QCOMPARE(int(ex->dockWidgetArea(d)), before[d->objectName()].first);
            QTRY_COMPARE(d->width(), before[d->objectName()].second);
        }
        QTRY_COMPARE(ex->plot(FigureKind::Histogram)->width(), plotBefore);
    }

    void plotsGetTheWidthAt1280x800()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        int docksWidth = 0;
        QSet<int> columns; // tabified docks share a column
        for (QDockWidget* d : w.explorer()->docks())
            if (d->isVisible() && !columns.contains(d->x())) {
                columns.insert(d->x());
                QTRY_COMPARE(d->width(), d->minimumWidth());
                docksWidth += d->width();
            }
        // The central plot takes everything else (less separators and margins).
        QCustomPlot* p = w.explorer()->plot(FigureKind::Histogram);
        QVERIFY(p->width() >= w.explorer()->width() - docksWidth - 40);
        QVERIFY(p->width() >= 600);
    }

    void calibrationCurveHasXPadding()
    {
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QuantConfig c = ex->session()->config();
        c.calibration = CalibrationSpec::parse("mse");
        ex->session()->setConfig(c, QStringLiteral("mse"));
        QVERIFY(w.showView(QStringLiteral("calibration")));
        QVERIFY(ex->waitForIdle(120000));
        QCustomPlot* p = ex->plot(FigureKind::Calibration);
        QVERIFY(p->graphCount() >= 1);
        bool found = false;
        const QCPRange keys = p->graph(0)->getKeyRange(found);
        QVERIFY(found && keys.size() > 0);
        const QCPRange x = p->graph(0)->keyAxis()->range();
        QVERIFY(x.lower <= keys.lower - 0.02 * keys.size());
        QVERIFY(x.upper >= keys.upper + 0.02 * keys.size());
    }

    // Every method's range is drawn at both ends on the histogram, as its legend
    // entry "[lo, hi]" says, for symmetric and asymmetric schemes.
    void calibrationLinesAtBothEnds_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("symmetric") << "symmetric";
        QTest::newRow("asymmetric") << "asymmetric";
    }
    void calibrationLinesAtBothEnds()
    {
        QFETCH(QString, scheme);
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QuantConfig c = ex->session()->config();
        c.scheme = scheme == QLatin1String("symmetric") ? QuantScheme::Symmetric : QuantScheme::Asymmetric;
        ex->session()->setConfig(c, QStringLiteral("scheme"));
        QVERIFY(w.showView(QStringLiteral("calibration")));
        QVERIFY(ex->waitForIdle(120000));
        QTRY_VERIFY(ex->inputs().choices.size() >= 4);
        QCustomPlot* p = ex->plot(FigureKind::Calibration);
        QCPAxisRect* histogram = p->axisRects().last();
        QList<double> xs;
        for (int i = 0; i < p->itemCount(); ++i)
            if (auto* l = qobject_cast<QCPItemStraightLine*>(p->item(i)); l && l->clipAxisRect() == histogram)
                xs << l->point1->coords().x();
        for (const MethodChoice& m : ex->inputs().choices) {
            QVERIFY2(xs.contains(m.clipMin), qPrintable(m.name + QStringLiteral(" min %1").arg(m.clipMin)));
            QVERIFY2(xs.contains(m.clipMax), qPrintable(m.name + QStringLiteral(" max %1").arg(m.clipMax)));
        }
    }

    void calibrationHistogramHasXPadding()
    {
        // min-max has no objective curve: the histogram with every method's
        // clip line is the whole figure; the extreme bins must not sit on the frame.
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QVERIFY(w.showView(QStringLiteral("calibration")));
        QVERIFY(ex->waitForIdle(120000));
        QCustomPlot* p = ex->plot(FigureKind::Calibration);
        const Histogram& h = ex->result()->histOriginal;
        const double lo = h.binCenter(0), hi = h.binCenter(h.bins() - 1);
        const QCPRange x = p->graph(0)->keyAxis()->range();
        QVERIFY(x.lower <= lo - 0.02 * (hi - lo));
        QVERIFY(x.upper >= hi + 0.02 * (hi - lo));
    }

    void histogramOriginalOutlineIsOnTop_data()
    {
        QTest::addColumn<bool>("presentation");
        QTest::newRow("normal") << false;
        QTest::newRow("presentation") << true;
    }
    void histogramOriginalOutlineIsOnTop()
    {
        QFETCH(bool, presentation);
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        if (presentation)
            w.actions()->presentationAction()->trigger();
        QVERIFY(ex->waitForIdle());
        QuantOptions o;
        o.codes = false;
        const QuantResult ref = runQuantization(ex->session()->tensor(), ex->session()->config(), o);
        QCustomPlot* p = ex->plot(FigureKind::Histogram);
        int dequantized = -1, outline = -1;
        for (int i = 0; i < p->graphCount(); ++i) {
            if (p->graph(i)->name() == QObject::tr("dequantized"))
                dequantized = i;
            if (p->graph(i)->property("qsOverlay").toBool())
                outline = i;
        }
        QVERIFY(dequantized >= 0 && outline > dequantized); // same layer: later is drawn above
        QCOMPARE(p->graph(outline)->layer(), p->graph(dequantized)->layer());
        QVERIFY(!p->legend->hasItemWithPlottable(p->graph(outline)));
        QCOMPARE(p->graph(outline)->brush().style(), Qt::NoBrush); // an outline, hides nothing
        QCOMPARE(p->graph(outline)->data()->size(), int(ref.histOriginal.counts.size()));
        int i = 0;
        for (auto it = p->graph(outline)->data()->constBegin(); it != p->graph(outline)->data()->constEnd(); ++it, ++i)
            QCOMPARE(it->value, double(ref.histOriginal.counts[std::size_t(i)]));
        // The CSV export lists the original once.
        const QString csv = figureDataCsv(p);
        QCOMPARE(int(csv.count(QStringLiteral("\n\"original\","))), int(ref.histOriginal.counts.size()));
        if (presentation)
            w.actions()->presentationAction()->trigger();
    }
};

QTEST_MAIN(TestExplorerPresent)
#include "tst_explorer_present.moc"
