#pragma once
// The Model view (docs/report.md, "The Model view"): a whole checkpoint's
// report in the GUI. Opening a model runs core/report's runModelReport on the
// Model Lab's job runner (JobBar: off the GUI thread, progress and Cancel);
// rows appear as tensors finish. A sortable, filterable table, the heat map and
// the SQNR-vs-bits figure of ui/plots/reportfigures, the planner under a
// budget slider with its llama-quantize lines, and exports (CSV, JSON, PDF,
// PNG, SVG). A double-click on a tensor asks for it in the Explorer.
#include "report/modelreport.h"
#include "report/planner.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace qs {

class JobBar;
class ReportTableModel;

class ModelView : public QWidget
{
    Q_OBJECT
public:
    static constexpr const char* kDefaultSchemes = "int8 channel:0; int4 block:32; nf4; q4_K; mxfp4";
    static constexpr int kSliderSteps = 1000;

    explicit ModelView(QWidget* parent = nullptr);
    ~ModelView() override;

    // Scans the model at `path` (a file or a model folder) with the schemes of the line edit.
    void openModel(const QString& path);
    QString modelPath() const { return m_path; }
    bool busy() const;
    // The report so far (every finished tensor; totals and ranking of those).
    const ModelReport& report() const { return m_report; }
    const ReportPlan& plan() const { return m_plan; }
    double budget() const;
    // Moves the slider to the step nearest `bitsPerValue` (clamped to the plans' range).
    void setBudget(double bitsPerValue);
    // Writes the report by the file's suffix: .csv, .json (with the plan), .pdf, .png or .svg
    // (two figures). Returns an error message, empty on success.
    QString exportTo(const QString& path);

    ReportTableModel* tableModel() const { return m_model; }
    QSortFilterProxyModel* proxyModel() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    // "pareto" or "heatmap" brings that figure to the front (`--view model/heatmap`).
    Q_INVOKABLE bool showSubView(const QString& name);

public slots:
    void chooseModel(); // a file dialog, then openModel
    void run();         // rescans the current model (e.g. with other schemes)
    void cancel();

signals:
    void statusMessage(const QString& text);
    // The scan ended; ok false when it was cancelled or failed (message says why).
    void scanFinished(bool ok, const QString& message);
    // A double-click on a tensor: show FILE's tensor NAME in the Explorer.
    void openTensorRequested(const QString& file, const QString& tensor);

private:
    void addTensor(const ReportTensor& tensor);
    void setFinalReport(ModelReport report);
    void onJobFinished(bool ok, const QString& message);
    void refresh(); // totals, figures, slider range and plan from the rows so far
    void replan();
    void applyFilter();
    void exportDialog();

    QString m_path;
    ModelReport m_report;
    ReportPlan m_plan;
    std::vector<ReportPlan> m_frontier;
    double m_minBits = 0, m_maxBits = 0;
    quint64 m_generation = 0;
    bool m_scanning = false;

    QLabel* m_file = nullptr;
    QLineEdit* m_schemes = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_export = nullptr;
    JobBar* m_job = nullptr;
    QLineEdit* m_filter = nullptr;
    ReportTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_totals = nullptr;
    QTabWidget* m_figures = nullptr;
    QCustomPlot* m_heatmap = nullptr;
    QCustomPlot* m_pareto = nullptr;
    QSlider* m_budget = nullptr;
    QLabel* m_budgetLabel = nullptr;
    QLabel* m_planSummary = nullptr;
    QPlainTextEdit* m_planText = nullptr;
    QTimer* m_refreshTimer = nullptr;
};

} // namespace qs
