// The model report's figures and its PDF (reportfigures.h).
#include "plots/reportfigures.h"

#include "common/plotexporter.h"
#include "io/atomicfile.h"
#include "plots/plotparts.h"

#include <QFileInfo>
#include <QObject>
#include <QPageSize>
#include <QPdfWriter>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace pp = plotparts;

namespace {

constexpr int kPageW = 1200, kPageH = 750; // px at 96 DPI: a 900 x 562.5 pt landscape page

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString elide(const QString& s, int n)
{
    return s.size() <= n ? s : QStringLiteral("…") + s.right(n - 1);
}

void addTitle(QCustomPlot* p, const QString& title, const FigureStyle& s)
{
    QFont f;
    f.setPointSizeF(11 * s.scale);
    f.setBold(true);
    p->plotLayout()->insertRow(0);
    auto* t = new QCPTextElement(p, title, f);
    t->setTextColor(s.foreground());
    p->plotLayout()->addElement(0, 0, t);
}

// SQNR for plotting: +inf (lossless) drawn at the top of the finite range.
double plotted(double v, double cap)
{
    return std::isinf(v) && v > 0 ? cap : v;
}

} // namespace

std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>>& pts)
{
    std::vector<std::size_t> idx(pts.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
        return pts[a].first < pts[b].first || (pts[a].first == pts[b].first && pts[a].second > pts[b].second);
    });
    std::vector<std::size_t> front;
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t i : idx)
        if (pts[i].second > best) {
            front.push_back(i);
            best = pts[i].second;
        }
    return front;
}

void buildReportHeatmap(QCustomPlot* p, const ModelReport& r, const FigureStyle& s, int maxRows)
{
    pp::resetPlot(p, s);
    p->legend->setVisible(false);
    QCPAxisRect* rect = p->axisRect();
    pp::styleRect(rect, s);
    const int S = int(r.schemes.size());
    const int T = std::min<int>(int(r.ranking.size()), maxRows);
    // Colours span the finite SQNRs up to their 95th percentile: one near-lossless
    // cell must not wash out the differences that matter (it saturates, as +inf does).
    std::vector<double> finite;
    for (int i = 0; i < T; ++i)
        for (const ReportSchemeResult& x : r.tensors[r.ranking[std::size_t(i)]].schemes)
            if (x.ok && std::isfinite(x.sqnrDb))
                finite.push_back(x.sqnrDb);
    std::sort(finite.begin(), finite.end());
    double lo = finite.empty() ? 0 : finite.front();
    double hi = finite.empty() ? 1 : finite[std::size_t(0.95 * double(finite.size() - 1) + 0.5)];
    auto* map = new QCPColorMap(p->xAxis, p->yAxis);
    map->data()->setSize(std::max(1, S), std::max(1, T));
    map->data()->setRange(QCPRange(0, std::max(1, S) - 1), QCPRange(0, std::max(1, T) - 1));
    QFont cellFont;
    cellFont.setPointSizeF((T > 30 ? 6.5 : 8) * s.scale);
    const bool labels = S * T <= 600;
    for (int i = 0; i < T; ++i) {
        const ReportTensor& t = r.tensors[r.ranking[std::size_t(i)]];
        const int row = T - 1 - i; // the most sensitive at the top
        for (int k = 0; k < S; ++k) {
            const ReportSchemeResult& x = t.schemes[std::size_t(k)];
            const double v = x.ok ? plotted(x.sqnrDb, hi) : std::numeric_limits<double>::quiet_NaN();
            map->data()->setCell(k, row, v);
            if (!labels)
                continue;
            auto* text = new QCPItemText(p);
            text->position->setCoords(k, row);
            text->setFont(cellFont);
            text->setText(x.ok ? (std::isinf(x.sqnrDb) ? QStringLiteral("∞") : pp::num(x.sqnrDb, 3))
                               : QStringLiteral("n/a"));
            text->setColor(x.ok && v > lo + 0.6 * (hi - lo) ? Qt::black : Qt::white);
            text->setClipToAxisRect(true);
        }
    }
    QCPColorGradient g(QCPColorGradient::gpThermal);
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(200, 200, 200));
    map->setGradient(g);
    map->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1));
    map->setInterpolate(false);

    auto* scale = new QCPColorScale(p);
    p->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->axis()->setLabel(QStringLiteral("SQNR (dB)"));
    scale->setGradient(g);
    scale->setDataRange(map->dataRange());
    auto* group = new QCPMarginGroup(p);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    QFont f;
    f.setPointSizeF(9 * s.scale);
    scale->axis()->setTickLabelFont(f);
    scale->axis()->setLabelFont(f);

    QSharedPointer<QCPAxisTickerText> xt(new QCPAxisTickerText), yt(new QCPAxisTickerText);
    for (int k = 0; k < S; ++k)
        xt->addTick(k, q(r.schemes[std::size_t(k)].label));
    const int every = std::max(1, T / 40);
    for (int i = 0; i < T; i += every)
        yt->addTick(T - 1 - i, elide(q(r.tensors[r.ranking[std::size_t(i)]].name), 40));
    p->xAxis->setTicker(xt);
    p->yAxis->setTicker(yt);
    QFont small;
    small.setPointSizeF((T > 30 ? 6.5 : 8) * s.scale);
    p->yAxis->setTickLabelFont(small);
    p->xAxis->setRange(-0.5, std::max(1, S) - 0.5);
    p->yAxis->setRange(-0.5, std::max(1, T) - 0.5);
    p->xAxis->grid()->setVisible(false);
    p->yAxis->grid()->setVisible(false);
    p->xAxis->setLabel(QStringLiteral("scheme"));
    const int left = int(r.ranking.size()) - T;
    addTitle(p,
             QObject::tr("SQNR per tensor and scheme (most sensitive at the top)") +
                 (left > 0 ? QObject::tr(", %1 more tensors not shown").arg(left) : QString()),
             s);
    pp::addCaption(p, s);
}

