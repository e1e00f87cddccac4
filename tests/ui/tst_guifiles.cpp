// The GUI's file handling. Writes on a full disk: File > Save of a session, figure exports
// (SVG and PDF used to be truncated and reported as saved), the figure data
// CSV, the settings JSON and screenshots. The full-disk shim of tests/io
// (faultshim.c, preloaded: this test re-executes itself with it) makes writes
// under one directory fail with ENOSPC after N bytes. Each save must report
// "No space left on device" and leave the previous file as it was. Also the
// session reader's refusals: a FIFO named like a session, /dev/zero, a JSON
// array, wrong-typed fields. And the Data dock's tensor list, where names with
// a NUL or a lone surrogate used to show as "a" or "?" and hide real names.
#include "faultshim.h"

#include "common/testutil.h"

#include "common/plotexporter.h"
#include "explorer/datapanel.h"
#include "mainwindow/screenshot.h"
#include "plots/figures.h"
#include "session/session.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <qcustomplot.h>

#include <map>

#include <sys/stat.h>

using namespace qs;
using namespace qs::faulttest;

namespace {

const QByteArray kOld = "the previous file, which must survive\n";

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void putOld(const QString& path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(kOld);
}

QStringList files(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestGuiFiles : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sessionSaveOnFullDisk_data();
    void sessionSaveOnFullDisk();
    void figureExportOnFullDisk_data();
    void figureExportOnFullDisk();
    void figureCsvAndScreenshotOnFullDisk();
    void sessionReaderRefuses_data();
    void sessionReaderRefuses();
    void guiRefusesEndlessSessions();
    void tensorListKeepsNamesApart();

private:
    QTemporaryDir m_tmp;
    QString m_full;
};

void TestGuiFiles::initTestCase()
{
    QVERIFY2(faultShimLoaded(), "the full-disk shim (" QS_FAULT_SHIM ") is not preloaded");
    QVERIFY(m_tmp.isValid());
    m_full = m_tmp.filePath(QStringLiteral("full"));
    QVERIFY(QDir().mkpath(m_full));
}

void TestGuiFiles::sessionSaveOnFullDisk_data()
{
    QTest::addColumn<qint64>("after");
    QTest::addColumn<QString>("on");
    QTest::newRow("no room") << qint64(0) << "write";
    QTest::newRow("room for a part") << qint64(300) << "write";
    QTest::newRow("fsync reports it") << qint64(0) << "fsync";
}

void TestGuiFiles::sessionSaveOnFullDisk()
{
    QFETCH(qint64, after);
    QFETCH(QString, on);
    const QString path = m_full + "/work.qscope";
    putOld(path);
    Session s;
    QuantConfig c = s.config();
    c.histogramBins = 77;
    QVERIFY(s.setConfig(c, QStringLiteral("bins")));
    QString error;
    {
        const FaultScope fault(m_full, after, on.toLatin1().constData());
        QVERIFY(!s.save(path, &error));
    }
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QCOMPARE(readFile(path), kOld);
    QCOMPARE(files(m_full), QStringList{"work.qscope"});
    QVERIFY(!s.undoStack()->isClean()); // nothing was saved: the edit is still unsaved
    QVERIFY(s.fileName() != path);
    // With room, the same save works and reads back.
    QVERIFY2(s.save(path, &error), qPrintable(error));
    Session back;
    QVERIFY2(back.open(path, &error), qPrintable(error));
    QCOMPARE(back.config().histogramBins, 77);
}

void TestGuiFiles::figureExportOnFullDisk_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("after");
    for (const char* name : {"fig.svg", "fig.pdf", "fig.png"})
        for (qint64 after : {qint64(0), qint64(2000)})
            QTest::newRow(qPrintable(QString("%1, room %2").arg(name).arg(after))) << QString(name) << after;
}

void TestGuiFiles::figureExportOnFullDisk()
{
    // QSvgGenerator and QPdfWriter ignore failed writes: before the atomic
    // device, a full disk left a truncated SVG or PDF and the export said "saved".
    QFETCH(QString, name);
    QFETCH(qint64, after);
    const QString path = m_full + "/" + name;
    putOld(path);
    QCustomPlot plot;
    plot.resize(500, 300);
    QVector<double> x, y;
    for (int i = 0; i < 400; ++i) {
        x << i;
        y << (i % 37) * 0.5;
    }
    plot.addGraph()->setData(x, y);
    plot.rescaleAxes();
    plot.replot();
    QString error;
    {
        const FaultScope fault(m_full, after);
        error = PlotExporter::exportPlot(&plot, path);
    }
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QCOMPARE(readFile(path), kOld);
    QCOMPARE(files(m_full).filter(name), QStringList{name});
    QCOMPARE(PlotExporter::exportPlot(&plot, path), QString());
    QVERIFY(readFile(path) != kOld);
}

