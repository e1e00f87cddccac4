#pragma once
// The text of the Metrics panel and the inspector: numbers of a QuantResult in
// words and formulas, with the current values substituted so a student sees
// what the symbols stand for.
#include "plots/figuredata.h"

#include <QString>

namespace qs {

// e.g. "q = clamp(round(x / 0.02745) + 0, −127, 127)   x̂ = 0.02745 · (q − 0)".
QString quantFormula(const QuantResult& result);
// Scale(s), zero point(s), clip range, MSE, SQNR, max error, clipped %,
// bits/value; with `pinned`, the difference to the reference after each metric.
QString metricsHtml(const QuantResult& result, const QuantResult* pinned);

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

} // namespace qs
