// The llama.cpp formats as quantizers of the pipeline (--quantizer q2_K ... iq4_nl):
// runQuantization gives llama.cpp's reconstruction and codes (the fixture bytes of
// llama.cpp's own library, decoded), honest bits/value from the block bytes,
// llama.cpp's refusal of rows that are not whole blocks (CLI status 2), the
// spellings, non-finite pass-through, and describeBlock's decomposition.
#include "formats/error.h"
#include "quant/ggmlblock.h"
#include "quant/ggmltypes.h"
#include "quant/pipeline.h"
#include "quant/quantconfig.h"

#include "ggmlfixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace qs;

namespace {

QuantConfig config(const std::string& spec)
{
    QuantConfig c;
    c.setQuantizer(spec);
    return c;
}

bool sameBits(const float* a, const float* b, std::int64_t n, std::int64_t* where = nullptr)
{
    for (std::int64_t i = 0; i < n; ++i)
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i])) {
            if (where)
                *where = i;
            return false;
        }
    return true;
}

const char* const kNewKinds[] = {"q2_K", "q3_K", "q4_K", "q5_K", "q6_K", "q5_0", "q5_1", "iq4_nl"};

} // namespace

class TestGgmlQuant : public QObject
{
    Q_OBJECT
private slots:
    void matchesLlamaCpp_data();
    void matchesLlamaCpp();
    void bitsPerValue_data();
    void bitsPerValue();
    void spellings_data();
    void spellings();
    void rowsAreIndependent();
    void refusesPartialRows_data();
    void refusesPartialRows();
    void cliRefusesPartialRows();
    void cliReportsBits();
    void nonfinitePassThrough();
    void describeReproducesDequantization();
    void quantizeBlockMatchesRow();
};

void TestGgmlQuant::matchesLlamaCpp_data()
{
    QTest::addColumn<int>("record");
    const auto& fx = ggmlfx::load();
    for (std::size_t k = 0; k < fx.records.size(); ++k) {
        const auto& r = fx.records[k];
        const ggml::TypeInfo* t = ggml::typeInfo(r.type);
        if (r.caseIndex == ggmlfx::kNoCase || !t || t->blockSize < 32 || r.type == ggml::Q8_K ||
            r.type == ggml::TQ1_0 || r.type == ggml::TQ2_0)
            continue;
        QTest::addRow("%s %s", t->name, fx.cases[r.caseIndex].name.c_str()) << int(k);
    }
}

void TestGgmlQuant::matchesLlamaCpp()
{
    // The pipeline's x̂ and codes are llama.cpp's bytes, decoded: the quantizer is llama.cpp's.
    QFETCH(int, record);
    const auto& fx = ggmlfx::load();
    const auto& r = fx.records[std::size_t(record)];
    const auto& x = fx.cases[r.caseIndex].values;
    const ggml::TypeInfo* t = ggml::typeInfo(r.type);
    const QuantResult res = runQuantization(Tensor::fromVector(x), config(t->name));
    std::vector<std::uint8_t> bytes = ggmlfx::expectedBytes(r);
    // Where llama.cpp's fp16 scale or offset overflowed (the "huge" rows) it stores Inf and
    // decodes Inf/NaN; the pipeline saturates that field to ±65504 and keeps the codes.
    const std::int64_t blocks = r.n / t->blockSize;
    std::int64_t saturated = 0;
    for (std::int64_t b = 0; b < blocks; ++b)
        saturated += ggml::saturateScales(r.type, bytes.data() + b * t->bytesPerBlock) ? 1 : 0;
    std::vector<float> expected(x.size());
    ggml::dequantizeRow(r.type, bytes.data(), r.n, expected.data());
    std::int64_t at = -1;
    QVERIFY2(sameBits(res.dequantized.data(), expected.data(), r.n, &at), qPrintable(QString::number(at)));
    for (std::int64_t i = 0; i < r.n; ++i)
        QVERIFY2(!std::isfinite(x[std::size_t(i)]) || std::isfinite(res.dequantized.data()[i]),
                 qPrintable(QString::number(i)));
    bool noted = false;
    for (const std::string& m : res.messages)
        noted = noted || m.find(std::to_string(saturated) + " block(s) whose fp16 scale") == 0;
    QCOMPARE(noted, saturated > 0);
    std::vector<std::int32_t> codes(x.size());
    ggml::unpackCodes(r.type, bytes.data(), r.n, codes.data());
    QCOMPARE(res.codes, codes);
    QCOMPARE(res.groups.size(), std::size_t(r.n / t->blockSize));
    QCOMPARE(res.groups[0].count, std::int64_t(t->blockSize));
}

