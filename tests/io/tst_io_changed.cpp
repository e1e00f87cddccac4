// A file that changes while it is read: truncated, rewritten or grown during a
// load. With a memory mapping the truncation killed the process (SIGBUS); now
// every reader gets IoError(Changed) naming the file. The deterministic tests
// change the file from the load's own progress callback (after the first
// chunk), the race test truncates from another thread at varying moments,
// many times over: each load either completes with the right values or fails
// with a clear error, never a signal.
#include "containerbuilders.h"
#include "ggufbuilder.h"
#include "iotestutil.h"

#include "io/container.h"
#include "io/ggmlio.h"
#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/tensorsource.h"
#include "io/writers.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace qs;

namespace {

// Enough values for many read chunks (4 MiB of float32 per direct read, 1 MiB buffers otherwise).
constexpr std::int64_t kValues = std::int64_t(1) << 22;

Tensor ramp(std::int64_t n)
{
    Tensor t(Shape{n});
    for (std::int64_t i = 0; i < n; ++i)
        t.data()[i] = float(i % 1000) * 0.5f;
    return t;
}

void writeText(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// A .npy of float16 written by hand (the conversion path through the read buffer).
QByteArray npyHeader(const char* descr, const char* shape)
{
    QByteArray dict = QByteArray("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    while ((10 + dict.size() + 1) % 64)
        dict += ' ';
    dict += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out += char(dict.size() & 0xff);
    out += char(dict.size() >> 8);
    return out + dict;
}

} // namespace

class TestIoChanged : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void truncatedDuringLoad_data();
    void truncatedDuringLoad();
    void rewrittenDuringLoad();
    void grownDuringLoad();
    void containerTruncatedDuringLoad_data();
    void containerTruncatedDuringLoad();
    void containerFifosAreRefused_data();
    void containerFifosAreRefused();
    void truncateRaceNeverCrashes();
    void inputFileApi();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QString m_npyF4, m_npyF2, m_npyFortran, m_safetensors, m_csv;
};

void TestIoChanged::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Tensor x = ramp(kValues);
    m_npyF4 = path("f4.npy");
    writeNpy(m_npyF4.toStdString(), x);
    // float16: 0x3c00 (1.0) everywhere.
    m_npyF2 = path("f2.npy");
    QByteArray f2 = npyHeader("<f2", QByteArray::number(kValues).append(',').constData());
    QByteArray ones(kValues * 2, '\0');
    for (std::int64_t i = 0; i < kValues; ++i)
        ones[qsizetype(2 * i + 1)] = char(0x3c);
    writeText(m_npyF2, f2 + ones);
    // Fortran order, 2048 x 2048 float32.
    m_npyFortran = path("fortran.npy");
    QByteArray fh = npyHeader("<f4", "2048, 2048");
    fh.replace("'fortran_order': False", "'fortran_order': True");
    while ((fh.size()) % 64) // keep the header padded after the replacement
        fh.insert(fh.size() - 1, ' ');
    fh[8] = char((fh.size() - 10) & 0xff);
    fh[9] = char((fh.size() - 10) >> 8);
    writeText(m_npyFortran, fh + QByteArray(qsizetype(kValues) * 4, '\0'));
    QuantizedTensorExport q;
    q.shape = {kValues};
    q.codes.assign(std::size_t(kValues), 1);
    q.groupShape = {1};
    q.scales = {0.5f};
    m_safetensors = path("q.safetensors");
    writeSafetensors(m_safetensors.toStdString(), q);
    m_csv = path("values.csv");
    QByteArray csv;
    for (int i = 0; i < 400000; ++i)
        csv += QByteArray::number(i % 97) + "\n";
    writeText(m_csv, csv);
}

void TestIoChanged::truncatedDuringLoad_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("spec");
    QTest::newRow("npy float32 (read into the tensor)") << "f4.npy"
                                                        << "";
    QTest::newRow("npy float16 (through the buffer)") << "f2.npy"
                                                      << "";
    QTest::newRow("npy Fortran order") << "fortran.npy"
                                       << "";
    QTest::newRow("safetensors") << "q.safetensors"
                                 << ":tensor.codes";
    QTest::newRow("csv") << "values.csv"
                         << "";
}

