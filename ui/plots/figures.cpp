#include "plots/figures.h"
#include "io/atomicfile.h"
#include "plots/plotparts.h"

#include <QFile>
#include <QLocale>
#include <QTextStream>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs {

// The building blocks (plotparts.h) read as part of this file.
using namespace plotparts;

namespace {

void drawHistogram(QCustomPlot* p, const FigureInputs& in, const FigureStyle& s, const QuantResult* pinned,
                   FigureItems& items)
{
    const QuantResult& r = *in.result;
    const double w = 1.25 * s.scale * (s.highContrast ? 1.5 : 1.0);
    QCPAxisRect* rect = p->axisRect();
    stepGraph(p, p->xAxis, p->yAxis, r.histOriginal, QObject::tr("original"), s.original(), w, true);
    stepGraph(p, p->xAxis, p->yAxis, r.histDequantized, QObject::tr("dequantized"), s.dequantized(), w, false);
    if (pinned)
        stepGraph(p, p->xAxis, p->yAxis, pinned->histDequantized, QObject::tr("pinned reference (dequantized)"),
                  s.pinned(), w, false)
            ->setPen(QPen(s.pinned(), w, Qt::DashLine));
    // Representable levels as ticks along the bottom edge (drawn on yAxis2, range 0..1).
    if (!in.transfer.levels.empty() && in.transfer.levels.size() <= 1024) {
        QVector<double> k, v;
        for (double l : in.transfer.levels) {
            k << l;
            v << 0.025;
        }
        auto* g = p->addGraph(p->xAxis, p->yAxis2);
        g->setData(k, v, true);
        g->setLineStyle(QCPGraph::lsImpulse);
        g->setPen(QPen(s.foreground(), std::max(1.0, s.scale)));
        g->setName(QObject::tr("representable levels (%1)").arg(in.transfer.levels.size()));
        p->yAxis2->setRange(0, 1);
    }
    // The dequantized spikes (few levels, tall counts) would cover the
    // original's shape: its outline is drawn again on top, without a legend
    // entry or a CSV column (it repeats the "original" series).
    QCPGraph* outline =
        stepGraph(p, p->xAxis, p->yAxis, r.histOriginal, QObject::tr("original"), s.original(), w, false);
    outline->removeFromLegend();
    outline->setProperty("qsOverlay", true);
    const double lo = r.calibration.clipMin, hi = r.calibration.clipMax;
    items.clipLo = vline(p, rect, lo, s.clip(), 1.6 * w, Qt::DashLine);
    items.clipHi = vline(p, rect, hi, s.clip(), 1.6 * w, Qt::DashLine);
    legendProxy(p, QObject::tr("clip range [%1, %2]").arg(num(lo), num(hi)), QPen(s.clip(), 1.6 * w, Qt::DashLine));
    p->xAxis->setLabel(QObject::tr("value x (tensor units)"));
    p->yAxis->setLabel(QObject::tr("count per bin (bin width %1)").arg(num(r.histOriginal.binWidth(), 3)));
    setLogY(p->yAxis, s.logY);
    p->xAxis->rescale(true);
    const QCPRange xr = p->xAxis->range();
    const double left = std::min(xr.lower, lo), right = std::max(xr.upper, hi);
    const double pad = 0.03 * (right - left);
    p->xAxis->setRange(left - pad, right + pad);
    fitY(p->yAxis, s.logY);
}

void drawError(QCustomPlot* p, const FigureInputs& in, const Tensor& x, const FigureStyle& s, const QuantResult* pinned)
{
    const QuantResult& r = *in.result;
    const double w = 1.25 * s.scale * (s.highContrast ? 1.5 : 1.0);
    stepGraph(p, p->xAxis, p->yAxis, r.histError, QObject::tr("error = dequantized − original"), s.dequantized(), w,
              true);
    if (pinned)
        stepGraph(p, p->xAxis, p->yAxis, pinned->histError, QObject::tr("pinned error"), s.pinned(), w, false)
            ->setPen(QPen(s.pinned(), w, Qt::DashLine));
    p->xAxis->setLabel(QObject::tr("error = dequantized − original (tensor units)"));
    p->yAxis->setLabel(QObject::tr("count per bin"));
    setLogY(p->yAxis, s.logY);
    p->xAxis->rescale(true);
    fitY(p->yAxis, s.logY);

    auto* bottom = new QCPAxisRect(p);
    p->plotLayout()->addElement(1, 0, bottom);
    styleRect(bottom, s);
    QCPAxis* bx = bottom->axis(QCPAxis::atBottom);
    QCPAxis* by = bottom->axis(QCPAxis::atLeft);
    // At most kScatterPoints evenly strided points: enough to show the sawtooth
    // and the clipped tails. The worker made them; the fallback is for callers
    // that built their inputs by hand.
    std::vector<double> sx = in.scatterX, se = in.scatterError;
    if (sx.empty())
        computeErrorScatter(x, r, sx, se);
    const QVector<double> k(sx.begin(), sx.end()), v(se.begin(), se.end());
    auto* g = p->addGraph(bx, by);
    g->setData(k, v);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, s.dequantized(), 3 * s.scale));
    g->setPen(QPen(s.dequantized()));
    g->setName(QObject::tr("error against the value (%1 points)").arg(k.size()));
    bx->setLabel(QObject::tr("value x (tensor units)"));
    by->setLabel(QObject::tr("error (tensor units)"));
    bx->rescale();
    by->rescale();
    by->scaleRange(1.1);
    vline(p, bottom, r.calibration.clipMin, s.clip(), 1.5 * w, Qt::DashLine);
    vline(p, bottom, r.calibration.clipMax, s.clip(), 1.5 * w, Qt::DashLine);
}

