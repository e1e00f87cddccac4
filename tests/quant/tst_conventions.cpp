// Toolkit conventions to the bit (issue 17), each against its toolkit's rule
// written out here:
// - bitsandbytes NF4 (kQuantizeBlockwise + dQuantizeNF4 + dDequantizeNF4):
//   blocks of 64 over the flattened tensor, v = x * (1/absmax) in float32,
//   the kernel's decision tree on v (ties go down: `x > t`), x̂ = level * absmax;
// - NVIDIA pytorch-quantization (_tensor_quant + fake quant): s = bound/amax
//   in float32, q = clamp(round(x * s)), x̂ = q / s in float32;
// - PyTorch's MovingAverageMinMaxObserver, against a fixture made by torch 1.13
//   (tests/data/torch/make_moving_minmax.py).
#include "quant/pipeline.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

using namespace qs;

namespace {

// dQuantizeNF4, the decision tree as bitsandbytes' kernel writes it.
int dQuantizeNF4(float x)
{
    if (x > 0.03979014977812767f) {
        if (x > 0.3893125355243683f) {
            if (x > 0.6427869200706482f)
                return x > 0.8614784181118011f ? 15 : 14;
            return x > 0.5016634166240692f ? 13 : 12;
        }
        if (x > 0.2035212516784668f)
            return x > 0.2920137718319893f ? 11 : 10;
        return x > 0.1202552504837513f ? 9 : 8;
    }
    if (x > -0.33967943489551544f) {
        if (x > -0.13791173323988914f)
            return x > -0.045525018125772476f ? 7 : 6;
        return x > -0.23460740596055984f ? 5 : 4;
    }
    if (x > -0.6106329262256622f)
        return x > -0.4599952697753906f ? 3 : 2;
    return x > -0.8480964004993439f ? 1 : 0;
}

// bitsandbytes' NF4 code table (functional.py get_4bit_type("nf4")), float32.
const float kNf4[16] = {-1.0f,
                        -0.6961928009986877f,
                        -0.5250730514526367f,
                        -0.39491748809814453f,
                        -0.28444138169288635f,
                        -0.18477343022823334f,
                        -0.09105003625154495f,
                        0.0f,
                        0.07958029955625534f,
                        0.16093020141124725f,
                        0.24611230194568634f,
                        0.33791524171829224f,
                        0.44070982933044434f,
                        0.5626170039176941f,
                        0.7229568362236023f,
                        1.0f};

bool sameBits(float a, float b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

Tensor randomTensor(const Shape& shape, std::uint32_t seed)
{
    Tensor x(shape);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.05f);
    for (float& v : x.values())
        v = normal(rng);
    return x;
}

} // namespace

class TestConventions : public QObject
{
    Q_OBJECT
private slots:
    void bitsandbytesNf4_data();
    void bitsandbytesNf4();
    void nvidiaDivides_data();
    void nvidiaDivides();
    void pytorchMovingMinMax();
    void fp8ScaledOrder_data();
    void fp8ScaledOrder();
    void mxScaleRules_data();
    void mxScaleRules();
};

void TestConventions::bitsandbytesNf4_data()
{
    QTest::addColumn<QList<qint64>>("shape");
    // Rows of 50: bitsandbytes' blocks of 64 cross them (4 blocks, the last 58 long).
    QTest::newRow("[5, 50]") << QList<qint64>{5, 50};
    QTest::newRow("conv [4, 8, 3, 3]") << QList<qint64>{4, 8, 3, 3};
    QTest::newRow("[128, 64]") << QList<qint64>{128, 64};
}

