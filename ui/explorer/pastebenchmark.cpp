#include "explorer/pastebenchmark.h"

#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/autosave.h"
#include "mainwindow/mainwindow.h"
#include "session/engine.h"
#include "session/session.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <functional>

namespace qs {

namespace {

// CPU time of the calling thread in ns (0 where the clock is missing).
qint64 threadCpuNs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
        return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
#endif
    return 0;
}

} // namespace

QString PasteBenchmarkResult::text() const
{
    QString out = QStringLiteral("values    %1 on one line (%2 characters); parsed %3, the text box holds %4\n")
                      .arg(n)
                      .arg(characters)
                      .arg(parsedValues)
                      .arg(boxCharacters);
    out += QStringLiteral("phase          time ms   GUI block ms   GUI busy ms\n");
    for (const PastePhase& p : phases)
        out += QStringLiteral("%1 %2 %3 %4   %5\n")
                   .arg(p.name, -10)
                   .arg(p.ms, 11, 'f', 1)
                   .arg(p.blockMs, 14, 'f', 1)
                   .arg(p.busyMs, 13, 'f', 1)
                   .arg(p.meaning);
    return out;
}

QString PasteBenchmarkResult::json() const
{
    QJsonObject o;
    o["n"] = n;
    o["characters"] = characters;
    o["parsed_values"] = parsedValues;
    o["text_box_characters"] = boxCharacters;
    QJsonArray list;
    for (const PastePhase& p : phases)
        list.append(QJsonObject{
            {"phase", p.name}, {"ms", p.ms}, {"gui_block_max_ms", p.blockMs}, {"gui_busy_max_ms", p.busyMs}});
    o["phases"] = list;
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

PasteBenchmarkResult runPasteBenchmark(MainWindow& window, qint64 n)
{
    PasteBenchmarkResult r;
    r.n = n;
    ExplorerView* ex = window.explorer();
    Session* s = ex->session();
    auto* box = ex->dataPanel()->findChild<QPlainTextEdit*>(QStringLiteral("pasteValues"));
    auto* use = ex->dataPanel()->findChild<QPushButton*>(QStringLiteral("usePasted"));
    if (!box || !use)
        return r;
    // Weights as a spreadsheet column copied across, "0.01234, -0.004567, ...":
    // roughly normal (σ = 0.02, the sum of four uniforms of a fixed LCG), with
    // 4 to 7 significant digits.
    QString text;
    text.reserve(n * 11);
    quint64 state = 1;
    auto uniform = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(state >> 11) * 0x1.0p-53;
    };
    for (qint64 i = 0; i < n; ++i) {
        if (i)
            text += QStringLiteral(", ");
        const double sum = uniform() + uniform() + uniform() + uniform() - 2.0; // variance 1/3
        text += QString::number(0.02 * sum * 1.7320508, 'g', 4 + int(i % 4));
    }
    r.characters = text.size();
    QApplication::clipboard()->setText(text);
    box->setFocus();

    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> starts; // phase k runs from starts[k] to starts[k + 1]
    auto begin = [&](const QString& name, const QString& meaning) {
        starts.push_back(clock.nsecsElapsed());
        r.phases.push_back({name, meaning});
        return starts.back();
    };
    qint64 lastTick = -1, lastCpu = 0;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed(), cpu = threadCpuNs();
        for (std::size_t k = starts.size(); lastTick >= 0 && k-- > 0;)
            if (starts[k] <= lastTick) {
                PastePhase& p = r.phases[k];
                p.blockMs = std::max(p.blockMs, (now - lastTick) / 1e6);
                p.busyMs = std::max(p.busyMs, (cpu - lastCpu) / 1e6);
                break;
            }
        lastTick = now;
        lastCpu = cpu;
    });
    auto waitUntil = [](const std::function<bool()>& done) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < 600000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    };
    auto pause = [&](int ms) {
        const qint64 until = clock.nsecsElapsed() + qint64(ms) * 1000000;
        waitUntil([&] { return clock.nsecsElapsed() >= until; });
    };
    // The app autosaves unsaved work a moment after a change; so does this run
    // (its file is removed at the end).
    window.actions()->enableAutosave();
    bool autosaved = false, loaded = false, shown = false;
    qint64 loadedAt = 0;
    const auto written =
        QObject::connect(window.actions()->autosaver(), &Autosaver::written, [&autosaved] { autosaved = true; });
    const auto finished = QObject::connect(s, &Session::loadFinished, [&] {
        loaded = true;
        loadedAt = begin(QStringLiteral("figure"), QStringLiteral("applied -> the exact figure painted"));
    });
    const auto painted = QObject::connect(ex, &ExplorerView::figureShown,
                                          [&](FigureKind) { shown = loaded && !ex->isShowingPreview(); });
    probe.start();

    begin(QStringLiteral("idle"), QStringLiteral("nothing happens: the probe's floor on this machine"));
    pause(300);
    r.phases.back().ms = 300;

    const QString before = box->toPlainText();
    qint64 t0 = begin(QStringLiteral("paste"), QStringLiteral("Ctrl+V -> the text box updated"));
    QTimer::singleShot(5, [box] { // from the event loop, between two probe ticks
        QKeyEvent ctrlV(QEvent::KeyPress, Qt::Key_V, Qt::ControlModifier);
        QApplication::sendEvent(box, &ctrlV);
    });
    waitUntil([&] { return box->toPlainText() != before; });
    r.phases.back().ms = (clock.nsecsElapsed() - t0) / 1e6 - 5;
    pause(50);

    t0 = begin(QStringLiteral("parse"), QStringLiteral("\"Use\" -> parsed on the worker, one undo step applied"));
    QTimer::singleShot(5, [use] { use->click(); });
    waitUntil([&] { return loaded; });
    r.phases[2].ms = (loadedAt - t0) / 1e6 - 5;
    waitUntil([&] { return shown && !ex->engine()->isBusy(); });
    const qint64 figureAt =
        begin(QStringLiteral("autosave"), QStringLiteral("-> the session written on the writer thread"));
    r.phases[3].ms = (figureAt - loadedAt) / 1e6;
    waitUntil([&] { return autosaved; });
    r.phases[4].ms = (clock.nsecsElapsed() - figureAt) / 1e6;
    starts.push_back(clock.nsecsElapsed()); // a gap still open belongs to the autosave phase
    pause(50);
    probe.stop();
    QObject::disconnect(finished);
    QObject::disconnect(painted);
    QObject::disconnect(written);
    window.actions()->removeAutosave();
    r.phases.resize(5);
    r.parsedValues = s->tensor().size();
    r.boxCharacters = box->toPlainText().size();
    return r;
}

} // namespace qs
