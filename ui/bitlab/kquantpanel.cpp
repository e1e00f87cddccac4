#include "bitlab/kquantpanel.h"

#include "common/filefilters.h"
#include "common/reflow.h"
#include "formats/error.h"
#include "io/tensorsource.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace qs {

namespace {

constexpr int kMaxStripBlocks = 4096; // the strip shows at most this many blocks of a row

// llama.cpp's K-quants first, then its blocks of 32.
const char* const kTypes[] = {"q2_K", "q3_K", "q4_K", "q5_K", "q6_K", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "iq4_nl"};

QString num(double v)
{
    return QString::number(v, 'g', 7);
}

QString bits(std::int64_t code, int width)
{
    const std::uint64_t mask = width >= 64 ? ~0ull : ((1ull << width) - 1);
    return QString::number(std::uint64_t(code) & mask, 2).rightJustified(width, QLatin1Char('0'));
}

QString hex16(std::uint16_t h)
{
    return QStringLiteral("0x%1").arg(h, 4, 16, QLatin1Char('0'));
}

// A table cell showing text and holding the exact number (Qt::UserRole) for tests and copies.
QTableWidgetItem* cell(const QString& text, const QVariant& exact = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (exact.isValid())
        item->setData(Qt::UserRole, exact);
    return item;
}

} // namespace

KQuantBlockStrip::KQuantBlockStrip(QWidget* parent) : QWidget(parent)
{
    setMinimumHeight(28);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
}

void KQuantBlockStrip::setErrors(std::vector<double> errors)
{
    m_errors = std::move(errors);
    m_min = m_max = 0;
    bool first = true;
    for (double e : m_errors)
        if (std::isfinite(e)) {
            m_min = first ? e : std::min(m_min, e);
            m_max = first ? e : std::max(m_max, e);
            first = false;
        }
    update();
}

void KQuantBlockStrip::setSelected(int block)
{
    m_selected = block;
    update();
}

QSize KQuantBlockStrip::sizeHint() const
{
    return {600, 28};
}

QRect KQuantBlockStrip::cellRect(int block) const
{
    const int n = std::max(1, count());
    const int x0 = int(std::floor(double(block) * width() / n));
    const int x1 = int(std::floor(double(block + 1) * width() / n));
    return {x0, 0, std::max(1, x1 - x0), height()};
}

void KQuantBlockStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    // Blue (the row's smallest error) to vermilion (its largest): colour-blind safe (Okabe-Ito).
    const QColor low(0x00, 0x72, 0xB2), high(0xD5, 0x5E, 0x00);
    for (int b = 0; b < count(); ++b) {
        const double e = m_errors[std::size_t(b)];
        const double t = !std::isfinite(e) ? 1.0 : (m_max > m_min ? (e - m_min) / (m_max - m_min) : 0.0);
        const QColor c = QColor::fromRgbF(low.redF() + t * (high.redF() - low.redF()),
                                          low.greenF() + t * (high.greenF() - low.greenF()),
                                          low.blueF() + t * (high.blueF() - low.blueF()));
        p.fillRect(cellRect(b).adjusted(0, 4, 0, -4), c);
    }
    if (m_selected >= 0 && m_selected < count()) {
        p.setPen(QPen(palette().text().color(), 2));
        p.drawRect(cellRect(m_selected).adjusted(0, 1, -1, -2));
    }
}

void KQuantBlockStrip::mousePressEvent(QMouseEvent* event)
{
    if (count() == 0 || width() <= 0)
        return;
    const int b = std::clamp(int(event->position().x() * count() / width()), 0, count() - 1);
    emit blockClicked(b);
}

