// torchao's MX "rceil" scale rule to the bit (issue 17): the E8M0 exponent is
// ceil(log2(descale)), descale = amax / max_pos in float32, with torch's
// float32 log2 — which rounds log2 of a value just above a power of two 2^k
// down to k exactly, so the exponent is k where the exact rule gives k + 1.
// tests/data/torch/rceil_log2.json lists, from torch 1.13's own torch.log2
// over every positive finite float32, each power of two with the run of
// floats above it where this happens (3700 values in 251 runs).
// mxRceilExponent is checked against it wherever the rules can differ (all
// 2^31 positive finite floats with QS_TEST_EXHAUSTIVE=1), and the MX quantizer
// on blocks whose amax lands in those runs.
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
#include <map>

using namespace qs;

namespace {

// Power of two (bits) -> (first differing float, count), from the fixture.
std::map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> torchRuns()
{
    QFile f(QStringLiteral(QS_TEST_DATA_DIR "/torch/rceil_log2.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    std::map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> runs;
    for (const auto& r : QJsonDocument::fromJson(f.readAll()).object()["runs"].toArray()) {
        const QJsonArray a = r.toArray();
        runs[a[0].toString().toUInt(nullptr, 16)] = {a[1].toString().toUInt(nullptr, 16), std::uint32_t(a[2].toInt())};
    }
    return runs;
}

float fromBits(std::uint32_t b)
{
    float f;
    std::memcpy(&f, &b, sizeof f);
    return f;
}

// ceil(log2 d) exactly, from the bits of a positive finite float d.
int exactCeilLog2(std::uint32_t b)
{
    const std::uint32_t e = b >> 23, m = b & 0x7FFFFF;
    if (e > 0)
        return int(e) - 127 + (m != 0 ? 1 : 0);
    int p = 22; // subnormal: d = m * 2^-149, highest set bit p
    while (!(m >> p))
        --p;
    return p - 149 + (m != (1u << p) ? 1 : 0);
}

// torchao: clamp(ceil(torch.log2(descale)), -127, 127), from the exact rule and torch's runs.
int torchaoExponent(std::uint32_t b, const std::map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>>& runs)
{
    int e = exactCeilLog2(b);
    auto it = runs.upper_bound(b);
    if (it != runs.begin()) {
        --it;
        if (b >= it->second.first && b < it->second.first + it->second.second)
            --e;
    }
    return std::clamp(e, -127, 127);
}

} // namespace

class TestMxRceil : public QObject
{
    Q_OBJECT
private slots:
    void quantizerFollowsTorchLog2_data();
    void quantizerFollowsTorchLog2();
    void everyFloat32();
};

void TestMxRceil::quantizerFollowsTorchLog2_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<double>("maxPos");
    QTest::newRow("mxfp4") << "mxfp4" << 6.0;
    QTest::newRow("mxfp8-e4m3") << "mxfp8-e4m3" << 448.0;
    QTest::newRow("mxfp6-e3m2") << "mxfp6-e3m2" << 28.0;
}

// Blocks whose amax / max_pos is the first, the last and the one past the last
// float of a run, for every run with a normal power of two of moderate size.
void TestMxRceil::quantizerFollowsTorchLog2()
{
    QFETCH(QString, quantizer);
    QFETCH(double, maxPos);
    const auto runs = torchRuns();
    std::vector<float> amaxes;
    for (const auto& [pow2, run] : runs) {
        const float p = fromBits(pow2);
        if (!(p >= 0x1p-60f && p <= 0x1p60f))
            continue;
        for (std::uint32_t b : {run.first, run.first + run.second - 1, run.first + run.second}) {
            // An amax whose float32 quotient by max_pos is exactly this descale, if one exists.
            const float d = fromBits(b);
            const float amax = float(double(d) * maxPos);
            if (amax / float(maxPos) == d)
                amaxes.push_back(amax);
        }
    }
    QVERIFY(amaxes.size() > 50);
    Tensor x(Shape{std::int64_t(amaxes.size()), 32});
    for (std::size_t b = 0; b < amaxes.size(); ++b)
        for (int j = 0; j < 32; ++j)
            x.data()[b * 32 + std::size_t(j)] = j == 7 ? amaxes[b] : amaxes[b] * 0.25f * float(j % 4) / 3.0f;
    QuantConfig c;
    c.setQuantizer(quantizer.toStdString());
    c.mxScaleRule = MxScaleRule::RCeil;
    const QuantResult r = runQuantization(x, c);
    QCOMPARE(r.groups.size(), amaxes.size());
    int differFromExact = 0;
    for (std::size_t b = 0; b < amaxes.size(); ++b) {
        const float d = amaxes[b] / float(maxPos);
        std::uint32_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        const int want = torchaoExponent(bits, runs);
        differFromExact += want != std::clamp(exactCeilLog2(bits), -127, 127) ? 1 : 0;
        QVERIFY2(r.groups[b].scale == std::ldexp(1.0, want),
                 qPrintable(QString("block %1, amax %2: scale %3, torchao 2^%4")
                                .arg(b)
                                .arg(double(amaxes[b]), 0, 'g', 9)
                                .arg(r.groups[b].scale, 0, 'g', 9)
                                .arg(want)));
    }
    QVERIFY(differFromExact > 30); // the runs were really hit
}

// mxRceilExponent against torch's rule. By default on every float32 where the
// two rules can differ and next to every power of two: the first 2^16 and the
// last 2^12 floats above each power of two (torch's runs are at most 22 long),
// and every 4099th float of the whole range (about 19 M values, under a
// second). QS_TEST_EXHAUSTIVE=1 checks all 2^31 positive finite floats
// (about a minute of CPU; run for docs/quantization.md, "MX scale rules").
void TestMxRceil::everyFloat32()
{
    const auto runs = torchRuns();
    std::uint64_t checked = 0, mismatches = 0;
    std::uint32_t first = 0;
    auto check = [&](std::uint32_t b) {
        ++checked;
        if (mxRceilExponent(fromBits(b)) != torchaoExponent(b, runs) && mismatches++ == 0)
            first = b;
    };
    constexpr std::uint32_t kLast = 0x7F7FFFFFu;
    if (qEnvironmentVariableIntValue("QS_TEST_EXHAUSTIVE") == 1) {
        for (std::uint32_t b = 1; b <= kLast; ++b)
            check(b);
    } else {
        // Powers of two: the subnormal ones (bit p of the mantissa) and the normal ones (mantissa 0).
        std::vector<std::uint32_t> pow2;
        for (int p = 0; p < 23; ++p)
            pow2.push_back(1u << p);
        for (std::uint32_t e = 1; e < 255; ++e)
            pow2.push_back(e << 23);
        for (std::size_t k = 0; k < pow2.size(); ++k) {
            const std::uint32_t lo = pow2[k], hi = k + 1 < pow2.size() ? pow2[k + 1] : kLast + 1; // [lo, hi)
            for (std::uint32_t b = lo; b < hi && b - lo < (1u << 16); ++b)
                check(b);
            for (std::uint32_t b = std::max(lo + (1u << 16), hi - std::min(hi - lo, 1u << 12)); b < hi; ++b)
                check(b);
        }
        for (std::uint32_t b = 1; b <= kLast - 4099; b += 4099)
            check(b);
    }
    QVERIFY2(mismatches == 0, qPrintable(QString("%1 of %2 floats differ from torch's rule, first 0x%3 (%4)")
                                             .arg(mismatches)
                                             .arg(checked)
                                             .arg(first, 8, 16, QChar('0'))
                                             .arg(double(fromBits(first)), 0, 'g', 9)));
    QVERIFY(checked > 15000000);
    QCOMPARE(mxRceilExponent(0.0f), -127); // an all-zero block: log2(0) = -inf, clamped
}

QTEST_GUILESS_MAIN(TestMxRceil)
#include "tst_mxrceil.moc"
