#include "explorer/formula.h"

#include "formats/error.h"
#include "formats/numberformat.h"

#include <QObject>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

QString n(double v, int digits = 4)
{
    // U+2212 minus: what a slide shows, and unambiguous next to a hyphen.
    QString s = QString::number(v, 'g', digits);
    if (s.startsWith(QLatin1Char('-')))
        s.replace(0, 1, QChar(0x2212));
    return s;
}

QString delta(double now, double before, int digits = 3)
{
    const double d = now - before;
    if (!std::isfinite(d))
        return {};
    return QStringLiteral(" <span style='color:gray'>(Δ %1%2)</span>")
        .arg(d >= 0 ? QStringLiteral("+") : QString(), n(d, digits));
}

QString binary(qint64 v, int bits)
{
    const quint64 mask = bits >= 64 ? ~0ull : ((1ull << bits) - 1);
    return QString::number(quint64(v) & mask, 2).rightJustified(bits, QLatin1Char('0'));
}

} // namespace

QString italicHats(const QString& html)
{
    // DejaVu Sans Book (the usual Linux UI font) positions U+0302 over "x"
    // far above the line: the hat vanished at normal size and landed on the
    // line above at 1.75x. Its oblique face (and the bold one) place it right,
    // and italic is how a formula sets a variable anyway.
    static const QString hat = QStringLiteral("x\u0302");
    QString out = html;
    out.replace(hat, QStringLiteral("<i>") + hat + QStringLiteral("</i>"));
    return out;
}

QString metricTipHref(const QString& tip)
{
    return QStringLiteral("tip:") + QString::fromLatin1(QUrl::toPercentEncoding(italicHats(tip)));
}

QString metricTipFromHref(const QString& href)
{
    if (!href.startsWith(QLatin1String("tip:")))
        return {};
    return QUrl::fromPercentEncoding(href.mid(4).toLatin1());
}

QString quantFormula(const QuantResult& r)
{
    if (r.groups.empty())
        return {};
    const GroupParams& g = r.groups.front();
    const QuantConfig& c = r.config;
    const QString gnote = r.groups.size() > 1 ? QObject::tr("  (group 0 of %1)").arg(r.groups.size()) : QString();
    switch (c.kind) {
    case QuantizerKind::Uniform: {
        const QString zp =
            g.zeroPoint >= 0 ? QStringLiteral("+ %1").arg(n(g.zeroPoint)) : QStringLiteral("− %1").arg(n(-g.zeroPoint));
        return QObject::tr("q = clamp(round(x / %1) %2, %3, %4)<br>x̂ = %1 · (q − %5)%6")
            .arg(n(g.scale), zp, n(r.codeMin), n(r.codeMax), n(g.zeroPoint), gnote);
    }
    case QuantizerKind::Float:
        return QObject::tr("x̂ = %1 · %2(x / %1)   (round to the nearest %2 value)%3")
            .arg(n(g.scale), QString::fromStdString(c.format), gnote);
    case QuantizerKind::Mx:
        return QObject::tr(
                   "x̂ = 2<sup>e</sup> · %1(x / 2<sup>e</sup>),  2<sup>e</sup> = %2 shared by 32 values (E8M0)%3")
            .arg(QString::fromStdString(c.format), n(g.scale), gnote);
    case QuantizerKind::Q4_0:
    case QuantizerKind::Q4_1:
    case QuantizerKind::Q8_0:
    case QuantizerKind::Q5_0:
    case QuantizerKind::Q5_1:
        return QObject::tr("x̂ = d · (q − %1),  d = %2 per block of 32 (fp16)%3").arg(n(g.zeroPoint), n(g.scale), gnote);
    case QuantizerKind::IQ4_NL:
        return QObject::tr("x̂ = d · level<sub>q</sub>  (16 non-uniform levels),  d = %1 per block of 32 (fp16)%2")
            .arg(n(g.scale), gnote);
    case QuantizerKind::Q2_K:
    case QuantizerKind::Q4_K:
    case QuantizerKind::Q5_K:
        return QObject::tr("x̂ = (d · s<sub>j</sub>) · q − dmin · m<sub>j</sub>,  d = %1 per super-block of 256 "
                           "(fp16), quantized sub-block scales s<sub>j</sub> and mins m<sub>j</sub> (Bit Lab ▸ "
                           "K-quant block)%2")
            .arg(n(g.scale), gnote);
    case QuantizerKind::Q3_K:
    case QuantizerKind::Q6_K:
        return QObject::tr("x̂ = (d · s<sub>j</sub>) · (q − %1),  d = %2 per super-block of 256 (fp16), quantized "
                           "sub-block scales s<sub>j</sub> (Bit Lab ▸ K-quant block)%3")
            .arg(c.kind == QuantizerKind::Q3_K ? 4 : 32)
            .arg(n(g.scale), gnote);
    default:
        return QObject::tr(
                   "q = argmin<sub>i</sub> |x / %1 − level<sub>i</sub>|,  x̂ = %1 · level<sub>q</sub>  (%2 levels)%3")
            .arg(n(g.scale))
            .arg(r.levels.size())
            .arg(gnote);
    }
}

