#pragma once
#include "modellab/modellabpage.h"

namespace qs {

class OutliersPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit OutliersPage(QWidget* parent = nullptr);
    void run() override;
};

} // namespace qs