void drawTransfer(QCustomPlot* p, const FigureInputs& in, const FigureStyle& s)
{
    const TransferCurve& t = in.transfer;
    const double w = 1.5 * s.scale * (s.highContrast ? 1.5 : 1.0);
    QVector<double> k(t.x.begin(), t.x.end()), v(t.xhat.begin(), t.xhat.end());
    auto* id = p->addGraph();
    id->setData({k.isEmpty() ? 0 : k.first(), k.isEmpty() ? 1 : k.last()},
                {k.isEmpty() ? 0 : k.first(), k.isEmpty() ? 1 : k.last()});
    id->setPen(QPen(s.pinned(), w, Qt::DotLine));
    id->setName(QObject::tr("identity (no error)"));
    auto* g = p->addGraph();
    g->setData(k, v, true);
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setPen(QPen(s.dequantized(), w));
    g->setName(QObject::tr("quantize → dequantize"));
    vline(p, p->axisRect(), t.clipMin, s.clip(), w, Qt::DashLine);
    vline(p, p->axisRect(), t.clipMax, s.clip(), w, Qt::DashLine);
    legendProxy(p, QObject::tr("clip range [%1, %2]").arg(num(t.clipMin), num(t.clipMax)),
                QPen(s.clip(), w, Qt::DashLine));
    p->xAxis->setLabel(QObject::tr("input x (tensor units)"));
    p->yAxis->setLabel(QObject::tr("dequantized value (tensor units)"));
    p->rescaleAxes(true);
    p->yAxis->scaleRange(1.08);
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignTop);
}

