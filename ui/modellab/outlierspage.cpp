#include "modellab/outlierspage.h"

namespace qs {

OutliersPage::OutliersPage(QWidget* parent) : ModelLabPage(parent) {}

void OutliersPage::run()
{
    emit computed();
}

} // namespace qs
