#pragma once
// The interface every Model Lab sub-page shares with the view.
#include "modellab/modellabcontext.h"

#include <QWidget>

class QCustomPlot;

namespace qs {

class ModelLabPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    // The trained network changed (null: none yet). Pages drop results of an older network.
    virtual void setNet(TrainedNetPtr net) { m_net = std::move(net); }
    virtual bool needsNet() const { return false; }
    // Starts the page's computation; computed() when its results are shown.
    virtual void run() = 0;
    virtual void cancel() {}
    TrainedNetPtr net() const { return m_net; }

signals:
    void computed();
    void statusMessage(const QString& message);

protected:
    TrainedNetPtr m_net;
};

// Shared look of the Model Lab's plots: readable fonts on a projector, legend on.
void stylePlot(QCustomPlot* plot);

} // namespace qs