void TestIoChanged::truncatedDuringLoad()
{
    QFETCH(QString, file);
    QFETCH(QString, spec);
    // A fresh copy each time: the truncation destroys it.
    const QString original = path(file);
    const QString victim = path("victim-" + file);
    QFile::remove(victim);
    QVERIFY(QFile::copy(original, victim));
    const std::string name = victim.toStdString();
    bool truncated = false;
    try {
        loadTensorDetailed(name + spec.toStdString(), [&](double) {
            if (!truncated) {
                truncated = true;
                if (::truncate(name.c_str(), 1000) != 0)
                    qFatal("truncate failed");
            }
            return true;
        });
        QFAIL("a file truncated during the load gave no error");
    } catch (const IoError& e) {
        QVERIFY(truncated);
        QCOMPARE(int(e.kind()), int(IoErrorKind::Changed));
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith(victim + ": changed while it was read"), qPrintable(what));
    }
}

namespace {

QByteArray floatBytes(std::int64_t n)
{
    const Tensor t = ramp(n);
    return QByteArray(reinterpret_cast<const char*>(t.data()), qsizetype(n) * 4);
}

// A model of `kind` in a fresh folder `dir`: the spec to load and the file whose
// truncation the load must notice.
std::pair<QString, QString> makeModel(const QString& kind, const QString& dir)
{
    using namespace qs::iotest;
    auto write = [&](const QString& name, const QByteArray& bytes) {
        QFile f(dir + "/" + name);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write the fixture");
        return dir + "/" + name;
    };
    if (kind == "gguf f32") { // ggml type 0: converted like .npy float32
        const QString p =
            write("m.gguf", GgufBuilder().tensor("w", {std::uint64_t(kValues)}, 0, 0).bytes(floatBytes(kValues)));
        return {p + ":w", p};
    }
    if (kind == "gguf f16") { // ggml type 1: through the read buffer
        const QByteArray data(qsizetype(kValues) * 2, '\x3c');
        const QString p = write("m.gguf", GgufBuilder().tensor("w", {std::uint64_t(kValues)}, 1, 0).bytes(data));
        return {p + ":w", p};
    }
    if (kind == "gguf q8_0") { // ggml type 8: blocks of 32 values in 34 bytes, decoded row by row
        const std::uint64_t ne0 = 4096, rows = std::uint64_t(kValues) / ne0;
        const QByteArray data(qsizetype(rows * ne0 / 32 * 34), '\x01');
        const QString p = write("m.gguf", GgufBuilder().tensor("w", {ne0, rows}, 8, 0).bytes(data));
        return {p + ":w", p};
    }
    if (kind == "npz stored") {
        const Tensor t = ramp(kValues);
        const QString p =
            write("m.npz", makeZip({{"a.npy", npyFloats(std::vector<float>(t.data(), t.data() + t.size()))}}));
        return {p + ":a", p};
    }
    if (kind == "onnx external data") {
        const QByteArray location = pbField(13, pbField(1, "location") + pbField(2, "w.bin"));
        const QByteArray tensor =
            pbField(1, std::uint64_t(kValues)) + pbField(2, 1) + pbField(8, "w") + pbField(14, 1) + location;
        const QString p = write("m.onnx", onnxModel({tensor}));
        return {p + ":w", write("w.bin", floatBytes(kValues))};
    }
    if (kind == "tfjs shard") {
        const QString p =
            write("model.json", "{\"weightsManifest\": [{\"paths\": [\"group1-shard1of1.bin\"], \"weights\": "
                                "[{\"name\": \"w\", \"shape\": [" +
                                    QByteArray::number(kValues) + "], \"dtype\": \"float32\"}]}]}");
        return {p + ":w", write("group1-shard1of1.bin", floatBytes(kValues))};
    }
    // A folder of safetensors shards.
    QuantizedTensorExport q;
    q.shape = {kValues};
    q.codes.assign(std::size_t(kValues), 1);
    q.groupShape = {1};
    q.scales = {0.5f};
    writeSafetensors((dir + "/model-00001-of-00001.safetensors").toStdString(), q);
    return {dir + ":tensor.codes", dir + "/model-00001-of-00001.safetensors"};
}

} // namespace

