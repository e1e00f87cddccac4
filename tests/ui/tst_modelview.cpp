// The Model view (docs/report.md, "The Model view"): a checkpoint opened in
// the view is scanned off the GUI thread, its table holds the core's numbers
// (runModelReport), sorts and filters, the budget slider drives the planner,
// a double-click loads the tensor in the Explorer, Cancel stops the scan and
// the exports write the CLI report's files.
#include "explorer/explorerview.h"
#include "io/writers.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "modelview/modelview.h"
#include "modelview/reporttablemodel.h"
#include "plots/reportfigures.h"
#include "report/planner.h"
#include "report/reportjson.h"
#include "session/session.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

QString fixture(const char* relative)
{
    return QStringLiteral(QS_TEST_DATA_DIR "/models/") + QLatin1String(relative);
}

const std::vector<ReportScheme>& defaultSchemes()
{
    static const std::vector<ReportScheme> s = parseReportSchemes(ModelView::kDefaultSchemes);
    return s;
}

// Opens `path` in the view and waits for the scan; false when it did not finish well.
bool scan(ModelView& view, const QString& path)
{
    QSignalSpy finished(&view, &ModelView::scanFinished);
    view.openModel(path);
    if (!finished.wait(120000) && finished.isEmpty())
        return false;
    return finished.first().at(0).toBool();
}

} // namespace

