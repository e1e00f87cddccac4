// Crash recovery in one process: when the autosave is written (the timer
// rule), which autosaves a window may offer, what a restore counts as, and
// the question before saving over a file someone else changed. The same
// behaviour with real processes and kill -9 is in tst_recovery.cpp.
#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/autosave.h"
#include "mainwindow/mainwindow.h"
#include "session/session.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using qs::AppActions;
using qs::Autosaver;
using qs::MainWindow;

namespace {

int binsOf(MainWindow& w)
{
    return w.explorer()->session()->config().histogramBins;
}

void edit(MainWindow& w)
{
    qs::QuantConfig c = w.explorer()->session()->config();
    c.histogramBins += 1;
    QVERIFY(w.explorer()->session()->setConfig(c, QStringLiteral("bins")));
}

int binsInFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return QJsonDocument::fromJson(f.readAll()).object()["config"].toObject()["histogram_bins"].toInt(-1);
}

// The autosave files (and with `locks` their lock files) in the autosave folder.
QStringList autosaveFiles(bool locks = false)
{
    const QDir dir(Autosaver::directory());
    QStringList out;
    const QString pattern = locks ? QStringLiteral("autosave*") : QStringLiteral("autosave*.qscope");
    for (const QString& name : dir.entryList({pattern}, QDir::Files))
        out << dir.filePath(name);
    return out;
}

// A window that autosaved `edits` edits and then went away without closing, as in a crash.
QString leaveOrphan(int edits)
{
    MainWindow w;
    w.actions()->enableAutosave();
    QSignalSpy written(w.actions()->autosaver(), &Autosaver::written);
    for (int i = 0; i < edits; ++i)
        edit(w);
    if (!written.wait(20000))
        return {};
    return w.actions()->autosaver()->path();
}

} // namespace