KQuantPanel::KQuantPanel(QWidget* parent) : QWidget(parent)
{
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("kqType"));
    for (const char* t : kTypes)
        m_type->addItem(QString::fromLatin1(t));
    m_type->setCurrentText(QStringLiteral("q4_K"));
    m_type->setToolTip(tr("The llama.cpp format: the K-quants store super-blocks of 256 values with quantized "
                          "sub-block scales; the others blocks of 32 with one fp16 scale."));
    m_row = new QSpinBox(this);
    m_row->setObjectName(QStringLiteral("kqRow"));
    m_row->setToolTip(tr("The row of the tensor: llama.cpp quantizes a tensor row by row."));
    m_block = new QSpinBox(this);
    m_block->setObjectName(QStringLiteral("kqBlock"));
    m_block->setToolTip(tr("The block of the row (or click it in the strip below)."));
    auto* load = new QPushButton(tr("Load file…"), this);
    load->setObjectName(QStringLiteral("kqLoad"));
    load->setToolTip(tr("Take the blocks from a tensor of any file the Explorer opens (a GGUF, a checkpoint, .npy, text…)."));
    auto* random = new QPushButton(tr("Random"), this);
    random->setObjectName(QStringLiteral("kqRandom"));
    random->setToolTip(tr("Four rows of 1024 normal values with rare outliers."));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Format:"), this));
    controls->addWidget(m_type);
    controls->addWidget(new QLabel(tr("Row:"), this));
    controls->addWidget(m_row);
    controls->addWidget(new QLabel(tr("Block:"), this));
    controls->addWidget(m_block);
    controls->addStretch(1);
    controls->addWidget(load);
    controls->addWidget(random);

    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("kqSource"));
    m_source->setWordWrap(true);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("kqNote"));
    m_note->setWordWrap(true);
    m_strip = new KQuantBlockStrip(this);
    m_strip->setObjectName(QStringLiteral("kqStrip"));
    m_strip->setToolTip(tr("Every block of the row, coloured by its relative error √(Σ(x̂−x)²/Σx²): blue the "
                           "row's smallest, vermilion its largest. Click a block to take it apart."));
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("kqHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bytes = new QLabel(this);
    m_bytes->setObjectName(QStringLiteral("kqBytes"));
    m_bytes->setWordWrap(true);
    m_bytes->setTextFormat(Qt::RichText);
    m_bytes->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_subs = new QTableWidget(this);
    m_subs->setObjectName(QStringLiteral("kqSubBlocks"));
    m_subs->setColumnCount(7);
    m_subs->setHorizontalHeaderLabels(
        {tr("sub-block"), tr("values"), tr("scale code"), tr("scale"), tr("min code"), tr("min"), tr("grid")});
    m_subs->setToolTip(tr("Each sub-block's stored scale (and min) code and what it multiplies to with d (and "
                          "dmin), as llama.cpp's dequantizer computes it."));
    m_values = new QTableWidget(this);
    m_values->setObjectName(QStringLiteral("kqValues"));
    m_values->setColumnCount(6);
    m_values->setHorizontalHeaderLabels(
        {tr("#"), tr("sub-block"), tr("x"), tr("code q"), tr("dequantized"), tr("error")});
    m_values->setToolTip(tr("Every value of the block: the input, its code, the reconstruction and the error."));
    for (QTableWidget* t : {m_subs, m_values}) {
        t->verticalHeader()->setVisible(false);
        // Columns sized once after a fill: ResizeToContents re-measures every row on every setItem.
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        t->horizontalHeader()->setStretchLastSection(true);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        fitColumnsToWidth(t); // shared width, no horizontal scroll bar on a projector
    }
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_subs);
    split->addWidget(m_values);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 4);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_source);
    layout->addWidget(m_strip);
    layout->addWidget(m_note);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);
    layout->addWidget(m_bytes);

    connect(m_type, &QComboBox::currentIndexChanged, this, &KQuantPanel::rowChanged);
    connect(m_row, &QSpinBox::valueChanged, this, &KQuantPanel::rowChanged);
    connect(m_block, &QSpinBox::valueChanged, this, &KQuantPanel::showBlock);
    connect(m_strip, &KQuantBlockStrip::blockClicked, m_block, &QSpinBox::setValue);
    connect(load, &QPushButton::clicked, this, &KQuantPanel::loadFile);
    connect(random, &QPushButton::clicked, this, &KQuantPanel::useRandom);
    useRandom();
}

