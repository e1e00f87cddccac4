// The memory calculator against docs/course.md's table and hand arithmetic, and
// the activation-outlier study (per-tensor / per-token / per-channel / LLM.int8()).
#include "formats/error.h"
#include "model/memory.h"
#include "model/outliers.h"

#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

// x̂ = S round(x / S), allowing the other neighbour when x / S is within 1e-3 of a
// rounding tie (the pipeline multiplies by a float32 1/S, the reference divides in double).
bool matchesRounding(double got, double x, double scale)
{
    const double y = x / scale;
    const double hand = scale * std::nearbyint(y);
    if (std::abs(got - hand) <= 1e-6 * (scale + std::abs(hand))) // float32 results
        return true;
    return std::abs(std::abs(y - std::trunc(y)) - 0.5) < 1e-3 && std::abs(got - hand) <= scale * (1 + 1e-6);
}

} // namespace

class TestModelMemory : public QObject
{
    Q_OBJECT
private slots:
    void courseTable_data();
    void courseTable();
    void bitsPerParameter_data();
    void bitsPerParameter();
    void formatRejects();
    void qloraFullFinetuneIs780GB();
    void qloraUnder48GB();
    void kvCacheByHand();
    void outlierStudyOrdering();
    void outlierStudyByHand();
    void outlierStudyWithoutOutliers();
};

// docs/course.md: VRAM ≈ parameters × bytes in FP16.
void TestModelMemory::courseTable_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("bytes");
    QTest::newRow("GPT-3 175B") << "gpt3-175b" << 350e9;
    QTest::newRow("Bloom 176B") << "bloom-176b" << 352e9;
    QTest::newRow("Llama-2-70B") << "llama2-70b" << 140e9;
    QTest::newRow("Mistral 7B") << "mistral-7b" << 14e9;
}

void TestModelMemory::courseTable()
{
    QFETCH(QString, model);
    QFETCH(double, bytes);
    MemorySpec s;
    s.parameters = modelPreset(model.toStdString()).parameters;
    s.weights = StorageFormat::parse("fp16");
    const MemoryReport r = estimateMemory(s);
    QCOMPARE(int(r.lines.size()), 1);
    QCOMPARE(r.lines[0].item, std::string("weights"));
    QCOMPARE(r.totalBytes, bytes); // exact: integers times 16 / 8
}

void TestModelMemory::bitsPerParameter_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<double>("bits");
    QTest::newRow("fp32") << "fp32" << 32.0;
    QTest::newRow("bf16") << "bf16" << 16.0;
    QTest::newRow("int8") << "int8" << 8.0;
    QTest::newRow("nf4, block 64, fp32 scale") << "nf4" << 4.5;
    QTest::newRow("nf4 + double quantization") << "nf4-dq" << 4.0 + 8.0 / 64 + 32.0 / (64 * 256);
    QTest::newRow("q8_0") << "q8_0" << 8.5;
    QTest::newRow("q4_0") << "q4_0" << 4.5;
    QTest::newRow("q4_1") << "q4_1" << 5.0;
    QTest::newRow("mxfp4") << "mxfp4" << 4.25;
    QTest::newRow("mxfp6") << "mxfp6" << 6.25;
    QTest::newRow("mxint8") << "mxint8" << 8.25;
    QTest::newRow("custom 4/64/32") << "4/64/32" << 4.5;
    QTest::newRow("custom 3/128/16/16") << "3/128/16/16" << 3.25;
}

void TestModelMemory::bitsPerParameter()
{
    QFETCH(QString, format);
    QFETCH(double, bits);
    QCOMPARE(StorageFormat::parse(format.toStdString()).bitsPerParameter(), bits);
}

