// `quantscope-cli COMMAND --help` and `help COMMAND` list every option, and the
// list agrees with the parser: every option the help names is accepted (the
// parser then stops at a sentinel option after it, not at it), and every
// option the commands accepted before the options table (written out below)
// is listed. Every help has its examples, and `help` equals `--help`.
#include "clitestutil.h"

#include <QRegularExpression>
#include <QTest>

using qs::test::runCli;

namespace {

struct HelpOption
{
    QString name;
    bool takesValue = false;
    QString meaning;
};

// "  --bins N                  histogram bins ..." -> {bins, true, "histogram bins ..."}
QList<HelpOption> optionsOf(const QByteArray& help)
{
    static const QRegularExpression line(QStringLiteral("^  --([a-z0-9][a-z0-9-]*)( [^ ]+)?\\s*(.*)$"));
    QList<HelpOption> out;
    for (const QByteArray& l : help.split('\n')) {
        const auto m = line.match(QString::fromUtf8(l));
        if (m.hasMatch())
            out.append({m.captured(1), !m.captured(2).isEmpty(), m.captured(3).trimmed()});
    }
    return out;
}

// The names listed under a heading ("commands:", "Subcommands:"), two-space indented.
QStringList namesUnder(const QByteArray& help, const QByteArray& heading)
{
    QStringList names;
    bool in = false;
    for (const QByteArray& l : help.split('\n')) {
        if (l.trimmed() == heading) {
            in = true;
        } else if (in) {
            if (!l.startsWith("  "))
                break;
            if (!l.startsWith("   ")) // not the continuation of a wrapped line
                names.append(QString::fromUtf8(l.trimmed().split(' ').first()));
        }
    }
    return names;
}

// Every command path: "quantize", "model ptq", ...
QList<QStringList> commandPaths()
{
    QList<QStringList> paths;
    for (const QString& c : namesUnder(runCli({"--help"}).out, "commands:")) {
        const QByteArray help = runCli({c, "--help"}).out;
        const QStringList subs = namesUnder(help, "Subcommands:");
        paths.append({c});
        for (const QString& s : subs)
            paths.append({c, s});
    }
    return paths;
}

} // namespace

class TestCliHelp : public QObject
{
    Q_OBJECT
private slots:
    void commandsAreListed()
    {
        const QStringList commands = namesUnder(runCli({"--help"}).out, "commands:");
        for (const char* c : {"format", "encode", "decode", "explain", "quantize", "info", "report", "model", "bench"})
            QVERIFY2(commands.contains(QLatin1String(c)), c);
#ifdef QS_HAVE_PLOT
        QVERIFY(commands.contains(QStringLiteral("plot")));
#endif
    }

    void helpOfEveryCommand_data()
    {
        QTest::addColumn<QStringList>("path");
        for (const QStringList& p : commandPaths())
            QTest::newRow(qPrintable(p.join(' '))) << p;
    }
    void helpOfEveryCommand()
    {
        QFETCH(QStringList, path);
        const qs::test::CliRun viaOption = runCli(path + QStringList{"--help"});
        const qs::test::CliRun viaHelp = runCli(QStringList{"help"} + path);
        QCOMPARE(viaOption.status, 0);
        QCOMPARE(viaHelp.status, 0);
        QVERIFY(viaOption.err.isEmpty() && viaHelp.err.isEmpty());
        QCOMPARE(viaHelp.out, viaOption.out);
        const QByteArray& help = viaOption.out;
        QVERIFY2(help.startsWith("usage: quantscope-cli " + path.join(' ').toUtf8()), help.constData());
        // Two examples or more, each a command line of this command.
        const qsizetype at = help.indexOf("\nExamples:\n");
        QVERIFY2(at > 0, help.constData());
        const QByteArray examples = help.mid(at);
        QVERIFY2(examples.count("\n  quantscope-cli " + path.first().toUtf8()) >= 2, examples.constData());
        // Every option has a line of meaning.
        const QList<HelpOption> options = optionsOf(help);
        QVERIFY(!options.isEmpty());
        for (const HelpOption& o : options)
            QVERIFY2(!o.meaning.isEmpty(), qPrintable(o.name));
    }

