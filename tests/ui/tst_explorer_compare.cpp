// The Compare plot's list of quantizers is the user's: entries are typed in
// the editor beside the table, refused with a message when no quantizer
// accepts them, every edit is one undo step, the list is saved with the
// session, and `quantscope-cli plot --config` draws the same rows. Each row of
// the table is checked against runQuantization of the same config.
#include "explorer/comparelistpanel.h"
#include "explorer/explorerview.h"
#include "formats/error.h"
#include "mainwindow/mainwindow.h"
#include "plots/figuredata.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace qs;

namespace {

QStringList listTexts(const std::vector<CompareEntry>& list)
{
    QStringList out;
    for (const CompareEntry& e : list)
        out << e.toString();
    return out;
}

} // namespace

class TestExplorerCompare : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parseEntries_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("granularity"); // of the config on a 2-d tensor; empty when invalid
        QTest::newRow("int8") << "int8" << true << "int8"
                              << "tensor";
        QTest::newRow("spaces and case") << "  INT4   channel:0 " << true << "int4 channel:0"
                                         << "channel:0";
        QTest::newRow("nf4 keeps its blocks") << "nf4" << true << "nf4"
                                              << "block:64";
        QTest::newRow("mxfp4 keeps its blocks") << "mxfp4" << true << "mxfp4"
                                                << "block:32";
        QTest::newRow("auto on a matrix") << "int4 auto" << true << "int4 auto"
                                          << "channel:0";
        QTest::newRow("int6 blocks") << "int6 block:16" << true << "int6 block:16"
                                     << "block:16";
        QTest::newRow("fp8 per channel") << "fp8-e4m3 channel:0" << true << "fp8-e4m3 channel:0"
                                         << "channel:0";
        QTest::newRow("empty") << "   " << false << ""
                               << "";
        QTest::newRow("unknown quantizer") << "int99x" << false << ""
                                           << "";
        QTest::newRow("bad granularity") << "int8 rows" << false << ""
                                         << "";
        QTest::newRow("three words") << "int8 tensor extra" << false << ""
                                     << "";
        QTest::newRow("mx per tensor") << "mxfp4 tensor" << false << ""
                                       << "";
    }
    void parseEntries()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        QFETCH(QString, granularity);
        if (!valid) {
            QVERIFY_THROWS_EXCEPTION(qs::Error, CompareEntry::parse(text));
            return;
        }
        const CompareEntry e = CompareEntry::parse(text);
        QCOMPARE(e.toString(), canonical);
        QCOMPARE(CompareEntry::parse(e.toString()), e); // what is saved reads back
        const QuantConfig c = e.config(Tensor(Shape{4, 64}), QuantConfig{});
        QCOMPARE(QString::fromStdString(c.granularity.toString()), granularity);
    }

    void editorEditsAreUndoableAndDriveTheTable()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        ExplorerView* ex = w.explorer();
        Session* s = ex->session();
        QVERIFY(w.showView(QStringLiteral("compare")));
        QVERIFY(ex->waitForIdle(120000));
        auto* panel = ex->findChild<CompareListPanel*>();
        auto* list = ex->findChild<QListWidget*>(QStringLiteral("compareList"));
        auto* spec = ex->findChild<QLineEdit*>(QStringLiteral("compareSpec"));
        auto* table = ex->findChild<QTableWidget*>(QStringLiteral("compareTable"));
        QVERIFY(panel && list && spec && table);
        QCOMPARE(list->count(), int(defaultCompareList().size()));
        QTRY_COMPARE(table->rowCount(), 1 + int(defaultCompareList().size()));
        const int undoBefore = s->undoStack()->count();

        // Typed and entered like a user would.
        spec->setFocus();
        QTest::keyClicks(spec, QStringLiteral("int6 block:16"));
        QTest::keyClick(spec, Qt::Key_Return);
        QCOMPARE(list->count(), 6);
        QCOMPARE(list->item(5)->text(), QStringLiteral("int6 block:16"));
        QVERIFY(spec->text().isEmpty());
        QCOMPARE(s->undoStack()->count(), undoBefore + 1);
        QVERIFY(ex->waitForIdle(120000));
        QTRY_COMPARE(table->rowCount(), 7);
        // The new row is what the core computes for that config.
        QuantConfig expected = CompareEntry::parse(QStringLiteral("int6 block:16")).config(s->tensor(), s->config());
        const QuantResult r = runQuantization(s->tensor(), expected);
        QCOMPARE(table->item(6, 0)->text(), QStringLiteral("int6 block:16"));
        QCOMPARE(table->item(6, 0)->toolTip(), QString::fromStdString(r.config.summary()));
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("int8 (current)"));
        QCOMPARE(table->item(6, 2)->text(), QString::number(r.metrics.sqnrDb, 'f', 2));

        // A bad entry changes nothing and says why.
        QString error;
        QVERIFY(!panel->addEntry(QStringLiteral("int8 diagonal"), &error));
        QVERIFY(error.contains(QStringLiteral("granularity")));
        auto* message = ex->findChild<QLabel*>(QStringLiteral("compareMessage"));
        QCOMPARE(message->text(), error);
        QCOMPARE(list->count(), 6);
        QCOMPARE(s->undoStack()->count(), undoBefore + 1);

        // Move the new entry to the top, remove int8, then undo both.
        list->setCurrentRow(5);
        for (int i = 0; i < 5; ++i)
            ex->findChild<QPushButton*>(QStringLiteral("compareUp"))->click();
        QCOMPARE(list->item(0)->text(), QStringLiteral("int6 block:16"));
        QCOMPARE(list->currentRow(), 0);
        list->setCurrentRow(1);
        QCOMPARE(list->currentItem()->text(), QStringLiteral("int8"));
        ex->findChild<QPushButton*>(QStringLiteral("compareRemove"))->click();
        QCOMPARE(listTexts(s->view().compare), (QStringList{"int6 block:16", "fp8-e4m3", "nf4", "mxfp4", "int4 auto"}));
        QVERIFY(ex->waitForIdle(120000));
        QTRY_COMPARE(table->rowCount(), 6);
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("int6 block:16"));

        s->undoStack()->undo(); // the removal
        QCOMPARE(listTexts(s->view().compare),
                 (QStringList{"int6 block:16", "int8", "fp8-e4m3", "nf4", "mxfp4", "int4 auto"}));
        QCOMPARE(list->count(), 6);
        while (s->undoStack()->index() > undoBefore + 1)
            s->undoStack()->undo(); // back past the five moves
        QCOMPARE(list->item(5)->text(), QStringLiteral("int6 block:16"));
        s->undoStack()->undo(); // the addition
        QCOMPARE(s->view().compare, defaultCompareList());
        QVERIFY(ex->waitForIdle(120000));
        QTRY_COMPARE(table->rowCount(), 1 + int(defaultCompareList().size()));
        s->undoStack()->redo();
        QCOMPARE(list->count(), 6);
        ex->findChild<QPushButton*>(QStringLiteral("compareReset"))->click();
        QCOMPARE(s->view().compare, defaultCompareList());
    }

    void listIsSavedAndThePlotCommandDrawsIt()
    {
        QTemporaryDir dir;
        MainWindow w;
        w.show();
        ExplorerView* ex = w.explorer();
        Session* s = ex->session();
        ViewState v = s->view();
        v.compare = {CompareEntry::parse(QStringLiteral("int3")), CompareEntry::parse(QStringLiteral("nf4")),
                     CompareEntry::parse(QStringLiteral("fp8-e5m2 channel:0"))};
        s->setView(v, QStringLiteral("list"));
        QVERIFY(w.showView(QStringLiteral("compare")));
        QVERIFY(ex->waitForIdle(120000));
        QTRY_COMPARE(int(ex->inputs().compare.size()), 4);

        const QString session = dir.filePath(QStringLiteral("c.qscope"));
        QVERIFY(s->save(session));
        Session back;
        QString error;
        QVERIFY2(back.open(session, &error), qPrintable(error));
        QCOMPARE(back.view().compare, v.compare);

        // A session written before the list existed keeps the default list.
        QJsonObject doc = s->toJson();
        QJsonObject view = doc.value(QStringLiteral("view")).toObject();
        view.remove(QStringLiteral("compare"));
        doc[QStringLiteral("view")] = view;
        QVERIFY(back.fromJson(doc, &error));
        QCOMPARE(back.view().compare, defaultCompareList());
        // A list with a bad entry is refused with a message naming it.
        view[QStringLiteral("compare")] = QJsonArray{QStringLiteral("int8"), QStringLiteral("float7")};
        doc[QStringLiteral("view")] = view;
        QVERIFY(!back.fromJson(doc, &error));
        QVERIFY2(error.contains(QStringLiteral("float7")), qPrintable(error));

        const QString settings = dir.filePath(QStringLiteral("settings.json"));
        const QString guiCsv = dir.filePath(QStringLiteral("gui.csv"));
        const QString cliCsv = dir.filePath(QStringLiteral("cli.csv"));
        QCOMPARE(ex->exportSettings(settings), QString());
        QCOMPARE(ex->exportFigureCsv(guiCsv), QString());
        QProcess cli;
        cli.start(QStringLiteral(QS_CLI_PATH),
                  {QStringLiteral("plot"), QStringLiteral("--config"), settings, QStringLiteral("--kind"),
                   QStringLiteral("compare"), QStringLiteral("--out"), dir.filePath(QStringLiteral("fig.svg")),
                   QStringLiteral("--csv"), cliCsv});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QFile a(guiCsv), b(cliCsv);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray ga = a.readAll();
        QCOMPARE(b.readAll(), ga);
        // The CSV names the series: the current settings, then the three of the list in order.
        const qsizetype current = ga.indexOf("current int8: SQNR");
        const qsizetype int3 = ga.indexOf("\"int3: SQNR");
        const qsizetype nf4 = ga.indexOf("\"nf4 block:64: SQNR");
        const qsizetype e5m2 = ga.indexOf("\"fp8-e5m2 channel:0: SQNR");
        QVERIFY2(current >= 0 && current < int3 && int3 < nf4 && nf4 < e5m2, ga.left(300).constData());
    }
};

QTEST_MAIN(TestExplorerCompare)
#include "tst_explorer_compare.moc"
