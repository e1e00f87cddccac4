#include "bitlab/numberlinepanel.h"

#include "bitlab/formatinfo.h"
#include "common/uizoom.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace qs {

namespace {

const QColor kRowColors[] = {QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73),
                             QColor(0xCC, 0x79, 0xA7), QColor(0x56, 0xB4, 0xE9), QColor(0x99, 0x99, 0x99),
                             QColor(0xF0, 0xE4, 0x42)};
const QColor kMarker(0xD5, 0x5E, 0x00);

QString superscript(int k)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString s = k < 0 ? QStringLiteral("⁻") : QString();
    for (QChar c : QString::number(std::abs(k)))
        s += digits[c.digitValue()];
    return s;
}

QString pow2Label(int k, bool negative)
{
    return QStringLiteral("%1 2%2").arg(negative ? QStringLiteral("−") : QString(), superscript(k)).trimmed();
}

} // namespace

NumberLinePanel::NumberLinePanel(QWidget* parent) : BitLabPanel(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("numberLinePlot"));
    m_plot->setToolTip(tr("Each tick is one representable value; drag or scroll to pan and zoom along the axis."));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setMinimumHeight(220);
    // Axis fonts and tick pens at the interface zoom (the ticks are custom markers, scaled with it).
    followZoom(m_plot, QFont().pointSizeF() * 1.1);

    m_scale = new QComboBox(this);
    m_scale->setObjectName(QStringLiteral("numberLineScale"));
    m_scale->addItem(tr("Log scale, both signs"));
    m_scale->addItem(tr("Linear scale"));
    m_scale->setToolTip(tr("Log: every power-of-two interval (binade) is equally wide. Linear: the real spacing, "
                           "where values crowd toward zero."));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Axis:"), this));
    controls->addWidget(m_scale);
    controls->addSpacing(20);
    controls->addWidget(new QLabel(tr("Also show:"), this));
    const QStringList specs = {QStringLiteral("fp8-e4m3"), QStringLiteral("fp8-e5m2"), QStringLiteral("fp6-e3m2"),
                               QStringLiteral("fp6-e2m3"), QStringLiteral("fp4-e2m1"), QStringLiteral("int8")};
    for (const QString& spec : specs) {
        auto* box = new QCheckBox(spec, this);
        box->setObjectName(QStringLiteral("numberLine_%1").arg(spec));
        box->setToolTip(tr("Draw the values of %1 as another row.").arg(spec));
        box->setChecked(spec == QLatin1String("fp8-e4m3") || spec == QLatin1String("fp4-e2m1"));
        connect(box, &QCheckBox::toggled, this, [this] { setContext(context()); });
        controls->addWidget(box);
        m_compare << box;
    }
    controls->addStretch();
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("numberLineNote"));
    m_note->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    connect(m_scale, &QComboBox::currentIndexChanged, this, [this] { setContext(context()); });
}

bool NumberLinePanel::logScale() const
{
    return m_scale->currentIndex() == 0;
}

void NumberLinePanel::setLogScale(bool on)
{
    m_scale->setCurrentIndex(on ? 0 : 1);
}

void NumberLinePanel::setComparisonSpecs(const QStringList& specs)
{
    for (QCheckBox* box : m_compare) {
        box->blockSignals(true);
        box->setChecked(specs.contains(box->text()));
        box->blockSignals(false);
    }
    setContext(context());
}

std::vector<double> NumberLinePanel::representableValues(const NumberFormat& format, std::uint64_t around,
                                                         std::size_t limit)
{
    std::set<double> values;
    const int n = totalBits(format);
    const auto add = [&](std::uint64_t code) {
        if (!isFiniteCode(format, code))
            return;
        const double v = decodeCode(format, code);
        if (std::isfinite(v))
            values.insert(v == 0 ? 0.0 : v); // -0 and +0 are one point
    };
    if (n <= 16) {
        for (std::uint64_t c = 0; c < (std::uint64_t(1) << n); ++c)
            add(c);
    } else {
        std::uint64_t up = around, down = around;
        add(around);
        for (std::size_t i = 0; i < limit / 2; ++i) {
            up = nextUpCode(format, up);
            down = nextDownCode(format, down);
            add(up);
            add(down);
        }
    }
    return {values.begin(), values.end()};
}

std::pair<double, double> NumberLinePanel::roundingInterval(const NumberFormat& format, std::uint64_t code,
                                                            const Rounding& rounding)
{
    const double v = decodeCode(format, code);
    if (!std::isfinite(v))
        return {v, v};
    const double up = decodeCode(format, nextUpCode(format, code));
    const double down = decodeCode(format, nextDownCode(format, code));
    const double hi = std::isfinite(up) && up != v ? up : v;
    const double lo = std::isfinite(down) && down != v ? down : v;
    switch (rounding.mode) {
    case RoundingMode::NearestEven:
    case RoundingMode::NearestAway: return {(lo + v) / 2, (v + hi) / 2};
    case RoundingMode::TowardZero: return v >= 0 ? std::pair{v, hi} : std::pair{lo, v};
    case RoundingMode::TowardPositive: return {lo, v};
    case RoundingMode::TowardNegative: return {v, hi};
    case RoundingMode::Stochastic: return {lo, hi};
    }
    return {v, v};
}

double NumberLinePanel::axisCoordinate(double v) const
{
    if (!logScale())
        return v;
    const double a = std::fabs(v);
    if (a == 0)
        return 0;
    const double l = std::log2(a);
    // Below the smallest drawn magnitude the axis turns linear, so 0 has a place.
    const double t = l >= m_logFloor ? l - m_logFloor + 1 : a / std::ldexp(1.0, int(m_logFloor));
    return v < 0 ? -t : t;
}

