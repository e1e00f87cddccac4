// quantscope-cli quantize end to end (QProcess on QS_CLI_PATH): the JSON keys
// of docs/quantization.md "Result JSON" with the worked examples of docs/course.md, output files, and the exit
// status 2 + one stderr line for bad input.
#include "common/testutil.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

using qs::test::Run;

Run cli(const QStringList& args)
{
    return qs::test::runCli(QStringList{"quantize"} + args);
}

QJsonObject json(const QStringList& args)
{
    const Run r = cli(args + QStringList{"--json"});
    if (r.status != 0)
        qWarning() << r.err;
    return QJsonDocument::fromJson(r.out).object();
}

QList<int> ints(const QJsonValue& v)
{
    QList<int> out;
    for (const auto& e : v.toArray())
        out.append(e.toInt());
    return out;
}

} // namespace

class TestQuantizeCli : public QObject
{
    Q_OBJECT
private slots:
    void workedExamples_data();
    void workedExamples();
    void jsonKeys();
    void calibrationCurves_data();
    void calibrationCurves();
    void nonfinite();
    void outputFiles();
    void textOutput();
    void blocksAlongRows_data();
    void blocksAlongRows();
    void mxScaleRule();
    void storageFlags_data();
    void storageFlags();
    void badInput_data();
    void badInput();
};

void TestQuantizeCli::workedExamples_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QList<int>>("codes");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("zeroPoint");
    const QString seed = "-2.5,-1,0,1,3.5";
    QTest::newRow("uint8 asymmetric half away")
        << QStringList{"--values", seed, "--quantizer", "uint8", "--scheme", "asymmetric", "--rounding", "nearest-away"}
        << QList<int>{0, 63, 106, 149, 255} << double(float(6.0 / 255)) << 106.0;
    QTest::newRow("uint8 asymmetric half even")
        << QStringList{"--values", seed, "--quantizer", "uint8", "--scheme", "asymmetric"}
        << QList<int>{0, 64, 106, 148, 255} << double(float(6.0 / 255)) << 106.0;
    QTest::newRow("int8 symmetric") << QStringList{"--values", "-2.5 -1 0 1 3.5"} << QList<int>{-91, -36, 0, 36, 127}
                                    << double(float(3.5 / 127)) << 0.0;
    QTest::newRow("pytorch qint8 127.5") << QStringList{"--values", seed, "--convention", "pytorch"}
                                         << QList<int>{-91, -36, 0, 36, 127} << double(3.5f / 127.5f) << 0.0;
    QTest::newRow("codebook toy") << QStringList{"--values", "3,1,2,3", "--quantizer", "codebook:0,2,4"}
                                  << QList<int>{2, 1, 1, 2} << 0.75 << 0.0;
    QTest::newRow("mxfp4 block") << QStringList{"--values", "100,20,2.9,0.5,-37,7,0.1", "--quantizer", "mxfp4"}
                                 << QList<int>{7, 2, 0, 0, 12, 1, 0} << 16.0 << 0.0;
    // Full int8 range: -4 clamps to -128 (not -127); narrow range would stop at -127.
    QTest::newRow("manual clip") << QStringList{"--values", "-4,-1,0,1,3.5", "--calibration", "manual:-1,1"}
                                 << QList<int>{-128, -127, 0, 127, 127} << double(float(1.0 / 127)) << 0.0;
}

void TestQuantizeCli::workedExamples()
{
    QFETCH(QStringList, args);
    QFETCH(QList<int>, codes);
    QFETCH(double, scale);
    QFETCH(double, zeroPoint);
    const QJsonObject o = json(args + QStringList{"--emit-values"});
    QCOMPARE(ints(o["codes"]), codes);
    QCOMPARE(o["n"].toInt(), codes.size());
    const QJsonObject p = o["params"].toArray().at(0).toObject();
    QCOMPARE(p["scale"].toDouble(), scale);
    QCOMPARE(p["zero_point"].toDouble(), zeroPoint);
    QCOMPARE(o["dequantized"].toArray().size(), codes.size());
}

