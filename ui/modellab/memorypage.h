#pragma once
#include "modellab/modellabpage.h"

namespace qs {

class MemoryPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit MemoryPage(QWidget* parent = nullptr);
    void run() override;
};

} // namespace qs
