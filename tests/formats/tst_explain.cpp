// The step-by-step explanation: docs/course.md's worked example reproduced step
// by step, a repeating fraction with a rounding decision, subnormal, overflow
// and fixed-point cases, and agreement of every explanation's final code with
// encode() on many values and modes.
#include "formats/error.h"
#include "formats/explain.h"

#include <QtTest>

#include <random>

using namespace qs;

namespace {

const ExplainStep* stepOf(const Explanation& ex, const std::string& id)
{
    for (const auto& s : ex.steps)
        if (s.id == id)
            return &s;
    return nullptr;
}

QString textOf(const Explanation& ex, const std::string& id)
{
    const ExplainStep* s = stepOf(ex, id);
    return s ? QString::fromStdString(s->text) : QString();
}

std::vector<int> range(int from, int to)
{
    std::vector<int> v;
    for (int i = from; i < to; ++i)
        v.push_back(i);
    return v;
}

} // namespace

class TestExplain : public QObject
{
    Q_OBJECT
private slots:
    void fp32WorkedExample()
    {
        const Explanation ex = explainEncode(FloatFormat::fp32(), "25.125");
        QCOMPARE(QString::fromStdString(ex.bits), QStringLiteral("01000001110010010000000000000000"));
        QCOMPARE(QString::fromStdString(ex.fields), QStringLiteral("0 10000011 10010010000000000000000"));
        QCOMPARE(ex.value, 25.125);
        QVERIFY(ex.exact);
        // The steps in order, each with its content (docs/course.md).
        QStringList ids;
        for (const auto& s : ex.steps)
            ids << QString::fromStdString(s.id);
        QCOMPARE(ids, QStringList({"format", "sign", "integer", "fraction", "binary", "normalize", "exponent",
                                   "mantissa", "rounding", "result"}));
        QVERIFY(textOf(ex, "format").contains(QStringLiteral("bias 127")));
        QCOMPARE(textOf(ex, "sign"), QStringLiteral("25.125 is positive → sign bit 0"));
        QCOMPARE(stepOf(ex, "sign")->bits, std::vector<int>{31});
        QCOMPARE(textOf(ex, "integer"), QStringLiteral("25 = 16 + 8 + 1 = 11001₂"));
        QCOMPARE(textOf(ex, "fraction"), QStringLiteral("0.125 = 0.001₂\n  0.125 × 2 = 0.25 → 0\n  0.25 × 2 = 0.5 → 0\n"
                                                        "  0.5 × 2 = 1 → 1"));
        QCOMPARE(textOf(ex, "binary"), QStringLiteral("25.125 = 11001.001₂"));
        QVERIFY(textOf(ex, "normalize").startsWith(QStringLiteral("11001.001₂ = 1.1001001₂ × 2⁴")));
        QCOMPARE(textOf(ex, "exponent"), QStringLiteral("biased exponent = 4 + 127 = 131 = 10000011₂"));
        QCOMPARE(stepOf(ex, "exponent")->bits, range(23, 31));
        QCOMPARE(textOf(ex, "mantissa"), QStringLiteral("the 23 bits after the leading 1: 10010010000000000000000"));
        QCOMPARE(stepOf(ex, "mantissa")->bits, range(0, 23));
        QVERIFY(textOf(ex, "rounding").contains(QStringLiteral("exactly representable")));
        QVERIFY(stepOf(ex, "rounding")->bits.empty());
        QVERIFY(textOf(ex, "result")
                    .startsWith(QStringLiteral("0 10000011 10010010000000000000000  (0x41C90000) = 25.125")));
        QCOMPARE(stepOf(ex, "result")->bits, range(0, 32));
        const QString text = QString::fromStdString(renderExplanation(ex));
        QVERIFY(text.contains(QStringLiteral("11001.001₂ = 1.1001001₂ × 2⁴")));
        QVERIFY(text.contains(QStringLiteral("Result: 0 10000011 10010010000000000000000")));
    }

