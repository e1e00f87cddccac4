#include "explorer/tensorpicker.h"

#include "io/tensorsource.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QPainter>
#include <QStyledItemDelegate>

namespace qs {

namespace {

QString shapeText(const Shape& shape)
{
    QStringList dims;
    for (const auto d : shape)
        dims << QString::number(d);
    return dims.isEmpty() ? QStringLiteral("scalar") : dims.join(QChar(0x00D7));
}

// Draws the name as usual and the detail (shape · dtype) right-aligned in the
// disabled text colour, elided first when the row is narrow.
class DetailDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const QString detail = index.data(TensorPicker::kDetailRole).toString();
        if (detail.isEmpty()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QFontMetrics fm(opt.font);
        const int pad = fm.horizontalAdvance(QLatin1Char(' ')) * 2;
        const int detailWidth = std::min(fm.horizontalAdvance(detail), opt.rect.width() / 2);
        QStyleOptionViewItem nameOpt = opt;
        nameOpt.rect.setRight(opt.rect.right() - detailWidth - pad);
        QStyledItemDelegate::paint(painter, nameOpt, index);
        // The detail on the background the name's paint left (selection included).
        painter->save();
        const bool selected = opt.state & QStyle::State_Selected;
        painter->fillRect(QRect(nameOpt.rect.right() + 1, opt.rect.top(), opt.rect.right() - nameOpt.rect.right(),
                                opt.rect.height()),
                          selected ? opt.palette.highlight() : opt.palette.base());
        painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText)
                                 : opt.palette.color(QPalette::Disabled, QPalette::Text));
        painter->setFont(opt.font);
        const QRect detailRect(opt.rect.right() - detailWidth - pad / 2, opt.rect.top(), detailWidth, opt.rect.height());
        painter->drawText(detailRect, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(detail, Qt::ElideLeft, detailWidth));
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        const QString detail = index.data(TensorPicker::kDetailRole).toString();
        if (!detail.isEmpty())
            s.rwidth() += QFontMetrics(option.font).horizontalAdvance(detail + QStringLiteral("    "));
        return s;
    }
};

} // namespace

TensorPicker::TensorPicker(QWidget* parent) : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert); // typing searches, it never adds a tensor
    setMaxVisibleItems(20);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(12);
    view()->setItemDelegate(new DetailDelegate(view()));
    auto* finder = new QCompleter(model(), this);
    finder->setCaseSensitivity(Qt::CaseInsensitive);
    finder->setFilterMode(Qt::MatchContains);
    finder->setCompletionMode(QCompleter::PopupCompletion);
    finder->popup()->setItemDelegate(new DetailDelegate(finder->popup()));
    setCompleter(finder);
    lineEdit()->setPlaceholderText(tr("Type to search the tensors"));
    lineEdit()->setClearButtonEnabled(true);
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (index >= 0)
            emit tensorChosen(itemText(index));
    });
    connect(finder, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& name) {
        const int i = findText(name, Qt::MatchExactly);
        if (i >= 0) {
            setCurrentIndex(i);
            emit tensorChosen(name);
        }
    });
    connect(lineEdit(), &QLineEdit::editingFinished, this, &TensorPicker::chooseTyped);
}

void TensorPicker::setListing(const FileListing& listing, const QString& current)
{
    clear();
    for (const TensorListing& t : listing.tensors) {
        addItem(QString::fromStdString(t.name));
        const int row = count() - 1;
        QString detail = shapeText(t.shape) + QStringLiteral(" · ") + QString::fromStdString(t.dtype);
        setItemData(row, detail, kDetailRole);
        QString tip = QString::fromStdString(t.name) + QLatin1Char('\n') + detail;
        if (!t.refusal.empty())
            tip += QLatin1Char('\n') + QString::fromStdString(t.refusal);
        setItemData(row, tip, Qt::ToolTipRole);
    }
    setCurrentIndex(std::max(0, findText(current, Qt::MatchExactly)));
    setEnabled(count() > 1);
}

void TensorPicker::clearListing()
{
    clear();
    setEnabled(false);
}

QString TensorPicker::detailOf(int index) const
{
    return itemData(index, kDetailRole).toString();
}

void TensorPicker::chooseTyped()
{
    // A typed name that is not a tensor: show the current one again.
    const int i = findText(currentText(), Qt::MatchExactly);
    if (i < 0 && count() > 0)
        setEditText(itemText(std::max(0, currentIndex())));
}

} // namespace qs