void drawCalibration(QCustomPlot* p, const FigureInputs& in, const FigureStyle& s)
{
    const QuantResult& r = *in.result;
    const double w = 1.5 * s.scale * (s.highContrast ? 1.5 : 1.0);
    const CalibrationCurve& c = r.calibration.curve;
    QCPAxisRect* top = p->axisRect();
    if (!c.x.empty()) {
        auto* g = p->addGraph();
        g->setData(QVector<double>(c.x.begin(), c.x.end()), QVector<double>(c.y.begin(), c.y.end()), true);
        g->setPen(QPen(s.original(), w));
        // Per group: the objective of the group the result carries (the hull of all groups is below).
        g->setName(r.curveGroup >= 0
                       ? QObject::tr("group %1: %2").arg(r.curveGroup).arg(QString::fromStdString(c.yLabel))
                       : QString::fromStdString(c.yLabel));
        auto* chosen = p->addGraph();
        const auto it = std::min_element(c.x.begin(), c.x.end(), [&](double a, double b) {
            return std::fabs(a - c.chosenX) < std::fabs(b - c.chosenX);
        });
        chosen->setData({c.chosenX}, {c.y[std::size_t(it - c.x.begin())]});
        chosen->setLineStyle(QCPGraph::lsNone);
        chosen->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, s.clip(), 9 * s.scale));
        chosen->setName(QObject::tr("chosen: %1").arg(num(c.chosenX)));
        p->xAxis->setLabel(QString::fromStdString(c.xLabel));
        p->yAxis->setLabel(QString::fromStdString(c.yLabel));
        p->rescaleAxes();
        // 3 % of the span on each side: the chosen point and the curve's ends
        // do not sit on the frame.
        p->xAxis->scaleRange(1.06);
        p->yAxis->scaleRange(1.1);
    } else {
        auto* title = new QCPTextElement(
            p, QObject::tr("%1 has no objective to search: it takes the range as given. Choices of the other methods:")
                   .arg(QString::fromStdString(toString(r.calibration.method))));
        title->setTextColor(s.foreground());
        QFont f;
        f.setPointSizeF(9.5 * s.scale);
        title->setFont(f);
        p->plotLayout()->remove(top);
        p->plotLayout()->simplify();
        p->plotLayout()->addElement(0, 0, title);
        p->legend = nullptr;
        top = nullptr;
    }
    // Below: the histogram with every method's clip value (figure 2 of the field).
    auto* bottom = new QCPAxisRect(p);
    p->plotLayout()->addElement(p->plotLayout()->rowCount(), 0, bottom);
    styleRect(bottom, s);
    QCPAxis* bx = bottom->axis(QCPAxis::atBottom);
    QCPAxis* by = bottom->axis(QCPAxis::atLeft);
    if (!top) { // the histogram is the only axis rect: it is the plot's main axes
        p->xAxis = bx;
        p->yAxis = by;
        p->xAxis2 = bottom->axis(QCPAxis::atTop);
        p->yAxis2 = bottom->axis(QCPAxis::atRight);
    }
    stepGraph(p, bx, by, r.histOriginal, QObject::tr("original"), s.original(), w, true);
    // The methods' legend belongs to the histogram below; from here on new
    // graphs go into it (the curve's legend above keeps its two entries).
    auto* legend = new QCPLegend;
    bottom->insetLayout()->addElement(legend, Qt::AlignRight | Qt::AlignTop);
    legend->setLayer(QStringLiteral("legend"));
    if (p->legend)
        p->graph(p->graphCount() - 1)->removeFromLegend();
    QCPLegend* topLegend = p->legend;
    p->legend = legend;
    p->graph(p->graphCount() - 1)->addToLegend();
    int i = 1;
    for (const MethodChoice& m : in.choices) {
        const QColor col = s.series(i++);
        // Both ends, symmetric ranges too: the legend says [−a, a].
        vline(p, bottom, m.clipMin, col, w, Qt::DashLine);
        if (m.clipMax != m.clipMin)
            vline(p, bottom, m.clipMax, col, w, Qt::DashLine);
        if (top)
            vline(p, top, m.clipMax, col, w * 0.7, Qt::DotLine);
        legendProxy(p, QObject::tr("%1: [%2, %3]").arg(m.name, num(m.clipMin), num(m.clipMax)),
                    QPen(col, w, Qt::DashLine));
    }
    if (topLegend)
        styleLegendOf(topLegend, s);
    bx->setLabel(QObject::tr("value x (tensor units)"));
    by->setLabel(QObject::tr("count per bin"));
    setLogY(by, true);
    bx->rescale(true);
    // Pad 3 % on each side, and keep every method's clip line inside the frame.
    double left = bx->range().lower, right = bx->range().upper;
    for (const MethodChoice& m : in.choices) {
        left = std::min(left, m.clipMin);
        right = std::max(right, m.clipMax);
    }
    const double pad = 0.03 * (right - left);
    bx->setRange(left - pad, right + pad);
    fitY(by, true);
}

