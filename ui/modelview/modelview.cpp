#include "modelview/modelview.h"

#include "common/plotexporter.h"
#include "common/uizoom.h"
#include "formats/error.h"
#include "io/atomicfile.h"
#include "io/progress.h"
#include "modellab/jobbar.h"
#include "modelview/reporttablemodel.h"
#include "plots/reportfigures.h"
#include "report/reportjson.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace qs {

ModelView::ModelView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    auto* top = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open Model…"), this);
    open->setObjectName(QStringLiteral("openModel"));
    open->setToolTip(tr("A checkpoint in any container the Explorer reads, or a model folder (sharded safetensors)"));
    m_file = new QLabel(tr("No model open"), this);
    m_file->setObjectName(QStringLiteral("modelFile"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_schemes = new QLineEdit(QString::fromLatin1(kDefaultSchemes), this);
    m_schemes->setObjectName(QStringLiteral("schemes"));
    m_schemes->setToolTip(tr("Schemes separated by ';': a quantizer, a granularity (tensor, channel:AXIS, "
                             "block:N) and NAME=VALUE options, e.g. \"int4 block:32 scheme=asymmetric\""));
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("run"));
    m_run->setToolTip(tr("Scan the model again with these schemes"));
    m_export = new QPushButton(tr("Export"), this);
    m_export->setObjectName(QStringLiteral("export"));
    top->addWidget(open);
    top->addWidget(m_file, 1);
    top->addWidget(new QLabel(tr("Schemes:"), this));
    top->addWidget(m_schemes, 2);
    top->addWidget(m_run);
    top->addWidget(m_export);
    layout->addLayout(top);

    m_job = new JobBar(this);
    m_job->setObjectName(QStringLiteral("job"));
    layout->addWidget(m_job);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter tensors (regular expression, e.g. attn|mlp\\.0)"));
    m_filter->setClearButtonEnabled(true);
    m_model = new ReportTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReportTableModel::kSortRole);
    m_proxy->setFilterKeyColumn(ReportTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table = new QTableView(left);
    m_table->setObjectName(QStringLiteral("reportTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the file's order until a header is clicked
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_totals = new QLabel(left);
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_totals);

    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* figures = m_figures = new QTabWidget(right);
    figures->setObjectName(QStringLiteral("figures"));
    m_heatmap = new QCustomPlot(figures);
    m_heatmap->setObjectName(QStringLiteral("heatmap"));
    m_pareto = new QCustomPlot(figures);
    m_pareto->setObjectName(QStringLiteral("pareto"));
    // Wheel zoom, drag pan and double-click reset like every plot; fonts and
    // pens follow the interface zoom (F5, Ctrl+=).
    enablePlotNavigation(m_heatmap, [this] { refresh(); });
    enablePlotNavigation(m_pareto, [this] { refresh(); });
    followZoom(m_heatmap, 10);
    followZoom(m_pareto, 10);
    figures->addTab(m_pareto, tr("SQNR vs bits/value"));
    figures->addTab(m_heatmap, tr("Heat map"));
    rightLayout->addWidget(figures, 3);

    auto* budgetRow = new QHBoxLayout;
    auto* budgetTitle = new QLabel(tr("Budget:"), right);
    budgetTitle->setToolTip(tr("The planner chooses one scheme per tensor so that the model's bits/value stay "
                               "within the budget and the global SQNR is as high as it can be"));
    m_budget = new QSlider(Qt::Horizontal, right);
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setRange(0, kSliderSteps);
    m_budget->setEnabled(false);
    m_budgetLabel = new QLabel(right);
    m_budgetLabel->setObjectName(QStringLiteral("budgetLabel"));
    m_budgetLabel->setMinimumWidth(m_budgetLabel->fontMetrics().horizontalAdvance(tr("%1 bits/value").arg(16.888)));
    budgetRow->addWidget(budgetTitle);
    budgetRow->addWidget(m_budget, 1);
    budgetRow->addWidget(m_budgetLabel);
    rightLayout->addLayout(budgetRow);
    m_planSummary = new QLabel(right);
    m_planSummary->setObjectName(QStringLiteral("planSummary"));
    m_planSummary->setWordWrap(true);
    rightLayout->addWidget(m_planSummary);
    m_planText = new QPlainTextEdit(right);
    m_planText->setObjectName(QStringLiteral("planText"));
    m_planText->setReadOnly(true);
    m_planText->setPlaceholderText(tr("The plan: one scheme per tensor, then the llama-quantize options"));
    m_planText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_planText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    rightLayout->addWidget(m_planText, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250);
    connect(m_refreshTimer, &QTimer::timeout, this, &ModelView::refresh);

    connect(open, &QPushButton::clicked, this, &ModelView::chooseModel);
    connect(m_run, &QPushButton::clicked, this, &ModelView::run);
    connect(m_schemes, &QLineEdit::returnPressed, this, &ModelView::run);
    connect(m_filter, &QLineEdit::textChanged, this, &ModelView::applyFilter);
    connect(m_budget, &QSlider::valueChanged, this, &ModelView::replan);
    connect(m_job, &JobBar::finished, this, &ModelView::onJobFinished);
    connect(m_export, &QPushButton::clicked, this, &ModelView::exportDialog);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid())
            emit openTensorRequested(m_path, QString::fromStdString(m_model->tensorAt(source.row()).name));
    });
    refresh();
}

