#pragma once
// Train: the 64-32-10 MLP on the UCI digits with a fixed seed; loss and
// accuracy per epoch drawn as they come, cancellable.
#include "modellab/modellabpage.h"

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace qs {

class JobBar;

class TrainPage : public ModelLabPage
{
    Q_OBJECT
public:
    explicit TrainPage(QWidget* parent = nullptr);

    void run() override; // trains with the current settings
    void cancel() override;
    bool busy() const;

    // The settings as a core TrainConfig (epochs, hidden units, learning rate, seed).
    TrainConfig config() const;
    void setEpochs(int epochs);
    QLabel* accuracyLabel() const { return m_accuracy; }
    QCustomPlot* plot() const { return m_plot; }
    JobBar* jobBar() const { return m_job; }

signals:
    void trained(bool ok, qs::TrainedNetPtr net);

private:
    void addEpoch(const EpochStats& stats);
    void showResult(const TrainedNet& net);

    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_hidden = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_train = nullptr;
    JobBar* m_job = nullptr;
    QLabel* m_accuracy = nullptr;
    QCustomPlot* m_plot = nullptr;
};

} // namespace qs
