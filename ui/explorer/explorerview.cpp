#include "explorer/explorerview.h"

#include "common/uizoom.h"
#include "explorer/calibrationpanel.h"
#include "explorer/comparelistpanel.h"
#include "explorer/datapanel.h"
#include "explorer/formula.h"
#include "explorer/metricslabel.h"
#include "explorer/plotinteraction.h"
#include "explorer/quantizerpanel.h"
#include "formats/error.h"
#include "session/commands.h"
#include "session/engine.h"
#include "session/session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace qs {

namespace {

struct PlotTab
{
    FigureKind kind;
    const char* title;
    const char* tip;
};
const PlotTab kTabs[] = {
    {FigureKind::Histogram, "Histogram", "Original and dequantized values; drag the red lines to clip by hand."},
    {FigureKind::Error, "Error", "The quantization error x̂ − x: its histogram and how it depends on x."},
    {FigureKind::Transfer, "Transfer", "The staircase x → x̂ of the grid, with the clip range."},
    {FigureKind::Calibration, "Calibration",
     "What the calibration method optimised, and where the other methods would clip."},
    {FigureKind::Channels, "Channels",
     "Ranges of each channel or block as boxes, with its scale; click a box to see its values."},
    {FigureKind::Compare, "Compare", "Several quantizers on the same data: error, SQNR and storage cost side by side."},
    {FigureKind::Sweep, "Sweep", "SQNR against bit width with the 6.02 dB per bit rule of uniform quantization."},
};

} // namespace

ExplorerView::ExplorerView(QWidget* parent) : QMainWindow(parent)
{
    setWindowFlags(Qt::Widget); // lives inside a tab
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    m_session = new Session(this);
    // The preview runs ahead of the exact pass; both yield to the GUI thread.
    m_engine = new Engine(this, 10);
    m_auxEngine = new Engine(this, 15);
    m_previewEngine = new Engine(this, 5);
    setCentralWidget(buildCentral());
    buildDocks();

    connect(m_session, &Session::configChanged, this, &ExplorerView::requestMain);
    connect(m_session, &Session::dataChanged, this, &ExplorerView::onDataChanged);
    connect(m_session, &Session::viewChanged, this, [this] {
        const ViewState& v = m_session->view();
        FigureKind k;
        if (parseFigureKind(v.plot, k) && k != currentKind())
            showPlot(k);
        {
            const QSignalBlocker b(m_logY);
            m_logY->setChecked(v.logY);
        }
        std::fill(std::begin(m_dirty), std::end(m_dirty), true);
        m_extrasValid[int(FigureKind::Channels)] = false;
        m_extrasValid[int(FigureKind::Compare)] = false; // the Compare list is part of the view
        requestExtra();
        rebuildCurrent();
    });
    m_logY->setChecked(m_session->view().logY);
    connect(m_engine, &Engine::finished, this, &ExplorerView::onMainFinished);
    connect(m_auxEngine, &Engine::finished, this, &ExplorerView::onExtraFinished);
    connect(m_previewEngine, &Engine::finished, this, &ExplorerView::onPreviewFinished);
    // The figures' fonts, pens and markers follow the interface zoom.
    connect(UiZoom::instance(), &UiZoom::changed, this, [this] {
        std::fill(std::begin(m_dirty), std::end(m_dirty), true);
        rebuildCurrent();
        updateDockWidths();
    });
    requestMain();
}

ExplorerView::~ExplorerView() = default;

