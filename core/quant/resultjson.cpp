#include "quant/resultjson.h"

#include "quant/pipeline.h"

#include <QJsonArray>

#include <cmath>

namespace qs {

QJsonValue jsonReal(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return value;
}

namespace {

QJsonArray shapeArray(const Shape& shape)
{
    QJsonArray a;
    for (auto d : shape)
        a.append(qint64(d));
    return a;
}

QJsonArray realArray(const std::vector<double>& v)
{
    QJsonArray a;
    for (double d : v)
        a.append(jsonReal(d));
    return a;
}

QJsonObject histogramJson(const Histogram& h)
{
    QJsonObject o;
    o["lo"] = jsonReal(h.lo);
    o["hi"] = jsonReal(h.hi);
    QJsonArray counts;
    for (auto c : h.counts)
        counts.append(qint64(c));
    o["counts"] = counts;
    o["below"] = qint64(h.below);
    o["above"] = qint64(h.above);
    o["nonfinite"] = qint64(h.nonfinite);
    return o;
}

} // namespace

std::string blockDirectionText(const QuantResult& r)
{
    const Granularity& g = r.config.granularity;
    if (g.kind != Granularity::Kind::Block)
        return "none";
    if (r.config.convention == QuantConvention::Bitsandbytes || g.blockAxis == Granularity::BlockAxis::Flat)
        return "flattened tensor (blocks cross rows)";
    if (g.blockAxis == Granularity::BlockAxis::Axis)
        return "axis " + std::to_string(g.axis);
    if (r.shape.size() >= 2) {
        std::int64_t length = 1;
        for (std::size_t a = 1; a < r.shape.size(); ++a)
            length *= r.shape[a];
        return "rows of " + std::to_string(length) + " (2-D view [" + std::to_string(r.shape[0]) + ", " +
               std::to_string(length) + "])";
    }
    return "one row of " + std::to_string(r.n);
}

QJsonObject toJson(const QuantResult& r, const ResultJsonOptions& options)
{
    QJsonObject o;
    o["config"] = r.config.toJson();
    o["summary"] = QString::fromStdString(r.config.summary());
    o["n"] = qint64(r.n);
    o["shape"] = shapeArray(r.shape);
    o["groups"] = qint64(r.groups.size());
    o["group_shape"] = shapeArray(r.groupShape);
    o["code_min"] = r.codeMin;
    o["code_max"] = r.codeMax;

    const bool mx = r.config.kind == QuantizerKind::Mx;
    QJsonArray params;
    const std::size_t listed = std::min<std::size_t>(r.groups.size(), std::size_t(options.maxGroups));
    for (std::size_t g = 0; g < listed; ++g) {
        const GroupParams& p = r.groups[g];
        QJsonObject gp;
        gp["scale"] = jsonReal(p.scale);
        gp["zero_point"] = jsonReal(p.zeroPoint);
        gp["clip_min"] = jsonReal(p.clipMin);
        gp["clip_max"] = jsonReal(p.clipMax);
        gp["count"] = qint64(p.count);
        if (mx)
            gp["scale_e8m0"] = mxScaleCode(p.scale);
        params.append(gp);
    }
    o["params"] = params;
    if (listed < r.groups.size())
        o["params_truncated"] = true;

    const QuantMetrics& m = r.metrics;
    QJsonObject metrics;
    metrics["mse"] = jsonReal(m.mse);
    metrics["rmse"] = jsonReal(m.rmse);
    metrics["sqnr_db"] = jsonReal(m.sqnrDb);
    metrics["max_abs_error"] = jsonReal(m.maxAbsError);
    metrics["mean_abs_error"] = jsonReal(m.meanAbsError);
    metrics["clipped_fraction"] = jsonReal(m.clippedFraction);
    metrics["kl_divergence"] = jsonReal(m.klDivergence);
    metrics["bits_per_value"] = jsonReal(r.bitsPerValue);
    metrics["count"] = qint64(m.count);
    o["metrics"] = metrics;

    // Everything bits/value counts (quant/storage.h), in bits.
    const StorageAccount& st = r.storage;
    QJsonObject storage;
    storage["code_bits"] = st.codeBits;
    storage["scale_format"] = QString::fromStdString(st.scaleFormat);
    storage["scale_bits"] = st.scaleBits;
    storage["zero_point_bits"] = st.zeroPointBits;
    if (st.zeroPointBits > 0)
        storage["zero_point_type"] = st.zeroPointFloat ? "float" : (st.zeroPointSigned ? "signed" : "unsigned");
    storage["groups"] = qint64(st.groups);
    storage["partial_blocks"] = qint64(st.partialBlocks);
    storage["padding_values"] = qint64(st.paddingValues);
    storage["outlier_values"] = qint64(st.outlierValues);
    storage["outlier_columns"] = qint64(st.outlierColumns);
    QJsonObject bits;
    bits["codes"] = st.codes;
    bits["scales"] = st.scales;
    bits["zero_points"] = st.zeroPoints;
    bits["outliers"] = st.outliers;
    bits["padding"] = st.padding;
    bits["tables"] = st.tables;
    bits["total"] = st.totalBits();
    storage["bits"] = bits;
    if (!st.tableWhat.empty())
        storage["tables"] = QString::fromStdString(st.tableWhat);
    o["storage"] = storage;
    o["block_direction"] = QString::fromStdString(blockDirectionText(r));
    if (!r.mxClipping.empty()) {
        QJsonObject mxo;
        mxo["scale_rule"] = QString::fromStdString(toString(r.config.mxScaleRule));
        QJsonObject byRule;
        for (const MxRuleClipping& c : r.mxClipping)
            byRule[QString::fromStdString(toString(c.rule))] = jsonReal(c.clippedFraction);
        mxo["clipped_fraction_by_rule"] = byRule;
        o["mx"] = mxo;
    }

    const CalibrationResult& c = r.calibration;
    QJsonObject cal;
    cal["method"] = QString::fromStdString(toString(c.method));
    cal["spec"] = QString::fromStdString(r.config.calibration.toString());
    cal["clip_min"] = jsonReal(c.clipMin);
    cal["clip_max"] = jsonReal(c.clipMax);
    if (!c.message.empty())
        cal["message"] = QString::fromStdString(c.message);
    if (!c.curve.x.empty()) {
        QJsonObject curve;
        if (r.curveGroup >= 0)
            curve["group"] = qint64(r.curveGroup);
        curve["x_label"] = QString::fromStdString(c.curve.xLabel);
        curve["y_label"] = QString::fromStdString(c.curve.yLabel);
        curve["x"] = realArray(c.curve.x);
        curve["y"] = realArray(c.curve.y);
        curve["chosen"] = jsonReal(c.curve.chosenX);
        cal["curve"] = curve;
    }
    o["calibration"] = cal;

    QJsonObject nonfinite;
    nonfinite["count"] = qint64(r.nonfinite);
    nonfinite["policy"] = QString::fromStdString(r.nonfinitePolicy);
    o["nonfinite"] = nonfinite;

    if (r.config.outliers != OutlierMode::Off) {
        QJsonObject out;
        out["mode"] = QString::fromStdString(toString(r.config.outliers));
        out["threshold"] = r.config.outlierThreshold;
        out["count"] = qint64(r.outliers);
        out["columns"] = qint64(r.outlierColumns);
        o["outliers"] = out;
    }
    if (!r.levels.empty())
        o["levels"] = realArray(r.levels);
    if (r.config.kind == QuantizerKind::KMeans) {
        QJsonObject k;
        k["iterations"] = r.kmeans.iterations;
        k["converged"] = r.kmeans.converged;
        k["distortion"] = realArray(r.kmeans.distortion);
        o["kmeans"] = k;
    }
    if (options.values) {
        if (!r.codes.empty()) {
            QJsonArray codes;
            for (auto q : r.codes)
                codes.append(q);
            o["codes"] = codes;
        }
        QJsonArray deq;
        for (float v : r.dequantized.values())
            deq.append(jsonReal(double(v)));
        o["dequantized"] = deq;
    }
    if (options.histograms) {
        QJsonObject h;
        h["original"] = histogramJson(r.histOriginal);
        h["dequantized"] = histogramJson(r.histDequantized);
        h["error"] = histogramJson(r.histError);
        o["histograms"] = h;
    }
    QJsonArray messages;
    for (const auto& msg : r.messages)
        messages.append(QString::fromStdString(msg));
    o["messages"] = messages;
    QJsonArray warnings;
    for (const auto& w : r.warnings)
        warnings.append(QString::fromStdString(w));
    o["warnings"] = warnings;
    return o;
}

} // namespace qs
