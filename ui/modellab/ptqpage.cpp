#include "modellab/ptqpage.h"

namespace qs {

PtqPage::PtqPage(QWidget* parent) : ModelLabPage(parent) {}

void PtqPage::run()
{
    emit computed();
}

} // namespace qs
