// Where blocks run and what they cost (docs/quantization.md): blocks along the rows of the
// 2-D weight view [dim 0, product of the others] by default, along a chosen
// axis with "@AXIS", over the flattened tensor with "@flat"; llama.cpp formats
// refuse rows that are not a whole number of blocks unless padding is asked;
// partial and padded blocks count in bits/value and raise a warning.
//
// The reference for block membership is written here from the index
// arithmetic alone; the reference for a block's quantization is the same
// quantizer run on that block's values gathered into a vector of their own
// (one block, no layout involved).
#include "formats/error.h"
#include "quant/pipeline.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace qs;

namespace {

Tensor randomTensor(const Shape& shape, std::uint32_t seed)
{
    Tensor x(shape);
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.1f, 1.0f);
    for (float& v : x.values())
        v = normal(rng);
    return x;
}

QuantConfig make(const std::string& quantizer, const std::string& granularity)
{
    QuantConfig c;
    c.setQuantizer(quantizer);
    if (!granularity.empty())
        c.granularity = Granularity::parse(granularity);
    return c;
}

// The members of every block, in index order, from the granularity text alone:
// "rows" = [dim0, rest], "@A" = blocks along axis A, "@flat" = one row.
std::vector<std::vector<std::int64_t>> referenceBlocks(const Shape& shape, std::int64_t B, const std::string& where)
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    std::int64_t outer = 1, length = n, inner = 1;
    if (where == "rows" && shape.size() >= 2) {
        outer = shape[0];
        length = n / shape[0];
    } else if (where != "rows" && where != "flat") {
        const int axis = std::stoi(where);
        for (int a = 0; a < axis; ++a)
            outer *= shape[std::size_t(a)];
        length = shape[std::size_t(axis)];
        inner = n / outer / length;
    }
    const std::int64_t per = (length + B - 1) / B;
    // Groups numbered in the tensor's order: (o, block, i).
    std::vector<std::vector<std::int64_t>> groups(std::size_t(outer * per * inner));
    for (std::int64_t o = 0; o < outer; ++o)
        for (std::int64_t l = 0; l < length; ++l)
            for (std::int64_t i = 0; i < inner; ++i)
                groups[std::size_t((o * per + l / B) * inner + i)].push_back((o * length + l) * inner + i);
    return groups;
}

bool sameBits(float a, float b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class TestBlockRows : public QObject
{
    Q_OBJECT
private slots:
    void blockDirection_data();
    void blockDirection();
    void ggmlRefusesPartialRows_data();
    void ggmlRefusesPartialRows();
    void ggmlPadding_data();
    void ggmlPadding();
    void partialBlocksCounted_data();
    void partialBlocksCounted();
    void granularityText();
    void curveGroupObjective_data();
    void curveGroupObjective();
    void summaryNamesGgmlRounding();
};

void TestBlockRows::blockDirection_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<int>("block");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QList<qint64>>("groupShape");
    // The issue's 3x3 convolution: 32 rows of 64*3*3 = 576 values, 18 blocks of 32 each.
    QTest::newRow("int4 conv rows") << "int4" << QList<qint64>{32, 64, 3, 3} << 32 << "rows" << QList<qint64>{32, 18};
    QTest::newRow("q4_0 conv rows") << "q4_0" << QList<qint64>{32, 64, 3, 3} << 32 << "rows" << QList<qint64>{32, 18};
    QTest::newRow("q8_0 conv rows") << "q8_0" << QList<qint64>{8, 16, 2, 2} << 32 << "rows" << QList<qint64>{8, 2};
    QTest::newRow("nf4 conv rows") << "nf4" << QList<qint64>{4, 8, 3, 3} << 64 << "rows" << QList<qint64>{4, 2};
    QTest::newRow("mxfp4 conv rows") << "mxfp4" << QList<qint64>{4, 8, 3, 3} << 32 << "rows" << QList<qint64>{4, 3};
    QTest::newRow("int4 axis 1") << "int4" << QList<qint64>{6, 64, 3, 3} << 32 << "1" << QList<qint64>{6, 2, 3, 3};
    QTest::newRow("int8 axis 0 partial") << "int8" << QList<qint64>{10, 3} << 4 << "0" << QList<qint64>{3, 3};
    QTest::newRow("int8 last axis") << "int8" << QList<qint64>{5, 4, 7} << 3 << "2" << QList<qint64>{5, 4, 3};
    QTest::newRow("nf4 flat") << "nf4" << QList<qint64>{5, 30} << 64 << "flat" << QList<qint64>{3};
    QTest::newRow("uint4 vector") << "uint4" << QList<qint64>{100} << 32 << "rows" << QList<qint64>{4};
    QTest::newRow("mxint8 2-D rows partial") << "mxint8" << QList<qint64>{6, 40} << 32 << "rows" << QList<qint64>{6, 2};
}