ModelView::~ModelView() = default;

bool ModelView::busy() const
{
    return m_job->busy();
}

void ModelView::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), QFileInfo(m_path).path(),
        tr("Models (*.safetensors *.json *.gguf *.pt *.pth *.bin *.npz *.npy *.onnx);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void ModelView::openModel(const QString& path)
{
    m_path = path;
    m_file->setText(QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName());
    m_file->setToolTip(path);
    run();
}

void ModelView::run()
{
    if (m_path.isEmpty()) {
        chooseModel();
        return;
    }
    std::vector<ReportScheme> schemes;
    try {
        schemes = parseReportSchemes(m_schemes->text().toStdString());
    } catch (const Error& e) {
        emit statusMessage(tr("Schemes: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    const quint64 generation = ++m_generation;
    m_report = ModelReport();
    m_report.file = m_path.toStdString();
    m_report.schemes = schemes;
    m_plan = ReportPlan();
    m_model->reset(schemes);
    m_scanning = true;
    refresh();

    QPointer<ModelView> self(this);
    const std::string path = m_path.toStdString();
    m_job->run(tr("Scanning %1").arg(QFileInfo(m_path).fileName()),
               [self, generation, path, schemes](const ModelProgress& progress) -> std::function<void()> {
                   ReportOptions options;
                   options.progress = [&progress](double f) {
                       progress.report(f, {});
                       return !progress.cancelled();
                   };
                   // Each finished row goes to the GUI thread; a newer scan's generation drops it.
                   options.tensorDone = [self, generation](const ReportTensor& t, std::size_t) {
                       QMetaObject::invokeMethod(
                           self.data(),
                           [self, generation, t] {
                               if (self && self->m_generation == generation)
                                   self->addTensor(t);
                           },
                           Qt::QueuedConnection);
                   };
                   std::shared_ptr<ModelReport> report;
                   try {
                       report = std::make_shared<ModelReport>(runModelReport(path, schemes, options));
                   } catch (const Cancelled&) {
                       return {}; // JobBar reports the cancel
                   }
                   return [self, generation, report] {
                       if (self && self->m_generation == generation)
                           self->setFinalReport(std::move(*report));
                   };
               });
}

void ModelView::cancel()
{
    m_job->cancel();
}

void ModelView::addTensor(const ReportTensor& tensor)
{
    m_model->addTensor(tensor, m_report.tensors.size());
    m_report.tensors.push_back(tensor);
    if (m_report.tensors.size() == 1)
        m_table->resizeColumnsToContents();
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void ModelView::setFinalReport(ModelReport report)
{
    // The rows arrived in the order the tensors finished; the table keeps them
    // unless they are not the report's order (then it is rebuilt from the report).
    bool same = report.tensors.size() == std::size_t(m_model->rowCount());
    for (int r = 0; same && r < m_model->rowCount(); ++r)
        same = report.tensors[m_model->reportIndexAt(r)].name == m_model->tensorAt(r).name;
    m_report = std::move(report);
    if (!same) {
        m_model->reset(m_report.schemes);
        for (std::size_t i = 0; i < m_report.tensors.size(); ++i)
            m_model->addTensor(m_report.tensors[i], i);
    }
}

bool ModelView::showSubView(const QString& name)
{
    QWidget* page = name == QLatin1String("heatmap")  ? static_cast<QWidget*>(m_heatmap)
                    : name == QLatin1String("pareto") ? static_cast<QWidget*>(m_pareto)
                                                      : nullptr;
    if (page)
        m_figures->setCurrentWidget(page);
    return page != nullptr;
}

void ModelView::onJobFinished(bool ok, const QString& message)
{
    m_scanning = false;
    m_refreshTimer->stop();
    refresh();
    m_table->resizeColumnsToContents();
    const QString name = QFileInfo(m_path).fileName();
    emit statusMessage(ok ? tr("%1: %n tensor(s) measured", nullptr, int(m_report.tensors.size())).arg(name)
                          : tr("%1: %2").arg(name, message));
    emit scanFinished(ok, message);
}

void ModelView::refresh()
{
    if (m_scanning || m_report.totals.size() != m_report.schemes.size() ||
        m_report.ranking.size() != m_report.tensors.size())
        finishReport(m_report); // totals and ranking of the rows so far
    const FigureStyle style;
    buildReportHeatmap(m_heatmap, m_report, style);
    m_heatmap->replot();

    QStringList totals;
    for (std::size_t s = 0; s < m_report.totals.size() && s < m_report.schemes.size(); ++s) {
        const ReportTotal& t = m_report.totals[s];
        if (t.tensors > 0)
            totals << tr("<b>%1</b> %2 dB at %3 bits/value")
                          .arg(QString::fromStdString(m_report.schemes[s].label).toHtmlEscaped())
                          .arg(t.sqnrDb, 0, 'f', 2)
                          .arg(t.bitsPerValue, 0, 'f', 3);
    }
    QString skipped;
    if (!m_report.skipped.empty())
        skipped = tr(" %n tensor(s) not read (see the JSON export).", nullptr, int(m_report.skipped.size()));
    m_totals->setText(m_report.tensors.empty() ? tr("Open a checkpoint to measure every tensor under every scheme.")
                                               : tr("Model totals (global SQNR, weighted by values): %1.%2")
                                                     .arg(totals.join(QStringLiteral(" · ")), skipped));

    // The slider spans the plans from the cheapest to the dearest; the budget stays where it was.
    const bool had = m_maxBits > m_minBits;
    const double old = budget();
    m_frontier = m_report.tensors.empty() ? std::vector<ReportPlan>{} : planFrontier(m_report, 24);
    m_minBits = m_frontier.empty() ? 0 : m_frontier.front().bitsPerValue;
    m_maxBits = m_frontier.empty() ? 0 : m_frontier.back().bitsPerValue;
    m_budget->setEnabled(!m_frontier.empty());
    const QSignalBlocker block(m_budget);
    setBudget(had ? old : 4.5);
    replan();
}

double ModelView::budget() const
{
    if (m_maxBits <= m_minBits)
        return m_maxBits;
    return m_minBits + (m_maxBits - m_minBits) * m_budget->value() / kSliderSteps;
}

void ModelView::setBudget(double bitsPerValue)
{
    if (m_maxBits <= m_minBits) {
        m_budget->setValue(kSliderSteps);
        return;
    }
    const double f = std::clamp((bitsPerValue - m_minBits) / (m_maxBits - m_minBits), 0.0, 1.0);
    m_budget->setValue(int(std::lround(f * kSliderSteps)));
}

void ModelView::replan()
{
    if (m_report.tensors.empty()) {
        m_plan = ReportPlan();
        m_budgetLabel->clear();
        m_planSummary->clear();
        m_planText->clear();
        m_model->setPlan({});
        buildReportPareto(m_pareto, m_report, {}, nullptr, FigureStyle());
        m_pareto->replot();
        return;
    }
    // A step below the top may round under the dearest plan's bits/value: the
    // slider's last step is the dearest plan itself.
    const double b = m_budget->value() >= kSliderSteps ? m_maxBits * (1 + 1e-12) : budget();
    m_plan = planMixedPrecision(m_report, b);
    m_budgetLabel->setText(tr("%1 bits/value").arg(b, 0, 'f', 3));
    if (!m_plan.feasible) {
        m_planSummary->setText(tr("No plan fits %1 bits/value; the cheapest needs %2.")
                                   .arg(b, 0, 'f', 3)
                                   .arg(m_plan.minBitsPerValue, 0, 'f', 3));
        m_planText->clear();
        m_model->setPlan({});
    } else {
        m_planSummary->setText(tr("Plan (%1): %2 bits/value, global SQNR %3 dB, %4 bytes")
                                   .arg(m_plan.exact ? tr("exact") : tr("greedy"))
                                   .arg(m_plan.bitsPerValue, 0, 'f', 3)
                                   .arg(m_plan.sqnrDb, 0, 'f', 2)
                                   .arg(QLocale().toString(qulonglong(std::ceil(m_plan.bits / 8)))));
        QStringList lines;
        std::size_t width = 0;
        for (const ReportTensor& t : m_report.tensors)
            width = std::max(width, t.name.size());
        for (std::size_t t = 0; t < m_report.tensors.size(); ++t)
            if (m_plan.choice[t] >= 0)
                lines << QString::fromStdString(m_report.tensors[t].name).leftJustified(int(width) + 2) +
                             QString::fromStdString(m_report.schemes[std::size_t(m_plan.choice[t])].label);
        lines << QString() << tr("# llama-quantize options:");
        for (const std::string& l : llamaQuantizeLines(m_report, m_plan))
            lines << QString::fromStdString(l);
        m_planText->setPlainText(lines.join(QLatin1Char('\n')));
        m_model->setPlan(m_plan.choice);
    }
    buildReportPareto(m_pareto, m_report, m_frontier, m_plan.feasible ? &m_plan : nullptr, FigureStyle());
    m_pareto->replot();
}

void ModelView::applyFilter()
{
    const QString text = m_filter->text();
    const QRegularExpression re(text, QRegularExpression::CaseInsensitiveOption);
    // A pattern that is not a valid regular expression filters as plain text.
    if (re.isValid())
        m_proxy->setFilterRegularExpression(re);
    else
        m_proxy->setFilterFixedString(text);
    m_filter->setToolTip(re.isValid() ? QString() : tr("Not a regular expression: filtering by the text as typed"));
}

QString ModelView::exportTo(const QString& path)
{
    if (m_report.tensors.empty())
        return tr("Nothing to export: open a model first");
    const QString suffix = QFileInfo(path).suffix().toLower();
    const ReportPlan* plan = m_plan.feasible ? &m_plan : nullptr;
    if (suffix == QLatin1String("csv"))
        return writeFileAtomically(path, QByteArray::fromStdString(reportToCsv(m_report)));
    if (suffix == QLatin1String("json"))
        return writeFileAtomically(path, QJsonDocument(reportToJson(m_report, plan)).toJson());
    return exportReportFigures(m_report, plan, path);
}

void ModelView::exportDialog()
{
    const QString stem = QFileInfo(m_path).completeBaseName().isEmpty()
                             ? QStringLiteral("report")
                             : QFileInfo(m_path).completeBaseName() + QStringLiteral("-report");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"), stem + QStringLiteral(".pdf"),
        tr("PDF report (*.pdf);;Figures (*.png *.svg);;Table (*.csv);;Report with the plan (*.json)"));
    if (path.isEmpty())
        return;
    const QString error = exportTo(path);
    emit statusMessage(error.isEmpty() ? tr("Exported %1").arg(path) : error);
}

} // namespace qs