QString metricsHtml(const QuantResult& r, const QuantResult* p, const QColor& nameColor)
{
    const QuantMetrics& m = r.metrics;
    // A link is drawn in the palette's link colour unless the anchor sets its own.
    const QString nameStyle = nameColor.isValid()
                                  ? QStringLiteral("text-decoration:none; color:%1").arg(nameColor.name())
                                  : QStringLiteral("text-decoration:none");
    auto row = [&nameStyle](const QString& name, const QString& tip, const QString& value) {
        // nowrap: "max |error|" broke after the bar in a narrow dock. The name is a
        // link only so that QLabel reports hovering it (MetricsLabel shows the tip):
        // a title attribute is never shown by a QLabel.
        return QStringLiteral("<tr><td nowrap><a href='%2' style='%4'><b>%1</b></a></td><td>%3</td></tr>")
            .arg(name, metricTipHref(tip), value, nameStyle);
    };
    QString scales;
    if (r.groups.size() == 1) {
        scales = n(r.groups[0].scale, 6);
    } else if (!r.groups.empty()) {
        const auto [lo, hi] =
            std::minmax_element(r.groups.begin(), r.groups.end(),
                                [](const GroupParams& a, const GroupParams& b) { return a.scale < b.scale; });
        scales = QObject::tr("%1 … %2 (%3 groups)").arg(n(lo->scale), n(hi->scale)).arg(r.groups.size());
    }
    QString h = QStringLiteral("<table cellspacing='3'>");
    h += row(QObject::tr("scale S"), QObject::tr("step between neighbouring levels"), scales);
    if (!r.groups.empty())
        h += row(QObject::tr("zero point Z"), QObject::tr("the code that represents 0"),
                 n(r.groups[0].zeroPoint, 6) + (r.groups.size() > 1 ? QObject::tr(" (group 0)") : QString()));
    h += row(QObject::tr("clip range"), QObject::tr("values outside are clamped to its ends"),
             QStringLiteral("[%1, %2]").arg(n(r.calibration.clipMin, 6), n(r.calibration.clipMax, 6)));
    auto metric = [&](const QString& name, const QString& tip, double v, double pv, int digits = 4) {
        return row(name, tip, n(v, digits) + (p ? delta(v, pv) : QString()));
    };
    h += metric(QObject::tr("MSE"), QObject::tr("mean squared error of x̂ against x"), m.mse, p ? p->metrics.mse : 0);
    h += metric(QObject::tr("SQNR"), QObject::tr("signal power over error power in decibels"), m.sqnrDb,
                p ? p->metrics.sqnrDb : 0);
    h.insert(h.lastIndexOf(QLatin1String("</td></tr>")), QStringLiteral(" dB"));
    h += metric(QObject::tr("max |error|"), QObject::tr("largest |x − x̂| of any value"), m.maxAbsError,
                p ? p->metrics.maxAbsError : 0);
    h += metric(QObject::tr("clipped"), QObject::tr("percentage of values outside the clip range"),
                100 * m.clippedFraction, p ? 100 * p->metrics.clippedFraction : 0);
    h.insert(h.lastIndexOf(QLatin1String("</td></tr>")), QStringLiteral(" %"));
    h += metric(QObject::tr("bits/value"),
                QObject::tr("everything stored per element: codes, scales, zero points, outliers with their index, "
                            "padding"),
                r.bitsPerValue, p ? p->bitsPerValue : 0);
    h += QStringLiteral("</table>");
    h += QStringLiteral("<p style='font-family:monospace'>%1</p>").arg(quantFormula(r));
    if (p)
        h += QObject::tr("<p style='color:gray'>Δ: change against the pinned reference %1</p>")
                 .arg(QString::fromStdString(p->config.quantizerSpec()).toHtmlEscaped());
    for (const auto& w : r.warnings)
        h += QStringLiteral("<p style='color:#b35900'><b>%1</b> %2</p>")
                 .arg(QObject::tr("warning:"), QString::fromStdString(w).toHtmlEscaped());
    for (const auto& msg : r.messages)
        h += QStringLiteral("<p><i>%1</i></p>").arg(QString::fromStdString(msg).toHtmlEscaped());
    return h;
}

