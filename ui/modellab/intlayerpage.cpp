#include "modellab/intlayerpage.h"

#include "common/uizoom.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace qs {

namespace {

void fillMap(QCustomPlot* plot, const Eigen::MatrixXd& m)
{
    auto* map = qobject_cast<QCPColorMap*>(plot->plottable(0));
    const int rows = int(m.rows()), cols = int(m.cols());
    map->data()->setSize(cols, rows);
    map->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            map->data()->setCell(c, r, m(r, c));
    map->rescaleDataRange(true);
    plot->rescaleAxes();
    plot->xAxis->setRange(-0.5, cols - 0.5);
    plot->yAxis->setRange(-0.5, rows - 0.5);
    plot->yAxis->setRangeReversed(true); // row 0 on top, like a matrix
    plot->replot(QCustomPlot::rpQueuedReplot);
}

template <class M> Eigen::MatrixXd toDouble(const M& m)
{
    return m.template cast<double>();
}

} // namespace

IntLayerPage::IntLayerPage(QWidget* parent) : ModelLabPage(parent)
{
    m_layer = new QSpinBox(this);
    m_layer->setRange(0, 1);
    m_layer->setToolTip(tr("Layer 0: pixels → hidden units (ReLU fused); layer 1: hidden units → 10 logits."));
    m_samples = new QSpinBox(this);
    m_samples->setRange(1, 359);
    m_samples->setValue(16);
    m_samples->setToolTip(tr("How many test images go through the layer (the rows of the input)."));
    m_bits = new QSpinBox(this);
    m_bits->setRange(2, 16);
    m_bits->setValue(8);
    m_bits->setToolTip(tr("Bit width of inputs, weights and outputs (8: uint8/int8, as gemmlowp)."));
    m_perChannel = new QCheckBox(tr("Per-channel weights"), this);
    m_perChannel->setToolTip(tr("One weight scale, and so one multiplier M0·2^-n, per output channel."));
    m_signedInputs = new QCheckBox(tr("Signed (int8) inputs"), this);
    m_signedInputs->setToolTip(tr("int8 inputs with a zero point instead of uint8."));
    m_asymWeights = new QCheckBox(tr("Asymmetric weights"), this);
    m_asymWeights->setToolTip(tr("Weights with a zero point Z_w ≠ 0 (TFLite uses symmetric int8, Z_w = 0)."));
    m_relu = new QCheckBox(tr("Fused ReLU"), this);
    m_relu->setChecked(true);
    m_relu->setToolTip(tr("The output clamp starts at Z_y, the code of real 0: the ReLU costs nothing."));
    connect(m_layer, &QSpinBox::valueChanged, this, [this](int l) { m_relu->setChecked(l == 0); });
    m_matrix = new QComboBox(this);
    m_matrix->addItem(tr("Inputs"), 0);
    m_matrix->addItem(tr("Weights"), 1);
    m_matrix->addItem(tr("Outputs"), 2);
    m_matrix->setCurrentIndex(2);
    m_matrix->setToolTip(tr("Which matrix the four heat maps show."));
    auto* runButton = new QPushButton(tr("Run integer layer"), this);
    runButton->setObjectName(QStringLiteral("runIntLayer"));
    runButton->setToolTip(tr("Runs the layer with integers only and with fake quantization in float, and compares."));
    auto* form = new QFormLayout;
    form->addRow(tr("Layer:"), m_layer);
    form->addRow(tr("Images:"), m_samples);
    form->addRow(tr("Bits:"), m_bits);
    form->addRow(m_perChannel);
    form->addRow(m_signedInputs);
    form->addRow(m_asymWeights);
    form->addRow(m_relu);
    form->addRow(tr("Heat maps of:"), m_matrix);
    form->addRow(runButton);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("intSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(m_summary);
    left->addStretch(1);

    auto* grid = new QGridLayout;
    for (int i = 0; i < 4; ++i) {
        auto* plot = new QCustomPlot(this);
        plot->setObjectName(QStringLiteral("heatmap%1").arg(i));
        auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
        map->setGradient(i == 3 ? QCPColorGradient::gpHot : QCPColorGradient::gpPolar);
        map->setInterpolate(false);
        if (i == 3)
            map->setGradient(map->gradient().inverted());
        auto* scale = new QCPColorScale(plot);
        plot->plotLayout()->addElement(0, 1, scale);
        map->setColorScale(scale);
        plot->plotLayout()->insertRow(0);
        plot->plotLayout()->addElement(0, 0,
                                       new QCPTextElement(plot, QString(), QFont(font().family(), 12, QFont::Bold)));
        followZoom(plot, 10);
        enablePlotNavigation(plot);
        for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) { // rows and columns are whole numbers
            QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
            ticker->setTickStep(1);
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            axis->setTicker(ticker);
        }
        plot->xAxis->setLabel(tr("column (input or output unit)"));
        plot->yAxis->setLabel(tr("row (image or output unit)"));
        m_maps[i] = plot;
        grid->addWidget(plot, i / 2, i % 2);
    }
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(grid, 1);
    connect(runButton, &QPushButton::clicked, this, &IntLayerPage::run);
    connect(m_matrix, &QComboBox::currentIndexChanged, this, &IntLayerPage::showMaps);
}

