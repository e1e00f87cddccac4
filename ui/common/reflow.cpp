#include "common/reflow.h"

#include <QBoxLayout>
#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <algorithm>

namespace qs {

namespace {

class FitColumns : public QObject
{
public:
    explicit FitColumns(QTableView* table) : QObject(table), m_table(table) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_table && (event->type() == QEvent::Resize || event->type() == QEvent::FontChange ||
                                   event->type() == QEvent::Show))
            QTimer::singleShot(0, this, [this] { fit(); });
        return false;
    }

private:
    void fit()
    {
        QHeaderView* h = m_table->horizontalHeader();
        // Measured once (a ResizeToContents mode would re-measure every row at every new cell).
        h->setSectionResizeMode(QHeaderView::Interactive);
        m_table->resizeColumnsToContents();
        int natural = 0;
        for (int c = 0; c < h->count(); ++c)
            natural += h->sectionSize(c);
        if (natural > m_table->viewport()->width())
            h->setSectionResizeMode(QHeaderView::Stretch);
        m_table->resizeRowsToContents();
    }
    QTableView* m_table;
};

} // namespace

void fitColumnsToWidth(QTableView* table)
{
    table->setWordWrap(true);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->installEventFilter(new FitColumns(table));
}

void reflowBox(QBoxLayout* layout, int available)
{
    if (!layout)
        return;
    int need = layout->contentsMargins().left() + layout->contentsMargins().right();
    int items = 0;
    for (int i = 0; i < layout->count(); ++i) {
        QLayoutItem* item = layout->itemAt(i);
        if (item->isEmpty())
            continue;
        need += item->minimumSize().width();
        ++items;
    }
    need += std::max(0, items - 1) * std::max(0, layout->spacing());
    const auto direction = need <= available ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (layout->direction() != direction)
        layout->setDirection(direction);
}

} // namespace qs