class TestModelView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tableHoldsTheCoreNumbers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("sharded safetensors folder") << fixture("shards");
        QTest::newRow("sharded index") << fixture("shards/model.safetensors.index.json");
        QTest::newRow("gguf") << fixture("gguf/tiny.gguf");
        QTest::newRow("npz") << fixture("npz/arrays.npz");
        QTest::newRow("torch") << fixture("torch/state_dict.pt");
    }
    void tableHoldsTheCoreNumbers()
    {
        QFETCH(QString, path);
        const ModelReport expected = runModelReport(path.toStdString(), defaultSchemes());
        QVERIFY(!expected.tensors.empty());
        ModelView view;
        QSignalSpy rows(view.tableModel(), &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(view.tableModel(), &QAbstractItemModel::modelReset);
        QVERIFY(scan(view, path));
        QCOMPARE(resets.count(), 1); // cleared at the start only: the rows came from tensorDone, not the final report
        ReportTableModel* m = view.tableModel();
        QCOMPARE(m->rowCount(), int(expected.tensors.size()));
        QCOMPARE(rows.count(), int(expected.tensors.size())); // one row as each tensor finished
        QCOMPARE(m->columnCount(), ReportTableModel::FixedColumns + 2 * int(defaultSchemes().size()));
        for (int r = 0; r < m->rowCount(); ++r) {
            const ReportTensor& want = expected.tensors[m->reportIndexAt(r)];
            QCOMPARE(m->index(r, ReportTableModel::Name).data().toString(), QString::fromStdString(want.name));
            QCOMPARE(m->index(r, ReportTableModel::Dtype).data().toString(), QString::fromStdString(want.dtype));
            const auto raw = [&](int c) { return m->index(r, c).data(ReportTableModel::kSortRole); };
            QCOMPARE(raw(ReportTableModel::Count).toLongLong(), want.count);
            QCOMPARE(raw(ReportTableModel::Absmax).toDouble(), want.stats.absmax);
            QCOMPARE(raw(ReportTableModel::Std).toDouble(), want.stats.std);
            QCOMPARE(raw(ReportTableModel::Kurtosis).toDouble(), want.stats.kurtosis);
            QCOMPARE(raw(ReportTableModel::OutlierRatio).toDouble(), want.stats.outlierRatio);
            for (int s = 0; s < int(defaultSchemes().size()); ++s) {
                const ReportSchemeResult& res = want.schemes[std::size_t(s)];
                if (!res.ok) {
                    QCOMPARE(m->index(r, ReportTableModel::sqnrColumn(s)).data().toString(), QStringLiteral("—"));
                    continue;
                }
                QCOMPARE(raw(ReportTableModel::sqnrColumn(s)).toDouble(), res.sqnrDb);
                QCOMPARE(raw(ReportTableModel::sqnrColumn(s) + 1).toDouble(), res.bitsPerValue);
            }
        }
        // The view's report is the core's: same totals.
        QCOMPARE(view.report().totals.size(), expected.totals.size());
        for (std::size_t s = 0; s < expected.totals.size(); ++s)
            QCOMPARE(view.report().totals[s].bits, expected.totals[s].bits);
    }

    void sortsAndFilters()
    {
        ModelView view;
        QVERIFY(scan(view, fixture("shards")));
        QSortFilterProxyModel* p = view.proxyModel();
        const int all = p->rowCount();
        QVERIFY(all >= 3);
        // Numeric sort by absmax, largest first.
        view.table()->sortByColumn(ReportTableModel::Absmax, Qt::DescendingOrder);
        for (int r = 1; r < all; ++r)
            QVERIFY(p->index(r - 1, ReportTableModel::Absmax).data(ReportTableModel::kSortRole).toDouble() >=
                    p->index(r, ReportTableModel::Absmax).data(ReportTableModel::kSortRole).toDouble());
        // By the first scheme's SQNR, lowest first.
        const int sqnr = ReportTableModel::sqnrColumn(0);
        view.table()->sortByColumn(sqnr, Qt::AscendingOrder);
        for (int r = 1; r < all; ++r)
            QVERIFY(p->index(r - 1, sqnr).data(ReportTableModel::kSortRole).toDouble() <=
                    p->index(r, sqnr).data(ReportTableModel::kSortRole).toDouble());

        // A regular expression, then a pattern that is not one (filtered as text).
        auto* filter = view.findChild<QLineEdit*>(QStringLiteral("filter"));
        QVERIFY(filter);
        const std::string first = view.report().tensors.front().name;
        const QString pattern =
            QStringLiteral("^") + QRegularExpression::escape(QString::fromStdString(first)) + QStringLiteral("$");
        filter->setText(pattern);
        QCOMPARE(p->rowCount(), 1);
        QCOMPARE(p->index(0, 0).data().toString(), QString::fromStdString(first));
        filter->setText(QStringLiteral("weight"));
        int withWeight = 0;
        for (const ReportTensor& t : view.report().tensors)
            withWeight += t.name.find("weight") != std::string::npos;
        QCOMPARE(p->rowCount(), withWeight);
        filter->setText(QStringLiteral("[")); // not a regular expression: no name has a '['
        QCOMPARE(p->rowCount(), 0);
        filter->clear();
        QCOMPARE(p->rowCount(), all);
    }

    void budgetSliderDrivesThePlan()
    {
        ModelView view;
        QVERIFY(scan(view, fixture("shards")));
        auto* slider = view.findChild<QSlider*>(QStringLiteral("budget"));
        QVERIFY(slider && slider->isEnabled());
        const ModelReport& r = view.report();
        double lastSqnr = -INFINITY;
        std::vector<std::vector<int>> choices;
        for (int v : {0, 250, 500, 750, ModelView::kSliderSteps}) {
            slider->setValue(v);
            const ReportPlan& plan = view.plan();
            QVERIFY2(plan.feasible, qPrintable(QString::number(v)));
            QVERIFY(plan.bitsPerValue <= view.budget() * (1 + 1e-9));
            QVERIFY(plan.sqnrDb >= lastSqnr - 1e-9); // a larger budget never plans worse
            lastSqnr = plan.sqnrDb;
            choices.push_back(plan.choice);
            // The plan is the core planner's for this budget, and the table's Plan column shows it.
            const ReportPlan core = planMixedPrecision(r, plan.budget);
            QCOMPARE(core.choice, plan.choice);
            ReportTableModel* m = view.tableModel();
            for (int row = 0; row < m->rowCount(); ++row) {
                const int c = plan.choice[m->reportIndexAt(row)];
                QCOMPARE(m->index(row, ReportTableModel::Plan).data().toString(),
                         c < 0 ? QString() : QString::fromStdString(r.schemes[std::size_t(c)].label));
            }
        }
        QVERIFY(choices.front() != choices.back());
        QVERIFY(view.plan().sqnrDb > 0);
    }

    void doubleClickOpensTheTensorInTheExplorer()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString path = fixture("shards");
        QVERIFY(w.actions()->openAny(path)); // a model folder goes to the Model view
        QCOMPARE(w.currentViewName(), QStringLiteral("model"));
        ModelView* view = w.modelView();
        QCOMPARE(view->modelPath(), path);
        QTRY_VERIFY_WITH_TIMEOUT(!view->busy() && view->tableModel()->rowCount() > 0, 60000);
        view->table()->sortByColumn(ReportTableModel::Count, Qt::DescendingOrder);
        const QModelIndex index = view->proxyModel()->index(0, ReportTableModel::Name);
        const QString name = index.data().toString();
        const qlonglong count =
            index.siblingAtColumn(ReportTableModel::Count).data(ReportTableModel::kSortRole).toLongLong();
        QTableView* table = view->table();
        const QPoint at = table->visualRect(index).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(w.currentViewName(), QStringLiteral("explorer"));
        Session* s = w.explorer()->session();
        QTRY_COMPARE_WITH_TIMEOUT(s->dataSource().tensor, name, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(qlonglong(s->tensor().size()), count, 30000);
        QCOMPARE(s->dataSource().file, path);
    }

    void cancelStopsTheScan()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // 8 Mi values: long enough that Cancel, pressed right away, comes first.
        Tensor big({2048, 4096});
        float* v = big.data();
        for (std::int64_t i = 0; i < big.size(); ++i)
            v[i] = float(std::sin(double(i) * 0.37));
        const QString path = dir.filePath(QStringLiteral("big.npy"));
        writeNpy(path.toStdString(), big);
        ModelView view;
        QSignalSpy finished(&view, &ModelView::scanFinished);
        view.openModel(path);
        QVERIFY(view.busy());
        view.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("Cancelled"));
        QVERIFY(!view.busy());
        QCOMPARE(view.tableModel()->rowCount(), 0);
        // Run again: the scan completes.
        QSignalSpy again(&view, &ModelView::scanFinished);
        view.run();
        QTRY_COMPARE_WITH_TIMEOUT(again.count(), 1, 120000);
        QVERIFY(again.first().at(0).toBool());
        QCOMPARE(view.tableModel()->rowCount(), 1);
    }

    void badSchemesStartNothing()
    {
        ModelView view;
        QSignalSpy status(&view, &ModelView::statusMessage);
        view.findChild<QLineEdit*>(QStringLiteral("schemes"))->setText(QStringLiteral("int8; int8"));
        view.openModel(fixture("shards"));
        QVERIFY(!view.busy());
        QCOMPARE(status.count(), 1);
        QVERIFY(status.first().at(0).toString().startsWith(QStringLiteral("Schemes:")));
    }

    void exportWritesTheFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("written");
        QTest::newRow("csv") << "r.csv" << QStringList{"r.csv"};
        QTest::newRow("json") << "r.json" << QStringList{"r.json"};
        QTest::newRow("pdf") << "r.pdf" << QStringList{"r.pdf"};
        QTest::newRow("png") << "r.png" << QStringList{"r-heatmap.png", "r-pareto.png"};
        QTest::newRow("svg") << "r.svg" << QStringList{"r-heatmap.svg", "r-pareto.svg"};
    }
    void exportWritesTheFiles()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, written);
        ModelView view;
        QVERIFY(!view.exportTo(QStringLiteral("/nonexistent/x.csv")).isEmpty()); // nothing to export yet
        QVERIFY(scan(view, fixture("shards")));
        QTemporaryDir dir;
        const QString error = view.exportTo(dir.filePath(file));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QString& w : written) {
            QFile f(dir.filePath(w));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(w));
            QVERIFY(f.size() > 100);
        }
        if (file.endsWith(QLatin1String(".csv"))) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll().toStdString(), reportToCsv(view.report()));
        }
        if (file.endsWith(QLatin1String(".json"))) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
            QCOMPARE(o.value(QStringLiteral("tensors")).toArray().size(), qsizetype(view.report().tensors.size()));
            QVERIFY(o.contains(QStringLiteral("plan")));
        }
    }
};

QTEST_MAIN(TestModelView)
#include "tst_modelview.moc"
