// Every valid file of the NumPy-made corpus loads bit-identically to NumPy's own
// float32 conversion (tests/data/corpus.json), with the same shape and the same
// counts of rounded (inexact) and overflowed values.
#include "iotestutil.h"

#include "io/ioerror.h"
#include "io/tensorsource.h"

#include <QJsonArray>
#include <QtTest>

using namespace qs;
using namespace qs::iotest;

class TestIoCorpus : public QObject
{
    Q_OBJECT
private slots:
    void manifestIsComplete();
    void loadsLikeNumpy_data();
    void loadsLikeNumpy();
};

void TestIoCorpus::manifestIsComplete()
{
    const QJsonObject m = manifest();
    // 12 dtypes x byte orders x C/Fortran = 42 .npy files, plus ranks, versions, specials, safetensors, text.
    QVERIFY2(m.size() >= 77, qPrintable(QString("corpus.json has %1 entries").arg(m.size())));
    int fortran = 0, bigEndian = 0;
    for (auto it = m.begin(); it != m.end(); ++it) {
        fortran += it.key().endsWith("_F.npy");
        bigEndian += it.key().contains("_be_");
    }
    QCOMPARE(fortran, 22);   // 21 dtype/byte-order pairs + rank5_F
    QCOMPARE(bigEndian, 18); // f2 f4 f8 i2 i4 i8 u2 u4 u8, C and F
}

void TestIoCorpus::loadsLikeNumpy_data()
{
    QTest::addColumn<QString>("key");
    const QJsonObject m = manifest();
    for (auto it = m.begin(); it != m.end(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key();
}

void TestIoCorpus::loadsLikeNumpy()
{
    QFETCH(QString, key);
    const QJsonObject ref = manifest().value(key).toObject();
    const LoadedTensor t = loadTensorDetailed(dataPath(key.toStdString()));

    Shape shape;
    for (const auto& d : ref.value("shape").toArray())
        shape.push_back(d.toInteger());
    QCOMPARE(Tensor::shapeString(t.tensor.shape()), Tensor::shapeString(shape));

    QString dtype = ref.value("dtype").toString();
    if (dtype == "f8_e4m3")
        dtype = "float8_e4m3fn";
    if (dtype == "f8_e5m2")
        dtype = "float8_e5m2";
    QCOMPARE(QString::fromStdString(t.dtype), dtype);

    const QJsonArray bits = ref.value("f32").toArray();
    QCOMPARE(t.tensor.size(), std::int64_t(bits.size()));
    for (qsizetype i = 0; i < bits.size(); ++i) {
        const auto expected = std::bit_cast<float>(std::uint32_t(bits[i].toString().toUInt(nullptr, 16)));
        const float got = t.tensor.data()[i];
        if (!sameFloat(got, expected))
            QFAIL(qPrintable(QString("element %1: got %2 (0x%3), NumPy gives %4 (0x%5)")
                                 .arg(i)
                                 .arg(double(got))
                                 .arg(bitsOf(got), 8, 16, QChar('0'))
                                 .arg(double(expected))
                                 .arg(bitsOf(expected), 8, 16, QChar('0'))));
    }
    QCOMPARE(t.conversion.inexact, std::int64_t(ref.value("inexact").toInteger()));
    QCOMPARE(t.conversion.overflowed, std::int64_t(ref.value("overflowed").toInteger()));
}

QTEST_GUILESS_MAIN(TestIoCorpus)
#include "tst_io_corpus.moc"
