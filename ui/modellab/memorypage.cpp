#include "modellab/memorypage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qs {

QString gigabytesText(double bytes)
{
    const double gb = bytes / 1e9;
    return QLocale().toString(gb, 'f', gb >= 100 ? 0 : (gb >= 10 ? 1 : 2)) + QStringLiteral(" GB");
}

namespace {

QComboBox* makeFormatCombo(QWidget* parent, const QString& current, const QString& tip)
{
    auto* combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    for (const auto& n : StorageFormat::names())
        combo->addItem(QString::fromStdString(n));
    combo->setCurrentText(current);
    combo->setToolTip(tip);
    return combo;
}

QSpinBox* intSpin(QWidget* parent, int lo, int hi, const QString& tip)
{
    auto* spin = new QSpinBox(parent);
    spin->setRange(lo, hi);
    spin->setGroupSeparatorShown(true);
    spin->setToolTip(tip);
    return spin;
}

} // namespace

MemoryPage::MemoryPage(QWidget* parent) : ModelLabPage(parent)
{
    m_preset = new QComboBox(this);
    for (const auto& p : modelPresets())
        m_preset->addItem(QString::fromStdString(p.name), QString::fromStdString(p.name));
    m_preset->addItem(tr("QLoRA 65B: full 16-bit fine-tuning"), QStringLiteral("qlora-full"));
    m_preset->addItem(tr("QLoRA 65B: NF4 + LoRA r = 64"), QStringLiteral("qlora"));
    m_preset->setObjectName(QStringLiteral("memoryPreset"));
    m_preset->setToolTip(tr("Fills in the parameter count and shapes of a published model."));
    m_params = new QDoubleSpinBox(this);
    m_params->setRange(0, 100000);
    m_params->setDecimals(3);
    m_params->setSuffix(tr(" billion"));
    m_params->setToolTip(tr("Number of parameters (weights) of the model."));
    m_format = makeFormatCombo(this, QStringLiteral("fp16"),
                               tr("Storage format of the weights; block formats include their scales "
                                  "(custom: BITS/BLOCK/SCALEBITS[/ZEROBITS])."));
    m_format->setObjectName(QStringLiteral("memoryFormat"));
    m_kv = new QCheckBox(tr("KV cache"), this);
    m_kv->setToolTip(tr("Keys and values of every past token, kept for each layer during generation."));
    m_layers = intSpin(this, 1, 1000, tr("Transformer layers."));
    m_kvHeads = intSpin(this, 1, 1000, tr("Key/value heads (fewer than query heads with grouped-query attention)."));
    m_headDim = intSpin(this, 1, 4096, tr("Dimension of one attention head."));
    m_context = intSpin(this, 1, 10000000, tr("Tokens per sequence."));
    m_batch = intSpin(this, 1, 100000, tr("Sequences processed at once."));
    m_kvFormat = makeFormatCombo(this, QStringLiteral("fp16"), tr("Storage format of the KV cache."));
    m_training = new QCheckBox(tr("Training"), this);
    m_training->setToolTip(tr("Add gradients and optimizer states (and LoRA adapters if any)."));
    m_optimizer = new QComboBox(this);
    m_optimizer->addItems(
        {QStringLiteral("adam"), QStringLiteral("momentum"), QStringLiteral("sgd"), QStringLiteral("none")});
    m_optimizer->setToolTip(tr("Adam keeps 2 states per trained parameter, momentum 1, SGD none."));
    m_gradFormat = makeFormatCombo(this, QStringLiteral("fp16"), tr("Storage format of the gradients."));
    m_stateFormat = makeFormatCombo(this, QStringLiteral("fp32"), tr("Storage format of the optimizer states."));
    m_master = new QCheckBox(tr("fp32 master weights"), this);
    m_master->setToolTip(tr("Mixed-precision training keeps an fp32 copy of the weights."));
    m_adapters = new QDoubleSpinBox(this);
    m_adapters->setRange(0, 1e13);
    m_adapters->setDecimals(0);
    m_adapters->setGroupSeparatorShown(true);
    m_adapters->setToolTip(tr("LoRA adapter parameters; when > 0 only they train (the base weights are frozen)."));

    auto* model = new QGroupBox(tr("Model"), this);
    auto* mForm = new QFormLayout(model);
    mForm->addRow(tr("Preset:"), m_preset);
    mForm->addRow(tr("Parameters:"), m_params);
    mForm->addRow(tr("Weight format:"), m_format);
    auto* kv = new QGroupBox(tr("KV cache"), this);
    auto* kForm = new QFormLayout(kv);
    kForm->addRow(m_kv);
    kForm->addRow(tr("Layers:"), m_layers);
    kForm->addRow(tr("KV heads:"), m_kvHeads);
    kForm->addRow(tr("Head dimension:"), m_headDim);
    kForm->addRow(tr("Context (tokens):"), m_context);
    kForm->addRow(tr("Batch:"), m_batch);
    kForm->addRow(tr("Format:"), m_kvFormat);
    auto* train = new QGroupBox(tr("Training"), this);
    auto* tForm = new QFormLayout(train);
    tForm->addRow(m_training);
    tForm->addRow(tr("Optimizer:"), m_optimizer);
    tForm->addRow(tr("Gradients:"), m_gradFormat);
    tForm->addRow(tr("Optimizer states:"), m_stateFormat);
    tForm->addRow(m_master);
    tForm->addRow(tr("LoRA adapters:"), m_adapters);
    auto* left = new QVBoxLayout;
    left->addWidget(model);
    left->addWidget(kv);
    left->addWidget(train);
    left->addStretch();

    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("total"));
    QFont big = m_total->font();
    big.setPointSize(big.pointSize() + 8);
    big.setBold(true);
    m_total->setFont(big);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_lines = new QTableWidget(0, 3, this);
    m_lines->setObjectName(QStringLiteral("memoryLines"));
    m_lines->setHorizontalHeaderLabels({tr("Item"), tr("Memory"), tr("Formula")});
    m_lines->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_lines->verticalHeader()->setVisible(false);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);

    // The course's table (docs/course.md): parameters × 2 bytes in FP16.
    m_course = new QTableWidget(0, 3, this);
    m_course->setObjectName(QStringLiteral("courseTable"));
    m_course->setHorizontalHeaderLabels({tr("Model"), tr("Parameters"), tr("FP16 weights")});
    m_course->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_course->verticalHeader()->setVisible(false);
    m_course->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (const auto& p : modelPresets()) {
        MemorySpec s;
        s.parameters = p.parameters;
        const int r = m_course->rowCount();
        m_course->insertRow(r);
        m_course->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(p.name)));
        m_course->setItem(r, 1, new QTableWidgetItem(QLocale().toString(p.parameters / 1e9, 'g', 4) + tr(" billion")));
        m_course->setItem(r, 2, new QTableWidgetItem(gigabytesText(estimateMemory(s).totalBytes)));
    }
    auto* right = new QVBoxLayout;
    right->addWidget(m_total);
    right->addWidget(m_error);
    right->addWidget(m_lines, 2);
    auto* courseTitle = new QLabel(tr("The course's table: VRAM ≈ parameters × 2 bytes (FP16), 1 GB = 10⁹ bytes"), this);
    courseTitle->setWordWrap(true); // one line would set the page's width on a projector
    right->addWidget(courseTitle);
    right->addWidget(m_course, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 0);
    layout->addLayout(right, 1);

    applyPreset(QStringLiteral("gpt3-175b"));
    connect(m_preset, &QComboBox::currentIndexChanged, this,
            [this] { applyPreset(m_preset->currentData().toString()); });
    for (auto* spin : {m_layers, m_kvHeads, m_headDim, m_context, m_batch})
        connect(spin, &QSpinBox::valueChanged, this, &MemoryPage::recompute);
    for (auto* spin : {m_params, m_adapters})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &MemoryPage::recompute);
    for (auto* combo : {m_format, m_kvFormat, m_gradFormat, m_stateFormat, m_optimizer})
        connect(combo, &QComboBox::currentTextChanged, this, &MemoryPage::recompute);
    for (auto* box : {m_kv, m_training, m_master})
        connect(box, &QCheckBox::toggled, this, &MemoryPage::recompute);
}

