// The pieces every figure is built from (figures.cpp draws the figures):
// plot reset and styling, step histograms, clip lines, legend proxies, log
// axes, the caption, and the legend's room. Split from figures.cpp to keep
// each file about one thing.
#include "plots/plotparts.h"

#include <QFontMetricsF>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace qs::plotparts {

QString num(double v, int digits)
{
    return QString::number(v, 'g', digits);
}

void resetPlot(QCustomPlot* p, const FigureStyle& s)
{
    p->clearPlottables();
    p->clearItems();
    p->plotLayout()->clear(); // also removes extra axis rects and the caption
    auto* rect = new QCPAxisRect(p);
    p->plotLayout()->addElement(0, 0, rect);
    p->legend = new QCPLegend;
    rect->insetLayout()->addElement(p->legend, Qt::AlignRight | Qt::AlignTop);
    p->legend->setLayer(QStringLiteral("legend"));
    p->setCurrentLayer(QStringLiteral("main"));
    p->xAxis = rect->axis(QCPAxis::atBottom);
    p->yAxis = rect->axis(QCPAxis::atLeft);
    p->xAxis2 = rect->axis(QCPAxis::atTop);
    p->yAxis2 = rect->axis(QCPAxis::atRight);
    // Dense data: antialiasing costs more than it shows.
    p->setNotAntialiasedElements(QCP::aePlottables);
    p->setBackground(s.background());
    p->legend->setVisible(true);
}

void styleRect(QCPAxisRect* rect, const FigureStyle& s)
{
    QFont f;
    f.setPointSizeF(9 * s.scale);
    QFont lf = f;
    lf.setPointSizeF(10 * s.scale);
    for (QCPAxis* a : rect->axes()) {
        a->setTickLabelFont(f);
        a->setLabelFont(lf);
        a->setBasePen(QPen(s.foreground(), s.scale));
        a->setTickPen(QPen(s.foreground(), s.scale));
        a->setSubTickPen(QPen(s.foreground(), s.scale));
        a->setTickLabelColor(s.foreground());
        a->setLabelColor(s.foreground());
        a->grid()->setPen(QPen(s.dark ? QColor(70, 70, 70) : QColor(225, 225, 225), 1, Qt::DotLine));
    }
    rect->setBackground(s.background());
}

void styleLegendOf(QCPLegend* legend, const FigureStyle& s)
{
    QFont f;
    f.setPointSizeF(9 * s.scale);
    legend->setFont(f);
    legend->setTextColor(s.foreground());
    QColor bg = s.background();
    bg.setAlpha(220);
    legend->setBrush(bg);
    legend->setBorderPen(QPen(s.foreground(), 0.5 * s.scale));
}

void styleLegend(QCustomPlot* p, const FigureStyle& s)
{
    styleLegendOf(p->legend, s);
}

// QCPTextElement sizes itself from the unwrapped text, so Qt::TextWordWrap
// never wrapped and a long caption line ran off the figure (the MSE and SQNR
// of the data line were cut). Lines are broken here, at the caption's " · "
// separators first and at spaces inside a part that is still too long.
QString wrapCaption(const QString& caption, const QFont& font, int width)
{
    const QFontMetricsF fm(font);
    const double avail = std::max(160, width);
    QStringList out;
    auto fits = [&](const QString& t) { return fm.horizontalAdvance(t) <= avail; };
    auto pack = [&](const QStringList& parts, const QString& sep, QStringList& lines) {
        QString cur;
        for (const QString& part : parts) {
            const QString candidate = cur.isEmpty() ? part : cur + sep + part;
            if (cur.isEmpty() || fits(candidate)) {
                cur = candidate;
            } else {
                lines << cur;
                cur = part;
            }
        }
        if (!cur.isEmpty())
            lines << cur;
    };
    for (const QString& line : caption.split(QLatin1Char('\n'))) {
        if (fits(line)) {
            out << line;
            continue;
        }
        QStringList byPart;
        pack(line.split(QStringLiteral(" · ")), QStringLiteral(" · "), byPart);
        for (const QString& part : byPart) {
            if (fits(part))
                out << part;
            else
                pack(part.split(QLatin1Char(' ')), QStringLiteral(" "), out);
        }
    }
    return out.join(QLatin1Char('\n'));
}