ValueInspection inspectValue(const QuantResult& r, const TransferCurve& t, double x)
{
    ValueInspection v;
    v.x = x;
    if (t.x.empty())
        return v;
    // The transfer curve is the core's own x -> x̂ on a fine grid; outside it the value clamps.
    const auto it = std::lower_bound(t.x.begin(), t.x.end(), x);
    const std::size_t i = it == t.x.end() ? t.x.size() - 1 : std::size_t(it - t.x.begin());
    v.xhat = x < t.x.front() ? t.xhat.front() : (x > t.x.back() ? t.xhat.back() : t.xhat[i]);
    if (x >= t.clipMin && x <= t.clipMax && i > 0 && i < t.x.size())
        v.xhat = (x - t.x[i - 1] < t.x[i] - x) ? t.xhat[i - 1] : t.xhat[i];
    v.error = v.xhat - x;
    if (r.groups.empty())
        return v;
    const GroupParams& g = r.groups.front();
    if (r.config.kind == QuantizerKind::Uniform && g.scale > 0) {
        v.code = qint64(std::llround(v.xhat / g.scale + g.zeroPoint));
        v.haveCode = true;
        v.bits = binary(v.code, r.config.bits);
    } else if (r.config.kind == QuantizerKind::Float && g.scale > 0) {
        try {
            const FloatFormat f = parseFloatFormat(r.config.format);
            const double level = v.xhat / g.scale;
            // Find the bit pattern by decoding: exact for the small formats the explorer shows.
            const int total = f.totalBits();
            if (total <= 16)
                for (quint64 b = 0; b < (1ull << total); ++b)
                    if (f.decode(b) == level) {
                        v.code = qint64(b);
                        v.haveCode = true;
                        v.bits = binary(qint64(b), total);
                        break;
                    }
        } catch (const qs::Error&) {
            // The result was computed from this config, so its format parsed once
            // already; if it no longer does, the value is shown without a bit
            // pattern rather than a wrong one. Any other exception propagates.
        }
    } else if (!r.levels.empty()) {
        double best = INFINITY;
        for (std::size_t k = 0; k < r.levels.size(); ++k) {
            const double d = std::fabs(g.scale * (r.levels[k] - g.zeroPoint) - v.xhat);
            if (d < best) {
                best = d;
                v.code = qint64(k);
            }
        }
        v.haveCode = true;
        int width = 1;
        while ((1ull << width) < r.levels.size())
            ++width;
        v.bits = binary(v.code, width);
    }
    return v;
}

QString inspectionHtml(const ValueInspection& v, const Histogram& o, const Histogram& d)
{
    QString h =
        QObject::tr("<b>x</b> = %1 → <b>code</b> %2 → <b>x̂</b> = %3, <b>error</b> x̂ − x = %4")
            .arg(n(v.x, 6), v.haveCode ? QString::number(v.code) : QStringLiteral("–"), n(v.xhat, 6), n(v.error, 4));
    if (!v.bits.isEmpty())
        h += QObject::tr(", <b>bits</b> <span style='font-family:monospace'>%1</span>").arg(v.bits);
    if (const int b = o.binOf(v.x); b >= 0) {
        h += QObject::tr("<br>bin [%1, %2): %3 original, %4 dequantized values")
                 .arg(n(o.binLeft(b), 5), n(o.binLeft(b) + o.binWidth(), 5))
                 .arg(o.counts[std::size_t(b)])
                 .arg(b < d.bins() ? d.counts[std::size_t(b)] : 0);
    }
    return italicHats(h);
}