bool MemoryPage::applyPreset(const QString& name)
{
    MemorySpec s;
    const ModelPreset* shape = nullptr;
    if (name == QLatin1String("qlora-full") || name == QLatin1String("qlora")) {
        s = name == QLatin1String("qlora") ? qloraFinetune() : qloraFullFinetune();
        shape = &modelPreset("llama-65b");
    } else {
        const auto& presets = modelPresets();
        auto it = std::find_if(presets.begin(), presets.end(),
                               [&](const ModelPreset& p) { return QString::fromStdString(p.name) == name; });
        if (it == presets.end())
            return false;
        shape = &*it;
        s.parameters = it->parameters;
    }
    m_applying = true;
    const int index = m_preset->findData(name);
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(index);
    }
    m_params->setValue(s.parameters / 1e9);
    m_format->setCurrentText(QString::fromStdString(s.weights.name));
    m_kv->setChecked(s.kvCache.has_value());
    m_layers->setValue(shape->layers);
    m_kvHeads->setValue(shape->kvHeads);
    m_headDim->setValue(shape->headDim);
    m_context->setValue(int(shape->context));
    m_batch->setValue(1);
    m_training->setChecked(s.training.enabled);
    m_optimizer->setCurrentText(QString::fromStdString(toString(s.training.optimizer)));
    m_gradFormat->setCurrentText(QString::fromStdString(s.training.gradients.name));
    m_stateFormat->setCurrentText(QString::fromStdString(s.training.optimizerState.name));
    m_master->setChecked(s.training.masterWeights);
    m_adapters->setValue(s.training.adapterParameters);
    m_applying = false;
    recompute();
    return true;
}