void drawChannels(QCustomPlot* p, const FigureInputs& in, const FigureStyle& s)
{
    const ChannelStats& c = in.channels;
    const double w = 1.2 * s.scale;
    QVector<double> keys;
    for (std::size_t i = 0; i < c.min.size(); ++i)
        keys << double(i);
    auto* box = new QCPStatisticalBox(p->xAxis, p->yAxis);
    box->setData(keys, QVector<double>(c.min.begin(), c.min.end()), QVector<double>(c.q1.begin(), c.q1.end()),
                 QVector<double>(c.median.begin(), c.median.end()), QVector<double>(c.q3.begin(), c.q3.end()),
                 QVector<double>(c.max.begin(), c.max.end()), true);
    box->setName(QObject::tr("%1 ranges: min, quartiles, max").arg(c.groupName));
    box->setPen(QPen(s.original(), w));
    QColor b = s.original();
    b.setAlpha(90);
    box->setBrush(b);
    box->setWidth(0.7);
    box->setWhiskerPen(QPen(s.original(), w));
    box->setMedianPen(QPen(s.foreground(), 1.5 * w));
    auto* sc = p->addGraph(p->xAxis, p->yAxis2);
    sc->setData(keys, QVector<double>(c.scale.begin(), c.scale.end()), true);
    sc->setPen(QPen(s.dequantized(), 1.3 * w));
    sc->setLineStyle(QCPGraph::lsStepCenter);
    sc->setName(QObject::tr("scale S of the %1 (right axis)").arg(c.groupName));
    p->yAxis2->setVisible(true);
    p->yAxis2->setLabel(QObject::tr("scale S"));
    if (c.totalGroups > std::int64_t(keys.size()))
        p->xAxis->setLabel(QObject::tr("%1 index (the first %2 of %3)")
                               .arg(c.groupName)
                               .arg(keys.size())
                               .arg(QLocale().toString(qlonglong(c.totalGroups))));
    else
        p->xAxis->setLabel(QObject::tr("%1 index").arg(c.groupName));
    p->yAxis->setLabel(QObject::tr("value x (tensor units)"));
    p->rescaleAxes();
    p->xAxis->setRange(-0.8, double(keys.size()) - 0.2);
    p->yAxis->scaleRange(1.1);
    const double maxScale = c.scale.empty() ? 1 : *std::max_element(c.scale.begin(), c.scale.end());
    p->yAxis2->setRange(0, maxScale > 0 ? maxScale * 1.15 : 1);
    if (!keys.isEmpty()) {
        auto* sel = p->addGraph();
        const std::size_t si = std::size_t(c.selected);
        sel->setData({double(si), double(si)}, {c.min[si], c.max[si]});
        sel->setPen(QPen(s.clip(), 3 * w));
        sel->setName(QObject::tr("selected %1 %2").arg(c.groupName).arg(c.selected));
    }
    auto* bottom = new QCPAxisRect(p);
    p->plotLayout()->addElement(1, 0, bottom);
    styleRect(bottom, s);
    p->plotLayout()->setRowStretchFactor(1, 0.6);
    QCPAxis* bx = bottom->axis(QCPAxis::atBottom);
    QCPAxis* by = bottom->axis(QCPAxis::atLeft);
    auto* g = stepGraph(p, bx, by, c.selectedHistogram, QObject::tr("%1 %2").arg(c.groupName).arg(c.selected), s.clip(),
                        w, true);
    g->removeFromLegend();
    // The hint is for the mouse: an exported figure carries no instruction.
    bx->setLabel(s.onScreen ? QObject::tr("values of %1 %2 (click a box above to pick another)")
                                  .arg(c.groupName)
                                  .arg(c.selected)
                            : QObject::tr("values of %1 %2").arg(c.groupName).arg(c.selected));
    by->setLabel(QObject::tr("count"));
    bx->rescale();
    fitY(by, false);
}

void drawCompare(QCustomPlot* p, const FigureInputs& in, const FigureStyle& s)
{
    const double w = 1.4 * s.scale * (s.highContrast ? 1.5 : 1.0);
    int i = 0;
    for (const auto& r : in.compare) {
        const Histogram& h = r->histError;
        // Two rows may differ only in their grouping.
        const QString name = shortQuantizerName(r->config);
        // Different quantizers get different error ranges: plot densities so the areas compare.
        const double norm = h.binWidth() > 0 && r->n > 0 ? 1.0 / (double(r->n) * h.binWidth()) : 1.0;
        auto* g = stepGraph(p, p->xAxis, p->yAxis, h,
                            QObject::tr("%1%2: SQNR %3 dB, %4 bits/value%5")
                                .arg(i == 0 ? QObject::tr("current ") : QString(), name, num(r->metrics.sqnrDb, 3),
                                     num(r->bitsPerValue, 3), r->warnings.empty() ? QString() : QStringLiteral(" ⚠")),
                            s.series(i), w, false, norm);
        g->setPen(QPen(s.series(i), i == 0 ? 1.6 * w : w, s.seriesStyle(i)));
        ++i;
    }
    p->xAxis->setLabel(QObject::tr("error = dequantized − original (tensor units)"));
    p->yAxis->setLabel(QObject::tr("density"));
    setLogY(p->yAxis, s.logY);
    p->rescaleAxes(true);
    fitY(p->yAxis, s.logY);
}