void TestGgmlQuant::bitsPerValue_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<double>("bits");
    // Bytes per block · 8 / values per block (84, 110, 144, 176, 210 per 256; 22, 24, 18 per 32).
    QTest::newRow("q2_K") << "q2_K" << 2.625;
    QTest::newRow("q3_K") << "q3_K" << 3.4375;
    QTest::newRow("q4_K") << "q4_K" << 4.5;
    QTest::newRow("q5_K") << "q5_K" << 5.5;
    QTest::newRow("q6_K") << "q6_K" << 6.5625;
    QTest::newRow("q5_0") << "q5_0" << 5.5;
    QTest::newRow("q5_1") << "q5_1" << 6.0;
    QTest::newRow("iq4_nl") << "iq4_nl" << 4.5;
}

void TestGgmlQuant::bitsPerValue()
{
    QFETCH(QString, quantizer);
    QFETCH(double, bits);
    std::vector<float> x(4096);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = std::sin(float(i) * 0.37f);
    const QuantResult r = runQuantization(Tensor::fromVector(x), config(quantizer.toStdString()));
    QCOMPARE(r.bitsPerValue, bits);
    // What a byte count of the stored row confirms.
    const std::uint32_t type = ggml::typeByName(quantizer.toStdString())->id;
    QCOMPARE(double(ggml::rowBytes(type, 4096)) * 8 / 4096, bits);
}

void TestGgmlQuant::spellings_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("block");
    QTest::newRow("q4_K") << "q4_K"
                          << "q4_K" << 256;
    QTest::newRow("Q4_K") << "Q4_K"
                          << "q4_K" << 256;
    QTest::newRow("q4_k") << "q4_k"
                          << "q4_K" << 256;
    QTest::newRow("Q2_K") << "Q2_K"
                          << "q2_K" << 256;
    QTest::newRow("q3_K") << "q3_K"
                          << "q3_K" << 256;
    QTest::newRow("q5_K") << "q5_K"
                          << "q5_K" << 256;
    QTest::newRow("Q6_K") << "Q6_K"
                          << "q6_K" << 256;
    QTest::newRow("Q5_0") << "Q5_0"
                          << "q5_0" << 32;
    QTest::newRow("q5_1") << "q5_1"
                          << "q5_1" << 32;
    QTest::newRow("IQ4_NL") << "IQ4_NL"
                            << "iq4_nl" << 32;
    QTest::newRow("Q8_0") << "Q8_0"
                          << "q8_0" << 32;
}

void TestGgmlQuant::spellings()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    QFETCH(int, block);
    const QuantConfig c = config(spec.toStdString());
    QCOMPARE(QString::fromStdString(c.quantizerSpec()), canonical);
    QCOMPARE(c.granularity.kind, Granularity::Kind::Block);
    QCOMPARE(c.granularity.blockSize, std::int64_t(block));
    const QuantConfig back = QuantConfig::fromJson(c.toJson());
    QVERIFY(back.kind == c.kind);
    QCOMPARE(back.toJson(), c.toJson());
    // The block is the format's: any other is refused.
    QuantConfig wrong = c;
    wrong.granularity.blockSize = block == 256 ? 32 : 256;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, wrong.validate());
}

