// Bad command-line input is refused with exit status 2 and one line naming the
// option and the text (docs/io.md), before any work is done; and a
// successful run writes nothing on stderr, also on a machine without a login
// session (no XDG_RUNTIME_DIR).
#include "clitestutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using qs::test::runCli;

class TestCliBadInput : public QObject
{
    Q_OBJECT
private slots:
    void refused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        auto row = [](const char* name, QStringList args, const char* needle) {
            QTest::newRow(name) << args << QString::fromUtf8(needle);
        };
        // --values: an empty tensor or an empty field was accepted (exit 0), "+-1" read as -1.
        row("values empty", {"quantize", "--values", ""}, "--values '' holds no values");
        row("values comma", {"quantize", "--values", ","}, "field 1 is empty");
        row("values empty field", {"quantize", "--values", "1,2,,3"}, "field 3 is empty");
        row("values trailing comma", {"quantize", "--values", "1,2,"}, "field 3 is empty");
        row("values +-1", {"quantize", "--values", "+-1"}, "value '+-1' is not a number");
        row("values -+1", {"quantize", "--values", "1,-+1"}, "value '-+1' is not a number");
        // Whole numbers are checked before they become integers.
        row("quantize bins 1e308", {"quantize", "--values", "1", "--bins", "1e308"},
            "--bins '1e308' is not an integer in 1..65536");
        row("kmeans iterations", {"quantize", "--values", "1", "--kmeans-iterations", "1e300"},
            "--kmeans-iterations '1e300'");
        row("moving-minmax batch", {"quantize", "--values", "1,2", "--calibration", "moving-minmax:0.5,1.5"},
            "batch size '1.5' is not an integer");
        row("entropy bins", {"quantize", "--values", "1,2", "--calibration", "entropy:1e308"}, "bin count '1e308'");
        row("mse candidates", {"quantize", "--values", "1,2", "--calibration", "mse:1e300"}, "candidate count");
        row("channel axis", {"quantize", "--values", "1,2", "--granularity", "channel:1e300"}, "channel axis '1e300'");
        row("log2 bits", {"quantize", "--values", "1,2", "--quantizer", "log2:1e300"}, "log2 bits '1e300'");
        row("shape", {"quantize", "--values", "1,2", "--shape", "1e300"}, "--shape dimension '1e300'");
        row("outliers", {"quantize", "--values", "1", "--outliers", "nan"}, "outlier threshold 'nan'");
        row("scheme", {"quantize", "--values", "1", "--scheme", "sideways"},
            "--scheme 'sideways' is not one of symmetric, asymmetric");
        row("encode index", {"encode", "fp16", "1", "--index", "1e300"}, "--index '1e300'");
        row("bench seed", {"bench", "--seed", "1e300"}, "--seed '1e300' is not an integer >= 0");
        row("bench n", {"bench", "--n", "1.5"}, "--n '1.5'");
        row("bench repeat", {"bench", "--repeat", "0"}, "--repeat '0'");
        // The Model Lab: refused before any training.
        row("train lr inf", {"model", "train", "--lr", "inf"}, "--lr 'inf' is not a number in (0, 10]");
        row("train lr nan", {"model", "train", "--lr", "nan"}, "--lr 'nan'");
        row("train lr 0", {"model", "train", "--lr", "0"}, "--lr '0'");
        row("qat lr inf", {"model", "qat", "--qat-lr", "inf"}, "--qat-lr 'inf'");
        row("params 1e300", {"model", "memory", "--params", "1e300"}, "--params '1e300' is not a number in [1, 1e+15]");
        row("kv-context 1.5", {"model", "memory", "--model", "llama2-70b", "--kv-context", "1.5"},
            "--kv-context '1.5' is not an integer");
        row("ptq bits 0", {"model", "ptq", "--bits", "0"}, "--bits '0' is not an integer in 1..16");
        row("ptq bits without sweep", {"model", "ptq", "--bits", "4"}, "--bits needs --sweep");
        row("epochs", {"model", "train", "--epochs", "1e300"}, "--epochs '1e300'");
        row("hidden", {"model", "train", "--hidden", "32,,16"}, "--hidden '32,,16' has an empty entry");
        row("random seed", {"model", "intlayer", "--random", "1e300"}, "--random '1e300'");
        row("threshold", {"model", "outliers", "--threshold", "-6"}, "--threshold '-6'");
        row("preset", {"model", "ptq", "--preset", "W0"}, "--preset 'W0'");
#ifdef QS_HAVE_PLOT
        for (const char* bins : {"1.5", "nan", "inf", "1e308", "2147483648", "0"})
            QTest::newRow(qPrintable(QStringLiteral("plot bins %1").arg(bins)))
                << QStringList{"plot", "--out", "x.png", "--bins", bins}
                << QStringLiteral("--bins '%1' is not an integer in 1..65536").arg(bins);
        for (const char* channel : {"nan", "inf", "1e308", "1.5", "-1"})
            QTest::newRow(qPrintable(QStringLiteral("plot channel %1").arg(channel)))
                << QStringList{"plot", "--out", "x.png", "--kind", "channels", "--channel", channel}
                << QStringLiteral("--channel '%1' is not an integer").arg(channel);
        row("plot size", {"plot", "--out", "x.png", "--size", "99999x99999"},
            "--size '99999x99999' is not WxH with each side in 16..10000 pixels");
        row("plot size 0", {"plot", "--out", "x.png", "--size", "0x100"}, "--size '0x100'");
        row("plot dpi", {"plot", "--out", "x.png", "--dpi", "nan"}, "--dpi 'nan'");
        row("plot kind", {"plot", "--out", "x.png", "--kind", "pie"}, "--kind 'pie'");
        row("plot values", {"plot", "--out", "x.png", "--values", "1,,2"}, "field 2 is empty");
#endif
    }
    void refused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        QTemporaryDir dir;
        for (QString& a : args)
            if (a == QLatin1String("x.png"))
                a = dir.filePath(a);
        const qs::test::CliRun r = runCli(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QByteArray err = r.err.trimmed();
        QVERIFY2(err.count('\n') == 0, err.constData()); // one line: no Qt warnings before it
        QVERIFY2(err.contains(needle.toUtf8()), err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
    }

    // Values that are fine keep working (the stricter grammar takes nothing away).
    void accepted_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("spaces and commas")
            << QStringList{"quantize", "--values", "1, 2; 3 4", "--emit-values"} << "values        4";
        QTest::newRow("hex float and sign")
            << QStringList{"quantize", "--values", "+0x1p2,-2", "--emit-values"} << "values        2";
        QTest::newRow("bins 1e3") << QStringList{"quantize", "--values", "1,2", "--bins", "1e3", "--json"}
                                  << "\"histogram_bins\": 1000";
        QTest::newRow("outliers columns")
            << QStringList{"quantize", "--values", "1,2,30", "--shape", "1x3", "--outliers", "columns:6"}
            << "outliers      ";
    }
    void accepted()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const qs::test::CliRun r = runCli(args);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.out.contains(needle.toUtf8()), r.out.constData());
    }

    // Nothing on stderr on success, for every command (no XDG_RUNTIME_DIR in the environment).
    void quietOnSuccess_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString data = QStringLiteral(QS_TEST_DATA_DIR);
        QTest::newRow("help") << QStringList{"--help"};
        QTest::newRow("help command") << QStringList{"help", "quantize"};
        QTest::newRow("version") << QStringList{"--version"};
        QTest::newRow("format") << QStringList{"format", "fp8-e4m3"};
        QTest::newRow("encode") << QStringList{"encode", "fp16", "1.1", "--json"};
        QTest::newRow("decode") << QStringList{"decode", "fp16", "0x3c00"};
        QTest::newRow("explain") << QStringList{"explain", "fp32", "0.1"};
        QTest::newRow("quantize") << QStringList{"quantize", "--generate", "normal,n=1000,seed=1", "--json"};
        QTest::newRow("info") << QStringList{"info", data + "/safetensors/shapes.safetensors"};
        QTest::newRow("model memory") << QStringList{"model", "memory", "--params", "7e9"};
        QTest::newRow("model outliers") << QStringList{"model", "outliers", "--tokens", "8", "--channels", "16"};
        QTest::newRow("model intlayer") << QStringList{"model", "intlayer", "--random", "2"};
        QTest::newRow("bench") << QStringList{"bench", "--n", "4096", "--repeat", "1", "--stages", "minmax"};
        QTest::newRow("man") << QStringList{"--man", "quantscope-cli"};
        QTest::newRow("complete") << QStringList{"__complete", "quantize", "--sch"};
#ifdef QS_HAVE_PLOT
        QTest::newRow("plot") << QStringList{"plot",    "--generate", "normal,n=1000", "--size",
                                             "400x300", "--out",      "fig.png"};
        QTest::newRow("plot --help") << QStringList{"plot", "--help"};
#endif
    }
    void quietOnSuccess()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        for (QString& a : args)
            if (a == QLatin1String("fig.png"))
                a = dir.filePath(a);
        const qs::test::CliRun r = runCli(args);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY(!r.out.isEmpty());
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_cli_badinput.moc"