void buildReportPareto(QCustomPlot* p, const ModelReport& r, const std::vector<ReportPlan>& frontier,
                       const ReportPlan* plan, const FigureStyle& s)
{
    pp::resetPlot(p, s);
    QCPAxisRect* rect = p->axisRect();
    pp::styleRect(rect, s);
    pp::styleLegend(p, s);
    p->legend->setVisible(true);
    rect->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    double hi = -std::numeric_limits<double>::infinity();
    for (const ReportTensor& t : r.tensors)
        for (const ReportSchemeResult& x : t.schemes)
            if (x.ok && std::isfinite(x.sqnrDb))
                hi = std::max(hi, x.sqnrDb);
    if (!std::isfinite(hi))
        hi = 100;
    // Per tensor, one colour per scheme, small and light.
    for (std::size_t k = 0; k < r.schemes.size(); ++k) {
        QVector<double> xs, ys;
        for (const ReportTensor& t : r.tensors)
            if (t.schemes[k].ok) {
                xs << t.schemes[k].bitsPerValue;
                ys << plotted(t.schemes[k].sqnrDb, hi);
            }
        QColor c = s.series(int(k));
        auto* g = p->addGraph();
        g->setData(xs, ys);
        g->setLineStyle(QCPGraph::lsNone);
        c.setAlpha(110);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, c, 5 * s.scale));
        g->removeFromLegend();
    }
    // Model totals, large, and their Pareto front.
    std::vector<std::pair<double, double>> pts;
    for (std::size_t k = 0; k < r.schemes.size(); ++k) {
        const ReportTotal& T = r.totals[k];
        pts.emplace_back(T.tensors > 0 ? T.bitsPerValue : std::numeric_limits<double>::quiet_NaN(),
                         plotted(T.sqnrDb, hi));
        if (T.tensors == 0)
            continue;
        auto* g = p->addGraph();
        g->setData(QVector<double>{T.bitsPerValue}, QVector<double>{plotted(T.sqnrDb, hi)});
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(s.foreground(), 1.2 * s.scale),
                                           s.series(int(k)), 13 * s.scale));
        g->setName(q(r.schemes[k].label) + QObject::tr(" (model)"));
    }
    std::vector<std::pair<double, double>> valid;
    for (const auto& pt : pts)
        if (std::isfinite(pt.first))
            valid.push_back(pt);
    if (valid.size() >= 2) {
        QVector<double> xs, ys;
        for (std::size_t i : paretoFront(valid)) {
            xs << valid[i].first;
            ys << valid[i].second;
        }
        auto* g = p->addGraph();
        g->setData(xs, ys, true);
        // A staircase: the best model SQNR a single scheme gives within so many bits
        // (a straight line between two schemes would suggest mixtures it does not measure).
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setPen(QPen(s.foreground(), 1.2 * s.scale, Qt::DashLine));
        g->setName(QObject::tr("Pareto front of the schemes"));
    }
    if (!frontier.empty()) {
        QVector<double> xs, ys;
        for (const ReportPlan& f : frontier)
            if (f.feasible) {
                xs << f.bitsPerValue;
                ys << plotted(f.sqnrDb, hi);
            }
        auto* g = p->addGraph();
        g->setData(xs, ys, true);
        g->setPen(QPen(s.clip(), 2 * s.scale));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, s.clip(), s.clip(), 4 * s.scale));
        g->setName(QObject::tr("mixed precision (planner)"));
    }
    if (plan && plan->feasible) {
        auto* g = p->addGraph();
        g->setData(QVector<double>{plan->bitsPerValue}, QVector<double>{plotted(plan->sqnrDb, hi)});
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssStar, QPen(s.clip(), 2 * s.scale), Qt::NoBrush, 16 * s.scale));
        g->setName(QObject::tr("plan within %1 bits/value").arg(pp::num(plan->budget, 4)));
    }
    p->xAxis->setLabel(QObject::tr("bits per value (everything stored)"));
    p->yAxis->setLabel(QObject::tr("SQNR (dB)"));
    p->rescaleAxes();
    const QCPRange xr = p->xAxis->range(), yr = p->yAxis->range();
    p->xAxis->setRange(xr.lower - 0.05 * xr.size() - 0.1, xr.upper + 0.05 * xr.size() + 0.1);
    p->yAxis->setRange(yr.lower - 0.08 * yr.size() - 1, yr.upper + 0.08 * yr.size() + 1);
    addTitle(p, QObject::tr("SQNR against bits/value: every tensor, the model, the Pareto front"), s);
    pp::addCaption(p, s);
}