void NumberLinePanel::refresh()
{
    const BitLabContext& c = context();
    m_plot->clearGraphs();
    m_plot->clearItems();

    std::vector<std::pair<QString, NumberFormat>> formats;
    formats.emplace_back(displayName(c.format), c.format);
    for (QCheckBox* box : m_compare)
        if (box->isChecked() && box->text() != displayName(c.format))
            formats.emplace_back(box->text(), parseFormat(box->text().toStdString()));

    std::vector<std::vector<double>> values;
    double smallest = INFINITY, largest = 0;
    for (const auto& [name, format] : formats) {
        values.push_back(representableValues(format, c.code));
        for (double v : values.back()) {
            if (v != 0)
                smallest = std::min(smallest, std::fabs(v));
            largest = std::max(largest, std::fabs(v));
        }
    }
    if (!(smallest < INFINITY)) {
        smallest = 1;
        largest = 1;
    }
    m_logFloor = std::floor(std::log2(smallest));

    QCPScatterStyle tick(QCPScatterStyle::ssCustom);
    QPainterPath path;
    // QCPScatterStyle scales a custom path by size / 6, pen included: size 6 keeps
    // the ticks one pen wide so neighbouring values stay distinguishable.
    path.moveTo(0, -16);
    path.lineTo(0, 16);
    tick.setCustomPath(path);
    tick.setSize(6);

    auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t i = 0; i < formats.size(); ++i) {
        const double y = -double(i);
        QVector<double> keys, vals;
        for (double v : values[i]) {
            keys << axisCoordinate(v);
            vals << y;
        }
        QCPGraph* g = m_plot->addGraph();
        g->setName(formats[i].first);
        g->setLineStyle(QCPGraph::lsNone);
        QCPScatterStyle style = tick;
        style.setPen(QPen(kRowColors[i % std::size(kRowColors)], 1.2));
        g->setScatterStyle(style);
        g->setData(keys, vals);
        g->setAdaptiveSampling(false);
        yTicks->addTick(y, formats[i].first);
    }
    m_plot->yAxis->setTicker(yTicks);
    m_plot->yAxis->setRange(-double(formats.size()) + 0.4, 0.7);
    m_plot->yAxis->grid()->setVisible(false);

    // The current value and the interval of numbers that round to the stored value.
    const double x = c.value;
    const auto [lo, hi] = roundingInterval(c.format, c.code, c.rounding);
    if (std::isfinite(lo) && std::isfinite(hi) && hi > lo) {
        auto* rect = new QCPItemRect(m_plot);
        rect->topLeft->setCoords(axisCoordinate(lo), 0.45);
        rect->bottomRight->setCoords(axisCoordinate(hi), -0.45);
        rect->setPen(QPen(kMarker, 1, Qt::DashLine));
        rect->setBrush(QColor(0xD5, 0x5E, 0x00, 50));
    }
    if (std::isfinite(x)) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(axisCoordinate(x), 0);
        line->point2->setCoords(axisCoordinate(x), 1);
        line->setPen(QPen(kMarker, 2.5));
        auto* label = new QCPItemText(m_plot);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(axisCoordinate(x), 0.62);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(6, 0, 0, 0)); // beside the marker line, not on it
        label->setText(tr("x = %1").arg(shortValue(x)));
        label->setColor(kMarker);
        QFont f = font();
        f.setBold(true);
        label->setFont(f);
        label->setClipToAxisRect(false);
    }

    if (logScale()) {
        const int kmin = int(m_logFloor);
        const int kmax = int(std::ceil(std::log2(largest)));
        const int span = std::max(1, kmax - kmin);
        const int step = std::max(1, int(std::ceil(span / 8.0)));
        auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
        xTicks->addTick(0, QStringLiteral("0"));
        for (int k = kmin; k <= kmax; k += step) {
            xTicks->addTick(axisCoordinate(std::ldexp(1.0, k)), pow2Label(k, false));
            xTicks->addTick(axisCoordinate(-std::ldexp(1.0, k)), pow2Label(k, true));
        }
        m_plot->xAxis->setTicker(xTicks);
        const double t = axisCoordinate(largest) + 0.7;
        m_plot->xAxis->setRange(-t, t);
        m_plot->xAxis->setLabel(tr("value (log₂ of the magnitude, mirrored for negative numbers)"));
    } else {
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        double range = largest;
        if (const auto* f = asFloat(c.format))
            range = std::min(largest, std::isfinite(f->maxFinite()) ? f->maxFinite() : largest);
        if (std::isfinite(x) && x != 0)
            range = std::min(range, std::max(std::fabs(x) * 2, 1e-300));
        m_plot->xAxis->setRange(-range * 1.08, range * 1.08);
        m_plot->xAxis->setLabel(tr("value (linear)"));
    }

    QString note = tr("Each tick is a representable value; the orange band holds the numbers that round to the "
                      "stored value. ");
    note += logScale() ? tr("On this log axis every binade [2<sup>k</sup>, 2<sup>k+1</sup>) is equally wide and "
                            "holds the same number of values, so their spacing halves with each binade toward "
                            "zero; the linear axis shows the density doubling.")
                       : tr("On a linear axis the values crowd toward zero: each binade closer to zero is half as "
                            "wide but holds as many values, so the density doubles.");
    if (totalBits(c.format) > 16)
        note += tr(" %1 has %2 codes: only the %3 nearest the current value are drawn.")
                    .arg(displayName(c.format))
                    .arg(QString::number(std::ldexp(1.0, totalBits(c.format)), 'g', 4))
                    .arg(values.front().size());
    m_note->setText(note);
    m_plot->replot();
}

} // namespace qs
