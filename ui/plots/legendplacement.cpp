// Where a figure's legend goes (plotparts.h, placeLegends): in the corner of
// its axes that covers no data, after raising the top of the y range if no
// corner is free, and otherwise in a row of its own under the axes. "Data" is
// every plotted point and line of the axes: step and line graphs with the
// segments between their points, the area under a filled histogram, markers,
// impulses, box-plot boxes and whiskers, and the vertical clip lines.
#include "plots/plotparts.h"

#include <QLineF>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::plotparts {

namespace {

bool segmentHits(const QRectF& r, QPointF a, QPointF b)
{
    if (r.contains(a) || r.contains(b))
        return true;
    if (std::max(a.x(), b.x()) < r.left() || std::min(a.x(), b.x()) > r.right() ||
        std::max(a.y(), b.y()) < r.top() || std::min(a.y(), b.y()) > r.bottom())
        return false;
    const QLineF s(a, b);
    const QLineF edges[] = {{r.topLeft(), r.topRight()},
                            {r.topRight(), r.bottomRight()},
                            {r.bottomRight(), r.bottomLeft()},
                            {r.bottomLeft(), r.topLeft()}};
    for (const QLineF& e : edges)
        if (s.intersects(e, nullptr) == QLineF::BoundedIntersection)
            return true;
    return false;
}

// The pixel of a value on its axis, kept inside the axes (a zero count on a
// log axis lies below the bottom edge; an outlier above the top).
double valuePixel(QCPAxis* axis, double v, const QRect& frame)
{
    double px = axis->coordToPixel(v);
    if (!std::isfinite(px))
        px = axis->scaleType() == QCPAxis::stLogarithmic && v <= 0 ? frame.bottom() : frame.top();
    return std::clamp(px, double(frame.top()) - 1, double(frame.bottom()) + 1);
}

bool graphHits(QCPGraph* g, const QRectF& r, const QRect& frame)
{
    QCPAxis* kx = g->keyAxis();
    QCPAxis* vy = g->valueAxis();
    const bool filled = g->brush().style() != Qt::NoBrush;
    const double base = valuePixel(vy, vy->scaleType() == QCPAxis::stLogarithmic ? vy->range().lower : 0, frame);
    const double marker = g->scatterStyle().isNone() ? 0 : g->scatterStyle().size() / 2 + 1;
    const QRectF grown = r.adjusted(-marker, -marker, marker, marker);
    bool first = true;
    QPointF prev;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
        if (!std::isfinite(it->key) || std::isnan(it->value))
            continue;
        const QPointF pt(std::clamp(kx->coordToPixel(it->key), frame.left() - 1.0, frame.right() + 1.0),
                         valuePixel(vy, it->value, frame));
        if (marker > 0 && grown.contains(pt))
            return true;
        if (filled || g->lineStyle() == QCPGraph::lsImpulse)
            if (segmentHits(r, pt, QPointF(pt.x(), base)))
                return true;
        if (!first) {
            switch (g->lineStyle()) {
            case QCPGraph::lsNone: break;
            case QCPGraph::lsImpulse: break;
            case QCPGraph::lsLine:
                if (segmentHits(r, prev, pt))
                    return true;
                break;
            case QCPGraph::lsStepLeft:
                if (segmentHits(r, prev, {pt.x(), prev.y()}) || segmentHits(r, {pt.x(), prev.y()}, pt))
                    return true;
                break;
            case QCPGraph::lsStepRight:
                if (segmentHits(r, prev, {prev.x(), pt.y()}) || segmentHits(r, {prev.x(), pt.y()}, pt))
                    return true;
                break;
            case QCPGraph::lsStepCenter: {
                const double mid = (prev.x() + pt.x()) / 2;
                if (segmentHits(r, prev, {mid, prev.y()}) || segmentHits(r, {mid, prev.y()}, {mid, pt.y()}) ||
                    segmentHits(r, {mid, pt.y()}, pt))
                    return true;
                break;
            }
            }
        } else if (g->lineStyle() != QCPGraph::lsNone && r.contains(pt)) {
            return true;
        }
        prev = pt;
        first = false;
    }
    return false;
}

} // namespace

bool legendCoversData(QCustomPlot* p, QCPAxisRect* rect, const QRectF& legend)
{
    const QRect frame = rect->rect();
    const QRectF r = legend.adjusted(-2, -2, 2, 2);
    for (int i = 0; i < p->plottableCount(); ++i) {
        QCPAbstractPlottable* pl = p->plottable(i);
        if (!pl->visible() || !pl->keyAxis() || pl->keyAxis()->axisRect() != rect)
            continue;
        if (auto* g = qobject_cast<QCPGraph*>(pl)) {
            if (g->dataCount() > 0 && graphHits(g, r, frame))
                return true;
        } else if (auto* b = qobject_cast<QCPStatisticalBox*>(pl)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it) {
                const double x0 = b->keyAxis()->coordToPixel(it->key - b->width() / 2);
                const double x1 = b->keyAxis()->coordToPixel(it->key + b->width() / 2);
                const double y0 = valuePixel(b->valueAxis(), it->minimum, frame);
                const double y1 = valuePixel(b->valueAxis(), it->maximum, frame);
                if (QRectF(QPointF(std::min(x0, x1), std::min(y0, y1)), QPointF(std::max(x0, x1), std::max(y0, y1)))
                        .intersects(r))
                    return true;
            }
        }
    }
    for (int i = 0; i < p->itemCount(); ++i) {
        auto* line = qobject_cast<QCPItemStraightLine*>(p->item(i));
        if (!line || !line->visible() || line->clipAxisRect() != rect)
            continue;
        const QPointF a = line->point1->pixelPosition(), b = line->point2->pixelPosition();
        if (std::fabs(a.x() - b.x()) < 0.5 && a.x() >= r.left() && a.x() <= r.right())
            return true; // a vertical line crosses the whole frame
        if (std::fabs(a.y() - b.y()) < 0.5 && a.y() >= r.top() && a.y() <= r.bottom())
            return true;
    }
    return false;
}

