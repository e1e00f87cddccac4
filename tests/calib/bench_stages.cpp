// QBENCHMARK timings of the stages `quantscope-cli bench` reports, for
// profiling one stage at a time under Qt Test's measurers:
//   QS_BENCH_N=16777216 tst_calibbench -median 5 histogram
// CTest runs it with the default tiny N (label "bench") so it stays a smoke
// test there; the numbers that matter are in docs/performance.md.
#include "analysis/histogram.h"
#include "analysis/stats.h"
#include "calib/calibration.h"
#include "io/tensorsource.h"
#include "quant/pipeline.h"

#include <QtTest>

#include <cmath>
#include <cstring>

using namespace qs;

class BenchStages : public QObject
{
    Q_OBJECT

    Tensor m_x;
    std::vector<float> m_scratch;

    static double runQuant(const Tensor& x, const QString& spec, const QString& granularity)
    {
        QuantConfig c;
        c.setQuantizer(spec.toStdString());
        if (!granularity.isEmpty())
            c.granularity = Granularity::parse(granularity.toStdString());
        QuantOptions o;
        o.codes = o.metrics = o.histograms = false;
        const QuantResult r = runQuantization(x, c, o);
        return r.dequantized.data()[r.n - 1];
    }

private slots:
    void initTestCase()
    {
        const qint64 n =
            qEnvironmentVariableIsSet("QS_BENCH_N") ? qEnvironmentVariable("QS_BENCH_N").toLongLong() : qint64(1) << 16;
        QVERIFY2(n >= 4096 && n % 4096 == 0, "QS_BENCH_N must be a positive multiple of 4096");
        m_x = generateTensor("outliers,n=" + std::to_string(n) + ",seed=1,p=0.0001,k=20");
        m_scratch.resize(std::size_t(n));
    }

    void stage_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("granularity");
        QTest::newRow("copy") << "copy"
                              << ""
                              << "";
        QTest::newRow("minmax") << "minmax"
                                << ""
                                << "";
        QTest::newRow("histogram") << "histogram"
                                   << ""
                                   << "";
        QTest::newRow("int8-tensor") << "quant"
                                     << "int8"
                                     << "tensor";
        QTest::newRow("int8-channel") << "quant"
                                      << "int8"
                                      << "channel:0";
        QTest::newRow("mxfp4") << "quant"
                               << "mxfp4"
                               << "";
        QTest::newRow("nf4") << "quant"
                             << "nf4"
                             << "";
        QTest::newRow("fp8-e4m3") << "quant"
                                  << "fp8-e4m3"
                                  << "";
        QTest::newRow("fp16") << "quant"
                              << "fp16"
                              << "";
        QTest::newRow("bf16") << "quant"
                              << "bf16"
                              << "";
        QTest::newRow("percentile") << "calib"
                                    << "percentile:99.99"
                                    << "";
        QTest::newRow("entropy") << "calib"
                                 << "entropy"
                                 << "";
        QTest::newRow("mse") << "calib"
                             << "mse"
                             << "";
    }
    void stage()
    {
        QFETCH(QString, kind);
        QFETCH(QString, spec);
        QFETCH(QString, granularity);
        const Tensor x = granularity.startsWith("channel") ? m_x.reshaped({m_x.size() / 4096, 4096}) : m_x;
        const float amax = finiteStats(m_x.values()).absMax;
        double result = 0;
        QBENCHMARK
        {
            if (kind == "copy") {
                std::memcpy(m_scratch.data(), x.data(), std::size_t(x.size()) * sizeof(float));
                result = m_scratch.back();
            } else if (kind == "minmax") {
                result = finiteStats(x.values()).absMax;
            } else if (kind == "histogram") {
                result = double(computeHistogram(x.values(), 2048).counts[1024]);
            } else if (kind == "quant") {
                result = runQuant(x, spec, granularity);
            } else {
                result = calibrate(x.values(), CalibrationSpec::parse(spec.toStdString()), {}).clipMax;
            }
        }
        QVERIFY(std::isfinite(result));
        if (kind == "calib" || kind == "minmax")
            QVERIFY(result > 0 && result <= amax);
    }
};

QTEST_GUILESS_MAIN(BenchStages)
#include "bench_stages.moc"
