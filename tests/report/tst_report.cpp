// The model report (core/report, docs/report.md): the fused pass equals the
// pipeline, totals equal the per-tensor sums, the planner stays within its
// budget and its frontier is monotone, every container's fixture reports,
// progress, cancel and the per-tensor callback, bad scheme lists.
#include "formats/error.h"
#include "io/tensorsource.h"
#include "quant/pipeline.h"
#include "report/modelreport.h"
#include "report/planner.h"
#include "report/reportjson.h"

#include <QtTest>

#include <cmath>
#include <random>

namespace {

qs::Tensor weights(const qs::Shape& shape, unsigned seed, bool nonfinite)
{
    qs::Tensor x(shape);
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 0.02f);
    for (auto& v : x.values())
        v = n(rng);
    // An outlier channel (dim 0 index 3, or the last of fewer) and, optionally, NaN / Inf inputs.
    const std::int64_t row = x.size() / shape[0];
    x.data()[std::min<std::int64_t>(3, shape[0] - 1) * row + 1] = 0.9f;
    if (nonfinite) {
        x.data()[5] = std::numeric_limits<float>::quiet_NaN();
        x.data()[x.size() - 7] = std::numeric_limits<float>::infinity();
    }
    return x;
}

qs::QuantConfig schemeConfig(const QString& text)
{
    return qs::parseReportSchemes(text.toStdString()).front().config;
}

QString data(const char* relative)
{
    return QStringLiteral(QS_TEST_DATA_DIR "/") + QLatin1String(relative);
}

