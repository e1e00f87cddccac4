// `cmake --install` puts the man pages and the shell completions in place; the
// man pages render without a warning and document every command, option and
// exit status; the bash completion completes commands, options, values,
// quantizer names, format specs and the tensor names of a file after FILE:.
#include "clitestutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using qs::test::runCli;
using qs::test::runProgram;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The tensor names of a safetensors file, read from its header here (8-byte
// little-endian length, then a JSON object keyed by name), not through the core.
QStringList safetensorsNames(const QString& path)
{
    const QByteArray bytes = readAll(path);
    quint64 n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | quint8(bytes.at(i));
    QStringList names = QJsonDocument::fromJson(bytes.mid(8, qsizetype(n))).object().keys();
    names.removeAll(QStringLiteral("__metadata__"));
    return names;
}

} // namespace

class TestCliInstall : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_prefix;
    QString m_completion;

    // Runs the installed bash completion on COMP_WORDS (as bash splits them) and returns COMPREPLY.
    QStringList complete(const QStringList& words, const QString& workDir = {})
    {
        QString script = QStringLiteral("source '%1'; COMP_WORDS=(").arg(m_completion);
        for (const QString& w : words) {
            QString q = w;
            q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
            script += QLatin1Char('\'') + q + QLatin1String("' ");
        }
        script += QStringLiteral("); COMP_CWORD=%1; %2; printf '%s\\n' \"${COMPREPLY[@]}\"")
                      .arg(words.size() - 1)
                      .arg(words.first().endsWith(QLatin1String("quantscope")) ? QStringLiteral("_quantscope")
                                                                               : QStringLiteral("_quantscope_cli"));
        const qs::test::CliRun r =
            runProgram(QStringLiteral("bash"), {QStringLiteral("-c"), script}, qs::test::plainEnvironment(), workDir);
        if (r.status != 0 || !r.err.isEmpty())
            qWarning() << r.err;
        QStringList out = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        out.sort();
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        const qs::test::CliRun r =
            runProgram(QStringLiteral(QS_CMAKE_COMMAND), {QStringLiteral("--install"), QStringLiteral(QS_BUILD_DIR),
                                                          QStringLiteral("--prefix"), m_prefix.path()});
        QVERIFY2(r.status == 0, r.err.constData());
        m_completion = m_prefix.filePath(QStringLiteral("share/bash-completion/completions/quantscope-cli"));
    }

    void filesAreInstalled_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("minBytes");
        QTest::newRow("cli man page") << "share/man/man1/quantscope-cli.1" << 20000;
        QTest::newRow("bash completion") << "share/bash-completion/completions/quantscope-cli" << 1000;
        QTest::newRow("zsh completion") << "share/zsh/vendor-completions/_quantscope-cli" << 300;
#ifdef QS_HAVE_PLOT
        QTest::newRow("gui man page") << "share/man/man1/quantscope.1" << 1500;
        QTest::newRow("gui bash completion") << "share/bash-completion/completions/quantscope" << 1000;