class TestAutosave : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        for (const QString& f : autosaveFiles(true))
            QFile::remove(f);
        AppActions::setRestoreQuestion({});
        AppActions::setFileChangedQuestion({});
        MainWindow::setUnsavedChangesQuestion({});
    }

    // Edits that keep coming faster than the quiet period still get written,
    // at most kMaxDelayMs after the first one, and again after later edits; a
    // debounce that restarts on every change wrote nothing while they came.
    void autosaveComesWhileEditsKeepComing()
    {
        MainWindow w;
        w.actions()->enableAutosave();
        Autosaver* a = w.actions()->autosaver();
        QSignalSpy written(a, &Autosaver::written);
        const int base = binsOf(w);
        // Every 0.4 s, well inside the quiet period, for up to 8 s.
        int edits = 0;
        while (written.isEmpty() && edits < 20) {
            edit(w);
            ++edits;
            QTest::qWait(Autosaver::kQuietMs * 2 / 5);
        }
        QVERIFY2(!written.isEmpty(), "no autosave while the edits kept coming");
        QVERIFY(edits < 20);
        const int onDisk = binsInFile(a->path());
        QVERIFY2(onDisk > base && onDisk <= binsOf(w), qPrintable(QString::number(onDisk)));
        // Later edits are written again, and the last state once the user pauses.
        const qsizetype before = written.size();
        edit(w);
        edit(w);
        QTRY_VERIFY_WITH_TIMEOUT(written.size() > before, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(binsInFile(a->path()), binsOf(w), 20000);
        QCOMPARE(written.last().first().toString(), a->path());
    }

    // Only unsaved work is kept: saving removes the file, undoing back to
    // the saved state too, and an edit after that writes it again.
    void autosaveHoldsOnlyUnsavedWork()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.actions()->enableAutosave();
        Autosaver* a = w.actions()->autosaver();
        QSignalSpy written(a, &Autosaver::written);
        edit(w);
        QVERIFY(written.wait(20000));
        QVERIFY(QFile::exists(a->path()));
        QVERIFY(w.explorer()->session()->save(dir.filePath(QStringLiteral("s.qscope"))));
        QVERIFY(!QFile::exists(a->path()));
        edit(w);
        QVERIFY(written.wait(20000));
        QVERIFY(QFile::exists(a->path()));
        w.explorer()->session()->undoStack()->undo();
        QTRY_VERIFY(!QFile::exists(a->path()));
    }

    // A restored session is unsaved until saved or discarded: the title's
    // marker shows, closing asks, Cancel keeps the window and the file.
    void restoredSessionCountsAsUnsaved()
    {
        const QString orphan = leaveOrphan(2);
        QVERIFY(!orphan.isEmpty());
        const int saved = binsInFile(orphan);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.actions()->restoreAutosave());
        QCOMPARE(binsOf(w), saved);
        QVERIFY(w.isWindowModified());
        QVERIFY(!w.explorer()->session()->undoStack()->isClean());
        QCOMPARE(w.actions()->autosaver()->path(), orphan); // adopted, not copied
        int asked = 0;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        MainWindow::setUnsavedChangesQuestion([&](MainWindow*) {
            ++asked;
            return answer;
        });
        QVERIFY(!w.close());
        QCOMPARE(asked, 1);
        QVERIFY(QFile::exists(orphan));
        // Undo cannot reach a "saved" state that never was.
        edit(w);
        w.explorer()->session()->undoStack()->undo();
        QVERIFY(w.isWindowModified());
        answer = QMessageBox::Discard;
        QVERIFY(w.close());
        QCOMPARE(asked, 2);
        QVERIFY(!QFile::exists(orphan));
    }

    // Another window's live autosave is not offered (its lock is held), and
    // each window writes a file of its own.
    void liveAutosaveIsNotOffered()
    {
        MainWindow first;
        first.actions()->enableAutosave();
        QSignalSpy firstWritten(first.actions()->autosaver(), &Autosaver::written);
        edit(first);
        QVERIFY(firstWritten.wait(20000));
        const QString firstFile = first.actions()->autosaver()->path();
        const int firstBins = binsInFile(firstFile);

        MainWindow second;
        int asked = 0;
        AppActions::setRestoreQuestion([&](const qs::AutosaveRecord&) {
            ++asked;
            return AppActions::RestoreAnswer::Restore;
        });
        QVERIFY(!second.actions()->offerAutosaves());
        QCOMPARE(asked, 0);
        QVERIFY(!second.actions()->restoreAutosave());
        second.actions()->enableAutosave();
        QSignalSpy secondWritten(second.actions()->autosaver(), &Autosaver::written);
        edit(second);
        edit(second);
        QVERIFY(secondWritten.wait(20000));
        QVERIFY(second.actions()->autosaver()->path() != firstFile);
        QCOMPARE(binsInFile(firstFile), firstBins);
        second.actions()->removeAutosave();
        QVERIFY(QFile::exists(firstFile));
    }

    // Several orphans are offered one after another, newest first; Later keeps
    // a file, Discard removes it, Restore ends the offer (the rest wait).
    void orphansAreOfferedNewestFirst()
    {
        const QString older = leaveOrphan(1);
        QTest::qWait(50); // distinct modification times
        const QString newer = leaveOrphan(3);
        QVERIFY(!older.isEmpty() && !newer.isEmpty() && older != newer);
        QStringList offered;
        QList<AppActions::RestoreAnswer> answers;
        AppActions::setRestoreQuestion([&](const qs::AutosaveRecord& r) {
            offered << r.path;
            return answers.isEmpty() ? AppActions::RestoreAnswer::Later : answers.takeFirst();
        });
        {
            MainWindow w;
            QVERIFY(!w.actions()->offerAutosaves());
            QCOMPARE(offered, (QStringList{newer, older}));
            QVERIFY(QFile::exists(older) && QFile::exists(newer));
        }
        offered.clear();
        answers = {AppActions::RestoreAnswer::Discard, AppActions::RestoreAnswer::Restore};
        MainWindow w;
        QVERIFY(w.actions()->offerAutosaves());
        QCOMPARE(offered, (QStringList{newer, older}));
        QVERIFY(!QFile::exists(newer));
        QCOMPARE(binsOf(w), binsInFile(older));
        QVERIFY(w.isWindowModified());
    }

    // Quitting without closing the window (Settings' Restart Now) hands the
    // session over: the next run restores it without a question, unsaved work
    // as unsaved, a saved session as saved with its file name.
    void restartHandsTheSessionOver_data()
    {
        QTest::addColumn<bool>("saved");
        QTest::newRow("unsaved") << false;
        QTest::newRow("saved") << true;
    }
    void restartHandsTheSessionOver()
    {
        QFETCH(bool, saved);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("h.qscope"));
        int bins = 0;
        {
            MainWindow w;
            w.actions()->enableAutosave();
            edit(w);
            if (saved)
                QVERIFY(w.explorer()->session()->save(file));
            bins = binsOf(w);
            w.actions()->autosaver()->flush(true); // what aboutToQuit does
        }
        int asked = 0;
        AppActions::setRestoreQuestion([&](const qs::AutosaveRecord&) {
            ++asked;
            return AppActions::RestoreAnswer::Later;
        });
        MainWindow w;
        QVERIFY(w.actions()->offerAutosaves());
        QCOMPARE(asked, 0);
        QCOMPARE(binsOf(w), bins);
        QCOMPARE(w.isWindowModified(), !saved);
        QCOMPARE(w.explorer()->session()->fileName(), saved ? file : QString());
        // A saved session is its file: nothing is left to recover.
        QCOMPARE(autosaveFiles().size(), saved ? 0 : 1);
    }

    // Saving over the session's file after someone else wrote it asks first;
    // the same bytes with a new time are no conflict.
    void saveAsksWhenTheFileChangedOnDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.qscope"));
        MainWindow w;
        qs::Session* s = w.explorer()->session();
        QVERIFY(s->save(path));
        int asked = 0;
        AppActions::FileChangedAnswer answer = AppActions::FileChangedAnswer::Cancel;
        AppActions::setFileChangedQuestion([&](const QString& p) {
            ++asked;
            [&] { QCOMPARE(p, path); }();
            return answer;
        });
        edit(w);
        QVERIFY(w.actions()->saveSession(false)); // nobody else wrote it
        QCOMPARE(asked, 0);

        {
            qs::Session other; // a second Quantscope saves the same file
            QVERIFY(other.open(path));
            qs::QuantConfig c = other.config();
            c.histogramBins = 7;
            QVERIFY(other.setConfig(c, QStringLiteral("bins")));
            QVERIFY(other.save(path));
        }
        edit(w);
        QVERIFY(!w.actions()->saveSession(false));
        QCOMPARE(asked, 1);
        QCOMPARE(binsInFile(path), 7);
        QVERIFY(w.isWindowModified());
        answer = AppActions::FileChangedAnswer::Overwrite;
        QVERIFY(w.actions()->saveSession(false));
        QCOMPARE(asked, 2);
        QCOMPARE(binsInFile(path), binsOf(w));

        // Touched, not changed: no question.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
        f.close();
        edit(w);
        QVERIFY(w.actions()->saveSession(false));
        QCOMPARE(asked, 2);
    }
};

QTEST_MAIN(TestAutosave)
#include "tst_autosave.moc"