void TestBlockRows::blockDirection()
{
    QFETCH(QString, quantizer);
    QFETCH(QList<qint64>, shape);
    QFETCH(int, block);
    QFETCH(QString, where);
    QFETCH(QList<qint64>, groupShape);
    const Shape s(shape.begin(), shape.end());
    const Tensor x = randomTensor(s, 17);
    const std::string gran = "block:" + std::to_string(block) + (where == "rows" ? "" : "@" + where.toStdString());
    QuantConfig cfg = make(quantizer.toStdString(), gran);
    if (cfg.kind == QuantizerKind::Uniform)
        cfg.scheme = QuantScheme::Asymmetric;
    QuantOptions opt;
    opt.codes = true;
    const QuantResult r = runQuantization(x, cfg, opt);
    QCOMPARE(r.groupShape, Shape(groupShape.begin(), groupShape.end()));

    const auto blocks = referenceBlocks(s, block, where.toStdString());
    QCOMPARE(r.groups.size(), blocks.size());
    for (std::size_t g = 0; g < blocks.size(); ++g) {
        // The block's values on their own, quantized as one block.
        Tensor v(Shape{std::int64_t(blocks[g].size())});
        for (std::size_t j = 0; j < blocks[g].size(); ++j)
            v.data()[j] = x.data()[blocks[g][j]];
        QuantConfig one = cfg;
        one.granularity = Granularity::parse("block:" + std::to_string(block));
        const QuantResult ref = runQuantization(v, one, opt);
        QCOMPARE(ref.groups.size(), std::size_t(1));
        QCOMPARE(r.groups[g].scale, ref.groups[0].scale);
        QCOMPARE(r.groups[g].zeroPoint, ref.groups[0].zeroPoint);
        QCOMPARE(r.groups[g].count, std::int64_t(blocks[g].size()));
        for (std::size_t j = 0; j < blocks[g].size(); ++j) {
            const std::int64_t i = blocks[g][j];
            if (!sameBits(r.dequantized.data()[i], ref.dequantized.data()[j]) || r.codes[i] != ref.codes[j])
                QFAIL(qPrintable(QString("group %1 element %2: %3 (code %4), alone %5 (code %6)")
                                     .arg(g)
                                     .arg(i)
                                     .arg(r.dequantized.data()[i])
                                     .arg(r.codes[i])
                                     .arg(ref.dequantized.data()[j])
                                     .arg(ref.codes[j])));
        }
    }
}

void TestBlockRows::ggmlRefusesPartialRows_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("rowLength");
    QTest::newRow("q4_0 [4, 40]") << "q4_0" << QList<qint64>{4, 40} << "40";
    QTest::newRow("q8_0 conv [8, 3, 3, 3]") << "q8_0" << QList<qint64>{8, 3, 3, 3} << "27";
    QTest::newRow("q4_1 vector [33]") << "q4_1" << QList<qint64>{33} << "33";
}

void TestBlockRows::ggmlRefusesPartialRows()
{
    QFETCH(QString, quantizer);
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, rowLength);
    const Tensor x = randomTensor(Shape(shape.begin(), shape.end()), 3);
    try {
        runQuantization(x, make(quantizer.toStdString(), ""));
        QFAIL("a row that is not a whole number of blocks was quantized");
    } catch (const ArgumentError& e) {
        const QString what = e.what();
        QVERIFY2(what.contains("row of " + rowLength + " values"), qPrintable(what));
        QVERIFY2(what.contains("blocks of 32"), qPrintable(what));
    }
}

