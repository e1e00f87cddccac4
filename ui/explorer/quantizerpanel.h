#pragma once
// The Quantizer dock: every option of the core's QuantConfig that decides the
// grid (kind, bits, scheme, range, convention, granularity, rounding, outliers).
// Edits go to the Session as undo commands; the widgets follow the session.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace qs {

class Session;

class QuantizerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QuantizerPanel(Session* session, QWidget* parent = nullptr);

signals:
    void problem(const QString& message); // a combination the core rejects (shown in the status bar)

private:
    void syncFromSession();
    void commit(const QString& what, int mergeId = -1);
    QString specFromControls() const;

    Session* m_session;
    QComboBox* m_kind = nullptr;
    QSpinBox* m_bits = nullptr;
    QComboBox* m_scheme = nullptr;
    QComboBox* m_range = nullptr;
    QComboBox* m_convention = nullptr;
    QComboBox* m_granularity = nullptr;
    QSpinBox* m_axis = nullptr;
    QSpinBox* m_block = nullptr;
    QComboBox* m_blockAxis = nullptr;   // rows of the 2-D view, the flattened tensor, or the axis in m_axis
    QCheckBox* m_padBlocks = nullptr;   // llama.cpp formats: pad rows that are not whole blocks
    QComboBox* m_scaleFormat = nullptr; // how per-group scales are stored (rounded before use)
    QComboBox* m_rounding = nullptr;
    QCheckBox* m_scaled = nullptr;
    QComboBox* m_outliers = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QSpinBox* m_bins = nullptr;
};

} // namespace qs
