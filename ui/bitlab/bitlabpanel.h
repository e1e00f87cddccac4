#pragma once
// What every Bit Lab sub-tab needs to know about the number being edited, and
// a base class that refreshes a tab only when it is visible: a bit flip then
// costs one redraw of the visible tab, not seven.
#include "formats/numberformat.h"

#include <QWidget>

#include <cstdint>

namespace qs {

struct BitLabContext
{
    NumberFormat format = FloatFormat::fp32();
    std::uint64_t code = 0;
    double value = 0; // the number the user entered (or the decoded bits after a bit edit)
    Rounding rounding;
    bool saturate = false;
};

class BitLabPanel : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    void setContext(const BitLabContext& context);
    const BitLabContext& context() const { return m_context; }
    // Brings the panel up to date now, visible or not (tests, exports).
    void ensureRefreshed();

protected:
    virtual void refresh() = 0;
    void showEvent(QShowEvent* event) override;

private:
    BitLabContext m_context;
    bool m_dirty = true;
};

} // namespace qs
