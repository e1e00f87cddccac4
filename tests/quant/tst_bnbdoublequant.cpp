// bitsandbytes NF4 with double quantization of the absmax values (issue 17),
// bit for bit against tests/data/bnb/double_quant.json, an independent numpy
// replica of quantize_4bit(compress_statistics=True) + dequantize_4bit
// (tests/data/bnb/make_double_quant.py): the 4-bit codes, the offset (mean of
// the absmax values), the 8-bit dynamic-map codes and their per-256 absmax,
// the dequantized absmax values and every dequantized value.
#include "common/lcgdata.h"
#include "quant/bnb.h"
#include "quant/pipeline.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace qs;
using namespace qs::testdata;

namespace {

QJsonObject fixture()
{
    QFile f(QStringLiteral(QS_TEST_DATA_DIR "/bnb/double_quant.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// make_double_quant.py's make_data, in the same float32 operations.
Tensor makeData(int n, std::uint64_t seed)
{
    Lcg lcg(seed);
    Tensor x(Shape{n});
    for (int i = 0; i < n; ++i) {
        const int b = i / 64;
        x.data()[i] = float(lcg.bell()) * lcgScale() * float(0.25 + double((37 * b) % 101) / 64.0);
    }
    return x;
}

std::uint32_t bits(float v)
{
    std::uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

QString show(float v)
{
    return QString("%1 (0x%2)").arg(double(v), 0, 'g', 9).arg(bits(v), 8, 16, QChar('0'));
}

} // namespace

class TestBnbDoubleQuant : public QObject
{
    Q_OBJECT
private slots:
    void dynamicMap();
    void doubleQuantizeTheirAbsmax();
    void quantizerMatches();
};

// create_dynamic_map(signed=True): the 256 float32 values of the replica (built with torch 1.13).
void TestBnbDoubleQuant::dynamicMap()
{
    const std::vector<float> want = hexFloats(fixture()["map"].toArray());
    const std::vector<float>& got = bnb::dynamicMap();
    QCOMPARE(got.size(), want.size());
    for (std::size_t k = 0; k < want.size(); ++k)
        QVERIFY2(bits(got[k]) == bits(want[k]),
                 qPrintable(QString("map[%1]: %2, bitsandbytes %3").arg(k).arg(show(got[k]), show(want[k]))));
}

// The statistics step alone, from the replica's absmax values.
void TestBnbDoubleQuant::doubleQuantizeTheirAbsmax()
{
    const QJsonObject f = fixture();
    const std::vector<float> absmax = hexFloats(f["absmax"].toArray());
    const bnb::DoubleQuantized d = bnb::doubleQuantize(absmax);
    QVERIFY2(bits(d.offset) == bits(float(hexFloat(f["offset"].toString()))), qPrintable(show(d.offset)));
    const std::vector<float> absmax2 = hexFloats(f["absmax2"].toArray());
    QCOMPARE(d.absmax.size(), absmax2.size());
    for (std::size_t k = 0; k < absmax2.size(); ++k)
        QVERIFY2(bits(d.absmax[k]) == bits(absmax2[k]), qPrintable(show(d.absmax[k])));
    const QString codes8 = f["codes8"].toString();
    const std::vector<float> values = hexFloats(f["absmax_dequantized"].toArray());
    QCOMPARE(d.codes.size(), absmax.size());
    for (std::size_t k = 0; k < absmax.size(); ++k) {
        const int want = codes8.mid(int(2 * k), 2).toInt(nullptr, 16);
        QVERIFY2(d.codes[k] == want,
                 qPrintable(QString("absmax %1: code %2, bitsandbytes %3").arg(k).arg(d.codes[k]).arg(want)));
        QVERIFY2(
            bits(d.values[k]) == bits(values[k]),
            qPrintable(
                QString("absmax %1 dequantized: %2, bitsandbytes %3").arg(k).arg(show(d.values[k]), show(values[k]))));
    }
}

// The whole quantizer: --quantizer nf4 --convention bitsandbytes --double-quant.
void TestBnbDoubleQuant::quantizerMatches()
{
    const QJsonObject f = fixture();
    const int n = f["n"].toInt();
    const Tensor x = makeData(n, std::uint64_t(f["seed"].toInt()));
    QuantConfig c;
    c.setQuantizer("nf4");
    c.convention = QuantConvention::Bitsandbytes;
    c.doubleQuant = true;
    QuantOptions opt;
    opt.codes = true;
    const QuantResult r = runQuantization(x, c, opt);

    const QString codes4 = f["codes4"].toString();
    QCOMPARE(r.codes.size(), std::size_t(n));
    for (int i = 0; i < n; ++i)
        QVERIFY2(
            r.codes[std::size_t(i)] == codes4.mid(i, 1).toInt(nullptr, 16),
            qPrintable(
                QString("element %1: code %2, bitsandbytes %3").arg(i).arg(r.codes[std::size_t(i)]).arg(codes4[i])));
    QVERIFY2(bits(r.doubleQuant.offset) == bits(float(hexFloat(f["offset"].toString()))),
             qPrintable(show(r.doubleQuant.offset)));
    const QString codes8 = f["codes8"].toString();
    QCOMPARE(r.doubleQuant.codes.size(), std::size_t(codes8.size() / 2));
    for (std::size_t k = 0; k < r.doubleQuant.codes.size(); ++k)
        QCOMPARE(int(r.doubleQuant.codes[k]), codes8.mid(int(2 * k), 2).toInt(nullptr, 16));
    const std::vector<float> absmax2 = hexFloats(f["absmax2"].toArray());
    QCOMPARE(r.doubleQuant.absmax.size(), absmax2.size());
    for (std::size_t k = 0; k < absmax2.size(); ++k)
        QCOMPARE(bits(r.doubleQuant.absmax[k]), bits(absmax2[k]));
    // The scale each block of 64 is dequantized with.
    const std::vector<float> used = hexFloats(f["absmax_dequantized"].toArray());
    QCOMPARE(r.groups.size(), used.size());
    for (std::size_t g = 0; g < used.size(); ++g)
        QVERIFY2(
            bits(float(r.groups[g].scale)) == bits(used[g]),
            qPrintable(
                QString("block %1: %2, bitsandbytes %3").arg(g).arg(show(float(r.groups[g].scale)), show(used[g]))));
    // Every dequantized value: FNV-1a 64 of the float32 bytes (little-endian), and a sample with values.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < n; ++i) {
        const std::uint32_t b = bits(r.dequantized.data()[i]);
        for (int k = 0; k < 4; ++k)
            h = (h ^ ((b >> (8 * k)) & 0xFF)) * 0x100000001b3ULL;
    }
    const std::vector<float> sample = hexFloats(f["xhat_every_97th"].toArray());
    for (std::size_t k = 0; k < sample.size(); ++k)
        QVERIFY2(bits(r.dequantized.data()[97 * k]) == bits(sample[k]),
                 qPrintable(QString("x̂[%1]: %2, bitsandbytes %3")
                                .arg(97 * k)
                                .arg(show(r.dequantized.data()[97 * k]), show(sample[k]))));
    QCOMPARE(QString("%1").arg(h, 16, 16, QChar('0')), f["xhat_fnv1a64"].toString());
    // Everything stored: 4-bit codes, an 8-bit code per block of 64, an fp32 absmax per 256 of those, the offset.
    const double blocks = double(used.size());
    QVERIFY(std::fabs(r.bitsPerValue - (4.0 * n + 8.0 * blocks + 32.0 * absmax2.size() + 32.0) / n) < 1e-12);
}

QTEST_GUILESS_MAIN(TestBnbDoubleQuant)
#include "tst_bnbdoublequant.moc"
