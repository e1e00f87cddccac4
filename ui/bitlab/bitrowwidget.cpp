#include "bitlab/bitrowwidget.h"

#include "bitlab/formatinfo.h"
#include "common/uizoom.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStaticText>
#include <QTextOption>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

constexpr double kMargin = 6;

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool prefersDarkText(const QColor& c)
{
    // Relative luminance in the sRGB sense, close enough for choosing black or white.
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF() > 0.5;
}

} // namespace

BitRowWidget::BitRowWidget(QWidget* parent) : QWidget(parent), m_format(FloatFormat::fp32())
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("The bits of the number: click a bit to flip it, drag across bits to paint, "
                  "or use ←/→ and Space."));
    setAccessibleName(tr("Bit editor"));
    m_focusBit = bits() - 1;
}

int BitRowWidget::bits() const
{
    return totalBits(m_format);
}

void BitRowWidget::setFormat(const NumberFormat& format)
{
    m_format = format;
    m_code &= codeMask(m_format);
    m_focusBit = std::clamp(m_focusBit, 0, bits() - 1);
    m_hoverBit = -1;
    updateGeometry();
    update();
}

void BitRowWidget::setCode(std::uint64_t code)
{
    code &= codeMask(m_format);
    if (code == m_code)
        return;
    m_code = code;
    update();
}

void BitRowWidget::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    setFocusPolicy(readOnly ? Qt::NoFocus : Qt::StrongFocus);
    setCursor(readOnly ? Qt::ArrowCursor : Qt::PointingHandCursor);
    update();
}

void BitRowWidget::setCompact(bool compact)
{
    m_compact = compact;
    updateGeometry();
    update();
}

void BitRowWidget::setHighlight(std::optional<std::uint64_t> mask)
{
    m_highlight = mask;
    update();
}

void BitRowWidget::setShowFieldSummaries(bool show)
{
    m_showSummaries = show;
    updateGeometry();
    update();
}

double BitRowWidget::preferredCellWidth() const
{
    // Cells grow with the interface zoom; metrics() shrinks them to the width there is.
    if (m_compact)
        return zoomed(bits() > 16 ? 9 : 16);
    const int n = bits();
    return zoomed(n <= 8 ? 56 : n <= 16 ? 48 : n <= 32 ? 40 : 24);
}

BitRowWidget::Metrics BitRowWidget::metrics() const
{
    Metrics m;
    const int n = bits();
    int fieldChanges = 0;
    for (int k = n - 1; k > 0; --k)
        if (fieldOfBit(m_format, k) != fieldOfBit(m_format, k - 1))
            ++fieldChanges;
    m.gap = m_compact ? 1 : 2;
    m.fieldGap = m_compact ? 4 : 12;
    const double available = width() - 2 * kMargin - fieldChanges * m.fieldGap - (n - 1 - fieldChanges) * m.gap;
    m.cell = std::max(6.0, std::min(preferredCellWidth(), std::floor(available / n)));
    m.cellHeight = m_compact ? zoomed(20) : std::clamp(m.cell * 1.25, zoomed(34), zoomed(58));
    const double total = n * m.cell + fieldChanges * m.fieldGap + (n - 1 - fieldChanges) * m.gap;
    // Full rows are centred like a slide; compact rows sit in tables, left-aligned like text.
    m.left = m_compact ? kMargin : std::max(kMargin, (width() - total) / 2);
    m.top = m_compact ? 2 : fontMetrics().height() + 4;
    return m;
}

QRect BitRowWidget::cellRect(int bit) const
{
    const Metrics m = metrics();
    double x = m.left;
    for (int k = bits() - 1; k > bit; --k)
        x += m.cell + (fieldOfBit(m_format, k) != fieldOfBit(m_format, k - 1) ? m.fieldGap : m.gap);
    return QRectF(x, m.top, m.cell, m.cellHeight).toAlignedRect().adjusted(0, 0, -1, -1);
}

int BitRowWidget::bitAt(const QPoint& pos) const
{
    for (int k = 0; k < bits(); ++k)
        if (cellRect(k).contains(pos))
            return k;
    return -1;
}

