// quantscope: the GUI. Parses its few options and shows the main window.
//   quantscope [FILE] [--session FILE.qscope] [--screenshot FILE.png [--view NAME] [--size WxH]]
//   quantscope --bench-ui [--n N] [--json]
#include "explorer/explorerview.h"
#include "explorer/uibenchmark.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/screenshot.h"
#include "session/session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>

#include <cstdio>

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    // The benchmark always runs offscreen, whatever the desktop.
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--bench-ui") == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Quantscope"));
    QApplication::setOrganizationName(QStringLiteral("Quantscope"));
    QApplication::setApplicationVersion(QStringLiteral(QT_STRINGIFY(QUANTSCOPE_VERSION)));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Teach and explore neural-network quantization."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the main window to FILE (PNG) and exit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("The view to bring to the front (explorer, a plot name, formats...)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot, WxH."),
                                  QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption session(QStringLiteral("session"), QStringLiteral("Open a .qscope session."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption benchUi(QStringLiteral("bench-ui"),
                                     QStringLiteral("Measure control-change latency, GUI blocking and start-up."));
    const QCommandLineOption benchN(QStringLiteral("n"), QStringLiteral("Values for --bench-ui (default 1000000)."),
                                    QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("--bench-ui: print JSON."));
    const QCommandLineOption presentation(QStringLiteral("presentation"),
                                          QStringLiteral("Start in presentation mode."));
    parser.addOptions({screenshot, view, size, session, benchUi, benchN, json, presentation});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A .qscope session or a tensor file."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    qs::MainWindow window;
    const bool headless = parser.isSet(screenshot) || parser.isSet(benchUi);
    if (parser.isSet(session)) {
        QString error;
        if (!window.explorer()->session()->open(parser.value(session), &error)) {
            std::fprintf(stderr, "quantscope: %s\n", qPrintable(error));
            return 2;
        }
    } else if (!parser.positionalArguments().isEmpty()) {
        window.actions()->openAny(parser.positionalArguments().constFirst());
    } else if (!headless) {
        window.actions()->restoreAutosave();
    }
    if (parser.isSet(view) && !window.showView(parser.value(view))) {
        std::fprintf(stderr, "quantscope: unknown view '%s' (views: %s)\n", qPrintable(parser.value(view)),
                     qPrintable(window.viewNames().join(QStringLiteral(", "))));
        return 2;
    }
    if (parser.isSet(presentation))
        window.actions()->presentationAction()->trigger();

    if (parser.isSet(benchUi)) {
        bool ok = false;
        const qint64 n = parser.value(benchN).toLongLong(&ok);
        if (!ok || n < 1 || n > (qint64(1) << 28)) {
            std::fprintf(stderr, "quantscope: --n must be an integer in 1..2^28\n");
            return 2;
        }
        window.resize(1600, 1000);
        window.show();
        window.explorer()->waitForIdle(600000);
        QApplication::processEvents();
        const double startup = sinceStart.nsecsElapsed() / 1e6;
        const qs::UiBenchmarkResult r = qs::runUiBenchmark(window, n, 50, startup);
        std::fputs(qPrintable(parser.isSet(json) ? r.json() : r.text()), stdout);
        return 0;
    }
    if (parser.isSet(screenshot)) {
        const QSize s = qs::parseSize(parser.value(size));
        if (!s.isValid()) {
            std::fprintf(stderr, "quantscope: --size '%s' is not WxH between 100 and 10000\n",
                         qPrintable(parser.value(size)));
            return 2;
        }
        window.resize(s);
        window.show();
        // The figures are computed on worker threads: wait for them before grabbing.
        window.explorer()->waitForIdle(600000);
        const QString error = qs::saveWidgetScreenshot(&window, parser.value(screenshot), s);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "quantscope: %s\n", qPrintable(error));
            return 2;
        }
        return 0;
    }
    window.actions()->enableAutosave();
    window.show();
    return app.exec();
}
