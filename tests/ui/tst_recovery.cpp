// Crash recovery with real processes: `quantscope --test-driver` runs the
// real GUI offscreen, takes edits on stdin and is killed with SIGKILL (what a
// crash, the OOM killer or a power cut leave behind). Each test has its own
// settings and data folders, so the autosave folder starts empty.
#include "session/session.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

// One quantscope process driven through its stdin and stdout.
class App
{
public:
    App(const QProcessEnvironment& env, const QStringList& args)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(QStringLiteral(QS_GUI_PATH), args);
    }
    ~App()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    void send(const QString& command) { m_process.write((command + QLatin1Char('\n')).toUtf8()); }

    // The next line that starts with `prefix` (earlier lines are kept in
    // lines()); empty after `timeoutMs` or when the process ended.
    QString waitFor(const QString& prefix, int timeoutMs = 60000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            while (m_next < m_lines.size()) {
                const QString line = m_lines.at(m_next++);
                if (line.startsWith(prefix))
                    return line;
            }
            if (t.elapsed() > timeoutMs)
                return {};
            if (!m_process.waitForReadyRead(int(std::max<qint64>(1, std::min<qint64>(200, timeoutMs - t.elapsed())))) &&
                m_process.state() == QProcess::NotRunning)
                return {};
            while (m_process.canReadLine())
                m_lines << QString::fromUtf8(m_process.readLine()).trimmed();
        }
    }
    // Sends a command and returns its reply (the next line starting with `reply`).
    QString ask(const QString& command, const QString& reply)
    {
        send(command);
        return waitFor(reply);
    }
    QStringList lines() const { return m_lines; }
    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }

    void killHard() // SIGKILL: no handler, no clean-up, as after a crash
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    bool waitForExit(int& status)
    {
        if (!m_process.waitForFinished(60000))
            return false;
        status = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        return true;
    }

private:
    QProcess m_process;
    QStringList m_lines;
    qsizetype m_next = 0;
};

// A field of a "state ..." or "ready ..." line: "bins=1025" -> "1025".
QString field(const QString& line, const QString& name)
{
    const QRegularExpression re(QStringLiteral("(?:^| )%1=(\\S*)").arg(name));
    return re.match(line).captured(1);
}

int bins(const QString& stateLine)
{
    return field(stateLine, QStringLiteral("bins")).toInt();
}

