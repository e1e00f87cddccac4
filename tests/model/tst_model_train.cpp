// The digits data and the float MLP: loading, the seeded split, gradients
// against finite differences, and training to > 90 % test accuracy.
#include "modeltestutil.h"

#include "formats/error.h"
#include "io/ioerror.h"

#include <QtTest>

#include <atomic>
#include <set>

using namespace qs;

class TestModelTrain : public QObject
{
    Q_OBJECT
private slots:
    void datasetShape();
    void parseRejects_data();
    void parseRejects();
    void splitIsSeededPartition();
    void gradientMatchesFiniteDifference();
    void trainingReachesAccuracy();
    void cancelStopsTraining();
};

void TestModelTrain::datasetShape()
{
    const Dataset d = loadDigits(QS_DIGITS_CSV);
    QCOMPARE(d.size(), 1797);
    QCOMPARE(d.x.cols(), 64);
    QVERIFY(d.x.minCoeff() == 0.0f);
    QVERIFY(d.x.maxCoeff() == 1.0f);
    // The first image of the file, by hand: row 0 starts 0,0,5,13,9,1,0,0 and is a 0.
    QCOMPARE(d.x(0, 2), 5.0f / 16);
    QCOMPARE(d.x(0, 3), 13.0f / 16);
    QCOMPARE(d.labels[0], 0);
    std::vector<int> perClass(10, 0);
    for (int l : d.labels)
        ++perClass[std::size_t(l)];
    QCOMPARE(perClass[0], 178); // class counts of the UCI test set
    QCOMPARE(perClass[8], 174);
}

void TestModelTrain::parseRejects_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::newRow("too few fields") << QByteArray("1,2,3\n");
    QTest::newRow("grey level 17") << (QByteArray("17") + QByteArray(",0").repeated(63) + ",1\n");
    QTest::newRow("label 10") << (QByteArray("0") + QByteArray(",0").repeated(63) + ",10\n");
    QTest::newRow("not a number") << (QByteArray("x") + QByteArray(",0").repeated(63) + ",1\n");
    QTest::newRow("empty") << QByteArray("\n\n");
}

void TestModelTrain::parseRejects()
{
    QFETCH(QByteArray, csv);
    QVERIFY_THROWS_EXCEPTION(IoError, parseDigits(csv));
}

void TestModelTrain::splitIsSeededPartition()
{
    const Dataset d = loadDigits(QS_DIGITS_CSV);
    const DatasetSplit a = splitDataset(d, 0.2, 1), b = splitDataset(d, 0.2, 1), c = splitDataset(d, 0.2, 2);
    QCOMPARE(a.test.size(), 359); // round(0.2 * 1797)
    QCOMPARE(a.train.size() + a.test.size(), d.size());
    QCOMPARE(a.test.index, b.test.index);
    QVERIFY(a.test.index != c.test.index);
    std::set<int> all(a.train.index.begin(), a.train.index.end());
    all.insert(a.test.index.begin(), a.test.index.end());
    QCOMPARE(std::int64_t(all.size()), d.size()); // disjoint and complete
    for (std::size_t i = 0; i < a.test.index.size(); ++i)
        QCOMPARE(a.test.labels[i], d.labels[std::size_t(a.test.index[i])]);
}

// One SGD step with a tiny learning rate changes the loss by -lr |g|²; check the
// analytic gradient through that identity against central differences of the loss.
void TestModelTrain::gradientMatchesFiniteDifference()
{
    const Dataset batch = qs::test::digitsSplit().train.head(16);
    Mlp m = Mlp::init({64, 8, 10}, 3);
    // Perturb a few weights with central differences and compare with one momentum-free
    // SGD step's change of each weight: Δw = -lr g.
    FitConfig cfg;
    cfg.epochs = 1;
    cfg.batchSize = 16;
    cfg.optimizer = Optimizer::Momentum;
    cfg.momentum = 0;
    cfg.learningRate = 1e-3;
    Mlp stepped = m;
    fit(stepped, batch, cfg, nullptr, nullptr, {}, nullptr);
    const int probes[][3] = {{0, 0, 10}, {0, 5, 20}, {1, 3, 4}, {1, 9, 7}};
    for (const auto& p : probes) {
        const double h = 1e-2;
        Mlp plus = m, minus = m;
        plus.layers[std::size_t(p[0])].w(p[1], p[2]) += float(h);
        minus.layers[std::size_t(p[0])].w(p[1], p[2]) -= float(h);
        const double numeric =
            (crossEntropy(forward(plus, batch.x), batch.labels) - crossEntropy(forward(minus, batch.x), batch.labels)) /
            (2 * h);
        const double analytic =
            -(double(stepped.layers[std::size_t(p[0])].w(p[1], p[2])) - m.layers[std::size_t(p[0])].w(p[1], p[2])) /
            cfg.learningRate;
        QVERIFY2(std::abs(numeric - analytic) < 2e-3 + 0.05 * std::abs(numeric),
                 qPrintable(QString("numeric %1 analytic %2").arg(numeric).arg(analytic)));
    }
}

void TestModelTrain::trainingReachesAccuracy()
{
    const TrainResult& r = qs::test::trainedNet();
    QVERIFY(!r.cancelled);
    QCOMPARE(int(r.history.size()), TrainConfig{}.fit.epochs);
    QCOMPARE(r.model.sizes(), (std::vector<int>{64, 32, 10}));
    QCOMPARE(r.model.parameterCount(), 64 * 32 + 32 + 32 * 10 + 10);
    qInfo("float test accuracy %.4f after %d epochs", r.testAccuracy, int(r.history.size()));
    QVERIFY(r.testAccuracy > 0.90);
    QVERIFY(r.history.back().loss < r.history.front().loss);
    // The same seed gives the same network.
    const TrainResult again = trainMlp(qs::test::digitsSplit().train, qs::test::digitsSplit().test, TrainConfig{});
    QCOMPARE(again.testAccuracy, r.testAccuracy);
}

void TestModelTrain::cancelStopsTraining()
{
    std::atomic<bool> cancel{false};
    ModelProgress p;
    p.cancel = &cancel;
    int epochsSeen = 0;
    p.epoch = [&](const EpochStats& s) {
        ++epochsSeen;
        if (s.epoch == 2)
            cancel = true;
    };
    const TrainResult r = trainMlp(qs::test::digitsSplit().train, qs::test::digitsSplit().test, TrainConfig{}, p);
    QVERIFY(r.cancelled);
    QCOMPARE(epochsSeen, 2);
    QCOMPARE(int(r.history.size()), 2);
}

QTEST_GUILESS_MAIN(TestModelTrain)
#include "tst_model_train.moc"
