#include "modellab/outlierspage.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace qs {

OutliersPage::OutliersPage(QWidget* parent) : ModelLabPage(parent)
{
    const OutlierStudyConfig defaults;
    m_bits = new QSpinBox(this);
    m_bits->setRange(2, 16);
    m_bits->setValue(defaults.bits);
    m_bits->setToolTip(tr("Bit width of the activations and weights."));
    m_outliers = new QSpinBox(this);
    m_outliers->setRange(0, 64);
    m_outliers->setValue(defaults.outlierChannels);
    m_outliers->setToolTip(tr("How many of the 512 channels carry outliers 20–60× larger than the rest."));
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setRange(0.1, 1000);
    m_threshold->setValue(defaults.threshold);
    m_threshold->setToolTip(tr("LLM.int8(): columns with any |x| at or above this stay in float16."));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 1 << 30);
    m_seed->setValue(int(defaults.seed));
    m_seed->setToolTip(tr("Seed of the generated activations and weights."));
    auto* runButton = new QPushButton(tr("Run"), this);
    runButton->setObjectName(QStringLiteral("runOutliers"));
    runButton->setToolTip(tr("Quantizes X four ways and compares the errors of X and of Y = X·Wᵀ."));
    auto* intro = new QLabel(tr("X: 64 tokens × 512 channels of LLM-like activations; a few channels are huge. "
                                "One scale per tensor is stretched by them; per token still suffers; per channel "
                                "fixes it but cannot be factored out of an integer matmul; LLM.int8() keeps the "
                                "outlier columns in float."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Bits:"), m_bits);
    form->addRow(tr("Outlier channels:"), m_outliers);
    form->addRow(tr("LLM.int8() threshold:"), m_threshold);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(runButton);
    auto* left = new QVBoxLayout;
    left->addWidget(intro);
    left->addLayout(form);
    left->addStretch();

    m_channels = new QCustomPlot(this);
    stylePlot(m_channels);
    m_channels->legend->setVisible(false);
    m_channels->xAxis->setLabel(tr("channel"));
    m_channels->yAxis->setLabel(tr("max |x| over tokens"));
    auto* bars = new QCPBars(m_channels->xAxis, m_channels->yAxis);
    bars->setPen(QPen(QColor(30, 90, 200)));
    bars->setBrush(QColor(30, 90, 200));

    m_errors = new QCustomPlot(this);
    m_errors->setObjectName(QStringLiteral("outlierErrors"));
    stylePlot(m_errors);
    m_errors->xAxis->setLabel(tr("method"));
    m_errors->yAxis->setLabel(tr("relative error of Y (%)"));
    auto* errBars = new QCPBars(m_errors->xAxis, m_errors->yAxis);
    errBars->setName(tr("‖Ŷ − Y‖ / ‖Y‖"));
    errBars->setBrush(QColor(220, 120, 20));
    errBars->setPen(QPen(QColor(160, 80, 10)));
    errBars->setWidth(0.6);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("outlierTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Method"), tr("X SQNR (dB)"), tr("Y SQNR (dB)"), tr("Y relative error"), tr("X MSE"), tr("Kept in float")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* plots = new QHBoxLayout;
    plots->addWidget(m_channels, 1);
    plots->addWidget(m_errors, 1);
    auto* right = new QVBoxLayout;
    right->addLayout(plots, 2);
    right->addWidget(m_table, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(right, 1);
    connect(runButton, &QPushButton::clicked, this, &OutliersPage::run);
}

OutlierStudyConfig OutliersPage::config() const
{
    OutlierStudyConfig c;
    c.bits = m_bits->value();
    c.outlierChannels = m_outliers->value();
    c.threshold = m_threshold->value();
    c.seed = std::uint64_t(m_seed->value());
    return c;
}

void OutliersPage::run()
{
    try {
        m_study = runOutlierStudy(config());
    } catch (const std::exception& e) {
        emit statusMessage(QString::fromStdString(e.what()));
        return;
    }
    const OutlierStudy& s = *m_study;
    QVector<double> cx, cy;
    for (int c = 0; c < int(s.channelAbsMax.size()); ++c) {
        cx << c;
        cy << s.channelAbsMax[std::size_t(c)];
    }
    qobject_cast<QCPBars*>(m_channels->plottable(0))->setData(cx, cy);
    m_channels->rescaleAxes();
    m_channels->yAxis->setRange(0, m_channels->yAxis->range().upper * 1.1);
    m_channels->replot(QCustomPlot::rpQueuedReplot);

    QVector<double> x, y;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const QLocale loc;
    m_table->setRowCount(int(s.methods.size()));
    for (int i = 0; i < int(s.methods.size()); ++i) {
        const auto& m = s.methods[std::size_t(i)];
        const QString name = QString::fromStdString(m.name);
        x << i + 1;
        y << m.outputRelativeError * 100;
        ticker->addTick(i + 1, name);
        const QString cells[] = {name,
                                 loc.toString(m.activationSqnrDb, 'f', 2),
                                 loc.toString(m.outputSqnrDb, 'f', 2),
                                 loc.toString(m.outputRelativeError, 'f', 4),
                                 loc.toString(m.activationMse, 'g', 3),
                                 percentText(m.floatFraction)};
        for (int c = 0; c < 6; ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    m_errors->xAxis->setTicker(ticker);
    qobject_cast<QCPBars*>(m_errors->plottable(0))->setData(x, y);
    m_errors->xAxis->setRange(0.4, s.methods.size() + 0.6);
    m_errors->yAxis->setRange(0, *std::max_element(y.begin(), y.end()) * 1.15 + 1e-9);
    m_errors->replot(QCustomPlot::rpQueuedReplot);
    emit statusMessage(tr("Outlier study: %1 outlier columns").arg(s.outlierColumns.size()));
    emit computed();
}

} // namespace qs
