// quantscope-cli model ...: the real binary, its JSON and its exit status.
#include "common/testutil.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

using qs::test::Run;

Run cli(const QStringList& args)
{
    QProcessEnvironment env = qs::test::plainEnvironment();
    env.insert("QS_DIGITS_CSV", QS_DIGITS_CSV);
    return qs::test::runCli(args, env);
}

QJsonObject json(const Run& r)
{
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestModelCli : public QObject
{
    Q_OBJECT
private slots:
    void memoryTable();
    void memoryQlora();
    void intLayerRandom();
    void ptqJson();
    void badInput_data();
    void badInput();
};

void TestModelCli::memoryTable()
{
    const Run r = cli({"model", "memory", "--table", "--json"});
    QCOMPARE(r.status, 0);
    const QJsonArray models = json(r)["models"].toArray();
    QCOMPARE(models.size(), 4);
    const double expected[] = {350e9, 352e9, 140e9, 14e9};
    for (int i = 0; i < 4; ++i)
        QCOMPARE(models[i].toObject()["totalBytes"].toDouble(), expected[i]);
}

void TestModelCli::memoryQlora()
{
    const Run r = cli({"model", "memory", "--qlora", "--json"});
    QCOMPARE(r.status, 0);
    const QJsonArray models = json(r)["models"].toArray();
    QCOMPARE(models[0].toObject()["totalBytes"].toDouble(), 780e9);
    QVERIFY(models[1].toObject()["totalBytes"].toDouble() < 48e9);
}

void TestModelCli::intLayerRandom()
{
    const Run r =
        cli({"model", "intlayer", "--random", "5", "--batch", "3", "--in", "20", "--out", "6", "--json", "--matrices"});
    QCOMPARE(r.status, 0);
    const QJsonObject o = json(r);
    QVERIFY(o["maxStepDifference"].toInt() <= 1);
    QCOMPARE(o["outputs"].toInt(), 18);
    QCOMPARE(o["accumulator"].toArray().size(), 3);
    QCOMPARE(o["weightQ"].toArray()[0].toArray().size(), 20);
    const qint64 m0 = o["multipliers"].toArray()[0].toObject()["M0"].toInteger();
    QVERIFY(m0 >= (qint64(1) << 30) && m0 < (qint64(1) << 31));
}

void TestModelCli::ptqJson()
{
    const Run r =
        cli({"model", "ptq", "--preset", "W8A8", "--epochs", "10", "--sweep", "weights", "--bits", "2,8", "--json"});
    QCOMPARE(r.status, 0);
    const QJsonObject o = json(r);
    QVERIFY(o["floatAccuracy"].toDouble() > 0.9);
    QVERIFY(o["accuracy"].toDouble() > o["floatAccuracy"].toDouble() - 0.02);
    const QJsonArray sweep = o["sweep"].toArray();
    QCOMPARE(sweep.size(), 2);
    QVERIFY(sweep[1].toObject()["accuracy"].toDouble() >= sweep[0].toObject()["accuracy"].toDouble());
}

void TestModelCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no subcommand") << QStringList{"model"};
    QTest::newRow("unknown subcommand") << QStringList{"model", "fly"};
    QTest::newRow("bad preset") << QStringList{"model", "ptq", "--preset", "W0"};
    QTest::newRow("bad format") << QStringList{"model", "memory", "--params", "1e9", "--format", "fp7"};
    QTest::newRow("memory without size") << QStringList{"model", "memory"};
    QTest::newRow("bad bits") << QStringList{"model", "intlayer", "--random", "1", "--bits", "1"};
    QTest::newRow("unknown option") << QStringList{"model", "train", "--speed", "9"};
}

void TestModelCli::badInput()
{
    QFETCH(QStringList, args);
    const Run r = cli(args);
    QCOMPARE(r.status, 2);
    QVERIFY(!r.err.isEmpty());
    QCOMPARE(r.err.count('\n'), 1); // one line
}

QTEST_GUILESS_MAIN(TestModelCli)
#include "tst_model_cli.moc"