void drawSweep(QCustomPlot* p, const FigureInputs& in, const FigureStyle& s)
{
    const SweepData& d = in.sweep;
    const double w = 1.6 * s.scale * (s.highContrast ? 1.5 : 1.0);
    QVector<double> k, v;
    for (std::size_t i = 0; i < d.bits.size(); ++i)
        if (std::isfinite(d.sqnrDb[i])) {
            k << d.bits[i];
            v << d.sqnrDb[i];
        }
    auto* g = p->addGraph();
    g->setData(k, v, true);
    g->setPen(QPen(s.dequantized(), w));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, s.dequantized(), 7 * s.scale));
    g->setName(QObject::tr("SQNR of the current settings"));
    // The 6.02 dB/bit rule of uniform quantization, anchored at the 8-bit point.
    double anchorBits = 8, anchor = 0;
    for (int i = 0; i < k.size(); ++i)
        if (k[i] == 8)
            anchor = v[i];
    if (anchor == 0 && !k.isEmpty()) {
        anchorBits = k.first();
        anchor = v.first();
    }
    auto* rule = p->addGraph();
    rule->setData({2, 16}, {anchor + 6.02 * (2 - anchorBits), anchor + 6.02 * (16 - anchorBits)});
    rule->setPen(QPen(s.pinned(), w, Qt::DashLine));
    rule->setName(QObject::tr("6.02 dB per bit"));
    p->xAxis->setLabel(QObject::tr("bit width b"));
    p->yAxis->setLabel(QObject::tr("SQNR (dB)"));
    p->xAxis->setRange(1.5, 16.5);
    // Whole bit widths only (the default ticker put ticks at 2.5, 7.5, 12.5).
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(2);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    p->xAxis->setTicker(ticker);
    p->yAxis->rescale();
    p->yAxis->scaleRange(1.1);
    p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignTop);
}

} // namespace

QColor FigureStyle::background() const
{
    return dark ? QColor(30, 30, 34) : Qt::white;
}
QColor FigureStyle::foreground() const
{
    return dark ? QColor(235, 235, 235) : (highContrast ? Qt::black : QColor(40, 40, 40));
}
QColor FigureStyle::original() const
{
    return highContrast ? QColor(0, 90, 255) : QColor(31, 119, 180);
}
QColor FigureStyle::dequantized() const
{
    return highContrast ? QColor(230, 90, 0) : QColor(255, 127, 14);
}
QColor FigureStyle::clip() const
{
    return highContrast ? QColor(220, 0, 0) : QColor(214, 39, 40);
}
QColor FigureStyle::pinned() const
{
    return dark ? QColor(170, 170, 170) : QColor(110, 110, 110);
}
QColor FigureStyle::series(int i) const
{
    // Okabe & Ito (2008), distinguishable with every common colour-vision
    // deficiency, without its yellow (too pale on white); then Paul Tol's
    // muted wine, olive and indigo; black (white on dark) last.
    static const QColor palette[kSeriesColours] = {
        QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x72, 0xB2), QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
        QColor(0x56, 0xB4, 0xE9), QColor(0xD5, 0x5E, 0x00), QColor(0x88, 0x22, 0x55), QColor(0x99, 0x99, 0x33),
        QColor(0x33, 0x22, 0x88), QColor(0, 0, 0)};
    const int k = ((i % kSeriesColours) + kSeriesColours) % kSeriesColours;
    return k == kSeriesColours - 1 ? foreground() : palette[k];
}

Qt::PenStyle FigureStyle::seriesStyle(int i) const
{
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    return styles[(std::max(0, i) / kSeriesColours) % 4];
}

