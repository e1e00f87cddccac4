// The two programs' command lines, run as processes: `quantscope --session`
// opens the session (QGuiApplication used to swallow the option as its own
// X11 session id), `quantscope --help/--version` work without a display, and
// every `quantscope-cli` command answers --help with exit status 0.
#include "common/testutil.h"
#include "session/session.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

namespace {

using qs::test::Run;

Run run(const QString& program, const QStringList& args, const QProcessEnvironment& env)
{
    return qs::test::runProgram(program, args, env);
}

} // namespace

class TestAppCmdline : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The child processes keep their settings, recent files and autosave out of the user's.
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }

    // --session FILE shows the session's data, exactly as the positional FILE does.
    void sessionOptionOpensTheSession()
    {
        const QString path = m_dir.filePath(QStringLiteral("five.qscope"));
        {
            qs::Session s;
            qs::DataSource src;
            src.kind = qs::DataSource::Kind::Pasted;
            src.pasted = QStringLiteral("-2.5, -1.0, 0.0, 1.0, 3.5");
            QVERIFY(s.setDataSource(src, QStringLiteral("five")));
            QVERIFY(s.save(path));
        }
        auto shot = [&](const QString& name, const QStringList& args) {
            const QString png = m_dir.filePath(name);
            const Run r = run(QStringLiteral(QS_GUI_PATH),
                              args + QStringList{QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                                                 QStringLiteral("900x600")},
                              m_env);
            if (r.status != 0)
                qWarning() << args << r.err;
            return QImage(png);
        };
        const QImage bySession = shot(QStringLiteral("session.png"), {QStringLiteral("--session"), path});
        const QImage byPosition = shot(QStringLiteral("positional.png"), {path});
        const QImage byDefault = shot(QStringLiteral("default.png"), {});
        QVERIFY(!bySession.isNull() && !byPosition.isNull() && !byDefault.isNull());
        QVERIFY2(bySession != byDefault, "--session was ignored: the default example shows");
        QCOMPARE(bySession, byPosition);
        const QImage byEquals = shot(QStringLiteral("equals.png"), {QStringLiteral("--session=") + path});
        QCOMPARE(byEquals, byPosition);

        // A session that cannot be read is an error, not the example.
        const Run bad = run(QStringLiteral(QS_GUI_PATH),
                            {QStringLiteral("--session"), m_dir.filePath(QStringLiteral("missing.qscope")),
                             QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("bad.png"))},
                            m_env);
        QCOMPARE(bad.status, 2);
        QVERIFY(bad.err.contains("missing.qscope"));
    }

    // Help and version need no display (QApplication aborted without a platform).
    void helpAndVersionWithoutDisplay_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("--help") << QStringLiteral("--help") << QByteArray("--session");
        QTest::newRow("-h") << QStringLiteral("-h") << QByteArray("--screenshot");
        QTest::newRow("--version") << QStringLiteral("--version") << QByteArray("Quantscope");
    }
    void helpAndVersionWithoutDisplay()
    {
        QFETCH(QString, option);
        QFETCH(QByteArray, expected);
        QProcessEnvironment env = m_env;
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        const Run r = run(QStringLiteral(QS_GUI_PATH), {option}, env);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.out.contains(expected), r.out.constData());
    }

    // Nothing on stderr on success, also without a login session: Qt's
    // "XDG_RUNTIME_DIR not set" warning was printed before the help text.
    void quietWithoutRuntimeDir_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")};
        QTest::newRow("--screenshot") << QStringList{QStringLiteral("--screenshot"), QStringLiteral("SHOT"),
                                                     QStringLiteral("--size"), QStringLiteral("400x300")};
    }
    void quietWithoutRuntimeDir()
    {
        QFETCH(QStringList, args);
        args.replaceInStrings(QStringLiteral("SHOT"), m_dir.filePath(QStringLiteral("quiet.png")));
        QProcessEnvironment env = m_env;
        env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        const Run r = run(QStringLiteral(QS_GUI_PATH), args, env);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    // plot and quantize read the same quantizer options the same way: the
    // plotted figure's grid is the one `quantize --json` reports.
    void plotAndQuantizeAgreeOnOptions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("int8") << QStringList{QStringLiteral("--quantizer"), QStringLiteral("int8")};
        QTest::newRow("uint8 asymmetric") << QStringList{QStringLiteral("--quantizer"), QStringLiteral("uint8"),
                                                         QStringLiteral("--scheme"), QStringLiteral("asymmetric")};
        QTest::newRow("int4 narrow") << QStringList{QStringLiteral("--quantizer"), QStringLiteral("int4"),
                                                    QStringLiteral("--range"), QStringLiteral("narrow")};
    }
    void plotAndQuantizeAgreeOnOptions()
    {
        QFETCH(QStringList, options);
        const QStringList data{QStringLiteral("--generate"), QStringLiteral("normal,n=2000,seed=3")};
        const Run q = run(
            QStringLiteral(QS_CLI_PATH),
            QStringList{QStringLiteral("quantize")} + data + options + QStringList{QStringLiteral("--json")}, m_env);
        QVERIFY2(q.status == 0, q.err.constData());
        const QJsonObject params =
            QJsonDocument::fromJson(q.out).object()[QStringLiteral("params")].toArray()[0].toObject();
        const QString csv = m_dir.filePath(QStringLiteral("transfer.csv"));
        const Run p = run(QStringLiteral(QS_CLI_PATH),
                          QStringList{QStringLiteral("plot"), QStringLiteral("--kind"), QStringLiteral("transfer"),
                                      QStringLiteral("--out"), m_dir.filePath(QStringLiteral("t.svg")),
                                      QStringLiteral("--csv"), csv} +
                              data + options,
                          m_env);
        QVERIFY2(p.status == 0, p.err.constData());
        // The staircase's steps are quantize's scale, and the summary names the same range.
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::vector<double> levels;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith("\"quantize"))
                levels.push_back(line.split(',').last().toDouble());
        std::sort(levels.begin(), levels.end());
        levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
        QVERIFY(levels.size() >= 3);
        double step = HUGE_VAL;
        for (std::size_t k = 1; k < levels.size(); ++k)
            step = std::min(step, levels[k] - levels[k - 1]);
        const double scale = params[QStringLiteral("scale")].toDouble();
        // x̂ is float32: adjacent levels differ by S within a few ulps of the largest level.
        QVERIFY2(std::abs(step - scale) <= 1e-4 * scale, qPrintable(QStringLiteral("%1 vs %2").arg(step).arg(scale)));
        const QString range =
            options.contains(QStringLiteral("narrow")) ? QStringLiteral(" narrow ") : QStringLiteral(" full ");
        QVERIFY2(p.out.contains(range.toUtf8()), p.out.constData());
    }

    // A screenshot of a file that cannot be read is an error that names the
    // file, not a silent picture of the default example.
    void headlessRunRefusesABadFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("not npy") << QByteArray("not a numpy file") << "bad.npy" << QByteArray("no \\x93NUMPY magic");
        QTest::newRow("bad csv") << QByteArray("1,2,x,4\n") << "bad.csv" << QByteArray("'x' is not a number");
        QTest::newRow("missing") << QByteArray() << "missing.npy" << QByteArray("no such file");
    }
    void headlessRunRefusesABadFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, name);
        QFETCH(QByteArray, message);
        const QString path = m_dir.filePath(name);
        if (!content.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QString shot = m_dir.filePath(QStringLiteral("bad-") + name + QStringLiteral(".png"));
        const Run r = run(QStringLiteral(QS_GUI_PATH), {QStringLiteral("--screenshot"), shot, path}, m_env);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains(name.toUtf8()) && r.err.contains(message), r.err.constData());
        QVERIFY(!QFile::exists(shot));
    }

    void everyCliCommandAnswersHelp_data()
    {
        QTest::addColumn<QStringList>("args");
        for (const char* c : {"format", "encode", "decode", "explain", "quantize", "bench", "plot", "info", "model"})
            QTest::newRow(c) << QStringList{QString::fromLatin1(c), QStringLiteral("--help")};
        QTest::newRow("plot -h") << QStringList{QStringLiteral("plot"), QStringLiteral("-h")};
        QTest::newRow("model train --help")
            << QStringList{QStringLiteral("model"), QStringLiteral("train"), QStringLiteral("--help")};
    }
    void everyCliCommandAnswersHelp()
    {
        QFETCH(QStringList, args);
        const Run r = run(QStringLiteral(QS_CLI_PATH), args, m_env);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("usage: quantscope-cli " + args.first().toUtf8()), r.out.constData());
    }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

QTEST_MAIN(TestAppCmdline)
#include "tst_app_cmdline.moc"
