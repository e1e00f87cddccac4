#pragma once
// QuantResult as JSON: the document `quantscope-cli quantize --json` prints
// and the GUI exports next to a figure (docs/quantization.md lists the keys).
#include "quant/quantresult.h"

#include <QJsonObject>
#include <QJsonValue>

namespace qs {

struct ResultJsonOptions
{
    bool values = false;            // add "codes" (when computed) and "dequantized" arrays
    std::int64_t maxGroups = 65536; // "params" lists at most this many groups ("params_truncated" says so)
    bool histograms = false;        // add the three histograms
};

QJsonObject toJson(const QuantResult& result, const ResultJsonOptions& options = {});

// A double as JSON: a number when finite, else "inf", "-inf" or "nan".
QJsonValue jsonReal(double value);

} // namespace qs