void TestConventions::bitsandbytesNf4()
{
    QFETCH(QList<qint64>, shape);
    Tensor x = randomTensor(Shape(shape.begin(), shape.end()), 21);
    // Ties: with absmax 1 these values are exactly thresholds; bitsandbytes codes them down.
    x.data()[0] = 1.0f;
    x.data()[1] = 0.5016634166240692f;
    x.data()[2] = -0.045525018125772476f;
    x.data()[3] = 0.03979014977812767f;
    QuantConfig c;
    c.setQuantizer("nf4");
    c.convention = QuantConvention::Bitsandbytes;
    QuantOptions opt;
    opt.codes = true;
    const QuantResult r = runQuantization(x, c, opt);
    const std::int64_t n = x.size();
    QCOMPARE(r.groups.size(), std::size_t((n + 63) / 64));
    for (std::int64_t b = 0; b * 64 < n; ++b) {
        const std::int64_t end = std::min(n, (b + 1) * 64);
        float absmax = 0;
        for (std::int64_t i = b * 64; i < end; ++i)
            absmax = std::max(absmax, std::fabs(x.data()[i]));
        const float inv = 1.0f / absmax;
        for (std::int64_t i = b * 64; i < end; ++i) {
            const int q = dQuantizeNF4(x.data()[i] * inv);
            const float xhat = kNf4[q] * absmax;
            if (r.codes[std::size_t(i)] != q || !sameBits(r.dequantized.data()[i], xhat))
                QFAIL(qPrintable(QString("element %1 (x = %2): code %3, x̂ %4; bitsandbytes %5, %6")
                                     .arg(i)
                                     .arg(double(x.data()[i]), 0, 'g', 9)
                                     .arg(r.codes[std::size_t(i)])
                                     .arg(double(r.dequantized.data()[i]), 0, 'g', 9)
                                     .arg(q)
                                     .arg(double(xhat), 0, 'g', 9)));
        }
    }
    QCOMPARE(r.codes[1], 12); // the tie went down
    QCOMPARE(r.codes[2], 6);
    QCOMPARE(r.codes[3], 7);
}

void TestConventions::nvidiaDivides_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("granularity");
    QTest::newRow("int8 tensor") << 8 << "tensor";
    QTest::newRow("int4 tensor") << 4 << "tensor";
    QTest::newRow("int8 channel:0") << 8 << "channel:0";
}

void TestConventions::nvidiaDivides()
{
    QFETCH(int, bits);
    QFETCH(QString, granularity);
    const Tensor x = randomTensor(Shape{16, 300}, 5);
    QuantConfig c;
    c.setQuantizer("int" + std::to_string(bits));
    c.convention = QuantConvention::Nvidia;
    c.granularity = Granularity::parse(granularity.toStdString());
    QuantOptions opt;
    opt.codes = true;
    const QuantResult r = runQuantization(x, c, opt);
    const bool perRow = granularity != "tensor";
    const float bound = float((1 << (bits - 1)) - 1);
    std::int64_t differsFromProduct = 0;
    for (std::int64_t row = 0; row < 16; ++row) {
        float amax = 0;
        for (std::int64_t i = perRow ? row * 300 : 0; i < (perRow ? row * 300 + 300 : x.size()); ++i)
            amax = std::max(amax, std::fabs(x.data()[i]));
        const float s = bound / amax; // pytorch-quantization's scale
        for (std::int64_t i = row * 300; i < row * 300 + 300; ++i) {
            const float q = std::clamp(std::nearbyint(x.data()[i] * s), -bound - 1, bound);
            const float xhat = q / s;
            QCOMPARE(r.codes[std::size_t(i)], int(q));
            QVERIFY2(sameBits(r.dequantized.data()[i], xhat),
                     qPrintable(QString("%1: %2 vs %3, q %4, s %5 amax %6 clip %7")
                                    .arg(i)
                                    .arg(double(r.dequantized.data()[i]), 0, 'g', 9)
                                    .arg(double(xhat), 0, 'g', 9)
                                    .arg(q)
                                    .arg(double(s), 0, 'g', 9)
                                    .arg(double(amax), 0, 'g', 9)
                                    .arg(r.groups[0].clipMax, 0, 'g', 9)));
            differsFromProduct += sameBits(xhat, q * (amax / bound)) ? 0 : 1;
        }
    }
    // The division matters: q times a stored step would differ in the last bit for many values.
    QVERIFY(differsFromProduct > 0);
}

namespace {
float hexFloat(const QJsonValue& v)
{
    return float(std::strtod(v.toString().toLatin1().constData(), nullptr));
}
} // namespace