void TestIoChanged::containerTruncatedDuringLoad_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind :
         {"gguf f32", "gguf f16", "gguf q8_0", "npz stored", "onnx external data", "tfjs shard", "safetensors folder"})
        QTest::newRow(kind) << kind;
}

void TestIoChanged::containerTruncatedDuringLoad()
{
    // The model containers read by position like the single-tensor readers: a
    // file truncated while a tensor is read is a Changed error (through a
    // mapping, as they read before, it was SIGBUS).
    QFETCH(QString, kind);
    if (kind == "gguf q8_0" && !ggmlio::typeFacts(8)->canDecode)
        QSKIP("this build has no ggml block decoders (core/quant/ggmltypes.h)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [spec, victim] = makeModel(kind, dir.path());
    const std::string name = victim.toStdString();
    bool truncated = false;
    try {
        loadTensorDetailed(spec.toStdString(), [&](double) {
            if (!truncated) {
                truncated = true;
                if (::truncate(name.c_str(), 1000) != 0)
                    qFatal("truncate failed");
            }
            return true;
        });
        QFAIL("a model truncated during the load gave no error");
    } catch (const IoError& e) {
        QVERIFY2(truncated, e.what());
        QCOMPARE(int(e.kind()), int(IoErrorKind::Changed));
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith(QFileInfo(victim).canonicalFilePath() + ": changed while it was read") ||
                     what.startsWith(victim + ": changed while it was read"),
                 qPrintable(what));
    }
}

void TestIoChanged::containerFifosAreRefused_data()
{
    QTest::addColumn<QString>("fifo");     // the FIFO's name
    QTest::addColumn<QString>("open");     // what is opened (relative to the folder)
    QTest::addColumn<QString>("manifest"); // a file that leads to the FIFO, or empty
    QTest::newRow("x.gguf") << "x.gguf"
                            << "x.gguf"
                            << "";
    QTest::newRow("x.npz") << "x.npz"
                           << "x.npz"
                           << "";
    QTest::newRow("x.pt") << "x.pt"
                          << "x.pt"
                          << "";
    QTest::newRow("model.onnx") << "model.onnx"
                                << "model.onnx"
                                << "";
    QTest::newRow("model.json") << "model.json"
                                << "model.json"
                                << "";
    QTest::newRow("an index") << "model.safetensors.index.json"
                              << "model.safetensors.index.json"
                              << "";
    QTest::newRow("a TF.js shard") << "shard.bin"
                                   << "model.json"
                                   << R"({"weightsManifest": [{"paths": ["shard.bin"], "weights": []}]})";
    QTest::newRow("a safetensors shard") << "a.safetensors"
                                         << "model.safetensors.index.json"
                                         << R"({"metadata": {}, "weight_map": {"w": "a.safetensors"}})";
}

void TestIoChanged::containerFifosAreRefused()
{
    // Opening a FIFO for reading waits for a writer forever: every container
    // reader and every file a container leads to must refuse it first.
    QFETCH(QString, fifo);
    QFETCH(QString, open);
    QFETCH(QString, manifest);
    QTemporaryDir dir;
    const QString fifoPath = dir.filePath(fifo);
    QVERIFY(::mkfifo(fifoPath.toLocal8Bit().constData(), 0600) == 0);
    if (!manifest.isEmpty())
        writeText(dir.filePath(open), manifest.toUtf8());
    for (const QString& target : {dir.filePath(open), dir.path()}) {
        try {
            openContainer(target.toStdString());
            QFAIL("no error");
        } catch (const IoError& e) {
            QVERIFY2(QString(e.what()).contains("is not a regular file"), e.what());
        }
        if (manifest.isEmpty())
            break; // a folder holding only a FIFO has no model file
    }
    QVERIFY_THROWS_EXCEPTION(IoError, loadTensor(dir.filePath(open).toStdString()));
}

