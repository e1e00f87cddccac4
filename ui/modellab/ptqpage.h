#pragma once
#include "modellab/modellabpage.h"

namespace qs {

class PtqPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit PtqPage(QWidget* parent = nullptr);
    void run() override;
};

} // namespace qs