void TestGuiFiles::figureCsvAndScreenshotOnFullDisk()
{
    QCustomPlot plot;
    QVector<double> x{1, 2, 3}, y{4, 5, 6};
    plot.addGraph()->setData(x, y);
    const QString csv = m_full + "/data.csv";
    putOld(csv);
    QString error;
    {
        const FaultScope fault(m_full, 10);
        QVERIFY(!writeFigureCsv(&plot, csv, &error));
    }
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QCOMPARE(readFile(csv), kOld);

    QLabel label(QStringLiteral("screenshot"));
    const QString png = m_full + "/shot.png";
    putOld(png);
    {
        const FaultScope fault(m_full, 100);
        error = saveWidgetScreenshot(&label, png, QSize(200, 120));
    }
    QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
    QCOMPARE(readFile(png), kOld);
    QCOMPARE(saveWidgetScreenshot(&label, png, QSize(200, 120)), QString());
    QVERIFY(readFile(png).startsWith("\x89PNG"));
}

void TestGuiFiles::sessionReaderRefuses_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("message");
    QTest::newRow("FIFO named .qscope") << "FIFO" << QByteArray() << "is not a regular file";
    QTest::newRow("/dev/zero") << "/dev/zero" << QByteArray() << "/dev/zero: is not a regular file";
    QTest::newRow("JSON array") << "a.qscope" << QByteArray("[1, 2]") << "the session is a JSON array";
    QTest::newRow("config is a list") << "c.qscope" << QByteArray(R"({"quantscope_session":1,"data":{"kind":"generator",
                                         "generator":"normal,n=10"},"config":[1]})")
                                      << "'config' must be a JSON object";
    QTest::newRow("compare entry 5") << "e.qscope" << QByteArray(R"({"quantscope_session":1,"data":{"kind":"generator",
                                        "generator":"normal,n=10"},"view":{"compare":["int8",5]}})")
                                     << "view.compare entry 2 is a number";
    QTest::newRow("log_y is a string") << "l.qscope"
                                       << QByteArray(R"({"quantscope_session":1,"data":{"kind":"generator",
                                          "generator":"normal,n=10"},"view":{"log_y":"yes"}})")
                                       << "'view.log_y' must be true or false";
}

void TestGuiFiles::sessionReaderRefuses()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contents);
    QFETCH(QString, message);
    QTemporaryDir dir;
    if (path == "FIFO") {
        path = dir.filePath("x.qscope");
        QVERIFY(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0);
    } else if (!path.startsWith('/')) {
        path = dir.filePath(path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(contents);
    }
    Session s;
    QString error;
    QVERIFY(!s.open(path, &error)); // returns at once: a FIFO is never opened for reading
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!s.requestOpen(path, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestGuiFiles::guiRefusesEndlessSessions()
{
    // `quantscope --session /dev/zero` read until it was killed; a FIFO hung forever.
    QTemporaryDir dir;
    const QString fifo = dir.filePath("x.qscope");
    QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    for (const QString& session : {QStringLiteral("/dev/zero"), fifo}) {
        QProcess gui;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        gui.setProcessEnvironment(env);
        gui.start(QStringLiteral(QS_GUI_PATH),
                  {"--session", session, "--screenshot", dir.filePath("shot.png"), "--size", "400x300"});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 2);
        const QString err = QString::fromUtf8(gui.readAllStandardError());
        QVERIFY2(err.contains(session + ": is not a regular file"), qPrintable(err));
    }
}

void TestGuiFiles::tensorListKeepsNamesApart()
{
    // Five names that used to collapse onto two ("a" and "?"), each with its own value.
    QTemporaryDir dir;
    const QString path = dir.filePath("names.safetensors");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(qs::test::safetensorsOfScalars({"a", "a\\u0000", "?", "\\ud800", "\\ufffd"}, {1, 2, 3, 4, 5}));
    f.close();

    Session s;
    DataPanel panel(&s);
    QString error;
    QVERIFY2(panel.openFile(path, &error), qPrintable(error));
    QVERIFY(s.waitForLoad());
    auto* picker = panel.findChild<QComboBox*>(QStringLiteral("tensorPicker"));
    QVERIFY(picker);
    QCOMPARE(picker->count(), 5);
    const std::map<QString, float> expected = {
        {"a", 1.0f}, {"a\\x00", 2.0f}, {"?", 3.0f}, {"\\uD800", 4.0f}, {QString::fromUtf8("\xef\xbf\xbd"), 5.0f}};
    for (int i = 0; i < picker->count(); ++i) {
        const QString name = picker->itemText(i);
        QVERIFY2(expected.count(name), qPrintable(name));
        picker->setCurrentIndex(i);
        emit picker->activated(i);
        QVERIFY(s.waitForLoad());
        QCOMPARE(s.dataSource().tensor, name);
        QCOMPARE(s.tensor().data()[0], expected.at(name));
    }
}

int main(int argc, char** argv)
{
    reexecWithFaultShim(argv);
    QApplication app(argc, argv);
    TestGuiFiles test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_guifiles.moc"