QSize BitRowWidget::sizeHint() const
{
    const int n = bits();
    const double cell = preferredCellWidth();
    const int width = int(n * (cell + (m_compact ? 1 : 3)) + 3 * (m_compact ? 4 : 12) + 2 * kMargin);
    if (m_compact)
        return {width, int(zoomed(24))};
    const int line = fontMetrics().height();
    const double cellHeight = std::clamp(cell * 1.25, zoomed(34), zoomed(58));
    return {width, int(line + 4 + cellHeight + 10 + line * (m_showSummaries ? 2.4 : 1.2) + 6)};
}

QSize BitRowWidget::minimumSizeHint() const
{
    const QSize hint = sizeHint();
    return {int(bits() * 8 + 2 * kMargin), hint.height()};
}

QString BitRowWidget::fieldLabel(int firstBit, int lastBit) const
{
    const BitField field = fieldOfBit(m_format, firstBit);
    const int count = firstBit - lastBit + 1;
    if (field == BitField::Sign)
        return fieldName(field);
    return tr("%1 (%2)").arg(fieldName(field)).arg(count);
}

void BitRowWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Metrics m = metrics();
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const int n = bits();

    QFont digitFont = font();
    digitFont.setBold(true);
    digitFont.setPixelSize(std::max(8, int(std::min(m.cellHeight * 0.5, m.cell * 0.72))));
    QFont smallFont = font();
    smallFont.setPixelSize(std::max(7, int(std::min<double>(fontInfo().pixelSize() * 0.85, m.cell * 0.5))));

    for (int k = n - 1; k >= 0; --k) {
        const QRectF r = QRectF(cellRect(k)).adjusted(0.5, 0.5, 0.5, 0.5);
        const BitField field = fieldOfBit(m_format, k);
        const QColor c = fieldColor(field);
        const bool on = (m_code >> k) & 1;
        const bool emphasised = m_highlight && ((*m_highlight >> k) & 1);
        p.setOpacity(m_highlight && !emphasised ? 0.28 : 1.0);
        const QColor fill = on ? c : mix(c, base, 0.8);
        p.setPen(QPen(c.darker(on ? 130 : 110), 1.5));
        p.setBrush(fill);
        p.drawRoundedRect(r, 4, 4);
        if (k == m_hoverBit && !m_readOnly) {
            p.setBrush(QColor(255, 255, 255, 60));
            p.drawRoundedRect(r, 4, 4);
        }
        p.setFont(digitFont);
        p.setPen(on ? (prefersDarkText(c) ? Qt::black : Qt::white) : text);
        p.drawText(r, Qt::AlignCenter, on ? QStringLiteral("1") : QStringLiteral("0"));
        if (emphasised) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(text, 3));
            p.drawRoundedRect(r.adjusted(-2, -2, 2, 2), 5, 5);
        }
        p.setOpacity(1.0);
        if (!m_compact && (m.cell >= 18 || k % 4 == 0)) {
            // Bit numbers above the cells: the position k is the power of two of the raw code.
            p.setFont(smallFont);
            QColor number = text;
            number.setAlphaF(0.6f); // quieter than the bits, readable on light and dark themes
            p.setPen(number);
            p.drawText(QRectF(r.left() - 6, 0, r.width() + 12, m.top - 2), Qt::AlignHCenter | Qt::AlignBottom,
                       QString::number(k));
        }
    }

    if (hasFocus() && m_focusBit >= 0 && !m_readOnly) {
        const QRectF r = QRectF(cellRect(m_focusBit)).adjusted(-3.5, -3.5, 3.5, 3.5);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(pal.color(QPalette::Highlight), 3, Qt::SolidLine));
        p.drawRoundedRect(r, 6, 6);
    }

    if (m_compact)
        return;

    // Field brackets, names and what each field says right now.
    const double bracketY = m.top + m.cellHeight + 5;
    const int line = fontMetrics().height();
    int hi = n - 1;
    while (hi >= 0) {
        int lo = hi;
        while (lo > 0 && fieldOfBit(m_format, lo - 1) == fieldOfBit(m_format, hi))
            --lo;
        const BitField field = fieldOfBit(m_format, hi);
        const QRectF left = cellRect(hi);
        const QRectF right = cellRect(lo);
        const double x0 = left.left(), x1 = right.right();
        p.setPen(QPen(fieldColor(field), 2));
        p.drawLine(QPointF(x0, bracketY), QPointF(x1, bracketY));
        p.drawLine(QPointF(x0, bracketY - 4), QPointF(x0, bracketY));
        p.drawLine(QPointF(x1, bracketY - 4), QPointF(x1, bracketY));
        const double cx = (x0 + x1) / 2;
        QFont labelFont = font();
        labelFont.setBold(true);
        p.setFont(labelFont);
        p.setPen(text);
        const QString label = fieldLabel(hi, lo);
        const double w = std::max(x1 - x0, QFontMetricsF(labelFont).horizontalAdvance(label) + 4);
        p.drawText(QRectF(cx - w / 2, bracketY + 2, w, line + 2), Qt::AlignCenter, label);
        if (m_showSummaries) {
            const QString summaryText = fieldSummary(m_format, m_code, field);
            QStaticText summary(summaryText);
            summary.setTextFormat(summaryText.contains(QLatin1Char('<')) ? Qt::RichText : Qt::PlainText);
            QTextOption noWrap;
            noWrap.setWrapMode(QTextOption::NoWrap); // "1.6000000000000001" must stay on one line
            summary.setTextOption(noWrap);
            p.setFont(font());
            p.setPen(pal.color(QPalette::Text));
            const QSizeF s = summary.size();
            p.drawStaticText(QPointF(cx - s.width() / 2, bracketY + line + 4), summary);
        }
        hi = lo - 1;
    }
}

