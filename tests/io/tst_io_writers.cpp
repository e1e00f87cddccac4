// Writers: files written by Quantscope read back bit-identically by our
// readers and - when a python3 with NumPy is around - by numpy.load /
// numpy.loadtxt and a by-the-spec safetensors parse; the narrowest code dtype;
// NumPy's header layout (64-byte aligned data); and atomic writes.
#include "iotestutil.h"

#include "formats/error.h"
#include "io/ioerror.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/tensorsource.h"
#include "io/textreader.h"
#include "io/writers.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs;
using namespace qs::iotest;

namespace {

Tensor sampleTensor(Shape shape)
{
    Tensor t(shape);
    const float specials[] = {std::numeric_limits<float>::quiet_NaN(),
                              std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity(),
                              -0.0f,
                              1e-45f,
                              3.4028235e38f,
                              0.1f,
                              -2.5f};
    for (std::int64_t i = 0; i < t.size(); ++i)
        t.data()[i] = i < 8 ? specials[i] : float(std::sin(double(i)) * std::pow(10.0, double(i % 9) - 4));
    return t;
}

// A python3 that can import numpy, or empty.
QString pythonWithNumpy()
{
    QStringList candidates{QStandardPaths::findExecutable("python3"), "/usr/bin/python3"};
    for (const QString& py : candidates) {
        if (py.isEmpty())
            continue;
        QProcess p;
        p.start(py, {"-c", "import numpy"});
        if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return py;
    }
    return {};
}

// Reads each file the way NumPy users would and prints the raw bits as JSON.
const char* kNumpyCheck = R"PY(
import json, struct, sys
import numpy as np
out = {}
for path in sys.argv[1:]:
    if path.endswith(".npy"):
        a = np.load(path, allow_pickle=False)
        raw = np.ascontiguousarray(a).view("u%d" % a.dtype.itemsize) if a.ndim else a.reshape(1).view("u%d" % a.dtype.itemsize)
        out[path] = {"descr": a.dtype.str, "shape": list(a.shape), "fortran": bool(np.isfortran(a)) and a.ndim > 1,
                     "bits": [int(v) for v in raw.reshape(-1)]}
    elif path.endswith(".csv"):
        a = np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2)
        out[path] = {"shape": list(a.shape), "bits": [int(v) for v in a.view(np.uint32).reshape(-1)]}
    else:
        blob = open(path, "rb").read()
        n = struct.unpack("<Q", blob[:8])[0]
        header = json.loads(blob[8:8 + n])
        data = blob[8 + n:]
        kinds = {"F32": "<f4", "I8": "i1", "U8": "u1", "I16": "<i2", "U16": "<u2", "I32": "<i4"}
        tensors = {}
        for name, t in header.items():
            if name == "__metadata__":
                continue
            b, e = t["data_offsets"]
            a = np.frombuffer(data[b:e], dtype=kinds[t["dtype"]]).reshape(t["shape"])
            tensors[name] = {"dtype": t["dtype"], "shape": list(a.shape), "values": [float(v) for v in a.reshape(-1)]}
        out[path] = {"tensors": tensors, "metadata": header.get("__metadata__", {}), "aligned": (8 + n) % 8 == 0}
print(json.dumps(out))
)PY";

} // namespace

class TestIoWriters : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void npyRoundTrip_data();
    void npyRoundTrip();
    void codeDtype_data();
    void codeDtype();
    void csvRoundTrip();
    void csvHistograms();
    void safetensorsRoundTrip();
    void atomicWrites();
    void numpyReadsOurFiles();

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }
};

void TestIoWriters::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestIoWriters::npyRoundTrip_data()
{
    QTest::addColumn<Shape>("shape");
    QTest::newRow("0-d") << Shape{};
    QTest::newRow("1-d") << Shape{9};
    QTest::newRow("2-d") << Shape{3, 5};
    QTest::newRow("zero-size") << Shape{4, 0};
    QTest::newRow("rank 4") << Shape{2, 1, 3, 2};
}

void TestIoWriters::npyRoundTrip()
{
    QFETCH(Shape, shape);
    const Tensor t = sampleTensor(shape);
    writeNpy(path("rt.npy"), t);
    const QByteArray bytes = readAll(path("rt.npy"));
    const NpyHeader h = parseNpyHeader(bytesOf(bytes), "rt.npy");
    QCOMPARE(h.dataOffset % 64, std::size_t(0)); // numpy.save aligns the data to 64 bytes
    QCOMPARE(h.descr, std::string("<f4"));
    QVERIFY(!h.fortranOrder);
    const Tensor back = loadTensor(path("rt.npy"));
    QCOMPARE(back.shape(), shape);
    QVERIFY(std::memcmp(back.data(), t.data(), std::size_t(t.size()) * 4) == 0); // NaN payloads too
}