    // Every option the help lists is one the parser accepts: after it (with a value
    // if it takes one) the parser goes on and stops at the sentinel instead.
    void helpedOptionsAreAccepted_data()
    {
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QString>("option");
        QTest::addColumn<bool>("takesValue");
        for (const QStringList& p : commandPaths()) {
            const QByteArray help = runCli(p + QStringList{"--help"}).out;
            const QStringList subs = namesUnder(help, "Subcommands:");
            if (!subs.isEmpty())
                continue; // `model` takes a subcommand first
            for (const HelpOption& o : optionsOf(help))
                if (o.name != QLatin1String("help")) // answered before parsing
                    QTest::newRow(qPrintable(p.join(' ') + " --" + o.name)) << p << o.name << o.takesValue;
        }
    }
    void helpedOptionsAreAccepted()
    {
        QFETCH(QStringList, path);
        QFETCH(QString, option);
        QFETCH(bool, takesValue);
        const QString arg = takesValue ? QStringLiteral("--%1=@@").arg(option) : QStringLiteral("--%1").arg(option);
        const qs::test::CliRun r = runCli(path + QStringList{arg, QStringLiteral("--zz-sentinel")});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("unknown option --zz-sentinel"), r.err.constData());
        // And an option the help does not list is refused.
        const qs::test::CliRun unknown = runCli(path + QStringList{QStringLiteral("--%1-not").arg(option)});
        QCOMPARE(unknown.status, 2);
        QVERIFY2(unknown.err.contains("unknown option --" + option.toUtf8() + "-not"), unknown.err.constData());
    }

    // The options each command accepted before the options table (from the
    // parsers' lists of that time): all of them are still accepted and listed.
    void everyOptionIsListed_data()
    {
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QStringList>("options");
        const QStringList train = {"data", "seed", "epochs", "hidden", "lr"};
        const QStringList spec = {"preset",      "weights",       "w-granularity", "w-scheme",      "w-calibration",
                                  "activations", "a-granularity", "a-scheme",      "a-calibration", "calib-samples"};
        QTest::newRow("format") << QStringList{"format"} << QStringList{"json"};
        QTest::newRow("encode") << QStringList{"encode"} << QStringList{"json", "saturate", "rounding", "index"};
        QTest::newRow("decode") << QStringList{"decode"} << QStringList{"json"};
        QTest::newRow("explain") << QStringList{"explain"} << QStringList{"json", "saturate", "rounding"};
        QTest::newRow("quantize") << QStringList{"quantize"}
                                  << QStringList{"json",
                                                 "emit-values",
                                                 "scaled",
                                                 "histograms",
                                                 "values",
                                                 "generate",
                                                 "input",
                                                 "shape",
                                                 "config",
                                                 "quantizer",
                                                 "scheme",
                                                 "range",
                                                 "convention",
                                                 "granularity",
                                                 "calibration",
                                                 "rounding",
                                                 "outliers",
                                                 "bins",
                                                 "kmeans-iterations",
                                                 "out",
                                                 "codes-out",
                                                 "hist-out",
                                                 "scale-format",
                                                 "mx-scale",
                                                 "pad-blocks",
                                                 "double-quant",
                                                 "curve-group"};
        QTest::newRow("bench") << QStringList{"bench"} << QStringList{"json", "n", "repeat", "stages", "seed"};
        QTest::newRow("info") << QStringList{"info"} << QStringList{"list", "json"};
        QTest::newRow("report") << QStringList{"report"}
                                << QStringList{"schemes", "filter", "budget", "json", "csv", "out"};
        QTest::newRow("model train") << QStringList{"model", "train"} << train + QStringList{"json"};
        QTest::newRow("model ptq") << QStringList{"model", "ptq"}
                                   << train + spec + QStringList{"json", "dynamic", "sweep", "bits"};
        QTest::newRow("model qat") << QStringList{"model", "qat"}
                                   << train + spec +
                                          QStringList{"json", "dynamic", "bits", "target", "qat-epochs", "qat-lr"};
        QTest::newRow("model intlayer") << QStringList{"model", "intlayer"}
                                        << train +
                                               QStringList{"json",   "signed",   "per-channel", "asymmetric-weights",
                                                           "relu",   "matrices", "layer",       "samples",
                                                           "random", "batch",    "in",          "out",
                                                           "bits"};
        QTest::newRow("model outliers") << QStringList{"model", "outliers"}
                                        << QStringList{"json",     "tokens", "channels",  "out",
                                                       "outliers", "bits",   "threshold", "seed"};
        QTest::newRow("model memory") << QStringList{"model", "memory"}
                                      << QStringList{"json",        "table",        "qlora",     "train",
                                                     "master",      "model",        "params",    "format",
                                                     "kv-context",  "kv-batch",     "kv-format", "optimizer",
                                                     "grad-format", "state-format", "lora-rank"};
#ifdef QS_HAVE_PLOT
        QTest::newRow("plot") << QStringList{"plot"}
                              << QStringList{"log-y",  "scaled",     "no-caption",  "config",      "kind",
                                             "out",    "csv",        "size",        "dpi",         "channel",
                                             "values", "generate",   "input",       "quantizer",   "scheme",
                                             "range",  "convention", "granularity", "calibration", "rounding",
                                             "bins"};
#endif
    }
    void everyOptionIsListed()
    {
        QFETCH(QStringList, path);
        QFETCH(QStringList, options);
        QStringList listed;
        for (const HelpOption& o : optionsOf(runCli(path + QStringList{"--help"}).out))
            listed.append(o.name);
        for (const QString& o : options)
            QVERIFY2(listed.contains(o), qPrintable(path.join(' ') + " --" + o));
    }

    // The quantizer names come from one list (quant/quantconfig.cpp): help and completion show the same.
    void quantizerNamesInHelpAndCompletion()
    {
        const QByteArray help = runCli({"quantize", "--help"}).out;
        const qs::test::CliRun complete = runCli({"__complete", "quantize", "--quantizer", ""});
        QCOMPARE(complete.status, 0);
        const QList<QByteArray> names = complete.out.trimmed().split('\n');
        QVERIFY(names.size() > 20);
        for (const QByteArray& n : names)
            if (!n.startsWith('@'))
                QVERIFY2(help.contains(" " + n), n.constData());
        for (const char* n : {"nf4", "mxfp4", "q4_1", "fp8-e4m3", "int8"})
            QVERIFY(names.contains(n));
    }

    // The storage and convention words are rows of the one table: help lists each
    // with its meaning, completion offers exactly the words the parser accepts.
    void choiceWordsInHelpAndCompletion_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("scale-format") << "scale-format" << QStringList{"auto", "fp32", "fp16", "bf16", "e8m0"};
        QTest::newRow("mx-scale") << "mx-scale" << QStringList{"floor", "ceil", "even", "rceil"};
        QTest::newRow("convention") << "convention" << QStringList{"textbook", "pytorch", "nvidia", "bitsandbytes"};
    }
    void choiceWordsInHelpAndCompletion()
    {
        QFETCH(QString, option);
        QFETCH(QStringList, words);
        const QByteArray help = runCli({"quantize", "--help"}).out;
        const qs::test::CliRun complete = runCli({"__complete", "quantize", "--" + option, ""});
        QCOMPARE(complete.status, 0);
        QStringList offered;
        for (const QByteArray& w : complete.out.trimmed().split('\n'))
            offered.append(QString::fromUtf8(w).section('\t', 0, 0));
        QCOMPARE(offered, words);
        QVERIFY2(help.contains("values: " + words.join('|').toUtf8()), qPrintable(option));
        for (const QString& w : words) {
            const qs::test::CliRun r =
                runCli({"quantize", "--values", "1,2,3", "--quantizer", "int8", "--" + option, w, "--json"});
            // Accepted by the parser (a combination the quantizer refuses is exit 2 with its own message).
            QVERIFY2(!r.err.contains("unknown"), r.err.constData());
        }
    }

    void unknownHelpTopic()
    {
        const qs::test::CliRun r = runCli({"help", "frobnicate"});
        QCOMPARE(r.status, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("unknown command 'frobnicate'"));
        const qs::test::CliRun sub = runCli({"help", "model", "fly"});
        QCOMPARE(sub.status, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_cli_help.moc"
