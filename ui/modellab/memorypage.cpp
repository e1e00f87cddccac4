#include "modellab/memorypage.h"

namespace qs {

MemoryPage::MemoryPage(QWidget* parent) : ModelLabPage(parent) {}

void MemoryPage::run()
{
    emit computed();
}

} // namespace qs