    void repeatingFractionRoundsUp()
    {
        const Explanation ex = explainEncode(FloatFormat::fp32(), "0.1");
        QVERIFY(textOf(ex, "fraction")
                    .startsWith(QStringLiteral("0.1 = 0.0001100110011001100110011001100110011001…₂ = 0.0(0011)₂")));
        QVERIFY(textOf(ex, "fraction").contains(QStringLiteral("0.8 × 2 = 1.6 → 1")));
        QVERIFY(textOf(ex, "normalize").contains(QStringLiteral("× 2⁻⁴")));
        QCOMPARE(textOf(ex, "exponent"), QStringLiteral("biased exponent = -4 + 127 = 123 = 01111011₂"));
        // 1.10011001100110011001100|11001100... : guard 1, sticky 1 -> up
        QVERIFY(textOf(ex, "mantissa")
                    .contains(QStringLiteral("10011001100110011001100\nthe rest is cut off: 110011001100…")));
        const QString rounding = textOf(ex, "rounding");
        QVERIFY(rounding.contains(QStringLiteral("guard bit 1, sticky bit 1")));
        QVERIFY(rounding.contains(QStringLiteral("round up")));
        QVERIFY(rounding.contains(QStringLiteral("→ 0.100000001490116119384765625")));
        QCOMPARE(QString::fromStdString(ex.exactValue), QStringLiteral("0.100000001490116119384765625"));
        QCOMPARE(ex.code, std::uint64_t(0x3DCCCCCD));
        QVERIFY(!ex.exact);
        QVERIFY(textOf(ex, "result").contains(QStringLiteral("error +1.49012e-09")));
        // Truncation keeps the lower neighbour.
        const Explanation t = explainEncode(FloatFormat::fp32(), "0.1", {RoundingMode::TowardZero, 0});
        QCOMPARE(t.code, std::uint64_t(0x3DCCCCCC));
        QVERIFY(textOf(t, "rounding").contains(QStringLiteral("truncated")));
    }

    void tieToEvenAndOverflow()
    {
        const Explanation e5 = explainEncode(FloatFormat::fp8E5M2(), "61440");
        QVERIFY(textOf(e5, "rounding").contains(QStringLiteral("guard bit 1, sticky bit 0")));
        QVERIFY(textOf(e5, "rounding").contains(QStringLiteral("tie")));
        QVERIFY(textOf(e5, "overflow").contains(QStringLiteral("57344")));
        QVERIFY(textOf(e5, "overflow").contains(QStringLiteral("max + ulp/2 = 61440")));
        QCOMPARE(e5.code, std::uint64_t(0x7C));
        const Explanation e4 = explainEncode(FloatFormat::fp8E4M3(), "464");
        QCOMPARE(e4.value, 448.0);
        QVERIFY(textOf(e4, "rounding").contains(QStringLiteral("even")));
        QVERIFY(!stepOf(e4, "overflow"));
        const Explanation nan = explainEncode(FloatFormat::fp8E4M3(), "465");
        QVERIFY(std::isnan(nan.value));
        QVERIFY(textOf(nan, "overflow").contains(QStringLiteral("NaN")));
        const Explanation sat = explainEncode(FloatFormat::fp8E4M3(), "465", {}, OverflowMode::Saturate);
        QCOMPARE(sat.value, 448.0);
    }

    void subnormal()
    {
        const Explanation ex = explainEncode(FloatFormat::fp16(), "1e-7");
        QVERIFY(stepOf(ex, "subnormal"));
        QVERIFY(textOf(ex, "subnormal").contains(QStringLiteral("2⁻¹⁴")));
        QVERIFY(textOf(ex, "exponent").contains(QStringLiteral("00000₂")));
        QCOMPARE(ex.code, std::uint64_t(0x0002));
    }

    void flushToZero()
    {
        // subnormals=off: below 2^-14 there is only 0 and 2^-14, with the cut-off 2^-15.
        const FloatFormat f = parseFloatFormat("e5m10,subnormals=off");
        const Explanation down = explainEncode(f, "1e-7");
        QVERIFY(!stepOf(down, "subnormal"));
        const QString text = textOf(down, "flush");
        QVERIFY2(text.contains(QStringLiteral("below the smallest normal 2⁻¹⁴")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("flushes subnormals to zero")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("below the midpoint 2⁻¹⁵: round to nearest, 0")), qPrintable(text));
        QCOMPARE(down.code, std::uint64_t(0));
        const Explanation up = explainEncode(f, "0.00005");
        QVERIFY(textOf(up, "flush").contains(QStringLiteral("above the midpoint 2⁻¹⁵")));
        QCOMPARE(up.code, std::uint64_t(0x0400));
        const Explanation tie = explainEncode(f, "0.000030517578125"); // 2^-15 exactly
        QVERIFY(textOf(tie, "flush").contains(QStringLiteral("toward the even code (0)")));
        QCOMPARE(tie.code, std::uint64_t(0));
        const Explanation neg = explainEncode(f, "-0.00005", {RoundingMode::TowardPositive, 0});
        QVERIFY(textOf(neg, "flush").contains(QStringLiteral("rounded down to 0")));
        QCOMPARE(neg.code, std::uint64_t(0x8000));
        QVERIFY(textOf(neg, "format").contains(QStringLiteral("flush to zero")));
        QVERIFY(textOf(explainEncode(f, "0"), "zero").contains(QStringLiteral("all 0")));
        // zero=off keeps the clamp explanation.
        const Explanation clamp = explainEncode(FloatFormat::e8m0(), "1e-50");
        QVERIFY(textOf(clamp, "range").contains(QStringLiteral("has no zero")));
    }