// quantize --convention pytorch --calibration moving-minmax:C,BATCH gives the
// observer's min_val/max_val, calculate_qparams' scale and zero point, and
// fake_quantize_per_tensor_affine's values, bit for bit.
void TestConventions::pytorchMovingMinMax()
{
    QFile f(QStringLiteral(QS_TEST_DATA_DIR "/torch/moving_minmax.json"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const QJsonObject fixture = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray xs = fixture["x"].toArray();
    Tensor x(Shape{std::int64_t(xs.size())});
    for (int i = 0; i < xs.size(); ++i)
        x.data()[i] = hexFloat(xs[i]);
    const QJsonArray cases = fixture["cases"].toArray();
    QCOMPARE(cases.size(), 4);
    for (const auto& cv : cases) {
        const QJsonObject k = cv.toObject();
        QuantConfig c;
        c.setQuantizer(k["quantizer"].toString().toStdString());
        c.scheme = parseScheme(k["scheme"].toString().toStdString());
        c.convention = QuantConvention::PyTorch;
        c.calibration = CalibrationSpec::parse("moving-minmax:" + QString::number(k["c"].toDouble()).toStdString() +
                                               "," + std::to_string(k["batch"].toInt()));
        const QuantResult r = runQuantization(x, c);
        const QString what =
            k["quantizer"].toString() + " " + k["scheme"].toString() + " c " + QString::number(k["c"].toDouble());
        const float minVal = hexFloat(k["min_val"]), maxVal = hexFloat(k["max_val"]);
        if (c.scheme == QuantScheme::Symmetric) {
            QCOMPARE(float(r.calibration.clipMax), std::max(-minVal, maxVal));
        } else {
            QCOMPARE(float(r.calibration.clipMin), minVal);
            QCOMPARE(float(r.calibration.clipMax), maxVal);
        }
        QCOMPARE(float(r.groups[0].scale), hexFloat(k["scale"]));
        QCOMPARE(r.groups[0].zeroPoint, k["zero_point"].toDouble());
        const QJsonArray deq = k["dequantized"].toArray();
        for (int i = 0; i < deq.size(); ++i)
            if (!sameBits(r.dequantized.data()[i], hexFloat(deq[i])))
                QFAIL(qPrintable(QString("%1: element %2: %3, torch %4")
                                     .arg(what)
                                     .arg(i)
                                     .arg(double(r.dequantized.data()[i]), 0, 'g', 9)
                                     .arg(double(hexFloat(deq[i])), 0, 'g', 9)));
    }
}

namespace {
// E4M3 (OCP, "fn": no Inf, S.1111.111 is NaN) by enumeration: codes 0..126 are
// the non-negative finite values in increasing order; round to nearest, ties
// to the even code, saturating at 448.
float castE4m3(float v)
{
    static const std::vector<double> values = [] {
        std::vector<double> out;
        for (int code = 0; code < 127; ++code) {
            const int e = code >> 3, m = code & 7;
            out.push_back(e == 0 ? std::ldexp(m / 8.0, -6) : std::ldexp(1 + m / 8.0, e - 7));
        }
        return out;
    }();
    const double a = std::fabs(double(v));
    int best = 0;
    for (int k = 1; k < 127; ++k) {
        const double d = std::fabs(values[std::size_t(k)] - a), db = std::fabs(values[std::size_t(best)] - a);
        if (d < db || (d == db && k % 2 == 0))
            best = k;
    }
    return float(std::copysign(values[std::size_t(best)], double(v)));
}
} // namespace

void TestConventions::fp8ScaledOrder_data()
{
    QTest::addColumn<QString>("convention");
    QTest::addColumn<bool>("divides");
    // TransformerEngine / torchao: s = 448/amax, y = cast(x*s), x̂ = y/s.
    QTest::newRow("pytorch") << "pytorch" << true;
    QTest::newRow("nvidia") << "nvidia" << true;
    // The course's order: S = amax/448 stored, x̂ = cast(x*(448/amax)) * S.
    QTest::newRow("textbook") << "textbook" << false;
}

void TestConventions::fp8ScaledOrder()
{
    QFETCH(QString, convention);
    QFETCH(bool, divides);
    const Tensor x = randomTensor(Shape{4096}, 31);
    QuantConfig c;
    c.setQuantizer("fp8-e4m3");
    c.formatScaled = true;
    c.convention = parseConvention(convention.toStdString());
    const QuantResult r = runQuantization(x, c);
    float amax = 0;
    for (float v : x.values())
        amax = std::max(amax, std::fabs(v));
    const float s = float(448.0 / double(amax)), step = float(double(amax) / 448.0);
    std::int64_t differ = 0;
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const float y = castE4m3(x.data()[i] * s);
        const float want = divides ? y / s : y * step;
        const float other = divides ? y * step : y / s;
        QVERIFY2(sameBits(r.dequantized.data()[i], want), qPrintable(QString::number(i)));
        differ += sameBits(want, other) ? 0 : 1;
    }
    QVERIFY(differ > 0); // the two orders are told apart by this data
}

void TestConventions::mxScaleRules_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<int>("emax");  // exponent of the element format's largest value
    QTest::addColumn<int>("mbits"); // its mantissa bits
    QTest::addColumn<double>("elemMax");
    QTest::newRow("mxfp4") << "mxfp4" << 2 << 1 << 6.0;
    QTest::newRow("mxfp8-e4m3") << "mxfp8-e4m3" << 8 << 3 << 448.0;
    QTest::newRow("mxfp6-e3m2") << "mxfp6-e3m2" << 4 << 2 << 28.0;
}