void TestBlockRows::ggmlPadding_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<int>("perBlockBits"); // 32 codes + fp16 d (+ fp16 m)
    QTest::newRow("q8_0") << "q8_0" << 32 * 8 + 16;
    QTest::newRow("q4_0") << "q4_0" << 32 * 4 + 16;
    QTest::newRow("q4_1") << "q4_1" << 32 * 4 + 32;
}

// --pad-blocks: a row of 40 is stored as a row of 64 with 24 zeros, so its
// values quantize as those of the zero-padded row do, and 64 codes count.
void TestBlockRows::ggmlPadding()
{
    QFETCH(QString, quantizer);
    QFETCH(int, perBlockBits);
    Tensor x = randomTensor(Shape{4, 40}, 5);
    for (std::int64_t r = 0; r < 4; ++r) // all-positive rows: zero padding moves Q4_1's minimum
        for (std::int64_t c = 0; c < 40; ++c)
            x.data()[r * 40 + c] = r % 2 ? std::fabs(x.data()[r * 40 + c]) + 0.5f : x.data()[r * 40 + c];
    Tensor padded(Shape{4, 64});
    std::fill(padded.data(), padded.data() + padded.size(), 0.0f); // a new Tensor is not zeroed
    for (std::int64_t r = 0; r < 4; ++r)
        for (std::int64_t c = 0; c < 40; ++c)
            padded.data()[r * 64 + c] = x.data()[r * 40 + c];
    QuantConfig cfg = make(quantizer.toStdString(), "");
    QuantOptions opt;
    opt.codes = true;
    const QuantResult ref = runQuantization(padded, cfg, opt);
    cfg.padBlocks = true;
    const QuantResult r = runQuantization(x, cfg, opt);
    for (std::int64_t row = 0; row < 4; ++row)
        for (std::int64_t c = 0; c < 40; ++c) {
            QCOMPARE(r.codes[std::size_t(row * 40 + c)], ref.codes[std::size_t(row * 64 + c)]);
            QVERIFY2(sameBits(r.dequantized.data()[row * 40 + c], ref.dequantized.data()[row * 64 + c]),
                     qPrintable(QString("row %1 col %2: %3 vs %4")
                                    .arg(row)
                                    .arg(c)
                                    .arg(r.dequantized.data()[row * 40 + c], 0, 'g', 9)
                                    .arg(ref.dequantized.data()[row * 64 + c], 0, 'g', 9)));
        }
    // 4 rows x 2 blocks, each stored whole.
    QCOMPARE(r.bitsPerValue, 8.0 * perBlockBits / 160.0);
    QCOMPARE(r.storage.paddingValues, std::int64_t(4 * 24));
    QCOMPARE(r.warnings.size(), std::size_t(1));
    QVERIFY2(QString::fromStdString(r.warnings[0]).contains("padded"), r.warnings[0].c_str());
}

void TestBlockRows::partialBlocksCounted_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("granularity");
    QTest::addColumn<double>("bits");
    QTest::addColumn<bool>("warns");
    // [4, 40] in blocks of 32: 8 blocks, 4 of them 8 values long, each with its own scale.
    QTest::newRow("int4 symmetric") << "int4"
                                    << "symmetric" << QList<qint64>{4, 40} << "block:32" << (160.0 * 4 + 8 * 32) / 160
                                    << true;
    // Zero points in the int4 code range are stored at 4 bits.
    QTest::newRow("int4 asymmetric") << "int4"
                                     << "asymmetric" << QList<qint64>{4, 40} << "block:32"
                                     << (160.0 * 4 + 8 * (32 + 4)) / 160 << true;
    // MX: E8M0 scale per block.
    QTest::newRow("mxfp4") << "mxfp4"
                           << "symmetric" << QList<qint64>{4, 40} << "" << (160.0 * 4 + 8 * 8) / 160 << true;
    // NF4 over the flattened 160 values: 3 blocks of 64, the last 32 long.
    QTest::newRow("nf4 flat") << "nf4"
                              << "symmetric" << QList<qint64>{4, 40} << "block:64@flat" << (160.0 * 4 + 3 * 32) / 160
                              << true;
    // The conv weight's rows of 576 hold 18 whole blocks: the nominal figure, no warning.
    QTest::newRow("int4 conv whole") << "int4"
                                     << "symmetric" << QList<qint64>{32, 64, 3, 3} << "block:32" << 5.0 << false;
    // Along the last axis the conv weight has 3-value blocks: 4 + 32/3.
    QTest::newRow("int4 conv last axis") << "int4"
                                         << "symmetric" << QList<qint64>{32, 64, 3, 3} << "block:32@3" << 4 + 32.0 / 3
                                         << true;
}

