// reportToJson / reportToCsv (reportjson.h).
#include "report/reportjson.h"

#include "options/specreader.h"
#include "tensor/tensor.h"

#include <QJsonArray>

#include <cmath>

namespace qs {

QJsonValue reportNumber(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return v;
}

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QJsonArray shapeJson(const Shape& shape)
{
    QJsonArray a;
    for (auto d : shape)
        a.append(qint64(d));
    return a;
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string num(double v)
{
    return shortestNumberText(v);
}

} // namespace

QJsonObject planToJson(const ModelReport& report, const ReportPlan& plan)
{
    QJsonObject recipe;
    for (std::size_t t = 0; t < report.tensors.size() && t < plan.choice.size(); ++t)
        if (plan.choice[t] >= 0)
            recipe.insert(q(report.tensors[t].name), q(report.schemes[std::size_t(plan.choice[t])].label));
    QJsonArray lines;
    for (const std::string& l : llamaQuantizeLines(report, plan))
        lines.append(q(l));
    return QJsonObject{{"budget_bits_per_value", reportNumber(plan.budget)},
                       {"feasible", plan.feasible},
                       {"method", plan.exact ? "exact" : "greedy"},
                       {"min_bits_per_value", reportNumber(plan.minBitsPerValue)},
                       {"bits_per_value", reportNumber(plan.bitsPerValue)},
                       {"bits", reportNumber(plan.bits)},
                       {"bytes", reportNumber(std::ceil(plan.bits / 8))},
                       {"sqnr_db", reportNumber(plan.sqnrDb)},
                       {"recipe", recipe},
                       {"llama_quantize", lines}};
}

QJsonObject reportToJson(const ModelReport& report, const ReportPlan* plan)
{
    QJsonArray schemes;
    for (const ReportScheme& s : report.schemes)
        schemes.append(q(s.label));
    QJsonArray tensors;
    for (const ReportTensor& t : report.tensors) {
        const ReportTensorStats& st = t.stats;
        QJsonObject stats{{"absmax", reportNumber(st.absmax)},
                          {"mean", reportNumber(st.mean)},
                          {"std", reportNumber(st.std)},
                          {"kurtosis", reportNumber(st.kurtosis)},
                          {"outlier_ratio", reportNumber(st.outlierRatio)},
                          {"outlier_channel", qint64(st.outlierChannel)},
                          {"nonfinite", qint64(st.nonfinite)}};
        QJsonObject per;
        for (std::size_t s = 0; s < t.schemes.size() && s < report.schemes.size(); ++s) {
            const ReportSchemeResult& r = t.schemes[s];
            QJsonObject o;
            if (r.ok) {
                o = QJsonObject{{"sqnr_db", reportNumber(r.sqnrDb)},
                                {"mse", reportNumber(r.mse)},
                                {"bits_per_value", reportNumber(r.bitsPerValue)},
                                {"bits", reportNumber(r.bits)}};
                if (!r.warnings.empty()) {
                    QJsonArray w;
                    for (const auto& x : r.warnings)
                        w.append(q(x));
                    o.insert("warnings", w);
                }
            } else {
                o.insert("error", q(r.error));
            }
            per.insert(q(report.schemes[s].label), o);
        }
        tensors.append(QJsonObject{{"name", q(t.name)},
                                   {"shape", shapeJson(t.shape)},
                                   {"dtype", q(t.dtype)},
                                   {"count", qint64(t.count)},
                                   {"stats", stats},
                                   {"schemes", per}});
    }
    QJsonObject totals;
    for (std::size_t s = 0; s < report.totals.size(); ++s) {
        const ReportTotal& T = report.totals[s];
        totals.insert(q(report.schemes[s].label), QJsonObject{{"sqnr_db", reportNumber(T.sqnrDb)},
                                                              {"mse", reportNumber(T.mse)},
                                                              {"bits_per_value", reportNumber(T.bitsPerValue)},
                                                              {"bits", reportNumber(T.bits)},
                                                              {"bytes", qint64(T.bytes)},
                                                              {"tensors", qint64(T.tensors)},
                                                              {"values", qint64(T.values)}});
    }
    QJsonArray ranking;
    for (std::size_t i : report.ranking)
        ranking.append(q(report.tensors[i].name));
    QJsonArray skipped;
    for (const auto& [name, why] : report.skipped)
        skipped.append(QJsonObject{{"name", q(name)}, {"reason", q(why)}});
    QJsonObject o{{"file", q(report.file)}, {"format", q(report.format)}, {"schemes", schemes}, {"tensors", tensors},
                  {"totals", totals},       {"ranking", ranking},         {"skipped", skipped}};
    if (plan)
        o.insert("plan", planToJson(report, *plan));
    return o;
}

std::string reportToCsv(const ModelReport& report)
{
    std::string out = "tensor,shape,dtype,count,absmax,std,kurtosis,outlier_ratio,outlier_channel,scheme,sqnr_db,mse,"
                      "bits_per_value,bits,error\n";
    for (const ReportTensor& t : report.tensors) {
        const ReportTensorStats& st = t.stats;
        const std::string head = csvField(t.name) + "," + csvField(Tensor::shapeString(t.shape)) + "," +
                                 csvField(t.dtype) + "," + std::to_string(t.count) + "," + num(st.absmax) + "," +
                                 num(st.std) + "," + num(st.kurtosis) + "," + num(st.outlierRatio) + "," +
                                 std::to_string(st.outlierChannel) + ",";
        for (std::size_t s = 0; s < t.schemes.size() && s < report.schemes.size(); ++s) {
            const ReportSchemeResult& r = t.schemes[s];
            out += head + csvField(report.schemes[s].label) + ",";
            out += r.ok ? num(r.sqnrDb) + "," + num(r.mse) + "," + num(r.bitsPerValue) + "," + num(r.bits) + ","
                        : ",,,," + csvField(r.error);
            out += "\n";
        }
    }
    return out;
}

} // namespace qs
