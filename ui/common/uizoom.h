#pragma once
// One zoom factor for the whole interface (docs/explorer.md, "Zoom, presentation
// and full screen"). The application font is the start-up font times the
// factor; a widget that chose a font of its own size (a larger value, a step
// title) keeps its proportion, because every explicitly sized font is scaled by
// the same ratio when the factor changes. Plots read the factor for their
// fonts, pens and markers (FigureStyle::scale, stylePlot) and redraw on
// changed(). Ctrl+= / Ctrl+− / Ctrl+0 set it; F5 is a preset of it.
#include <QFont>
#include <QObject>

#include <functional>

class QCustomPlot;
class QWidget;

namespace qs {

class UiZoom : public QObject
{
    Q_OBJECT
public:
    static constexpr double kMin = 0.75;
    static constexpr double kMax = 2.5;

    static UiZoom* instance();
    // The current factor (1 = the font the application started with).
    static double factor();
    // Clamped to [kMin, kMax]; rescales the application font and every widget's own font size.
    void setFactor(double factor);
    // The next factor up or down the ladder 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.25, 2.5.
    static double stepUp(double factor);
    static double stepDown(double factor);
    // F5's preset for a window `width` pixels wide: as large as still fits
    // every view (1.75 from 1600 px, 1.5 from 1280 px, 1.25 below).
    static double presentationFactor(int width);

signals:
    void changed(double factor);

private:
    UiZoom();
    QFont m_base;
    double m_factor = 1.0;
};

// A pixel size (pen width, marker, cell) at the current zoom.
inline double zoomed(double pixels)
{
    return pixels * UiZoom::factor();
}

// Wheel zoom, drag pan and double-click reset on a plot (both axes of every
// axis rect). `reset` restores the figure's own ranges (empty: rescale to the data).
void enablePlotNavigation(QCustomPlot* plot, std::function<void()> reset = {});

// A plot that is not an explorer figure (Model Lab, Bit Lab number line)
// follows the zoom: axis, legend and title fonts at `points` × zoom, every
// plottable's pen width and marker size at the width it was given × zoom.
void followZoom(QCustomPlot* plot, double points);

} // namespace qs
