#include "bitlab/codetablepanel.h"

#include "bitlab/formatinfo.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace qs {

namespace {

int columnBits(int bits)
{
    return std::min(bits, 4);
}

QString binary(std::uint64_t v, int width)
{
    return width <= 0 ? QString() : QStringLiteral("%1").arg(v, width, 2, QLatin1Char('0'));
}

} // namespace

CodeTablePanel::CodeTablePanel(QWidget* parent) : BitLabPanel(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("codeTableTitle"));
    m_title->setWordWrap(true);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("codeTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setToolTip(tr("Every code of the format: rows are the high bits, columns the low bits. Click a "
                           "cell to load it into the bit editor."));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_table->horizontalHeader()->setFont(mono);
    m_table->verticalHeader()->setFont(mono);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int column) {
        if (m_filling || row < 0 || column < 0)
            return;
        const int bits = totalBits(context().format);
        emit codeSelected((std::uint64_t(row) << columnBits(bits)) | std::uint64_t(column));
    });
}

std::pair<int, int> CodeTablePanel::cellOf(std::uint64_t code, int bits)
{
    const int cb = columnBits(bits);
    return {int(code >> cb), int(code & ((1u << cb) - 1))};
}

void CodeTablePanel::refresh()
{
    const BitLabContext& c = context();
    const int bits = totalBits(c.format);
    m_filling = true;
    m_table->clear();
    if (bits > kMaxBits) {
        m_table->setRowCount(0);
        m_table->setColumnCount(0);
        m_title->setText(tr("<b>%1 has %2 codes</b>, too many for a table. Choose a format of at most %3 bits "
                            "(FP8, FP6, FP4, E8M0, int8 …) from the presets to see every code.")
                             .arg(displayName(c.format))
                             .arg(QString::number(std::ldexp(1.0, bits), 'g', 6))
                             .arg(kMaxBits));
        m_filling = false;
        return;
    }
    const int cb = columnBits(bits);
    const int rb = bits - cb;
    const int rows = 1 << rb, cols = 1 << cb;
    m_table->setRowCount(rows);
    m_table->setColumnCount(cols);
    m_title->setText(tr("<b>All %1 codes of %2.</b> Row = the high %3 bits, column = the low %4 bits. "
                        "Shaded: <span style='background:#cfe3f3'>&nbsp;subnormal&nbsp;</span> "
                        "<span style='background:#dddddd'>&nbsp;zero&nbsp;</span> "
                        "<span style='background:#f3d2b8'>&nbsp;Inf/NaN&nbsp;</span>.")
                         .arg(rows * cols)
                         .arg(displayName(c.format).toHtmlEscaped())
                         .arg(rb)
                         .arg(cb));
    QStringList colHeaders, rowHeaders;
    for (int j = 0; j < cols; ++j)
        colHeaders << binary(std::uint64_t(j), cb);
    for (int i = 0; i < rows; ++i)
        rowHeaders << (rb > 0 ? binary(std::uint64_t(i), rb) + QStringLiteral("…") : QStringLiteral("…"));
    m_table->setHorizontalHeaderLabels(colHeaders);
    m_table->setVerticalHeaderLabels(rowHeaders);
    QFont cellFont = font();
    cellFont.setPointSizeF(cellFont.pointSizeF() * (bits <= 6 ? 1.3 : 1.0));
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j) {
            const std::uint64_t code = (std::uint64_t(i) << cb) | std::uint64_t(j);
            const double v = decodeCode(c.format, code);
            auto* item = new QTableWidgetItem(shortValue(v));
            item->setTextAlignment(Qt::AlignCenter);
            item->setFont(cellFont);
            const QString cls = classNameOf(c.format, code);
            item->setToolTip(
                tr("<b>%1</b> (%2) = %3<br>class: %4")
                    .arg(bitStringOf(c.format, code), hexOf(c.format, code), exactDecimalText(c.format, code), cls));
            if (cls == QLatin1String("subnormal"))
                item->setBackground(QColor(0xcf, 0xe3, 0xf3));
            else if (cls == QLatin1String("zero"))
                item->setBackground(QColor(0xdd, 0xdd, 0xdd));
            else if (cls == QLatin1String("inf") || cls == QLatin1String("nan"))
                item->setBackground(QColor(0xf3, 0xd2, 0xb8));
            if (item->background().style() != Qt::NoBrush)
                item->setForeground(Qt::black);
            m_table->setItem(i, j, item);
        }
    }
    const auto [row, col] = cellOf(c.code, bits);
    m_table->setCurrentCell(row, col);
    m_filling = false;
}

} // namespace qs
