#pragma once
// The Metrics panel's rich-text label. A word-wrapped QLabel answers every
// heightForWidth() by laying its whole document out again, and one change of
// the text makes the dock's layouts ask several times for the same widths
// (measured: a fifth of the GUI thread's time per explorer update went into
// QTextDocument layout). This label remembers the answers for its current
// text and font, so each distinct width is laid out once per text.
//
// It also shows the meaning of a metric's name when the mouse is over it: the
// names are "tip:" links (metricsHtml), since QLabel ignores title attributes.
#include "explorer/formula.h"

#include <QCursor>
#include <QEvent>
#include <QHash>
#include <QHelpEvent>
#include <QLabel>
#include <QToolTip>

namespace qs {

class MetricsLabel : public QLabel
{
    Q_OBJECT
public:
    explicit MetricsLabel(QWidget* parent = nullptr) : QLabel(parent)
    {
        connect(this, &QLabel::linkHovered, this, &MetricsLabel::showLinkTip);
    }

    // The tip of the name under the mouse (empty when none).
    QString hoveredTip() const { return metricTipFromHref(m_hoveredLink); }

    int heightForWidth(int width) const override
    {
        if (text() != m_cachedText) {
            m_heights.clear();
            m_cachedText = text();
        }
        auto it = m_heights.constFind(width);
        if (it != m_heights.constEnd())
            return *it;
        const int h = QLabel::heightForWidth(width);
        m_heights.insert(width, h);
        return h;
    }

protected:
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::Leave)
            m_hoveredLink.clear(); // no linkHovered("") comes when the mouse leaves from a name
        // The label's own tooltip (what the panel is) everywhere but on a name.
        if (e->type() == QEvent::ToolTip && !hoveredTip().isEmpty()) {
            QToolTip::showText(static_cast<QHelpEvent*>(e)->globalPos(), hoveredTip(), this);
            return true;
        }
        return QLabel::event(e);
    }

    void changeEvent(QEvent* e) override
    {
        if (e->type() == QEvent::FontChange || e->type() == QEvent::StyleChange)
            m_heights.clear();
        QLabel::changeEvent(e);
    }

private:
    void showLinkTip(const QString& href)
    {
        m_hoveredLink = href;
        if (!hoveredTip().isEmpty())
            QToolTip::showText(QCursor::pos(), hoveredTip(), this);
        else
            QToolTip::hideText();
    }

    QString m_hoveredLink;
    mutable QString m_cachedText;
    mutable QHash<int, int> m_heights;
};

} // namespace qs
