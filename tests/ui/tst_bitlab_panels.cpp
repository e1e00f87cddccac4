// The Bit Lab's sub-tabs: the 25.125 walk-through, the MXFP4 worked block, a
// double-rounding case that really differs, FP16 overflow/underflow, the code
// table, the comparison, the number line and the figure exports. Expected
// values come from the number-format core.
#include "bitlab/bitlabview.h"
#include "bitlab/bitrowwidget.h"
#include "bitlab/codetablepanel.h"
#include "bitlab/comparepanel.h"
#include "bitlab/conversionsteps.h"
#include "bitlab/doubleroundingpanel.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"
#include "bitlab/mxblockpanel.h"
#include "bitlab/numberlinepanel.h"
#include "bitlab/overflowpanel.h"
#include "bitlab/stepspanel.h"
#include "mainwindow/mainwindow.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;

namespace {

std::uint64_t bitsMask(int lo, int hi)
{
    std::uint64_t m = 0;
    for (int k = lo; k <= hi; ++k)
        m |= std::uint64_t(1) << k;
    return m;
}

const ConversionStep* findStep(const ConversionWalkthrough& w, const QString& title)
{
    for (const auto& s : w.steps)
        if (s.title == title)
            return &s;
    return nullptr;
}

QString svgRoot(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement)
            return xml.hasError() ? QString() : xml.name().toString();
    }
    return {};
}

bool parsesCompletely(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd())
        xml.readNext();
    return !xml.hasError();
}

} // namespace