void TestQuantizeCli::jsonKeys()
{
    const QJsonObject o = json({"--generate", "normal,n=4096,seed=3", "--shape", "64x64", "--granularity", "channel:0",
                                "--quantizer", "int4", "--scheme", "asymmetric"});
    QCOMPARE(o["n"].toInt(), 4096);
    QCOMPARE(o["groups"].toInt(), 64);
    QCOMPARE(o["params"].toArray().size(), 64);
    for (const char* k : {"scale", "zero_point", "clip_min", "clip_max"})
        QVERIFY2(o["params"].toArray().at(5).toObject().contains(k), k);
    const QJsonObject m = o["metrics"].toObject();
    for (const char* k : {"mse", "rmse", "sqnr_db", "max_abs_error", "mean_abs_error", "clipped_fraction",
                          "kl_divergence", "bits_per_value"})
        QVERIFY2(m.contains(k), k);
    // 4 bits + (fp32 scale + zero point) per row of 64; the zero points lie in
    // int4's code range [-8, 7] and are stored as 4-bit integers.
    QCOMPARE(m["bits_per_value"].toDouble(), 4 + (32.0 + 4) / 64);
    const QJsonObject st = o["storage"].toObject();
    QCOMPARE(st["zero_point_bits"].toInt(), 4);
    QCOMPARE(st["bits"].toObject()["total"].toDouble(), 4096 * 4 + 64 * (32.0 + 4));
    QVERIFY(o["warnings"].isArray() && o["warnings"].toArray().isEmpty());
    QCOMPARE(m["rmse"].toDouble(), std::sqrt(m["mse"].toDouble()));
    QVERIFY(m["sqnr_db"].toDouble() > 15 && m["sqnr_db"].toDouble() < 30); // ~6 dB per bit
    const QJsonObject c = o["calibration"].toObject();
    QCOMPARE(c["method"].toString(), QString("minmax"));
    QVERIFY(c.contains("clip_min") && c.contains("clip_max"));
    QCOMPARE(o["nonfinite"].toObject()["count"].toInt(), 0);
    QVERIFY(!o.contains("codes")); // only with --emit-values
    QCOMPARE(o["config"].toObject()["quantizer"].toString(), QString("int4"));
}

void TestQuantizeCli::calibrationCurves_data()
{
    QTest::addColumn<QString>("calibration");
    QTest::addColumn<bool>("curve");
    QTest::newRow("entropy") << "entropy" << true;
    QTest::newRow("mse") << "mse" << true;
    QTest::newRow("percentile") << "percentile:99.9" << false;
}

void TestQuantizeCli::calibrationCurves()
{
    QFETCH(QString, calibration);
    QFETCH(bool, curve);
    const QStringList base{"--generate", "laplace,n=20000,seed=5", "--quantizer", "int4"};
    const QJsonObject o = json(base + QStringList{"--calibration", calibration});
    const QJsonObject c = o["calibration"].toObject();
    QCOMPARE(c["spec"].toString().section(':', 0, 0), calibration.section(':', 0, 0));
    if (curve) {
        QVERIFY(c["curve"].toObject()["x"].toArray().size() > 10);
        QCOMPARE(c["curve"].toObject()["x"].toArray().size(), c["curve"].toObject()["y"].toArray().size());
    }
    // Clipping a heavy-tailed tensor at 4 bits beats min-max for the MSE-optimal clip.
    if (calibration == "mse") {
        const QJsonObject minmax = json(base);
        QVERIFY(o["metrics"].toObject()["mse"].toDouble() <= minmax["metrics"].toObject()["mse"].toDouble());
    }
}

void TestQuantizeCli::nonfinite()
{
    const QJsonObject o = json({"--values", "1,nan,-2,inf", "--emit-values"});
    QCOMPARE(o["nonfinite"].toObject()["count"].toInt(), 2);
    QVERIFY(o["nonfinite"].toObject()["policy"].toString().contains("passthrough"));
    QCOMPARE(o["dequantized"].toArray().at(1).toString(), QString("nan"));
    QCOMPARE(o["dequantized"].toArray().at(3).toString(), QString("inf"));
    QCOMPARE(ints(o["codes"]), (QList<int>{64, 0, -127, 0})); // absmax 2 from the finite values
}

void TestQuantizeCli::outputFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString npy = dir.filePath("deq.npy"), codes = dir.filePath("codes.npy"), st = dir.filePath("q.safetensors"),
                  csv = dir.filePath("deq.csv");
    const Run r = cli({"--values", "-2.5,-1,0,1,3.5", "--out", npy, "--out", st, "--out", csv, "--codes-out", codes});
    QCOMPARE(r.status, 0);
    for (const QString& f : {npy, codes, st, csv})
        QVERIFY2(QFileInfo(f).size() > 0, qPrintable(f));
    QFile n(codes);
    QVERIFY(n.open(QIODevice::ReadOnly));
    const QByteArray head = n.read(128);
    QVERIFY(head.startsWith("\x93NUMPY"));
    QVERIFY(head.contains("'<i1'") || head.contains("'|i1'")); // int8 codes in the narrowest dtype
    QFile s(st);
    QVERIFY(s.open(QIODevice::ReadOnly));
    const QByteArray all = s.readAll();
    QVERIFY(all.contains("tensor.qweight") && all.contains("tensor.scales") && all.contains("quantscope.config"));
}

