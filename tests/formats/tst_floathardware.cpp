// The encoder against the machine: FP16 against the compiler's _Float16, FP32
// against hardware float conversion (round-to-nearest-even and the directed
// modes via fesetround), FP64 identity, BF16/TF32 against FP32 bit patterns
// rounded by integer arithmetic, and stochastic rounding's statistics.
#include "formats/numberformat.h"

#include <QtTest>

#include <bit>
#include <cfenv>
#include <cmath>
#include <cstring>
#include <random>

using namespace qs;

namespace {

#if defined(__GNUC__) && !defined(__clang__) && defined(__FLT16_MAX__)
#define QS_HAVE_FLOAT16 1
std::uint16_t float16Bits(double x)
{
    const volatile double in = x; // keep the conversion at run time
    const _Float16 h = static_cast<_Float16>(in);
    std::uint16_t u;
    std::memcpy(&u, &h, 2);
    return u;
}
double float16Value(std::uint16_t bits)
{
    _Float16 h;
    std::memcpy(&h, &bits, 2);
    return double(h);
}
#endif

std::uint32_t floatBits(double x)
{
    const volatile double in = x;
    const volatile float f = static_cast<float>(in); // hardware cvtsd2ss, honours the rounding mode
    return std::bit_cast<std::uint32_t>(static_cast<float>(f));
}

bool sameValue(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

// Random doubles around a format: uniform exponents over [lowExp, highExp]
// with random 52-bit significands, exact midpoints between neighbouring codes
// (ties), and midpoints one double-ulp either side.
class InputGenerator
{
public:
    InputGenerator(const FloatFormat& f, int lowExp, int highExp, std::uint64_t seed)
        : m_f(f), m_low(lowExp), m_high(highExp), m_rng(seed)
    {}
    double next()
    {
        const int kind = int(m_rng() % 8);
        const double sign = (m_rng() & 1) ? -1.0 : 1.0;
        if (kind < 4) {
            const int e = m_low + int(m_rng() % std::uint64_t(m_high - m_low + 1));
            const double significand = 1.0 + std::ldexp(double(m_rng() >> 12), -52);
            return sign * std::ldexp(significand, e);
        }
        // A tie between two neighbouring finite codes (including the subnormals and
        // the midpoint between max finite and the next power of two).
        const std::uint64_t magMask = (std::uint64_t(1) << (m_f.exponentBits() + m_f.mantissaBits())) - 1;
        const std::uint64_t k = m_rng() % (m_f.maxFiniteCode() + 1) & magMask;
        const double lo = m_f.decode(k);
        const double hi = k == m_f.maxFiniteCode() ? lo + m_f.ulp(k) : m_f.decode(k + 1);
        const double mid = lo + (hi - lo) / 2;
        if (kind == 4 || kind == 5)
            return sign * mid;
        return sign * std::nextafter(mid, kind == 6 ? 0.0 : INFINITY);
    }

private:
    FloatFormat m_f;
    int m_low;
    int m_high;
    std::mt19937_64 m_rng;
};

constexpr int kRandomInputs = 1000000;

} // namespace

class TestFloatHardware : public QObject
{
    Q_OBJECT
private slots:
    void fp16AllCodes()
    {
#ifdef QS_HAVE_FLOAT16
        const FloatFormat f = FloatFormat::fp16();
        for (std::uint32_t c = 0; c < 65536; ++c) {
            const double want = float16Value(std::uint16_t(c));
            if (!sameValue(f.decode(c), want))
                QFAIL(qPrintable(QStringLiteral("code %1").arg(c, 4, 16)));
            if (!std::isnan(want) && f.encode(want).code != c)
                QFAIL(qPrintable(QStringLiteral("re-encode code %1").arg(c, 4, 16)));
        }
#else
        QSKIP("no _Float16 in this compiler");
#endif
    }

