// quantscope-cli report: JSON and CSV shape, the plan, the PDF, and bad input
// (exit status 2 with one line on stderr).
#include "cli/clitestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using qs::test::runCli;

namespace {

QString data(const char* relative)
{
    return QStringLiteral(QS_TEST_DATA_DIR "/") + QLatin1String(relative);
}

} // namespace

class TestReportCli : public QObject
{
    Q_OBJECT
private slots:
    void json()
    {
        const auto r = runCli({"report", data("models/shards/model.safetensors.index.json"), "--schemes",
                               "int8 channel:0; int4 block:32; q8_0", "--budget", "12", "--json"});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonArray tensors = o["tensors"].toArray();
        QVERIFY(!tensors.isEmpty());
        for (const QJsonValue& v : tensors) {
            const QJsonObject t = v.toObject();
            for (const char* k : {"name", "shape", "dtype", "count", "stats", "schemes"})
                QVERIFY2(t.contains(QLatin1String(k)), k);
            QCOMPARE(t["schemes"].toObject().keys(), (QStringList{"int4 block:32", "int8 channel:0", "q8_0"}));
        }
        const QJsonObject totals = o["totals"].toObject();
        QCOMPARE(totals.size(), 3);
        for (const QString& k : totals.keys())
            for (const char* f : {"sqnr_db", "bits_per_value", "bytes"})
                QVERIFY2(totals[k].toObject().contains(QLatin1String(f)), f);
        const QJsonObject plan = o["plan"].toObject();
        QVERIFY(plan["feasible"].toBool());
        QVERIFY(plan["bits_per_value"].toDouble() <= 12);
        QCOMPARE(plan["recipe"].toObject().size(), tensors.size());
        QVERIFY(plan["llama_quantize"].isArray());
    }

    void csvAndText()
    {
        const auto csv = runCli(
            {"report", data("models/gguf/tiny.gguf"), "--schemes", "int8; q8_0", "--filter", "^blk\\.0\\.", "--csv"});
        QCOMPARE(csv.status, 0);
        const QList<QByteArray> lines = csv.out.trimmed().split('\n');
        QVERIFY(lines.first().startsWith("tensor,shape,dtype,count,absmax,std,kurtosis,outlier_ratio"));
        QCOMPARE(lines.size(), 1 + 3 * 2); // blk.0.ffn_down/gate/up x 2 schemes
        const auto text = runCli({"report", data("models/npz/arrays.npz"), "--budget", "7"});
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.contains("Model totals"), text.out.constData());
        QVERIFY(text.out.contains("Plan for 7 bits/value"));
    }

#ifdef QS_HAVE_PLOT
    void pdf()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath("report.pdf");
        const auto r = runCli({"report", data("models/torch/state_dict.pt"), "--budget", "6", "--out", pdf});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") + bytes.count("/Type /Page ") >= 3 ||
                bytes.count("/Page") >= 3);
        const auto svg = runCli({"report", data("models/torch/state_dict.pt"), "--out", dir.filePath("r.svg")});
        QCOMPARE(svg.status, 0);
        QVERIFY(QFile::exists(dir.filePath("r-heatmap.svg")));
        QVERIFY(QFile::exists(dir.filePath("r-pareto.svg")));
    }
#endif

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString gguf = data("models/gguf/tiny.gguf");
        QTest::newRow("no model") << QStringList{"report"} << "usage: report MODEL";
        QTest::newRow("missing file") << QStringList{"report", "/nonexistent/model.gguf"} << "/nonexistent/model.gguf";
        QTest::newRow("bad scheme") << QStringList{"report", gguf, "--schemes", "int8; banana"} << "banana";
        QTest::newRow("bad regex") << QStringList{"report", gguf, "--filter", "(["} << "not a regular expression";
        QTest::newRow("no match") << QStringList{"report", gguf, "--filter", "zzz"} << "matches no tensor";
        QTest::newRow("json and csv") << QStringList{"report", gguf, "--json", "--csv"} << "at most one";
        QTest::newRow("budget") << QStringList{"report", gguf, "--budget", "0"} << "--budget";
        QTest::newRow("out suffix") << QStringList{"report", gguf, "--out", "x.docx"} << "--out";
        QTest::newRow("hostile pickle") << QStringList{"report", data("models/torch/hostile.pt")} << "refused";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = runCli(args);
        QCOMPARE(r.status, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("quantscope-cli report: "), r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_report_cli.moc"
