// `quantscope-cli info` end to end: the real binary, its JSON and its exit status.
// Expected statistics are worked out by hand from the corpus files' contents.
#include "common/testutil.h"
#include "iotestutil.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs::iotest;

namespace {

using qs::test::Run;
using qs::test::runCli;

} // namespace

class TestIoCliInfo : public QObject
{
    Q_OBJECT
private slots:
    void jsonStatistics_data();
    void jsonStatistics();
    void safetensorsListing();
    void humanTable();
    void headerListingNamesAsFullListing();
    void badFileExitsWithTwo_data();
    void badFileExitsWithTwo();
};

void TestIoCliInfo::jsonStatistics_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("mean");
    QTest::addColumn<int>("nan");
    QTest::addColumn<int>("posinf");
    QTest::addColumn<int>("neginf");
    QTest::addColumn<int>("inexact");
    // matrix.csv: 1.5 -2 300 / 4 nan -inf -> finite mean (1.5 - 2 + 300 + 4) / 4.
    QTest::newRow("csv") << "text/matrix.csv"
                         << "text" << -2.0 << 300.0 << 75.875 << 1 << 0 << 1 << 0;
    // version_1.npy: arange(6) / 4.
    QTest::newRow("npy") << "npy/version_1.npy"
                         << "float32" << 0.0 << 1.25 << 0.625 << 0 << 0 << 0 << 0;
    // special_f4: nan, inf, -inf, -0, 1e-45, -1.17549435e-38, +-3.4028235e38, 1.
    QTest::newRow("specials") << "npy/special_f4.npy"
                              << "float32" << -3.4028234663852886e38 << 3.4028234663852886e38 << 1.0 / 6.0 << 1 << 1
                              << 1 << 0;
    // i8_big: 2^24+1, 2^53+1, 2^63-1, 3*(2^24+1) are not float32 values.
    QTest::newRow("int64") << "npy/i8_big.npy"
                           << "int64" << -9223372036854775808.0 << 9223372036854775808.0 << std::nan("") << 0 << 0 << 0
                           << 4;
}

void TestIoCliInfo::jsonStatistics()
{
    QFETCH(QString, file);
    QFETCH(QString, dtype);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, mean);
    QFETCH(int, nan);
    QFETCH(int, posinf);
    QFETCH(int, neginf);
    QFETCH(int, inexact);
    const Run r = runCli({"info", QString::fromStdString(dataPath(file.toStdString())), "--json"});
    QCOMPARE(r.status, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray tensors = o.value("tensors").toArray();
    QCOMPARE(tensors.size(), 1);
    const QJsonObject t = tensors[0].toObject();
    QCOMPARE(t.value("dtype").toString(), dtype);
    QCOMPARE(t.value("min").toDouble(), min);
    QCOMPARE(t.value("max").toDouble(), max);
    if (!std::isnan(mean))
        QVERIFY2(std::abs(t.value("mean").toDouble() - mean) <= 1e-12 * std::max(1.0, std::abs(mean)),
                 qPrintable(QString::number(t.value("mean").toDouble(), 'g', 17)));
    QCOMPARE(t.value("nan").toInt(), nan);
    QCOMPARE(t.value("posinf").toInt(), posinf);
    QCOMPARE(t.value("neginf").toInt(), neginf);
    QCOMPARE(t.value("inexact").toInt(), inexact);
    QCOMPARE(t.value("count").toInt(), t.value("finite").toInt() + nan + posinf + neginf);
}

