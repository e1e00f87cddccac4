// The Model Lab view (ui/modellab): trains, cancels, runs every page, and
// shows the same numbers as the core functions called directly.
#include "model/intlayer.h"
#include "model/memory.h"
#include "model/modelquant.h"
#include "model/outliers.h"
#include "modellab/intlayerpage.h"
#include "modellab/jobbar.h"
#include "modellab/memorypage.h"
#include "modellab/modellabview.h"
#include "modellab/outlierspage.h"
#include "modellab/ptqpage.h"
#include "modellab/qatpage.h"
#include "modellab/trainpage.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <qcustomplot.h>

using namespace qs;

class TestModelLab : public QObject
{
    Q_OBJECT

private:
    static DatasetSplit split(std::uint64_t seed = 1) { return splitDataset(loadDigits(QS_DIGITS_CSV), 0.2, seed); }
    static void trainView(ModelLabView& view)
    {
        QSignalSpy done(&view, &ModelLabView::trainingFinished);
        view.startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QCOMPARE(done.at(0).at(0).toBool(), true);
    }

private slots:
    void initTestCase() { qputenv("QS_DIGITS_CSV", QS_DIGITS_CSV); }

    void trainShowsCoreAccuracy()
    {
        ModelLabView view;
        QVERIFY(!view.isTrained());
        trainView(view);
        QVERIFY(view.isTrained());
        // The core on the same seed, independently of the view.
        const DatasetSplit s = split();
        const TrainResult ref = trainMlp(s.train, s.test, TrainConfig{});
        const double acc = evaluate(ref.model, s.test);
        QCOMPARE(view.net()->result.testAccuracy, acc);
        QVERIFY(view.trainPage()->accuracyLabel()->text().contains(percentText(acc)));
        // One point per epoch on the plot.
        QCOMPARE(view.trainPage()->plot()->graph(2)->dataCount(), TrainConfig{}.fit.epochs);
    }

    void cancelMidTraining()
    {
        ModelLabView view;
        view.trainPage()->setEpochs(500); // long enough to be cancelled
        QSignalSpy done(&view, &ModelLabView::trainingFinished);
        view.startTraining();
        view.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QCOMPARE(done.at(0).at(0).toBool(), false);
        QVERIFY(!view.isTrained());
    }

    void destroyWhileTraining()
    {
        auto* view = new ModelLabView;
        view->trainPage()->setEpochs(500);
        view->startTraining();
        QTest::qWait(50);
        delete view; // must cancel, wait and not crash
        QVERIFY(true);
    }

    void ptqPresetRowEqualsCore_data()
    {
        QTest::addColumn<QString>("preset");
        for (const auto& p : ModelQuantSpec::presetNames())
            QTest::newRow(p.c_str()) << QString::fromStdString(p);
    }
    void ptqPresetRowEqualsCore()
    {
        QFETCH(QString, preset);
        ModelLabView view;
        trainView(view);
        QSignalSpy computed(&view, &ModelLabView::computationFinished);
        QVERIFY(view.ptqPage()->runPreset(preset));
        QTRY_COMPARE_WITH_TIMEOUT(computed.count(), 1, 30000);
        const auto& net = *view.net();
        const PtqResult ref =
            runPtq(net.result.model, net.split.train, net.split.test, ModelQuantSpec::preset(preset.toStdString()));
        QCOMPARE(view.ptqPage()->rows().back().result.accuracy, ref.accuracy);
        QCOMPARE(view.ptqPage()->table()->item(0, 1)->text(), percentText(ref.accuracy));
    }

    void ptqSweepPlotEqualsCore()
    {
        ModelLabView view;
        QSignalSpy computed(&view, &ModelLabView::computationFinished);
        QVERIFY(view.runSubView(QStringLiteral("ptq")));
        QTRY_COMPARE_WITH_TIMEOUT(computed.count(), 1, 60000);
        const auto& net = *view.net();
        const auto ref = ptqBitSweep(net.result.model, net.split.train, net.split.test, ModelQuantSpec::preset("W8A8"),
                                     BitTarget::Both, {2, 3, 4, 5, 6, 7, 8});
        auto* graph = view.ptqPage()->plot()->graph(3);
        QCOMPARE(graph->dataCount(), int(ref.size()));
        for (int i = 0; i < int(ref.size()); ++i) {
            QCOMPARE(graph->data()->at(i)->key, double(ref[std::size_t(i)].bits));
            QCOMPARE(graph->data()->at(i)->value, ref[std::size_t(i)].accuracy * 100);
        }
    }

