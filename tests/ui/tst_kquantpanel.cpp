// The Bit Lab's K-quant block view: clicking a block of a real tensor shows the
// numbers the core computes for it (d, dmin, the sub-block scale and min codes,
// the codes, the reconstruction), the strip has one cell per whole block, the
// main window hands the explorer's data over, and a row that is not a whole
// number of blocks is said so.
#include "bitlab/bitlabview.h"
#include "bitlab/kquantpanel.h"
#include "explorer/explorerview.h"
#include "mainwindow/mainwindow.h"
#include "quant/ggmlblock.h"
#include "session/session.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <bit>
#include <cmath>

using namespace qs;

namespace {

// Rows of 768 values: an ESRGAN-like mixture of magnitudes per 16 values, with one outlier per row.
Tensor sampleTensor()
{
    std::vector<float> v(3 * 768);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = float(std::sin(0.7 * double(i)) * std::pow(10.0, double((i / 16) % 4) - 3.0));
    v[100] = 0.9f;
    v[768 + 500] = -1.5f;
    return Tensor::fromVector(v).reshaped({3, 768});
}

bool sameFloat(const QVariant& shown, float core)
{
    return std::bit_cast<std::uint32_t>(float(shown.toDouble())) == std::bit_cast<std::uint32_t>(core);
}

} // namespace

class TestKQuantPanel : public QObject
{
    Q_OBJECT
private slots:
    void clickShowsCoreNumbers_data();
    void clickShowsCoreNumbers();
    void partialRowsAreNamed();
    void followsExplorerData();
    void tablesHaveRoomAt1280x720();
};

void TestKQuantPanel::clickShowsCoreNumbers_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("block");
    QTest::newRow("q4_K") << "q4_K" << 1 << 1;
    QTest::newRow("q2_K") << "q2_K" << 0 << 0;
    QTest::newRow("q3_K") << "Q3_K" << 2 << 2;
    QTest::newRow("q5_K") << "q5_K" << 0 << 2;
    QTest::newRow("q6_K") << "q6_K" << 1 << 0;
    QTest::newRow("q4_1") << "q4_1" << 0 << 3;
    QTest::newRow("iq4_nl") << "iq4_nl" << 2 << 23;
}

void TestKQuantPanel::clickShowsCoreNumbers()
{
    QFETCH(QString, type);
    QFETCH(int, row);
    QFETCH(int, block);
    KQuantPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const Tensor x = sampleTensor();
    panel.setTensor(x, QStringLiteral("sample"));
    QVERIFY(panel.setTypeName(type));
    QVERIFY(panel.selectBlock(row, 0));

    // Click the block in the strip, as a user does.
    const int blockSize = ggml::typeByName(type.toStdString())->blockSize;
    QCOMPARE(panel.strip()->count(), 768 / blockSize);
    QTest::mouseClick(panel.strip(), Qt::LeftButton, {}, panel.strip()->cellRect(block).center());
    QTRY_COMPARE(panel.blockIndex(), std::int64_t(block));
    QCOMPARE(panel.strip()->selected(), block);

    // What the core computes for that block.
    const std::uint32_t id = ggml::typeByName(type.toStdString())->id;
    const ggml::QuantizedBlock core = ggml::quantizeBlock(id, x.data() + row * 768 + block * blockSize, block);
    const ggml::BlockDescription& d = core.block;
    QCOMPARE(panel.block().block.bytes, d.bytes);

    const QString header = panel.headerLabel()->text();
    QVERIFY2(header.contains(QString::number(double(d.d), 'g', 7)), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("0x%1").arg(d.dBits, 4, 16, QLatin1Char('0'))), qPrintable(header));
    if (d.hasMin)
        QVERIFY2(header.contains(QString::number(double(d.dmin), 'g', 7)), qPrintable(header));

    QTableWidget* subs = panel.subBlockTable();
    QCOMPARE(subs->rowCount(), int(d.subBlocks.size()));
    for (int j = 0; j < subs->rowCount(); ++j) {
        const ggml::SubBlock& s = d.subBlocks[std::size_t(j)];
        if (d.scaleBits > 0)
            QCOMPARE(subs->item(j, 2)->data(Qt::UserRole).toInt(), s.scaleCode);
        if (s.minCode >= 0)
            QCOMPARE(subs->item(j, 4)->data(Qt::UserRole).toInt(), s.minCode);
        QVERIFY(sameFloat(subs->item(j, 3)->data(Qt::UserRole), s.scale));
        // The min column holds the formula's term: dmin·m_j (subtracted) or Q4_1's m (added).
        if (d.hasMin)
            QVERIFY(sameFloat(subs->item(j, 5)->data(Qt::UserRole), blockSize == 32 ? s.bias : -s.bias));
    }
    const QString minHeader = subs->horizontalHeaderItem(5)->text();
    QVERIFY2(!d.hasMin || QString::fromStdString(d.formula).contains(minHeader), qPrintable(minHeader));
    QTableWidget* values = panel.valueTable();
    QCOMPARE(values->rowCount(), blockSize);
    for (int j = 0; j < blockSize; ++j) {
        const std::size_t k = std::size_t(j);
        QVERIFY(sameFloat(values->item(j, 2)->data(Qt::UserRole), x.data()[row * 768 + block * blockSize + j]));
        QCOMPARE(values->item(j, 3)->data(Qt::UserRole).toInt(), d.codes[k]);
        QVERIFY(values->item(j, 3)->text().startsWith(QString::number(d.codes[k]) + QStringLiteral(" (")));
        QVERIFY(sameFloat(values->item(j, 4)->data(Qt::UserRole), d.values[k]));
        QCOMPARE(values->item(j, 4)->text(), QString::number(double(d.values[k]), 'g', 7));
        QVERIFY(sameFloat(values->item(j, 5)->data(Qt::UserRole), core.error[k]));
    }
    // The byte map names every field of the layout.
    for (const auto& f : d.fields)
        QVERIFY(panel.byteLabel()->text().contains(QString::fromStdString(f.name)));
}

