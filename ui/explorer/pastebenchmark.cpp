#include "explorer/pastebenchmark.h"

#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "mainwindow/mainwindow.h"
#include "session/engine.h"
#include "session/session.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace qs {

QString PasteBenchmarkResult::text() const
{
    return QStringLiteral("values            %1 on one line (%2 characters)\n"
                          "paste             %3 ms (Ctrl+V -> box updated), GUI thread block %4 ms\n"
                          "use -> applied    %5 ms (parsed on the worker, one undo step), GUI thread block %6 ms\n"
                          "applied -> figure %7 ms (exact figure of the new data painted), GUI thread block %8 ms\n"
                          "parsed values     %9\n"
                          "text box holds    %10 characters\n")
        .arg(n)
        .arg(characters)
        .arg(pasteMs, 0, 'f', 1)
        .arg(pasteBlockMs, 0, 'f', 1)
        .arg(parseMs, 0, 'f', 1)
        .arg(parseBlockMs, 0, 'f', 1)
        .arg(figureMs, 0, 'f', 1)
        .arg(figureBlockMs, 0, 'f', 1)
        .arg(parsedValues)
        .arg(boxCharacters);
}

QString PasteBenchmarkResult::json() const
{
    QJsonObject o;
    o["n"] = n;
    o["characters"] = characters;
    o["paste_ms"] = pasteMs;
    o["paste_gui_block_max_ms"] = pasteBlockMs;
    o["parse_ms"] = parseMs;
    o["parse_gui_block_max_ms"] = parseBlockMs;
    o["figure_ms"] = figureMs;
    o["figure_gui_block_max_ms"] = figureBlockMs;
    o["parsed_values"] = parsedValues;
    o["text_box_characters"] = boxCharacters;
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

    // One clock for the probe and the phase boundaries: a gap between two
    // ticks belongs to the phase it started in.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = -1;
    qint64 boundary = -1; // when the phase being measured ends (its last event ran)
    double gapBefore = 0, gapAfter = 0;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick >= 0) {
            const double gap = (now - lastTick) / 1e6;
            (boundary < 0 || lastTick < boundary ? gapBefore : gapAfter) =
                std::max(boundary < 0 || lastTick < boundary ? gapBefore : gapAfter, gap);
        }
        lastTick = now;
    });
    auto settle = [] { // a few more ticks: a gap ends only at the next one
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    };
    auto waitUntil = [](const std::function<bool()>& done) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < 600000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    };
    probe.start();
    settle();

    // Phase 1: Ctrl+V, from the event loop between two probe ticks.
    const QString before = box->toPlainText();
    gapBefore = 0;
    qint64 t0 = clock.nsecsElapsed();
    QTimer::singleShot(5, [box] {
        QKeyEvent ctrlV(QEvent::KeyPress, Qt::Key_V, Qt::ControlModifier);
        QApplication::sendEvent(box, &ctrlV);
    });
    waitUntil([&] { return box->toPlainText() != before; });
    r.pasteMs = (clock.nsecsElapsed() - t0) / 1e6 - 5;
    settle();
    r.pasteBlockMs = gapBefore;

    // Phase 2: "Use pasted values" -> parsed on the worker -> the new data applied;
    // phase 3: -> the exact figure of the new data painted.
    bool loaded = false;
    bool shown = false;
    const auto finished = QObject::connect(s, &Session::loadFinished, [&] {
        loaded = true;
        boundary = clock.nsecsElapsed();
    });
    const auto painted = QObject::connect(ex, &ExplorerView::figureShown,
                                          [&](FigureKind) { shown = loaded && !ex->isShowingPreview(); });
    gapBefore = gapAfter = 0;
    t0 = clock.nsecsElapsed();
    QTimer::singleShot(5, [use] { use->click(); });
    waitUntil([&] { return loaded; });
    r.parseMs = (boundary - t0) / 1e6 - 5;
    waitUntil([&] { return shown && !ex->engine()->isBusy(); });
    r.figureMs = (clock.nsecsElapsed() - boundary) / 1e6;
    settle();
    probe.stop();
    r.parseBlockMs = gapBefore;
    r.figureBlockMs = gapAfter;
    QObject::disconnect(finished);
    QObject::disconnect(painted);
    r.parsedValues = s->tensor().size();
    r.boxCharacters = box->toPlainText().size();
    return r;
}

} // namespace qs
