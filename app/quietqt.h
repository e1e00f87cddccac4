#pragma once
// Nothing on stderr on success, in both programs: Qt prints "QStandardPaths:
// XDG_RUNTIME_DIR not set, defaulting to /tmp/runtime-USER" when a
// QGuiApplication starts on a machine without a login session (a server, CI,
// ssh, a container). It says nothing about the run, which needs no runtime
// directory. Likewise the offscreen platform's "This plugin does not support
// propagateSizeHints()" when a headless screenshot lays out its window. Every
// other Qt message goes through to the previous handler.
#include <QString>
#include <QtGlobal>

namespace qs::app {

inline QtMessageHandler& previousQtHandler()
{
    static QtMessageHandler handler = nullptr;
    return handler;
}

inline void quietQtMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")) ||
                                 message == QLatin1String("This plugin does not support propagateSizeHints()")))
        return;
    if (QtMessageHandler previous = previousQtHandler()) // Qt's default one when none was installed
        previous(type, context, message);
}

// Call first in main(), before the application object exists.
inline void installQuietQtMessages()
{
    previousQtHandler() = qInstallMessageHandler(quietQtMessages);
}

} // namespace qs::app
