#pragma once
// Builders of the explorer's figures: each clears a QCustomPlot and draws one
// standard figure of the field (docs/course.md "Standard figures") from FigureInputs, with axis
// labels, a legend and a caption line naming the settings. The explorer's
// plot tabs and `quantscope-cli plot` call the same builders.
#include "plots/figuredata.h"

#include <QColor>
#include <QString>

class QCustomPlot;
class QCPItemStraightLine;

namespace qs {

struct FigureStyle
{
    double scale = 1.0;        // fonts, pens and markers: the interface zoom (common/uizoom.h)
    bool dark = false;         // dark background
    bool highContrast = false; // saturated colours, thicker lines
    bool logY = false;
    bool onScreen = true; // false for an export: no instruction for the mouse ("click a box ...")
    QString caption;   // the settings line under the figure (empty: none)
    QString dataLabel; // what the data is, for the caption

    QColor background() const;
    QColor foreground() const;
    QColor original() const;
    QColor dequantized() const;
    QColor clip() const;
    QColor pinned() const;
    // A colour-blind-safe series colour (Okabe-Ito, then Paul Tol's muted
    // extras): kSeriesColours distinct colours before one repeats.
    static constexpr int kSeriesColours = 10;
    QColor series(int i) const;
    // The pen style of series i: solid for the first kSeriesColours, then dashed, dotted ...
    Qt::PenStyle seriesStyle(int i) const;
};

// Handles to the interactive parts of a figure (the explorer makes the clip lines draggable).
struct FigureItems
{
    QCPItemStraightLine* clipLo = nullptr;
    QCPItemStraightLine* clipHi = nullptr;
};

// The caption line: quantizer, calibration, data and the headline metrics.
// "int4 channel:0", "nf4 block:64", "int8": the quantizer and, unless per tensor,
// its grouping (the Compare plot's legend and table).
// A calibration other than min-max is named too ("int4 channel:0 mse").
QString shortQuantizerName(const QuantConfig& config);
// The result's warnings (partial or padded blocks ...), one "warning: ..." line each.
QString warningsText(const QuantResult& r);
QString figureCaption(const QuantResult& result, const QString& dataLabel);

// Draws `kind`. `x` is the original tensor (error vs x), `pinned` an optional
// reference result drawn in grey (A/B).
FigureItems buildFigure(QCustomPlot* plot, FigureKind kind, const FigureInputs& inputs, const Tensor& x,
                        const FigureStyle& style, const QuantResult* pinned = nullptr);

// The plotted series as CSV (series,x,y / box rows): what a figure shows, as numbers.
QString figureDataCsv(QCustomPlot* plot);
bool writeFigureCsv(QCustomPlot* plot, const QString& path, QString* error = nullptr);

} // namespace qs
