#pragma once
// `quantscope --test-driver ANSWERS`: lets a test drive a real quantscope
// process, which it can then kill -9 (tests/ui/tst_recovery.cpp). Hidden
// from --help; without the option nothing of this runs.
//
// ANSWERS preset the modal questions a test cannot click:
//   restore=restore|discard|later   the start-up offer of an autosave (default later)
//   unsaved=save|discard|cancel     closing with unsaved changes (default cancel)
//   changed=overwrite|cancel        saving over a file changed on disk (default cancel)
// e.g. "restore=restore,unsaved=cancel". Commands, one per line on stdin:
//   edit        one undoable edit (histogram bins + 1)  -> "edited BINS"
//   state       -> "state bins=N modified=0|1 values=N file=PATH autosave=PATH"
//   save        File > Save (a session with a file name)  -> "saved 1|0"
//   close       close the window as the user does        -> "closed 1|0"
//   answer KEY VALUE                                     -> "ok"
// and events: "ready restored=0|1" after the start-up offer, "asked KEY [PATH]"
// for each question, "autosaved PATH" after each autosave.
#include <QObject>
#include <QString>

#include <map>

namespace qs {

class MainWindow;

class TestDriver : public QObject
{
    Q_OBJECT
public:
    explicit TestDriver(MainWindow* window);
    // False with *error when ANSWERS is not KEY=VALUE pairs of the keys above.
    bool setAnswers(const QString& answers, QString* error);
    // Starts reading commands and reports "ready".
    void start(bool restored);

private:
    void command(const QString& line);
    void reply(const QString& line);

    MainWindow* m_window;
    std::map<QString, QString> m_answers;
};

} // namespace qs
