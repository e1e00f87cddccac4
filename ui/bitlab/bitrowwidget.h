#pragma once
// A row of bit cells for any number format: coloured by field, the weight of
// each bit on hover, click to flip, drag to paint, arrows + space to edit from
// the keyboard. Field names and what each field currently says are drawn under
// the cells, so an exported image of the row is a complete figure.
#include "formats/numberformat.h"

#include <QWidget>

#include <cstdint>
#include <optional>

namespace qs {

class BitRowWidget : public QWidget
{
    Q_OBJECT
public:
    explicit BitRowWidget(QWidget* parent = nullptr);

    void setFormat(const NumberFormat& format);
    const NumberFormat& format() const { return m_format; }
    void setCode(std::uint64_t code); // does not emit codeEdited
    std::uint64_t code() const { return m_code; }

    // Read-only rows (comparisons, MX elements) ignore mouse and keyboard and take no focus.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // Compact rows: small cells, no bit numbers, no field summaries.
    void setCompact(bool compact);
    // Emphasise the bits in `mask` and dim the others (the step-by-step view);
    // nullopt shows every bit normally.
    void setHighlight(std::optional<std::uint64_t> mask);
    std::optional<std::uint64_t> highlight() const { return m_highlight; }
    void setShowFieldSummaries(bool show);

    // Geometry of bit k (k = 0 is the least significant bit), for tests and tooltips.
    QRect cellRect(int bit) const;
    int bitAt(const QPoint& pos) const; // -1 when not on a cell
    int focusedBit() const { return m_focusBit; }
    // A mouse drag in progress (press to release) and the number of the current
    // stroke, so that the edits of one drag can become one undo step.
    bool isPainting() const { return m_paintValue.has_value(); }
    int stroke() const { return m_stroke; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void codeEdited(std::uint64_t code);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Metrics
    {
        double cell = 40; // cell width
        double cellHeight = 48;
        double gap = 2;       // between cells of one field
        double fieldGap = 12; // between fields
        double top = 0;       // y of the cells
        double left = 0;
    };
    Metrics metrics() const;
    double preferredCellWidth() const;
    int bits() const;
    void setBit(int bit, bool on);
    QString fieldLabel(int firstBit, int lastBit) const;

    NumberFormat m_format;
    std::uint64_t m_code = 0;
    bool m_readOnly = false;
    bool m_compact = false;
    bool m_showSummaries = true;
    std::optional<std::uint64_t> m_highlight;
    int m_focusBit = -1;
    int m_hoverBit = -1;
    std::optional<bool> m_paintValue; // the value a drag paints, set by the press
    int m_stroke = 0;                 // counts presses
};

} // namespace qs