void TestGgmlQuant::rowsAreIndependent()
{
    // A [3, 512] tensor: each row is quantized as llama.cpp quantizes a row of 512 values.
    const auto& normal = ggmlfx::load().cases[0].values; // 512 values
    std::vector<float> x;
    for (int r = 0; r < 3; ++r)
        for (float v : normal)
            x.push_back(v * float(r + 1));
    for (const char* spec : kNewKinds) {
        const std::uint32_t type = ggml::typeByName(spec)->id;
        const QuantResult res = runQuantization(Tensor::fromVector(x).reshaped({3, 512}), config(spec));
        for (int r = 0; r < 3; ++r) {
            std::vector<std::uint8_t> bytes(std::size_t(ggml::rowBytes(type, 512)));
            ggml::quantizeRowRef(type, x.data() + r * 512, 512, bytes.data());
            std::vector<float> expected(512);
            ggml::dequantizeRow(type, bytes.data(), 512, expected.data());
            QVERIFY2(sameBits(res.dequantized.data() + r * 512, expected.data(), 512), spec);
        }
    }
}

void TestGgmlQuant::refusesPartialRows_data()
{
    QTest::addColumn<QString>("quantizer");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("block");
    for (const char* k : kNewKinds) {
        const int block = ggml::typeByName(k)->blockSize;
        QTest::addRow("%s", k) << k << (block == 256 ? 300 : 48) << block;
    }
}

void TestGgmlQuant::refusesPartialRows()
{
    QFETCH(QString, quantizer);
    QFETCH(int, length);
    QFETCH(int, block);
    std::vector<float> x(std::size_t(2 * length), 0.5f);
    try {
        runQuantization(Tensor::fromVector(x).reshaped({2, length}), config(quantizer.toStdString()));
        QFAIL("not refused");
    } catch (const ArgumentError& e) {
        const QString m = QString::fromUtf8(e.what());
        QVERIFY2(m.contains(QString::number(length)) && m.contains(QString::number(block)) && m.contains(quantizer),
                 e.what());
    }
}

void TestGgmlQuant::cliRefusesPartialRows()
{
    QProcess p;
    p.start(QStringLiteral(QS_CLI_PATH),
            {"quantize", "--generate", "normal,n=600,seed=1", "--shape", "2x300", "--quantizer", "Q4_K", "--json"});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError().trimmed();
    QCOMPARE(err.count('\n'), 0);
    QVERIFY2(err.contains("300") && err.contains("256") && err.contains("q4_K"), err.constData());
    QVERIFY(p.readAllStandardOutput().isEmpty());
}

void TestGgmlQuant::cliReportsBits()
{
    QProcess p;
    p.start(QStringLiteral(QS_CLI_PATH),
            {"quantize", "--generate", "normal,n=1024,seed=3", "--quantizer", "q3_K", "--json", "--emit-values"});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(o["metrics"].toObject()["bits_per_value"].toDouble(), 3.4375);
    QCOMPARE(o["code_min"].toInt(), 0);
    QCOMPARE(o["code_max"].toInt(), 7);
    QCOMPARE(o["groups"].toInt(), 4);
}

void TestGgmlQuant::nonfinitePassThrough()
{
    // NaN/Inf pass through with code 0; the quantizer sees them as 0 (Q4_1/Q5_1: as the block's first
    // finite value), so the other values get what a row with those stand-ins gets.
    const auto& normal = ggmlfx::load().cases[0].values;
    for (const char* spec : {"q4_K", "q6_K", "q5_1", "iq4_nl"}) {
        const std::uint32_t type = ggml::typeByName(spec)->id;
        std::vector<float> dirty(normal.begin(), normal.begin() + 256);
        dirty[3] = std::numeric_limits<float>::quiet_NaN();
        dirty[40] = INFINITY;
        std::vector<float> clean = dirty;
        const float stand = type == ggml::Q5_1 ? dirty[0] : 0.0f;
        clean[3] = stand;
        clean[40] = type == ggml::Q5_1 ? dirty[32] : 0.0f;
        const QuantResult a = runQuantization(Tensor::fromVector(dirty), config(spec));
        const QuantResult b = runQuantization(Tensor::fromVector(clean), config(spec));
        QVERIFY(std::isnan(a.dequantized.data()[3]));
        QCOMPARE(a.dequantized.data()[40], INFINITY);
        QCOMPARE(a.codes[3], 0);
        QCOMPARE(a.nonfinite, std::int64_t(2));
        for (int i = 0; i < 256; ++i)
            if (i != 3 && i != 40) {
                QCOMPARE(std::bit_cast<std::uint32_t>(a.dequantized.data()[i]),
                         std::bit_cast<std::uint32_t>(b.dequantized.data()[i]));
                QCOMPARE(a.codes[std::size_t(i)], b.codes[std::size_t(i)]);
            }
    }
}