void TestIoWriters::codeDtype_data()
{
    QTest::addColumn<int>("lo");
    QTest::addColumn<int>("hi");
    QTest::addColumn<QString>("descr");
    QTest::newRow("int8") << -128 << 127 << "|i1";
    QTest::newRow("int4 signed") << -8 << 7 << "|i1";
    QTest::newRow("uint8") << 0 << 255 << "|u1";
    QTest::newRow("uint4") << 0 << 15 << "|u1";
    QTest::newRow("int16") << -32768 << 32767 << "<i2";
    QTest::newRow("int9") << -256 << 255 << "<i2";
    QTest::newRow("uint16") << 0 << 65535 << "<u2";
    QTest::newRow("mixed wide") << -1 << 40000 << "<i4";
    QTest::newRow("uint17") << 0 << 131071 << "<i4";
}

void TestIoWriters::codeDtype()
{
    QFETCH(int, lo);
    QFETCH(int, hi);
    QFETCH(QString, descr);
    const std::vector<std::int32_t> codes{lo, hi, (lo + hi) / 2, lo, hi, 0 >= lo && 0 <= hi ? 0 : lo};
    writeNpyCodes(path("codes.npy"), {2, 3}, codes, lo, hi);
    const QByteArray bytes = readAll(path("codes.npy"));
    QCOMPARE(QString::fromStdString(parseNpyHeader(bytesOf(bytes), "codes.npy").descr), descr);
    const Tensor back = loadTensor(path("codes.npy"));
    QCOMPARE(back.shape(), (Shape{2, 3}));
    for (std::size_t i = 0; i < codes.size(); ++i)
        QCOMPARE(back.data()[i], float(codes[i]));
}

void TestIoWriters::csvRoundTrip()
{
    for (const Shape& shape : {Shape{7, 3}, Shape{12}, Shape{}}) {
        const Tensor t = sampleTensor(shape);
        writeCsvValues(path("v.csv"), t);
        const Tensor back = loadTensor(path("v.csv"));
        QCOMPARE(back.size(), t.size());
        QCOMPARE(back.rank(), shape.size() == 2 ? 2 : 1);
        for (std::int64_t i = 0; i < t.size(); ++i) // shortest round-trip text: the same float comes back
            QVERIFY2(sameFloat(back.data()[i], t.data()[i]), qPrintable(QString::number(i)));
    }
    const Tensor m = Tensor({2, 2}, std::vector<float>{0.1f, -2, 3e-8f, 1e20f});
    writeCsvValues(path("m.csv"), m);
    QCOMPARE(readAll(path("m.csv")), QByteArray("0.1,-2\n3e-08,1e+20\n"));
}

void TestIoWriters::csvHistograms()
{
    Histogram a;
    a.lo = -1;
    a.hi = 1;
    a.counts = {3, 0, 5, 2};
    Histogram b = a;
    b.counts = {1, 1, 1, 1};
    writeCsvHistograms(path("h.csv"), {"original", "dequant, int8"}, {&a, &b});
    QCOMPARE(readAll(path("h.csv")), QByteArray("bin_left,bin_right,original,\"dequant, int8\"\n"
                                                "-1,-0.5,3,1\n-0.5,0,0,1\n0,0.5,5,1\n0.5,1,2,1\n"));
    Histogram c = a;
    c.hi = 2;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, writeCsvHistograms(path("h2.csv"), {"a", "c"}, {&a, &c}));
}

void TestIoWriters::safetensorsRoundTrip()
{
    QuantizedTensorExport q;
    q.name = "layer0.weight";
    q.shape = {2, 4};
    q.codes = {-128, -1, 0, 1, 127, 5, -7, 64};
    q.groupShape = {2, 1};
    q.scales = {0.5f, 0.0078125f};
    q.zeroPoints = {0, 3};
    q.metadata = {{"scheme", "int8 per-channel"}, {"rounding", "nearest-even"}};
    writeSafetensors(path("q.safetensors"), q);
    const QByteArray bytes = readAll(path("q.safetensors"));
    const SafetensorsHeader h = parseSafetensorsHeader(bytesOf(bytes), "q.safetensors");
    QCOMPARE(h.dataOffset % 8, std::size_t(0));
    QCOMPARE(h.tensors.size(), std::size_t(3));
    QCOMPARE(h.metadata.at("scheme"), std::string("int8 per-channel"));
    QCOMPARE(h.find("layer0.weight.codes")->dtypeName, std::string("I8"));
    QCOMPARE(h.find("layer0.weight.scale")->shape, (Shape{2, 1}));
    // The buffer is covered exactly, without gaps (what the reference implementation requires).
    std::uint64_t covered = 0;
    for (const auto& e : h.tensors)
        covered += e.end - e.begin;
    QCOMPARE(covered, h.dataSize);
    const Tensor codes = loadTensor(path("q.safetensors") + ":layer0.weight.codes");
    for (std::size_t i = 0; i < q.codes.size(); ++i)
        QCOMPARE(codes.data()[i], float(q.codes[i]));
    QCOMPARE(loadTensor(path("q.safetensors") + ":layer0.weight.scale").data()[1], 0.0078125f);
    QCOMPARE(loadTensor(path("q.safetensors") + ":layer0.weight.zero_point").data()[1], 3.0f);
}

