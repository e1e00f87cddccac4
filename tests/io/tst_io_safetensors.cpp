// The safetensors reader's API: what the header parse reports (names, dtypes,
// shapes, offsets, metadata), picking tensors, and the liberties the format
// allows (escaped names, zero-size tensors, unaligned data, gaps).
#include "iotestutil.h"

#include "io/ioerror.h"
#include "io/safetensors.h"
#include "io/tensorsource.h"

#include <QtTest>

using namespace qs;
using namespace qs::iotest;

namespace {

QByteArray stBytes(const QByteArray& json, const QByteArray& data)
{
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i)
        out[i] = char((quint64(json.size()) >> (8 * i)) & 0xff);
    return out + json + data;
}

QByteArray floats(std::initializer_list<float> v)
{
    return QByteArray(reinterpret_cast<const char*>(std::data(v)), qsizetype(v.size() * 4));
}

} // namespace

class TestIoSafetensors : public QObject
{
    Q_OBJECT
private slots:
    void headerOfCorpusFile();
    void singleTensorNeedsNoName();
    void escapedNamesAndUnalignedData();
    void zeroSizeTensorsAndGaps();
    void nanAndInfAreCountedNotDropped();
};

void TestIoSafetensors::headerOfCorpusFile()
{
    const QByteArray bytes = readAll(dataPath("safetensors/all_dtypes.safetensors"));
    const SafetensorsHeader h = parseSafetensorsHeader(bytesOf(bytes), "all_dtypes");
    QCOMPARE(h.tensors.size(), std::size_t(15));
    QCOMPARE(h.metadata.size(), std::size_t(3));
    QCOMPARE(h.metadata.at("note"), std::string("caf\u00e9 \u00b5"));
    // make_corpus.py lays tensors out in this order: F64 (2x3) first at offset 0, then F32 ...
    const SafetensorsEntry* f64 = h.find("t_f64");
    QVERIFY(f64);
    QCOMPARE(f64->begin, std::uint64_t(0));
    QCOMPARE(f64->end, std::uint64_t(48));
    QCOMPARE(f64->dtype, DType::F64);
    const SafetensorsEntry* f32 = h.find("t_f32");
    QCOMPARE(f32->begin, std::uint64_t(48));
    QCOMPARE(f32->shape, (Shape{2, 3}));
    QCOMPARE(h.find("t_f8_e5m2")->dtypeName, std::string("F8_E5M2"));
    QVERIFY(!h.find("__metadata__"));
    QCOMPARE(h.dataOffset + h.dataSize, std::size_t(bytes.size()));
    for (std::size_t i = 1; i < h.tensors.size(); ++i)
        QVERIFY(h.tensors[i - 1].name < h.tensors[i].name);
}

void TestIoSafetensors::singleTensorNeedsNoName()
{
    const Tensor t = loadTensor(dataPath("safetensors/single.safetensors"));
    QCOMPARE(t.shape(), (Shape{3, 4}));
    QCOMPARE(t.data()[0], -5.5f);
    QCOMPARE(loadTensor(dataPath("safetensors/single.safetensors:weight")).data()[11], 5.5f);
}

void TestIoSafetensors::escapedNamesAndUnalignedData()
{
    // A 3-byte header leaves the data unaligned; names may use JSON escapes and contain ':'.
    const QByteArray json = R"({"caf\u00e9:w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    const QByteArray bytes = stBytes(json, floats({1.5f, -2.0f}));
    const LoadedTensor t = readSafetensors(bytesOf(bytes), "x", "caf\u00e9:w");
    QCOMPARE(t.tensor.data()[1], -2.0f);
    QCOMPARE(t.name, std::string("caf\u00e9:w"));
}

void TestIoSafetensors::zeroSizeTensorsAndGaps()
{
    // Empty tensors may sit anywhere (they share no bytes); an unused gap before a tensor is tolerated.
    const QByteArray json = R"({"e1":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]},)"
                            R"("e2":{"dtype":"I8","shape":[0],"data_offsets":[4,4]},)"
                            R"("v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})";
    const QByteArray bytes = stBytes(json, floats({9.0f, 7.0f}));
    const SafetensorsHeader h = parseSafetensorsHeader(bytesOf(bytes), "x");
    QCOMPARE(h.tensors.size(), std::size_t(3));
    QCOMPARE(readSafetensors(bytesOf(bytes), "x", "v").tensor.data()[0], 7.0f);
    QCOMPARE(readSafetensors(bytesOf(bytes), "x", "e1").tensor.shape(), (Shape{0, 3}));
}

void TestIoSafetensors::nanAndInfAreCountedNotDropped()
{
    const float inf = std::numeric_limits<float>::infinity();
    const QByteArray json = R"({"x":{"dtype":"F32","shape":[5],"data_offsets":[0,20]}})";
    const QByteArray bytes = stBytes(json, floats({1, std::nanf(""), inf, -inf, 3}));
    const LoadedTensor t = readSafetensors(bytesOf(bytes), "x", "");
    QCOMPARE(t.tensor.size(), std::int64_t(5));
    const TensorStats s = computeStats(t.tensor.values());
    QCOMPARE(s.nan, std::int64_t(1));
    QCOMPARE(s.posInf, std::int64_t(1));
    QCOMPARE(s.negInf, std::int64_t(1));
    QCOMPARE(s.finite, std::int64_t(2));
    QCOMPARE(s.mean, 2.0);
    QCOMPARE(s.std, 1.0);
    QCOMPARE(s.min, 1.0);
    QCOMPARE(s.max, 3.0);
}

QTEST_GUILESS_MAIN(TestIoSafetensors)
#include "tst_io_safetensors.moc"