    void fixedPoint()
    {
        const Explanation ex = explainEncode(std::get<FixedFormat>(parseFormat("ufix5.3")), "25.125");
        QCOMPARE(QString::fromStdString(ex.fields), QStringLiteral("11001.001"));
        QVERIFY(textOf(ex, "format").contains(QStringLiteral("0 … 31.875 in steps of 2⁻³ = 0.125")));
        QCOMPARE(textOf(ex, "binary"), QStringLiteral("25.125 = 11001.001₂"));
        QVERIFY(textOf(ex, "scale").startsWith(QStringLiteral("25.125 × 2³ = 201")));
        const Explanation i4 = explainEncode(std::get<FixedFormat>(parseFormat("int4")), "9");
        QCOMPARE(i4.value, 7.0);
        QVERIFY(textOf(i4, "saturate").contains(QStringLiteral("clamps (saturates) to 7")));
        QVERIFY(textOf(i4, "saturate").contains(QStringLiteral("wrap around to -7")));
        const Explanation neg = explainEncode(std::get<FixedFormat>(parseFormat("int4")), "-3");
        QVERIFY(textOf(neg, "twos-complement").contains(QStringLiteral("2⁴ − 3 = 13 = 1101₂")));
        const Explanation r =
            explainEncode(std::get<FixedFormat>(parseFormat("int8")), "1.8", {RoundingMode::TowardZero, 0});
        QCOMPARE(r.value, 1.0); // docs/course.md: truncation 1.8 -> 1
    }

    void agreesWithEncode()
    {
        // Short decimals (<= 7 significant digits) cannot double-round, so the
        // explanation (exact decimal) and encode (via the double) must agree.
        std::mt19937_64 rng(3);
        const std::vector<FloatFormat> formats = {FloatFormat::fp32(),
                                                  FloatFormat::fp16(),
                                                  FloatFormat::bf16(),
                                                  FloatFormat::fp8E4M3(),
                                                  FloatFormat::fp8E5M2Fnuz(),
                                                  FloatFormat::fp4E2M1(),
                                                  parseFloatFormat("e3m2,bias=1"),
                                                  parseFloatFormat("e5m2,subnormals=off"),
                                                  parseFloatFormat("e4m3,special=fnuz,subnormals=off"),
                                                  parseFloatFormat("e3m2,subnormals=off,zero=off")};
        for (int i = 0; i < 3000; ++i) {
            const FloatFormat& f = formats[std::size_t(i) % formats.size()];
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s%llue%d", (rng() & 1) ? "-" : "", (unsigned long long)(rng() % 10000000),
                          int(rng() % 60) - 40);
            const Rounding rounding{RoundingMode(rng() % 5), 0};
            const OverflowMode ov = (rng() & 1) ? OverflowMode::Saturate : OverflowMode::Ieee;
            const Explanation ex = explainEncode(f, buf, rounding, ov);
            const EncodeResult enc = f.encode(std::strtod(buf, nullptr), rounding, ov);
            QVERIFY2(ex.code == enc.code, qPrintable(QStringLiteral("%1 %2 %3")
                                                         .arg(QString::fromStdString(f.name()), buf,
                                                              QString::fromStdString(rounding.name()))));
            QVERIFY(!stepOf(ex, "note"));
        }
    }

    void badInput()
    {
        QVERIFY_THROWS_EXCEPTION(ArgumentError, explainEncode(FloatFormat::fp32(), "abc"));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, explainEncode(FloatFormat::fp32(), ""));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, explainEncode(FloatFormat::fp4E2M1(), "nan"));
        // Extreme inputs still explain (no crash), with the result encode() gives.
        for (const char* v : {"1e400", "-1e-400", "inf", "-0", "0x1.8p3", "1e-320"}) {
            const Explanation ex = explainEncode(FloatFormat::fp32(), v);
            QCOMPARE(ex.code, FloatFormat::fp32().encode(std::strtod(v, nullptr)).code);
        }
    }
};

QTEST_APPLESS_MAIN(TestExplain)
#include "tst_explain.moc"
