#pragma once
// PTQ: post-training quantization of the trained network. Weights with any
// quantizer / granularity / calibration of the core, activations calibrated on
// a calibration subset with any calibration method; the course's presets; a
// results table and accuracy vs bit width (float as a reference line).
#include "model/modelquant.h"
#include "modellab/modellabpage.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace qs {

class JobBar;

class PtqPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit PtqPage(QWidget* parent = nullptr);

    bool needsNet() const override { return true; }
    void setNet(TrainedNetPtr net) override;
    // Evaluates the current spec (a new table row) and sweeps 2..8 bits of
    // weights, activations and both (the plot).
    void run() override;
    void cancel() override;

    const ModelQuantSpec& spec() const { return m_spec; }
    void setSpec(const ModelQuantSpec& spec); // updates the controls
    // Sets the spec of a preset (W8A8 W8A16 W4A16 W4A8) and runs it; false for an unknown name.
    bool runPreset(const QString& name);

    QTableWidget* table() const { return m_table; }
    QCustomPlot* plot() const { return m_plot; }
    // The last evaluated rows, as the table shows them.
    struct Row
    {
        QString label;
        ModelQuantSpec spec;
        PtqResult result;
    };
    const std::vector<Row>& rows() const { return m_rows; }

private:
    void editSpec(const std::function<void(ModelQuantSpec&)>& edit);
    void start(const QString& label, bool sweep);
    void addRow(const Row& row);
    void showSweeps(double floatAccuracy, const std::vector<std::vector<SweepPoint>>& sweeps);

    ModelQuantSpec m_spec;
    QCheckBox* m_weightsOn = nullptr;
    QComboBox* m_wQuantizer = nullptr;
    QComboBox* m_wGranularity = nullptr;
    QComboBox* m_wScheme = nullptr;
    QComboBox* m_wCalibration = nullptr;
    QCheckBox* m_actsOn = nullptr;
    QComboBox* m_aQuantizer = nullptr;
    QComboBox* m_aCalibration = nullptr;
    QSpinBox* m_calibSamples = nullptr;
    QLabel* m_summary = nullptr;
    JobBar* m_job = nullptr;
    QTableWidget* m_table = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::vector<Row> m_rows;
};

} // namespace qs