// histogram_bins of a session file (an autosave is one, with one more key).
int binsInFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return QJsonDocument::fromJson(f.readAll()).object().value("config").toObject().value("histogram_bins").toInt(-1);
}

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"})
            m_env.insert(QString::fromLatin1(name), m_dir->filePath(QString::fromLatin1(name).toLower()));
        m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        m_env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.qpa.*=false"));
    }

    // Someone edits every 1.1 s and the process is killed: a debounce that
    // restarts on every change never wrote (and everything was lost); the
    // autosave comes a few seconds after the first unsaved change, however
    // busy the user is, and the next start restores it as unsaved work.
    void killedWhileEditingKeepsTheEdits()
    {
        int base = 0;
        {
            App a(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=later")});
            QVERIFY2(!a.waitFor(QStringLiteral("ready")).isEmpty(), qPrintable(a.errors()));
            base = bins(a.ask(QStringLiteral("state"), QStringLiteral("state")));
            for (int i = 0; i < 7; ++i) {
                QVERIFY(!a.ask(QStringLiteral("edit"), QStringLiteral("edited")).isEmpty());
                QTest::qWait(1100);
            }
            QVERIFY2(a.lines().filter(QStringLiteral("autosaved")).size() >= 1,
                     qPrintable(a.lines().join(QLatin1Char('\n'))));
            a.killHard();
        }
        QCOMPARE(autosaves().size(), 1);
        App b(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=restore")});
        QCOMPARE(b.waitFor(QStringLiteral("ready")), QStringLiteral("ready restored=1"));
        const QString state = b.ask(QStringLiteral("state"), QStringLiteral("state"));
        QVERIFY2(bins(state) > base && bins(state) <= base + 7, qPrintable(state));
        QCOMPARE(field(state, QStringLiteral("modified")), QStringLiteral("1"));
    }

    // A restored session is unsaved work until the user saves or discards it:
    // closing asks, Cancel keeps the window and the file, a crash right after
    // the restore keeps it too, Discard finally removes it.
    void restoredSessionStaysUnsavedUntilDiscarded()
    {
        {
            App a(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=later")});
            QVERIFY2(!a.waitFor(QStringLiteral("ready")).isEmpty(), qPrintable(a.errors()));
            a.send(QStringLiteral("edit"));
            a.send(QStringLiteral("edit"));
            QVERIFY(!a.waitFor(QStringLiteral("autosaved")).isEmpty());
            a.killHard();
        }
        const QStringList left = autosaves();
        QCOMPARE(left.size(), 1);
        const int saved = binsInFile(left.first());
        {
            App b(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=restore,unsaved=cancel")});
            QCOMPARE(b.waitFor(QStringLiteral("ready")), QStringLiteral("ready restored=1"));
            const QString state = b.ask(QStringLiteral("state"), QStringLiteral("state"));
            QCOMPARE(bins(state), saved);
            QCOMPARE(field(state, QStringLiteral("modified")), QStringLiteral("1"));
            QCOMPARE(b.ask(QStringLiteral("close"), QStringLiteral("closed")), QStringLiteral("closed 0"));
            QVERIFY(b.lines().contains(QStringLiteral("asked unsaved")));
            QCOMPARE(autosaves(), left); // still there after Cancel
            b.killHard();                // and after a second crash, before any new edit
        }
        QCOMPARE(autosaves(), left);
        QCOMPARE(binsInFile(left.first()), saved);
        App c(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=restore,unsaved=discard")});
        QCOMPARE(c.waitFor(QStringLiteral("ready")), QStringLiteral("ready restored=1"));
        QCOMPARE(bins(c.ask(QStringLiteral("state"), QStringLiteral("state"))), saved);
        QCOMPARE(c.ask(QStringLiteral("close"), QStringLiteral("closed")), QStringLiteral("closed 1"));
        int status = -1;
        QVERIFY(c.waitForExit(status));
        QCOMPARE(status, 0);
        QVERIFY2(autosaves().isEmpty(), qPrintable(autosaves().join(QLatin1Char(' '))));
    }

    // "Keep for later" keeps the file for the next start, which offers it again.
    void keptForLaterIsOfferedAgain()
    {
        {
            App a(m_env, {QStringLiteral("--test-driver"), QString()});
            QVERIFY2(!a.waitFor(QStringLiteral("ready")).isEmpty(), qPrintable(a.errors()));
            a.send(QStringLiteral("edit"));
            QVERIFY(!a.waitFor(QStringLiteral("autosaved")).isEmpty());
            a.killHard();
        }
        const QStringList left = autosaves();
        QCOMPARE(left.size(), 1);
        for (int run = 0; run < 2; ++run) {
            App b(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=later,unsaved=discard")});
            QCOMPARE(b.waitFor(QStringLiteral("ready")), QStringLiteral("ready restored=0"));
            QVERIFY(b.lines().contains(QStringLiteral("asked restore ") + left.first()));
            QCOMPARE(b.ask(QStringLiteral("close"), QStringLiteral("closed")), QStringLiteral("closed 1"));
            int status = -1;
            QVERIFY(b.waitForExit(status));
            QCOMPARE(autosaves(), left);
        }
    }

    // Two instances at once: the second is not offered the first one's live
    // autosave (it used to "restore" it, overwrite it and finally delete it);
    // each writes its own file; after the first is killed, a third restores
    // exactly the first one's work.
    void twoInstancesKeepTheirOwnAutosaves()
    {
        App a(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=restore")});
        QVERIFY2(!a.waitFor(QStringLiteral("ready")).isEmpty(), qPrintable(a.errors()));
        const int base = bins(a.ask(QStringLiteral("state"), QStringLiteral("state")));
        a.send(QStringLiteral("edit"));
        const QString aFile = a.waitFor(QStringLiteral("autosaved")).section(QLatin1Char(' '), 1);
        QVERIFY(!aFile.isEmpty());
        QCOMPARE(binsInFile(aFile), base + 1);
        {
            App b(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=restore,unsaved=discard")});
            QCOMPARE(b.waitFor(QStringLiteral("ready")), QStringLiteral("ready restored=0"));
            QVERIFY(b.lines().filter(QStringLiteral("asked restore")).isEmpty());
            const QString state = b.ask(QStringLiteral("state"), QStringLiteral("state"));
            QCOMPARE(bins(state), base);
            QCOMPARE(field(state, QStringLiteral("modified")), QStringLiteral("0"));
            b.send(QStringLiteral("edit"));
            b.send(QStringLiteral("edit"));
            const QString bFile = b.waitFor(QStringLiteral("autosaved")).section(QLatin1Char(' '), 1);
            QVERIFY(!bFile.isEmpty() && bFile != aFile);
            QCOMPARE(binsInFile(aFile), base + 1); // untouched by the second instance
            QCOMPARE(b.ask(QStringLiteral("close"), QStringLiteral("closed")), QStringLiteral("closed 1"));
            int status = -1;
            QVERIFY(b.waitForExit(status));
            QVERIFY(!QFile::exists(bFile));
        }
        QVERIFY(QFile::exists(aFile)); // the second one's clean exit removed only its own
        a.killHard();
        App c(m_env, {QStringLiteral("--test-driver"), QStringLiteral("restore=restore")});
        QCOMPARE(c.waitFor(QStringLiteral("ready")), QStringLiteral("ready restored=1"));
        QCOMPARE(bins(c.ask(QStringLiteral("state"), QStringLiteral("state"))), base + 1);
    }

    // Two instances save one .qscope: the second save warns that the file
    // changed on disk; Cancel keeps the other instance's file, Overwrite replaces it.
    void savingOverAFileAnotherInstanceSavedAsks()
    {
        const QString path = m_dir->filePath(QStringLiteral("shared.qscope"));
        {
            qs::Session s;
            QVERIFY(s.save(path));
        }
        const int base = binsInFile(path);
        const QStringList args{QStringLiteral("--session"), path, QStringLiteral("--test-driver"),
                               QStringLiteral("changed=cancel,unsaved=discard")};
        App a(m_env, args);
        App b(m_env, args);
        QVERIFY2(!a.waitFor(QStringLiteral("ready")).isEmpty(), qPrintable(a.errors()));
        QVERIFY2(!b.waitFor(QStringLiteral("ready")).isEmpty(), qPrintable(b.errors()));
        QCOMPARE(field(a.ask(QStringLiteral("state"), QStringLiteral("state")), QStringLiteral("file")), path);
        QCOMPARE(field(b.ask(QStringLiteral("state"), QStringLiteral("state")), QStringLiteral("file")), path);
        QCOMPARE(a.ask(QStringLiteral("edit"), QStringLiteral("edited")), QStringLiteral("edited %1").arg(base + 1));
        b.ask(QStringLiteral("edit"), QStringLiteral("edited"));
        QCOMPARE(b.ask(QStringLiteral("edit"), QStringLiteral("edited")), QStringLiteral("edited %1").arg(base + 2));
        QCOMPARE(b.ask(QStringLiteral("save"), QStringLiteral("saved")), QStringLiteral("saved 1"));
        QVERIFY(b.lines().filter(QStringLiteral("asked changed")).isEmpty()); // nobody else wrote it
        QCOMPARE(binsInFile(path), base + 2);

        QCOMPARE(a.ask(QStringLiteral("save"), QStringLiteral("saved")), QStringLiteral("saved 0"));
        QVERIFY(a.lines().contains(QStringLiteral("asked changed ") + path));
        QCOMPARE(binsInFile(path), base + 2); // Cancel: the other instance's file stays
        QCOMPARE(a.ask(QStringLiteral("answer changed overwrite"), QStringLiteral("ok")), QStringLiteral("ok"));
        QCOMPARE(a.ask(QStringLiteral("save"), QStringLiteral("saved")), QStringLiteral("saved 1"));
        QCOMPARE(binsInFile(path), base + 1);
        QCOMPARE(a.lines().filter(QStringLiteral("asked changed")).size(), 2);
        a.ask(QStringLiteral("edit"), QStringLiteral("edited"));
        QCOMPARE(a.ask(QStringLiteral("save"), QStringLiteral("saved")), QStringLiteral("saved 1"));
        QCOMPARE(a.lines().filter(QStringLiteral("asked changed")).size(), 2); // its own file: no question
    }

private:
    QStringList autosaves() const
    {
        QDir dir(m_dir->filePath(QStringLiteral("xdg_data_home/Quantscope/Quantscope")));
        QStringList out;
        for (const QString& name : dir.entryList({QStringLiteral("autosave*.qscope")}, QDir::Files, QDir::Name))
            out << dir.filePath(name);
        return out;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
