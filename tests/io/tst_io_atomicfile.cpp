// The one atomic write path (core/io/atomicfile.h), tested against a real
// full disk: the shim tests/io/faultshim.c (LD_PRELOAD, re-executed
// automatically) makes write(2) stop after N bytes with ENOSPC, or fsync or
// close fail, for files in one directory. Every writer of the core and every
// file-writing command of the CLI must then fail with exit status 2 and the
// system's reason, and leave the previous file exactly as it was, with no
// temporary file behind.
#include "faultshim.h"
#include "iotestutil.h"

#include "formats/error.h"
#include "io/atomicfile.h"
#include "io/ioerror.h"
#include "io/writers.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include <sys/stat.h>

using namespace qs;
using namespace qs::faulttest;

namespace {

const QByteArray kOld = "the previous contents, which must survive\n";

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void putOld(const QString& path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(kOld), kOld.size());
}

// Files other than `keep` in `dir`: a temporary file left behind shows up here.
QStringList leftovers(const QString& dir, const QStringList& keep)
{
    QStringList out;
    for (const QString& f : QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot))
        if (!keep.contains(f))
            out << f;
    return out;
}

} // namespace

class TestIoAtomicFile : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void replacesOnlyOnCommit();
    void keepsPermissions();
    void destroyedWithoutCommit();
    void diskFullKeepsOldFile_data();
    void diskFullKeepsOldFile();
    void writersSayWhy_data();
    void writersSayWhy();
    void qtDeviceAdapter();
    void specialTargets();
    void cliDiskFull_data();
    void cliDiskFull();

private:
    QTemporaryDir m_tmp;
    QString m_full; // writes under here fail while a FaultScope lives
};

void TestIoAtomicFile::initTestCase()
{
    QVERIFY2(faultShimLoaded(), "the full-disk shim (" QS_FAULT_SHIM ") is not preloaded");
    QVERIFY(m_tmp.isValid());
    m_full = m_tmp.filePath(QStringLiteral("full"));
}

void TestIoAtomicFile::init()
{
    QDir(m_full).removeRecursively();
    QVERIFY(QDir().mkpath(m_full));
}

void TestIoAtomicFile::replacesOnlyOnCommit()
{
    const QString target = m_full + "/a.bin";
    putOld(target);
    {
        AtomicFile f(target.toStdString());
        f.write(std::string(200000, 'x')); // beyond the write buffer: reaches the temporary file
        QCOMPARE(readFile(target), kOld);
        f.commit();
    }
    QCOMPARE(readFile(target), QByteArray(200000, 'x'));
    QCOMPARE(leftovers(m_full, {"a.bin"}), QStringList());
    // A new file appears only at the commit.
    const QString fresh = m_full + "/new.bin";
    AtomicFile g(fresh.toStdString());
    g.write("abc");
    QVERIFY(!QFile::exists(fresh));
    g.commit();
    QCOMPARE(readFile(fresh), QByteArray("abc"));
}

void TestIoAtomicFile::keepsPermissions()
{
    const QString target = m_full + "/p.txt";
    putOld(target);
    QVERIFY(::chmod(target.toLocal8Bit().constData(), 0640) == 0);
    writeFileAtomically(target.toStdString(), "replaced");
    struct stat st
    {
    };
    QVERIFY(::stat(target.toLocal8Bit().constData(), &st) == 0);
    QCOMPARE(int(st.st_mode & 07777), 0640);
}

void TestIoAtomicFile::destroyedWithoutCommit()
{
    const QString target = m_full + "/d.bin";
    putOld(target);
    try {
        AtomicFile f(target.toStdString());
        f.write(std::string(100000, 'y'));
        throw std::runtime_error("an export that fails half way");
    } catch (const std::runtime_error&) {
    }
    QCOMPARE(readFile(target), kOld);
    QCOMPARE(leftovers(m_full, {"d.bin"}), QStringList());
}

void TestIoAtomicFile::diskFullKeepsOldFile_data()
{
    QTest::addColumn<qint64>("after");
    QTest::addColumn<QString>("on");
    QTest::addColumn<QString>("reason");
    const QString full = QStringLiteral("No space left on device");
    QTest::newRow("no room at all") << qint64(0) << "write" << full;
    QTest::newRow("one byte of room") << qint64(1) << "write" << full;
    QTest::newRow("full inside the buffer") << qint64(1000) << "write" << full;
    QTest::newRow("full at a buffer boundary") << qint64(65536) << "write" << full;
    QTest::newRow("full near the end") << qint64(299999) << "write" << full;
    QTest::newRow("fsync reports it") << qint64(0) << "fsync" << full;
    QTest::newRow("close reports it") << qint64(0) << "close" << full;
}

