#pragma once
#include "modellab/modellabpage.h"

namespace qs {

class IntLayerPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit IntLayerPage(QWidget* parent = nullptr);
    void run() override;
};

} // namespace qs