void BitRowWidget::setBit(int bit, bool on)
{
    const std::uint64_t mask = std::uint64_t(1) << bit;
    const std::uint64_t code = on ? (m_code | mask) : (m_code & ~mask);
    if (code == m_code)
        return;
    m_code = code;
    update();
    emit codeEdited(m_code);
}

void BitRowWidget::mousePressEvent(QMouseEvent* event)
{
    if (m_readOnly || event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const int bit = bitAt(event->position().toPoint());
    if (bit < 0)
        return;
    m_focusBit = bit;
    const bool value = !((m_code >> bit) & 1);
    ++m_stroke;
    m_paintValue = value;
    setBit(bit, value);
    update();
}

void BitRowWidget::mouseMoveEvent(QMouseEvent* event)
{
    const int bit = bitAt(event->position().toPoint());
    if (bit != m_hoverBit) {
        m_hoverBit = bit;
        update();
    }
    if (m_readOnly || !m_paintValue || !(event->buttons() & Qt::LeftButton) || bit < 0)
        return;
    // Dragging paints the value the press chose, like a brush.
    m_focusBit = bit;
    setBit(bit, *m_paintValue);
}

void BitRowWidget::mouseReleaseEvent(QMouseEvent* event)
{
    m_paintValue.reset();
    QWidget::mouseReleaseEvent(event);
}

void BitRowWidget::leaveEvent(QEvent* event)
{
    m_hoverBit = -1;
    update();
    QWidget::leaveEvent(event);
}

void BitRowWidget::keyPressEvent(QKeyEvent* event)
{
    if (m_readOnly)
        return QWidget::keyPressEvent(event);
    const int n = bits();
    switch (event->key()) {
    case Qt::Key_Left: m_focusBit = std::min(n - 1, m_focusBit + 1); break;
    case Qt::Key_Right: m_focusBit = std::max(0, m_focusBit - 1); break;
    case Qt::Key_Home: m_focusBit = n - 1; break;
    case Qt::Key_End: m_focusBit = 0; break;
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter: setBit(m_focusBit, !((m_code >> m_focusBit) & 1)); break;
    case Qt::Key_0:
    case Qt::Key_1:
        // Typing a bit pattern: set this bit and move on to the next one.
        setBit(m_focusBit, event->key() == Qt::Key_1);
        m_focusBit = std::max(0, m_focusBit - 1);
        break;
    default: return QWidget::keyPressEvent(event);
    }
    update();
    event->accept();
}

void BitRowWidget::focusInEvent(QFocusEvent* event)
{
    if (m_focusBit < 0 || m_focusBit >= bits())
        m_focusBit = bits() - 1;
    update();
    QWidget::focusInEvent(event);
}

void BitRowWidget::focusOutEvent(QFocusEvent* event)
{
    update();
    QWidget::focusOutEvent(event);
}

bool BitRowWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int bit = bitAt(help->pos());
        if (bit >= 0) {
            QString tip = bitWeightText(m_format, bit);
            if (!m_readOnly)
                tip += tr("<br><i>Click to flip, drag to paint.</i>");
            QToolTip::showText(help->globalPos(), tip, this, cellRect(bit));
        } else {
            QToolTip::showText(help->globalPos(), toolTip(), this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace qs