class TestBitLabPanels : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void walkthrough25125()
    {
        // docs/course.md: 25.125 = 11001.001 = 1.1001001 × 2^4; exponent 131 = 10000011.
        const FloatFormat fp32 = FloatFormat::fp32();
        const ConversionWalkthrough w = explainConversion(fp32, 25.125, Rounding{}, false);
        QCOMPARE(w.code, fp32.encode(25.125).code);
        QCOMPARE(w.code, std::uint64_t(0x41C90000));
        const ConversionStep* binary = findStep(w, QStringLiteral("Write |x| in binary"));
        QVERIFY(binary && binary->detail.contains(QStringLiteral("11001.001")));
        QCOMPARE(binary->bits, std::uint64_t(0));
        const ConversionStep* norm = findStep(w, QStringLiteral("Normalise"));
        QVERIFY(norm && norm->detail.contains(QStringLiteral("1.1001001")) &&
                norm->detail.contains(QStringLiteral("2<sup>4</sup>")));
        const ConversionStep* exp = findStep(w, QStringLiteral("Biased exponent"));
        QVERIFY(exp && exp->detail.contains(QStringLiteral("131")) && exp->detail.contains(QStringLiteral("10000011")));
        QCOMPARE(exp->bits, bitsMask(23, 30));
        const ConversionStep* sign = findStep(w, QStringLiteral("Sign"));
        QVERIFY(sign);
        QCOMPARE(sign->bits, bitsMask(31, 31));
        const ConversionStep* mant = findStep(w, QStringLiteral("Mantissa and rounding"));
        QVERIFY(mant && mant->detail.contains(QStringLiteral("10010010000000000000000")));
        QCOMPARE(mant->bits, bitsMask(0, 22));
        QVERIFY(w.steps.back().detail.contains(QStringLiteral("0 10000011 10010010000000000000000")));

        // The same in the view: the Steps tab highlights the exponent bits on that step.
        BitLabView view;
        view.enterValue(QStringLiteral("25.125"));
        StepsPanel* steps = view.stepsPanel();
        steps->ensureRefreshed();
        // The tab renders the core's explanation: find the step that decides exactly the exponent bits.
        QCOMPARE(steps->walkthrough().code, fp32.encode(25.125).code);
        int expIndex = -1;
        for (int i = 0; i < int(steps->walkthrough().steps.size()); ++i)
            if (steps->walkthrough().steps[std::size_t(i)].bits == bitsMask(23, 30) && expIndex < 0)
                expIndex = i;
        QVERIFY(expIndex >= 0);
        steps->setCurrentStep(expIndex);
        QCOMPARE(steps->bitRow()->highlight().value_or(0), bitsMask(23, 30));
        QCOMPARE(steps->bitRow()->code(), fp32.encode(25.125).code);
        QVERIFY(steps->findChild<QLabel*>(QStringLiteral("stepDetail"))->text().contains(QStringLiteral("131")));
    }

    void roundingDecisionsExplained_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("x");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("phrase");
        const int ne = int(RoundingMode::NearestEven);
        QTest::newRow("bf16 tie to even") << "bf16" << 1.00390625 << ne << "tie";
        QTest::newRow("e2m1 2.5 tie") << "fp4-e2m1" << 2.5 << ne << "even";
        QTest::newRow("e4m3 300 up") << "fp8-e4m3" << 300.0 << ne << "Guard bit";
        QTest::newRow("fp16 0.3 sticky") << "fp16" << 0.3 << ne << "sticky";
        QTest::newRow("fp16 truncate") << "fp16" << 0.1 << int(RoundingMode::TowardZero) << "Truncation";
        QTest::newRow("e4m3 465 overflow") << "fp8-e4m3" << 465.0 << ne << "Overflow";
        QTest::newRow("fp16 subnormal") << "fp16" << 1e-6 << ne << "subnormal";
        QTest::newRow("ufix5.3 fixed") << "ufix5.3" << 25.125 << ne << "11001.001";
        QTest::newRow("int8 negative") << "int8" << -3.0 << ne << "two's complement";
    }
    void roundingDecisionsExplained()
    {
        QFETCH(QString, spec);
        QFETCH(double, x);
        QFETCH(int, mode);
        QFETCH(QString, phrase);
        const NumberFormat f = parseFormat(spec.toStdString());
        Rounding r;
        r.mode = RoundingMode(mode);
        const ConversionWalkthrough w = explainConversion(f, x, r, false);
        QCOMPARE(w.code, encodeValue(f, x, r, false).code);
        QString all;
        for (const auto& s : w.steps)
            all += s.title + QLatin1Char(' ') + s.detail + QLatin1Char('\n');
        QVERIFY2(all.contains(phrase, Qt::CaseInsensitive), qPrintable(all));
    }

    void mxfp4WorkedBlock()
    {
        // docs/course.md: {100, 20, 2.9, 0.5, −37, 7, 0.1} → X = 16 (E8M0 0x83), decoded 96, 16, 0, 0, −32, 8, 0.
        MxBlockPanel panel;
        const MxBlock& b = panel.block();
        QCOMPARE(b.scale, 16.0);
        QCOMPARE(b.scaleCode, std::uint64_t(0x83));
        QCOMPARE(FloatFormat::e8m0().decode(b.scaleCode), 16.0);
        QCOMPARE(panel.scaleRow()->code(), std::uint64_t(0x83));
        const double decoded[] = {96, 16, 0, 0, -32, 8, 0};
        const double inputs[] = {100, 20, 2.9, 0.5, -37, 7, 0.1};
        const FloatFormat e2m1 = FloatFormat::fp4E2M1();
        QCOMPARE(b.elements.size(), std::size_t(32));
        for (int i = 0; i < 7; ++i) {
            QCOMPARE(b.elements[std::size_t(i)].decoded, decoded[i]);
            // Independently: round x / 16 to nearest-even, saturating, in E2M1.
            const EncodeResult e = e2m1.encode(inputs[i] / 16, Rounding{}, OverflowMode::Saturate);
            QCOMPARE(b.elements[std::size_t(i)].code, e.code);
        }
        // Only 100 (100 / 16 = 6.25 > 6) is clamped.
        QVERIFY(panel.cardMarkedSaturated(0));
        for (int i = 1; i < 32; ++i)
            QVERIFY(!panel.cardMarkedSaturated(i));
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("mxScaleText"))->text().contains(QStringLiteral("0x83")));

        // Other element formats follow X = 2^(floor(log2 amax) − emax).
        const auto formats = mxElementFormats();
        for (std::size_t k = 0; k < formats.size(); ++k) {
            panel.setElementFormat(int(k));
            QCOMPARE(panel.block().sharedExponent, 6 - formats[k].emax);
        }
    }

    void doubleRoundingReallyDiffers_data()
    {
        QTest::addColumn<QString>("intermediate");
        QTest::addColumn<QString>("target");
        QTest::newRow("bf16 -> e4m3") << "bf16"
                                      << "fp8-e4m3";
        QTest::newRow("bf16 -> e5m2") << "bf16"
                                      << "fp8-e5m2";
        QTest::newRow("fp16 -> e4m3") << "fp16"
                                      << "fp8-e4m3";
        QTest::newRow("bf16 -> e2m1") << "bf16"
                                      << "fp4-e2m1";
    }
    void doubleRoundingReallyDiffers()
    {
        QFETCH(QString, intermediate);
        QFETCH(QString, target);
        const FloatFormat fp32 = FloatFormat::fp32();
        const FloatFormat mid = parseFloatFormat(intermediate.toStdString());
        const FloatFormat tgt = parseFloatFormat(target.toStdString());
        const auto found = findDoubleRoundingCase(fp32, mid, tgt, 1.0);
        QVERIFY(found);
        // Recompute both paths with the core alone.
        const double x = fp32.decode(found->sourceCode);
        const double once = tgt.decode(tgt.encode(x).code);
        const double twice = tgt.decode(tgt.encode(mid.decode(mid.encode(x).code)).code);
        QVERIFY2(once != twice, qPrintable(QStringLiteral("x=%1").arg(x, 0, 'g', 17)));
        QCOMPARE(found->direct, once);
        QCOMPARE(found->twice, twice);
        // Round-to-nearest directly is the correct one: it is the nearer neighbour.
        QVERIFY(std::fabs(once - x) <= std::fabs(twice - x));
    }

    void doubleRoundingPanelStartsOnADifference()
    {
        DoubleRoundingPanel panel;
        QVERIFY(panel.current().differ());
        const FloatFormat fp32 = FloatFormat::fp32();
        const double x = panel.current().source;
        QCOMPARE(panel.current().direct, FloatFormat::fp8E4M3().encode(x).value);
        QCOMPARE(panel.current().twice, FloatFormat::fp8E4M3().encode(FloatFormat::bf16().encode(x).value).value);
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("doubleRoundingExplanation"))
                    ->text()
                    .contains(QStringLiteral("midpoint")));
        QVERIFY(panel.setValue(QStringLiteral("1.5")));
        QVERIFY(!panel.current().differ());
        Q_UNUSED(fp32);
    }

    void overflowAndUnderflow()
    {
        OverflowPanel panel;
        QVERIFY(panel.evaluate(QStringLiteral("10000"), QLatin1Char('*'), QStringLiteral("10000")));
        QCOMPARE(panel.exactResult(), 1e8);
        const auto& r = panel.rows();
        QCOMPARE(r.size(), std::size_t(3));
        QCOMPARE(r[0].stored, FloatFormat::fp32().encode(1e8).value);
        QVERIFY(!r[0].overflow);
        QVERIFY(r[1].overflow); // FP16 max is 65504
        QCOMPARE(r[1].code, *FloatFormat::fp16().infCode());
        QVERIFY(!r[2].overflow);
        QCOMPARE(r[2].stored, FloatFormat::bf16().encode(1e8).value);
        QVERIFY(panel.findChild<QLabel*>(QStringLiteral("overflowLesson"))
                    ->text()
                    .contains(QStringLiteral("FP16 overflows")));

        QVERIFY(panel.evaluate(QStringLiteral("1e-8"), QLatin1Char('*'), QStringLiteral("1e-3")));
        const auto& u = panel.rows();
        QCOMPARE(u[1].stored, 0.0); // vanished in FP16
        QVERIFY(u[1].underflow);
        QVERIFY(u[2].stored != 0.0); // survives in BF16
        QVERIFY(!u[2].underflow);
        QCOMPARE(u[2].stored, FloatFormat::bf16().encode(panel.exactResult()).value);
        QVERIFY(std::fabs(panel.exactResult() - 1e-11) < 1e-24);
        QCOMPARE(panel.table()->rowCount(), 3);
        QVERIFY(panel.table()->item(1, 3)->text().contains(QStringLiteral("UNDERFLOW")));
    }

    void overflowTextsFollowTheZeroLayout()
    {
        // Flush to zero: below minNormal, not "below 0" (minSubnormal is 0).
        const FloatFormat ftz = std::get<FloatFormat>(parseFormat("e5m10,subnormals=off"));
        QVERIFY(ftz.flushesToZero());
        QCOMPARE(ftz.minSubnormal(), 0.0);
        const EncodeResult gone = ftz.encode(ftz.minNormal() / 4);
        QCOMPARE(gone.value, 0.0);
        QVERIFY(gone.underflow);
        QString t = OverflowPanel::outcomeText(ftz, gone);
        QVERIFY2(t.contains(QStringLiteral("flushes to zero")), qPrintable(t));
        QVERIFY2(t.contains(propertyNumber(ftz.minNormal())), qPrintable(t));
        // Rounded up to minNormal with the underflow flag: a normal number, not a subnormal.
        const EncodeResult up = ftz.encode(ftz.minNormal() * 0.75);
        QCOMPARE(up.value, ftz.minNormal());
        QVERIFY(up.underflow);
        QVERIFY(ftz.classify(up.code) == ValueClass::Normal);
        t = OverflowPanel::outcomeText(ftz, up);
        QVERIFY2(!t.contains(QStringLiteral("subnormal")), qPrintable(t));
        QVERIFY2(t.contains(QStringLiteral("UNDERFLOW")), qPrintable(t));
        // No zero (E8M0): below the smallest value clamps to it, also not a subnormal.
        const FloatFormat e8m0 = FloatFormat::e8m0();
        const EncodeResult clamp = e8m0.encode(std::ldexp(1.0, -130));
        QCOMPARE(clamp.value, std::ldexp(1.0, -127));
        QVERIFY(clamp.underflow);
        QVERIFY(!OverflowPanel::outcomeText(e8m0, clamp).contains(QStringLiteral("subnormal")));
        // With subnormals the texts are as before.
        const FloatFormat fp16 = FloatFormat::fp16();
        const EncodeResult zero = fp16.encode(fp16.minSubnormal() / 4);
        QCOMPARE(zero.value, 0.0);
        t = OverflowPanel::outcomeText(fp16, zero);
        QVERIFY2(t.contains(propertyNumber(fp16.minSubnormal())) && !t.contains(QStringLiteral("flushes")),
                 qPrintable(t));
        const EncodeResult sub = fp16.encode(1e-6);
        QVERIFY(fp16.classify(sub.code) == ValueClass::Subnormal);
        QVERIFY(OverflowPanel::outcomeText(fp16, sub).startsWith(QStringLiteral("subnormal")));
    }

    void stepsForTheZeroFreeLayout()
    {
        // E8M0: 2^-127 is code 0 (emin = −bias), walked through as a biased exponent 0.
        const NumberFormat e8m0 = FloatFormat::e8m0();
        const ConversionWalkthrough w = explainConversion(e8m0, std::ldexp(1.0, -127), Rounding{}, false);
        QCOMPARE(w.code, std::uint64_t(0));
        QCOMPARE(w.stored, std::ldexp(1.0, -127));
        const ConversionStep* biased = findStep(w, QStringLiteral("Biased exponent"));
        QVERIFY(biased);
        QVERIFY2(biased->detail.contains(QStringLiteral("-127 + 127 = 0")), qPrintable(biased->detail));
    }

    void codeTableSelectsIntoEditor_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("e4m3") << "fp8-e4m3" << 16 << 16;
        QTest::newRow("e5m2fnuz") << "fp8-e5m2fnuz" << 16 << 16;
        QTest::newRow("e3m2") << "fp6-e3m2" << 4 << 16;
        QTest::newRow("e2m1") << "fp4-e2m1" << 1 << 16;
        QTest::newRow("e8m0") << "e8m0" << 16 << 16;
        QTest::newRow("int8") << "int8" << 16 << 16;
    }
    void codeTableSelectsIntoEditor()
    {
        QFETCH(QString, spec);
        QFETCH(int, rows);
        QFETCH(int, cols);
        BitLabView view;
        view.resize(1400, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.designer()->applyPreset(spec);
        QVERIFY(view.showSubTab(QStringLiteral("codes")));
        CodeTablePanel* panel = view.codeTablePanel();
        QTableWidget* t = panel->table();
        QCOMPARE(t->rowCount(), rows);
        QCOMPARE(t->columnCount(), cols);
        const NumberFormat f = parseFormat(spec.toStdString());
        for (std::uint64_t code = 0; code < std::uint64_t(rows * cols); ++code) {
            const auto [r, c] = CodeTablePanel::cellOf(code, totalBits(f));
            QCOMPARE(t->item(r, c)->text(), shortValue(decodeCode(f, code)));
        }
        // Click the last cell: the editor shows that code.
        const std::uint64_t pick = std::uint64_t(rows * cols - 2);
        const auto [r, c] = CodeTablePanel::cellOf(pick, totalBits(f));
        const QRect cell = t->visualItemRect(t->item(r, c));
        QTest::mouseClick(t->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
        QTRY_COMPARE(view.bitRow()->code(), pick);
        QCOMPARE(view.context().code, pick);
    }

    void codeTableValuesMatchOcp()
    {
        const NumberFormat e4m3 = FloatFormat::fp8E4M3();
        QCOMPARE(shortValue(decodeCode(e4m3, 0x7E)), QStringLiteral("448"));
        QCOMPARE(shortValue(decodeCode(e4m3, 0x7F)), QStringLiteral("NaN"));
        QCOMPARE(shortValue(decodeCode(e4m3, 0x01)), QStringLiteral("0.001953125"));
        const NumberFormat fnuz = FloatFormat::fp8E4M3Fnuz();
        QCOMPARE(shortValue(decodeCode(fnuz, 0x80)), QStringLiteral("NaN"));
        QCOMPARE(shortValue(decodeCode(fnuz, 0x7F)), QStringLiteral("240"));
    }

    void compareStoresTheValueInEachFormat()
    {
        BitLabView view;
        view.enterValue(QStringLiteral("0.1"));
        ComparePanel* panel = view.comparePanel();
        panel->setCheckedSpecs(
            {QStringLiteral("fp16"), QStringLiteral("bf16"), QStringLiteral("fp8-e4m3"), QStringLiteral("fp4-e2m1")});
        panel->ensureRefreshed();
        const auto& rows = panel->rows();
        QCOMPARE(rows.size(), std::size_t(5)); // the edited format first
        QCOMPARE(rows[0].stored, FloatFormat::fp32().encode(0.1).value);
        QCOMPARE(rows[1].stored, FloatFormat::fp16().encode(0.1).value);
        QCOMPARE(rows[2].stored, FloatFormat::bf16().encode(0.1).value);
        QCOMPARE(rows[3].code, FloatFormat::fp8E4M3().encode(0.1).code);
        QCOMPARE(rows[4].stored, FloatFormat::fp4E2M1().encode(0.1).value);
    }

    void numberLineShowsDensityAndInterval()
    {
        const FloatFormat e4m3 = FloatFormat::fp8E4M3();
        const auto values = NumberLinePanel::representableValues(e4m3, 0);
        // 256 codes − 2 NaNs, ±0 drawn once.
        QCOMPARE(values.size(), std::size_t(253));
        QCOMPARE(values.back(), 448.0);
        QCOMPARE(values.front(), -448.0);
        // Spacing halves with each binade toward zero.
        const auto gapAt = [&](double v) {
            const auto it = std::lower_bound(values.begin(), values.end(), v);
            return *(it + 1) - *it;
        };
        QCOMPARE(gapAt(1.0), e4m3.ulp(e4m3.encode(1.0).code));
        QCOMPARE(gapAt(1.0), 2 * gapAt(0.5));
        QCOMPARE(gapAt(2.0), 2 * gapAt(1.0));
        // Round-to-nearest interval around 1.0: halfway to 0.9375 and to 1.125.
        const auto [lo, hi] = NumberLinePanel::roundingInterval(e4m3, e4m3.encode(1.0).code, Rounding{});
        QCOMPARE(lo, 0.96875);
        QCOMPARE(hi, 1.0625);
        const auto [tlo, thi] =
            NumberLinePanel::roundingInterval(e4m3, e4m3.encode(1.0).code, Rounding{RoundingMode::TowardZero, 0});
        QCOMPARE(tlo, 1.0);
        QCOMPARE(thi, 1.125);

        BitLabView view;
        view.designer()->applyPreset(QStringLiteral("fp8-e4m3"));
        view.enterValue(QStringLiteral("1"));
        NumberLinePanel* panel = view.numberLinePanel();
        panel->setComparisonSpecs({QStringLiteral("fp4-e2m1")});
        panel->ensureRefreshed();
        QCOMPARE(panel->plot()->graphCount(), 2);
        QCOMPARE(panel->plot()->graph(0)->dataCount(), 253);
        QCOMPARE(panel->plot()->graph(1)->dataCount(), 15); // E2M1: ±{0.5 … 6} and 0
        QVERIFY(panel->plot()->itemCount() >= 2);           // marker and interval
    }

    void exportsOpen_data()
    {
        QTest::addColumn<bool>("numberLine");
        QTest::addColumn<QString>("suffix");
        for (bool nl : {false, true})
            for (const char* s : {"png", "pdf", "svg"})
                QTest::addRow("%s %s", nl ? "numberline" : "bitrow", s) << nl << QString::fromLatin1(s);
    }
    void exportsOpen()
    {
        QFETCH(bool, numberLine);
        QFETCH(QString, suffix);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        BitLabView view;
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString path = dir.filePath(QStringLiteral("figure.") + suffix);
        FigureOptions o;
        o.size = QSize(900, 300);
        o.dpi = 150;
        const QString error = numberLine ? view.exportNumberLine(path, o) : view.exportBitRow(path, o);
        QCOMPARE(error, QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(8);
        if (suffix == QLatin1String("png")) {
            const QImage image(path);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), QSize(900, 300));
        } else if (suffix == QLatin1String("pdf")) {
            QVERIFY(head.startsWith("%PDF"));
        } else {
            QCOMPARE(svgRoot(path), QStringLiteral("svg"));
            QVERIFY(parsesCompletely(path));
        }
    }

    // Not a check: with QS_BITLAB_SHOTS=DIR, saves the main window on every sub-tab for review.
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("QS_BITLAB_SHOTS");
        if (dir.isEmpty())
            QSKIP("set QS_BITLAB_SHOTS=DIR to save screenshots");
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.showView(QStringLiteral("bitlab")));
        auto* view = w.findChild<BitLabView*>();
        QVERIFY(view);
        const QStringList tabs = {
            QStringLiteral("steps"), QStringLiteral("compare"),        QStringLiteral("numberline"),
            QStringLiteral("codes"), QStringLiteral("doublerounding"), QStringLiteral("overflow"),
            QStringLiteral("mx")};
        for (const QString& tab : tabs) {
            if (tab == QLatin1String("codes") || tab == QLatin1String("numberline"))
                view->designer()->applyPreset(QStringLiteral("fp8-e4m3"));
            if (tab == QLatin1String("numberline"))
                view->enterValue(QStringLiteral("5"));
            if (tab == QLatin1String("steps")) {
                // Show the step a class remembers: the biased exponent 131 = 10000011.
                view->stepsPanel()->ensureRefreshed();
                const auto& st = view->stepsPanel()->walkthrough().steps;
                for (int i = 0; i < int(st.size()); ++i)
                    if (st[std::size_t(i)].bits == bitsMask(23, 30)) {
                        view->stepsPanel()->setCurrentStep(i);
                        break;
                    }
            }
            view->showSubTab(tab);
            QTest::qWait(50);
            QVERIFY(w.grab().save(dir + QStringLiteral("/bitlab-") + tab + QStringLiteral(".png")));
            view->reset();
        }
        // The fixed-vs-float lesson and the linear number line.
        view->designer()->applyPreset(QStringLiteral("ufix5.3"));
        view->showSubTab(QStringLiteral("steps"));
        view->stepsPanel()->setCurrentStep(2);
        QTest::qWait(50);
        QVERIFY(w.grab().save(dir + QStringLiteral("/bitlab-fixed.png")));
        view->designer()->applyPreset(QStringLiteral("fp8-e4m3"));
        view->enterValue(QStringLiteral("5"));
        view->numberLinePanel()->setLogScale(false);
        view->showSubTab(QStringLiteral("numberline"));
        QTest::qWait(50);
        QVERIFY(w.grab().save(dir + QStringLiteral("/bitlab-numberline-linear.png")));
        view->numberLinePanel()->setLogScale(true);
        view->reset();
        view->exportBitRow(dir + QStringLiteral("/bitrow.png"), {});
        view->exportBitRow(dir + QStringLiteral("/bitrow.svg"), {});
        // The widest format: 64 cells must still fit and stay legible.
        view->designer()->applyPreset(QStringLiteral("fp64"));
        view->enterValue(QStringLiteral("0.1"));
        view->showSubTab(QStringLiteral("compare"));
        QTest::qWait(50);
        QVERIFY(w.grab().save(dir + QStringLiteral("/bitlab-fp64.png")));
        view->reset();
        // A dark theme: the field colours must stay readable on a dark base.
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
        dark.setColor(QPalette::Base, QColor(0x15, 0x16, 0x18));
        dark.setColor(QPalette::Button, QColor(0x30, 0x32, 0x36));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            dark.setColor(role, QColor(0xee, 0xee, 0xee));
        w.setPalette(dark);
        view->showSubTab(QStringLiteral("mx"));
        QTest::qWait(50);
        QVERIFY(w.grab().save(dir + QStringLiteral("/bitlab-dark.png")));
        w.setPalette(QPalette());
        view->designer()->applyPreset(QStringLiteral("fp8-e4m3"));
        view->enterValue(QStringLiteral("5"));
        view->exportNumberLine(dir + QStringLiteral("/numberline.png"), {QSize(1200, 450), 96, {}, {}});
        view->exportNumberLine(dir + QStringLiteral("/numberline.pdf"), {QSize(1200, 450), 96, {}, {}});
    }
};

QTEST_MAIN(TestBitLabPanels)
#include "tst_bitlab_panels.moc"
