#include "explorer/uibenchmark.h"

#include "explorer/explorerview.h"
#include "mainwindow/mainwindow.h"
#include "session/engine.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace qs {

QString UiBenchmarkResult::text() const
{
    return QStringLiteral("values            %1\n"
                          "control changes   %2\n"
                          "latency median    %3 ms (change -> exact figure painted)\n"
                          "latency p90       %4 ms\n"
                          "latency max       %5 ms\n"
                          "first figure      %8 ms median, %9 ms p90, %10 ms max (change -> first painted update;"
                          " %11 of the changes showed a preview first)\n"
                          "exact computed    %12 ms median (change -> exact result delivered to the GUI thread)\n"
                          "GUI thread block  %6 ms (longest gap of a 1 ms timer)\n"
                          "start-up          %7 ms (process start -> first painted figure)\n")
        .arg(n)
        .arg(changes)
        .arg(medianMs, 0, 'f', 1)
        .arg(p90Ms, 0, 'f', 1)
        .arg(maxMs, 0, 'f', 1)
        .arg(maxGuiBlockMs, 0, 'f', 1)
        .arg(startupMs, 0, 'f', 0)
        .arg(firstMedianMs, 0, 'f', 1)
        .arg(firstP90Ms, 0, 'f', 1)
        .arg(firstMaxMs, 0, 'f', 1)
        .arg(previews)
        .arg(computeMedianMs, 0, 'f', 1);
}

QString UiBenchmarkResult::json() const
{
    QJsonObject o;
    o["n"] = n;
    o["changes"] = changes;
    o["latency_median_ms"] = medianMs;
    o["latency_p90_ms"] = p90Ms;
    o["latency_max_ms"] = maxMs;
    o["gui_block_max_ms"] = maxGuiBlockMs;
    o["startup_ms"] = startupMs;
    o["first_figure_median_ms"] = firstMedianMs;
    o["first_figure_p90_ms"] = firstP90Ms;
    o["first_figure_max_ms"] = firstMaxMs;
    o["changes_with_preview"] = previews;
    o["exact_computed_median_ms"] = computeMedianMs;
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

UiBenchmarkResult runUiBenchmark(MainWindow& window, qint64 n, int changes, double startupMs)
{
    UiBenchmarkResult r;
    r.n = n;
    r.changes = changes;
    r.startupMs = startupMs;
    ExplorerView* ex = window.explorer();
    Session* s = ex->session();
    window.showView(QStringLiteral("histogram"));
    DataSource src;
    src.kind = DataSource::Kind::Generator;
    src.generator = QStringLiteral("outliers,n=%1,seed=3,std=0.02,p=0.0001,k=40").arg(n);
    s->setDataSource(src, QStringLiteral("bench data"));
    ex->waitForIdle(600000);

    bool shown = false; // the exact figure of this change is painted
    double firstMs = -1;
    bool sawPreview = false;
    QElapsedTimer t;
    QObject::connect(ex, &ExplorerView::figureShown, ex, [&](FigureKind) {
        if (firstMs < 0)
            firstMs = t.nsecsElapsed() / 1e6;
        if (ex->isShowingPreview())
            sawPreview = true;
        else
            shown = true;
    });
    double computedMs = -1;
    QObject::connect(ex->engine(), &Engine::finished, ex,
                     [&](const std::shared_ptr<const EngineOutput>&) { computedMs = t.nsecsElapsed() / 1e6; });
    QElapsedTimer tick;
    double maxGap = 0;
    QTimer timer;
    timer.setInterval(1);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        if (tick.isValid())
            maxGap = std::max(maxGap, tick.nsecsElapsed() / 1e6);
        tick.restart();
    });
    timer.start();
    std::vector<double> lat, first, computed;
    // Alternating edits a student makes: bit width, calibration method, percentile.
    for (int i = 0; i < changes; ++i) {
        QuantConfig c = s->config();
        // Every step really changes the config (an unchanged one is not recomputed).
        static const char* const calibrations[] = {"percentile:99.9", "percentile:99.99", "minmax"};
        if (i % 2 == 0)
            c.bits = c.bits == 8 ? 6 : 8;
        else
            c.calibration = CalibrationSpec::parse(calibrations[(i / 2) % 3]);
        shown = false;
        sawPreview = false;
        firstMs = -1;
        computedMs = -1;
        t.start();
        s->setConfig(c, QStringLiteral("bench"));
        while (!(shown && !ex->engine()->isBusy())) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            if (t.elapsed() > 120000) {
                std::fprintf(stderr, "quantscope --bench-ui: change %d: no replot after 120 s (shown %d, busy %d)\n", i,
                             int(shown), int(ex->engine()->isBusy()));
                break;
            }
        }
        lat.push_back(t.nsecsElapsed() / 1e6);
        first.push_back(firstMs < 0 ? lat.back() : firstMs);
        r.previews += sawPreview ? 1 : 0;
        if (computedMs >= 0)
            computed.push_back(computedMs);
    }
    timer.stop();
    std::sort(lat.begin(), lat.end());
    if (!lat.empty()) {
        r.medianMs = lat[lat.size() / 2];
        r.p90Ms = lat[std::min(lat.size() - 1, lat.size() * 9 / 10)];
        r.maxMs = lat.back();
    }
    std::sort(first.begin(), first.end());
    if (!first.empty()) {
        r.firstMedianMs = first[first.size() / 2];
        r.firstP90Ms = first[std::min(first.size() - 1, first.size() * 9 / 10)];
        r.firstMaxMs = first.back();
    }
    std::sort(computed.begin(), computed.end());
    if (!computed.empty())
        r.computeMedianMs = computed[computed.size() / 2];
    r.maxGuiBlockMs = maxGap;
    return r;
}

} // namespace qs