QString histogramBinHtml(const Histogram& h, double v, const QString& name)
{
    if (h.bins() <= 0 || !(h.binWidth() > 0))
        return {};
    std::uint64_t total = h.below + h.above;
    for (std::uint64_t c : h.counts)
        total += c;
    if (v < h.lo || v > h.hi)
        return italicHats(
            QObject::tr("<b>%1</b> = %2: outside the histogram [%3, %4]").arg(name, n(v, 5), n(h.lo, 5), n(h.hi, 5)));
    // The same bin rule as the core: binLeft(b) <= v < binLeft(b + 1), v == hi in the last bin.
    int b = std::clamp(int((v - h.lo) / h.binWidth()), 0, h.bins() - 1);
    while (b > 0 && v < h.binLeft(b))
        --b;
    while (b + 1 < h.bins() && v >= h.binLeft(b + 1))
        ++b;
    const std::uint64_t count = h.counts[std::size_t(b)];
    return italicHats(QObject::tr("<b>%1</b> in [%2, %3): %4 values (%5 % of all)")
                          .arg(name, n(h.binLeft(b), 5), n(h.binLeft(b) + h.binWidth(), 5))
                          .arg(count)
                          .arg(n(total ? 100.0 * double(count) / double(total) : 0.0, 3)));
}

double curveClipValue(const CalibrationCurve& c, std::size_t i)
{
    const bool searchesClip = c.xLabel.rfind("threshold", 0) == 0 || c.xLabel.rfind("clip", 0) == 0;
    return searchesClip ? c.x[i] : c.y[i];
}

QString nearestMethodHtml(const std::vector<MethodChoice>& choices, double v)
{
    const MethodChoice* best = nullptr;
    double bestD = INFINITY;
    for (const MethodChoice& m : choices) {
        const double d = std::min(std::fabs(m.clipMax - v), std::fabs(m.clipMin - v));
        if (d < bestD) {
            bestD = d;
            best = &m;
        }
    }
    if (!best)
        return {};
    return QObject::tr("nearest method: <b>%1</b> clips at [%2, %3]")
        .arg(best->name.toHtmlEscaped(), n(best->clipMin, 5), n(best->clipMax, 5));
}

QString calibrationPointHtml(const CalibrationCurve& c, const std::vector<MethodChoice>& choices, double x)
{
    if (c.x.empty() || c.y.size() != c.x.size())
        return {};
    std::size_t i = 0;
    for (std::size_t k = 1; k < c.x.size(); ++k)
        if (std::fabs(c.x[k] - x) < std::fabs(c.x[i] - x))
            i = k;
    std::size_t chosen = 0;
    for (std::size_t k = 1; k < c.x.size(); ++k)
        if (std::fabs(c.x[k] - c.chosenX) < std::fabs(c.x[chosen] - c.chosenX))
            chosen = k;
    const QString xl = QString::fromStdString(c.xLabel).toHtmlEscaped();
    const QString yl = QString::fromStdString(c.yLabel).toHtmlEscaped();
    QString h = QObject::tr("<b>%1</b> = %2 → <b>%3</b> = %4; the method chose %1 = %5 (%3 = %6)")
                    .arg(xl, n(c.x[i], 6), yl, n(c.y[i], 6), n(c.chosenX, 6), n(c.y[chosen], 6));
    const QString near = nearestMethodHtml(choices, curveClipValue(c, i));
    if (!near.isEmpty())
        h += QStringLiteral("<br>") + near;
    return h;
}

QString channelHtml(const ChannelStats& c, const QuantResult& r, int i)
{
    if (i < 0 || i >= int(c.min.size()))
        return {};
    const std::size_t k = std::size_t(i);
    // The group whose parameters the box shows: the same mapping as computeChannelStats.
    const std::size_t gi = r.groups.size() > 1 ? std::min(k, r.groups.size() - 1) : 0;
    const double zp = r.groups.empty() ? 0 : r.groups[gi].zeroPoint;
    return QObject::tr("<b>%1 %2</b>: min %3, max %4, absmax %5, scale S %6, zero point Z %7; "
                       "click the box to show its histogram")
        .arg(c.groupName)
        .arg(i)
        .arg(n(c.min[k], 6), n(c.max[k], 6), n(std::max(std::fabs(c.min[k]), std::fabs(c.max[k])), 6),
             n(k < c.scale.size() ? c.scale[k] : 0, 6), n(zp, 6));
}

} // namespace qs
