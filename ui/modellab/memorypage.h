#pragma once
// Memory calculator (docs/course.md): parameters × format → bytes with the scale
// overhead of the format, the KV cache, and when training gradients, optimizer
// states and LoRA adapters, one line each with its formula.
#include "model/memory.h"
#include "modellab/modellabpage.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace qs {

class MemoryPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit MemoryPage(QWidget* parent = nullptr);

    void run() override; // recomputes (instant)
    // A model preset (modelPresets() names) or "qlora-full" / "qlora" (QLoRA 65B); false if unknown.
    bool applyPreset(const QString& name);
    bool hasPreset(const QString& name) const;
    bool hasFormat(const QString& format) const;
    void setWeightFormat(const QString& format); // one of the format combo's entries
    MemorySpec spec() const;
    const MemoryReport& report() const { return m_report; }
    QLabel* totalLabel() const { return m_total; }
    QTableWidget* linesTable() const { return m_lines; }
    QComboBox* formatCombo() const { return m_format; }

private:
    void recompute();

    QComboBox* m_preset = nullptr;
    QDoubleSpinBox* m_params = nullptr; // billions
    QComboBox* m_format = nullptr;
    QCheckBox* m_kv = nullptr;
    QSpinBox* m_layers = nullptr;
    QSpinBox* m_kvHeads = nullptr;
    QSpinBox* m_headDim = nullptr;
    QSpinBox* m_context = nullptr;
    QSpinBox* m_batch = nullptr;
    QComboBox* m_kvFormat = nullptr;
    QCheckBox* m_training = nullptr;
    QComboBox* m_optimizer = nullptr;
    QComboBox* m_gradFormat = nullptr;
    QComboBox* m_stateFormat = nullptr;
    QCheckBox* m_master = nullptr;
    QDoubleSpinBox* m_adapters = nullptr; // LoRA adapter parameters
    QTableWidget* m_lines = nullptr;
    QTableWidget* m_course = nullptr;
    QLabel* m_total = nullptr;
    QLabel* m_error = nullptr;
    MemoryReport m_report;
    bool m_applying = false;
};

// "350 GB" (1 GB = 10^9 bytes), with more digits below 10 GB.
QString gigabytesText(double bytes);

} // namespace qs
