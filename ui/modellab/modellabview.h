#pragma once
// The Model Lab (docs/modellab.md): a 64-32-10 MLP trained on the UCI digits, PTQ, QAT
// with the straight-through estimator, integer-only inference of one layer,
// activation outliers and the memory calculator, one sub-page each. The math
// is in core/model (docs/modellab.md); the pages only draw it.
#include "modellab/modellabcontext.h"

#include <QJsonObject>
#include <QWidget>

class QTabWidget;

namespace qs {

class TrainPage;
class PtqPage;
class QatPage;
class IntLayerPage;
class OutliersPage;
class MemoryPage;

class ModelLabView : public QWidget
{
    Q_OBJECT
public:
    explicit ModelLabView(QWidget* parent = nullptr);
    ~ModelLabView() override;

    // Sub-page names: train ptq qat intlayer outliers memory. False for an unknown name.
    Q_INVOKABLE bool showSubView(const QString& name);
    // Shows the page, trains the network first if that page needs it, then runs the
    // page's computation (computationFinished(name) when done). False for an unknown name.
    Q_INVOKABLE bool runSubView(const QString& name);
    // Page settings from an app state (docs/appstate.md): the memory page takes
    // "preset" (a model preset name) and "format" (a weight storage format).
    // Validates everything before changing anything; false otherwise.
    Q_INVOKABLE bool configureSubView(const QString& name, const QJsonObject& settings);
    // Pages compute on first show (issue #16): the first time a page is in front it runs,
    // training the network first if it needs it. Off for tests that drive the pages by hand.
    void setComputeOnShow(bool on) { m_computeOnShow = on; }

    bool isTrained() const;
    void startTraining();
    void cancel(); // cancels every running computation

    TrainedNetPtr net() const { return m_net; }
    QTabWidget* subTabs() const { return m_tabs; }
    TrainPage* trainPage() const { return m_train; }
    PtqPage* ptqPage() const { return m_ptq; }
    QatPage* qatPage() const { return m_qat; }
    IntLayerPage* intLayerPage() const { return m_intLayer; }
    OutliersPage* outliersPage() const { return m_outliers; }
    MemoryPage* memoryPage() const { return m_memory; }

signals:
    void statusMessage(const QString& message);
    void trainingFinished(bool ok);
    void computationFinished(const QString& page);

private:
    void onTrained(bool ok, TrainedNetPtr net);

    QTabWidget* m_tabs = nullptr;
    TrainPage* m_train = nullptr;
    PtqPage* m_ptq = nullptr;
    QatPage* m_qat = nullptr;
    IntLayerPage* m_intLayer = nullptr;
    OutliersPage* m_outliers = nullptr;
    MemoryPage* m_memory = nullptr;
    TrainedNetPtr m_net;
    QString m_pendingRun; // page to run once training has finished
    QStringList m_shownOnce; // pages already run because they were shown
    bool m_computeOnShow = true;
    void computeIfFirstShown();

protected:
    void showEvent(QShowEvent* event) override;
};

} // namespace qs