std::uint32_t KQuantPanel::type() const
{
    return ggml::typeByName(m_type->currentText().toStdString())->id;
}

std::int64_t KQuantPanel::row() const
{
    return m_row->value();
}

std::int64_t KQuantPanel::blockIndex() const
{
    return m_block->value();
}

QString KQuantPanel::note() const
{
    return m_note->text();
}

bool KQuantPanel::setTypeName(const QString& name)
{
    const ggml::TypeInfo* t = ggml::typeByName(name.toStdString());
    const int i = t ? m_type->findText(QString::fromLatin1(t->name)) : -1;
    if (i < 0)
        return false;
    m_type->setCurrentIndex(i);
    return true;
}

void KQuantPanel::setTensor(const Tensor& tensor, const QString& description)
{
    m_tensor = tensor;
    m_rows = ggml::rowView(tensor.shape());
    m_source->setText(tr("Data: %1 — %2 row(s) of %3 values").arg(description).arg(m_rows.rows).arg(m_rows.length));
    m_row->blockSignals(true);
    m_row->setRange(0, int(std::max<std::int64_t>(0, std::min<std::int64_t>(m_rows.rows - 1, INT_MAX))));
    m_row->setValue(0);
    m_row->blockSignals(false);
    rowChanged();
}

std::int64_t KQuantPanel::wholeBlocks() const
{
    return m_rows.length / ggml::typeInfo(type())->blockSize;
}

bool KQuantPanel::selectBlock(std::int64_t row, std::int64_t block)
{
    if (row < 0 || row >= m_rows.rows || block < 0 || block >= wholeBlocks())
        return false;
    m_row->setValue(int(row));
    m_block->setValue(int(block));
    showBlock(); // also when the spin box already held the value
    return m_valid;
}

void KQuantPanel::rowChanged()
{
    const ggml::TypeInfo* t = ggml::typeInfo(type());
    const std::int64_t blocks = wholeBlocks();
    const std::int64_t tail = m_rows.length - blocks * t->blockSize;
    QString note;
    if (blocks == 0)
        note =
            tr("A row of %1 values holds no whole %2 block of %3.").arg(m_rows.length).arg(t->name).arg(t->blockSize);
    else if (tail > 0)
        note = tr("The last %1 values of each row do not fill a %2 block of %3: llama.cpp refuses such a tensor; "
                  "the whole blocks are shown.")
                   .arg(tail)
                   .arg(t->name)
                   .arg(t->blockSize);
    std::vector<double> errors;
    if (blocks > 0) {
        const std::int64_t shown = std::min<std::int64_t>(blocks, kMaxStripBlocks);
        errors = ggml::blockErrors(type(), m_tensor.data() + m_row->value() * m_rows.length, shown);
        if (shown < blocks)
            note += (note.isEmpty() ? QString() : QStringLiteral(" ")) +
                    tr("The strip shows the first %1 of the row's %2 blocks.").arg(shown).arg(blocks);
    }
    m_note->setText(note);
    m_strip->setErrors(std::move(errors));
    m_block->blockSignals(true);
    m_block->setRange(0, int(std::max<std::int64_t>(0, std::min<std::int64_t>(blocks - 1, INT_MAX))));
    m_block->blockSignals(false);
    showBlock();
}

