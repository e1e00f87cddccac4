#include "explorer/plotinteraction.h"

#include <QMouseEvent>

#include <qcustomplot.h>

#include <cmath>

namespace qs {

namespace {
constexpr double kGrabPixels = 8; // how close to a line a press must be to grab it
}

PlotInteraction::PlotInteraction(QCustomPlot* plot) : QObject(plot), m_plot(plot)
{
    plot->installEventFilter(this);
    plot->setMouseTracking(true);
}

void PlotInteraction::setClipLines(QCPItemStraightLine* lo, QCPItemStraightLine* hi)
{
    m_lo = lo;
    m_hi = hi;
    // Every step of a drag sets a manual range, and its result rebuilds the
    // figure with new line items: the drag goes on with them. (Resetting here
    // ended a real drag after its first step; synthetic events in a burst
    // never saw a rebuild in between.)
    if (!lo || !hi)
        m_drag = None;
}

bool PlotInteraction::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_plot || !m_plot->xAxis)
        return false;
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove && type != QEvent::MouseButtonRelease)
        return false;
    auto* me = static_cast<QMouseEvent*>(event);
    const QPointF pos = me->position();
    const double x = m_plot->xAxis->pixelToCoord(pos.x());
    const double y = m_plot->yAxis ? m_plot->yAxis->pixelToCoord(pos.y()) : 0;
    auto near = [&](QCPItemStraightLine* l) {
        return l && std::fabs(l->point1->pixelPosition().x() - pos.x()) <= kGrabPixels;
    };
    switch (type) {
    case QEvent::MouseButtonPress:
        if (me->button() != Qt::LeftButton)
            return false;
        if (near(m_lo))
            m_drag = Lo;
        else if (near(m_hi))
            m_drag = Hi;
        if (m_drag != None) {
            m_plot->setCursor(Qt::SizeHorCursor);
            return true;
        }
        emit clicked(x, y);
        emit inspected(pos);
        return false;
    case QEvent::MouseMove:
        if (m_drag != None) {
            QCPItemStraightLine* l = m_drag == Lo ? m_lo : m_hi;
            if (l) {
                l->point1->setCoords(x, 0);
                l->point2->setCoords(x, 1);
                m_plot->replot(QCustomPlot::rpQueuedReplot);
            }
            emit clipDragged(m_drag == Lo ? 0 : 1, x, false);
            return true;
        }
        m_plot->setCursor(near(m_lo) || near(m_hi) ? Qt::SizeHorCursor : Qt::CrossCursor);
        emit hovered(x);
        emit inspected(pos);
        return false;
    case QEvent::MouseButtonRelease:
        if (m_drag != None) {
            const int which = m_drag == Lo ? 0 : 1;
            m_drag = None;
            m_plot->setCursor(Qt::CrossCursor);
            emit clipDragged(which, x, true);
            return true;
        }
        return false;
    default: return false;
    }
}

} // namespace qs