QWidget* ExplorerView::buildCentral()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_bar = new QWidget(central);
    m_bar->setObjectName(QStringLiteral("plotBar"));
    auto* bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(0, 0, 0, 0);
    m_logY = new QCheckBox(tr("&Log y"), central);
    m_logY->setObjectName(QStringLiteral("logY"));
    m_logY->setToolTip(tr("Logarithmic count axis: makes the few outliers and empty levels visible."));
    m_pin = new QToolButton(central);
    m_pin->setObjectName(QStringLiteral("pin"));
    m_pin->setText(tr("&Pin as reference"));
    m_pin->setCheckable(true);
    m_pin->setToolTip(
        tr("Keep this result as reference A: it stays on the plots in grey and metrics show the change."));
    m_problem = new QLabel(central);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c00000"));
    // Long work (a 2^24-value recompute, a sweep) shows progress after a
    // moment and can be cancelled; short work never flashes a bar.
    auto* progress = new QProgressBar(central);
    progress->setObjectName(QStringLiteral("progress"));
    progress->setRange(0, 100);
    progress->setMaximumWidth(160);
    progress->setToolTip(tr("Computing on a worker thread; the window stays responsive."));
    auto* cancel = new QPushButton(tr("Cancel"), central);
    cancel->setObjectName(QStringLiteral("cancel"));
    cancel->setToolTip(tr("Stop the running computation and keep the last result."));
    progress->hide();
    cancel->hide();
    auto* delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(300);
    connect(delay, &QTimer::timeout, this, [this, progress, cancel] {
        const bool busy = m_engine->isBusy() || m_auxEngine->isBusy();
        progress->setVisible(busy);
        cancel->setVisible(busy);
    });
    auto idle = [this, progress, cancel] {
        if (!m_engine->isBusy() && !m_auxEngine->isBusy()) {
            progress->hide();
            cancel->hide();
        }
    };
    for (Engine* e : {m_engine, m_auxEngine}) {
        connect(e, &Engine::started, delay, qOverload<>(&QTimer::start));
        connect(e, &Engine::finished, this, idle, Qt::QueuedConnection);
        connect(e, &Engine::progress, progress, [progress](double f) { progress->setValue(int(100 * f)); });
    }
    connect(cancel, &QPushButton::clicked, this, [this, idle] {
        m_engine->cancel();
        m_auxEngine->cancel();
        m_previewEngine->cancel();
        m_previewLabel->hide();
        idle();
        emit statusMessage(tr("Cancelled: the plots keep the last finished result."));
    });
    bar->addWidget(m_logY);
    bar->addWidget(m_pin);
    m_previewLabel = new QLabel(central);
    m_previewLabel->setObjectName(QStringLiteral("previewLabel"));
    m_previewLabel->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic"));
    m_previewLabel->setToolTip(
        tr("While you edit, large data is first drawn from an evenly spread subsample; the exact result replaces it."));
    m_previewLabel->hide();
    bar->addWidget(m_problem, 1);
    bar->addWidget(m_previewLabel);
    bar->addWidget(progress);
    bar->addWidget(cancel);
    layout->addWidget(m_bar);
    connect(m_logY, &QCheckBox::toggled, this, [this](bool on) {
        ViewState v = m_session->view();
        v.logY = on;
        m_session->setView(v, on ? tr("Log y") : tr("Linear y"));
    });
    connect(m_pin, &QToolButton::toggled, this, [this](bool on) { on ? pin() : unpin(); });

    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("plotTabs"));
    m_plots.resize(7);
    m_interactions.resize(7);
    for (const PlotTab& t : kTabs) {
        auto* plot = new QCustomPlot(m_tabs);
        plot->setObjectName(figureKindName(t.kind) + QStringLiteral("Plot"));
        plot->setMinimumSize(320, 240);
        plot->setFocusPolicy(Qt::StrongFocus);
        m_plots[int(t.kind)] = plot;
        m_interactions[int(t.kind)] = new PlotInteraction(plot);
        // Wheel and drag zoom and pan; a double-click draws the figure again at its own ranges.
        enablePlotNavigation(plot, [this, kind = t.kind] {
            m_dirty[int(kind)] = true;
            rebuild(kind);
        });
        QWidget* page = plot;
        if (t.kind == FigureKind::Compare) {
            auto* split = new QSplitter(Qt::Vertical, m_tabs);
            auto* below = new QSplitter(Qt::Horizontal, split); // the table, and the editor of its list beside it
            m_compareTable = new QTableWidget(below);
            m_compareTable->setObjectName(QStringLiteral("compareTable"));
            m_compareTable->setToolTip(tr("Each row quantizes the same data; the first row is the current settings."));
            m_compareTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
            below->addWidget(m_compareTable);
            below->addWidget(new CompareListPanel(m_session, below));
            below->setStretchFactor(0, 3);
            split->addWidget(plot);
            split->addWidget(below);
            split->setStretchFactor(0, 3);
            split->setStretchFactor(1, 1);
            // Stretch factors only share out extra space: without sizes the list editor's
            // size hint squeezed the plot to a strip. Three quarters go to the plot.
            split->setSizes({3000, 1000});
            page = split;
        }
        page->setObjectName(figureKindName(t.kind));
        const int i = m_tabs->addTab(page, tr(t.title));
        m_tabs->setTabToolTip(i, tr(t.tip));
    }
    connect(m_interactions[int(FigureKind::Histogram)], &PlotInteraction::clipDragged, this,
            &ExplorerView::onClipDragged);
    connect(m_interactions[int(FigureKind::Histogram)], &PlotInteraction::hovered, this, &ExplorerView::onHover);
    connect(m_interactions[int(FigureKind::Histogram)], &PlotInteraction::clicked, this,
            [this](double x, double) { onHover(x); });
    connect(m_interactions[int(FigureKind::Transfer)], &PlotInteraction::hovered, this, &ExplorerView::onHover);
    connect(m_interactions[int(FigureKind::Channels)], &PlotInteraction::clicked, this,
            [this](double x, double) { onChannelsClicked(x); });
    for (FigureKind k : {FigureKind::Error, FigureKind::Calibration, FigureKind::Channels})
        connect(m_interactions[int(k)], &PlotInteraction::inspected, this,
                [this, k](QPointF pos) { onInspect(k, pos); });
    for (QCustomPlot* p : m_plots)
        connect(p, &QCustomPlot::afterReplot, this, [this, p] {
            const auto i = m_plots.indexOf(p);
            if (i >= 0 && !m_dirty[i])
                emit figureShown(FigureKind(i));
        });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        // Switching plots is navigation, not an edit: it is saved but not undoable.
        ViewState v = m_session->view();
        v.plot = figureKindName(currentKind());
        if (v.plot != m_session->view().plot)
            m_session->applyView(v);
        requestExtra();
        rebuildCurrent();
    });
    layout->addWidget(m_tabs, 1);
    m_inspector = new QLabel(tr("Hover over a plot to inspect a value, a bin or a channel."), central);
    m_inspector->setObjectName(QStringLiteral("inspector"));
    m_inspector->setWordWrap(true);
    m_inspector->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inspector->setToolTip(
        tr("What happens to the value under the mouse: its code, dequantized value, error and bits."));
    layout->addWidget(m_inspector);
    return central;
}

