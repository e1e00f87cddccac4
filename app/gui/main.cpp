// quantscope: the GUI. Parses its few options and shows the main window.
//   quantscope [--screenshot FILE.png [--view NAME] [--size WxH]]
#include "mainwindow/mainwindow.h"
#include "mainwindow/screenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

int main(int argc, char** argv)
{
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
    const QCommandLineOption view(QStringLiteral("view"), QStringLiteral("The view to bring to the front."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot, WxH."),
                                  QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    parser.addOptions({screenshot, view, size});
    parser.process(app);

    qs::MainWindow window;
    if (parser.isSet(view) && !window.showView(parser.value(view))) {
        std::fprintf(stderr, "quantscope: unknown view '%s' (views: %s)\n", qPrintable(parser.value(view)),
                     qPrintable(window.viewNames().join(QStringLiteral(", "))));
        return 2;
    }
    if (parser.isSet(screenshot)) {
        const QSize s = qs::parseSize(parser.value(size));
        if (!s.isValid()) {
            std::fprintf(stderr, "quantscope: --size '%s' is not WxH between 100 and 10000\n",
                         qPrintable(parser.value(size)));
            return 2;
        }
        const QString error = qs::saveWidgetScreenshot(&window, parser.value(screenshot), s);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "quantscope: %s\n", qPrintable(error));
            return 2;
        }
        return 0;
    }
    window.show();
    return app.exec();
}
