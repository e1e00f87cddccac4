#pragma once
// QAT: fine-tune with fake quantization and the straight-through estimator at
// 8, 4, 3 and 2 bits; PTQ and QAT accuracy on one plot; the weight histograms
// before and after QAT, overlaid.
#include "model/modelquant.h"
#include "modellab/modellabpage.h"

class QComboBox;
class QCustomPlot;
class QSpinBox;
class QTableWidget;

namespace qs {

class JobBar;

class QatPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit QatPage(QWidget* parent = nullptr);

    bool needsNet() const override { return true; }
    void setNet(TrainedNetPtr net) override;
    void run() override;
    void cancel() override;

    void setEpochs(int epochs); // QAT epochs per bit width (tests use fewer)
    QatConfig config() const;   // W8A8 preset base, the epochs set
    BitTarget target() const;
    static std::vector<int> bitWidths() { return {8, 4, 3, 2}; }

    QCustomPlot* accuracyPlot() const { return m_accuracy; }
    QCustomPlot* histogramPlot() const { return m_histogram; }
    QTableWidget* table() const { return m_table; }
    const std::vector<QatComparisonRow>& rows() const { return m_rows; }

private:
    void showResults(const std::vector<QatComparisonRow>& rows, const std::vector<QatResult>& runs, double floatAcc);
    void showHistogram();

    QComboBox* m_target = nullptr;
    QSpinBox* m_epochs = nullptr;
    QComboBox* m_histBits = nullptr;
    JobBar* m_job = nullptr;
    QCustomPlot* m_accuracy = nullptr;
    QCustomPlot* m_histogram = nullptr;
    QTableWidget* m_table = nullptr;
    std::vector<QatComparisonRow> m_rows;
    std::vector<QatResult> m_runs;
};

} // namespace qs