    void qatSeriesEqualCore()
    {
        ModelLabView view;
        view.qatPage()->setEpochs(1);
        QSignalSpy computed(&view, &ModelLabView::computationFinished);
        QVERIFY(view.runSubView(QStringLiteral("qat")));
        QTRY_COMPARE_WITH_TIMEOUT(computed.count(), 1, 60000);
        const auto& net = *view.net();
        QatConfig cfg;
        cfg.spec = ModelQuantSpec::preset("W8A8");
        cfg.fit.epochs = 1;
        const auto ref =
            compareQatPtq(net.result.model, net.split.train, net.split.test, cfg, BitTarget::Weights, {8, 4, 3, 2});
        auto* plot = view.qatPage()->accuracyPlot();
        QCOMPARE(plot->graph(1)->dataCount(), 4);
        for (const auto& row : ref) { // the graphs keep their points sorted by bits
            const auto ptq = plot->graph(1)->data()->findBegin(row.bits, false);
            const auto qat = plot->graph(2)->data()->findBegin(row.bits, false);
            QCOMPARE(ptq->key, double(row.bits));
            QCOMPARE(ptq->value, row.ptqAccuracy * 100);
            QCOMPARE(qat->value, row.qatAccuracy * 100);
        }
        QVERIFY(view.qatPage()->histogramPlot()->graph(0)->dataCount() > 0);
    }

    void intLayerMatchesFakeQuant()
    {
        ModelLabView view;
        QSignalSpy computed(&view, &ModelLabView::computationFinished);
        QVERIFY(view.runSubView(QStringLiteral("intlayer")));
        QTRY_COMPARE_WITH_TIMEOUT(computed.count(), 1, 30000);
        auto* page = view.intLayerPage();
        const auto& net = *view.net();
        const IntLayerResult ref = runIntegerLayer(
            layerFromMlp(net.result.model, page->layer(), net.split.test, page->samples()), page->config());
        QVERIFY(page->result());
        QVERIFY(page->result()->maxStepDifference <= 1);
        QCOMPARE(page->result()->maxStepDifference, ref.maxStepDifference);
        QVERIFY(page->result()->outputQ == ref.outputQ);
        QVERIFY(page->summaryLabel()->text().contains(QLocale().toString(ref.fixedMultiplier.front().m0)));
    }

    void outliersEqualCore()
    {
        ModelLabView view;
        QSignalSpy computed(&view, &ModelLabView::computationFinished);
        QVERIFY(view.runSubView(QStringLiteral("outliers")));
        QCOMPARE(computed.count(), 1);
        const OutlierStudy ref = runOutlierStudy(view.outliersPage()->config());
        QCOMPARE(view.outliersPage()->table()->rowCount(), int(ref.methods.size()));
        for (int i = 0; i < int(ref.methods.size()); ++i)
            QCOMPARE(view.outliersPage()->table()->item(i, 2)->text(),
                     QLocale().toString(ref.methods[std::size_t(i)].outputSqnrDb, 'f', 2));
    }

    void memoryCourseAndQlora()
    {
        ModelLabView view;
        auto* page = view.memoryPage();
        QVERIFY(page->applyPreset(QStringLiteral("gpt3-175b")));
        // docs/course.md: 175e9 parameters × 2 bytes (FP16) = 350 GB.
        QCOMPARE(page->report().totalBytes, 175e9 * 2);
        QVERIFY(page->totalLabel()->text().contains(QStringLiteral("350 GB")));
        // QLoRA 65B: full 16-bit fine-tuning 65e9 × 12 bytes = 780 GB.
        QVERIFY(page->applyPreset(QStringLiteral("qlora-full")));
        QCOMPARE(page->report().totalBytes, 65e9 * 12);
        QVERIFY(page->applyPreset(QStringLiteral("qlora")));
        QCOMPARE(page->report().totalBytes, estimateMemory(qloraFinetune()).totalBytes);
        QVERIFY(page->report().totalBytes < 48e9);
        QVERIFY(!page->applyPreset(QStringLiteral("no-such-model")));
    }

    void subViewNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        for (const char* n : {"train", "ptq", "qat", "intlayer", "outliers", "memory"})
            QTest::newRow(n) << QString::fromLatin1(n) << true;
        QTest::newRow("bad") << QStringLiteral("nonsense") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void subViewNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        ModelLabView view;
        view.qatPage()->setEpochs(1);
        QCOMPARE(view.showSubView(name), valid);
        if (valid)
            QCOMPARE(view.subTabs()->currentWidget()->objectName(), name);
        QSignalSpy computed(&view, &ModelLabView::computationFinished);
        QCOMPARE(view.runSubView(name), valid);
        if (valid) {
            QTRY_COMPARE_WITH_TIMEOUT(computed.count(), 1, 60000);
            QCOMPARE(computed.at(0).at(0).toString(), name);
        }
    }

    void screenshots()
    {
        const QByteArray dir = qgetenv("QS_MODELLAB_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("set QS_MODELLAB_SCREENSHOTS=DIR to save the pages");
        ModelLabView view;
        view.resize(1600, 1000);
        view.show();
        for (const char* n : {"train", "ptq", "qat", "intlayer", "outliers", "memory"}) {
            QSignalSpy computed(&view, &ModelLabView::computationFinished);
            QVERIFY(view.runSubView(QString::fromLatin1(n)));
            QTRY_COMPARE_WITH_TIMEOUT(computed.count(), 1, 60000);
            QTest::qWait(200);
            QVERIFY(view.grab().save(QString::fromUtf8(dir) + QStringLiteral("/modellab-%1.png").arg(n)));
        }
    }
};

QTEST_MAIN(TestModelLab)
#include "tst_modellab.moc"
