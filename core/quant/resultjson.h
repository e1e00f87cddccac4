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

// Where the blocks of a block granularity ran: "rows of 576 (2-D view [32, 576])",
// "axis 1", "flattened tensor (blocks cross rows)"; "none" without blocks.
std::string blockDirectionText(const QuantResult& result);

// A double as JSON: a number when finite, else "inf", "-inf" or "nan".
QJsonValue jsonReal(double value);

} // namespace qs