// The E8M0 exponent of each block by rule (OCP floor; torchao's ceil, even and
// rceil), written with frexp and float32 products, and the clipped fraction
// each rule reports.
void TestConventions::mxScaleRules()
{
    QFETCH(QString, quantizer);
    QFETCH(int, emax);
    QFETCH(int, mbits);
    QFETCH(double, elemMax);
    Tensor x = randomTensor(Shape{32, 128}, 41);
    std::mt19937 rng(9);
    std::uniform_real_distribution<float> mag(-6, 6);
    for (std::int64_t b = 0; b < x.size() / 32; ++b) { // magnitudes spread over blocks
        const float f = std::exp2(mag(rng));
        for (std::int64_t j = 0; j < 32; ++j)
            x.data()[b * 32 + j] *= f;
    }
    // Block 0: amax = 0.75 = 6 * 2^-3 (mxfp4's largest element times a power of two), block 1: amax 2^-4.
    for (std::int64_t j = 0; j < 64; ++j)
        x.data()[j] *= 1e-3f;
    x.data()[5] = 0.75f;
    x.data()[40] = 0.0625f;
    auto reference = [&](float amax, MxScaleRule rule) {
        int e = 0;
        const double m = std::frexp(double(amax), &e); // amax = m 2^e, m in [0.5, 1)
        const int floorLog2 = e - 1;
        int k = 0;
        switch (rule) {
        case MxScaleRule::Floor: k = floorLog2 - emax; break;
        case MxScaleRule::Ceil: k = (m == 0.5 ? floorLog2 : floorLog2 + 1) - emax; break;
        case MxScaleRule::Even: {
            // amax rounded (half up) to the element's mantissa width, then floor.
            const double r = std::floor(m * std::ldexp(1.0, mbits + 1) + 0.5);
            k = (r == std::ldexp(1.0, mbits + 1) ? floorLog2 + 1 : floorLog2) - emax;
            break;
        }
        case MxScaleRule::RCeil: {
            const float ratio = amax / float(elemMax); // torchao: max_abs / max_pos
            int er = 0;
            const double mr = std::frexp(double(ratio), &er);
            k = mr == 0.5 ? er - 1 : er;
            break;
        }
        }
        return std::ldexp(1.0, std::clamp(k, -127, 127));
    };
    for (MxScaleRule rule : {MxScaleRule::Floor, MxScaleRule::Ceil, MxScaleRule::Even, MxScaleRule::RCeil}) {
        QuantConfig c;
        c.setQuantizer(quantizer.toStdString());
        c.mxScaleRule = rule;
        const QuantResult r = runQuantization(x, c);
        std::int64_t clipped = 0;
        for (std::int64_t b = 0; b < x.size() / 32; ++b) {
            float amax = 0;
            for (std::int64_t j = 0; j < 32; ++j)
                amax = std::max(amax, std::fabs(x.data()[b * 32 + j]));
            const double X = reference(amax, rule);
            QVERIFY2(r.groups[std::size_t(b)].scale == X, qPrintable(QString("%1 block %2: %3, rule gives %4")
                                                                         .arg(QString::fromStdString(toString(rule)))
                                                                         .arg(b)
                                                                         .arg(r.groups[std::size_t(b)].scale)
                                                                         .arg(X)));
            for (std::int64_t j = 0; j < 32; ++j)
                clipped += std::fabs(double(x.data()[b * 32 + j])) > X * elemMax ? 1 : 0;
        }
        // Every rule's clipped fraction is reported, the configured one included.
        bool found = false;
        for (const MxRuleClipping& k : r.mxClipping)
            if (k.rule == rule) {
                found = true;
                QCOMPARE(k.clippedFraction, double(clipped) / double(x.size()));
            }
        QVERIFY(found);
        if (rule == MxScaleRule::Ceil)
            QCOMPARE(clipped, std::int64_t(0)); // ceil never clips
    }
}

QTEST_GUILESS_MAIN(TestConventions)
#include "tst_conventions.moc"
