#include "explorer/calibrationpanel.h"

#include "session/commands.h"
#include "session/session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace qs {

CalibrationPanel::CalibrationPanel(Session* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    auto* form = new QFormLayout(this);
    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("calibrationMethod"));
    const struct
    {
        const char* label;
        CalibrationMethod method;
        const char* tip;
    } methods[] = {
        {"min-max", CalibrationMethod::MinMax,
         "Clip at the smallest and largest value: nothing is clipped, but one outlier stretches the grid."},
        {"moving-average min-max", CalibrationMethod::MovingAverageMinMax,
         "Average the min and max over batches, as PyTorch observers do during training."},
        {"percentile", CalibrationMethod::Percentile,
         "Clip at a percentile of |x|: a few extreme values are sacrificed for finer steps."},
        {"entropy (KL)", CalibrationMethod::Entropy,
         "NVIDIA's method: the threshold whose quantized histogram loses least information (KL divergence)."},
        {"MSE", CalibrationMethod::Mse,
         "The clip value that minimises the mean squared error of quantizing this data."},
        {"manual", CalibrationMethod::Manual,
         "The range given below (dragging the clip lines on the histogram sets it)."},
    };
    for (const auto& m : methods) {
        m_method->addItem(tr(m.label), int(m.method));
        m_method->setItemData(m_method->count() - 1, tr(m.tip), Qt::ToolTipRole);
    }
    m_method->setToolTip(tr("How the clipping range [α, β] that the grid covers is chosen from the data."));
    m_percentile = new QDoubleSpinBox(this);
    m_percentile->setObjectName(QStringLiteral("percentile"));
    m_percentile->setRange(50, 100);
    m_percentile->setDecimals(3);
    m_percentile->setSingleStep(0.01);
    m_percentile->setToolTip(
        tr("The percentile of |x| that becomes the clip value (99.99 keeps all but 1 in 10,000)."));
    m_min = new QDoubleSpinBox(this);
    m_min->setObjectName(QStringLiteral("manualMin"));
    m_max = new QDoubleSpinBox(this);
    m_max->setObjectName(QStringLiteral("manualMax"));
    for (QDoubleSpinBox* s : {m_min, m_max}) {
        s->setRange(-1e12, 1e12);
        s->setDecimals(6);
        s->setSingleStep(0.001);
    }
    m_min->setToolTip(tr("Lower end α of the manual clip range: smaller values are clamped to it."));
    m_max->setToolTip(tr("Upper end β of the manual clip range: larger values are clamped to it."));
    auto* hint = new QLabel(tr("Drag the red clip lines on the histogram to set a manual range."), this);
    hint->setWordWrap(true);
    form->addRow(tr("&Method"), m_method);
    form->addRow(tr("&Percentile"), m_percentile);
    form->addRow(tr("Manual m&in α"), m_min);
    form->addRow(tr("Manual m&ax β"), m_max);
    form->addRow(hint);

    connect(m_method, &QComboBox::activated, this, [this] { commit(tr("Calibration method")); });
    connect(m_percentile, &QDoubleSpinBox::valueChanged, this, [this] { commit(tr("Percentile"), MergePercentile); });
    connect(m_min, &QDoubleSpinBox::valueChanged, this, [this] { commit(tr("Manual range"), MergeManualRange); });
    connect(m_max, &QDoubleSpinBox::valueChanged, this, [this] { commit(tr("Manual range"), MergeManualRange); });
    connect(session, &Session::configChanged, this, &CalibrationPanel::syncFromSession);
    syncFromSession();
}

void CalibrationPanel::commit(const QString& what, int mergeId)
{
    QuantConfig c = m_session->config();
    const auto method = CalibrationMethod(m_method->currentData().toInt());
    // Switching to manual starts from the range in force, so nothing jumps.
    if (method == CalibrationMethod::Manual && m_min->value() >= m_max->value()) {
        const QSignalBlocker b(m_max);
        m_max->setValue(m_min->value() + 1);
    }
    c.calibration.method = method;
    c.calibration.percentile = m_percentile->value();
    c.calibration.manualMin = m_min->value();
    c.calibration.manualMax = m_max->value();
    QString error;
    if (!m_session->setConfig(c, what, mergeId, &error)) {
        emit problem(error);
        syncFromSession();
    }
}

void CalibrationPanel::showRange(double lo, double hi)
{
    if (m_session->config().calibration.method == CalibrationMethod::Manual)
        return;
    const QSignalBlocker b3(m_min), b4(m_max);
    m_min->setValue(lo);
    m_max->setValue(hi);
}

void CalibrationPanel::syncFromSession()
{
    const CalibrationSpec& s = m_session->config().calibration;
    const QSignalBlocker b1(m_method), b2(m_percentile), b3(m_min), b4(m_max);
    m_method->setCurrentIndex(std::max(0, m_method->findData(int(s.method))));
    m_percentile->setValue(s.percentile);
    m_percentile->setEnabled(s.method == CalibrationMethod::Percentile);
    if (s.method == CalibrationMethod::Manual) {
        m_min->setValue(s.manualMin);
        m_max->setValue(s.manualMax);
    }
    m_min->setEnabled(s.method == CalibrationMethod::Manual);
    m_max->setEnabled(s.method == CalibrationMethod::Manual);
}

} // namespace qs
