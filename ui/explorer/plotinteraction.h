#pragma once
// Mouse handling of a plot tab: dragging the clip lines of the histogram,
// hovering to inspect a value, clicking a channel box. It only reports data
// coordinates; the explorer turns them into session commands.
#include <QObject>
#include <QPointF>
#include <QPointer>

class QCustomPlot;
class QCPItemStraightLine;

namespace qs {

class PlotInteraction : public QObject
{
    Q_OBJECT
public:
    explicit PlotInteraction(QCustomPlot* plot);

    // The lines that can be dragged (null: none in this figure).
    void setClipLines(QCPItemStraightLine* lo, QCPItemStraightLine* hi);
    bool isDragging() const { return m_drag != None; }

signals:
    // x of the dragged line; `which` 0 = lower, 1 = upper; finished on release.
    void clipDragged(int which, double x, bool finished);
    void hovered(double x);
    void clicked(double x, double y);
    // The mouse pixel of a hover or a press (not of a drag): plots with
    // several axis rects find out which panel is under the cursor from it.
    void inspected(QPointF pos);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum Drag { None, Lo, Hi };
    QCustomPlot* m_plot;
    QPointer<QCPItemStraightLine> m_lo, m_hi;
    Drag m_drag = None;
};

} // namespace qs
