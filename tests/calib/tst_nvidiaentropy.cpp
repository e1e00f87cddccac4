// NVIDIA pytorch-quantization's histogram calibration to the bit (issue 17),
// against tests/data/nvidia/entropy.json: HistogramCalibrator's torch.histc
// histogram of |x| and torch.linspace float32 bin edges (made by torch 1.13),
// and _compute_amax_entropy / _compute_amax_percentile replicated step by
// step in numpy (tests/data/nvidia/make_entropy.py). Under --convention
// nvidia, entropy and percentile-hist return that float32 edge as amax, and
// the quantizer stores it. The "edges" case puts values on and next to every
// bin edge, where torch.histc's float32 division decides the bin.
#include "calib/calibrators.h"
#include "calib/torchlinspace.h"
#include "common/lcgdata.h"
#include "quant/pipeline.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace qs;
using namespace qs::testdata;

namespace {

QJsonObject fixture()
{
    QFile f(QStringLiteral(QS_TEST_DATA_DIR "/nvidia/entropy.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// make_entropy.py's make_data, in the same float32 operations.
std::vector<float> makeData(const QString& kind, int n, std::uint64_t seed)
{
    if (kind == "edges") { // make_edges: every k * step and its float32 neighbours, then xmax
        const float xmax = 0x1.075b26p+2f;
        const float step = xmax / 2048.0f;
        std::vector<float> x;
        for (int k = 0; k < 2048; ++k) {
            const float v = float(k) * step;
            x.push_back(k > 0 ? std::nextafter(v, -1.0f) : v);
            x.push_back(v);
            x.push_back(std::nextafter(v, 10.0f));
        }
        x.push_back(xmax);
        return x;
    }
    Lcg lcg(seed);
    std::vector<float> x(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        float v = float(lcg.bell()) * lcgScale();
        if (kind == "outliers" && i % 500 == 7)
            v = v * 37.0f;
        if (kind == "relu")
            v = std::max(v, 0.0f);
        x[std::size_t(i)] = v;
    }
    return x;
}

QString bitsOf(double v)
{
    float f = float(v);
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return QString("%1 (0x%2)").arg(v, 0, 'g', 9).arg(b, 8, 16, QChar('0'));
}

} // namespace

class TestNvidiaEntropy : public QObject
{
    Q_OBJECT
private slots:
    void quantizerUsesTheirEdge_data();
    void quantizerUsesTheirEdge();
    void histogramIsTorchHistc_data();
    void histogramIsTorchHistc();
};

void TestNvidiaEntropy::quantizerUsesTheirEdge_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("calibration");
    const QJsonArray cases = fixture()["cases"].toArray();
    for (int k = 0; k < cases.size(); ++k) {
        const QJsonObject c = cases[k].toObject();
        const QString name =
            c["kind"].toString() + (c["unsigned"].toBool() ? " uint" : " int") + QString::number(c["bits"].toInt());
        QTest::newRow(qPrintable(name + " entropy")) << k << "entropy";
        for (const QString& p : c["percentile"].toObject().keys())
            QTest::newRow(qPrintable(name + " percentile-hist:" + p)) << k << "percentile-hist:" + p;
    }
}

// The whole path: quantize with --convention nvidia; the calibrated amax (and
// the amax the checkpoint stores) is NVIDIA's float32 bin edge, bit for bit.
void TestNvidiaEntropy::quantizerUsesTheirEdge()
{
    QFETCH(int, index);
    QFETCH(QString, calibration);
    const QJsonObject c = fixture()["cases"].toArray()[index].toObject();
    const std::vector<float> data = makeData(c["kind"].toString(), c["n"].toInt(), std::uint64_t(c["seed"].toInt()));
    float xMax = 0; // the generator reproduces make_entropy.py's data: same max|x|
    for (float v : data)
        xMax = std::max(xMax, std::fabs(v));
    QCOMPARE(double(xMax), hexFloat(c["x_max"].toString()));
    Tensor x(Shape{std::int64_t(data.size())});
    std::copy(data.begin(), data.end(), x.data());

    QuantConfig cfg;
    cfg.setQuantizer(QString("%1%2").arg(c["unsigned"].toBool() ? "uint" : "int").arg(c["bits"].toInt()).toStdString());
    cfg.scheme = QuantScheme::Symmetric;
    cfg.convention = QuantConvention::Nvidia;
    cfg.calibration = CalibrationSpec::parse(calibration.toStdString());
    const QuantResult r = runQuantization(x, cfg);

    const QString want = calibration == "entropy" ? c["amax"].toString()
                                                  : c["percentile"].toObject()[calibration.section(':', 1)].toString();
    const double amax = hexFloat(want);
    QVERIFY2(r.calibration.clipMax == amax,
             qPrintable(QString("amax %1, NVIDIA %2").arg(bitsOf(r.calibration.clipMax), bitsOf(amax))));
    QCOMPARE(r.storedScales.size(), std::size_t(1));
    QVERIFY2(double(r.storedScales[0]) == amax, qPrintable(bitsOf(r.storedScales[0])));
}

void TestNvidiaEntropy::histogramIsTorchHistc_data()
{
    QTest::addColumn<int>("index");
    const QJsonArray cases = fixture()["cases"].toArray();
    for (int k = 0; k < cases.size(); ++k)
        QTest::newRow(qPrintable(QString("case %1 (%2)").arg(k).arg(cases[k].toObject()["kind"].toString()))) << k;
}

// The steps on their own: our torch.histc equals torch's counts, and the KL
// search on those counts picks the bin NVIDIA's loop picks.
void TestNvidiaEntropy::histogramIsTorchHistc()
{
    QFETCH(int, index);
    const QJsonObject all = fixture();
    const QJsonObject c = all["cases"].toArray()[index].toObject();
    const std::vector<float> x = makeData(c["kind"].toString(), c["n"].toInt(), std::uint64_t(c["seed"].toInt()));
    const float xMax = float(hexFloat(c["x_max"].toString()));
    const int bins = all["bins"].toInt();
    const std::vector<std::uint64_t> got = torchHistcAbs(x, bins, xMax);
    const QJsonArray want = c["histogram"].toArray();
    QCOMPARE(got.size(), std::size_t(want.size()));
    for (int k = 0; k < bins; ++k)
        QVERIFY2(
            got[std::size_t(k)] == std::uint64_t(want[k].toInteger()),
            qPrintable(QString("bin %1: %2, torch.histc %3").arg(k).arg(got[std::size_t(k)]).arg(want[k].toInteger())));
    const int targetBins = 1 << (c["bits"].toInt() - 1 + (c["unsigned"].toBool() ? 1 : 0));
    const EntropySearch e = entropySearch(got, xMax, targetBins, all["start_bin"].toInt());
    QCOMPARE(e.bin, c["bin"].toInt());
    const double kl = hexFloat(c["kl_at_bin"].toString());
    QVERIFY2(std::fabs(e.kl[std::size_t(e.bin - all["start_bin"].toInt())] - kl) <= 1e-12 * std::max(1.0, kl),
             qPrintable(QString::number(e.kl[std::size_t(e.bin - all["start_bin"].toInt())], 'g', 17)));
    QCOMPARE(double(torchLinspace(0.0f, xMax, bins + 1)[std::size_t(e.bin)]), hexFloat(c["amax"].toString()));
}

QTEST_GUILESS_MAIN(TestNvidiaEntropy)
#include "tst_nvidiaentropy.moc"