namespace {

// The ranking table page: totals, the plan, then the tensors most sensitive first.
void drawTable(QPainter& painter, const ModelReport& r, const ReportPlan* plan, int first, int rows)
{
    QFont title;
    title.setPointSizeF(11);
    title.setBold(true);
    QFont f;
    f.setPointSizeF(7.5);
    QFont bold = f;
    bold.setBold(true);
    const int lineH = 15, x0 = 30;
    int y = 34;
    painter.setPen(Qt::black);
    painter.setFont(title);
    painter.drawText(x0, y,
                     QObject::tr("Quantization report: %1 (%2, %3 tensors)")
                         .arg(elide(q(r.file), 70), q(r.format))
                         .arg(r.tensors.size()));
    y += 24;
    const int S = int(r.schemes.size());
    const int colW = std::max(70, std::min(130, (kPageW - 2 * x0 - 560) / std::max(1, S)));
    auto schemeHeader = [&](int x) {
        for (int k = 0; k < S; ++k)
            painter.drawText(QRect(x + k * colW, y - 11, colW - 6, lineH), Qt::AlignRight,
                             elide(q(r.schemes[std::size_t(k)].label), 18));
    };
    if (first == 0) {
        painter.setFont(bold);
        painter.drawText(x0, y, QObject::tr("Model totals (weighted by values): SQNR dB / bits per value"));
        y += lineH;
        painter.setFont(f);
        schemeHeader(x0 + 560);
        y += lineH;
        for (int k = 0; k < S; ++k) {
            const ReportTotal& T = r.totals[std::size_t(k)];
            painter.drawText(QRect(x0 + 560 + k * colW, y - 11, colW - 6, lineH), Qt::AlignRight,
                             T.tensors ? pp::num(T.sqnrDb, 4) + QStringLiteral(" / ") + pp::num(T.bitsPerValue, 4)
                                       : QStringLiteral("n/a"));
        }
        y += lineH;
        if (plan) {
            painter.drawText(x0, y,
                             plan->feasible
                                 ? QObject::tr("Plan within %1 bits/value (%2): %3 bits/value, global SQNR %4 dB")
                                       .arg(pp::num(plan->budget, 4),
                                            plan->exact ? QObject::tr("exact") : QObject::tr("greedy"),
                                            pp::num(plan->bitsPerValue, 5), pp::num(plan->sqnrDb, 4))
                                 : QObject::tr("No plan fits %1 bits/value; the cheapest needs %2")
                                       .arg(pp::num(plan->budget, 4), pp::num(plan->minBitsPerValue, 5)));
            y += lineH;
        }
        y += 8;
    }
    painter.setFont(bold);
    const int cx[] = {x0, x0 + 28, x0 + 270, x0 + 360, x0 + 410, x0 + 470, x0 + 510};
    painter.drawText(cx[0], y, QStringLiteral("#"));
    painter.drawText(cx[1], y, QObject::tr("tensor"));
    painter.drawText(cx[2], y, QObject::tr("shape"));
    painter.drawText(cx[3], y, QObject::tr("dtype"));
    painter.drawText(cx[4], y, QObject::tr("absmax"));
    painter.drawText(cx[5], y, QObject::tr("kurt."));
    painter.drawText(cx[6], y, QObject::tr("outlier"));
    schemeHeader(x0 + 560);
    painter.drawLine(x0, y + 4, kPageW - x0, y + 4);
    y += lineH + 2;
    painter.setFont(f);
    for (int i = first; i < first + rows && i < int(r.ranking.size()); ++i) {
        const ReportTensor& t = r.tensors[r.ranking[std::size_t(i)]];
        painter.drawText(cx[0], y, QString::number(i + 1));
        painter.drawText(cx[1], y, elide(q(t.name), 44));
        painter.drawText(cx[2], y, q(Tensor::shapeString(t.shape)));
        painter.drawText(cx[3], y, elide(q(t.dtype), 8));
        painter.drawText(cx[4], y, pp::num(t.stats.absmax, 3));
        painter.drawText(cx[5], y, pp::num(t.stats.kurtosis, 3));
        painter.drawText(cx[6], y,
                         pp::num(t.stats.outlierRatio, 3) + QStringLiteral(" (%1)").arg(t.stats.outlierChannel));
        for (int k = 0; k < S; ++k) {
            const ReportSchemeResult& x = t.schemes[std::size_t(k)];
            const bool chosen = plan && plan->feasible && plan->choice[r.ranking[std::size_t(i)]] == k;
            painter.setFont(chosen ? QFont(bold) : f);
            painter.drawText(QRect(x0 + 560 + k * colW, y - 11, colW - 6, lineH), Qt::AlignRight,
                             x.ok ? pp::num(x.sqnrDb, 4) + QStringLiteral(" / ") + pp::num(x.bitsPerValue, 3)
                                  : QStringLiteral("n/a"));
            painter.setFont(f);
        }
        y += lineH;
    }
    if (plan && plan->feasible) {
        y += 4;
        painter.drawText(x0, y, QObject::tr("Bold: the scheme the plan chose for the tensor."));
    }
}

} // namespace

