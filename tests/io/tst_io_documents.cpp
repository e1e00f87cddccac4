// Strict reading of what users hand the app, with messages that say what is
// wrong: session and settings JSON (wrong-typed fields used to fall back to
// defaults silently, a JSON array said "no error occurred", deep nesting "not a
// JSON object"), numbers from files checked before they become integers
// (an embedded shape [2.5] was accepted, [1e300] became "negative dimension"),
// an .npy type string without a byte order, a CSV whose first line is a
// malformed number, and the CLI commands that read these files.
#include "common/testutil.h"
#include "iotestutil.h"

#include "formats/error.h"
#include "io/ioerror.h"
#include "io/npy.h"
#include "io/sessionfile.h"
#include "io/textreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace qs;

namespace {

// A valid session as the GUI writes it; tests break one field at a time.
QJsonObject goodSession()
{
    QJsonObject config{{"quantizer", "int8"}, {"scheme", "symmetric"}, {"histogram_bins", 256}};
    QJsonObject embedded{{"shape", QJsonArray{2}}, {"dtype", "float32-le"}, {"base64", "AACAPwAAAEA="}}; // 1, 2
    QJsonObject data{{"kind", "file"}, {"file", "/nonexistent/x.npy"}, {"embedded", embedded}};
    QJsonObject view{
        {"plot", "error"}, {"log_y", false}, {"channel", 3}, {"compare", QJsonArray{"nf4", "int4 channel:0"}}};
    return QJsonObject{{"quantscope_session", 1}, {"data", data}, {"config", config}, {"view", view}};
}

// Sets a value at "a.b.c" in a copy of `o`.
QJsonObject with(QJsonObject o, const QString& path, const QJsonValue& v)
{
    const QStringList keys = path.split('.');
    if (keys.size() == 1) {
        o[keys[0]] = v;
        return o;
    }
    o[keys[0]] = with(o.value(keys[0]).toObject(), keys.mid(1).join('.'), v);
    return o;
}

QString nested(int depth)
{
    return "{\"a\":" + QString(depth, '[') + QString(depth, ']') + "}";
}

QString runCli(const QStringList& args, int& code)
{
    const qs::test::Run r = qs::test::runCli(args);
    code = r.status;
    return r.status < 0 ? QStringLiteral("timed out or crashed") : QString::fromUtf8(r.err);
}

} // namespace

class TestIoDocuments : public QObject
{
    Q_OBJECT
private slots:
    void goodSessionReads();
    void badSessions_data();
    void badSessions();
    void notAnObject_data();
    void notAnObject();
    void settingsDocument();
    void npyWithoutByteOrder();
    void csvFirstLineNumbers();
    void cliReaders_data();
    void cliReaders();
};

void TestIoDocuments::goodSessionReads()
{
    const SessionDocument d = parseSessionDocument(goodSession());
    QCOMPARE(int(d.kind), int(SessionDocument::DataKind::File));
    QCOMPARE(d.file, std::string("/nonexistent/x.npy"));
    QVERIFY(d.embedded);
    QCOMPARE(d.embedded->shape(), (Shape{2}));
    QCOMPARE(d.embedded->data()[0], 1.0f);
    QCOMPARE(d.embedded->data()[1], 2.0f);
    QCOMPARE(d.config.histogramBins, 256);
    QCOMPARE(d.plot, std::string("error"));
    QCOMPARE(d.logY, false);
    QCOMPARE(d.channel, 3);
    QVERIFY(d.compare);
    QCOMPARE(d.compare->size(), std::size_t(2));
    // Optional parts may be missing: defaults.
    QJsonObject minimal = goodSession();
    minimal.remove("view");
    const SessionDocument m = parseSessionDocument(minimal);
    QCOMPARE(m.channel, 0);
    QCOMPARE(m.logY, true);
    QVERIFY(!m.compare);
}

