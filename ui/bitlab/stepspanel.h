#pragma once
// Sub-tab "Steps": the conversion walk-through, one step at a time, with the
// bits each step decides highlighted in a bit row (docs/course.md's 25.125).
#include "bitlab/bitlabpanel.h"
#include "bitlab/conversionsteps.h"

class QLabel;
class QListWidget;
class QPushButton;

namespace qs {

class BitRowWidget;

class StepsPanel : public BitLabPanel
{
    Q_OBJECT
public:
    explicit StepsPanel(QWidget* parent = nullptr);

    const ConversionWalkthrough& walkthrough() const { return m_walk; }
    int currentStep() const;
    void setCurrentStep(int index);
    BitRowWidget* bitRow() const { return m_row; }

protected:
    void refresh() override;

private:
    void showStep(int index);

    ConversionWalkthrough m_walk;
    QLabel* m_heading = nullptr;
    BitRowWidget* m_row = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_detail = nullptr;
    QPushButton* m_prev = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace qs
