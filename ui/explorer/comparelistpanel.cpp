#include "explorer/comparelistpanel.h"

#include "formats/error.h"
#include "session/session.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace qs {

CompareListPanel::CompareListPanel(Session* session, QWidget* parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("compareListPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* title = new QLabel(tr("<b>Compared quantizers</b>"), this);
    title->setToolTip(tr("The quantizers the Compare plot runs on the same data after the current settings."));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("compareList"));
    m_list->setToolTip(tr("One quantizer per row, compared in this order after the current settings (the first "
                          "row of the table)."));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    m_spec = new QLineEdit(this);
    m_spec->setObjectName(QStringLiteral("compareSpec"));
    m_spec->setPlaceholderText(tr("e.g. int4 channel:0"));
    m_spec->setToolTip(tr("A quantizer (int8, fp8-e4m3, nf4, mxfp4, int4 …) and optionally a granularity "
                          "(tensor, channel:AXIS, block:SIZE, auto); Enter adds it."));
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName(QStringLiteral("compareAdd"));
    m_add->setToolTip(tr("Add the typed quantizer at the end of the list."));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("compareRemove"));
    m_remove->setToolTip(tr("Remove the selected quantizer from the comparison."));
    m_up = new QPushButton(tr("Up"), this);
    m_up->setObjectName(QStringLiteral("compareUp"));
    m_up->setToolTip(tr("Move the selected quantizer one row up (rows of the plot follow this order)."));
    m_down = new QPushButton(tr("Down"), this);
    m_down->setObjectName(QStringLiteral("compareDown"));
    m_down->setToolTip(tr("Move the selected quantizer one row down."));
    m_reset = new QPushButton(tr("Default"), this);
    m_reset->setObjectName(QStringLiteral("compareReset"));
    m_reset->setToolTip(tr("Back to int8, FP8-E4M3, NF4, MXFP4 and int4 per channel (per block of 32 for 1-d data)."));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c00000"));
    m_message->setToolTip(tr("Why the last typed entry was refused."));

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_spec, 1);
    addRow->addWidget(m_add);
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_up, 0, 0);
    buttons->addWidget(m_down, 0, 1);
    buttons->addWidget(m_remove, 1, 0);
    buttons->addWidget(m_reset, 1, 1);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addLayout(addRow);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_add, &QPushButton::clicked, this, [this] { addEntry(m_spec->text()); });
    connect(m_spec, &QLineEdit::returnPressed, this, [this] { addEntry(m_spec->text()); });
    connect(m_remove, &QPushButton::clicked, this, &CompareListPanel::removeSelected);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_reset, &QPushButton::clicked, this, &CompareListPanel::resetToDefault);
    connect(m_spec, &QLineEdit::textEdited, m_message, &QLabel::clear);
    connect(m_session, &Session::viewChanged, this, &CompareListPanel::syncFromSession);
    syncFromSession();
}

bool CompareListPanel::addEntry(const QString& text, QString* error)
{
    CompareEntry entry;
    try {
        entry = CompareEntry::parse(text);
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        showMessage(message);
        if (error)
            *error = message;
        return false;
    }
    std::vector<CompareEntry> list = m_session->view().compare;
    list.push_back(entry);
    showMessage({});
    m_spec->clear();
    setList(list, tr("Compare %1").arg(entry.toString()), int(list.size()) - 1);
    return true;
}

void CompareListPanel::removeSelected()
{
    const int row = m_list->currentRow();
    std::vector<CompareEntry> list = m_session->view().compare;
    if (row < 0 || row >= int(list.size()))
        return;
    const QString name = list[std::size_t(row)].toString();
    list.erase(list.begin() + row);
    setList(list, tr("Stop comparing %1").arg(name), std::min(row, int(list.size()) - 1));
}

void CompareListPanel::moveSelected(int delta)
{
    const int row = m_list->currentRow();
    const int to = row + delta;
    std::vector<CompareEntry> list = m_session->view().compare;
    if (row < 0 || to < 0 || to >= int(list.size()))
        return;
    std::swap(list[std::size_t(row)], list[std::size_t(to)]);
    setList(list, tr("Reorder compared quantizers"), to);
}

void CompareListPanel::resetToDefault()
{
    setList(defaultCompareList(), tr("Default compared quantizers"), -1);
}

void CompareListPanel::setList(const std::vector<CompareEntry>& list, const QString& undoText, int select)
{
    ViewState v = m_session->view();
    v.compare = list;
    m_session->setView(v, undoText); // viewChanged refills the list widget
    if (select >= 0 && select < m_list->count())
        m_list->setCurrentRow(select);
}

void CompareListPanel::syncFromSession()
{
    const std::vector<CompareEntry>& list = m_session->view().compare;
    const int row = m_list->currentRow();
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const CompareEntry& e : list) {
        auto* item = new QListWidgetItem(e.toString(), m_list);
        item->setToolTip(
            e.granularity == QLatin1String("auto")
                ? tr("%1, per channel (axis 0) for matrices, per block of 32 for 1-d data").arg(e.quantizer)
            : e.granularity.isEmpty()
                ? tr("%1 with its own grouping (per tensor; blocks for NF4 and the MX formats)").arg(e.quantizer)
                : tr("%1 with granularity %2").arg(e.quantizer, e.granularity));
    }
    m_list->setCurrentRow(std::min(row, m_list->count() - 1));
}

void CompareListPanel::showMessage(const QString& text)
{
    m_message->setText(text);
}

} // namespace qs