void TestIoDocuments::badSessions_data()
{
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("message");
    const QJsonObject s = goodSession();
    QTest::newRow("config is a list") << with(s, "config", QJsonArray{1})
                                      << "'config' must be a JSON object, not a list";
    QTest::newRow("channel is a string") << with(s, "view.channel", "3") << "'view.channel' must be an integer";
    QTest::newRow("channel is fractional") << with(s, "view.channel", 1.5) << "'view.channel' must be an integer";
    QTest::newRow("channel is huge") << with(s, "view.channel", 1e300) << "'view.channel' must be an integer from 0";
    QTest::newRow("channel is negative") << with(s, "view.channel", -1) << "'view.channel' must be an integer from 0";
    QTest::newRow("log_y is a string") << with(s, "view.log_y", "yes") << "'view.log_y' must be true or false";
    QTest::newRow("plot is a number") << with(s, "view.plot", 5) << "'view.plot' must be a string, not a number";
    QTest::newRow("view is a string") << with(s, "view", "x") << "'view' must be a JSON object";
    QTest::newRow("data is a list") << with(s, "data", QJsonArray{}) << "'data' must be a JSON object";
    QTest::newRow("file is a number") << with(s, "data.file", 3) << "'data.file' must be a string";
    QTest::newRow("compare entry 5") << with(s, "view.compare", QJsonArray{"int8", 5})
                                     << "view.compare entry 2 is a number, not a quantizer spec";
    QTest::newRow("compare entry null") << with(s, "view.compare", QJsonArray{QJsonValue()})
                                        << "view.compare entry 1 is null, not a quantizer spec";
    QTest::newRow("embedded shape 2.5") << with(s, "data.embedded.shape", QJsonArray{2.5})
                                        << "a dimension of 'data.embedded.shape' must be an integer";
    QTest::newRow("embedded shape 1e300") << with(s, "data.embedded.shape", QJsonArray{1e300})
                                          << "a dimension of 'data.embedded.shape' must be an integer from 0 to";
    QTest::newRow("embedded shape -2") << with(s, "data.embedded.shape", QJsonArray{-2})
                                       << "a dimension of 'data.embedded.shape' must be an integer from 0 to";
    QTest::newRow("embedded too short") << with(s, "data.embedded.shape", QJsonArray{3})
                                        << "embedded data does not match its shape (8 bytes for 3 values)";
    QTest::newRow("embedded not base64") << with(s, "data.embedded.base64", "!!!")
                                         << "'data.embedded.base64' is not base64";
    QTest::newRow("version is a string") << with(s, "quantscope_session", "1") << "not a Quantscope session";
    QTest::newRow("no version") << QJsonObject{{"data", s.value("data")}} << "missing \"quantscope_session\": 1";
    QTest::newRow("unknown kind") << with(s, "data.kind", "camera") << "unknown data kind 'camera'";
    QTest::newRow("bad config value") << with(s, "config.histogram_bins", "many")
                                      << "'histogram_bins' must be a number";
}

void TestIoDocuments::badSessions()
{
    QFETCH(QJsonObject, document);
    QFETCH(QString, message);
    try {
        parseSessionDocument(document);
        QFAIL("accepted");
    } catch (const Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    }
}

void TestIoDocuments::notAnObject_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("an array") << "[1, 2]"
                              << "the session is a JSON array, not a JSON object";
    QTest::newRow("a number") << "7"
                              << "the session is not valid JSON"; // Qt reads objects and arrays only
    QTest::newRow("nested 2000 deep") << nested(2000) << "the session is not valid JSON (at byte";
    QTest::newRow("cut short") << "{\"a\": [1,"
                               << "the session is not valid JSON (at byte";
    QTest::newRow("empty") << ""
                           << "the session is not valid JSON";
}

void TestIoDocuments::notAnObject()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        parseJsonObject(text.toStdString(), "x.qscope", "session");
        QFAIL("accepted");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::BadHeader));
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith("x.qscope: " + message), qPrintable(what));
        QVERIFY2(!what.contains("no error occurred"), qPrintable(what));
    }
}

void TestIoDocuments::settingsDocument()
{
    const SettingsDocument session = parseSettingsDocument(goodSession());
    QVERIFY(session.session);
    QCOMPARE(session.config.histogramBins, 256);
    const SettingsDocument bare = parseSettingsDocument(QJsonObject{{"quantizer", "nf4"}});
    QVERIFY(!bare.session);
    QCOMPARE(bare.config.quantizerSpec(), std::string("nf4"));
    QVERIFY_THROWS_EXCEPTION(Error, parseSettingsDocument(QJsonObject{{"quantizer", 4}}));
}

