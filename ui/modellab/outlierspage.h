#pragma once
// Outliers in activations (docs/course.md "Standard figures" 5): an LLM-style activation
// matrix with a few huge channels, quantized per tensor, per token, per
// channel and with the LLM.int8() decomposition; their errors side by side.
#include "model/outliers.h"
#include "modellab/modellabpage.h"

class QCustomPlot;
class QDoubleSpinBox;
class QSpinBox;
class QTableWidget;

namespace qs {

class OutliersPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit OutliersPage(QWidget* parent = nullptr);

    void run() override; // instant: runs on the GUI thread
    OutlierStudyConfig config() const;
    const OutlierStudy* study() const { return m_study ? &*m_study : nullptr; }
    QTableWidget* table() const { return m_table; }

private:
    QSpinBox* m_bits = nullptr;
    QSpinBox* m_outliers = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QSpinBox* m_seed = nullptr;
    QCustomPlot* m_channels = nullptr;
    QCustomPlot* m_errors = nullptr;
    QTableWidget* m_table = nullptr;
    std::optional<OutlierStudy> m_study;
};

} // namespace qs