void TestIoCliInfo::safetensorsListing()
{
    const Run r = runCli({"info", QString::fromStdString(dataPath("safetensors/all_dtypes.safetensors")), "--json"});
    QCOMPARE(r.status, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("format").toString(), QString("safetensors"));
    QCOMPARE(o.value("metadata").toObject().value("note").toString(), QString::fromUtf8("caf\u00e9 \u00b5"));
    const QJsonArray tensors = o.value("tensors").toArray();
    QCOMPARE(tensors.size(), 15);
    QStringList names;
    for (const auto& t : tensors)
        names << t.toObject().value("name").toString();
    QCOMPARE(names.first(), QString("t_bf16"));
    QVERIFY(names.contains("t_f8_e4m3"));
    for (const auto& v : tensors) {
        const QJsonObject t = v.toObject();
        if (t.value("name") == "t_f8_e4m3") {
            // All 256 codes: +-448 extremes, the two NaNs S.1111.111, no Inf.
            QCOMPARE(t.value("max").toDouble(), 448.0);
            QCOMPARE(t.value("nan").toInt(), 2);
            QCOMPARE(t.value("posinf").toInt() + t.value("neginf").toInt(), 0);
            QCOMPARE(t.value("shape").toArray(), (QJsonArray{16, 16}));
        }
        if (t.value("name") == "t_f8_e5m2") {
            QCOMPARE(t.value("max").toDouble(), 57344.0);
            QCOMPARE(t.value("nan").toInt(), 6); // e = 31 with m = 1, 2, 3, both signs
            QCOMPARE(t.value("posinf").toInt(), 1);
        }
    }
    // FILE:TENSOR narrows the listing.
    const Run one =
        runCli({"info", QString::fromStdString(dataPath("safetensors/all_dtypes.safetensors:t_u8")), "--json"});
    QCOMPARE(one.status, 0);
    QCOMPARE(QJsonDocument::fromJson(one.out).object().value("tensors").toArray().size(), 1);
}

void TestIoCliInfo::humanTable()
{
    const Run r = runCli({"info", QString::fromStdString(dataPath("npy/f8_wide.npy"))});
    QCOMPARE(r.status, 0);
    QVERIFY2(r.out.contains("npy 1.0, 1 tensor"), r.out.constData());
    QVERIFY2(r.out.contains("2 float64 values were rounded to the nearest float32"), r.out.constData());
    QVERIFY2(r.out.contains("2 float64 values are beyond the float32 range and became +-Inf"), r.out.constData());
}

// `info --list` (headers only, the GUI's tensor list) shows the same printable
// names as the full listing, and each selects its tensor: names holding a
// backslash or a lone surrogate used to be escaped twice in the header listing.
void TestIoCliInfo::headerListingNamesAsFullListing()
{
    const QList<QByteArray> stored = {"a\\b", "\\ud800", "plain", "tab\\t"}; // JSON text of the names
    QTemporaryDir dir;
    const QString path = dir.filePath("names.safetensors");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(qs::test::safetensorsOfScalars(stored, {1, 2, 3, 4}));
    f.close();

    auto names = [](const Run& r) {
        QStringList out;
        for (const auto& t : QJsonDocument::fromJson(r.out).object().value("tensors").toArray())
            out << t.toObject().value("name").toString();
        return out;
    };
    const Run full = runCli({"info", path, "--json"});
    const Run list = runCli({"info", path, "--list", "--json"});
    QCOMPARE(full.status, 0);
    QCOMPARE(list.status, 0);
    QCOMPARE(names(list), names(full));
    QCOMPARE(names(full).size(), stored.size());
    for (const QString& name : names(list)) {
        const Run one = runCli({"info", path + ":" + name, "--json"});
        QVERIFY2(one.status == 0, one.err.constData());
        QCOMPARE(names(one), QStringList{name});
    }
}

void TestIoCliInfo::badFileExitsWithTwo_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate") << "bad/duplicate.safetensors"
                               << "duplicate tensor name 'a'";
    QTest::newRow("pickle") << "bad/pickle.npy"
                            << "refused";
    QTest::newRow("missing") << "nope.npy"
                             << "no such file";
}

void TestIoCliInfo::badFileExitsWithTwo()
{
    QFETCH(QString, file);
    QFETCH(QString, message);
    const Run r = runCli({"info", QString::fromStdString(dataPath(file.toStdString()))});
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.startsWith("quantscope-cli info: ") && r.err.contains(message.toUtf8()), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestIoCliInfo)
#include "tst_io_cli_info.moc"