    void fp16RandomDoubles()
    {
#ifdef QS_HAVE_FLOAT16
        const FloatFormat f = FloatFormat::fp16();
        InputGenerator gen(f, -27, 16, 1);
        int ties = 0;
        for (int i = 0; i < kRandomInputs; ++i) {
            const double x = gen.next();
            const EncodeResult r = f.encode(x);
            if (r.code != float16Bits(x))
                QFAIL(qPrintable(QStringLiteral("x=%1: ours %2, _Float16 %3")
                                     .arg(x, 0, 'g', 17)
                                     .arg(r.code, 4, 16)
                                     .arg(float16Bits(x), 4, 16)));
            ties += f.encode(x, {RoundingMode::NearestAway, 0}).code != r.code;
        }
        QVERIFY(ties > kRandomInputs / 10); // the generator does produce exact ties
#else
        QSKIP("no _Float16 in this compiler");
#endif
    }

    void fp32RandomDoubles()
    {
        const FloatFormat f = FloatFormat::fp32();
        InputGenerator gen(f, -152, 128, 2);
        for (int i = 0; i < kRandomInputs; ++i) {
            const double x = gen.next();
            if (f.encode(x).code != floatBits(x))
                QFAIL(qPrintable(QStringLiteral("x=%1").arg(x, 0, 'g', 17)));
        }
    }

    void fp32DirectedModes_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("feMode");
        QTest::newRow("toward-zero") << int(RoundingMode::TowardZero) << FE_TOWARDZERO;
        QTest::newRow("toward-positive") << int(RoundingMode::TowardPositive) << FE_UPWARD;
        QTest::newRow("toward-negative") << int(RoundingMode::TowardNegative) << FE_DOWNWARD;
        QTest::newRow("nearest-even") << int(RoundingMode::NearestEven) << FE_TONEAREST;
    }
    void fp32DirectedModes()
    {
        QFETCH(int, mode);
        QFETCH(int, feMode);
        const FloatFormat f = FloatFormat::fp32();
        InputGenerator gen(f, -152, 128, 3 + std::uint64_t(mode));
        const Rounding rounding{RoundingMode(mode), 0};
        for (int i = 0; i < kRandomInputs / 4; ++i) {
            const double x = gen.next();
            std::fesetround(feMode);
            const std::uint32_t want = floatBits(x);
            std::fesetround(FE_TONEAREST);
            if (f.encode(x, rounding).code != want)
                QFAIL(qPrintable(QStringLiteral("x=%1").arg(x, 0, 'g', 17)));
        }
    }

    void fp64Identity()
    {
        const FloatFormat f = FloatFormat::fp64();
        std::mt19937_64 rng(4);
        for (int i = 0; i < 200000; ++i) {
            const std::uint64_t bits = rng();
            const double x = std::bit_cast<double>(bits);
            const EncodeResult r = f.encode(x);
            if (std::isnan(x)) {
                QVERIFY(r.valueClass == ValueClass::NaN);
                continue;
            }
            if (r.code != bits || r.inexact || !sameValue(f.decode(bits), x))
                QFAIL(qPrintable(QStringLiteral("bits %1").arg(bits, 16, 16)));
        }
        QCOMPARE(QString::fromStdString(f.exactDecimal(std::bit_cast<std::uint64_t>(0.1))),
                 QStringLiteral("0.1000000000000000055511151231257827021181583404541015625"));
    }

