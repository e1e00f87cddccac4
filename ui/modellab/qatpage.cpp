#include "modellab/qatpage.h"

#include "modellab/jobbar.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace qs {

QatPage::QatPage(QWidget* parent) : ModelLabPage(parent)
{
    m_target = new QComboBox(this);
    m_target->addItem(tr("weights (activations uint8)"), int(BitTarget::Weights));
    m_target->addItem(tr("weights and activations"), int(BitTarget::Both));
    m_target->setToolTip(tr("Which part gets the bit width of the sweep; the other stays at 8 bits."));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 100);
    m_epochs->setValue(QatConfig().fit.epochs);
    m_epochs->setToolTip(tr("Epochs of fine-tuning with fake quantization, per bit width."));
    m_histBits = new QComboBox(this);
    for (int b : bitWidths())
        m_histBits->addItem(tr("%1 bits").arg(b), b);
    m_histBits->setCurrentIndex(3);
    m_histBits->setToolTip(tr("The QAT run whose weights the histogram shows."));
    auto* runButton = new QPushButton(tr("Run PTQ vs QAT"), this);
    runButton->setObjectName(QStringLiteral("runQat"));
    runButton->setToolTip(tr("For 8, 4, 3 and 2 bits: quantize after training (PTQ), then fine-tune with fake "
                             "quantization and the straight-through estimator (QAT)."));
    auto* intro = new QLabel(tr("QAT fine-tunes with quantized weights in the forward pass; the straight-through "
                                "estimator passes the gradient through round() where the weight is inside the "
                                "clipping range."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Bits of:"), m_target);
    form->addRow(tr("QAT epochs:"), m_epochs);
    form->addRow(tr("Histogram of:"), m_histBits);
    form->addRow(runButton);

    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("qatTable"));
    m_table->setHorizontalHeaderLabels({tr("Bits"), tr("PTQ"), tr("QAT")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* left = new QVBoxLayout;
    left->addWidget(intro);
    left->addLayout(form);
    left->addWidget(m_table);

    m_accuracy = new QCustomPlot(this);
    m_accuracy->setObjectName(QStringLiteral("qatPlot"));
    stylePlot(m_accuracy);
    m_accuracy->xAxis->setLabel(tr("bit width (bits)"));
    m_accuracy->yAxis->setLabel(tr("test accuracy (%)"));
    m_accuracy->xAxis->setRange(1.5, 8.5);
    m_accuracy->yAxis->setRange(0, 100);
    const QColor colors[] = {Qt::gray, QColor(220, 120, 20), QColor(30, 90, 200)};
    const QString names[] = {tr("float32"), tr("PTQ"), tr("QAT")};
    for (int i = 0; i < 3; ++i) {
        auto* g = m_accuracy->addGraph();
        g->setName(names[i]);
        g->setPen(QPen(colors[i], 2, i == 0 ? Qt::DashLine : Qt::SolidLine));
        if (i > 0)
            g->setScatterStyle(QCPScatterStyle(i == 1 ? QCPScatterStyle::ssSquare : QCPScatterStyle::ssDisc, 9));
    }
    m_accuracy->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);

    m_histogram = new QCustomPlot(this);
    m_histogram->setObjectName(QStringLiteral("qatHistogram"));
    stylePlot(m_histogram);
    m_histogram->xAxis->setLabel(tr("weight value (all layers)"));
    m_histogram->yAxis->setLabel(tr("count (weights per bin)"));
    const QColor hc[] = {QColor(120, 120, 120, 140), QColor(30, 90, 200, 140), QColor(200, 40, 40, 200)};
    const QString hn[] = {tr("before QAT (float)"), tr("after QAT (float shadow weights)"), tr("after QAT, quantized")};
    for (int i = 0; i < 3; ++i) {
        // The quantized weights sit on a few levels: their own axis on the right.
        auto* g = i == 2 ? m_histogram->addGraph(m_histogram->xAxis, m_histogram->yAxis2) : m_histogram->addGraph();
        g->setName(hn[i]);
        g->setLineStyle(i == 2 ? QCPGraph::lsImpulse : QCPGraph::lsStepCenter);
        g->setPen(QPen(hc[i].darker(120), i == 2 ? 3 : 1.5));
        if (i < 2)
            g->setBrush(hc[i]);
    }
    m_histogram->yAxis2->setVisible(true);
    m_histogram->yAxis2->setLabel(tr("count (quantized levels, red)"));
    connect(m_histBits, &QComboBox::currentIndexChanged, this, &QatPage::showHistogram);

    m_job = new JobBar(this);
    auto* plots = new QHBoxLayout;
    plots->addWidget(m_accuracy, 1);
    plots->addWidget(m_histogram, 1);
    auto* right = new QVBoxLayout;
    right->addLayout(plots, 1);
    right->addWidget(m_job);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(right, 1);
    connect(runButton, &QPushButton::clicked, this, &QatPage::run);
}

void QatPage::setEpochs(int epochs)
{
    m_epochs->setValue(epochs);
}

BitTarget QatPage::target() const
{
    return BitTarget(m_target->currentData().toInt());
}

QatConfig QatPage::config() const
{
    QatConfig c;
    c.spec = ModelQuantSpec::preset("W8A8");
    c.fit.epochs = m_epochs->value();
    return c;
}

void QatPage::setNet(TrainedNetPtr net)
{
    m_job->cancel();
    ModelLabPage::setNet(std::move(net));
    m_rows.clear();
    m_runs.clear();
    m_table->setRowCount(0);
    for (auto* plot : {m_accuracy, m_histogram}) {
        for (int g = 0; g < plot->graphCount(); ++g)
            plot->graph(g)->data()->clear();
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void QatPage::cancel()
{
    m_job->cancel();
}

void QatPage::run()
{
    if (!m_net) {
        emit statusMessage(tr("Train the network first (Train page)."));
        return;
    }
    const TrainedNetPtr net = m_net;
    const QatConfig base = config();
    const BitTarget tgt = target();
    QPointer<QatPage> self(this);
    m_job->run(tr("QAT…"), [self, net, base, tgt](const ModelProgress& progress) -> std::function<void()> {
        // The loop of compareQatPtq, keeping each run for the histograms.
        std::vector<QatComparisonRow> rows;
        std::vector<QatResult> runs;
        const auto bits = bitWidths();
        for (std::size_t i = 0; i < bits.size() && !progress.cancelled(); ++i) {
            progress.report(double(i) / bits.size(), tr("QAT at %1 bits").arg(bits[i]).toStdString());
            QatConfig c = base;
            c.spec = specWithBits(base.spec, tgt, bits[i]);
            ModelProgress inner;
            inner.cancel = progress.cancel;
            QatResult r = runQat(net->result.model, net->split.train, net->split.test, c, inner);
            if (r.cancelled)
                return {};
            rows.push_back({bits[i], r.ptqAccuracy, r.qatAccuracy});
            runs.push_back(std::move(r));
        }
        const double floatAcc = net->result.testAccuracy;
        return [self, rows, runs, floatAcc] {
            if (self)
                self->showResults(rows, runs, floatAcc);
        };
    });
}

void QatPage::showResults(const std::vector<QatComparisonRow>& rows, const std::vector<QatResult>& runs,
                          double floatAcc)
{
    m_rows = rows;
    m_runs = runs;
    m_table->setRowCount(int(rows.size()));
    QVector<double> x, ptq, qat;
    for (int i = 0; i < int(rows.size()); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(QString::number(rows[i].bits)));
        m_table->setItem(i, 1, new QTableWidgetItem(percentText(rows[i].ptqAccuracy)));
        m_table->setItem(i, 2, new QTableWidgetItem(percentText(rows[i].qatAccuracy)));
        x << rows[i].bits;
        ptq << rows[i].ptqAccuracy * 100;
        qat << rows[i].qatAccuracy * 100;
    }
    m_accuracy->graph(0)->setData({1.5, 8.5}, {floatAcc * 100, floatAcc * 100});
    m_accuracy->graph(1)->setData(x, ptq);
    m_accuracy->graph(2)->setData(x, qat);
    m_accuracy->replot(QCustomPlot::rpQueuedReplot);
    showHistogram();
    emit statusMessage(tr("PTQ vs QAT done"));
    emit computed();
}

void QatPage::showHistogram()
{
    const int index = m_histBits->currentIndex();
    if (index < 0 || index >= int(m_runs.size()))
        return;
    const QatResult& r = m_runs[std::size_t(index)];
    const Mlp* models[] = {&r.before, &r.after, &r.afterQuantized};
    float lo = 0, hi = 0;
    for (const auto* m : models)
        for (const auto& l : m->layers) {
            lo = std::min(lo, l.w.minCoeff());
            hi = std::max(hi, l.w.maxCoeff());
        }
    const int bins = 121;
    const double width = (hi - lo) / bins;
    for (int k = 0; k < 3; ++k) {
        QVector<double> x(bins), y(bins, 0);
        for (int b = 0; b < bins; ++b)
            x[b] = lo + (b + 0.5) * width;
        for (const auto& l : models[k]->layers)
            for (Eigen::Index i = 0; i < l.w.size(); ++i)
                y[std::clamp(int((l.w.data()[i] - lo) / width), 0, bins - 1)] += 1;
        m_histogram->graph(k)->setData(x, y, true);
    }
    m_histogram->rescaleAxes();
    m_histogram->yAxis->setRangeLower(0);
    m_histogram->yAxis2->setRangeLower(0);
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs
