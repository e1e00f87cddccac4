#pragma once
// Sub-tab "Compare": the current value stored in several formats side by side
// (bit rows, stored value, error), e.g. 0.1 in FP32, FP16, BF16, FP8 and FP4.
#include "bitlab/bitlabpanel.h"

#include <vector>

class QGridLayout;
class QListWidget;
class QScrollArea;

namespace qs {

class ComparePanel : public BitLabPanel
{
    Q_OBJECT
public:
    explicit ComparePanel(QWidget* parent = nullptr);

    struct Row
    {
        QString spec;
        std::uint64_t code = 0;
        double stored = 0;
        bool overflow = false;
        bool underflow = false;
    };
    const std::vector<Row>& rows() const { return m_rows; }
    QStringList checkedSpecs() const;
    void setCheckedSpecs(const QStringList& specs);

protected:
    void refresh() override;

private:
    QListWidget* m_list = nullptr;
    QScrollArea* m_scroll = nullptr;
    std::vector<Row> m_rows;
};

} // namespace qs