    // BF16 (and TF32) of an FP32 value: the FP32 bits rounded to nearest-even by
    // integer arithmetic (add 0x7FFF plus the lowest kept bit, shift), as the
    // usual float -> bfloat16 conversion does.
    void bf16Tf32VsFp32Bits()
    {
        const FloatFormat bf16 = FloatFormat::bf16();
        const FloatFormat tf32 = FloatFormat::tf32();
        std::mt19937_64 rng(5);
        for (int i = 0; i < kRandomInputs; ++i) {
            std::uint32_t bits = std::uint32_t(rng());
            if (i % 4 == 0)
                bits = (bits & 0xFFFF0000u) | 0x8000u; // exact BF16 tie
            if (i % 4 == 1)
                bits = (bits & 0xFFFFE000u) | 0x1000u; // exact TF32 tie
            const float x = std::bit_cast<float>(bits);
            if (std::isnan(x))
                continue;
            const std::uint32_t wantBf16 = (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16;
            const std::uint32_t wantTf32 = (bits + 0xFFFu + ((bits >> 13) & 1u)) >> 13;
            if (bf16.encode(double(x)).code != wantBf16)
                QFAIL(qPrintable(QStringLiteral("bf16 of fp32 bits %1").arg(bits, 8, 16)));
            if (tf32.encode(double(x)).code != wantTf32)
                QFAIL(qPrintable(QStringLiteral("tf32 of fp32 bits %1").arg(bits, 8, 16)));
        }
    }

    void stochasticExpectation_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("x");
        QTest::newRow("fp16 1+0.3ulp") << "fp16" << 1 + 0.3 * std::ldexp(1.0, -10);
        QTest::newRow("fp16 -(1+0.7ulp)") << "fp16" << -(1 + 0.7 * std::ldexp(1.0, -10));
        QTest::newRow("e4m3 subnormal 0.1 ulp") << "fp8-e4m3" << 0.1 * std::ldexp(1.0, -9);
        QTest::newRow("e2m1 4.5") << "fp4-e2m1" << 4.5;   // between 4 and 6: up with p = 0.25
        QTest::newRow("e2m1 -0.9") << "fp4-e2m1" << -0.9; // between -1 and -0.5
    }
    void stochasticExpectation()
    {
        QFETCH(QString, spec);
        QFETCH(double, x);
        const FloatFormat f = parseFloatFormat(spec.toStdString());
        const std::uint64_t lowCode = f.encode(x, {RoundingMode::TowardNegative, 0}).code;
        const std::uint64_t highCode = f.encode(x, {RoundingMode::TowardPositive, 0}).code;
        const double lo = f.decode(lowCode);
        const double hi = f.decode(highCode);
        const double p = (x - lo) / (hi - lo); // probability of the upper neighbour
        const int n = 40000;
        int ups = 0;
        for (int i = 0; i < n; ++i) {
            const EncodeResult r = f.encode(x, {RoundingMode::Stochastic, 99}, OverflowMode::Ieee, std::uint64_t(i));
            QVERIFY(r.code == lowCode || r.code == highCode);
            ups += r.code == highCode;
            // Deterministic: the same (seed, index) gives the same code.
            if (i < 100)
                QCOMPARE(f.encode(x, {RoundingMode::Stochastic, 99}, OverflowMode::Ieee, std::uint64_t(i)).code,
                         r.code);
        }
        const double sigma = std::sqrt(p * (1 - p) / n);
        QVERIFY2(std::fabs(double(ups) / n - p) < 5 * sigma,
                 qPrintable(QStringLiteral("up fraction %1, expected %2").arg(double(ups) / n).arg(p)));
    }

    void stochasticMatchesRoundToIntegral()
    {
        // FP32 values in [2^23, 2^24) are the integers: encode must make exactly
        // the draws roundToIntegral makes (the quantizers rely on this).
        const FloatFormat f = FloatFormat::fp32();
        std::mt19937_64 rng(6);
        for (int i = 0; i < 100000; ++i) {
            const double x =
                ((rng() & 1) ? -1 : 1) * (std::ldexp(1.0, 23) + double(rng() % 1000) + double(rng() >> 11) * 0x1p-53);
            const Rounding r{RoundingMode::Stochastic, rng() % 4};
            QCOMPARE(f.encode(x, r, OverflowMode::Ieee, std::uint64_t(i)).value,
                     roundToIntegral(x, r, std::uint64_t(i)));
        }
    }

    void seedsDiffer()
    {
        int differ = 0;
        for (std::uint64_t i = 0; i < 1000; ++i)
            differ += stochasticUniform(1, i) != stochasticUniform(2, i);
        QCOMPARE(differ, 1000);
        double sum = 0;
        for (std::uint64_t i = 0; i < 100000; ++i) {
            const double u = stochasticUniform(7, i);
            QVERIFY(u >= 0 && u < 1);
            sum += u;
        }
        QVERIFY(std::fabs(sum / 100000 - 0.5) < 0.005); // sigma = 0.29/sqrt(1e5) = 0.0009
    }
};

QTEST_APPLESS_MAIN(TestFloatHardware)
#include "tst_floathardware.moc"
