#pragma once
// `quantscope --bench-paste [--n N]`: pastes N comma-separated values on one
// line into the Data dock, as Ctrl+V does, presses "Use pasted values" and
// waits for the exact figure and the autosave. A 1 ms timer on the GUI thread
// probes the event loop: per phase, "block" is the longest gap between two of
// its ticks (the latency a user feels, which on a busy machine includes time
// the thread waited for a core) and "busy" the most CPU time the GUI thread
// itself used within one gap (its own work, whatever the load). A gap belongs
// to the phase it started in; a phase's time runs from its action to its end.
#include <QString>

#include <vector>

namespace qs {

class MainWindow;

struct PastePhase
{
    QString name;
    QString meaning;
    double ms = 0;
    double blockMs = 0;
    double busyMs = 0;
};

struct PasteBenchmarkResult
{
    qint64 n = 0;
    qint64 characters = 0;
    // idle (nothing happens: the probe's floor), paste (Ctrl+V -> box updated),
    // parse ("Use" -> parsed on the worker, applied), figure (-> exact figure
    // painted), autosave (-> session written by the writer thread)
    std::vector<PastePhase> phases;
    qint64 parsedValues = 0; // what the session holds afterwards
    int boxCharacters = 0;   // what the text box holds (the preview when the text is long)
    QString text() const;
    QString json() const;
};

PasteBenchmarkResult runPasteBenchmark(MainWindow& window, qint64 n);

} // namespace qs