void addCaption(QCustomPlot* p, const FigureStyle& s)
{
    if (s.caption.isEmpty())
        return;
    QFont f;
    // The caption is for the report, not the back row: it grows less than the axes.
    f.setPointSizeF(8.5 * std::min(s.scale, 1.25));
    auto* text = new QCPTextElement(p, wrapCaption(s.caption, f, p->width() - 12), f);
    text->setTextColor(s.foreground());
    text->setTextFlags(Qt::AlignLeft);
    p->plotLayout()->addElement(p->plotLayout()->rowCount(), 0, text);
}

QCPGraph* stepGraph(QCustomPlot* p, QCPAxis* x, QCPAxis* y, const Histogram& h, const QString& name, QColor c,
                    double width, bool fill, double scaleY)
{
    QVector<double> keys, values;
    keys.reserve(h.bins());
    for (int i = 0; i < h.bins(); ++i) {
        keys << h.binCenter(i);
        values << double(h.counts[std::size_t(i)]) * scaleY;
    }
    auto* g = p->addGraph(x, y);
    g->setData(keys, values, true);
    g->setName(name);
    g->setLineStyle(QCPGraph::lsStepCenter);
    g->setPen(QPen(c, width));
    if (fill) {
        QColor b = c;
        b.setAlpha(70);
        g->setBrush(b);
    }
    return g;
}

QCPItemStraightLine* vline(QCustomPlot* p, QCPAxisRect* rect, double x, QColor c, double width, Qt::PenStyle style)
{
    auto* l = new QCPItemStraightLine(p);
    l->setClipAxisRect(rect);
    l->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    l->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    l->point1->setCoords(x, 0);
    l->point2->setCoords(x, 1);
    l->setPen(QPen(c, width, style));
    return l;
}

// A legend entry for items (which have none of their own): an empty graph with the item's pen.
void legendProxy(QCustomPlot* p, const QString& name, const QPen& pen)
{
    auto* g = p->addGraph();
    g->setName(name);
    g->setPen(pen);
}

namespace {

// Log-axis ticks written 1, 10, 10², 10³ …: the default "gb" format mixed
// 100000 with 1E+06 on one axis (and its beautified powers appeared only in
// exports, not on screen). Superscript digits are plain text, so screen, PNG,
// PDF and SVG show the same labels.
class PowerOfTenTicker : public QCPAxisTickerLog
{
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override
    {
        const double k = std::round(std::log10(tick));
        if (!(tick > 0) || std::abs(tick - std::pow(10.0, k)) > 1e-9 * tick || std::abs(k) > 99)
            return QCPAxisTickerLog::getTickLabel(tick, locale, formatChar, precision);
        if (k == 0)
            return QStringLiteral("1");
        if (k == 1)
            return QStringLiteral("10");
        static const QChar digits[] = {u'\u2070', u'\u00B9', u'\u00B2', u'\u00B3', u'\u2074',
                                       u'\u2075', u'\u2076', u'\u2077', u'\u2078', u'\u2079'};
        QString power;
        for (const QChar c : QString::number(int(std::abs(k))))
            power += digits[c.digitValue()];
        return QStringLiteral("10") + (k < 0 ? QStringLiteral("\u207B") : QString()) + power;
    }
};

} // namespace

void setLogY(QCPAxis* y, bool log)
{
    if (log) {
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<PowerOfTenTicker>::create());
    }
}

void fitY(QCPAxis* y, bool log)
{
    y->rescale(true);
    QCPRange r = y->range();
    if (log) {
        // At least up to 100: over fewer than two decades the log ticker falls
        // back to linear steps (2.5, 5, 7.5 ...) and 1 gets no label.
        y->setRange(0.5, std::max(100.0, r.upper * 2));
    } else {
        y->setRange(0, r.upper > 0 ? r.upper * 1.08 : 1);
    }
}

} // namespace qs::plotparts