void TestQuantizeCli::textOutput()
{
    const Run r = cli({"--values", "3,1,2,3", "--quantizer", "codebook:0,2,4", "--emit-values"});
    QCOMPARE(r.status, 0);
    QVERIFY(r.out.contains("scale 0.75"));
    QVERIFY(r.out.contains("dequantized   3 1.5 1.5 3"));
}

void TestQuantizeCli::blocksAlongRows_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QList<int>>("groupShape");
    QTest::addColumn<double>("bits");
    QTest::addColumn<int>("warnings");
    QTest::addColumn<QString>("direction");
    const QStringList conv{"--generate", "normal,n=18432,seed=4", "--shape", "32x64x3x3"};
    // The conv weight: rows of 64*3*3 = 576, 18 blocks of 32 each; d is fp16.
    QTest::newRow("q4_0 conv") << conv + QStringList{"--quantizer", "q4_0"} << QList<int>{32, 18} << 4.5 << 0
                               << "rows of 576 (2-D view [32, 576])";
    QTest::newRow("int4 conv") << conv + QStringList{"--quantizer", "int4", "--granularity", "block:32"}
                               << QList<int>{32, 18} << 4 + 32.0 / 32 << 0 << "rows of 576 (2-D view [32, 576])";
    // Blocks along the last axis (3 values) as asked: a full fp32 scale per 3 values, and a warning.
    QTest::newRow("int4 conv @3") << conv + QStringList{"--quantizer", "int4", "--granularity", "block:32@3"}
                                  << QList<int>{32, 64, 3, 1} << 4 + 32.0 / 3 << 1 << "axis 3";
    // Padded: 4 rows of 40 stored as 4 rows of 64, each block 32 4-bit codes + an fp16 d.
    QTest::newRow("q4_0 padded") << QStringList{"--generate",  "normal,n=160", "--shape",     "4x40",
                                                "--quantizer", "q4_0",         "--pad-blocks"}
                                 << QList<int>{4, 2} << 8 * (32 * 4 + 16) / 160.0 << 1
                                 << "rows of 40 (2-D view [4, 40])";
}

void TestQuantizeCli::blocksAlongRows()
{
    QFETCH(QStringList, args);
    QFETCH(QList<int>, groupShape);
    QFETCH(double, bits);
    QFETCH(int, warnings);
    QFETCH(QString, direction);
    const QJsonObject o = json(args);
    QCOMPARE(ints(o["group_shape"]), groupShape);
    QVERIFY2(std::fabs(o["metrics"].toObject()["bits_per_value"].toDouble() - bits) < 1e-12,
             qPrintable(QString::number(o["metrics"].toObject()["bits_per_value"].toDouble(), 'g', 17)));
    QCOMPARE(o["warnings"].toArray().size(), warnings);
    QCOMPARE(o["block_direction"].toString(), direction);
    // The text output shows the same warnings.
    const Run text = cli(args);
    QCOMPARE(text.status, 0);
    QCOMPARE(int(text.out.count("\nwarning  ")), warnings);
    QVERIFY(text.out.contains(("blocks along  " + direction).toUtf8()));
}

// --mx-scale: the rule is used and every rule's clipped fraction is reported (ceil never clips).
void TestQuantizeCli::mxScaleRule()
{
    const QJsonObject o = json({"--generate", "normal,n=4096,seed=2", "--quantizer", "mxfp4", "--mx-scale", "ceil"});
    QCOMPARE(o["config"].toObject()["mx_scale"].toString(), QString("ceil"));
    const QJsonObject byRule = o["mx"].toObject()["clipped_fraction_by_rule"].toObject();
    for (const char* rule : {"floor", "ceil", "even", "rceil"})
        QVERIFY2(byRule.contains(rule), rule);
    QCOMPARE(byRule["ceil"].toDouble(), 0.0);
    QVERIFY(byRule["floor"].toDouble() > 0); // OCP's floor rule clips the top of some blocks
    QCOMPARE(o["metrics"].toObject()["clipped_fraction"].toDouble(), 0.0);
}