void TestIoWriters::atomicWrites()
{
    // A refused export leaves the previous file untouched.
    writeNpy(path("keep.npy"), Tensor::fromVector({1, 2, 3}));
    const QByteArray before = readAll(path("keep.npy"));
    const std::vector<std::int32_t> bad{1, 2, 300};
    QVERIFY_THROWS_EXCEPTION(ArgumentError, writeNpyCodes(path("keep.npy"), {3}, bad, -128, 127));
    QCOMPARE(readAll(path("keep.npy")), before);
    // An impossible target is a WriteFailed IoError naming the file, and leaves nothing behind.
    const std::string dirTarget = m_dir.path().toStdString(); // a directory cannot be replaced by a file
    try {
        writeNpy(dirTarget, Tensor::fromVector({1}));
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::WriteFailed));
        QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(dirTarget) + ": "), e.what());
    }
    try {
        writeCsvValues(path("no/such/dir/x.csv"), Tensor::fromVector({1}));
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::WriteFailed));
    }
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).filter("keep.npy.").size(), 0);
}

void TestIoWriters::numpyReadsOurFiles()
{
    const QString py = pythonWithNumpy();
    if (py.isEmpty())
        QSKIP("no python3 with NumPy found (Debian: apt-get install python3-numpy); NumPy interop not checked");
    const Tensor values = sampleTensor({4, 5});
    const Tensor scalar = sampleTensor({});
    writeNpy(path("np_values.npy"), values);
    writeNpy(path("np_scalar.npy"), scalar);
    const std::vector<std::int32_t> c8{-128, 127, 0, -5}, c16{0, 65535, 300, 7};
    writeNpyCodes(path("np_codes8.npy"), {2, 2}, c8, -128, 127);
    writeNpyCodes(path("np_codes16.npy"), {4}, c16, 0, 65535);
    const Tensor finite = Tensor({3, 2}, std::vector<float>{0.1f, -1e-7f, 3.4028235e38f, 1e-45f, -0.0f, 12345.678f});
    writeCsvValues(path("np_values.csv"), finite);
    QuantizedTensorExport q;
    q.shape = {3};
    q.codes = {0, 255, 17};
    q.minCode = 0;
    q.maxCode = 255;
    q.groupShape = {1};
    q.scales = {0.1f};
    q.zeroPoints = {128};
    q.metadata = {{"quantizer", "uint8 affine"}};
    writeSafetensors(path("np_q.safetensors"), q);

    QProcess p;
    const QStringList files{
        QString::fromStdString(path("np_values.npy")), QString::fromStdString(path("np_scalar.npy")),
        QString::fromStdString(path("np_codes8.npy")), QString::fromStdString(path("np_codes16.npy")),
        QString::fromStdString(path("np_values.csv")), QString::fromStdString(path("np_q.safetensors"))};
    p.start(py, QStringList{"-c", kNumpyCheck} + files);
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QJsonObject r = QJsonDocument::fromJson(p.readAllStandardOutput()).object();

    auto checkFloats = [&](const QString& file, const Tensor& t, bool csv) {
        const QJsonObject o = r.value(file).toObject();
        if (!csv)
            QCOMPARE(o.value("descr").toString(), QString("<f4"));
        const QJsonArray bits = o.value("bits").toArray();
        QCOMPARE(bits.size(), qsizetype(t.size()));
        for (qsizetype i = 0; i < bits.size(); ++i)
            QCOMPARE(std::uint32_t(bits[i].toInteger()), bitsOf(t.data()[i]));
    };
    checkFloats(files[0], values, false);
    QCOMPARE(r.value(files[0]).toObject().value("shape").toArray(), (QJsonArray{4, 5}));
    checkFloats(files[1], scalar, false);
    QCOMPARE(r.value(files[1]).toObject().value("shape").toArray(), QJsonArray{});
    checkFloats(files[4], finite, true);
    const QJsonObject codes8 = r.value(files[2]).toObject();
    QCOMPARE(codes8.value("descr").toString(), QString("|i1"));
    QCOMPARE(codes8.value("bits").toArray(), (QJsonArray{0x80, 0x7f, 0, 0xfb})); // int8 two's complement
    const QJsonObject codes16 = r.value(files[3]).toObject();
    QCOMPARE(codes16.value("descr").toString(), QString("<u2"));
    QCOMPARE(codes16.value("bits").toArray(), (QJsonArray{0, 65535, 300, 7}));
    const QJsonObject st = r.value(files[5]).toObject();
    QVERIFY(st.value("aligned").toBool());
    QCOMPARE(st.value("metadata").toObject().value("quantizer").toString(), QString("uint8 affine"));
    const QJsonObject tensors = st.value("tensors").toObject();
    QCOMPARE(tensors.value("tensor.codes").toObject().value("dtype").toString(), QString("U8"));
    QCOMPARE(tensors.value("tensor.codes").toObject().value("values").toArray(), (QJsonArray{0, 255, 17}));
    QCOMPARE(tensors.value("tensor.scale").toObject().value("values").toArray()[0].toDouble(), double(0.1f));
    QCOMPARE(tensors.value("tensor.zero_point").toObject().value("values").toArray()[0].toDouble(), 128.0);
}

QTEST_GUILESS_MAIN(TestIoWriters)
#include "tst_io_writers.moc"