void TestBlockRows::partialBlocksCounted()
{
    QFETCH(QString, quantizer);
    QFETCH(QString, scheme);
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, granularity);
    QFETCH(double, bits);
    QFETCH(bool, warns);
    QuantConfig cfg = make(quantizer.toStdString(), granularity.toStdString());
    cfg.scheme = parseScheme(scheme.toStdString());
    const QuantResult r = runQuantization(randomTensor(Shape(shape.begin(), shape.end()), 9), cfg);
    QVERIFY2(std::fabs(r.bitsPerValue - bits) < 1e-12, qPrintable(QString::number(r.bitsPerValue, 'g', 17)));
    QCOMPARE(!r.warnings.empty(), warns);
    if (warns)
        QVERIFY2(QString::fromStdString(r.warnings[0]).contains("partial"), r.warnings[0].c_str());
}

void TestBlockRows::granularityText()
{
    for (const char* text : {"block:32", "block:32@1", "block:32@-1", "block:64@flat"})
        QCOMPARE(Granularity::parse(text).toString(), std::string(text));
    QCOMPARE(Granularity::parse("block:32@rows"), Granularity::parse("block:32"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, Granularity::parse("block:32@x"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runQuantization(randomTensor(Shape{4, 4}, 1), make("int4", "block:2@2")));
}

void TestBlockRows::curveGroupObjective_data()
{
    QTest::addColumn<QString>("calibration");
    QTest::addColumn<QString>("granularity");
    QTest::newRow("mse channel:0") << "mse"
                                   << "channel:0";
    QTest::newRow("entropy channel:0") << "entropy"
                                       << "channel:0";
    QTest::newRow("mse block:64") << "mse"
                                  << "block:64";
}

// Per-group MSE/entropy: the result carries the objective of the chosen group,
// the same curve as calibrating that group's values on their own.
void TestBlockRows::curveGroupObjective()
{
    QFETCH(QString, calibration);
    QFETCH(QString, granularity);
    const Tensor x = randomTensor(Shape{8, 64}, 12);
    QuantConfig c = make("int4", granularity.toStdString());
    c.calibration = CalibrationSpec::parse(calibration.toStdString());
    QuantOptions opt;
    opt.curveGroup = 3;
    const QuantResult r = runQuantization(x, c, opt);
    QCOMPARE(r.curveGroup, std::int64_t(3));
    QVERIFY(!r.calibration.curve.x.empty());
    Tensor row(Shape{64});
    std::copy(x.data() + 3 * 64, x.data() + 4 * 64, row.data());
    QuantConfig alone = c;
    alone.granularity = Granularity{};
    const QuantResult ref = runQuantization(row, alone);
    QCOMPARE(r.calibration.curve.x, ref.calibration.curve.x);
    QCOMPARE(r.calibration.curve.y, ref.calibration.curve.y);
    QCOMPARE(r.calibration.curve.chosenX, ref.calibration.curve.chosenX);
    // Without a chosen group there is no curve to show for many groups.
    QCOMPARE(runQuantization(x, c).curveGroup, std::int64_t(-1));
}

// llama.cpp formats round their own way; the summary (and so every caption) says which.
void TestBlockRows::summaryNamesGgmlRounding()
{
    QVERIFY(QString::fromStdString(make("q8_0", "").summary()).contains("round half away from zero"));
    QVERIFY(QString::fromStdString(make("q4_0", "").summary()).contains("round half up"));
    QVERIFY(QString::fromStdString(make("q4_1", "").summary()).contains("round half up"));
    QVERIFY(!QString::fromStdString(make("q4_0", "").summary()).contains("nearest-even"));
}

QTEST_GUILESS_MAIN(TestBlockRows)
#include "tst_blockrows.moc"