void TestQuantizeCli::storageFlags_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<double>("bits");
    QTest::addColumn<QString>("scaleFormat");
    const QStringList x{"--generate", "normal,n=65536,seed=5", "--shape", "256x256"};
    // int4 blocks of 32 with fp16 scales: 4 + 16/32.
    QTest::newRow("int4 fp16 scales") << x + QStringList{"--quantizer", "int4",           "--granularity",
                                                         "block:32",    "--scale-format", "fp16"}
                                      << 4.5 << "fp16";
    QTest::newRow("int4 e8m0 scales") << x + QStringList{"--quantizer", "int4",           "--granularity",
                                                         "block:32",    "--scale-format", "e8m0"}
                                      << 4.25 << "e8m0";
    // NF4 double quantization: 1024 8-bit absmax codes, 4 fp32 second-level absmax, 1 fp32 offset.
    QTest::newRow("nf4 double quant") << x + QStringList{"--quantizer", "nf4", "--double-quant"}
                                      << (65536.0 * 4 + 1024 * 8 + 5 * 32) / 65536 << "u8";
    // Per-tensor int8 over {1, 2, 30, 4}: 30 is kept as an fp32 value with an int32 index.
    QTest::newRow("outliers") << QStringList{"--values", "1,2,30,4", "--quantizer", "int8", "--outliers", "6"}
                              << (4.0 * 8 + 32 + 64) / 4 << "fp32";
}

void TestQuantizeCli::storageFlags()
{
    QFETCH(QStringList, args);
    QFETCH(double, bits);
    QFETCH(QString, scaleFormat);
    const QJsonObject o = json(args);
    QVERIFY2(std::fabs(o["metrics"].toObject()["bits_per_value"].toDouble() - bits) < 1e-12,
             qPrintable(QString::number(o["metrics"].toObject()["bits_per_value"].toDouble(), 'g', 17)));
    QCOMPARE(o["storage"].toObject()["scale_format"].toString(), scaleFormat);
}

void TestQuantizeCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("needle");
    QTest::newRow("bits") << QStringList{"--values", "1", "--quantizer", "int99"} << "bits";
    QTest::newRow("quantizer") << QStringList{"--values", "1", "--quantizer", "fp7"} << "fp7";
    QTest::newRow("block 0") << QStringList{"--values", "1", "--granularity", "block:0"} << "block";
    QTest::newRow("unknown option") << QStringList{"--values", "1", "--frobnicate"} << "frobnicate";
    QTest::newRow("value") << QStringList{"--values", "1,x"} << "'x'";
    QTest::newRow("two sources") << QStringList{"--values", "1", "--generate", "normal,n=4"} << "exactly one";
    QTest::newRow("no source") << QStringList{} << "exactly one";
    QTest::newRow("scheme") << QStringList{"--values", "1", "--scheme", "sideways"} << "sideways";
    QTest::newRow("manual range") << QStringList{"--values", "1", "--calibration", "manual:3,1"} << "manual";
    QTest::newRow("axis") << QStringList{"--values", "1,2", "--granularity", "channel:4"} << "axis";
    QTest::newRow("nvidia asym") << QStringList{"--values", "1", "--convention", "nvidia", "--scheme", "asymmetric"}
                                 << "nvidia";
    QTest::newRow("shape") << QStringList{"--values", "1,2,3", "--shape", "2x2"} << "shape";
    QTest::newRow("out extension") << QStringList{"--values", "1", "--out", "/tmp/x.bin"} << ".npy";
    QTest::newRow("outlier threshold") << QStringList{"--values", "1", "--outliers", "-3"} << "threshold";
    // llama.cpp refuses rows that are not whole blocks: the row length and the block are named.
    QTest::newRow("q4_0 partial row") << QStringList{"--generate", "normal,n=160", "--shape",
                                                     "4x40",       "--quantizer",  "q4_0"}
                                      << "a row of 40 values is not";
    QTest::newRow("q8_0 conv row") << QStringList{"--generate", "normal,n=216", "--shape",
                                                  "8x3x3x3",    "--quantizer",  "q8_0"}
                                   << "blocks of 32";
    QTest::newRow("block axis") << QStringList{"--values", "1,2", "--granularity", "block:2@3"} << "block axis";
    QTest::newRow("scale format") << QStringList{"--values", "1,2", "--scale-format", "fp12"} << "fp12";
    QTest::newRow("mx scale rule") << QStringList{"--values", "1,2", "--quantizer", "mxfp4", "--mx-scale", "up"}
                                   << "'up'";
    QTest::newRow("pad non-ggml") << QStringList{"--values", "1,2", "--granularity", "block:2", "--pad-blocks"}
                                  << "pad-blocks";
}

void TestQuantizeCli::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, needle);
    const Run r = cli(args);
    QCOMPARE(r.status, 2);
    QVERIFY(r.out.isEmpty());
    const QByteArray err = r.err.trimmed();
    QCOMPARE(err.count('\n'), 0); // one line
    QVERIFY2(err.contains(needle.toUtf8()), err.constData());
}

QTEST_GUILESS_MAIN(TestQuantizeCli)
#include "tst_quantizecli.moc"