void ExplorerView::buildDocks()
{
    auto dock = [this](const QString& name, const QString& title, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        auto* scroll = new QScrollArea(d);
        scroll->setWidget(w);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        // Tab goes from control to control; a focused scroll area shows no focus at all.
        scroll->setFocusPolicy(Qt::NoFocus);
        // Content re-lays out to the dock's width (at 1.75× fonts too) and
        // scrolls vertically; it is never cut off at the right edge.
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        for (QComboBox* combo : w->findChildren<QComboBox*>()) {
            combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            combo->setMinimumContentsLength(6);
            // A longer entry chosen: the column makes room for it (columnWidth()).
            connect(combo, &QComboBox::currentIndexChanged, this, [this] { updateDockWidths(); },
                    Qt::QueuedConnection);
        }
        d->setWidget(scroll);
        // A panel that shows other controls (a method's parameters) may need a wider column.
        w->installEventFilter(this);
        addDockWidget(area, d);
        m_docks << d;
        return d;
    };
    m_dataPanel = new DataPanel(m_session);
    m_quantizerPanel = new QuantizerPanel(m_session);
    m_calibrationPanel = new CalibrationPanel(m_session);
    auto* metrics = new QWidget;
    auto* ml = new QVBoxLayout(metrics);
    m_metrics = new MetricsLabel(metrics);
    m_metrics->setObjectName(QStringLiteral("metrics"));
    m_metrics->setWordWrap(true);
    // Links: hovering a metric's name reports it, and MetricsLabel shows its meaning.
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_metrics->setToolTip(
        tr("Scale, zero point, clip range and error metrics of the current result; hover a name for its meaning."));
    ml->addWidget(m_metrics);
    ml->addStretch(1);
    QDockWidget* q = dock(QStringLiteral("quantizerDock"), tr("Quantizer"), m_quantizerPanel, Qt::LeftDockWidgetArea);
    dock(QStringLiteral("calibrationDock"), tr("Calibration"), m_calibrationPanel, Qt::LeftDockWidgetArea);
    QDockWidget* d = dock(QStringLiteral("dataDock"), tr("Data"), m_dataPanel, Qt::LeftDockWidgetArea);
    dock(QStringLiteral("metricsDock"), tr("Metrics"), metrics, Qt::RightDockWidgetArea);
    tabifyDockWidget(q, d);
    q->raise();
    // Docks keep a readable width; the plots take what is left.
    updateDockWidths();
    for (auto* p : {static_cast<QObject*>(m_quantizerPanel), static_cast<QObject*>(m_calibrationPanel),
                    static_cast<QObject*>(m_dataPanel)})
        connect(p, SIGNAL(problem(QString)), m_problem, SLOT(setText(QString)));
}

