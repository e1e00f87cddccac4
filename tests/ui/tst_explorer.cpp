// The explorer driven like a user: controls changed through QTest, the clip
// line dragged with the mouse, exports written. What the panels and plots show
// is checked against runQuantization on the session's tensor and config, and
// `quantscope-cli plot --config` against the GUI's figure data.
#include "common/plotexporter.h"
#include "common/uizoom.h"
#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "explorer/plotinteraction.h"
#include "io/tensorsource.h"
#include "io/writers.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <qcustomplot.h>

using namespace qs;

namespace {

QuantResult coreResult(Session* s)
{
    QuantOptions o;
    o.codes = false;
    return runQuantization(s->tensor(), s->config(), o);
}

QVector<double> graphValues(QCPGraph* g)
{
    QVector<double> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        v << it->value;
    return v;
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                  Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestExplorer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsOnExplorerWithCoreNumbers()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.currentViewName(), QStringLiteral("explorer"));
        QVERIFY(w.viewNames().contains(QStringLiteral("formats")));
        QVERIFY(w.viewNames().contains(QStringLiteral("sweep")));
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle());
        const QuantResult ref = coreResult(ex->session());
        QVERIFY(ex->result());
        QCOMPARE(ex->result()->metrics.mse, ref.metrics.mse);
        QCOMPARE(ex->result()->groups[0].scale, ref.groups[0].scale);
        // The plotted original histogram is the core's.
        QCustomPlot* p = ex->plot(FigureKind::Histogram);
        QVERIFY(p->graphCount() >= 2);
        const QVector<double> plotted = graphValues(p->graph(0));
        QCOMPARE(plotted.size(), int(ref.histOriginal.counts.size()));
        for (int i = 0; i < plotted.size(); ++i)
            QCOMPARE(plotted[i], double(ref.histOriginal.counts[std::size_t(i)]));
        // The formula shows the numbers in force.
        auto* metrics = ex->findChild<QLabel*>(QStringLiteral("metrics"));
        QVERIFY(metrics->text().contains(QString::number(ref.groups[0].scale, 'g', 4)));
        QVERIFY(metrics->text().contains(QStringLiteral("clamp(round(x / ")));
    }

    void bitsSpinBoxThroughKeyboard_data()
    {
        QTest::addColumn<int>("bits");
        QTest::newRow("4") << 4;
        QTest::newRow("6") << 6;
        QTest::newRow("3") << 3;
    }
    void bitsSpinBoxThroughKeyboard()
    {
        QFETCH(int, bits);
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        auto* spin = ex->findChild<QSpinBox*>(QStringLiteral("bits"));
        QVERIFY(spin);
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, QString::number(bits));
        QTest::keyClick(spin, Qt::Key_Enter);
        QCOMPARE(ex->session()->config().bits, bits);
        QVERIFY(ex->waitForIdle());
        const QuantResult ref = coreResult(ex->session());
        QCOMPARE(ex->result()->config.bits, bits);
        QCOMPARE(ex->result()->metrics.sqnrDb, ref.metrics.sqnrDb);
        QCOMPARE(ex->result()->codeMax, ref.codeMax);
        // One undo returns to int8 however many digits were typed.
        while (ex->session()->config().bits != 8 && ex->session()->undoStack()->canUndo())
            ex->session()->undoStack()->undo();
        QCOMPARE(ex->session()->config().bits, 8);
    }

    void calibrationComboThroughKeyboard()
    {
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        auto* combo = ex->findChild<QComboBox*>(QStringLiteral("calibrationMethod"));
        QVERIFY(combo);
        QSignalSpy changed(ex->session(), &Session::configChanged);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down); // min-max -> moving average
        QTest::keyClick(combo, Qt::Key_Down); // -> percentile
        QVERIFY(ex->session()->config().calibration.method == CalibrationMethod::Percentile);
        QCOMPARE(changed.count(), 2);
        QVERIFY(ex->waitForIdle());
        const QuantResult ref = coreResult(ex->session());
        QCOMPARE(ex->result()->calibration.clipMax, ref.calibration.clipMax);
        QVERIFY(ref.calibration.clipMax < 0.5); // the outliers are clipped now
        ex->session()->undoStack()->undo();
        ex->session()->undoStack()->undo();
        QVERIFY(ex->session()->config().calibration.method == CalibrationMethod::MinMax);
        QCOMPARE(combo->currentIndex(), 0);
    }

    void rangeItemsShowTheCodesOfTheWidth_data()
    {
        QTest::addColumn<QString>("quantizer");
        QTest::addColumn<QString>("full");
        QTest::addColumn<QString>("narrow");
        QTest::newRow("int8") << "int8" << QStringLiteral("full (\u2212128 … 127)")
                              << QStringLiteral("narrow (\u2212127 … 127)");
        QTest::newRow("int4") << "int4" << QStringLiteral("full (\u22128 … 7)")
                              << QStringLiteral("narrow (\u22127 … 7)");
        QTest::newRow("int16") << "int16" << QStringLiteral("full (\u221232768 … 32767)")
                               << QStringLiteral("narrow (\u221232767 … 32767)");
        QTest::newRow("int2") << "int2" << QStringLiteral("full (\u22122 … 1)")
                              << QStringLiteral("narrow (\u22121 … 1)");
    }
    void rangeItemsShowTheCodesOfTheWidth()
    {
        QFETCH(QString, quantizer);
        QFETCH(QString, full);
        QFETCH(QString, narrow);
        MainWindow w;
        ExplorerView* ex = w.explorer();
        QuantConfig c = ex->session()->config();
        c.setQuantizer(quantizer.toStdString());
        QVERIFY(ex->session()->setConfig(c, QStringLiteral("bits")));
        auto* range = ex->findChild<QComboBox*>(QStringLiteral("range"));
        QVERIFY(range);
        QCOMPARE(range->itemText(0), full);
        QCOMPARE(range->itemText(1), narrow);
    }

    // Every group up to kMaxChannelGroups gets a box (the example's 1,563 blocks
    // of 64 used to stop at 512, hiding half the outliers); beyond, the axis says so.
    void channelsShowEveryGroupOrSayHowMany_data()
    {
        QTest::addColumn<int>("block");
        QTest::addColumn<int>("boxes");
        QTest::addColumn<QString>("label");
        QTest::newRow("blocks of 64") << 64 << 1563 << QStringLiteral("block index");
        QTest::newRow("blocks of 16") << 16 << 2048 << QStringLiteral("block index (the first 2048 of 6,250)");
    }
    void channelsShowEveryGroupOrSayHowMany()
    {
        QFETCH(int, block);
        QFETCH(int, boxes);
        QFETCH(QString, label);
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QuantConfig c = ex->session()->config();
        c.granularity = Granularity::parse("block:" + std::to_string(block));
        QVERIFY(ex->session()->setConfig(c, QStringLiteral("blocks")));
        QVERIFY(w.showView(QStringLiteral("channels")));
        QVERIFY(ex->waitForIdle(120000));
        QCustomPlot* p = ex->plot(FigureKind::Channels);
        QTRY_VERIFY(p->plottableCount() > 0 && qobject_cast<QCPStatisticalBox*>(p->plottable(0)));
        auto* box = qobject_cast<QCPStatisticalBox*>(p->plottable(0));
        QCOMPARE(box->dataCount(), boxes);
        QCOMPARE(p->xAxis->label(), label.replace(QStringLiteral("6,250"), QLocale().toString(6250)));
        // All ten ±40σ outliers of the example lie in the blocks shown when there are 1,563 of them.
        if (boxes == 1563) {
            int outlierBlocks = 0;
            for (auto it = box->data()->constBegin(); it != box->data()->constEnd(); ++it)
                outlierBlocks += std::max(std::abs(it->minimum), std::abs(it->maximum)) > 0.5;
            QCOMPARE(outlierBlocks, 10);
        }
    }

    void dragClipLineSetsManualRange()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle());
        QCustomPlot* p = ex->plot(FigureKind::Histogram);
        p->replot();
        const double hi = ex->result()->calibration.clipMax;
        const QPointF start(p->xAxis->coordToPixel(hi), p->height() / 2.0);
        const QPointF mid(p->xAxis->coordToPixel(0.3), start.y());
        const QPointF end(p->xAxis->coordToPixel(0.2), start.y());
        sendMouse(p, QEvent::MouseButtonPress, start, Qt::LeftButton);
        const double midX = p->xAxis->pixelToCoord(mid.x());
        sendMouse(p, QEvent::MouseMove, mid, Qt::LeftButton);
        // As with a hand on the mouse, each step's result arrives and the
        // figure is rebuilt (new line items) before the next move.
        QVERIFY(ex->waitForIdle());
        QTRY_COMPARE(ex->result()->calibration.clipMax, midX);
        QVERIFY(ex->plotInteraction(FigureKind::Histogram)->isDragging());
        const double expected = p->xAxis->pixelToCoord(end.x());
        sendMouse(p, QEvent::MouseMove, end, Qt::LeftButton);
        QVERIFY(ex->waitForIdle());
        sendMouse(p, QEvent::MouseButtonRelease, end, Qt::NoButton);
        const CalibrationSpec& c = ex->session()->config().calibration;
        QVERIFY(c.method == CalibrationMethod::Manual);
        QVERIFY2(std::abs(c.manualMax - expected) < 1e-9, qPrintable(QString::number(c.manualMax)));
        QCOMPARE(c.manualMin, -c.manualMax);              // symmetric grid: one clip value
        QCOMPARE(ex->session()->undoStack()->count(), 1); // the whole drag is one step
        QVERIFY(ex->waitForIdle());
        QCOMPARE(ex->result()->calibration.clipMax, coreResult(ex->session()).calibration.clipMax);
        ex->session()->undoStack()->undo();
        QVERIFY(ex->session()->config().calibration.method == CalibrationMethod::MinMax);
    }

    void everyPlotBuilds_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& n : figureKindNames())
            QTest::newRow(qPrintable(n)) << n;
    }
    void everyPlotBuilds()
    {
        QFETCH(QString, name);
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.showView(name));
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle(120000));
        FigureKind k;
        QVERIFY(parseFigureKind(name, k));
        QCOMPARE(ex->currentKind(), k);
        QVERIFY(ex->plot(k)->plottableCount() > 0);
        QVERIFY(ex->plot(k)->xAxis);
        QVERIFY(!ex->plot(k)->xAxis->label().isEmpty());
        QCOMPARE(ex->session()->view().plot, name);
    }

    void pinShowsDifferences()
    {
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle());
        ex->pin();
        QuantConfig c = ex->session()->config();
        c.calibration = CalibrationSpec::parse("percentile:99.9");
        ex->session()->setConfig(c, QStringLiteral("p"));
        QVERIFY(ex->waitForIdle());
        auto* metrics = ex->findChild<QLabel*>(QStringLiteral("metrics"));
        QVERIFY(metrics->text().contains(QStringLiteral("Δ")));
        bool pinnedDrawn = false;
        QCustomPlot* p = ex->plot(FigureKind::Histogram);
        for (int i = 0; i < p->graphCount(); ++i)
            pinnedDrawn |= p->graph(i)->name().contains(QStringLiteral("pinned"));
        QVERIFY(pinnedDrawn);
    }

    void exportsHaveRequestedSize_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("png") << "png";
        QTest::newRow("pdf") << "pdf";
        QTest::newRow("svg") << "svg";
    }
    void exportsHaveRequestedSize()
    {
        QFETCH(QString, suffix);
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle());
        const QString path = dir.filePath(QStringLiteral("fig.") + suffix);
        FigureOptions o;
        o.size = QSize(900, 560);
        o.dpi = 144;
        QCOMPARE(ex->exportFigure(path, o), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        if (suffix == QLatin1String("png")) {
            const QImage img(path);
            QCOMPARE(img.size(), QSize(900, 560));
        } else if (suffix == QLatin1String("pdf")) {
            // 900 x 560 px at 144 DPI = 6.25 x 3.89 in = 450 x 280 pt (whole points).
            QVERIFY(bytes.startsWith("%PDF"));
            QVERIFY(bytes.size() > 2000);
            QVERIFY2(bytes.contains("/MediaBox [0 0 450.000000 280.000000]"), bytes.left(600).constData());
        } else {
            // The same figure in 1/96-inch units: 600 x 373, 158.75 mm wide.
            QVERIFY(bytes.contains("<svg"));
            QVERIFY(bytes.contains("viewBox=\"0 0 600 373\""));
            QVERIFY(bytes.contains("width=\"158.75mm\""));
        }
        QCOMPARE(ex->exportHistogramCsv(dir.filePath(QStringLiteral("h.csv"))), QString());
        QCOMPARE(ex->exportDequantizedNpy(dir.filePath(QStringLiteral("d.npy"))), QString());
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("d.npy"))).size() > 400000);
    }

    void cliPlotReproducesFigureData_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("histogram") << "histogram";
        QTest::newRow("transfer") << "transfer";
        QTest::newRow("sweep") << "sweep";
        QTest::newRow("calibration") << "calibration";
    }
    void cliPlotReproducesFigureData()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QuantConfig c = ex->session()->config();
        c.setQuantizer("int4");
        c.scheme = QuantScheme::Asymmetric;
        c.calibration = CalibrationSpec::parse("percentile:99.9");
        ex->session()->setConfig(c, QStringLiteral("c"));
        QVERIFY(w.showView(kind));
        QVERIFY(ex->waitForIdle(120000));
        const QString settings = dir.filePath(QStringLiteral("settings.json"));
        const QString guiCsv = dir.filePath(QStringLiteral("gui.csv"));
        const QString cliCsv = dir.filePath(QStringLiteral("cli.csv"));
        QCOMPARE(ex->exportSettings(settings), QString());
        QCOMPARE(ex->exportFigureCsv(guiCsv), QString());
        QProcess cli;
        cli.start(QStringLiteral(QS_CLI_PATH),
                  {QStringLiteral("plot"), QStringLiteral("--config"), settings, QStringLiteral("--kind"), kind,
                   QStringLiteral("--out"), dir.filePath(QStringLiteral("fig.pdf")), QStringLiteral("--csv"), cliCsv});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QFile a(guiCsv), b(cliCsv);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray ga = a.readAll(), gb = b.readAll();
        QVERIFY(ga.count('\n') > 10);
        QCOMPARE(gb, ga);
        QVERIFY(QFile(dir.filePath(QStringLiteral("fig.pdf"))).size() > 2000);
    }
    void presentationModeScalesAndSimplifies()
    {
        MainWindow w;
        w.show();
        const double before = QApplication::font().pointSizeF();
        QAction* f5 = w.actions()->presentationAction();
        QCOMPARE(f5->shortcut(), QKeySequence(Qt::Key_F5));
        f5->trigger();
        // F5 is the zoom preset for the window's width (ui/common/uizoom.h).
        const double preset = UiZoom::presentationFactor(w.width());
        QVERIFY(std::abs(QApplication::font().pointSizeF() - preset * before) < 0.01);
        QVERIFY(w.explorer()->style().scale > preset - 0.05);
        QVERIFY(w.explorer()->style().highContrast);
        auto* data = w.explorer()->findChild<QDockWidget*>(QStringLiteral("dataDock"));
        QVERIFY(data && data->isHidden());
        f5->trigger();
        QCOMPARE(QApplication::font().pointSizeF(), before);
        QVERIFY(!data->isHidden());
        w.actions()->darkAction()->trigger();
        QVERIFY(w.explorer()->style().dark);
        w.actions()->darkAction()->trigger();
    }

    void autosaveIsRestoredAfterACrash()
    {
        AppActions::autosavePath();
        QFile::remove(AppActions::autosavePath());
        {
            MainWindow w;
            w.actions()->enableAutosave();
            QuantConfig c = w.explorer()->session()->config();
            c.setQuantizer("int5");
            w.explorer()->session()->setConfig(c, QStringLiteral("bits"));
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(AppActions::autosavePath()), 10000);
            // No clean close: the window just goes away, as in a crash.
        }
        MainWindow again;
        QVERIFY(again.actions()->restoreAutosave());
        QCOMPARE(again.explorer()->session()->config().bits, 5);
        again.actions()->removeAutosave();
        QVERIFY(!QFile::exists(AppActions::autosavePath()));
    }

    void dataDockShowsProgressAndCancels()
    {
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle(120000));
        const Tensor before = ex->session()->tensor();
        const int undoBefore = ex->session()->undoStack()->count();
        auto* generator = ex->dataPanel()->findChild<QComboBox*>(QStringLiteral("generator"));
        auto* params = ex->dataPanel()->findChild<QLineEdit*>(QStringLiteral("generatorParams"));
        auto* row = ex->dataPanel()->findChild<QWidget*>(QStringLiteral("loadProgressRow"));
        auto* bar = ex->dataPanel()->findChild<QProgressBar*>(QStringLiteral("loadProgress"));
        auto* cancel = ex->dataPanel()->findChild<QPushButton*>(QStringLiteral("cancelLoad"));
        QVERIFY(generator && params && row && bar && cancel);
        QVERIFY(!row->isVisible());
        // 2^25 Student-t values (polar method) take about a second: long enough for the bar.
        generator->setCurrentText(QStringLiteral("student-t"));
        params->setText(QStringLiteral("n=33554432,seed=3"));
        QTest::keyClick(params, Qt::Key_Return);
        QVERIFY(ex->session()->isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(row->isVisible(), 10000);
        QVERIFY(cancel->isEnabled());
        // The window stays live meanwhile: a settings edit goes through and recomputes on the old data.
        QuantConfig c = ex->session()->config();
        c.setQuantizer("int6");
        QVERIFY(ex->session()->setConfig(c, QStringLiteral("bits")));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!ex->session()->isLoading());
        QVERIFY(!row->isVisible());
        QVERIFY(ex->waitForIdle(120000));
        QCOMPARE(ex->session()->tensor().size(), before.size());
        QCOMPARE(ex->result()->config.bits, 6);
        QCOMPARE(ex->session()->undoStack()->count(), undoBefore + 1); // the edit, no data step
    }

    void openAnyFileAndRecentList()
    {
        QTemporaryDir dir;
        MainWindow w;
        const QString npy = dir.filePath(QStringLiteral("w.npy"));
        writeNpy(npy.toStdString(), generateTensor("normal,n=300,seed=2").reshaped({3, 100}));
        QVERIFY(w.actions()->openAny(npy));
        // The values are read on the loader thread; the window keeps the old data until then.
        QVERIFY(w.explorer()->session()->waitForLoad());
        QCOMPARE(w.explorer()->session()->tensor().shape(), (Shape{3, 100}));
        const QString session = dir.filePath(QStringLiteral("s.qscope"));
        QVERIFY(w.explorer()->session()->save(session));
        QVERIFY(w.actions()->openAny(session));
        QVERIFY(w.explorer()->session()->waitForLoad());
        QCOMPARE(w.explorer()->session()->fileName(), session);
        QCOMPARE(w.actions()->recentFiles().first(), QFileInfo(session).absoluteFilePath());
        QVERIFY(w.actions()->recentFiles().contains(QFileInfo(npy).absoluteFilePath()));
        w.explorer()->session()->undoStack()->clear();
        QVERIFY(!w.actions()->openAny(dir.filePath(QStringLiteral("missing.npy"))));
    }
};

QTEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