void TestModelMemory::formatRejects()
{
    QVERIFY_THROWS_EXCEPTION(ArgumentError, StorageFormat::parse("fp7"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, StorageFormat::parse("4/0/32"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, StorageFormat::parse("4/64"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, modelPreset("gpt-5"));
    MemorySpec s;
    s.parameters = -1;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, estimateMemory(s));
}

// 16-bit full fine-tuning with Adam: 2 (fp16 weights) + 2 (fp16 gradients) + 2 × 4 (fp32 m, v)
// = 12 bytes per parameter; 65e9 × 12 = 780e9 bytes before activations.
void TestModelMemory::qloraFullFinetuneIs780GB()
{
    const MemoryReport r = estimateMemory(qloraFullFinetune());
    QCOMPARE(int(r.lines.size()), 3);
    QCOMPARE(r.lines[0].bytes, 130e9);
    QCOMPARE(r.lines[1].item, std::string("gradients"));
    QCOMPARE(r.lines[1].bytes, 130e9);
    QCOMPARE(r.lines[2].bytes, 520e9);
    QCOMPARE(r.totalBytes, 780e9);
}

// QLoRA: 65e9 × 4.126953125 / 8 = 33,531,494,140.625 bytes of NF4 + DQ weights;
// LoRA r = 64 on the 7 linear layers of 80 LLaMA-65B blocks (d = 8192, f = 22016):
// 80 · 64 · (4 · 2 · 8192 + 3 · (8192 + 22016)) = 799,539,200 adapter parameters,
// each with bf16 weight (2) + bf16 gradient (2) + two fp32 Adam states (8) = 12 bytes.
void TestModelMemory::qloraUnder48GB()
{
    const MemorySpec s = qloraFinetune();
    QCOMPARE(s.training.adapterParameters, 799539200.0);
    const MemoryReport r = estimateMemory(s);
    QCOMPARE(r.lines[0].bytes, 33531494140.625);
    QCOMPARE(int(r.lines.size()), 4); // weights, adapter weights, adapter gradients, adapter optimizer states
    QCOMPARE(r.lines[1].bytes, 799539200.0 * 2);
    QCOMPARE(r.lines[3].bytes, 799539200.0 * 8);
    QCOMPARE(r.totalBytes, 33531494140.625 + 799539200.0 * 12);
    QVERIFY(r.totalBytes < 48e9);
    QVERIFY(estimateMemory(qloraFullFinetune()).totalBytes / r.totalBytes > 18);
}

// Llama-2-70B (80 layers, 8 KV heads by GQA, head dim 128), 4096 tokens, batch 1, fp16:
// 2 · 80 · 8 · 128 · 4096 · 1 = 671,088,640 values × 2 bytes.
void TestModelMemory::kvCacheByHand()
{
    const ModelPreset& p = modelPreset("llama2-70b");
    MemorySpec s;
    s.parameters = p.parameters;
    s.kvCache = KvCacheSpec{p.layers, p.kvHeads, p.headDim, p.context, 1, StorageFormat::parse("fp16")};
    MemoryReport r = estimateMemory(s);
    QCOMPARE(int(r.lines.size()), 2);
    QCOMPARE(r.lines[1].item, std::string("KV cache"));
    QCOMPARE(r.lines[1].bytes, 1342177280.0);
    QCOMPARE(r.totalBytes, 140e9 + 1342177280.0);
    s.kvCache->batch = 8;
    s.kvCache->format = StorageFormat::parse("int8");
    r = estimateMemory(s);
    QCOMPARE(r.lines[1].bytes, 671088640.0 * 8);
}

void TestModelMemory::outlierStudyOrdering()
{
    const OutlierStudy s = runOutlierStudy();
    QCOMPARE(int(s.outlierColumns.size()), s.config.outlierChannels);
    QCOMPARE(int(s.methods.size()), 4);
    const auto& tensor = s.methods[0];
    const auto& token = s.methods[1];
    const auto& channel = s.methods[2];
    const auto& int8 = s.methods[3];
    for (const auto& m : s.methods)
        qInfo("%-12s X SQNR %6.2f dB, Y SQNR %6.2f dB, Y rel. error %.5f, float %.4f", m.name.c_str(),
              m.activationSqnrDb, m.outputSqnrDb, m.outputRelativeError, m.floatFraction);
    QVERIFY(token.activationMse <= tensor.activationMse);
    QVERIFY(channel.outputSqnrDb > tensor.outputSqnrDb + 10); // outliers ruin one shared scale
    QVERIFY(int8.outputSqnrDb > tensor.outputSqnrDb + 10);
    QVERIFY(int8.outputSqnrDb > token.outputSqnrDb + 10);
    QCOMPARE(int8.floatFraction, double(s.config.outlierChannels) / s.config.channels);
}

// Per-tensor absmax by hand: S = max|X| / 127, x̂ = S round(x / S); LLM.int8() keeps outlier
// columns exactly and rounds the rest with the row's absmax over the regular columns.
void TestModelMemory::outlierStudyByHand()
{
    OutlierStudyConfig cfg;
    cfg.tokens = 16;
    cfg.channels = 64;
    cfg.outChannels = 8;
    cfg.outlierChannels = 2;
    cfg.seed = 3;
    const OutlierStudy s = runOutlierStudy(cfg);
    const Matrix& x = s.activations;
    const double scale = x.cwiseAbs().maxCoeff() / 127.0;
    const Matrix& t = s.methods[0].activationDequantized;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        QVERIFY2(matchesRounding(t.data()[i], x.data()[i], scale),
                 qPrintable(QString("x %1 got %2 scale %3").arg(x.data()[i]).arg(t.data()[i]).arg(scale)));
    const Matrix& d = s.methods[3].activationDequantized;
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        double amax = 0;
        for (Eigen::Index c = 0; c < x.cols(); ++c)
            if (s.channelAbsMax[std::size_t(c)] < cfg.threshold)
                amax = std::max(amax, double(std::abs(x(r, c))));
        const double sr = amax / 127;
        for (Eigen::Index c = 0; c < x.cols(); ++c) {
            if (s.channelAbsMax[std::size_t(c)] >= cfg.threshold)
                QCOMPARE(d(r, c), x(r, c));
            else
                QVERIFY(matchesRounding(d(r, c), x(r, c), sr));
        }
    }
    // Y in float equals X Wᵀ by a naive loop.
    for (Eigen::Index r = 0; r < s.output.rows(); ++r)
        for (Eigen::Index j = 0; j < s.output.cols(); ++j) {
            double y = 0;
            for (Eigen::Index k = 0; k < x.cols(); ++k)
                y += double(x(r, k)) * s.weights(j, k);
            QVERIFY(std::abs(y - s.output(r, j)) < 1e-4 * (1 + std::abs(y)));
        }
}

void TestModelMemory::outlierStudyWithoutOutliers()
{
    OutlierStudyConfig cfg;
    cfg.outlierChannels = 0;
    const OutlierStudy s = runOutlierStudy(cfg);
    QVERIFY(s.outlierColumns.empty());
    QCOMPARE(s.methods[3].floatFraction, 0.0);
    QCOMPARE(s.methods[3].outputMse, s.methods[1].outputMse); // LLM.int8() = per-token int8 then
    OutlierStudyConfig bad;
    bad.bits = 1;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, runOutlierStudy(bad));
}

QTEST_GUILESS_MAIN(TestModelMemory)
#include "tst_model_memory.moc"