namespace {

void layOut(QCustomPlot* p)
{
    // rect(), not viewport(): a plot that was never shown (the CLI) has had no
    // resize event, so its viewport is still the default one.
    QCPLayoutGrid* layout = p->plotLayout();
    layout->setOuterRect(p->rect());
    layout->update(QCPLayoutElement::upPreparation);
    layout->update(QCPLayoutElement::upMargins);
    layout->update(QCPLayoutElement::upLayout);
}

QRectF cornerRect(const QRect& frame, const QSize& size, Qt::Alignment a)
{
    const double x = a & Qt::AlignLeft ? frame.left() : frame.right() - size.width() + 1;
    const double y = a & Qt::AlignTop ? frame.top() : frame.bottom() - size.height() + 1;
    return {x, y, double(size.width()), double(size.height())};
}

// The legend in a row of its own under its axes, entries side by side.
void moveUnder(QCustomPlot* p, QCPAxisRect* rect, QCPLegend* legend)
{
    QCPLayoutGrid* layout = p->plotLayout();
    rect->insetLayout()->take(legend);
    rect->insetLayout()->simplify();
    int widest = 1;
    for (int i = 0; i < legend->itemCount(); ++i)
        widest = std::max(widest, legend->item(i)->minimumOuterSizeHint().width());
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    legend->setWrap(std::max(1, (p->width() - 40) / (widest + legend->columnSpacing())));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    int row = 0;
    while (row < layout->rowCount() && layout->element(row, 0) != rect)
        ++row;
    layout->insertRow(row + 1);
    layout->addElement(row + 1, 0, legend);
    layout->setRowStretchFactor(row + 1, 0.001);
}

// Raises the top of every vertical axis of the rect so the data spans 1 − f of the height.
void raiseTop(QCPAxisRect* rect, double f)
{
    for (QCPAxis* y : rect->axes(QCPAxis::atLeft | QCPAxis::atRight)) {
        const QCPRange r = y->range();
        if (y->scaleType() == QCPAxis::stLogarithmic && r.lower > 0 && r.upper > r.lower)
            y->setRange(r.lower, r.lower * std::pow(r.upper / r.lower, 1.0 / (1.0 - f)));
        else if (y->scaleType() != QCPAxis::stLogarithmic && r.upper > r.lower)
            y->setRange(r.lower, r.lower + (r.upper - r.lower) / (1.0 - f));
    }
}

void placeLegend(QCustomPlot* p, QCPAxisRect* rect, QCPLegend* legend)
{
    QCPLayoutInset* inset = rect->insetLayout();
    int index = -1;
    for (int i = 0; i < inset->elementCount(); ++i)
        if (inset->elementAt(i) == legend)
            index = i;
    if (index < 0)
        return;
    const QSize size = legend->outerRect().size().expandedTo(legend->minimumOuterSizeHint());
    const double height = rect->rect().height();
    if (height <= 0)
        return;
    // The figure's own choice first, then the other corners.
    const Qt::Alignment own = inset->insetAlignment(index);
    QList<Qt::Alignment> corners{own};
    for (Qt::Alignment a : {Qt::AlignRight | Qt::AlignTop, Qt::AlignLeft | Qt::AlignTop,
                            Qt::AlignRight | Qt::AlignBottom, Qt::AlignLeft | Qt::AlignBottom})
        if (a != own)
            corners << a;
    const double f = (size.height() + 6.0) / height;
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (Qt::Alignment a : corners)
            if (!legendCoversData(p, rect, cornerRect(rect->rect(), size, a))) {
                inset->setInsetAlignment(index, a);
                return;
            }
        // No free corner: make room above the data (a tall legend, six
        // Compare entries at presentation size, goes under the axes instead).
        if (attempt == 0 && f <= 0.45)
            raiseTop(rect, f);
        else
            break;
    }
    moveUnder(p, rect, legend);
}

} // namespace

void placeLegends(QCustomPlot* p)
{
    layOut(p);
    QList<QPair<QCPAxisRect*, QCPLegend*>> legends;
    for (QCPAxisRect* r : p->axisRects())
        for (QCPLayoutElement* e : r->insetLayout()->elements(false))
            if (auto* l = qobject_cast<QCPLegend*>(e); l && l->visible() && l->itemCount() > 0)
                legends.append({r, l});
    for (const auto& [rect, legend] : legends) {
        placeLegend(p, rect, legend);
        layOut(p);
    }
}

} // namespace qs::plotparts
