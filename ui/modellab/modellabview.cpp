#include "modellab/modellabview.h"

#include "modellab/intlayerpage.h"
#include "modellab/memorypage.h"
#include "modellab/outlierspage.h"
#include "modellab/ptqpage.h"
#include "modellab/qatpage.h"
#include "modellab/trainpage.h"

#include <QShowEvent>
#include <QTabWidget>
#include <QVBoxLayout>

namespace qs {

ModelLabView::ModelLabView(QWidget* parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("modellabTabs"));
    m_train = new TrainPage(m_tabs);
    m_ptq = new PtqPage(m_tabs);
    m_qat = new QatPage(m_tabs);
    m_intLayer = new IntLayerPage(m_tabs);
    m_outliers = new OutliersPage(m_tabs);
    m_memory = new MemoryPage(m_tabs);
    const struct
    {
        ModelLabPage* page;
        const char* name;
        QString title;
        QString tip;
    } pages[] = {
        {m_train, "train", tr("Train"), tr("Train the 64-32-10 network on the UCI digits.")},
        {m_ptq, "ptq", tr("PTQ"), tr("Post-training quantization: quantize the trained weights and activations.")},
        {m_qat, "qat", tr("QAT"),
         tr("Quantization-aware training: fine-tune with fake quantization and the straight-through estimator.")},
        {m_intLayer, "intlayer", tr("Integer layer"),
         tr("Integer-only inference of one layer: int8 × int8 → int32, requantized with M0·2^-n.")},
        {m_outliers, "outliers", tr("Outliers"),
         tr("Activation outliers: per-tensor vs per-token vs per-channel vs LLM.int8().")},
        {m_memory, "memory", tr("Memory"), tr("Memory calculator: parameters × bytes, KV cache, gradients.")},
    };
    for (const auto& p : pages) {
        p.page->setObjectName(QString::fromLatin1(p.name));
        const int index = m_tabs->addTab(p.page, p.title);
        m_tabs->setTabToolTip(index, p.tip);
        connect(p.page, &ModelLabPage::statusMessage, this, &ModelLabView::statusMessage);
        const QString name = QString::fromLatin1(p.name);
        if (p.page != m_train)
            connect(p.page, &ModelLabPage::computed, this, [this, name] { emit computationFinished(name); });
    }
    connect(m_train, &TrainPage::trained, this, &ModelLabView::onTrained);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { computeIfFirstShown(); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tabs);
}

ModelLabView::~ModelLabView()
{
    cancel();
}

bool ModelLabView::showSubView(const QString& name)
{
    auto* page = m_tabs->findChild<ModelLabPage*>(name);
    if (name.isEmpty() || !page)
        return false;
    m_tabs->setCurrentWidget(page);
    return true;
}

bool ModelLabView::runSubView(const QString& name)
{
    if (!showSubView(name))
        return false;
    auto* page = m_tabs->findChild<ModelLabPage*>(name);
    if (page == m_train) {
        if (isTrained())
            emit computationFinished(name);
        else {
            m_pendingRun = name;
            startTraining();
        }
        return true;
    }
    if (page->needsNet() && !isTrained()) {
        m_pendingRun = name;
        if (!m_train->busy())
            startTraining();
        return true;
    }
    page->run();
    return true;
}

void ModelLabView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    computeIfFirstShown();
}

void ModelLabView::computeIfFirstShown()
{
    auto* page = qobject_cast<ModelLabPage*>(m_tabs->currentWidget());
    if (!m_computeOnShow || !page || !isVisible() || m_shownOnce.contains(page->objectName()))
        return;
    m_shownOnce << page->objectName();
    if (m_pendingRun.isEmpty() && !m_train->busy())
        runSubView(page->objectName());
}

bool ModelLabView::configureSubView(const QString& name, const QJsonObject& settings)
{
    auto fail = [this](const QString& message) {
        emit statusMessage(message);
        return false;
    };
    if (name != QLatin1String("memory"))
        return fail(tr("the Model Lab page '%1' has no settings").arg(name));
    for (auto it = settings.begin(); it != settings.end(); ++it)
        if (it.key() != QLatin1String("preset") && it.key() != QLatin1String("format"))
            return fail(tr("unknown memory setting '%1' (preset, format)").arg(it.key()));
    const QString preset = settings.value(QLatin1String("preset")).toString();
    const QString format = settings.value(QLatin1String("format")).toString();
    if (!preset.isEmpty() && !m_memory->hasPreset(preset))
        return fail(tr("unknown model preset '%1'").arg(preset));
    if (!format.isEmpty() && !m_memory->hasFormat(format))
        return fail(tr("unknown weight format '%1'").arg(format));
    if (!preset.isEmpty())
        m_memory->applyPreset(preset);
    if (!format.isEmpty())
        m_memory->setWeightFormat(format);
    return true;
}

bool ModelLabView::isTrained() const
{
    return m_net != nullptr;
}

void ModelLabView::startTraining()
{
    emit statusMessage(tr("Training the network…"));
    m_train->run();
}

void ModelLabView::cancel()
{
    m_pendingRun.clear();
    for (auto* page : m_tabs->findChildren<ModelLabPage*>())
        page->cancel();
}

void ModelLabView::onTrained(bool ok, TrainedNetPtr net)
{
    if (ok) {
        m_net = std::move(net);
        for (auto* page : m_tabs->findChildren<ModelLabPage*>())
            page->setNet(m_net);
    }
    emit trainingFinished(ok);
    const QString pending = std::exchange(m_pendingRun, QString());
    if (!ok || pending.isEmpty())
        return;
    if (pending == QLatin1String("train"))
        emit computationFinished(pending);
    else
        m_tabs->findChild<ModelLabPage*>(pending)->run();
}

} // namespace qs