// A report of synthetic tensors: per tensor, options with the given (bits, noise).
qs::ModelReport syntheticReport(int tensors, int schemes, unsigned seed)
{
    qs::ModelReport r;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int s = 0; s < schemes; ++s)
        r.schemes.push_back({"s" + std::to_string(s), qs::QuantConfig{}});
    for (int t = 0; t < tensors; ++t) {
        qs::ReportTensor row;
        row.name = "t" + std::to_string(t);
        row.count = 1000 * (1 + t % 5);
        const double signal = 10 + 10 * u(rng);
        for (int s = 0; s < schemes; ++s) {
            qs::ReportSchemeResult x;
            x.ok = !(t == 2 && s == 1); // one scheme that does not apply
            const double bpv = 2 + 2 * s + u(rng);
            x.bits = bpv * double(row.count);
            x.noise = signal * std::pow(2.0, -2 * bpv) * (0.5 + u(rng));
            x.signal = signal;
            x.measured = row.count;
            x.bitsPerValue = bpv;
            x.sqnrDb = qs::sqnrFromSums(x.signal, x.noise);
            row.schemes.push_back(x);
        }
        r.tensors.push_back(row);
    }
    qs::finishReport(r);
    return r;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private slots:
    // The fused pass (slices of rows, no dequantized copy) gives the pipeline's
    // numbers for the whole tensor: SQNR and MSE to rounding, bits exactly.
    void schemeEqualsPipeline_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<qs::Shape>("shape");
        QTest::addColumn<bool>("nonfinite");
        QTest::addColumn<bool>("fused");
        const QList<QPair<QString, bool>> schemes = {{"int8 channel:0", true},
                                                     {"int4 block:32", true},
                                                     {"int4 block:32 scheme=asymmetric", true},
                                                     {"nf4", true},
                                                     {"q4_K", true},
                                                     {"q8_0", true},
                                                     {"mxfp4", true},
                                                     {"fp8-e4m3", true},
                                                     {"int8", false},
                                                     {"int4 channel:1", false},
                                                     {"kmeans:3", false},
                                                     {"int8 channel:0 outliers=0.5", false},
                                                     {"int4 block:32@0", false}};
        const QList<qs::Shape> shapes = {{300, 512}, {97, 4, 64}, {2, 256}, {40000, 8}};
        for (const auto& [scheme, fused] : schemes)
            for (const qs::Shape& shape : shapes)
                for (bool nonfinite : {false, true})
                    QTest::addRow("%s %s%s", qPrintable(scheme), qs::Tensor::shapeString(shape).c_str(),
                                  nonfinite ? " nan" : "")
                        << scheme << shape << nonfinite << fused;
    }
    void schemeEqualsPipeline()
    {
        QFETCH(QString, scheme);
        QFETCH(qs::Shape, shape);
        QFETCH(bool, nonfinite);
        QFETCH(bool, fused);
        const qs::Tensor x = weights(shape, 7, nonfinite);
        const qs::QuantConfig config = schemeConfig(scheme);
        const qs::ReportSchemeResult r = qs::measureScheme(x, config);
        qs::QuantResult whole;
        try {
            whole = qs::runQuantization(x, config);
        } catch (const qs::Error& e) {
            QVERIFY2(!r.ok, "the pipeline refused, the report did not");
            QCOMPARE(r.error, std::string(e.what()));
            return;
        }
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.fused, fused);
        QCOMPARE(r.measured, whole.metrics.count);
        QCOMPARE(r.bits, whole.storage.totalBits());
        QCOMPARE(r.bitsPerValue, whole.bitsPerValue);
        QVERIFY2(std::abs(r.sqnrDb - whole.metrics.sqnrDb) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.sqnrDb).arg(whole.metrics.sqnrDb)));
        QVERIFY(std::abs(r.mse - whole.metrics.mse) <= 1e-12 * whole.metrics.mse);
        QCOMPARE(r.warnings.empty(), whole.warnings.empty());
    }

    void tensorStatistics()
    {
        // Rows with absmax 1, 2, 3, 10: median (upper) 3, the largest 10 in channel 3.
        qs::Tensor x(qs::Shape{4, 3});
        const float v[] = {1, -0.5f, 0, 2, 1, -1, 0.5f, -3, 0, 10, 0, 0};
        std::copy(std::begin(v), std::end(v), x.data());
        const qs::ReportTensorStats s = qs::tensorStats(x);
        QCOMPARE(s.absmax, 10.0);
        QCOMPARE(s.outlierChannel, std::int64_t(3));
        QCOMPARE(s.outlierRatio, 10.0 / 3.0);
        double mean = 0;
        for (float a : v)
            mean += a;
        mean /= 12;
        double m2 = 0, m4 = 0;
        for (float a : v) {
            m2 += (a - mean) * (a - mean);
            m4 += std::pow(a - mean, 4);
        }
        QVERIFY(std::abs(s.mean - mean) < 1e-12);
        QVERIFY(std::abs(s.std - std::sqrt(m2 / 12)) < 1e-12);
        QVERIFY(std::abs(s.kurtosis - (12 * m4 / (m2 * m2) - 3)) < 1e-9);
        // Many chunks merged (Pébay) equal the direct two-pass moments.
        const qs::Tensor big = weights({2048, 1024}, 3, true);
        const qs::ReportTensorStats b = qs::tensorStats(big);
        double bm = 0, n = 0;
        for (float a : big.values())
            if (std::isfinite(a)) {
                bm += a;
                ++n;
            }
        bm /= n;
        double b2 = 0, b4 = 0;
        for (float a : big.values())
            if (std::isfinite(a)) {
                b2 += (a - bm) * (a - bm);
                b4 += std::pow(a - bm, 4);
            }
        QCOMPARE(b.finite, std::int64_t(n));
        QCOMPARE(b.nonfinite, std::int64_t(2));
        QVERIFY(std::abs(b.kurtosis - (n * b4 / (b2 * b2) - 3)) < 1e-6 * std::abs(b.kurtosis));
        QCOMPARE(b.outlierChannel, std::int64_t(3));
    }

    // Every container's fixture: each readable tensor is in the report, and the
    // totals are the sums of the rows.
    void containers_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f :
             {"models/shards/model.safetensors.index.json", "models/shards", "models/gguf/tiny.gguf",
              "models/torch/state_dict.pt", "models/torch/checkpoint.pth", "models/npz/arrays.npz",
              "models/npz/arrays_compressed.npz", "models/onnx/plain.onnx", "models/onnx/qdq.onnx",
              "models/onnx/external/model.onnx", "models/tfjs/model.json", "safetensors/shapes.safetensors",
              "safetensors/single.safetensors", "npy/f4_le_C.npy", "text/matrix.csv"})
            QTest::newRow(f) << data(f);
    }
    void containers()
    {
        QFETCH(QString, file);
        const auto schemes = qs::parseReportSchemes("int8 channel:0; int4 block:32; q8_0; nf4");
        std::vector<std::string> seen;
        const qs::ModelReport r = qs::runModelReport(file.toStdString(), schemes);
        const qs::FileListing listing = qs::listTensorHeaders(file.toStdString());
        std::size_t readable = 0;
        for (const auto& t : listing.tensors)
            readable += t.refusal.empty() ? 1 : 0;
        QCOMPARE(r.tensors.size(), readable);
        QCOMPARE(r.tensors.size() + r.skipped.size(), listing.tensors.size());
        QCOMPARE(r.ranking.size(), r.tensors.size());
        QVERIFY(!r.format.empty());
        for (std::size_t s = 0; s < schemes.size(); ++s) {
            qs::ReportTotal sum;
            for (const qs::ReportTensor& t : r.tensors) {
                QCOMPARE(t.schemes.size(), schemes.size());
                const qs::ReportSchemeResult& x = t.schemes[s];
                QVERIFY(x.ok || !x.error.empty());
                if (!x.ok)
                    continue;
                QVERIFY(x.bits > 0 || t.count == 0);
                ++sum.tensors;
                sum.values += t.count;
                sum.bits += x.bits;
                sum.noise += x.noise;
                sum.signal += x.signal;
                sum.measured += x.measured;
                sum.bytes += std::uint64_t(std::ceil(x.bits / 8));
            }
            const qs::ReportTotal& T = r.totals[s];
            QCOMPARE(T.tensors, sum.tensors);
            QCOMPARE(T.values, sum.values);
            QCOMPARE(T.bits, sum.bits);
            QCOMPARE(T.noise, sum.noise);
            QCOMPARE(T.signal, sum.signal);
            QCOMPARE(T.bytes, sum.bytes);
            if (T.measured > 0) {
                QCOMPARE(T.sqnrDb, qs::sqnrFromSums(sum.signal, sum.noise));
                QCOMPARE(T.bitsPerValue, sum.bits / double(sum.values));
            }
        }
    }

    void filterProgressCancel()
    {
        const std::string file = data("models/gguf/tiny.gguf").toStdString();
        const auto schemes = qs::parseReportSchemes("int8 channel:0; q8_0");
        qs::ReportOptions o;
        o.filter = "^blk\\.[0-9]+\\.ffn";
        std::vector<std::size_t> done;
        std::vector<double> fractions;
        o.tensorDone = [&](const qs::ReportTensor& t, std::size_t i) {
            QVERIFY(t.name.rfind("blk.", 0) == 0);
            done.push_back(i);
        };
        o.progress = [&](double f) {
            fractions.push_back(f);
            return true;
        };
        const qs::ModelReport r = qs::runModelReport(file, schemes, o);
        QCOMPARE(r.tensors.size(), std::size_t(3));
        QCOMPARE(done, (std::vector<std::size_t>{0, 1, 2}));
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
        // Cancel after the first tensor.
        o.tensorDone = {};
        int calls = 0;
        o.progress = [&](double f) { return ++calls < 4 || f < 0; };
        QVERIFY_THROWS_EXCEPTION(qs::Cancelled, qs::runModelReport(file, schemes, o));
        o.progress = {};
        o.filter = "nothing-matches-this";
        QVERIFY_THROWS_EXCEPTION(qs::ArgumentError, qs::runModelReport(file, schemes, o));
        o.filter = "([unclosed";
        QVERIFY_THROWS_EXCEPTION(qs::ArgumentError, qs::runModelReport(file, schemes, o));
    }

    // Under budget, monotone in the budget, exact never worse than greedy.
    void plannerMonotone_data()
    {
        QTest::addColumn<int>("tensors");
        QTest::addColumn<int>("schemes");
        QTest::addColumn<unsigned>("seed");
        QTest::newRow("3x3") << 3 << 3 << 1u;
        QTest::newRow("6x4") << 6 << 4 << 2u;
        QTest::newRow("8x3") << 8 << 3 << 3u;
        QTest::newRow("40x5") << 40 << 5 << 4u;
    }
    void plannerMonotone()
    {
        QFETCH(int, tensors);
        QFETCH(int, schemes);
        QFETCH(unsigned, seed);
        const qs::ModelReport r = syntheticReport(tensors, schemes, seed);
        for (double limit : {0.0, qs::kExactCombinations}) {
            double lastNoise = std::numeric_limits<double>::infinity();
            bool wasFeasible = false;
            for (int i = 0; i <= 120; ++i) {
                const double budget = 1.5 + i * 0.06;
                const qs::ReportPlan p = qs::planMixedPrecision(r, budget, limit);
                QVERIFY(!wasFeasible || p.feasible);
                if (!p.feasible)
                    continue;
                wasFeasible = true;
                QVERIFY2(p.bitsPerValue <= budget * (1 + 1e-12), qPrintable(QString::number(p.bitsPerValue)));
                QVERIFY2(p.noise <= lastNoise, qPrintable(QStringLiteral("budget %1").arg(budget)));
                lastNoise = p.noise;
                // Every tensor with an applicable scheme has one, never a refused one.
                for (int t = 0; t < tensors; ++t) {
                    QVERIFY(p.choice[std::size_t(t)] >= 0);
                    QVERIFY(r.tensors[std::size_t(t)].schemes[std::size_t(p.choice[std::size_t(t)])].ok);
                }
                if (limit > 0 && std::pow(schemes, tensors) <= limit) {
                    QVERIFY(p.exact);
                    const qs::ReportPlan g = qs::planMixedPrecision(r, budget, 0);
                    QVERIFY(!g.exact);
                    QVERIFY(p.noise <= g.noise);
                }
            }
            QVERIFY(wasFeasible);
        }
        const std::vector<qs::ReportPlan> f = qs::planFrontier(r, 30);
        QCOMPARE(f.size(), std::size_t(30));
        for (std::size_t i = 1; i < f.size(); ++i) {
            QVERIFY(f[i].feasible);
            QVERIFY(f[i].sqnrDb >= f[i - 1].sqnrDb);
        }
    }

    void llamaQuantizeLines()
    {
        qs::ModelReport r;
        r.schemes = qs::parseReportSchemes("q4_K; int8 channel:0");
        for (const char* n : {"blk.0.attn_q.weight", "blk.1.ffn_down.weight"}) {
            qs::ReportTensor t;
            t.name = n;
            t.count = 256;
            r.tensors.push_back(t);
        }
        qs::ReportPlan p;
        p.choice = {0, 1};
        const auto lines = qs::llamaQuantizeLines(r, p);
        QCOMPARE(lines.size(), std::size_t(2));
        QCOMPARE(lines[0], std::string("--tensor-type '^blk\\.0\\.attn_q\\.weight$=q4_K'"));
        QCOMPARE(lines[1], std::string("# blk.1.ffn_down.weight: int8 channel:0 has no llama.cpp type"));
    }

    void badSchemes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << " ; "
                               << "no scheme given";
        QTest::newRow("unknown quantizer") << "int8; banana"
                                           << "banana";
        QTest::newRow("unknown word") << "int8 sideways"
                                      << "'sideways' is neither";
        QTest::newRow("twice") << "nf4; nf4"
                               << "given twice";
        QTest::newRow("bad value") << "int8 scheme=bogus"
                                   << "bogus";
        QTest::newRow("flag with value") << "q4_K pad-blocks=1"
                                         << "takes no value";
        QTest::newRow("bad granularity") << "int8 block:0"
                                         << "block";
    }
    void badSchemes()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            qs::parseReportSchemes(text.toStdString());
            QFAIL("accepted");
        } catch (const qs::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void jsonAndCsvShape()
    {
        const qs::ModelReport r = syntheticReport(4, 2, 9);
        const qs::ReportPlan p = qs::planMixedPrecision(r, 4);
        const QJsonObject o = qs::reportToJson(r, &p);
        for (const char* k : {"tensors", "totals", "plan", "ranking", "schemes"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        const QJsonObject t0 = o["tensors"].toArray().at(0).toObject();
        for (const char* k : {"name", "shape", "dtype", "count", "stats", "schemes"})
            QVERIFY2(t0.contains(QLatin1String(k)), k);
        for (const char* k : {"absmax", "std", "kurtosis", "outlier_ratio", "outlier_channel"})
            QVERIFY2(t0["stats"].toObject().contains(QLatin1String(k)), k);
        for (const char* k : {"sqnr_db", "mse", "bits_per_value"})
            QVERIFY2(t0["schemes"].toObject()["s0"].toObject().contains(QLatin1String(k)), k);
        for (const char* k : {"sqnr_db", "bits_per_value", "bytes"})
            QVERIFY2(o["totals"].toObject()["s1"].toObject().contains(QLatin1String(k)), k);
        const std::string csv = qs::reportToCsv(r);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(1 + 4 * 2));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