#endif
    }
    void filesAreInstalled()
    {
        QFETCH(QString, path);
        QFETCH(int, minBytes);
        const QFileInfo f(m_prefix.filePath(path));
        QVERIFY2(f.isFile(), qPrintable(path));
        QVERIFY2(f.size() >= minBytes, qPrintable(QStringLiteral("%1: %2 bytes").arg(path).arg(f.size())));
    }

    // man renders the pages with every warning on and says nothing on stderr.
    void manPagesRender_data()
    {
        QTest::addColumn<QString>("page");
        QTest::newRow("quantscope-cli") << "quantscope-cli";
#ifdef QS_HAVE_PLOT
        QTest::newRow("quantscope") << "quantscope";
#endif
    }
    void manPagesRender()
    {
        QFETCH(QString, page);
        const QString path = m_prefix.filePath(QStringLiteral("share/man/man1/%1.1").arg(page));
        QProcessEnvironment env = qs::test::plainEnvironment();
        env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("100"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        const qs::test::CliRun man = runProgram(
            QStringLiteral("man"),
            {QStringLiteral("--warnings"), QStringLiteral("-P"), QStringLiteral("cat"), QStringLiteral("-l"), path},
            env);
        QVERIFY2(man.status == 0, man.err.constData());
        QVERIFY2(man.err.isEmpty(), man.err.constData());
        QVERIFY(man.out.contains("EXIT STATUS"));
        const qs::test::CliRun groff = runProgram(
            QStringLiteral("groff"),
            {QStringLiteral("-ww"), QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-z"), path}, env);
        QVERIFY2(groff.status == 0 && groff.err.isEmpty(), groff.err.constData());
    }

    // The man page has a section per command with every option its --help lists.
    void manPageDocumentsEveryOption()
    {
        const QByteArray man = readAll(m_prefix.filePath(QStringLiteral("share/man/man1/quantscope-cli.1")));
        QVERIFY(man.contains(".SH EXIT STATUS"));
        for (const char* status : {".B 0\n", ".B 1\n", ".B 2\n"})
            QVERIFY(man.contains(status));
        static const QRegularExpression optionLine(QStringLiteral("^  --([a-z0-9-]+)"));
        for (const char* c : {"format", "encode", "decode", "explain", "quantize", "info", "bench", "model train",
                              "model ptq", "model qat", "model intlayer", "model outliers", "model memory"}) {
            const QByteArray section = ".SS \"" + QByteArray(c) + "\"";
            const qsizetype at = man.indexOf(section);
            QVERIFY2(at >= 0, c);
            const qsizetype end = man.indexOf(".SS ", at + 1);
            const QByteArray body = man.mid(at, end < 0 ? -1 : end - at);
            const qs::test::CliRun help = runCli(QString::fromLatin1(c).split(' ') + QStringList{"--help"});
            for (const QByteArray& l : help.out.split('\n')) {
                const auto m = optionLine.match(QString::fromUtf8(l));
                if (m.hasMatch() && m.captured(1) != QLatin1String("help")) {
                    QByteArray roffName = m.captured(1).toUtf8();
                    roffName.replace("-", "\\-");
                    QVERIFY2(body.contains("\\-\\-" + roffName),
                             qPrintable(QString::fromLatin1(c) + " --" + m.captured(1)));
                }
            }
        }
    }

    void completion_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("expected");
        const QString cli = QStringLiteral(QS_CLI_PATH);
        QTest::newRow("command") << QStringList{cli, "qua"} << QStringList{"quantize"};
        QTest::newRow("commands") << QStringList{cli, "qu"} << QStringList{"quantize", "quiz"};
        QTest::newRow("model subcommand") << QStringList{cli, "model", "p"} << QStringList{"ptq"};
        QTest::newRow("help topic") << QStringList{cli, "help", "mo"} << QStringList{"model"};
        QTest::newRow("option") << QStringList{cli, "quantize", "--quant"} << QStringList{"--quantizer"};
        QTest::newRow("subcommand option") << QStringList{cli, "model", "ptq", "--pre"} << QStringList{"--preset"};
        QTest::newRow("choice value") << QStringList{cli, "quantize", "--scheme", "a"} << QStringList{"asymmetric"};
        QTest::newRow("quantizer names") << QStringList{cli, "quantize", "--quantizer", "mxfp"}
                                         << QStringList{"mxfp4", "mxfp6-e2m3", "mxfp6-e3m2", "mxfp8-e4m3",
                                                        "mxfp8-e5m2"};
        // bash splits "--quantizer=n" into three words; the reply replaces the text after '='.
        QTest::newRow("option=value") << QStringList{cli, "quantize", "--quantizer", "=", "n"} << QStringList{"nf4"};
        QTest::newRow("calibration") << QStringList{cli, "quantize", "--calibration", "perc"}
                                     << QStringList{"percentile-hist:", "percentile:"};
        QTest::newRow("format spec") << QStringList{cli, "format", "fp8-e5"} << QStringList{"fp8-e5m2", "fp8-e5m2fnuz"};
        QTest::newRow("generator") << QStringList{cli, "quantize", "--generate", "norm"} << QStringList{"normal,"};
        QTest::newRow("memory format") << QStringList{cli, "model", "memory", "--format", "nf4"}
                                       << QStringList{"nf4", "nf4-dq"};
#ifdef QS_HAVE_PLOT
        QTest::newRow("figure kind") << QStringList{cli, "plot", "--kind", "tr"} << QStringList{"transfer"};
        QTest::newRow("gui option") << QStringList{QFileInfo(cli).path() + "/quantscope", "--scr"}
                                    << QStringList{"--screenshot"};
#endif
    }
    void completion()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        expected.sort();
        QCOMPARE(complete(words), expected);
    }

    // After FILE: the tensor names of that file; "FILE:" as one word and as bash splits it.
    void completionOfTensorNames()
    {
        const QString cli = QStringLiteral(QS_CLI_PATH);
        const QString file = QStringLiteral(QS_TEST_DATA_DIR) + QStringLiteral("/safetensors/shapes.safetensors");
        QStringList names = safetensorsNames(file);
        names.sort();
        QVERIFY(names.size() > 1);
        QCOMPARE(complete({cli, "info", file, ":", ""}), names);
        QCOMPARE(complete({cli, "quantize", "--input", file, ":", ""}), names);
        const QString first = names.first();
        QStringList withPrefix;
        for (const QString& n : names)
            if (n.startsWith(first.left(1)))
                withPrefix.append(n);
        QCOMPARE(complete({cli, "info", file, ":", first.left(1)}), withPrefix);
    }

    // zsh: the installed function with compadd/_files stubbed to print what they are given.
    void zshCompletion()
    {
        const QString fn = m_prefix.filePath(QStringLiteral("share/zsh/vendor-completions/_quantscope-cli"));
        const QString cli = QStringLiteral(QS_CLI_PATH);
        const QString script = QStringLiteral("compadd() { print -l -- \"$@\"; }; _files() { print FILES; }; "
                                              "words=('%1' quantize --calibration perc); CURRENT=4; source '%2'; "
                                              "words=('%1' info we); CURRENT=3; source '%2'")
                                   .arg(cli, fn);
        const qs::test::CliRun r = runProgram(QStringLiteral("zsh"), {QStringLiteral("-c"), script});
        QVERIFY2(r.status == 0 && r.err.isEmpty(), r.err.constData());
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY(lines.contains("percentile:"));
        QVERIFY(lines.contains("percentile-hist:"));
        QVERIFY(lines.contains("-S")); // no space after "percentile:"
        QVERIFY(lines.contains("FILES"));
    }

    // Where a file is expected, file names are offered.
    void completionOfFileNames()
    {
        QTemporaryDir dir;
        QFile(dir.filePath(QStringLiteral("weights.npy"))).open(QIODevice::WriteOnly);
        QFile(dir.filePath(QStringLiteral("other.txt"))).open(QIODevice::WriteOnly);
        const QString cli = QStringLiteral(QS_CLI_PATH);
        QCOMPARE(complete({cli, "info", "we"}, dir.path()), QStringList{"weights.npy"});
        QCOMPARE(complete({cli, "quantize", "--out", "oth"}, dir.path()), QStringList{"other.txt"});
    }
};

QTEST_GUILESS_MAIN(TestCliInstall)
#include "tst_cli_install.moc"
