#include "bitlab/comparepanel.h"

#include "bitlab/bitrowwidget.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>

#include <cmath>

namespace qs {

ComparePanel::ComparePanel(QWidget* parent) : BitLabPanel(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("compareFormats"));
    m_list->setToolTip(tr("Tick the formats to store the current value in."));
    m_list->setMaximumWidth(200);
    const QStringList defaults = {QStringLiteral("fp32"),     QStringLiteral("fp16"),     QStringLiteral("bf16"),
                                  QStringLiteral("fp8-e4m3"), QStringLiteral("fp8-e5m2"), QStringLiteral("fp4-e2m1")};
    for (const QString& spec : FormatDesigner::presetSpecs()) {
        auto* item = new QListWidgetItem(spec, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(defaults.contains(spec) ? Qt::Checked : Qt::Unchecked);
    }
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows shrink their cells instead
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(m_scroll, 1);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        setContext(context()); // re-run with the new selection
    });
}

QStringList ComparePanel::checkedSpecs() const
{
    QStringList specs;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            specs << m_list->item(i)->text();
    return specs;
}

void ComparePanel::setCheckedSpecs(const QStringList& specs)
{
    m_list->blockSignals(true);
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setCheckState(specs.contains(m_list->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    m_list->blockSignals(false);
    setContext(context());
}

void ComparePanel::refresh()
{
    const BitLabContext& c = context();
    m_rows.clear();
    auto* page = new QWidget;
    auto* grid = new QGridLayout(page);
    grid->setHorizontalSpacing(14);
    auto* title = new QLabel(tr("<b>%1</b> stored in each format, rounding %2%3")
                                 .arg(shortValue(c.value), QString::fromStdString(c.rounding.name()),
                                      c.saturate ? tr(", saturating") : QString()),
                             page);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title->setFont(big);
    grid->addWidget(title, 0, 0, 1, 6);
    const QStringList headers = {tr("Format"), tr("Bits"), tr("Stored value"), tr("Error"), tr("Relative"), QString()};
    for (int i = 0; i < headers.size(); ++i)
        grid->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(headers[i]), page), 1, i);

    // The format being edited first, then the ticked ones.
    std::vector<std::pair<QString, NumberFormat>> formats;
    formats.emplace_back(tr("%1 (editing)").arg(displayName(c.format)), c.format);
    for (const QString& spec : checkedSpecs())
        if (spec != displayName(c.format))
            formats.emplace_back(spec, parseFormat(spec.toStdString()));

    int r = 2;
    for (const auto& [name, format] : formats) {
        const EncodeOutcome e = encodeValue(format, c.value, c.rounding, c.saturate);
        m_rows.push_back({name, e.code, e.value, e.overflow, e.underflow});
        auto* label = new QLabel(name, page);
        label->setToolTip(tr("The number format of this row."));
        auto* row = new BitRowWidget(page);
        row->setReadOnly(true);
        row->setCompact(true);
        row->setFormat(format);
        row->setCode(e.code);
        row->setToolTip(tr("The bits of the stored value (sign, exponent, mantissa coloured)."));
        row->setMinimumWidth(int(totalBits(format) * 7));
        auto* stored = new QLabel(shortValue(e.value), page);
        stored->setToolTip(exactDecimalText(format, e.code));
        stored->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QString abs = QStringLiteral("–"), rel = QStringLiteral("–");
        if (std::isfinite(e.value) && std::isfinite(c.value)) {
            const double d = double(static_cast<long double>(e.value) - static_cast<long double>(c.value));
            abs = QString::number(d, 'g', 4);
            rel = c.value != 0 ? QString::number(std::fabs(d / c.value), 'g', 3) : QStringLiteral("0");
        }
        QString note;
        if (e.overflow)
            note = tr("<b style='color:#D55E00'>overflow</b>");
        else if (e.underflow)
            note = e.value == 0 ? tr("<b style='color:#0072B2'>underflow to 0</b>")
                                : tr("<b style='color:#0072B2'>subnormal</b>");
        else if (!e.inexact)
            note = tr("exact");
        grid->addWidget(label, r, 0);
        grid->addWidget(row, r, 1);
        grid->addWidget(stored, r, 2);
        grid->addWidget(new QLabel(abs, page), r, 3);
        grid->addWidget(new QLabel(rel, page), r, 4);
        grid->addWidget(new QLabel(note, page), r, 5);
        ++r;
    }
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(r, 1);
    delete m_scroll->takeWidget();
    m_scroll->setWidget(page);
}

} // namespace qs
