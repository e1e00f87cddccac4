// The inspector line of the plots with more than one panel (Error,
// Calibration, Channels): which panel is under the mouse decides what is
// shown. The Histogram and Transfer plots use onHover (explorerview.cpp).
#include "explorer/explorerview.h"
#include "explorer/formula.h"

#include <QLabel>

#include <qcustomplot.h>

#include <cmath>

namespace qs {

void ExplorerView::onInspect(FigureKind kind, QPointF pos)
{
    if (!m_inputs.result || m_dirty[int(kind)])
        return; // the plot still shows older data than m_inputs
    QCustomPlot* p = m_plots[int(kind)];
    QCPAxisRect* rect = p->axisRectAt(pos);
    if (!rect || !rect->rect().contains(pos.toPoint()))
        return; // margins and the caption: keep the last text
    const QuantResult& r = *m_inputs.result;
    const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    const bool first = rect == p->axisRect(0);
    QString html;
    switch (kind) {
    case FigureKind::Error:
        if (first) {
            html = histogramBinHtml(r.histError, x, tr("error x̂ − x"));
        } else {
            const ValueInspection v = inspectValue(r, m_inputs.transfer, x);
            html = inspectionHtml(v, r.histOriginal, r.histDequantized);
        }
        break;
    case FigureKind::Calibration:
        if (first && !r.calibration.curve.x.empty()) {
            html = calibrationPointHtml(r.calibration.curve, m_inputs.choices, x);
        } else {
            html = histogramBinHtml(r.histOriginal, x, tr("x"));
            const QString near = nearestMethodHtml(m_inputs.choices, x);
            if (!near.isEmpty())
                html += QStringLiteral("<br>") + near;
        }
        break;
    case FigureKind::Channels:
        if (first) {
            const long k = std::lround(x);
            if (std::fabs(x - double(k)) <= 0.5)
                html = channelHtml(m_inputs.channels, r, int(k));
        } else {
            html = histogramBinHtml(m_inputs.channels.selectedHistogram, x,
                                    tr("%1 %2").arg(m_inputs.channels.groupName).arg(m_inputs.channels.selected));
        }
        break;
    default: break;
    }
    if (!html.isEmpty())
        m_inspector->setText(html);
}

} // namespace qs