void TestIoAtomicFile::diskFullKeepsOldFile()
{
    QFETCH(qint64, after);
    QFETCH(QString, on);
    QFETCH(QString, reason);
    const QString target = m_full + "/x.dat";
    putOld(target);
    const FaultScope fault(m_full, after, on.toLatin1().constData());
    try {
        AtomicFile f(target.toStdString());
        for (int i = 0; i < 300; ++i) // 300 000 bytes in pieces of many sizes
            f.write(std::string(std::size_t(1000), char('a' + i % 26)));
        f.commit();
        QFAIL("the write succeeded on a full disk");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::WriteFailed));
        QVERIFY2(QString(e.what()).startsWith(target + ": ") && QString(e.what()).contains(reason), e.what());
    }
    QCOMPARE(readFile(target), kOld);
    QCOMPARE(leftovers(m_full, {"x.dat"}), QStringList());
}

void TestIoAtomicFile::writersSayWhy_data()
{
    QTest::addColumn<int>("writer");
    QTest::addColumn<qint64>("after");
    const char* names[] = {"npy", "npy codes", "csv values", "csv histograms", "safetensors"};
    for (int w = 0; w < 5; ++w)
        for (qint64 after : {qint64(0), qint64(100)})
            QTest::newRow(qPrintable(QString("%1, room %2").arg(names[w]).arg(after))) << w << after;
}

void TestIoAtomicFile::writersSayWhy()
{
    // The core writers used to say "write failed: Unknown error" on a full disk.
    QFETCH(int, writer);
    QFETCH(qint64, after);
    const QString target = m_full + "/out";
    putOld(target);
    Tensor x(Shape{3000});
    for (std::int64_t i = 0; i < x.size(); ++i)
        x.data()[i] = float(i) * 0.25f;
    std::vector<std::int32_t> codes(3000, 7);
    Histogram h;
    h.lo = 0;
    h.hi = 1;
    h.counts.assign(256, 3);
    QuantizedTensorExport q;
    q.shape = {3000};
    q.codes = codes;
    q.groupShape = {1};
    q.scales = {0.5f};
    const std::string path = target.toStdString();
    const FaultScope fault(m_full, after);
    try {
        switch (writer) {
        case 0: writeNpy(path, x); break;
        case 1: writeNpyCodes(path, {3000}, codes, -128, 127); break;
        case 2: writeCsvValues(path, x); break;
        case 3: writeCsvHistograms(path, {"h"}, {&h}); break;
        default: writeSafetensors(path, q);
        }
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::WriteFailed));
        QVERIFY2(QString(e.what()).contains("write failed: No space left on device"), e.what());
    }
    QCOMPARE(readFile(target), kOld);
    QCOMPARE(leftovers(m_full, {"out"}), QStringList());
}

void TestIoAtomicFile::qtDeviceAdapter()
{
    // Qt's writers (QTextStream here; QSvgGenerator and QPdfWriter in the GUI)
    // ignore failed writes: the device keeps the error for commit().
    const QString target = m_full + "/stream.txt";
    putOld(target);
    {
        const FaultScope fault(m_full, 10);
        AtomicFileDevice device(target);
        QVERIFY(device.open(QIODevice::WriteOnly));
        {
            QTextStream out(&device);
            for (int i = 0; i < 20000; ++i)
                out << "line " << i << '\n';
        }
        QVERIFY(!device.commit());
        QCOMPARE(device.errorString(), QStringLiteral("write failed: No space left on device"));
        QVERIFY(device.failure().startsWith(target + ": "));
    }
    QCOMPARE(readFile(target), kOld);
    QCOMPARE(leftovers(m_full, {"stream.txt"}), QStringList());
    AtomicFileDevice device(target);
    QVERIFY(device.open(QIODevice::WriteOnly));
    QTextStream(&device) << "fine\n";
    QVERIFY2(device.commit(), qPrintable(device.errorString()));
    QCOMPARE(readFile(target), QByteArray("fine\n"));
}

