#include "modellab/intlayerpage.h"

namespace qs {

IntLayerPage::IntLayerPage(QWidget* parent) : ModelLabPage(parent) {}

void IntLayerPage::run()
{
    emit computed();
}

} // namespace qs
