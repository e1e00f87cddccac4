#pragma once
// The Metrics panel's rich-text label. A word-wrapped QLabel answers every
// heightForWidth() by laying its whole document out again, and one change of
// the text makes the dock's layouts ask several times for the same widths
// (measured: a fifth of the GUI thread's time per explorer update went into
// QTextDocument layout). This label remembers the answers for its current
// text and font, so each distinct width is laid out once per text.
#include <QEvent>
#include <QHash>
#include <QLabel>

namespace qs {

class MetricsLabel : public QLabel
{
    Q_OBJECT
public:
    explicit MetricsLabel(QWidget* parent = nullptr) : QLabel(parent) {}

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
    void changeEvent(QEvent* e) override
    {
        if (e->type() == QEvent::FontChange || e->type() == QEvent::StyleChange)
            m_heights.clear();
        QLabel::changeEvent(e);
    }

private:
    mutable QString m_cachedText;
    mutable QHash<int, int> m_heights;
};

} // namespace qs