QString exportReportPdf(const ModelReport& r, const ReportPlan* plan, const QString& path)
{
    const std::vector<ReportPlan> frontier = planFrontier(r, 24);
    FigureStyle style;
    QCustomPlot heat, pareto;
    heat.resize(kPageW, kPageH);
    pareto.resize(kPageW, kPageH);
    buildReportHeatmap(&heat, r, style);
    buildReportPareto(&pareto, r, frontier, plan, style);
    heat.replot();
    pareto.replot();

    AtomicFileDevice file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.failure().isEmpty() ? QObject::tr("cannot write %1").arg(path) : file.failure();
    {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("Quantscope"));
        writer.setTitle(QObject::tr("Quantization report"));
        writer.setResolution(96);
        writer.setPageSize(QPageSize(QSizeF(kPageW, kPageH) * 72.0 / 96.0, QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter;
        if (!painter.begin(&writer))
            return QObject::tr("cannot start PDF drawing for %1").arg(path);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.setMode(QCPPainter::pmNonCosmetic);
        painter.scale(double(writer.width()) / kPageW, double(writer.height()) / kPageH);
        const int firstRows = plan ? 36 : 37, moreRows = 42;
        int done = 0;
        do {
            drawTable(painter, r, plan, done, done == 0 ? firstRows : moreRows);
            done += done == 0 ? firstRows : moreRows;
            writer.newPage();
        } while (done < int(r.ranking.size()));
        heat.toPainter(&painter, kPageW, kPageH);
        writer.newPage();
        pareto.toPainter(&painter, kPageW, kPageH);
        painter.end();
    }
    if (!file.commit())
        return file.failure();
    return {};
}

QString exportReportFigures(const ModelReport& report, const ReportPlan* plan, const QString& path,
                            QStringList* written)
{
    const auto format = PlotExporter::formatFromPath(path);
    if (!format)
        return QObject::tr("'%1': use a .pdf, .svg or .png file name").arg(path);
    if (*format == FigureFormat::Pdf) {
        const QString e = exportReportPdf(report, plan, path);
        if (e.isEmpty() && written)
            *written << path;
        return e;
    }
    // SVG and PNG hold one figure each: FILE-heatmap.EXT and FILE-pareto.EXT.
    const QFileInfo info(path);
    const QString stem = info.path() + QLatin1Char('/') + info.completeBaseName();
    FigureOptions o;
    o.size = QSize(1200, 750);
    o.dpi = 96;
    const FigureStyle style;
    for (int k = 0; k < 2; ++k) {
        QCustomPlot plot;
        plot.resize(PlotExporter::layoutSize(o, o.size));
        if (k == 0)
            buildReportHeatmap(&plot, report, style);
        else
            buildReportPareto(&plot, report, planFrontier(report, 24), plan, style);
        plot.replot();
        const QString out = stem + (k == 0 ? QStringLiteral("-heatmap.") : QStringLiteral("-pareto.")) + info.suffix();
        o.title = k == 0 ? QStringLiteral("SQNR heat map") : QStringLiteral("SQNR against bits/value");
        const QString e = PlotExporter::exportPlot(&plot, out, *format, o);
        if (!e.isEmpty())
            return e;
        if (written)
            *written << out;
    }
    return {};
}

} // namespace qs
