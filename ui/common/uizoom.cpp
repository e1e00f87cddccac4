#include "common/uizoom.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPointer>
#include <QWidget>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs {

namespace {
constexpr double kLadder[] = {0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5};

// Double-click restores the figure's ranges (the wheel and drag are QCustomPlot's own).
class ResetOnDoubleClick : public QObject
{
public:
    ResetOnDoubleClick(QCustomPlot* plot, std::function<void()> reset)
        : QObject(plot), m_plot(plot), m_reset(std::move(reset))
    {
        plot->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched != m_plot || event->type() != QEvent::MouseButtonDblClick)
            return false;
        if (static_cast<QMouseEvent*>(event)->button() != Qt::LeftButton)
            return false;
        if (m_reset) {
            m_reset();
        } else {
            m_plot->rescaleAxes();
        }
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return true;
    }

private:
    QCustomPlot* m_plot;
    std::function<void()> m_reset;
};

} // namespace

UiZoom::UiZoom() : QObject(qApp), m_base(QApplication::font()) {}

UiZoom* UiZoom::instance()
{
    static QPointer<UiZoom> zoom;
    if (!zoom)
        zoom = new UiZoom;
    return zoom;
}

double UiZoom::factor()
{
    return instance()->m_factor;
}

void UiZoom::setFactor(double factor)
{
    factor = std::clamp(factor, kMin, kMax);
    if (std::fabs(factor - m_factor) < 1e-9)
        return;
    const double ratio = factor / m_factor;
    // Widgets with a font size of their own (a larger value, a title): scaled
    // by the same ratio, so they keep their proportion to the text around them.
    // Collected before the application font changes.
    QList<QPointer<QWidget>> own;
    for (QWidget* w : QApplication::allWidgets())
        if (w->testAttribute(Qt::WA_SetFont) && (w->font().resolveMask() & QFont::SizeResolved))
            own << w;
    m_factor = factor;
    QFont f = m_base;
    if (m_base.pointSizeF() > 0)
        f.setPointSizeF(m_base.pointSizeF() * factor);
    else
        f.setPixelSize(std::max(1, int(std::lround(m_base.pixelSize() * factor))));
    QApplication::setFont(f);
    for (const QPointer<QWidget>& w : own) {
        if (!w)
            continue;
        QFont wf = w->font();
        if (wf.pointSizeF() > 0)
            wf.setPointSizeF(wf.pointSizeF() * ratio);
        else
            wf.setPixelSize(std::max(1, int(std::lround(wf.pixelSize() * ratio))));
        w->setFont(wf);
    }
    emit changed(factor);
}

double UiZoom::stepUp(double factor)
{
    for (double f : kLadder)
        if (f > factor + 1e-6)
            return f;
    return kMax;
}

double UiZoom::stepDown(double factor)
{
    for (auto it = std::rbegin(kLadder); it != std::rend(kLadder); ++it)
        if (*it < factor - 1e-6)
            return *it;
    return kMin;
}

double UiZoom::presentationFactor(int width)
{
    return width >= 1600 ? 1.75 : width >= 1280 ? 1.5 : 1.25;
}

void enablePlotNavigation(QCustomPlot* plot, std::function<void()> reset)
{
    plot->setInteractions(plot->interactions() | QCP::iRangeDrag | QCP::iRangeZoom);
    // Every axis rect, both directions (a figure may hold two stacked panels),
    // the visible axes only (a hidden axis holds a rug drawn along the edge).
    auto visible = [](QCPAxisRect* r, QCPAxis::AxisTypes types) {
        QList<QCPAxis*> out;
        for (QCPAxis* a : r->axes(types))
            if (a->visible())
                out << a;
        return out;
    };
    auto axesOf = [plot, visible] {
        for (QCPAxisRect* r : plot->axisRects()) {
            r->setRangeDrag(Qt::Horizontal | Qt::Vertical);
            r->setRangeZoom(Qt::Horizontal | Qt::Vertical);
            const QList<QCPAxis*> across = visible(r, QCPAxis::atBottom | QCPAxis::atTop);
            const QList<QCPAxis*> up = visible(r, QCPAxis::atLeft | QCPAxis::atRight);
            r->setRangeDragAxes(across, up);
            r->setRangeZoomAxes(across, up);
        }
    };
    axesOf();
    // Figures rebuild their axis rects: the settings follow each rebuild.
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, axesOf);
    new ResetOnDoubleClick(plot, std::move(reset));
}

void followZoom(QCustomPlot* plot, double points)
{
    auto apply = [plot, points] {
        const double z = UiZoom::factor();
        QFont font = plot->font();
        font.setPointSizeF(points * z);
        for (QCPAxisRect* r : plot->axisRects())
            for (QCPAxis* a : r->axes()) {
                a->setLabelFont(font);
                a->setTickLabelFont(font);
                for (QPen pen : {a->basePen()}) {
                    pen.setWidthF(std::max(1.0, z));
                    a->setBasePen(pen);
                }
            }
        if (plot->legend)
            plot->legend->setFont(font);
        for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
            if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) {
                QFont tf = t->font();
                if (!t->property("qsBasePoints").isValid())
                    t->setProperty("qsBasePoints", tf.pointSizeF() > 0 ? tf.pointSizeF() : points);
                tf.setPointSizeF(t->property("qsBasePoints").toDouble() * z);
                t->setFont(tf);
            }
        // Pens and markers: each keeps the width it was drawn with at zoom 1.
        for (int i = 0; i < plot->plottableCount(); ++i) {
            QCPAbstractPlottable* pl = plot->plottable(i);
            QPen pen = pl->pen();
            if (!pl->property("qsBasePen").isValid())
                pl->setProperty("qsBasePen", pen.widthF());
            pen.setWidthF(pl->property("qsBasePen").toDouble() * z);
            pl->setPen(pen);
            if (auto* g = qobject_cast<QCPGraph*>(pl)) {
                QCPScatterStyle sc = g->scatterStyle();
                if (sc.isNone())
                    continue;
                if (!g->property("qsBaseMarker").isValid())
                    g->setProperty("qsBaseMarker", sc.size());
                sc.setSize(g->property("qsBaseMarker").toDouble() * z);
                g->setScatterStyle(sc);
            }
        }
    };
    apply();
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, apply);
    QObject::connect(UiZoom::instance(), &UiZoom::changed, plot,
                     [plot] { plot->replot(QCustomPlot::rpQueuedReplot); });
}

} // namespace qs
