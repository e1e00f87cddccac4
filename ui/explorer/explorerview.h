#pragma once
// The live quantization explorer (docs/explorer.md): a QMainWindow inside the main
// window's "explorer" tab, so its panels are real docks. It owns the Session
// (the document) and two Engines: the main one computes the result every plot
// needs, the auxiliary one what only the visible plot needs (other
// calibrators, compare, sweep, channel statistics). Plots are rebuilt only
// when visible; replots are queued so bursts coalesce.
#include "plots/figuredata.h"
#include "plots/figures.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QVector>

#include <memory>

class QCheckBox;
class QCustomPlot;
class QDockWidget;
class QLabel;
class QTabWidget;
class QTableWidget;
class QTimer;
class QToolButton;

namespace qs {

class CalibrationPanel;
class DataPanel;
class Engine;
class PlotInteraction;
class QuantizerPanel;
class Session;
struct EngineOutput;
struct FigureOptions;

class ExplorerView : public QMainWindow
{
    Q_OBJECT
public:
    explicit ExplorerView(QWidget* parent = nullptr);
    ~ExplorerView() override;

    Session* session() const { return m_session; }
    Engine* engine() const { return m_engine; }
    DataPanel* dataPanel() const { return m_dataPanel; }
    QList<QDockWidget*> docks() const { return m_docks; }
    // "Plot only": the current figure fills the view; panels, the bar above
    // and the inspector below are hidden, and come back as they were.
    void setPlotOnly(bool on);
    bool isPlotOnly() const { return m_plotOnly; }

    FigureKind currentKind() const;
    void showPlot(FigureKind kind);
    QCustomPlot* plot(FigureKind kind) const { return m_plots[int(kind)]; }
    PlotInteraction* plotInteraction(FigureKind kind) const { return m_interactions[int(kind)]; }
    const FigureInputs& inputs() const { return m_inputs; }
    std::shared_ptr<const QuantResult> result() const { return m_inputs.result; }
    // True while the plots show the subsample preview of a large tensor (the
    // exact result is on its way).
    bool isShowingPreview() const { return m_inputs.preview; }
    Engine* previewEngine() const { return m_previewEngine; }
    QString figureCaptionText() const;

    // Until both engines have delivered (tests, screenshots, the benchmark).
    bool waitForIdle(int timeoutMs = 60000);

    // A/B: keep the current result as the reference drawn in grey.
    void pin();
    void unpin();
    bool isPinned() const { return bool(m_pinned); }

    // Presentation mode: high contrast and simplified panels (the zoom preset is set by AppActions).
    void setPresentation(bool on);
    // The dock layout to keep in the settings: in presentation mode the one it will return to.
    QByteArray layoutState() const { return m_oneColumn ? m_normalLayout : saveState(); }
    // Compact: the panels share one column beside the plot (while the lessons
    // are open beside the explorer); presentation mode is compact too.
    void setCompact(bool on);
    void setDark(bool on);
    FigureStyle style() const;

    // Exports of the current plot and its numbers. Each returns an error, empty on success.
    QString exportFigure(const QString& path, const FigureOptions& options);
    QString exportHistogramCsv(const QString& path);
    QString exportDequantizedNpy(const QString& path);
    QString exportSettings(const QString& path);
    QString exportFigureCsv(const QString& path);
    void copyFigureToClipboard();

signals:
    // After a rebuilt figure has been painted (the benchmark measures to here).
    void figureShown(FigureKind kind);
    void statusMessage(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildDocks();
    QWidget* buildCentral();
    void onDataChanged();
    void requestMain();
    void onPreviewFinished(const std::shared_ptr<const EngineOutput>& out);
    void requestExtra();
    void onMainFinished(const std::shared_ptr<const EngineOutput>& out);
    void onExtraFinished(const std::shared_ptr<const EngineOutput>& out);
    void rebuild(FigureKind kind);
    void rebuildCurrent();
    void updateMetrics();
    void updateMetricsSoon();
    void flushMetrics();
    void updateCompareTable();
    void onClipDragged(int which, double x, bool finished);
    void onHover(double x);
    void onChannelsClicked(double x);
    // Error, Calibration, Channels: the panel under `pos` decides the inspector text (explorerinspect.cpp).
    void onInspect(FigureKind kind, QPointF pos);

    Session* m_session = nullptr;
    Engine* m_engine = nullptr;        // main result + transfer curve
    Engine* m_auxEngine = nullptr;     // extras of the visible plot
    Engine* m_previewEngine = nullptr; // subsample previews of large data (explorerlive.cpp)
    std::shared_ptr<struct PreviewSampleCache> m_previewCache;
    QTimer* m_metricsTimer = nullptr; // rate-limits the Metrics text (explorerlive.cpp)
    QElapsedTimer m_metricsShown;
    quint64 m_requestCount = 0; // requestMain calls so far
    quint64 m_exactRequest = 0; // the request whose exact result is shown
    QLabel* m_previewLabel = nullptr;
    bool m_docksSized = false; // the first show gives the plots the width the docks do not need
    FigureInputs m_inputs;
    bool m_extrasValid[7] = {};
    std::shared_ptr<const QuantResult> m_pinned;
    bool m_dirty[7] = {};
    bool m_presentation = false;
    bool m_compact = false;
    bool m_oneColumn = false;  // the layout applied: one column of panels
    QList<int> m_normalWidths; // the docks' widths in that layout
    QByteArray m_normalLayout; // the dock layout before the one-column layout, restored when it ends
    void applyColumnLayout();  // one column when presenting or compact, else the user's layout
    int columnWidth() const;   // the width the panels need at the current zoom, uncut
    int updateDockWidths();
    bool m_updatingWidths = false;    // minimum widths of the docks at the current zoom; returns the column's
    bool m_dark = false;

    QTabWidget* m_tabs = nullptr;
    QVector<QCustomPlot*> m_plots;
    QVector<PlotInteraction*> m_interactions;
    QTableWidget* m_compareTable = nullptr;
    QCheckBox* m_logY = nullptr;
    QToolButton* m_pin = nullptr;
    QLabel* m_metrics = nullptr;
    QLabel* m_inspector = nullptr;
    QWidget* m_bar = nullptr; // log y, pin, progress above the plots
    bool m_plotOnly = false;
    QList<QDockWidget*> m_plotOnlyHidden; // the docks plot-only mode hid
    QLabel* m_problem = nullptr;
    DataPanel* m_dataPanel = nullptr;
    QuantizerPanel* m_quantizerPanel = nullptr;
    CalibrationPanel* m_calibrationPanel = nullptr;
    QList<QDockWidget*> m_docks;
};

} // namespace qs
