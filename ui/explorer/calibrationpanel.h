#pragma once
// The Calibration dock: how the clip range [α, β] is chosen, with the
// parameter of the method and the manual range the histogram's clip lines set.
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;

namespace qs {

class Session;

class CalibrationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CalibrationPanel(Session* session, QWidget* parent = nullptr);

    // The range the current result uses: shown in the manual fields while
    // another method is active, so switching to manual starts from it.
    void showRange(double lo, double hi);

signals:
    void problem(const QString& message);

private:
    void syncFromSession();
    void commit(const QString& what, int mergeId = -1);

    Session* m_session;
    QComboBox* m_method = nullptr;
    QDoubleSpinBox* m_percentile = nullptr;
    QDoubleSpinBox* m_min = nullptr;
    QDoubleSpinBox* m_max = nullptr;
};

} // namespace qs
