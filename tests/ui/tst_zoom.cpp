// One zoom factor for the whole interface (issue 16): Ctrl+= / Ctrl+− / Ctrl+0
// scale the application font, every widget's own larger or smaller font in
// the same proportion (Bit Lab values, step text, lesson and quiz text), the
// explorer's figures (fonts, pens, markers) and the other plots; F5 is a preset
// of it. Every plot zooms and pans with the wheel and a drag, and a
// double-click restores its ranges. SVG text names a generic family.
#include "bitlab/bitlabview.h"
#include "common/plotexporter.h"
#include "common/uizoom.h"
#include "explorer/explorerview.h"
#include "lessons/lessonsview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include <qcustomplot.h>

using namespace qs;

namespace {

QAction* actionNamed(MainWindow& w, const char* name)
{
    for (QAction* a : w.findChildren<QAction*>())
        if (a->objectName() == QLatin1String(name))
            return a;
    return nullptr;
}

double points(const QWidget* w)
{
    return w->font().pointSizeF();
}

} // namespace

class TestZoom : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void oneFactorScalesEveryText()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.explorer()->waitForIdle(120000));
        QAction* in = actionNamed(w, "zoomIn");
        QAction* reset = actionNamed(w, "zoomReset");
        QVERIFY(in && reset && actionNamed(w, "zoomOut"));
        QVERIFY(in->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Equal)));
        QCOMPARE(reset->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_0));

        const double app = QApplication::font().pointSizeF();
        // Widgets with a font size of their own: a Bit Lab value, the lesson text, the quiz prompt.
        QList<QWidget*> own{w.bitLab()->findChild<QWidget*>(QStringLiteral("exactDecimal")),
                            w.lessons()->findChild<QTextBrowser*>(QStringLiteral("stepText")),
                            w.view(QStringLiteral("quiz"))->findChild<QLabel*>(QStringLiteral("quizPrompt"))};
        QList<double> before;
        for (QWidget* x : own) {
            QVERIFY(x);
            before << points(x);
        }
        QCustomPlot* histogram = w.explorer()->plot(FigureKind::Histogram);
        const double pen = histogram->graph(0)->pen().widthF();
        const double tickFont = histogram->xAxis->tickLabelFont().pointSizeF();

        in->trigger();
        in->trigger(); // 1 → 1.1 → 1.25
        QCOMPARE(UiZoom::factor(), 1.25);
        QVERIFY(w.explorer()->waitForIdle(120000));
        QApplication::processEvents();
        QCOMPARE(QApplication::font().pointSizeF(), app * 1.25);
        for (int i = 0; i < own.size(); ++i)
            QVERIFY2(std::abs(points(own[i]) - before[i] * 1.25) < 0.01,
                     qPrintable(QStringLiteral("%1: %2 → %3").arg(own[i]->objectName()).arg(before[i]).arg(points(own[i]))));
        QCOMPARE(w.explorer()->style().scale, 1.25);
        histogram = w.explorer()->plot(FigureKind::Histogram);
        QVERIFY(std::abs(histogram->graph(0)->pen().widthF() - pen * 1.25) < 1e-6);
        QVERIFY(std::abs(histogram->xAxis->tickLabelFont().pointSizeF() - tickFont * 1.25) < 1e-6);

        reset->trigger();
        QCOMPARE(QApplication::font().pointSizeF(), app);
        for (int i = 0; i < own.size(); ++i)
            QVERIFY(std::abs(points(own[i]) - before[i]) < 0.01);

        // F5: a preset of the same factor, with the high-contrast palette; leaving it restores the zoom.
        in->trigger();
        w.actions()->presentationAction()->trigger();
        QCOMPARE(UiZoom::factor(), UiZoom::presentationFactor(w.width()));
        QVERIFY(w.explorer()->style().highContrast);
        w.actions()->presentationAction()->trigger();
        QCOMPARE(UiZoom::factor(), 1.1);
        reset->trigger();
    }

    // Wheel, drag and double-click on every plot of every view.
    void everyPlotZoomsAndPans()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.explorer()->waitForIdle(120000));
        const auto plots = w.findChildren<QCustomPlot*>();
        QVERIFY(plots.size() >= 10);
        for (QCustomPlot* p : plots) {
            QVERIFY2(p->interactions().testFlag(QCP::iRangeZoom), qPrintable(p->objectName()));
            QVERIFY2(p->interactions().testFlag(QCP::iRangeDrag), qPrintable(p->objectName()));
        }
        // The transfer staircase: zoomed in, then a double-click restores its ranges.
        QVERIFY(w.showView(QStringLiteral("transfer")));
        QVERIFY(w.explorer()->waitForIdle(120000));
        QCustomPlot* t = w.explorer()->plot(FigureKind::Transfer);
        t->replot();
        const QCPRange x = t->xAxis->range();
        t->axisRect()->setRangeZoomFactor(0.5);
        QWheelEvent wheel(QPointF(t->width() / 2, t->height() / 3), t->mapToGlobal(QPointF(t->width() / 2, t->height() / 3)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(t, &wheel);
        QVERIFY2(t->xAxis->range().size() < x.size() * 0.9, qPrintable(QString::number(t->xAxis->range().size())));
        QTest::mouseDClick(t, Qt::LeftButton, Qt::NoModifier, QPoint(t->width() / 2, t->height() / 3));
        QApplication::processEvents();
        t = w.explorer()->plot(FigureKind::Transfer);
        QVERIFY(std::abs(t->xAxis->range().size() - x.size()) < 1e-9 * x.size());
    }

    void svgTextHasAGenericFamily()
    {
        QCustomPlot p;
        p.resize(400, 300);
        p.xAxis->setLabel(QStringLiteral("value"));
        p.replot();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.svg"));
        QCOMPARE(PlotExporter::exportPlot(&p, path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
        int n = 0;
        for (auto it = family.globalMatch(svg); it.hasNext(); ++n) {
            const QString names = it.next().captured(1);
            QVERIFY2(names.endsWith(QLatin1String("sans-serif")), qPrintable(names));
        }
        QVERIFY(n > 0);
    }
};

QTEST_MAIN(TestZoom)
#include "tst_zoom.moc"
