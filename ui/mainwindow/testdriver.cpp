#include "mainwindow/testdriver.h"

#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/autosave.h"
#include "mainwindow/mainwindow.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QPointer>
#include <QUndoStack>

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

namespace qs {

namespace {

const std::map<QString, QStringList> kChoices = {
    {QStringLiteral("restore"), {QStringLiteral("restore"), QStringLiteral("discard"), QStringLiteral("later")}},
    {QStringLiteral("unsaved"), {QStringLiteral("save"), QStringLiteral("discard"), QStringLiteral("cancel")}},
    {QStringLiteral("changed"), {QStringLiteral("overwrite"), QStringLiteral("cancel")}},
};

} // namespace

TestDriver::TestDriver(MainWindow* window) : QObject(window), m_window(window)
{
    m_answers = {{QStringLiteral("restore"), QStringLiteral("later")},
                 {QStringLiteral("unsaved"), QStringLiteral("cancel")},
                 {QStringLiteral("changed"), QStringLiteral("cancel")}};
    AppActions::setRestoreQuestion([this](const AutosaveRecord& r) {
        reply(QStringLiteral("asked restore ") + r.path);
        const QString a = m_answers[QStringLiteral("restore")];
        return a == QLatin1String("restore")   ? AppActions::RestoreAnswer::Restore
               : a == QLatin1String("discard") ? AppActions::RestoreAnswer::Discard
                                               : AppActions::RestoreAnswer::Later;
    });
    MainWindow::setUnsavedChangesQuestion([this](MainWindow*) {
        reply(QStringLiteral("asked unsaved"));
        const QString a = m_answers[QStringLiteral("unsaved")];
        return a == QLatin1String("save")      ? QMessageBox::Save
               : a == QLatin1String("discard") ? QMessageBox::Discard
                                               : QMessageBox::Cancel;
    });
    AppActions::setFileChangedQuestion([this](const QString& path) {
        reply(QStringLiteral("asked changed ") + path);
        return m_answers[QStringLiteral("changed")] == QLatin1String("overwrite")
                   ? AppActions::FileChangedAnswer::Overwrite
                   : AppActions::FileChangedAnswer::Cancel;
    });
    connect(window->actions()->autosaver(), &Autosaver::written, this,
            [this](const QString& path) { reply(QStringLiteral("autosaved ") + path); });
}

bool TestDriver::setAnswers(const QString& answers, QString* error)
{
    for (const QString& pair : answers.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0).trimmed();
        const QString value = pair.section(QLatin1Char('='), 1).trimmed();
        const auto choices = kChoices.find(key);
        if (choices == kChoices.end() || !choices->second.contains(value)) {
            if (error)
                *error = QStringLiteral("--test-driver: '%1' is not one of restore=, unsaved=, changed= with a "
                                        "known answer")
                             .arg(pair);
            return false;
        }
        m_answers[key] = value;
    }
    return true;
}

void TestDriver::start(bool restored)
{
    // A blocking read of stdin on its own thread; each line runs on the GUI
    // thread. Detached: it ends with stdin or with the process.
    std::thread([guard = QPointer<TestDriver>(this)] {
        std::string line;
        while (std::getline(std::cin, line))
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [guard, l = QString::fromStdString(line)] {
                    if (guard)
                        guard->command(l.trimmed());
                },
                Qt::QueuedConnection);
    }).detach();
    reply(QStringLiteral("ready restored=%1").arg(int(restored)));
}

void TestDriver::reply(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout); // the test may kill -9 right after reading it
}

void TestDriver::command(const QString& line)
{
    Session* s = m_window->explorer()->session();
    const QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString verb = words.value(0);
    if (verb == QLatin1String("edit")) {
        QuantConfig c = s->config();
        c.histogramBins = c.histogramBins % 65536 + 1;
        s->setConfig(c, QStringLiteral("test edit"));
        reply(QStringLiteral("edited %1").arg(s->config().histogramBins));
    } else if (verb == QLatin1String("state")) {
        s->waitForLoad();
        reply(QStringLiteral("state bins=%1 modified=%2 values=%3 file=%4 autosave=%5")
                  .arg(s->config().histogramBins)
                  .arg(int(!s->undoStack()->isClean()))
                  .arg(s->tensor().size())
                  .arg(s->fileName(), m_window->actions()->autosaver()->path()));
    } else if (verb == QLatin1String("save")) {
        // Without a file name Save would open a file dialog nobody can answer.
        reply(s->fileName().isEmpty() ? QStringLiteral("saved 0 (no file name)")
                                      : QStringLiteral("saved %1").arg(int(m_window->actions()->saveSession(false))));
    } else if (verb == QLatin1String("close")) {
        reply(QStringLiteral("closed %1").arg(int(m_window->close())));
    } else if (verb == QLatin1String("answer") && words.size() == 3) {
        QString error;
        reply(setAnswers(words[1] + QLatin1Char('=') + words[2], &error) ? QStringLiteral("ok") : error);
    } else {
        reply(QStringLiteral("unknown command: ") + line);
    }
}

} // namespace qs
