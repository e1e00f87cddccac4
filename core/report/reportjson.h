#pragma once
// The model report as JSON and CSV (docs/report.md lists the keys).
#include "report/modelreport.h"
#include "report/planner.h"

#include <QJsonObject>

#include <string>

namespace qs {

// {file, format, schemes, tensors: [{name, shape, dtype, count, stats: {...},
// schemes: {"<label>": {sqnr_db, mse, bits_per_value, ...}}}], totals: {"<label>":
// {sqnr_db, mse, bits_per_value, bits, bytes, tensors, values}}, ranking, skipped,
// plan (when `plan` is given)}. Non-finite numbers are the strings "inf", "-inf", "nan".
QJsonObject reportToJson(const ModelReport& report, const ReportPlan* plan = nullptr);
QJsonObject planToJson(const ModelReport& report, const ReportPlan& plan);

// One row per tensor and scheme: tensor,shape,dtype,count,absmax,std,kurtosis,
// outlier_ratio,outlier_channel,scheme,sqnr_db,mse,bits_per_value,bits,error
// (fields quoted as RFC 4180 when they hold a comma, quote or line break).
std::string reportToCsv(const ModelReport& report);

// A double as JSON: a number when finite, else "inf", "-inf" or "nan".
QJsonValue reportNumber(double v);

} // namespace qs
