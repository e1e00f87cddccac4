// Results do not depend on the machine's core count: `quantscope-cli quantize
// --json` on 2^19 + 12345 values (so every streaming pass really splits into
// chunks: runtime/parallel.h) prints the same bytes with QS_THREADS=1, 2 and 8,
// for quantizers and calibrators whose passes sum in floating point (metrics,
// MSE sweeps, entropy and percentile histograms, per-group calibration), and
// on every SIMD path (QS_MAX_ISA).
#include "common/isa.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

namespace {

QByteArray quantizeJson(const QStringList& args, const QString& threads, const QString& isa)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QS_THREADS", threads);
    env.insert("QS_MAX_ISA", isa);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(QS_CLI_PATH),
            QStringList{"quantize", "--generate", "outliers,n=536633,seed=7,p=0.001,k=20", "--json"} + args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << p.readAllStandardError();
        return {};
    }
    return p.readAllStandardOutput();
}

} // namespace

class TestDeterminism : public QObject
{
    Q_OBJECT
private slots:
    void sameBytesWithAnyThreadCount_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("int8 minmax") << QStringList{"--quantizer", "int8"};
        QTest::newRow("int8 mse") << QStringList{"--quantizer", "int8", "--calibration", "mse"};
        QTest::newRow("uint8 asymmetric entropy")
            << QStringList{"--quantizer", "uint8", "--scheme", "asymmetric", "--calibration", "entropy"};
        QTest::newRow("int4 percentile") << QStringList{"--quantizer", "int4", "--calibration", "percentile:99.9"};
        QTest::newRow("int8 block:4096 mse")
            << QStringList{"--quantizer", "int8", "--granularity", "block:4096", "--calibration", "mse:20"};
        QTest::newRow("nf4") << QStringList{"--quantizer", "nf4"};
        QTest::newRow("mxfp4") << QStringList{"--quantizer", "mxfp4"};
        QTest::newRow("fp8-e4m3 scaled percentile-hist")
            << QStringList{"--quantizer", "fp8-e4m3", "--scaled", "--calibration", "percentile-hist:99.99"};
        // 536633 values are not a whole number of blocks of 32: llama.cpp would refuse them.
        QTest::newRow("q4_1") << QStringList{"--quantizer", "q4_1", "--pad-blocks"};
        QTest::newRow("kmeans:3") << QStringList{"--quantizer", "kmeans:3", "--bins", "1000"};
    }
    void sameBytesWithAnyThreadCount()
    {
        QFETCH(QStringList, args);
        const QByteArray one = quantizeJson(args, "1", "avx512");
        QVERIFY(one.contains("\"metrics\""));
        for (const char* threads : {"2", "8"})
            QVERIFY2(quantizeJson(args, threads, "avx512") == one, threads);
        // Every SIMD path this CPU has prints the same bytes too.
        for (int i = 0; i < qs::simd::kIsaCount; ++i)
            if (qs::simd::isaSupported(qs::simd::Isa(i)))
                QVERIFY2(quantizeJson(args, "2", qs::simd::isaName(qs::simd::Isa(i))) == one,
                         qs::simd::isaName(qs::simd::Isa(i)));
    }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
