#include "modellab/ptqpage.h"

#include "modellab/jobbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs {

namespace {

QComboBox* editableCombo(QWidget* parent, const QStringList& items, const QString& tip)
{
    auto* combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->addItems(items);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setToolTip(tip);
    return combo;
}

void setComboText(QComboBox* combo, const std::string& text)
{
    const QSignalBlocker block(combo);
    combo->setCurrentText(QString::fromStdString(text));
}

const QColor kSweepColors[] = {QColor(30, 90, 200), QColor(220, 120, 20), QColor(40, 150, 60)};
const BitTarget kSweepTargets[] = {BitTarget::Weights, BitTarget::Activations, BitTarget::Both};

} // namespace

PtqPage::PtqPage(QWidget* parent) : ModelLabPage(parent), m_spec(ModelQuantSpec::preset("W8A8"))
{
    const QStringList calibrations = {QStringLiteral("minmax"), QStringLiteral("percentile:99.9"),
                                      QStringLiteral("percentile:99"), QStringLiteral("entropy"),
                                      QStringLiteral("mse")};
    m_weightsOn = new QCheckBox(tr("Quantize weights"), this);
    m_weightsOn->setToolTip(tr("Replace every weight matrix by its dequantized values (simulated quantization)."));
    m_wQuantizer =
        editableCombo(this,
                      {QStringLiteral("int8"), QStringLiteral("int6"), QStringLiteral("int4"), QStringLiteral("int3"),
                       QStringLiteral("int2"), QStringLiteral("nf4"), QStringLiteral("fp8-e4m3"),
                       QStringLiteral("mxfp4"), QStringLiteral("kmeans:4"), QStringLiteral("log2:4")},
                      tr("Any quantizer of the core: intN, uintN, float formats, nf4, mxfp4, kmeans:BITS…"));
    m_wGranularity = editableCombo(
        this,
        {QStringLiteral("channel:0"), QStringLiteral("tensor"), QStringLiteral("block:16"), QStringLiteral("block:32")},
        tr("One scale per output channel (channel:0), per tensor, or per block of N weights."));
    m_wScheme = new QComboBox(this);
    m_wScheme->addItems({QStringLiteral("symmetric"), QStringLiteral("asymmetric")});
    m_wScheme->setToolTip(tr("Symmetric: zero point 0, S = max|w| / qmax; asymmetric: a zero point fits [min, max]."));
    m_wCalibration = editableCombo(this, calibrations, tr("How the clipping range of the weights is chosen."));
    m_actsOn = new QCheckBox(tr("Quantize activations"), this);
    m_actsOn->setToolTip(tr("Fake-quantize the input of every layer (the pixels, then the ReLU outputs)."));
    m_aQuantizer =
        editableCombo(this,
                      {QStringLiteral("uint8"), QStringLiteral("uint16"), QStringLiteral("uint4"),
                       QStringLiteral("int8"), QStringLiteral("fp8-e4m3")},
                      tr("Quantizer of the activations; ReLU outputs are one-sided, so uintN wastes no level."));
    m_aCalibration = editableCombo(this, calibrations,
                                   tr("Calibration method of the static activation ranges (min-max, percentile, "
                                      "entropy/KL, MSE)."));
    m_calibSamples = new QSpinBox(this);
    m_calibSamples->setRange(1, 1438);
    m_calibSamples->setToolTip(tr("The activation ranges are calibrated on this many training images."));

    auto* weights = new QGroupBox(tr("Weights"), this);
    auto* wForm = new QFormLayout(weights);
    wForm->addRow(m_weightsOn);
    wForm->addRow(tr("Quantizer:"), m_wQuantizer);
    wForm->addRow(tr("Granularity:"), m_wGranularity);
    wForm->addRow(tr("Scheme:"), m_wScheme);
    wForm->addRow(tr("Calibration:"), m_wCalibration);
    auto* acts = new QGroupBox(tr("Activations"), this);
    auto* aForm = new QFormLayout(acts);
    aForm->addRow(m_actsOn);
    aForm->addRow(tr("Quantizer:"), m_aQuantizer);
    aForm->addRow(tr("Calibration:"), m_aCalibration);
    aForm->addRow(tr("Calibration images:"), m_calibSamples);

    auto* presets = new QHBoxLayout;
    for (const auto& name : ModelQuantSpec::presetNames()) {
        const QString text = QString::fromStdString(name);
        auto* button = new QPushButton(text, this);
        button->setObjectName(QStringLiteral("preset_") + text);
        button->setToolTip(
            tr("Preset %1: weights intN symmetric per channel, activations uintN per tensor, min-max.").arg(text));
        connect(button, &QPushButton::clicked, this, [this, text] { runPreset(text); });
        presets->addWidget(button);
    }
    auto* runButton = new QPushButton(tr("Run PTQ"), this);
    runButton->setObjectName(QStringLiteral("runPtq"));
    runButton->setToolTip(tr("Quantize with these settings, add a table row and sweep 2–8 bits."));
    connect(runButton, &QPushButton::clicked, this, &PtqPage::run);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);

    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Presets:"), this));
    left->addLayout(presets);
    left->addWidget(weights);
    left->addWidget(acts);
    left->addWidget(runButton);
    left->addWidget(m_summary);
    left->addStretch();

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("ptqTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Configuration"), tr("Accuracy"), tr("Δ vs float"), tr("Weight SQNR (dB)"), tr("Bits / weight")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(true);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("ptqPlot"));
    stylePlot(m_plot);
    m_plot->xAxis->setLabel(tr("bit width (bits)"));
    m_plot->yAxis->setLabel(tr("test accuracy (%)"));
    m_plot->xAxis->setRange(1.5, 8.5);
    m_plot->yAxis->setRange(0, 100);
    auto* floatLine = m_plot->addGraph();
    floatLine->setName(tr("float32"));
    floatLine->setPen(QPen(Qt::gray, 2, Qt::DashLine));
    const QString names[] = {tr("weights (activations as set)"), tr("activations (weights as set)"),
                             tr("weights and activations")};
    for (int i = 0; i < 3; ++i) {
        auto* g = m_plot->addGraph();
        g->setName(names[i]);
        g->setPen(QPen(kSweepColors[i], 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 8));
    }
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);

    m_job = new JobBar(this);
    auto* right = new QVBoxLayout;
    right->addWidget(m_plot, 3);
    right->addWidget(m_table, 2);
    right->addWidget(m_job);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(right, 1);

    auto textEdit = [this](QComboBox* combo, auto apply) {
        connect(combo, &QComboBox::currentTextChanged, this, [this, apply](const QString& text) {
            editSpec([&](ModelQuantSpec& s) { apply(s, text.toStdString()); });
        });
    };
    textEdit(m_wQuantizer, [](ModelQuantSpec& s, const std::string& t) { s.weights.setQuantizer(t); });
    textEdit(m_wGranularity,
             [](ModelQuantSpec& s, const std::string& t) { s.weights.granularity = Granularity::parse(t); });
    textEdit(m_wScheme, [](ModelQuantSpec& s, const std::string& t) { s.weights.scheme = parseScheme(t); });
    textEdit(m_wCalibration,
             [](ModelQuantSpec& s, const std::string& t) { s.weights.calibration = CalibrationSpec::parse(t); });
    textEdit(m_aQuantizer, [](ModelQuantSpec& s, const std::string& t) { s.activations.setQuantizer(t); });
    textEdit(m_aCalibration,
             [](ModelQuantSpec& s, const std::string& t) { s.activations.calibration = CalibrationSpec::parse(t); });
    connect(m_weightsOn, &QCheckBox::toggled, this,
            [this](bool on) { editSpec([on](ModelQuantSpec& s) { s.quantizeWeights = on; }); });
    connect(m_actsOn, &QCheckBox::toggled, this,
            [this](bool on) { editSpec([on](ModelQuantSpec& s) { s.quantizeActivations = on; }); });
    connect(m_calibSamples, &QSpinBox::valueChanged, this,
            [this](int n) { editSpec([n](ModelQuantSpec& s) { s.calibrationSamples = n; }); });
    setSpec(m_spec);
}