void ExplorerView::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    // The metric names carry the palette's text colour in their HTML (they are
    // links, which would otherwise take the link colour): a new theme redoes it.
    if (event->type() == QEvent::PaletteChange)
        updateMetrics();
}

void ExplorerView::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized || m_docks.size() < 4)
        return;
    m_docksSized = true;
    // Polished at last: the panels' controls have their real sizes now.
    updateDockWidths();
    // Docks start at their minimum width (the default splits the space
    // evenly, which leaves a 1280-px window's plot cramped); saved layouts
    // restored later override this.
    QList<QDockWidget*> docks;
    QList<int> widths;
    for (QDockWidget* d : m_docks)
        if (d->isVisible()) {
            docks << d;
            widths << d->minimumWidth();
        }
    resizeDocks(docks, widths, Qt::Horizontal);
}

FigureKind ExplorerView::currentKind() const
{
    return FigureKind(std::max(0, m_tabs->currentIndex()));
}

void ExplorerView::showPlot(FigureKind kind)
{
    m_tabs->setCurrentIndex(int(kind));
}

FigureStyle ExplorerView::style() const
{
    FigureStyle s;
    s.scale = UiZoom::factor();
    s.highContrast = m_presentation;
    s.dark = m_dark;
    s.logY = m_session->view().logY;
    if (m_inputs.result)
        s.caption = figureCaption(*m_inputs.result, m_session->dataDescription());
    return s;
}

QString ExplorerView::figureCaptionText() const
{
    return style().caption;
}

void ExplorerView::rebuild(FigureKind kind)
{
    QCustomPlot* p = m_plots[int(kind)];
    if (!m_inputs.result)
        return;
    const FigureItems items = buildFigure(p, kind, m_inputs, m_session->tensor(), style(), m_pinned.get());
    m_interactions[int(kind)]->setClipLines(items.clipLo, items.clipHi);
    m_dirty[int(kind)] = false;
    p->replot(QCustomPlot::rpQueuedReplot);
}

void ExplorerView::rebuildCurrent()
{
    const FigureKind k = currentKind();
    // Plots that need extras wait for them rather than flash an empty figure.
    const bool needsExtra =
        k == FigureKind::Calibration || k == FigureKind::Channels || k == FigureKind::Compare || k == FigureKind::Sweep;
    if (m_dirty[int(k)] && (!needsExtra || m_extrasValid[int(k)]))
        rebuild(k);
}

void ExplorerView::updateMetrics()
{
    if (!m_inputs.result)
        return;
    QString html = metricsHtml(*m_inputs.result, m_pinned.get(), palette().color(QPalette::WindowText));
    if (m_inputs.preview)
        html.prepend(
            QStringLiteral("<p><i>%1</i></p>").arg(tr("Preview estimate from a subsample; exact values follow.")));
    m_metrics->setText(html);
}

