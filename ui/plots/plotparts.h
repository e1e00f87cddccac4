#pragma once
// The pieces every figure is built from, shared by the figure builders
// (figures.cpp): each is a small step of drawing with QCustomPlot.
#include "analysis/histogram.h"
#include "plots/figures.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QString>

class QCPAxis;
class QCPAxisRect;
class QRectF;
class QCPGraph;
class QCPItemStraightLine;
class QCPLegend;
class QCustomPlot;

namespace qs::plotparts {

// A number as the figures print it (%g with `digits` significant digits).
QString num(double v, int digits = 4);

// Clears the plot to one axis rect with an inset legend (top right).
void resetPlot(QCustomPlot* p, const FigureStyle& s);
void styleRect(QCPAxisRect* rect, const FigureStyle& s);
void styleLegendOf(QCPLegend* legend, const FigureStyle& s);
void styleLegend(QCustomPlot* p, const FigureStyle& s);

// Breaks the caption's lines to `width` pixels: at " · " first, then at spaces.
QString wrapCaption(const QString& caption, const QFont& font, int width);
// The settings line under the figure (FigureStyle::caption), when there is one.
void addCaption(QCustomPlot* p, const FigureStyle& s);

// A histogram as a step line (optionally filled), counts times scaleY.
QCPGraph* stepGraph(QCustomPlot* p, QCPAxis* x, QCPAxis* y, const Histogram& h, const QString& name, QColor c,
                    double width, bool fill, double scaleY = 1.0);
// A vertical line at x across `rect`, clipped to it.
QCPItemStraightLine* vline(QCustomPlot* p, QCPAxisRect* rect, double x, QColor c, double width, Qt::PenStyle style);
// A legend entry for items (which have none of their own).
void legendProxy(QCustomPlot* p, const QString& name, const QPen& pen);

// A log axis with ticks 1, 10, 10², … (no-op when `log` is false).
void setLogY(QCPAxis* y, bool log);
// The y range of the data with a margin (from 0.5 on a log axis).
void fitY(QCPAxis* y, bool log);
// Puts each legend of the figure where it covers no data (legendplacement.cpp):
// the figure's own corner or another free one, else above the data after
// raising the top of the y range, else in a row of its own under the axes.
// Call after the caption is added, at the size the figure is shown or exported.
void placeLegends(QCustomPlot* p);
// True when any data of `rect` (points, lines, filled areas, boxes, clip
// lines) lies in `legend`, a rectangle in the plot's pixels.
bool legendCoversData(QCustomPlot* p, QCPAxisRect* rect, const QRectF& legend);

} // namespace qs::plotparts