void TestIoDocuments::npyWithoutByteOrder()
{
    auto npy = [](const char* descr, int bytes) {
        QByteArray dict = QByteArray("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (2,), }";
        while ((10 + dict.size() + 1) % 64)
            dict += ' ';
        dict += '\n';
        QByteArray out("\x93NUMPY\x01\x00", 8);
        out += char(dict.size());
        out += char(0);
        return out + dict + QByteArray(bytes, '\0');
    };
    // 'V4' was "unknown byte order": it is a void type, which is named.
    try {
        readNpy(iotest::bytesOf(npy("V4", 8)), "v.npy");
        QFAIL("accepted");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::UnsupportedDtype));
        QVERIFY2(QString(e.what()).contains("unsupported dtype 'V4': void/structured records"), e.what());
    }
    // NumPy reads a type string without a byte order as native order; so do we.
    const LoadedTensor t = readNpy(iotest::bytesOf(npy("f4", 8)), "f.npy");
    QCOMPARE(t.tensor.size(), std::int64_t(2));
    QCOMPARE(t.dtype, std::string("float32"));
    try {
        readNpy(iotest::bytesOf(npy("!f4", 8)), "b.npy");
        QFAIL("accepted");
    } catch (const IoError& e) {
        QVERIFY2(QString(e.what()).contains("unknown byte order '!'"), e.what());
    }
}

void TestIoDocuments::csvFirstLineNumbers()
{
    // A malformed number on the first line is an error, not a column name.
    for (const char* text : {"0x1p3\n1\n", "1.2.3,4\n", "1e\n2\n", "+-1\n2\n", "--5\n2\n"}) {
        try {
            parseText(text, "n.csv");
            QFAIL(text);
        } catch (const IoError& e) {
            QVERIFY2(QString(e.what()).contains("line 1, column 1: '") && QString(e.what()).contains("is not a number"),
                     e.what());
        }
    }
    // "+-1" is not -1.
    QVERIFY_THROWS_EXCEPTION(IoError, parseText("1\n+-1\n", "s.csv"));
    // Words are still column names, and so are signs without a digit.
    QCOMPARE(parseText("1st,2nd\n1,2\n", "h.csv").columns, (std::vector<std::string>{"1st", "2nd"}));
    QCOMPARE(parseText("+,-\n1,2\n", "h.csv").columns, (std::vector<std::string>{"+", "-"}));
}

void TestIoDocuments::cliReaders_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("quantize --config [1]") << QStringList{"quantize", "--values", "1,2", "--config", "[1]"}
                                           << "--config: the quantizer config is a JSON array";
    QTest::newRow("quantize --config nested")
        << QStringList{"quantize", "--values", "1,2", "--config", nested(3000)} << "is not valid JSON";
    QTest::newRow("model train --data /dev/zero")
        << QStringList{"model", "train", "--data", "/dev/zero"} << "/dev/zero: is not a regular file";
    QTest::newRow("model train --data FIFO")
        << QStringList{"model", "train", "--data", "FIFO"} << "is not a regular file";
#ifdef QS_HAVE_PLOT
    QTest::newRow("plot --config /dev/zero")
        << QStringList{"plot", "--config", "/dev/zero", "--out", "OUT"} << "/dev/zero: is not a regular file";
    QTest::newRow("plot --config FIFO") << QStringList{"plot", "--config", "FIFO", "--out", "OUT"}
                                        << "is not a regular file";
    QTest::newRow("plot --config nested")
        << QStringList{"plot", "--config", "NESTED", "--out", "OUT"} << "the settings JSON is not valid JSON";
    QTest::newRow("plot --config array") << QStringList{"plot", "--config", "ARRAY", "--out", "OUT"}
                                         << "the settings JSON is a JSON array";
#endif
}

void TestIoDocuments::cliReaders()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString fifo = dir.filePath("x.qscope");
    QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    const QString nestedFile = dir.filePath("nested.json"), arrayFile = dir.filePath("array.json");
    for (const auto& [path, text] : {std::pair{nestedFile, nested(3000)}, std::pair{arrayFile, QString("[1]")}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
    }
    for (QString& a : args) {
        if (a == "FIFO")
            a = fifo;
        else if (a == "NESTED")
            a = nestedFile;
        else if (a == "ARRAY")
            a = arrayFile;
        else if (a == "OUT")
            a = dir.filePath("out.svg");
    }
    int code = 0;
    const QString err = runCli(args, code);
    QVERIFY2(code == 2, qPrintable(QString("exit %1: %2").arg(code).arg(err)));
    // One error line (Qt may add its own notes about the environment before it).
    const QStringList lines = err.split('\n', Qt::SkipEmptyParts).filter(QRegularExpression("^quantscope-cli"));
    QVERIFY2(lines.size() == 1 && lines[0].contains(message), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestIoDocuments)
#include "tst_io_documents.moc"
