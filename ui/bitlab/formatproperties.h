#pragma once
// The live properties of the designed format (range, smallest normal and
// subnormal, epsilon, decimal digits, finite count), and for fixed point and
// integers a comparison with a float of the same width (docs/course.md: fixed
// point has too little range, which is why floats exist).
#include "formats/numberformat.h"

#include <QWidget>

class QLabel;

namespace qs {

class FormatProperties : public QWidget
{
    Q_OBJECT
public:
    explicit FormatProperties(QWidget* parent = nullptr);
    void setFormat(const NumberFormat& format);
    QString text() const; // the shown properties as plain text (tests)

    // The float of the same total width that the fixed-vs-float comparison uses.
    static FloatFormat floatOfSameWidth(int bits);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitHeight(); // the whole table in view at the label's width and font
    QLabel* m_label = nullptr;
};

} // namespace qs