void PtqPage::editSpec(const std::function<void(ModelQuantSpec&)>& edit)
{
    ModelQuantSpec next = m_spec;
    try {
        edit(next);
        next.weights.validate();
        next.activations.validate();
    } catch (const std::exception& e) {
        m_summary->setText(
            tr("<span style='color:#b00020'>%1</span>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return; // keep the last valid spec
    }
    m_spec = next;
    m_summary->setText(QString::fromStdString(m_spec.summary()).toHtmlEscaped());
}

void PtqPage::setSpec(const ModelQuantSpec& spec)
{
    m_spec = spec;
    setComboText(m_wQuantizer, spec.weights.quantizerSpec());
    setComboText(m_wGranularity, spec.weights.granularity.toString());
    setComboText(m_wScheme, toString(spec.weights.scheme));
    setComboText(m_wCalibration, spec.weights.calibration.toString());
    setComboText(m_aQuantizer, spec.activations.quantizerSpec());
    setComboText(m_aCalibration, spec.activations.calibration.toString());
    for (auto* box : {m_weightsOn, m_actsOn}) {
        const QSignalBlocker block(box);
        box->setChecked(box == m_weightsOn ? spec.quantizeWeights : spec.quantizeActivations);
    }
    const QSignalBlocker block(m_calibSamples);
    m_calibSamples->setValue(spec.calibrationSamples);
    m_summary->setText(QString::fromStdString(spec.summary()).toHtmlEscaped());
}

bool PtqPage::runPreset(const QString& name)
{
    try {
        setSpec(ModelQuantSpec::preset(name.toStdString()));
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
        return false;
    }
    start(name, false);
    return true;
}

void PtqPage::setNet(TrainedNetPtr net)
{
    m_job->cancel();
    ModelLabPage::setNet(std::move(net));
    m_rows.clear();
    m_table->setRowCount(0);
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PtqPage::run()
{
    start(QString::fromStdString(m_spec.summary()), true);
}

void PtqPage::cancel()
{
    m_job->cancel();
}

void PtqPage::start(const QString& label, bool sweep)
{
    if (!m_net) {
        emit statusMessage(tr("Train the network first (Train page)."));
        return;
    }
    const TrainedNetPtr net = m_net;
    const ModelQuantSpec spec = m_spec;
    QPointer<PtqPage> self(this);
    m_job->run(
        tr("PTQ: %1").arg(label),
        [self, net, spec, label, sweep](const ModelProgress& progress) -> std::function<void()> {
            const Mlp& model = net->result.model;
            const auto& split = net->split;
            Row row{label, spec, runPtq(model, split.train, split.test, spec)};
            std::vector<std::vector<SweepPoint>> sweeps;
            if (sweep) {
                const std::vector<int> bits = {2, 3, 4, 5, 6, 7, 8};
                for (int i = 0; i < 3 && !progress.cancelled(); ++i) {
                    const BitTarget target = kSweepTargets[i];
                    const bool applies = (target != BitTarget::Activations || spec.quantizeActivations) &&
                                         (target != BitTarget::Weights || spec.quantizeWeights);
                    ModelProgress part = progress;
                    part.progress = [&progress, i](double f, const std::string& s) { progress.report((i + f) / 3, s); };
                    sweeps.push_back(applies ? ptqBitSweep(model, split.train, split.test, spec, target, bits, part)
                                             : std::vector<SweepPoint>{});
                }
            }
            return [self, row, sweeps, sweep] {
                if (!self)
                    return;
                self->addRow(row);
                if (sweep)
                    self->showSweeps(row.result.floatAccuracy, sweeps);
                emit self->statusMessage(tr("PTQ %1: accuracy %2").arg(row.label, percentText(row.result.accuracy)));
                emit self->computed();
            };
        });
}

void PtqPage::addRow(const Row& row)
{
    m_rows.push_back(row);
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    QStringList sqnr, bits;
    for (const auto& l : row.result.layers) {
        sqnr << QLocale().toString(l.weightSqnrDb, 'f', 1);
        bits << QLocale().toString(l.bitsPerWeight, 'f', 2);
    }
    const double delta = (row.result.accuracy - row.result.floatAccuracy) * 100;
    const QString summary = QString::fromStdString(row.spec.summary());
    const QString cells[] = {
        row.label == summary ? summary : row.label + QStringLiteral(" — ") + summary, percentText(row.result.accuracy),
        (delta >= 0 ? QStringLiteral("+") : QString()) + QLocale().toString(delta, 'f', 2) + tr(" points"),
        row.spec.quantizeWeights ? sqnr.join(QStringLiteral(" / ")) : tr("float"),
        row.spec.quantizeWeights ? bits.join(QStringLiteral(" / ")) : QStringLiteral("32")};
    for (int c = 0; c < 5; ++c)
        m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    m_table->resizeRowToContents(r);
    m_table->scrollToBottom();
}

void PtqPage::showSweeps(double floatAccuracy, const std::vector<std::vector<SweepPoint>>& sweeps)
{
    m_plot->graph(0)->setData({1.5, 8.5}, {floatAccuracy * 100, floatAccuracy * 100});
    for (std::size_t i = 0; i < 3; ++i) {
        QVector<double> x, y;
        if (i < sweeps.size())
            for (const auto& p : sweeps[i]) {
                x << p.bits;
                y << p.accuracy * 100;
            }
        m_plot->graph(int(i) + 1)->setData(x, y);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace qs
