// quantscope: the GUI. Parses its few options and shows the main window.
//   quantscope [FILE] [--session FILE.qscope] [--screenshot FILE.png [--view NAME] [--size WxH]]
//   quantscope --bench-ui [--n N] [--json]
//   quantscope --bench-paste [--n N] [--json]
//   --lang en|vi overrides the interface language stored in the settings (docs/i18n.md).
#include "guioptions.h"

#include "../quietqt.h"

#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "explorer/pastebenchmark.h"
#include "explorer/uibenchmark.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/screenshot.h"
#include "mainwindow/testdriver.h"
#include "modelview/modelview.h"
#include "session/session.h"
#include "settings/language.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

// The value of --lang (or --lang=xx) if given, else an empty string. Read
// before the parser is built so that its help texts are already translated.
QString languageArgument(const QStringList& args)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--lang") && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(QLatin1String("--lang=")))
            return args.at(i).mid(7);
    }
    return {};
}

// Takes --session FILE (or --session=FILE) out of argv. QGuiApplication reads
// "-session"/"--session ID" as its own X11 session-management option and
// removes it from the arguments, so QCommandLineParser never saw ours and the
// default example showed instead of the file.
QString takeSessionArgument(int& argc, char** argv)
{
    QString path;
    int out = 1;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--session") == 0 && i + 1 < argc) {
            path = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
        if (qstrncmp(argv[i], "--session=", 10) == 0) {
            path = QString::fromLocal8Bit(argv[i] + 10);
            continue;
        }
        argv[out++] = argv[i];
    }
    argc = out;
    argv[argc] = nullptr;
    return path;
}

