#pragma once
// Sub-tab "Number line": the representable values of the current format (and
// of chosen comparison formats) on a log axis with both signs, the current
// value and its rounding interval marked. On the log axis every binade is
// equally wide and holds the same 2^M values; the linear axis shows the
// density doubling toward zero (docs/course.md "Standard figures" 11).
#include "bitlab/bitlabpanel.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;

namespace qs {

class NumberLinePanel : public BitLabPanel
{
    Q_OBJECT
public:
    explicit NumberLinePanel(QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    bool logScale() const;
    void setLogScale(bool on);
    void setComparisonSpecs(const QStringList& specs);

    // The finite values the plot draws for a format (all of them up to 16 bits,
    // otherwise the neighbourhood of `around`), sorted, one zero.
    static std::vector<double> representableValues(const NumberFormat& format, std::uint64_t around,
                                                   std::size_t limit = 4096);
    // The interval of real numbers that round to `code` under `rounding`.
    static std::pair<double, double> roundingInterval(const NumberFormat& format, std::uint64_t code,
                                                      const Rounding& rounding);

protected:
    void refresh() override;

private:
    double axisCoordinate(double v) const;

    QCustomPlot* m_plot = nullptr;
    QComboBox* m_scale = nullptr;
    QList<QCheckBox*> m_compare;
    QLabel* m_note = nullptr;
    double m_logFloor = -10; // log2 of the smallest magnitude drawn on the log axis
};

} // namespace qs
