#include "modellab/qatpage.h"

namespace qs {

QatPage::QatPage(QWidget* parent) : ModelLabPage(parent) {}

void QatPage::run()
{
    emit computed();
}

} // namespace qs
