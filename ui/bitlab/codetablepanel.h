#pragma once
// Sub-tab "All codes": every code of a format of at most 8 bits in a grid
// (high bits down, low bits across), like the value tables of the OCP FP8,
// FP6 and FP4 specifications. Clicking a cell loads that code into the editor.
#include "bitlab/bitlabpanel.h"

class QLabel;
class QTableWidget;

namespace qs {

class CodeTablePanel : public BitLabPanel
{
    Q_OBJECT
public:
    explicit CodeTablePanel(QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }
    static constexpr int kMaxBits = 8;
    // The table cell that shows `code` (row, column), for tests.
    static std::pair<int, int> cellOf(std::uint64_t code, int bits);

signals:
    void codeSelected(std::uint64_t code);

protected:
    void refresh() override;

private:
    QLabel* m_title = nullptr;
    QTableWidget* m_table = nullptr;
    bool m_filling = false;
};

} // namespace qs
