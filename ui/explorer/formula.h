#pragma once
// The text of the Metrics panel and the inspector: numbers of a QuantResult in
// words and formulas, with the current values substituted so a student sees
// what the symbols stand for.
#include "plots/figuredata.h"

#include <QColor>
#include <QString>

namespace qs {

// e.g. "q = clamp(round(x / 0.02745) + 0, −127, 127)   x̂ = 0.02745 · (q − 0)".
QString quantFormula(const QuantResult& result);
// x̂ (x + U+0302) set in italic: the regular face of common UI fonts puts the
// hat far above the x. For the HTML of labels and tooltips.
QString italicHats(const QString& html);
// Each metric's name in metricsHtml links to "tip:" + its one-sentence
// meaning (percent-encoded); MetricsLabel shows it as the name's tooltip.
QString metricTipHref(const QString& tip);
QString metricTipFromHref(const QString& href); // empty when href is not a tip
// Scale(s), zero point(s), clip range, MSE, SQNR, max error, clipped %,
// bits/value; with `pinned`, the difference to the reference after each metric.
// nameColor: the text colour of the names (they are links, see metricTipHref).
QString metricsHtml(const QuantResult& result, const QuantResult* pinned, const QColor& nameColor = {});

// What happens to one value x under the first group's grid: its code, the
// dequantized value, the error and the code's bits.
struct ValueInspection
{
    double x = 0, xhat = 0, error = 0;
    qint64 code = 0;
    bool haveCode = false;
    QString bits; // the code in binary (integer grids: two's complement), float formats: the bit pattern
};
ValueInspection inspectValue(const QuantResult& result, const TransferCurve& transfer, double x);
QString inspectionHtml(const ValueInspection& v, const Histogram& original, const Histogram& dequantized);

// The bin of `h` that holds v: "<b>name</b> in [a, b): N values (p % of all)".
QString histogramBinHtml(const Histogram& h, double v, const QString& name);
// The clip value a point of a calibration curve stands for: x when the curve
// searches clip values (KL, MSE), else y (percentile of |x|, running amax).
double curveClipValue(const CalibrationCurve& curve, std::size_t i);
// The point of the objective curve nearest to x, what the method chose, and
// the other method whose clip value is nearest to that point.
QString calibrationPointHtml(const CalibrationCurve& curve, const std::vector<MethodChoice>& choices, double x);
// The other method whose clip range has an end nearest to v (empty when none).
QString nearestMethodHtml(const std::vector<MethodChoice>& choices, double v);
// Channel (or block) `index` of the Channels plot: its range, scale and zero point.
QString channelHtml(const ChannelStats& c, const QuantResult& result, int index);

} // namespace qs