// True when the run shows no window to a user: help, version, a screenshot or
// the benchmark. These work without a display (on a server, in CI, over ssh).
bool needsNoDisplay(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char* o :
             {"--help", "-h", "-?", "--help-all", "--version", "-v", "--screenshot", "--bench-ui", "--bench-paste"})
            if (qstrcmp(argv[i], o) == 0 ||
                (qstrncmp(argv[i], o, qstrlen(o)) == 0 && argv[i][qstrlen(o)] == '=' && o[1] == '-'))
                return true;
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    qs::app::installQuietQtMessages();
    // The benchmark always runs offscreen, whatever the desktop.
    for (int i = 1; i < argc; ++i)
        if ((qstrcmp(argv[i], "--bench-ui") == 0 || qstrcmp(argv[i], "--bench-paste") == 0) &&
            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a display QApplication aborts (no platform plugin) before the
    // parser could print --help or --version: runs that show no window fall
    // back to the offscreen platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") && needsNoDisplay(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const QString sessionPath = takeSessionArgument(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Quantscope"));
    QApplication::setOrganizationName(QStringLiteral("Quantscope"));
    QApplication::setApplicationVersion(QStringLiteral(QT_STRINGIFY(QUANTSCOPE_VERSION)));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));

    const QString langOverride = languageArgument(QCoreApplication::arguments());
    if (!langOverride.isEmpty() && !qs::availableLanguages().contains(langOverride)) {
        std::fprintf(stderr, "quantscope: --lang '%s' is not one of: %s\n", qPrintable(langOverride),
                     qPrintable(qs::availableLanguages().join(QStringLiteral(", "))));
        return 2;
    }
    const QString language = langOverride.isEmpty() ? qs::configuredLanguage() : langOverride;
    if (!qs::installTranslations(app, language))
        std::fprintf(stderr, "quantscope: the '%s' translation did not load; continuing in English\n",
                     qPrintable(language));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Teach and explore neural-network quantization."));
    parser.addHelpOption();
    parser.addVersionOption();
    // The options come from one table (guioptions.h), which also writes the man page.
    for (const qs::OptionDef& d : qs::guiOptions()) {
        QCommandLineOption o(QString::fromStdString(d.name), QCoreApplication::translate("main", d.help.c_str()));
        if (d.takesValue()) {
            o.setValueName(QString::fromStdString(d.valueName));
            if (!d.defaultText.empty())
                o.setDefaultValue(QString::fromStdString(d.defaultText));
        }
        if (d.hidden)
            o.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(o);
    }
    const QString screenshot = QStringLiteral("screenshot"), view = QStringLiteral("view"),
                  size = QStringLiteral("size"), benchUi = QStringLiteral("bench-ui"),
                  benchPaste = QStringLiteral("bench-paste"), benchN = QStringLiteral("n"),
                  json = QStringLiteral("json"), presentation = QStringLiteral("presentation"),
                  testDriver = QStringLiteral("test-driver");
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QCoreApplication::translate("main", "A .qscope session or a tensor file."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    qs::MainWindow window;
    const bool headless = parser.isSet(screenshot) || parser.isSet(benchUi) || parser.isSet(benchPaste);
    qs::TestDriver* driver = nullptr;
    if (parser.isSet(testDriver) && !headless) {
        driver = new qs::TestDriver(&window);
        QString error;
        if (!driver->setAnswers(parser.value(testDriver), &error)) {
            std::fprintf(stderr, "quantscope: %s\n", qPrintable(error));
            return 2;
        }
    }
    // Headless runs (a screenshot, the benchmark) need the data, which loads
    // asynchronously; a file that cannot be read there is an error (status 2),
    // not a silent picture of the default example.
    auto waitForData = [&window](QString& error) {
        const auto failed = QObject::connect(window.explorer()->session(), &qs::Session::loadFailed, &window,
                                             [&error](const QString& message) { error = message; });
        window.explorer()->session()->waitForLoad();
        QObject::disconnect(failed);
        return error.isEmpty();
    };
    const QString file = !sessionPath.isEmpty()                    ? sessionPath
                         : !parser.positionalArguments().isEmpty() ? parser.positionalArguments().constFirst()
                                                                   : QString();
    // A screenshot of the Model view scans FILE there (and waits for the scan).
    const bool modelShot =
        headless && sessionPath.isEmpty() && !file.isEmpty() &&
        (parser.value(view) == QLatin1String("model") || parser.value(view).startsWith(QLatin1String("model/")));
    if (modelShot) {
        QEventLoop loop;
        QString error;
        QObject::connect(window.modelView(), &qs::ModelView::scanFinished, &loop, [&](bool ok, const QString& message) {
            if (!ok)
                error = message;
            loop.quit();
        });
        window.modelView()->openModel(file);
        if (window.modelView()->busy())
            loop.exec();
        if (!window.modelView()->busy() && window.modelView()->report().tensors.empty() && error.isEmpty())
            error = QStringLiteral("cannot scan %1").arg(file);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "quantscope: %s\n", qPrintable(error));
            return 2;
        }
    } else if (!file.isEmpty() && (headless || !sessionPath.isEmpty())) {
        // An explicit --session that cannot be opened is an error in the GUI too.
        QString error;
        const bool session = !sessionPath.isEmpty() || file.endsWith(QLatin1String(".qscope"), Qt::CaseInsensitive);
        const bool started = session ? window.actions()->openSession(file, &error)
                                     : window.explorer()->dataPanel()->openFile(file, &error);
        if (!started || (headless && !waitForData(error))) {
            std::fprintf(stderr, "quantscope: %s\n", qPrintable(error));
            return 2;
        }
    } else if (!file.isEmpty()) {
        window.actions()->openAny(file); // a problem shows in the status bar
    }
    // Autosaves of runs that did not end cleanly are offered once the window shows.
    const bool offerAutosaves = file.isEmpty() && !headless;
    if (parser.isSet(view) && !window.showView(parser.value(view))) {
        std::fprintf(stderr, "quantscope: unknown view '%s' (views: %s)\n", qPrintable(parser.value(view)),
                     qPrintable(window.viewNames().join(QStringLiteral(", "))));
        return 2;
    }
    // The start preferences of Edit > Settings apply to interactive runs only,
    // so that screenshots and benchmarks do not depend on a user's settings.
    const QSettings settings;
    const bool presentationAtStart =
        !headless && settings.value(QLatin1String(qs::settingskey::presentationAtStart), false).toBool();
    // F5's zoom preset depends on the window's width: a screenshot takes its size first.
    if (parser.isSet(screenshot) && qs::parseSize(parser.value(size)).isValid())
        window.resize(qs::parseSize(parser.value(size)));
    if (parser.isSet(presentation) || presentationAtStart)
        window.actions()->presentationAction()->trigger();
    if (!headless && settings.value(QLatin1String(qs::settingskey::darkThemeAtStart), false).toBool() &&
        !window.actions()->darkAction()->isChecked())
        window.actions()->darkAction()->trigger();

    if (parser.isSet(benchUi) || parser.isSet(benchPaste)) {
        bool ok = false;
        const QString defaultN = parser.isSet(benchUi) ? QStringLiteral("1000000") : QStringLiteral("300000");
        const qint64 n = (parser.isSet(benchN) ? parser.value(benchN) : defaultN).toLongLong(&ok);
        if (!ok || n < 1 || n > (qint64(1) << 28)) {
            std::fprintf(stderr, "quantscope: --n must be an integer in 1..2^28\n");
            return 2;
        }
        window.resize(1600, 1000);
        window.show();
        window.explorer()->waitForIdle(600000);
        QApplication::processEvents();
        const double startup = sinceStart.nsecsElapsed() / 1e6;
        if (parser.isSet(benchPaste)) {
            const qs::PasteBenchmarkResult r = qs::runPasteBenchmark(window, n);
            std::fputs(qPrintable(parser.isSet(json) ? r.json() : r.text()), stdout);
            return 0;
        }
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
    QTimer::singleShot(0, &window, [&window, driver, offerAutosaves] {
        const bool restored = offerAutosaves && window.actions()->offerAutosaves();
        if (driver)
            driver->start(restored);
    });
    return app.exec();
}
