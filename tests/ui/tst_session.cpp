// The explorer's document: every edit is undoable (drags merge into one step),
// sessions round-trip through .qscope files to identical results, and the
// Engine delivers the latest request only. Results are checked against
// runQuantization on the same tensor and config.
#include "io/tensorsource.h"
#include "io/writers.h"
#include "quant/pipeline.h"
#include "session/commands.h"
#include "session/engine.h"
#include "session/filestamp.h"
#include "session/session.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cstring>

using namespace qs;

namespace {

QByteArray configJson(const QuantConfig& c)
{
    return QJsonDocument(c.toJson()).toJson(QJsonDocument::Compact);
}

bool sameValues(const Tensor& a, const Tensor& b)
{
    return a.shape() == b.shape() && std::memcmp(a.data(), b.data(), std::size_t(a.size()) * 4) == 0;
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsOnTheExample()
    {
        Session s;
        QCOMPARE(s.tensor().size(), 100000);
        QCOMPARE(s.config().quantizerSpec(), std::string("int8"));
        QVERIFY(s.config().scheme == QuantScheme::Symmetric);
        QVERIFY(s.config().calibration.method == CalibrationMethod::MinMax);
        // The example shows the outlier problem: min-max clips at the outliers, 40σ out.
        const QuantResult r = runQuantization(s.tensor(), s.config());
        QVERIFY(r.calibration.clipMax > 0.5);
        QVERIFY(r.groups[0].scale > 0.004);
    }

    void undoRedoRoundTrip_data()
    {
        QTest::addColumn<QString>("quantizer");
        QTest::addColumn<QString>("calibration");
        QTest::addColumn<QString>("granularity");
        QTest::newRow("int4 percentile") << "int4"
                                         << "percentile:99.9"
                                         << "tensor";
        QTest::newRow("fp8 entropy") << "fp8-e4m3"
                                     << "entropy"
                                     << "tensor";
        QTest::newRow("nf4") << "nf4"
                             << "minmax"
                             << "block:64";
        QTest::newRow("uint8 manual") << "uint8"
                                      << "manual:-0.1,0.2"
                                      << "block:128";
    }
    void undoRedoRoundTrip()
    {
        QFETCH(QString, quantizer);
        QFETCH(QString, calibration);
        QFETCH(QString, granularity);
        Session s;
        const QByteArray before = configJson(s.config());
        QuantConfig c = s.config();
        c.setQuantizer(quantizer.toStdString());
        c.calibration = CalibrationSpec::parse(calibration.toStdString());
        c.granularity = Granularity::parse(granularity.toStdString());
        if (!c.isSigned)
            c.range = QuantRange::Full; // narrow range is for signed grids
        QSignalSpy changed(&s, &Session::configChanged);
        QVERIFY(s.setConfig(c, QStringLiteral("edit")));
        QCOMPARE(changed.count(), 1);
        const QByteArray after = configJson(s.config());
        QVERIFY(after != before);
        s.undoStack()->undo();
        QCOMPARE(configJson(s.config()), before);
        s.undoStack()->redo();
        QCOMPARE(configJson(s.config()), after);
        QCOMPARE(changed.count(), 3);
    }

    void invalidConfigIsRejected()
    {
        Session s;
        QuantConfig c = s.config();
        c.bits = 40;
        QString error;
        QVERIFY(!s.setConfig(c, QStringLiteral("bad"), -1, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(s.config().bits, 8);
        QCOMPARE(s.undoStack()->count(), 0);
    }

    void dragsMergeIntoOneStep()
    {
        Session s;
        for (int i = 1; i <= 10; ++i) {
            QuantConfig c = s.config();
            c.calibration.method = CalibrationMethod::Manual;
            c.calibration.manualMin = -0.01 * i;
            c.calibration.manualMax = 0.01 * i;
            s.setConfig(c, QStringLiteral("drag"), MergeClipDrag);
        }
        QCOMPARE(s.undoStack()->count(), 1);
        s.closeMergeGroup(); // mouse released: the next drag is a new step
        QuantConfig c = s.config();
        c.calibration.manualMax = 0.5;
        s.setConfig(c, QStringLiteral("drag"), MergeClipDrag);
        QCOMPARE(s.undoStack()->count(), 2);
        s.undoStack()->undo();
        QCOMPARE(s.config().calibration.manualMax, 0.1);
        s.undoStack()->undo();
        QVERIFY(s.config().calibration.method == CalibrationMethod::MinMax);
    }

    void dataAndViewAreUndoable()
    {
        Session s;
        const Tensor original = s.tensor();
        DataSource d;
        d.kind = DataSource::Kind::Pasted;
        d.pasted = QStringLiteral("-2.5, -1.0, 0.0, 1.0, 3.5");
        QSignalSpy dataChanged(&s, &Session::dataChanged);
        QVERIFY(s.setDataSource(d, QStringLiteral("paste")));
        QCOMPARE(s.tensor().size(), 5);
        ViewState v = s.view();
        v.logY = !v.logY;
        s.setView(v, QStringLiteral("log"));
        s.undoStack()->undo();
        QCOMPARE(s.view().logY, !v.logY);
        s.undoStack()->undo();
        QVERIFY(sameValues(s.tensor(), original));
        QCOMPARE(dataChanged.count(), 2);
        // The slide example: absmax int8 of [-2.5, -1, 0, 1, 3.5] is [-91, -36, 0, 36, 127].
        s.undoStack()->redo();
        QuantConfig c = s.config();
        c.rounding = Rounding::parse("nearest-away");
        s.setConfig(c, QStringLiteral("rounding"));
        QuantOptions o;
        const QuantResult r = runQuantization(s.tensor(), s.config(), o);
        QCOMPARE(r.codes, (std::vector<std::int32_t>{-91, -36, 0, 36, 127}));
    }

    void resetExampleIsOneStep()
    {
        Session s;
        QuantConfig c = s.config();
        c.setQuantizer("int4");
        s.setConfig(c, QStringLiteral("bits"));
        s.resetExample();
        QCOMPARE(configJson(s.config()), configJson(Session::defaultConfig()));
        s.undoStack()->undo();
        QCOMPARE(s.config().bits, 4);
    }

    void savedSessionReproducesResults_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("quantizer");
        QTest::newRow("generator int4") << int(DataSource::Kind::Generator) << "int4";
        QTest::newRow("pasted fp8") << int(DataSource::Kind::Pasted) << "fp8-e4m3";
        QTest::newRow("file mxfp4") << int(DataSource::Kind::File) << "mxfp4";
    }
    void savedSessionReproducesResults()
    {
        QFETCH(int, kind);
        QFETCH(QString, quantizer);
        QTemporaryDir dir;
        Session s;
        DataSource d;
        d.kind = DataSource::Kind(kind);
        d.generator = QStringLiteral("laplace,n=5000,seed=3,std=0.5");
        d.pasted = QStringLiteral("0.1 -0.7 2.25 3 -1e-3 0.5 0.25 -4");
        if (d.kind == DataSource::Kind::File) {
            d.file = dir.filePath(QStringLiteral("w.npy"));
            writeNpy(d.file.toStdString(), generateTensor("normal,n=640,seed=9").reshaped({10, 64}));
        }
        QVERIFY(s.setDataSource(d, QStringLiteral("data")));
        QuantConfig c = s.config();
        c.setQuantizer(quantizer.toStdString());
        c.calibration = CalibrationSpec::parse("percentile:99.5");
        c.histogramBins = 77;
        QVERIFY(s.setConfig(c, QStringLiteral("q")));
        ViewState v;
        v.plot = QStringLiteral("transfer");
        v.logY = false;
        v.channel = 3;
        s.setView(v, QStringLiteral("view"));
        const QString path = dir.filePath(QStringLiteral("a.qscope"));
        QString error;
        QVERIFY2(s.save(path, &error), qPrintable(error));

        if (d.kind == DataSource::Kind::File)
            QFile::remove(d.file); // small files are embedded: the session still opens
        Session t;
        QVERIFY2(t.open(path, &error), qPrintable(error));
        QCOMPARE(configJson(t.config()), configJson(s.config()));
        QVERIFY(t.view() == s.view());
        QVERIFY(sameValues(t.tensor(), s.tensor()));
        const QuantResult a = runQuantization(s.tensor(), s.config());
        const QuantResult b = runQuantization(t.tensor(), t.config());
        QVERIFY(sameValues(a.dequantized, b.dequantized));
        QCOMPARE(a.metrics.mse, b.metrics.mse);
        QCOMPARE(a.histOriginal.counts, b.histOriginal.counts);
        QCOMPARE(t.undoStack()->count(), 0);
    }

    // The autosave record's file stamp: a size that is not a whole byte count in
    // 0..2^53 makes no stamp (it was cast to an integer unchecked: 1.5 became 1).
    void fileStampFromJson_data()
    {
        QTest::addColumn<QJsonValue>("size");
        QTest::addColumn<qint64>("expected"); // -1: no stamp
        QTest::newRow("whole") << QJsonValue(12) << qint64(12);
        QTest::newRow("zero") << QJsonValue(0) << qint64(0);
        QTest::newRow("2^53") << QJsonValue(0x1p53) << (qint64(1) << 53);
        QTest::newRow("fraction") << QJsonValue(1.5) << qint64(-1);
        QTest::newRow("negative") << QJsonValue(-3) << qint64(-1);
        QTest::newRow("huge") << QJsonValue(1e300) << qint64(-1);
        QTest::newRow("beyond int64") << QJsonValue(1e19) << qint64(-1);
        QTest::newRow("string") << QJsonValue("12") << qint64(-1);
    }
    void fileStampFromJson()
    {
        QFETCH(QJsonValue, size);
        QFETCH(qint64, expected);
        const FileStamp valid = FileStamp::of(QDateTime::currentDateTimeUtc(), "abc");
        QJsonObject o = valid.toJson();
        o["size"] = size;
        const FileStamp s = FileStamp::fromJson(o);
        QCOMPARE(s.size, expected);
        QCOMPARE(s.isValid(), expected >= 0);
    }

    void badSessionLeavesDocumentUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.qscope"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"quantscope_session": 1, "data": {"kind": "generator", "generator": "nonsense"}, "config": {}})");
        f.close();
        Session s;
        const QByteArray before = configJson(s.config());
        QString error;
        QVERIFY(!s.open(path, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(configJson(s.config()), before);
        QCOMPARE(s.tensor().size(), 100000);
    }

    void engineDeliversLatestOnly()
    {
        Engine e;
        QSignalSpy spy(&e, &Engine::finished);
        const Tensor x = generateTensor("normal,n=200000,seed=1");
        QuantConfig last;
        for (int b = 2; b <= 8; ++b) {
            QuantConfig c;
            c.setQuantizer("int" + std::to_string(b));
            c.calibration = CalibrationSpec::parse("entropy");
            e.submitQuantization(x, c);
            last = c;
        }
        QVERIFY(e.waitForIdle(120000));
        QVERIFY(spy.count() >= 1);
        const auto out = spy.last().at(0).value<std::shared_ptr<const EngineOutput>>();
        QCOMPARE(out->serial, e.latestSerial());
        QCOMPARE(out->results.size(), std::size_t(1));
        QuantOptions o;
        o.codes = false;
        const QuantResult ref = runQuantization(x, last, o);
        QCOMPARE(out->results[0]->metrics.mse, ref.metrics.mse);
        QCOMPARE(out->results[0]->config.bits, 8);
        // Every delivered output is for a newest-at-the-time job: never an older one after a newer.
        quint64 prev = 0;
        for (const auto& args : spy) {
            const auto o = args.at(0).value<std::shared_ptr<const EngineOutput>>();
            QVERIFY(o->serial > prev);
            prev = o->serial;
        }
    }

    void engineReportsConfigErrors()
    {
        Engine e;
        QSignalSpy spy(&e, &Engine::finished);
        QuantConfig c;
        c.setQuantizer("int8");
        c.granularity = Granularity::parse("channel:5"); // beyond a 1-d tensor's rank
        e.submitQuantization(Tensor::fromVector({1, 2, 3}), c);
        QVERIFY(e.waitForIdle());
        QCOMPARE(spy.count(), 1);
        QVERIFY(!spy.last().at(0).value<std::shared_ptr<const EngineOutput>>()->error.isEmpty());
    }
    // Data loads on the session's worker (the Data dock, drops, File > Open).
    void asyncLoadIsOneUndoStepAndKeepsEditsMadeMeanwhile()
    {
        Session s;
        const Tensor original = s.tensor();
        const int undoBefore = s.undoStack()->count();
        QSignalSpy started(&s, &Session::loadStarted);
        QSignalSpy progress(&s, &Session::loadProgress);
        QSignalSpy finished(&s, &Session::loadFinished);
        QSignalSpy dataChanged(&s, &Session::dataChanged);
        DataSource big;
        big.generator = QStringLiteral("normal,n=16777216,seed=4");
        s.requestDataSource(big, QStringLiteral("big"));
        QCOMPARE(started.count(), 1);
        QVERIFY(s.isLoading());
        QVERIFY(sameValues(s.tensor(), original)); // the old data stays until the new is ready
        // An edit while the data loads is kept, and undo steps stay in order.
        QuantConfig c = s.config();
        c.setQuantizer("int5");
        QVERIFY(s.setConfig(c, QStringLiteral("bits")));
        QVERIFY(s.waitForLoad(120000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(s.tensor().size(), std::int64_t(1) << 24);
        QVERIFY(sameValues(s.tensor(), generateTensor("normal,n=16777216,seed=4")));
        QCOMPARE(s.config().bits, 5);
        QCOMPARE(s.dataSource().generator, big.generator);
        QCOMPARE(s.undoStack()->count(), undoBefore + 2);
        // 2^24 normals take well over the 50 ms between two reports.
        QVERIFY(progress.count() >= 1);
        double last = 0;
        for (const auto& args : progress) {
            const double f = args.at(0).toDouble();
            QVERIFY(f >= last && f <= 1.0);
            last = f;
        }
        s.undoStack()->undo();
        QVERIFY(sameValues(s.tensor(), original));
        QCOMPARE(s.config().bits, 5);
        s.undoStack()->undo();
        QCOMPARE(s.config().bits, 8);
    }

    void newerLoadSupersedesAndCancelChangesNothing()
    {
        Session s;
        const Tensor original = s.tensor();
        const QByteArray config = configJson(s.config());
        const int undoBefore = s.undoStack()->count();
        QSignalSpy finished(&s, &Session::loadFinished);
        QSignalSpy cancelled(&s, &Session::loadCancelled);
        QSignalSpy dataChanged(&s, &Session::dataChanged);

        DataSource big;
        big.generator = QStringLiteral("laplace,n=16777216,seed=1");
        s.requestDataSource(big, QStringLiteral("big"));
        s.cancelLoad();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!s.isLoading());
        QVERIFY(sameValues(s.tensor(), original));

        // The worker is single-threaded: the cancelled job's late result, if
        // any, arrives before this one's and must be dropped.
        s.requestDataSource(big, QStringLiteral("big again"));
        DataSource small;
        small.kind = DataSource::Kind::Pasted;
        small.pasted = QStringLiteral("3 1 2 3");
        s.requestDataSource(small, QStringLiteral("small"));
        QVERIFY(s.waitForLoad(120000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(s.tensor().size(), 4);
        QCOMPARE(s.undoStack()->count(), undoBefore + 1);
        QCOMPARE(configJson(s.config()), config);
        QCOMPARE(cancelled.count(), 1); // a superseded load is not reported as cancelled
        QTest::qWait(50);
        QCOMPARE(s.tensor().size(), 4);
    }

    void failedLoadSaysWhyAndChangesNothing()
    {
        QTemporaryDir dir;
        Session s;
        const Tensor original = s.tensor();
        const int undoBefore = s.undoStack()->count();
        QSignalSpy failed(&s, &Session::loadFailed);
        DataSource d;
        d.kind = DataSource::Kind::File;
        d.file = dir.filePath(QStringLiteral("missing.npy"));
        s.requestDataSource(d, QStringLiteral("open"));
        QVERIFY(s.waitForLoad());
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("missing.npy")),
                 qPrintable(failed.first().at(0).toString()));
        QVERIFY(sameValues(s.tensor(), original));
        QCOMPARE(s.undoStack()->count(), undoBefore);
    }

    void requestOpenChecksNowAndLoadsLater()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.qscope"));
        {
            Session a;
            DataSource d;
            d.kind = DataSource::Kind::Pasted;
            d.pasted = QStringLiteral("-2.5, -1, 0, 1, 3.5");
            QVERIFY(a.setDataSource(d, QStringLiteral("paste")));
            QuantConfig c = a.config();
            c.setQuantizer("int5");
            QVERIFY(a.setConfig(c, QStringLiteral("bits")));
            QVERIFY(a.save(path));
        }
        Session s;
        QSignalSpy fileName(&s, &Session::fileNameChanged);
        QString error;
        QVERIFY2(s.requestOpen(path, &error), qPrintable(error));
        QVERIFY(s.waitForLoad());
        QCOMPARE(s.tensor().size(), 5);
        QCOMPARE(s.config().bits, 5);
        QCOMPARE(s.fileName(), path);
        QCOMPARE(fileName.count(), 1);
        QCOMPARE(s.undoStack()->count(), 0); // an opened document starts a fresh history

        const QString bad = dir.filePath(QStringLiteral("bad.qscope"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        QVERIFY(!s.requestOpen(bad, &error));
        QVERIFY(error.contains(QStringLiteral("bad.qscope")));
        QVERIFY(!s.isLoading());
        QCOMPARE(s.fileName(), path);
    }

    void destroyedWhileLoading()
    {
        // The worker captures the session: its destructor must stop and wait for it.
        auto s = std::make_unique<Session>();
        DataSource big;
        big.generator = QStringLiteral("normal,n=16777216,seed=9");
        s->requestDataSource(big, QStringLiteral("big"));
        QVERIFY(s->isLoading());
        s.reset();
        QCoreApplication::processEvents(); // a queued result for a dead session must not run
        QVERIFY(!s);
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