void TestGgmlQuant::describeReproducesDequantization()
{
    // Every block of every fixture row: scale·(q − offset) + bias (IQ4_NL: d·level[q]) per sub-block is
    // exactly what ggml's dequantizer gives, and the stored codes lie on the sub-block's grid.
    const auto& fx = ggmlfx::load();
    int blocks = 0;
    for (const auto& r : fx.records) {
        const ggml::TypeInfo* t = ggml::typeInfo(r.type);
        if (!t || r.type == ggml::Q8_K || r.type == ggml::TQ1_0 || r.type == ggml::TQ2_0 || r.type == ggml::IQ4_XS ||
            r.type == ggml::MXFP4 || t->blockSize == 1)
            continue;
        std::vector<float> all(std::size_t(r.n));
        ggml::dequantizeRow(r.type, r.bytes.data(), r.n, all.data());
        for (std::int64_t b = 0; b < r.n / t->blockSize; ++b, ++blocks) {
            const ggml::BlockDescription d =
                ggml::describeBlock(r.type, r.bytes.data(), std::int64_t(r.bytes.size()), b);
            QVERIFY(sameBits(d.values.data(), all.data() + b * t->blockSize, t->blockSize));
            for (const auto& s : d.subBlocks)
                for (int j = s.first; j < s.first + s.length; ++j) {
                    const std::int32_t q = d.codes[std::size_t(j)];
                    // (a zero-sign matters: the bias is added only by the formats that have one)
                    const float v = !d.levels.empty() ? s.scale * float(d.levels[std::size_t(q)])
                                    : d.hasMin        ? s.scale * float(q - d.codeOffset) + s.bias
                                                      : s.scale * float(q - d.codeOffset);
                    if (std::bit_cast<std::uint32_t>(v) != std::bit_cast<std::uint32_t>(d.values[std::size_t(j)]) &&
                        !(std::isnan(v) && std::isnan(d.values[std::size_t(j)])))
                        QFAIL(qPrintable(QStringLiteral("%1 block %2 value %3").arg(t->name).arg(b).arg(j)));
                    if (std::isfinite(v) && !(v >= s.low && v <= s.high))
                        QFAIL(qPrintable(QStringLiteral("%1 block %2 value %3: %4 outside [%5, %6]")
                                             .arg(t->name)
                                             .arg(b)
                                             .arg(j)
                                             .arg(double(v))
                                             .arg(double(s.low))
                                             .arg(double(s.high))));
                }
            // The byte map covers the block exactly once.
            int covered = 0;
            for (const auto& f : d.fields)
                covered += f.bytes;
            QCOMPARE(covered, t->bytesPerBlock);
        }
    }
    QVERIFY(blocks > 300);
}

void TestGgmlQuant::quantizeBlockMatchesRow()
{
    // The Bit Lab's block: the same bytes as the row quantizer for that block.
    const auto& x = ggmlfx::load().cases[0].values;
    for (const char* spec : kNewKinds) {
        const ggml::TypeInfo* t = ggml::typeByName(spec);
        std::vector<std::uint8_t> row(std::size_t(ggml::rowBytes(t->id, 512)));
        ggml::quantizeRowRef(t->id, x.data(), 512, row.data());
        const std::int64_t b = 512 / t->blockSize - 1;
        const ggml::QuantizedBlock q = ggml::quantizeBlock(t->id, x.data() + b * t->blockSize, b);
        QCOMPARE(q.block.index, b);
        QVERIFY(std::equal(q.block.bytes.begin(), q.block.bytes.end(), row.begin() + b * t->bytesPerBlock));
        for (int j = 0; j < t->blockSize; ++j)
            QCOMPARE(q.error[std::size_t(j)], q.block.values[std::size_t(j)] - x[std::size_t(b * t->blockSize + j)]);
    }
}

QTEST_GUILESS_MAIN(TestGgmlQuant)
#include "tst_ggmlquant.moc"