void TestKQuantPanel::partialRowsAreNamed()
{
    KQuantPanel panel;
    std::vector<float> v(600, 0.25f);
    panel.setTensor(Tensor::fromVector(v).reshaped({2, 300}), QStringLiteral("rows of 300"));
    QVERIFY(panel.setTypeName(QStringLiteral("q4_K")));
    QVERIFY(panel.note().contains(QStringLiteral("44"))); // 300 = 256 + 44
    QCOMPARE(panel.strip()->count(), 1);
    QVERIFY(panel.hasBlock());
    QVERIFY(!panel.selectBlock(0, 1)); // no second whole block
    std::vector<float> w(200, 0.25f);
    panel.setTensor(Tensor::fromVector(w), QStringLiteral("200 values"));
    QVERIFY(!panel.hasBlock());
    QVERIFY(panel.note().contains(QStringLiteral("200")));
}

void TestKQuantPanel::followsExplorerData()
{
    MainWindow window;
    auto* bitLab = window.findChild<BitLabView*>();
    auto* explorer = window.findChild<ExplorerView*>();
    QVERIFY(bitLab && explorer);
    QVERIFY(bitLab->showSubTab(QStringLiteral("kquant")));
    KQuantPanel* panel = bitLab->kQuantPanel();
    QVERIFY(panel->hasBlock());
    // The explorer's tensor is the one whose blocks are shown.
    const Tensor& t = explorer->session()->tensor();
    const std::int64_t first = panel->row() * ggml::rowView(t.shape()).length;
    QCOMPARE(panel->block().original.front(), t.data()[first + panel->blockIndex() * 256]);
}

// At 1280 x 720 the format editor above the sub-tabs left the K-quant tables no
// visible row (the screenshot showed only the top of the strip): the editor steps
// aside while the K-quant tab is shown, and comes back with any other tab.
void TestKQuantPanel::tablesHaveRoomAt1280x720()
{
    MainWindow window;
    window.resize(1280, 720);
    QVERIFY(window.showView(QStringLiteral("bitlab/kquant")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* bitLab = window.findChild<BitLabView*>();
    KQuantPanel* panel = bitLab->kQuantPanel();
    QVERIFY(panel->hasBlock());
    for (QTableWidget* t : {panel->subBlockTable(), panel->valueTable()}) {
        // Eight rows of each table inside the window, not scrolled out of it.
        const QRect inWindow(t->viewport()->mapTo(&window, QPoint(0, 0)), t->viewport()->size());
        QVERIFY2(window.rect().contains(inWindow), qPrintable(t->objectName()));
        QVERIFY2(t->viewport()->height() >= 8 * t->rowHeight(0),
                 qPrintable(QStringLiteral("%1: %2 px for rows of %3 px")
                                .arg(t->objectName())
                                .arg(t->viewport()->height())
                                .arg(t->rowHeight(0))));
    }
    QVERIFY(!bitLab->editor()->isVisible());
    QVERIFY(bitLab->showSubTab(QStringLiteral("steps")));
    QTRY_VERIFY(bitLab->editor()->isVisible());
}

QTEST_MAIN(TestKQuantPanel)
#include "tst_kquantpanel.moc"