int IntLayerPage::layer() const
{
    return m_layer->value();
}

int IntLayerPage::samples() const
{
    return m_samples->value();
}

IntLayerConfig IntLayerPage::config() const
{
    IntLayerConfig c;
    c.inputBits = c.weightBits = c.outputBits = m_bits->value();
    c.inputSigned = m_signedInputs->isChecked();
    c.weightSymmetric = !m_asymWeights->isChecked();
    c.perChannel = m_perChannel->isChecked();
    c.relu = m_relu->isChecked();
    return c;
}

void IntLayerPage::setNet(TrainedNetPtr net)
{
    ModelLabPage::setNet(std::move(net));
    m_result.reset();
    if (m_net)
        m_layer->setMaximum(int(m_net->result.model.layers.size()) - 1);
}

void IntLayerPage::run()
{
    if (!m_net) {
        emit statusMessage(tr("Train the network first (Train page)."));
        return;
    }
    try {
        const LayerData data = layerFromMlp(m_net->result.model, layer(), m_net->split.test, samples());
        m_result = runIntegerLayer(data, config());
    } catch (const std::exception& e) {
        m_summary->setText(QString::fromStdString(e.what()));
        emit statusMessage(QString::fromStdString(e.what()));
        return;
    }
    const IntLayerResult& r = *m_result;
    const QLocale loc;
    const auto& m = r.fixedMultiplier.front();
    const double bitsUsed = r.accumulatorMaxAbs > 0 ? std::ceil(std::log2(double(r.accumulatorMaxAbs) + 1)) : 0;
    QString text;
    text +=
        tr("<b>Input grid</b>: S_x = %1, Z_x = %2<br>").arg(r.inputGrid.scale, 0, 'g', 5).arg(r.inputGrid.zeroPoint);
    text += tr("<b>Weight grid</b>: S_w = %1, Z_w = %2%3<br>")
                .arg(r.weightGrids.front().scale, 0, 'g', 5)
                .arg(r.weightGrids.front().zeroPoint)
                .arg(r.weightGrids.size() > 1 ? tr(" (channel 0 of %1)").arg(r.weightGrids.size()) : QString());
    text +=
        tr("<b>Output grid</b>: S_y = %1, Z_y = %2<br>").arg(r.outputGrid.scale, 0, 'g', 5).arg(r.outputGrid.zeroPoint);
    text += tr("<b>Multiplier</b> M = S_x·S_w / S_y = %1 = M0 · 2^-31 · 2^-%2 with M0 = %3 (%4)<br>")
                .arg(r.multiplier.front(), 0, 'g', 8)
                .arg(m.shift)
                .arg(loc.toString(m.m0))
                .arg(r.fixedMultiplier.size() > 1 ? tr("channel 0") : tr("whole tensor"));
    text += tr("<b>Accumulator</b>: largest |acc| = %1, needs %2 of the 31 magnitude bits of int32; %3<br>")
                .arg(loc.toString(qlonglong(r.accumulatorMaxAbs)))
                .arg(bitsUsed)
                .arg(r.accumulatorOverflow ? tr("it overflowed and was saturated.") : tr("no overflow."));
    text += tr("<b>Integer vs fake quant</b>: max difference %1 output step(s), %2 of %3 outputs differ<br>")
                .arg(r.maxStepDifference)
                .arg(r.differingOutputs)
                .arg(r.outputQ.size());
    text += tr("<b>Error vs float</b>: integer %1, fake quant %2 (max |error|)")
                .arg(r.maxAbsErrorVsFloat, 0, 'g', 4)
                .arg(r.maxAbsErrorSimulatedVsFloat, 0, 'g', 4);
    m_summary->setText(text);
    showMaps();
    emit statusMessage(tr("Integer layer: max difference vs fake quant %1 step(s)").arg(r.maxStepDifference));
    emit computed();
}

void IntLayerPage::showMaps()
{
    if (!m_result)
        return;
    const IntLayerResult& r = *m_result;
    Eigen::MatrixXd maps[4];
    switch (m_matrix->currentData().toInt()) {
    case 0:
        maps[0] = toDouble(r.data.input);
        maps[1] = toDouble(r.inputQ);
        maps[2] = toDouble(r.inputDequantized);
        break;
    case 1:
        maps[0] = toDouble(r.data.weight);
        maps[1] = toDouble(r.weightQ);
        maps[2] = toDouble(r.weightDequantized);
        break;
    default:
        maps[0] = toDouble(r.outputFloat);
        maps[1] = toDouble(r.outputQ);
        maps[2] = toDouble(r.outputDequantized);
        break;
    }
    maps[3] = (maps[2] - maps[0]).cwiseAbs();
    const QString titles[] = {tr("original (float)"), tr("quantized (integer codes)"), tr("dequantized S(q − Z)"),
                              tr("|error| = |dequantized − original|")};
    for (int i = 0; i < 4; ++i) {
        qobject_cast<QCPTextElement*>(m_maps[i]->plotLayout()->element(0, 0))->setText(titles[i]);
        fillMap(m_maps[i], maps[i]);
    }
}

} // namespace qs
