#pragma once
// Sub-tab "Double rounding": FP32 -> BF16 -> FP8 against FP32 -> FP8 directly,
// with a value where the two differ found automatically and explained.
#include "bitlab/doublerounding.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace qs {

class BitRowWidget;

class DoubleRoundingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DoubleRoundingPanel(QWidget* parent = nullptr);

    // Searches from the entry's value upward and shows the first difference; false if none.
    bool findDifference();
    bool setValue(const QString& text);
    const DoubleRoundingCase& current() const { return m_case; }
    FloatFormat intermediateFormat() const;
    FloatFormat targetFormat() const;

private:
    void showCase();

    DoubleRoundingCase m_case;
    QComboBox* m_intermediate = nullptr;
    QComboBox* m_target = nullptr;
    QLineEdit* m_entry = nullptr;
    QLabel* m_explanation = nullptr;
    QLabel* m_labels[4] = {};
    BitRowWidget* m_rows[4] = {};
};

} // namespace qs