void ExplorerView::updateCompareTable()
{
    const QStringList headers{tr("quantizer"), tr("MSE"), tr("SQNR (dB)"), tr("max |error|"), tr("bits/value")};
    m_compareTable->clear();
    m_compareTable->setColumnCount(int(headers.size()));
    m_compareTable->setHorizontalHeaderLabels(headers);
    m_compareTable->setRowCount(int(m_inputs.compare.size()));
    int row = 0;
    for (const auto& r : m_inputs.compare) {
        // Short names keep the numbers in view; the whole configuration is the tooltip.
        const QString name =
            row == 0 ? tr("%1 (current)").arg(shortQuantizerName(r->config)) : shortQuantizerName(r->config);
        const QStringList cells{
            name, QString::number(r->metrics.mse, 'g', 4), QString::number(r->metrics.sqnrDb, 'f', 2),
            QString::number(r->metrics.maxAbsError, 'g', 4),
            QString::number(r->bitsPerValue, 'g', 4) + (r->warnings.empty() ? QString() : QStringLiteral(" ⚠"))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            // Partial or padded blocks: the warning goes with the row.
            QString tip = QString::fromStdString(r->config.summary());
            if (!r->warnings.empty())
                tip += QLatin1Char('\n') + warningsText(*r);
            item->setToolTip(tip);
            m_compareTable->setItem(row, c, item);
        }
        ++row;
    }
    // One line per row, the numbers always in view: names are short, the
    // whole configuration is each cell's tooltip.
    m_compareTable->setWordWrap(false);
    m_compareTable->resizeColumnsToContents();
    m_compareTable->resizeRowsToContents();
    m_compareTable->horizontalHeader()->setStretchLastSection(true);
}

void ExplorerView::onClipDragged(int which, double x, bool finished)
{
    QuantConfig c = m_session->config();
    const double lo0 = m_inputs.result ? m_inputs.result->calibration.clipMin : c.calibration.manualMin;
    const double hi0 = m_inputs.result ? m_inputs.result->calibration.clipMax : c.calibration.manualMax;
    double lo = c.calibration.method == CalibrationMethod::Manual ? c.calibration.manualMin : lo0;
    double hi = c.calibration.method == CalibrationMethod::Manual ? c.calibration.manualMax : hi0;
    const bool symmetric = c.kind == QuantizerKind::Uniform && c.scheme == QuantScheme::Symmetric;
    if (symmetric) {
        // A symmetric grid has one clip value a: dragging either line sets [−a, a].
        const double a = std::max(std::fabs(x), 1e-12);
        lo = -a;
        hi = a;
    } else if (which == 0) {
        lo = std::min(x, hi - 1e-12);
    } else {
        hi = std::max(x, lo + 1e-12);
    }
    c.calibration.method = CalibrationMethod::Manual;
    c.calibration.manualMin = lo;
    c.calibration.manualMax = hi;
    m_session->setConfig(c, tr("Drag clip range"), MergeClipDrag);
    if (finished)
        m_session->closeMergeGroup();
}

void ExplorerView::onHover(double x)
{
    if (!m_inputs.result)
        return;
    const ValueInspection v = inspectValue(*m_inputs.result, m_inputs.transfer, x);
    m_inspector->setText(inspectionHtml(v, m_inputs.result->histOriginal, m_inputs.result->histDequantized));
}

void ExplorerView::onChannelsClicked(double x)
{
    const int channel = int(std::lround(x));
    if (channel < 0 || channel >= int(m_inputs.channels.min.size()))
        return;
    ViewState v = m_session->view();
    v.channel = channel;
    m_session->setView(v, tr("Select channel %1").arg(channel));
}

bool ExplorerView::waitForIdle(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        if (!m_engine->waitForIdle(int(std::max<qint64>(1, timeoutMs - t.elapsed()))))
            return false;
        if (!m_auxEngine->waitForIdle(int(std::max<qint64>(1, timeoutMs - t.elapsed()))))
            return false;
        QCoreApplication::processEvents();
        if (!m_engine->isBusy() && !m_auxEngine->isBusy()) {
            flushMetrics();
            return true;
        }
    }
}

void ExplorerView::pin()
{
    if (m_inputs.preview)
        waitForIdle(); // the reference is the exact result, never a preview
    m_pinned = m_inputs.result;
    {
        const QSignalBlocker b(m_pin);
        m_pin->setChecked(bool(m_pinned));
    }
    std::fill(std::begin(m_dirty), std::end(m_dirty), true);
    updateMetrics();
    rebuildCurrent();
}

void ExplorerView::unpin()
{
    m_pinned.reset();
    {
        const QSignalBlocker b(m_pin);
        m_pin->setChecked(false);
    }
    std::fill(std::begin(m_dirty), std::end(m_dirty), true);
    updateMetrics();
    rebuildCurrent();
}

} // namespace qs
