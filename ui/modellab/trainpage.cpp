#include "modellab/trainpage.h"

#include "common/uizoom.h"
#include "modellab/jobbar.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs {

namespace {
// The dataset is parsed once per process (1,797 lines, a few ms).
const Dataset& digits()
{
    static const Dataset all = loadDigits(defaultDigitsPath());
    return all;
}
} // namespace

QString percentText(double fraction, int decimals)
{
    return QLocale().toString(fraction * 100, 'f', decimals) + QStringLiteral(" %");
}

void stylePlot(QCustomPlot* plot)
{
    plot->legend->setVisible(true);
    // Fonts, pens and markers at the interface zoom; wheel, drag and double-click navigate.
    followZoom(plot, 11);
    enablePlotNavigation(plot);
    plot->setMinimumHeight(260);
}

TrainPage::TrainPage(QWidget* parent) : ModelLabPage(parent)
{
    const TrainConfig defaults;
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 500);
    m_epochs->setValue(defaults.fit.epochs);
    m_epochs->setToolTip(tr("An epoch is one pass over the 1,438 training images."));
    m_hidden = new QSpinBox(this);
    m_hidden->setRange(4, 512);
    m_hidden->setValue(defaults.hidden.front());
    m_hidden->setToolTip(tr("Units of the hidden layer: the network is 64 pixels → hidden (ReLU) → 10 digits."));
    m_lr = new QDoubleSpinBox(this);
    m_lr->setDecimals(4);
    m_lr->setRange(0.0001, 1);
    m_lr->setSingleStep(0.001);
    m_lr->setValue(defaults.fit.learningRate);
    m_lr->setToolTip(tr("Step size of the Adam optimizer."));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 1 << 30);
    m_seed->setValue(int(defaults.initSeed));
    m_seed->setToolTip(
        tr("The same seed gives the same split, initial weights and sample order, so the same accuracy."));
    m_train = new QPushButton(tr("Train"), this);
    m_train->setObjectName(QStringLiteral("trainButton"));
    m_train->setToolTip(tr("Trains the network from scratch in float32 (a second or two)."));

    auto* form = new QFormLayout;
    form->addRow(tr("Epochs:"), m_epochs);
    form->addRow(tr("Hidden units:"), m_hidden);
    form->addRow(tr("Learning rate:"), m_lr);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(m_train);

    auto* intro = new QLabel(tr("A multilayer perceptron 64-32-10 learns the UCI optical digits (8×8 images, "
                                "1,438 for training, 359 for testing). Train it here, then quantize it on the "
                                "next pages."),
                             this);
    intro->setWordWrap(true);
    m_accuracy = new QLabel(tr("Not trained yet."), this);
    m_accuracy->setObjectName(QStringLiteral("accuracy"));
    QFont big = m_accuracy->font();
    big.setPointSize(big.pointSize() + 4);
    big.setBold(true);
    m_accuracy->setFont(big);
    m_accuracy->setWordWrap(true);

    auto* left = new QVBoxLayout;
    left->addWidget(intro);
    left->addLayout(form);
    left->addWidget(m_accuracy);
    left->addStretch();

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("trainPlot"));
    stylePlot(m_plot);
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->yAxis->setLabel(tr("loss (cross-entropy, nats)"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("accuracy (%)"));
    m_plot->yAxis2->setRange(0, 100);
    auto* loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    loss->setName(tr("training loss"));
    loss->setPen(QPen(QColor(200, 80, 40), 2));
    auto* trainAcc = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    trainAcc->setName(tr("training accuracy"));
    trainAcc->setPen(QPen(QColor(120, 120, 220), 2, Qt::DashLine));
    auto* testAcc = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    testAcc->setName(tr("test accuracy"));
    testAcc->setPen(QPen(QColor(30, 60, 180), 2));
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);

    m_job = new JobBar(this);
    auto* right = new QVBoxLayout;
    right->addWidget(m_plot, 1);
    right->addWidget(m_job);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(right, 1);

    connect(m_train, &QPushButton::clicked, this, &TrainPage::run);
}

TrainConfig TrainPage::config() const
{
    TrainConfig c;
    c.hidden = {m_hidden->value()};
    c.initSeed = std::uint64_t(m_seed->value());
    c.fit.seed = c.initSeed;
    c.fit.epochs = m_epochs->value();
    c.fit.learningRate = m_lr->value();
    return c;
}

void TrainPage::setEpochs(int epochs)
{
    m_epochs->setValue(epochs);
}

bool TrainPage::busy() const
{
    return m_job->busy();
}

void TrainPage::cancel()
{
    m_job->cancel();
}

void TrainPage::run()
{
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    m_plot->xAxis->setRange(0, m_epochs->value() + 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    const TrainConfig cfg = config();
    QPointer<TrainPage> self(this);
    // Disconnect older runs' completion: only this run's finish reports.
    disconnect(m_job, &JobBar::finished, this, nullptr);
    auto net = std::make_shared<TrainedNet>();
    connect(m_job, &JobBar::finished, this, [this, net](bool ok, const QString& message) {
        if (!ok) {
            emit statusMessage(tr("Training stopped: %1").arg(message));
            emit trained(false, nullptr);
            return;
        }
        showResult(*net);
        emit trained(true, net);
    });
    m_job->run(tr("Training…"), [self, cfg, net](const ModelProgress& base) -> std::function<void()> {
        ModelProgress progress = base;
        progress.epoch = [self](const EpochStats& e) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, e] {
                    if (self)
                        self->addEpoch(e);
                },
                Qt::QueuedConnection);
        };
        net->split = splitDataset(digits(), 0.2, cfg.initSeed);
        net->config = cfg;
        net->result = trainMlp(net->split.train, net->split.test, cfg, progress);
        if (net->result.cancelled)
            return {};
        return [] {};
    });
}

void TrainPage::addEpoch(const EpochStats& e)
{
    m_plot->graph(0)->addData(e.epoch, e.loss);
    m_plot->graph(1)->addData(e.epoch, e.trainAccuracy * 100);
    m_plot->graph(2)->addData(e.epoch, e.testAccuracy * 100);
    bool found = false;
    const QCPRange lossRange = m_plot->graph(0)->getValueRange(found);
    if (found)
        m_plot->yAxis->setRange(0, lossRange.upper * 1.1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainPage::showResult(const TrainedNet& net)
{
    const auto& r = net.result;
    const int right = int(std::lround(r.testAccuracy * double(net.split.test.size())));
    QStringList sizes;
    for (int s : r.model.sizes())
        sizes << QString::number(s);
    m_accuracy->setText(tr("Test accuracy %1 (%2 of %3 images)\nnetwork %4, %5 parameters")
                            .arg(percentText(r.testAccuracy))
                            .arg(right)
                            .arg(net.split.test.size())
                            .arg(sizes.join(QStringLiteral("-")))
                            .arg(QLocale().toString(qlonglong(r.model.parameterCount()))));
    emit statusMessage(tr("Trained: test accuracy %1").arg(percentText(r.testAccuracy)));
    emit computed();
}

} // namespace qs
