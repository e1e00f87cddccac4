// Legends never cover data (issue 16): every figure of the explorer, on screen
// and built at an export size, in normal and presentation mode. "Data" is
// every plotted point (with the area under a filled histogram), every box of
// the Channels figure and every vertical clip line, in the axes the legend
// sits on. Also the series palette: at least 8 distinct colour-blind-safe colours.
#include "common/plotexporter.h"
#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "plots/figures.h"
#include "session/session.h"

#include <QAction>
#include <QScopeGuard>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;

namespace {

// What lies under `legend` in `rect` (empty: nothing).
QString coveredData(QCustomPlot* p, QCPAxisRect* rect, const QRect& legend)
{
    const QRectF l = QRectF(legend).adjusted(-1, -1, 1, 1);
    for (int i = 0; i < p->plottableCount(); ++i) {
        QCPAbstractPlottable* pl = p->plottable(i);
        if (!pl->visible() || pl->keyAxis()->axisRect() != rect)
            continue;
        QCPAxis* kx = pl->keyAxis();
        QCPAxis* vy = pl->valueAxis();
        if (auto* g = qobject_cast<QCPGraph*>(pl)) {
            const bool filled = g->brush().style() != Qt::NoBrush || g->lineStyle() == QCPGraph::lsImpulse;
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
                if (!kx->range().contains(it->key) || (!vy->range().contains(it->value) && !filled))
                    continue;
                const double px = kx->coordToPixel(it->key);
                double py = vy->range().contains(it->value) ? vy->coordToPixel(it->value) : rect->rect().bottom();
                if (it->value > vy->range().upper)
                    py = rect->rect().top();
                const double base = filled ? rect->rect().bottom() : py;
                if (px >= l.left() && px <= l.right() && std::max(py, base) >= l.top() && std::min(py, base) <= l.bottom())
                    return QStringLiteral("%1 at (%2, %3)").arg(g->name()).arg(it->key).arg(it->value);
            }
        } else if (auto* b = qobject_cast<QCPStatisticalBox*>(pl)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it) {
                const QRectF box(QPointF(kx->coordToPixel(it->key - b->width() / 2), vy->coordToPixel(it->maximum)),
                                 QPointF(kx->coordToPixel(it->key + b->width() / 2), vy->coordToPixel(it->minimum)));
                if (box.normalized().intersects(l))
                    return QStringLiteral("%1, box %2").arg(b->name()).arg(it->key);
            }
        }
    }
    for (int i = 0; i < p->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(p->item(i)); line && line->clipAxisRect() == rect) {
            const double x = line->point1->pixelPosition().x();
            if (x >= l.left() && x <= l.right() && x >= rect->rect().left() && x <= rect->rect().right())
                return QStringLiteral("the vertical line at %1").arg(line->point1->coords().x());
        }
    return {};
}

QStringList legendProblems(QCustomPlot* p)
{
    p->replot();
    QStringList problems;
    int legends = 0;
    for (QCPAxisRect* rect : p->axisRects())
        for (QCPLayoutElement* e : rect->insetLayout()->elements(false))
            if (auto* legend = qobject_cast<QCPLegend*>(e); legend && legend->visible() && legend->itemCount() > 0) {
                ++legends;
                const QString what = coveredData(p, rect, legend->outerRect());
                if (!what.isEmpty())
                    problems << QStringLiteral("the legend covers %1").arg(what);
            }
    // A legend placed under the axes covers no axes; any legend at all is shown.
    for (int i = 0; i < p->plotLayout()->elementCount(); ++i)
        if (qobject_cast<QCPLegend*>(p->plotLayout()->elementAt(i)))
            ++legends;
    if (legends == 0)
        problems << QStringLiteral("no legend");
    return problems;
}

} // namespace

class TestFigureLegends : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void legendsCoverNoData_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<bool>("presentation");
        for (const QString& v : figureKindNames())
            for (bool present : {false, true})
                QTest::addRow("%s%s", qPrintable(v), present ? " F5" : "") << v << present;
    }
    void legendsCoverNoData()
    {
        QFETCH(QString, view);
        QFETCH(bool, presentation);
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto off = qScopeGuard([&w] {
            if (w.actions()->presentationAction()->isChecked())
                w.actions()->presentationAction()->trigger();
        });
        if (presentation)
            w.actions()->presentationAction()->trigger();
        ExplorerView* ex = w.explorer();
        QVERIFY(w.showView(view));
        QVERIFY(ex->waitForIdle(120000));
        const FigureKind kind = ex->currentKind();
        QStringList problems;
        for (const QString& p : legendProblems(ex->plot(kind)))
            problems << QStringLiteral("on screen: ") + p;
        // Exported: built anew at the export's layout size, without on-screen hints.
        for (const QSize size : {QSize(1600, 1000), QSize(800, 500)}) {
            FigureOptions o;
            o.size = size;
            QCustomPlot figure;
            figure.resize(PlotExporter::layoutSize(o, size));
            FigureStyle s = ex->style();
            s.onScreen = false;
            buildFigure(&figure, kind, ex->inputs(), ex->session()->tensor(), s, nullptr);
            for (const QString& p : legendProblems(&figure))
                problems << QStringLiteral("exported %1x%2: ").arg(size.width()).arg(size.height()) + p;
            // No instruction for the mouse on paper.
            for (QCPAxisRect* r : figure.axisRects())
                for (QCPAxis* a : r->axes())
                    QVERIFY2(!a->label().contains(QLatin1String("click")), qPrintable(a->label()));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // Okabe-Ito and friends: 8 series before a colour repeats, each far from the others.
    void paletteHasEightDistinctColours()
    {
        for (bool dark : {false, true}) {
            FigureStyle s;
            s.dark = dark;
            for (int i = 0; i < 8; ++i)
                for (int j = 0; j < i; ++j) {
                    const QColor a = s.series(i), b = s.series(j);
                    const double d = std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
                    QVERIFY2(d > 60, qPrintable(QStringLiteral("series %1 and %2 alike (%3)").arg(i).arg(j).arg(d)));
                    QVERIFY(a != s.background());
                }
        }
    }
};

QTEST_MAIN(TestFigureLegends)
#include "tst_figurelegends.moc"