bool MemoryPage::hasPreset(const QString& name) const
{
    return m_preset->findData(name) >= 0;
}

bool MemoryPage::hasFormat(const QString& format) const
{
    try {
        StorageFormat::parse(format.toStdString());
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

void MemoryPage::setWeightFormat(const QString& format)
{
    m_format->setCurrentText(format);
    recompute();
}

MemorySpec MemoryPage::spec() const
{
    MemorySpec s;
    s.model = m_preset->currentText().toStdString();
    s.parameters = m_params->value() * 1e9;
    s.weights = StorageFormat::parse(m_format->currentText().toStdString());
    if (m_kv->isChecked()) {
        KvCacheSpec kv;
        kv.layers = m_layers->value();
        kv.kvHeads = m_kvHeads->value();
        kv.headDim = m_headDim->value();
        kv.context = m_context->value();
        kv.batch = m_batch->value();
        kv.format = StorageFormat::parse(m_kvFormat->currentText().toStdString());
        s.kvCache = kv;
    }
    s.training.enabled = m_training->isChecked();
    s.training.optimizer = parseOptimizer(m_optimizer->currentText().toStdString());
    s.training.gradients = StorageFormat::parse(m_gradFormat->currentText().toStdString());
    s.training.optimizerState = StorageFormat::parse(m_stateFormat->currentText().toStdString());
    s.training.masterWeights = m_master->isChecked();
    s.training.adapterParameters = m_adapters->value();
    return s;
}

void MemoryPage::run()
{
    recompute();
    emit computed();
}

void MemoryPage::recompute()
{
    if (m_applying)
        return;
    for (auto* w : std::initializer_list<QWidget*>{m_layers, m_kvHeads, m_headDim, m_context, m_batch, m_kvFormat})
        w->setEnabled(m_kv->isChecked());
    for (auto* w : std::initializer_list<QWidget*>{m_optimizer, m_gradFormat, m_stateFormat, m_master, m_adapters})
        w->setEnabled(m_training->isChecked());
    try {
        m_report = estimateMemory(spec());
    } catch (const std::exception& e) {
        m_error->setText(QString::fromStdString(e.what()));
        return; // keep the last valid report on screen
    }
    m_error->clear();
    m_lines->setRowCount(int(m_report.lines.size()));
    for (int r = 0; r < int(m_report.lines.size()); ++r) {
        const auto& line = m_report.lines[std::size_t(r)];
        m_lines->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(line.item)));
        m_lines->setItem(r, 1, new QTableWidgetItem(gigabytesText(line.bytes)));
        m_lines->setItem(r, 2, new QTableWidgetItem(QString::fromStdString(line.formula)));
    }
    m_lines->resizeColumnToContents(0);
    m_lines->resizeColumnToContents(1);
    m_total->setText(tr("Total: %1").arg(gigabytesText(m_report.totalBytes)));
}

} // namespace qs
