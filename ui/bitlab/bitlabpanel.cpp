#include "bitlab/bitlabpanel.h"

namespace qs {

void BitLabPanel::setContext(const BitLabContext& context)
{
    m_context = context;
    m_dirty = true;
    if (isVisible())
        ensureRefreshed();
}

void BitLabPanel::ensureRefreshed()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    refresh();
}

void BitLabPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    ensureRefreshed();
}

} // namespace qs