void TestIoAtomicFile::specialTargets()
{
    // A device is written in place (it cannot be renamed over).
    writeFileAtomically(std::string("/dev/null"), "discarded");
    // A directory, a missing directory, a read-only file: refused, nothing changed.
    for (const QString& bad : {m_full, m_full + "/no/such/dir/x.csv"}) {
        try {
            writeFileAtomically(bad.toStdString(), "x");
            QFAIL("no error");
        } catch (const IoError& e) {
            QCOMPARE(int(e.kind()), int(IoErrorKind::WriteFailed));
            QVERIFY2(QString(e.what()).startsWith(bad + ": "), e.what());
        }
    }
    const QString readOnly = m_full + "/ro.txt";
    putOld(readOnly);
    QVERIFY(::chmod(readOnly.toLocal8Bit().constData(), 0444) == 0);
    if (::geteuid() != 0) { // root may write anything
        QVERIFY_THROWS_EXCEPTION(IoError, writeFileAtomically(readOnly.toStdString(), "x"));
        QCOMPARE(readFile(readOnly), kOld);
    }
    // A symbolic link stays a link; the file it names gets the new contents.
    const QString real = m_full + "/real.txt", link = m_full + "/link.txt";
    putOld(real);
    QVERIFY(QFile::link(real, link));
    writeFileAtomically(link.toStdString(), "through the link");
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readFile(real), QByteArray("through the link"));
}

void TestIoAtomicFile::cliDiskFull_data()
{
    QTest::addColumn<QStringList>("args"); // OUT stands for the file in the full directory
    QTest::addColumn<QString>("out");
    const QStringList quantize = {"quantize", "--generate", "normal,n=5000,seed=3", "--quantizer", "int8"};
    QTest::newRow("quantize --out .npy") << (quantize + QStringList{"--out", "OUT"}) << "deq.npy";
    QTest::newRow("quantize --out .csv") << (quantize + QStringList{"--out", "OUT"}) << "deq.csv";
    QTest::newRow("quantize --out .safetensors") << (quantize + QStringList{"--out", "OUT"}) << "q.safetensors";
    QTest::newRow("quantize --codes-out") << (quantize + QStringList{"--codes-out", "OUT"}) << "codes.npy";
    QTest::newRow("quantize --hist-out") << (quantize + QStringList{"--hist-out", "OUT"}) << "hist.csv";
#ifdef QS_HAVE_PLOT
    const QStringList plot = {"plot", "--generate", "normal,n=2000,seed=3", "--size", "400x300"};
    QTest::newRow("plot --out .svg") << (plot + QStringList{"--out", "OUT"}) << "fig.svg";
    QTest::newRow("plot --out .pdf") << (plot + QStringList{"--out", "OUT"}) << "fig.pdf";
    QTest::newRow("plot --out .png") << (plot + QStringList{"--out", "OUT"}) << "fig.png";
    QTest::newRow("plot --csv") << (plot + QStringList{"--out", "OKDIR/fig.svg", "--csv", "OUT"}) << "data.csv";
#endif
}

void TestIoAtomicFile::cliDiskFull()
{
    QFETCH(QStringList, args);
    QFETCH(QString, out);
    const QString target = m_full + "/" + out;
    const QString okDir = m_tmp.filePath("ok");
    QVERIFY(QDir().mkpath(okDir));
    for (QString& a : args) {
        a.replace("OKDIR", okDir);
        if (a == "OUT")
            a = target;
    }
    auto run = [&](const QProcessEnvironment& env) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QS_CLI_PATH), args);
        if (!p.waitForFinished(120000))
            qFatal("quantscope-cli did not finish");
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
    };
    for (qint64 after : {qint64(0), qint64(700)}) {
        putOld(target);
        const auto [code, err] = run(faultEnvironment(m_full, after));
        QVERIFY2(code == 2, qPrintable(QString("exit %1, stderr: %2").arg(code).arg(err)));
        // One error line naming the file and the reason (Qt may add notes about the environment).
        const QStringList lines = err.split('\n', Qt::SkipEmptyParts).filter(QRegularExpression("^quantscope-cli"));
        QVERIFY2(lines.size() == 1 && lines[0].contains(target) && lines[0].contains("No space left on device"),
                 qPrintable(err));
        QCOMPARE(readFile(target), kOld);
        QCOMPARE(leftovers(m_full, {out}), QStringList());
    }
    // With room, the same command replaces the file (so the test above wrote where it claims).
    const auto [code, err] = run(QProcessEnvironment::systemEnvironment());
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY(readFile(target) != kOld);
}

int main(int argc, char** argv)
{
    reexecWithFaultShim(argv);
    QCoreApplication app(argc, argv);
    TestIoAtomicFile test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_io_atomicfile.moc"
