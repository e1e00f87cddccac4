#pragma once
// The format designer: presets plus every parameter of a float layout
// (exponent/mantissa bits, bias, subnormals, zero, special values, sign), of fixed
// point (integer/fraction bits) and of integers. Emits a new NumberFormat
// whenever the controls describe a valid one and names the problem otherwise.
#include "formats/numberformat.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace qs {

class FormatDesigner : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Float, Fixed, Integer };

    explicit FormatDesigner(QWidget* parent = nullptr);

    // Shows `format` in the controls (emits formatChanged once).
    void setFormat(const NumberFormat& format);
    const NumberFormat& format() const { return m_format; }
    // Overflow handling for float encodes: saturate to ±max instead of Inf/NaN.
    bool saturating() const;
    void setSaturating(bool on);
    // Every preset offered in the menu, by parseFormat spec.
    static QStringList presetSpecs();
    void applyPreset(const QString& spec);

signals:
    void formatChanged(const qs::NumberFormat& format);
    void saturatingChanged(bool on);

private:
    void rebuild();      // controls -> format
    void syncControls(); // format -> controls
    void updateVisibility();
    Kind kind() const;
    int defaultBias() const;

    NumberFormat m_format;
    bool m_syncing = false;
    QToolButton* m_presets = nullptr;
    QComboBox* m_kind = nullptr;
    QSpinBox* m_exponent = nullptr;
    QSpinBox* m_mantissa = nullptr;
    QSpinBox* m_bias = nullptr;
    QCheckBox* m_subnormals = nullptr;
    QCheckBox* m_hasZero = nullptr; // enabled only without subnormals; off = E8M0-style layout
    QComboBox* m_special = nullptr;
    QCheckBox* m_signed = nullptr;
    QCheckBox* m_saturate = nullptr;
    QSpinBox* m_integerBits = nullptr;
    QSpinBox* m_fractionBits = nullptr;
    QLabel* m_error = nullptr;
    QList<QWidget*> m_floatOnly;
    QList<QWidget*> m_fixedOnly;
    QList<QWidget*> m_fractionOnly;
};

} // namespace qs