void KQuantPanel::showBlock()
{
    const ggml::TypeInfo* t = ggml::typeInfo(type());
    m_valid = wholeBlocks() > 0 && m_row->value() < m_rows.rows;
    m_strip->setSelected(m_valid ? m_block->value() : -1);
    if (!m_valid) {
        m_header->setText(QString());
        m_bytes->setText(QString());
        m_subs->setRowCount(0);
        m_values->setRowCount(0);
        return;
    }
    const std::int64_t first = m_row->value() * m_rows.length + std::int64_t(m_block->value()) * t->blockSize;
    m_current = ggml::quantizeBlock(type(), m_tensor.data() + first, m_block->value());
    const ggml::BlockDescription& d = m_current.block;

    double err = 0, sig = 0;
    for (int j = 0; j < d.blockSize; ++j) {
        err += double(m_current.error[std::size_t(j)]) * m_current.error[std::size_t(j)];
        sig += std::isfinite(m_current.original[std::size_t(j)])
                   ? double(m_current.original[std::size_t(j)]) * m_current.original[std::size_t(j)]
                   : 0.0;
    }
    QString header = tr("<b>%1 block %2</b> of row %3 (values %4–%5 of the row): %6 bytes, %7 bits per value.<br>")
                         .arg(t->name)
                         .arg(m_block->value())
                         .arg(m_row->value())
                         .arg(std::int64_t(m_block->value()) * t->blockSize)
                         .arg(std::int64_t(m_block->value() + 1) * t->blockSize - 1)
                         .arg(t->bytesPerBlock)
                         .arg(d.bitsPerValue);
    header += tr("<b>d = %1</b> (fp16 %2)").arg(num(d.d), hex16(d.dBits));
    if (d.hasMin)
        header += tr(", <b>%1 = %2</b> (fp16 %3)")
                      .arg(t->blockSize == 256 ? QStringLiteral("dmin") : QStringLiteral("m"), num(d.dmin),
                           hex16(d.dminBits));
    header += tr(".  <b>%1</b>").arg(QString::fromStdString(d.formula).toHtmlEscaped());
    if (d.scaleBits > 0)
        header += tr(" — %1 sub-blocks of %2, each with a %3-bit scale%4.")
                      .arg(d.subBlocks.size())
                      .arg(d.subBlocks.front().length)
                      .arg(d.scaleBits)
                      .arg(d.hasMin ? tr(" and a %1-bit min").arg(d.scaleBits) : QString());
    header += tr("<br>Relative error of the block √(Σ(x̂−x)²/Σx²) = %1.").arg(num(sig > 0 ? std::sqrt(err / sig) : 0.0));
    m_header->setText(header);

    m_subs->setUpdatesEnabled(false);
    m_values->setUpdatesEnabled(false);
    // The scale and min columns are named by the terms of the formula above, and hold
    // them as it uses them: the K-quants subtract dmin·m_j, Q4_1/Q5_1 add m.
    const bool legacyMin = d.hasMin && t->blockSize == 32;
    const QString scaleTerm = t->blockSize == 32    ? QStringLiteral("d")
                              : t->id == ggml::Q3_K ? QStringLiteral("d·(s_j − 32)")
                                                    : QStringLiteral("d·s_j");
    const QString minTerm = !d.hasMin ? tr("min") : (legacyMin ? QStringLiteral("m") : QStringLiteral("dmin·m_j"));
    m_subs->setHorizontalHeaderLabels(
        {tr("sub-block"), tr("values"), tr("scale code"), scaleTerm, tr("min code"), minTerm, tr("grid")});
    m_subs->setRowCount(int(d.subBlocks.size()));
    for (int j = 0; j < int(d.subBlocks.size()); ++j) {
        const ggml::SubBlock& s = d.subBlocks[std::size_t(j)];
        m_subs->setItem(j, 0, cell(QString::number(j), j));
        m_subs->setItem(j, 1, cell(QStringLiteral("%1–%2").arg(s.first).arg(s.first + s.length - 1)));
        m_subs->setItem(
            j, 2,
            s.scaleCode >= 0 || d.scaleBits == 8
                ? cell(QStringLiteral("%1 (%2)").arg(s.scaleCode).arg(bits(s.scaleCode, d.scaleBits)), s.scaleCode)
                : cell(QStringLiteral("—")));
        m_subs->setItem(j, 3, cell(num(s.scale), double(s.scale)));
        m_subs->setItem(
            j, 4,
            s.minCode >= 0 ? cell(QStringLiteral("%1 (%2)").arg(s.minCode).arg(bits(s.minCode, d.scaleBits)), s.minCode)
                           : cell(QStringLiteral("—")));
        const float minValue = legacyMin ? s.bias : -s.bias;
        m_subs->setItem(j, 5, d.hasMin ? cell(num(minValue), double(minValue)) : cell(QStringLiteral("—")));
        m_subs->setItem(j, 6, cell(QStringLiteral("[%1, %2]").arg(num(s.low), num(s.high))));
    }

    m_values->setRowCount(d.blockSize);
    for (int j = 0; j < d.blockSize; ++j) {
        const std::size_t k = std::size_t(j);
        const int sub = d.subBlocks.size() > 1 ? j / d.subBlocks.front().length : 0;
        m_values->setItem(j, 0, cell(QString::number(j), j));
        m_values->setItem(j, 1, cell(QString::number(sub), sub));
        m_values->setItem(j, 2, cell(num(m_current.original[k]), double(m_current.original[k])));
        m_values->setItem(
            j, 3, cell(QStringLiteral("%1 (%2)").arg(d.codes[k]).arg(bits(d.codes[k], d.codeBits)), d.codes[k]));
        m_values->setItem(j, 4, cell(num(d.values[k]), double(d.values[k])));
        m_values->setItem(j, 5, cell(num(m_current.error[k]), double(m_current.error[k])));
    }
    for (QTableWidget* t : {m_subs, m_values}) {
        t->resizeColumnsToContents();
        t->setUpdatesEnabled(true);
    }

    QStringList fields;
    for (const ggml::BlockField& f : d.fields) {
        QStringList hex;
        for (int i = 0; i < std::min(f.bytes, 8); ++i)
            hex << QStringLiteral("%1").arg(d.bytes[std::size_t(f.offset + i)], 2, 16, QLatin1Char('0'));
        if (f.bytes > 8)
            hex << QStringLiteral("…");
        fields << tr("<b>%1</b> [bytes %2–%3]: <tt>%4</tt> — %5")
                      .arg(QString::fromStdString(f.name))
                      .arg(f.offset)
                      .arg(f.offset + f.bytes - 1)
                      .arg(hex.join(QLatin1Char(' ')))
                      .arg(QString::fromStdString(f.meaning).toHtmlEscaped());
    }
    m_bytes->setText(fields.join(QStringLiteral("<br>")));
}

void KQuantPanel::useRandom()
{
    try {
        const Tensor x =
            generateTensor("outliers,n=4096,seed=" + std::to_string(m_seed++) + ",mean=0,std=0.02,p=0.002,k=12");
        setTensor(x.reshaped({4, 1024}), tr("random normal weights (σ = 0.02) with rare outliers"));
    } catch (const Error& e) {
        m_note->setText(QString::fromUtf8(e.what()));
    }
}

void KQuantPanel::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Tensor for the block view"), QString(),
                                                      tensorFileFilter());
    if (path.isEmpty())
        return;
    try {
        QString spec = path;
        const FileListing listing = listTensors(path.toStdString());
        if (listing.tensors.size() > 1) {
            QStringList names;
            for (const auto& t : listing.tensors)
                names << QString::fromStdString(t.name);
            bool ok = false;
            const QString name =
                QInputDialog::getItem(this, tr("Tensor"), tr("Tensor of %1:").arg(path), names, 0, false, &ok);
            if (!ok)
                return;
            spec += QLatin1Char(':') + name;
        }
        setTensor(loadTensor(spec.toStdString()), spec);
    } catch (const Error& e) {
        m_note->setText(QString::fromUtf8(e.what()));
    }
}

} // namespace qs
