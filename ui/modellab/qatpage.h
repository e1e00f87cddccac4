#pragma once
#include "modellab/modellabpage.h"

namespace qs {

class QatPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit QatPage(QWidget* parent = nullptr);
    void run() override;
};

} // namespace qs
