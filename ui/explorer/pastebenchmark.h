#pragma once
// `quantscope --bench-paste [--n N]`: pastes N comma-separated values on one
// line into the Data dock, as Ctrl+V does, then presses "Use pasted values"
// and waits for the exact figure. The GUI block is the longest gap between
// ticks of a 1 ms timer on the GUI thread in each phase (the event-loop
// latency a user feels; a gap belongs to the phase it started in); the wall
// times run from the action to the end of the phase.
#include <QString>

namespace qs {

class MainWindow;

struct PasteBenchmarkResult
{
    qint64 n = 0;
    qint64 characters = 0;
    double pasteMs = 0;       // Ctrl+V -> the box shows the text (or its preview)
    double pasteBlockMs = 0;  // longest GUI-thread gap during the paste
    double parseMs = 0;       // "Use pasted values" -> parsed on the worker, the new data applied
    double parseBlockMs = 0;  // longest GUI-thread gap during that
    double figureMs = 0;      // applied -> the exact figure of the new data painted
    double figureBlockMs = 0; // longest GUI-thread gap during that (drawing the figure, however the data came)
    qint64 parsedValues = 0;  // what the session holds afterwards
    int boxCharacters = 0;    // what the text box holds (the preview when the text is long)
    QString text() const;
    QString json() const;
};

PasteBenchmarkResult runPasteBenchmark(MainWindow& window, qint64 n);

} // namespace qs