QString shortQuantizerName(const QuantConfig& config)
{
    const Granularity& g = config.granularity;
    QString name =
        QString::fromStdString(config.quantizerSpec()) +
        (g.kind == Granularity::Kind::Tensor ? QString() : QLatin1Char(' ') + QString::fromStdString(g.toString()));
    // Two rows that differ only in their calibration must not read alike
    // ("int4 channel:0" twice); quantizers whose scales follow the block
    // statistics do not calibrate.
    const bool calibrates = config.kind == QuantizerKind::Uniform ||
                            (config.kind == QuantizerKind::Float && config.formatScaled) ||
                            config.kind == QuantizerKind::Codebook || config.kind == QuantizerKind::Nf4 ||
                            config.kind == QuantizerKind::Log2;
    if (calibrates && config.calibration.method != CalibrationMethod::MinMax)
        name += QLatin1Char(' ') + QString::fromStdString(config.calibration.toString());
    return name;
}

QString warningsText(const QuantResult& r)
{
    QStringList lines;
    for (const auto& w : r.warnings)
        lines << QObject::tr("warning: %1").arg(QString::fromStdString(w));
    return lines.join(QLatin1Char('\n'));
}

QString figureCaption(const QuantResult& r, const QString& dataLabel)
{
    QString caption =
        QObject::tr("%1 · clip [%2, %3]\ndata: %4 · MSE %5, SQNR %6 dB, %7 bits/value")
            .arg(QString::fromStdString(r.config.summary()), num(r.calibration.clipMin), num(r.calibration.clipMax),
                 dataLabel, num(r.metrics.mse), num(r.metrics.sqnrDb), num(r.bitsPerValue));
    // Partial or padded blocks change how bits/value reads: the caption says so.
    if (!r.warnings.empty())
        caption += QLatin1Char('\n') + warningsText(r);
    return caption;
}

FigureItems buildFigure(QCustomPlot* p, FigureKind kind, const FigureInputs& in, const Tensor& x, const FigureStyle& s,
                        const QuantResult* pinned)
{
    FigureItems items;
    resetPlot(p, s);
    styleRect(p->axisRect(), s);
    if (in.result) {
        switch (kind) {
        case FigureKind::Histogram: drawHistogram(p, in, s, pinned, items); break;
        case FigureKind::Error: drawError(p, in, x, s, pinned); break;
        case FigureKind::Transfer: drawTransfer(p, in, s); break;
        case FigureKind::Calibration: drawCalibration(p, in, s); break;
        case FigureKind::Channels: drawChannels(p, in, s); break;
        case FigureKind::Compare: drawCompare(p, in, s); break;
        case FigureKind::Sweep: drawSweep(p, in, s); break;
        }
    }
    if (p->legend)
        styleLegend(p, s);
    addCaption(p, s);
    if (in.result)
        placeLegends(p);
    return items;
}

QString figureDataCsv(QCustomPlot* p)
{
    QString out;
    QTextStream ts(&out);
    ts << "series,x,y\n";
    auto quoted = [](QString n) {
        return QLatin1Char('"') + n.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    };
    for (int i = 0; i < p->plottableCount(); ++i) {
        QCPAbstractPlottable* pl = p->plottable(i);
        if (pl->property("qsOverlay").toBool())
            continue; // a repeat drawn for visibility
        if (auto* g = qobject_cast<QCPGraph*>(pl)) {
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                ts << quoted(g->name()) << ',' << QString::number(it->key, 'g', 17) << ','
                   << QString::number(it->value, 'g', 17) << '\n';
        } else if (auto* b = qobject_cast<QCPStatisticalBox*>(pl)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it)
                for (double v : {it->minimum, it->lowerQuartile, it->median, it->upperQuartile, it->maximum})
                    ts << quoted(b->name()) << ',' << QString::number(it->key, 'g', 17) << ','
                       << QString::number(v, 'g', 17) << '\n';
        }
    }
    return out;
}

bool writeFigureCsv(QCustomPlot* p, const QString& path, QString* error)
{
    // Atomic and checked (core/io/atomicfile.h): a full disk keeps the old file and says so.
    const QString failure = writeFileAtomically(path, figureDataCsv(p).toUtf8());
    if (!failure.isEmpty() && error)
        *error = failure;
    return failure.isEmpty();
}

} // namespace qs
