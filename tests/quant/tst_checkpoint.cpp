// The quantized checkpoint (quant/checkpoint.h, quantize --out x.safetensors):
// its payload's byte count equals the bits bits/value counts, and its tensors
// read back (4-bit codes two per byte, low nibble first; fp16 scales; packed
// zero points) to the result's codes and parameters.
#include "quant/checkpoint.h"
#include "quant/pipeline.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace qs;

namespace {

Tensor randomTensor(const Shape& shape, std::uint32_t seed)
{
    Tensor x(shape);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.2f, 1.0f);
    for (float& v : x.values())
        v = normal(rng);
    return x;
}

struct Entry
{
    QString dtype;
    QList<qint64> shape;
    QByteArray data;
};

// Reads a safetensors file by its definition: u64 header length, JSON header, data.
QMap<QString, Entry> readSafetensors(const QString& path, qint64& payload)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    quint64 n = 0;
    for (int i = 0; i < 8; ++i)
        n |= quint64(quint8(all[i])) << (8 * i);
    const QJsonObject header = QJsonDocument::fromJson(all.mid(8, qsizetype(n))).object();
    const QByteArray data = all.mid(qsizetype(8 + n));
    payload = data.size();
    QMap<QString, Entry> out;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__")
            continue;
        const QJsonObject o = it.value().toObject();
        Entry e;
        e.dtype = o["dtype"].toString();
        for (const auto& d : o["shape"].toArray())
            e.shape.append(d.toInteger());
        const QJsonArray off = o["data_offsets"].toArray();
        e.data = data.mid(qsizetype(off[0].toInteger()), qsizetype(off[1].toInteger() - off[0].toInteger()));
        out.insert(it.key(), e);
    }
    return out;
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT
private slots:
    void byteCountIsBitsPerValue_data();
    void byteCountIsBitsPerValue();
    void readsBack();
};

void TestCheckpoint::byteCountIsBitsPerValue_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<double>("outlier"); // a value planted every 97 elements (0: none)
    QTest::newRow("int4 block:32 fp16") << R"({"quantizer":"int4","granularity":"block:32","scale_format":"fp16"})"
                                        << QList<qint64>{16, 64} << 0.0;
    QTest::newRow("int4 asym block:32") << R"({"quantizer":"int4","scheme":"asymmetric","granularity":"block:32"})"
                                        << QList<qint64>{16, 64} << 0.0;
    QTest::newRow("uint8 asym channel bf16")
        << R"({"quantizer":"uint8","scheme":"asymmetric","granularity":"channel:0","scale_format":"bf16"})"
        << QList<qint64>{16, 64} << 0.0;
    QTest::newRow("q8_0") << R"({"quantizer":"q8_0"})" << QList<qint64>{8, 64} << 0.0;
    QTest::newRow("q4_1") << R"({"quantizer":"q4_1"})" << QList<qint64>{8, 64} << 0.0;
    QTest::newRow("q4_0 padded") << R"({"quantizer":"q4_0","pad_blocks":true})" << QList<qint64>{4, 48} << 0.0;
    QTest::newRow("mxfp4") << R"({"quantizer":"mxfp4"})" << QList<qint64>{8, 64} << 0.0;
    QTest::newRow("nf4 double quant") << R"({"quantizer":"nf4","double_quant":true})" << QList<qint64>{256, 256} << 0.0;
    QTest::newRow("int8 outliers") << R"({"quantizer":"int8","outliers":{"mode":"elements","threshold":6}})"
                                   << QList<qint64>{20, 50} << 50.0;
    QTest::newRow("int8 outlier columns")
        << R"({"quantizer":"int8","outliers":{"mode":"columns","threshold":6}})" << QList<qint64>{20, 50} << 50.0;
    QTest::newRow("codebook") << R"({"quantizer":"codebook:-1,0,0.5,1"})" << QList<qint64>{40, 50} << 0.0;
}

void TestCheckpoint::byteCountIsBitsPerValue()
{
    QFETCH(QString, config);
    QFETCH(QList<qint64>, shape);
    QFETCH(double, outlier);
    Tensor x = randomTensor(Shape(shape.begin(), shape.end()), 3);
    if (outlier != 0)
        for (std::int64_t i = 5; i < x.size(); i += 97)
            x.data()[i] = float(outlier);
    const QuantConfig c = QuantConfig::fromJson(QJsonDocument::fromJson(config.toUtf8()).object());
    QuantOptions opt;
    opt.codes = true;
    const QuantResult r = runQuantization(x, c, opt);
    QTemporaryDir dir;
    const QString path = dir.filePath("q.safetensors");
    writeCheckpoint(path.toStdString(), r, x, "layer.weight");
    qint64 payload = 0;
    const auto tensors = readSafetensors(path, payload);
    QVERIFY(tensors.contains("layer.weight.qweight"));
    // Every row's parts are whole bytes here, so the payload is exactly the counted bits.
    QCOMPARE(double(payload) * 8, r.storage.totalBits());
    QCOMPARE(double(payload) * 8 / double(x.size()), r.bitsPerValue);
}

void TestCheckpoint::readsBack()
{
    const Tensor x = randomTensor(Shape{16, 64}, 8);
    QuantConfig c = QuantConfig::fromJson(
        QJsonDocument::fromJson(
            R"({"quantizer":"int4","scheme":"asymmetric","granularity":"block:32","scale_format":"fp16"})")
            .object());
    QuantOptions opt;
    opt.codes = true;
    const QuantResult r = runQuantization(x, c, opt);
    QTemporaryDir dir;
    const QString path = dir.filePath("q.safetensors");
    writeCheckpoint(path.toStdString(), r, x, "w");
    qint64 payload = 0;
    const auto t = readSafetensors(path, payload);
    // Codes: two per byte, element 2i in the low nibble; signed 4-bit two's complement.
    const Entry& q = t["w.qweight"];
    QCOMPARE(q.dtype, QString("U8"));
    QCOMPARE(q.data.size(), qsizetype(x.size() / 2));
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const int nibble = (quint8(q.data[qsizetype(i / 2)]) >> (4 * (i % 2))) & 0xF;
        QCOMPARE(nibble >= 8 ? nibble - 16 : nibble, r.codes[std::size_t(i)]);
    }
    // Scales: F16 in group order [16, 2].
    const Entry& s = t["w.scales"];
    QCOMPARE(s.dtype, QString("F16"));
    QCOMPARE(s.shape, (QList<qint64>{16, 2}));
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
        _Float16 h;
        std::memcpy(&h, s.data.constData() + 2 * g, 2);
        QCOMPARE(float(h), float(r.groups[g].scale));
    }
    // Zero points: 4-bit two's complement, packed as the codes.
    const Entry& z = t["w.zeros"];
    QCOMPARE(z.data.size(), qsizetype(r.groups.size() / 2));
    for (std::size_t g = 0; g < r.groups.size(); ++g) {
        const int nibble = (quint8(z.data[qsizetype(g / 2)]) >> (4 * (g % 2))) & 0xF;
        QCOMPARE(double(nibble >= 8 ? nibble - 16 : nibble), r.groups[g].zeroPoint);
    }
}

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
