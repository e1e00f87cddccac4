#pragma once
// `quantscope --bench-ui`: drives the real explorer offscreen and measures
// what a user feels. Latency runs from a control change (a session edit, as a
// panel makes it) to the finished replot of the histogram; the GUI block is
// the longest gap between ticks of a 1 ms timer on the GUI thread while the
// changes run. Start-up is measured by the caller (process start to the first
// painted figure) and passed in.
#include <QString>

namespace qs {

class MainWindow;

struct UiBenchmarkResult
{
    qint64 n = 0;
    int changes = 0;
    double medianMs = 0, p90Ms = 0, maxMs = 0; // change -> exact (full-pass) figure painted
    // change -> first updated figure painted (the subsample preview when the
    // data is large, else the exact figure itself)
    double firstMedianMs = 0, firstP90Ms = 0, firstMaxMs = 0;
    int previews = 0; // changes whose first figure was a preview
    // change -> the exact result delivered to the GUI thread (the worker's
    // part of the latency; the rest is building and painting the figure)
    double computeMedianMs = 0;
    double maxGuiBlockMs = 0;
    double startupMs = 0;
    QString text() const;
    QString json() const;
};

UiBenchmarkResult runUiBenchmark(MainWindow& window, qint64 n, int changes, double startupMs);

} // namespace qs