void TestIoChanged::rewrittenDuringLoad()
{
    // Same size, new contents: the reads all succeed, the modification time tells.
    const QString victim = path("rewritten.npy");
    QFile::remove(victim);
    QVERIFY(QFile::copy(m_npyF4, victim));
    const std::string name = victim.toStdString();
    bool rewritten = false;
    try {
        loadTensor(name, [&](double) {
            if (!rewritten) {
                rewritten = true;
                const int fd = ::open(name.c_str(), O_WRONLY);
                if (fd < 0 || ::pwrite(fd, "\x01\x02\x03\x04", 4, 4096) != 4)
                    qFatal("rewrite failed");
                const timespec times[2] = {{0, UTIME_OMIT}, {1234567, 0}}; // a different modification time
                ::futimens(fd, times);
                ::close(fd);
            }
            return true;
        });
        QFAIL("a file rewritten during the load gave no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::Changed));
        QVERIFY2(QString(e.what()).contains("was modified during the load"), e.what());
    }
}

void TestIoChanged::grownDuringLoad()
{
    const QString victim = path("grown.csv");
    QFile::remove(victim);
    QVERIFY(QFile::copy(m_csv, victim));
    bool grown = false;
    try {
        loadTensor(victim.toStdString(), [&](double) {
            if (!grown) {
                grown = true;
                QFile f(victim);
                if (!f.open(QIODevice::Append) || f.write("5\n6\n") != 4)
                    qFatal("append failed");
            }
            return true;
        });
        QFAIL("a file that grew during the load gave no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::Changed));
        QVERIFY2(QString(e.what()).contains("now, "), e.what());
    }
}

void TestIoChanged::truncateRaceNeverCrashes()
{
    // Another thread truncates the file at a varying moment while this one
    // loads it (the progress callback paces the load like a slow disk): the
    // outcome depends on the timing, a crash never does. With the old memory
    // mapping these rounds ended in SIGBUS. Complete loads have the right values.
    const QStringList sources = {m_npyF4, m_npyF2, m_npyFortran, m_csv};
    int completed = 0, changed = 0;
    for (int round = 0; round < 32; ++round) {
        const QString source = sources[round % sources.size()];
        const QString copy = path("race-" + QFileInfo(source).fileName());
        QFile::remove(copy);
        QVERIFY(QFile::copy(source, copy));
        const std::string name = copy.toStdString();
        std::atomic<bool> started{false};
        std::thread cutter([&] {
            while (!started.load())
                std::this_thread::yield();
            std::this_thread::sleep_for(std::chrono::microseconds(150 * (round % 8)));
            ::truncate(name.c_str(), 4096 * (round % 3));
        });
        try {
            const Tensor t = loadTensor(name, [&](double) {
                started = true;
                std::this_thread::sleep_for(std::chrono::microseconds(300));
                return true;
            });
            started = true;
            QVERIFY(t.size() > 0);
            QVERIFY(std::isfinite(t.data()[t.size() - 1]));
            ++completed;
        } catch (const IoError& e) {
            started = true;
            QVERIFY2(e.kind() == IoErrorKind::Changed || e.kind() == IoErrorKind::Truncated ||
                         e.kind() == IoErrorKind::Empty,
                     e.what());
            ++changed;
        }
        cutter.join();
    }
    qInfo("%d loads completed before the truncation, %d saw it", completed, changed);
    QCOMPARE(completed + changed, 32);
}

void TestIoChanged::inputFileApi()
{
    const InputFile f(m_npyF4.toStdString());
    QCOMPARE(f.name(), m_npyF4.toStdString());
    QCOMPARE(f.size(), std::uint64_t(QFileInfo(m_npyF4).size()));
    QCOMPARE(f.readString(0, 6), std::string("\x93NUMPY"));
    // Chunks cover the range exactly, in order.
    std::uint64_t seen = 0;
    int chunks = 0;
    f.readChunks(
        100, 10000,
        [&](std::span<const std::byte> c) {
            seen += c.size();
            ++chunks;
        },
        4096);
    QCOMPARE(seen, std::uint64_t(10000));
    QCOMPARE(chunks, 3);
    // A read beyond the end is a Truncated error, not a short read.
    try {
        f.readString(f.size() - 2, 4);
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::Truncated));
    }
    f.verifyUnchanged();
    // The same bytes from memory.
    const std::string text = "1,2\n3,4\n";
    const MemorySource m(text, "pasted");
    QCOMPARE(m.size(), std::uint64_t(text.size()));
    QCOMPARE(m.readString(2, 3), std::string("2\n3"));
    QCOMPARE(m.memory().size(), text.size());
}

QTEST_GUILESS_MAIN(TestIoChanged)
#include "tst_io_changed.moc"
