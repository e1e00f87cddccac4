// The Bit Lab's editor: clicking and dragging bits, typing values, the ±1 ULP
// buttons, every preset's extreme codes and keyboard-only use. Every expected
// value comes from the number-format core, never from the widgets.
#include "bitlab/bitlabview.h"
#include "bitlab/bitrowwidget.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"
#include "bitlab/formatproperties.h"
#include "bitlab/valuepanel.h"
#include "bitlabtestutil.h"
#include "formats/numberformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

using namespace qs;

Q_DECLARE_METATYPE(std::vector<int>)

using namespace qs::bitlabtest;

class TestBitLab : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsOnTheCourseExample()
    {
        BitLabView view;
        // docs/course.md: 25.125 in FP32 is 0 10000011 10010010000000000000000.
        const FloatFormat fp32 = FloatFormat::fp32();
        QCOMPARE(view.bitRow()->code(), fp32.encode(25.125).code);
        QCOMPARE(QString::fromStdString(fp32.bitString(view.bitRow()->code())),
                 QStringLiteral("01000001110010010000000000000000"));
        verifyShows(view, fp32, fp32.encode(25.125).code);
    }

    void clickBitsShowsCoreValue_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<std::vector<int>>("clicks");
        QTest::newRow("fp32 1.0") << "fp32" << std::vector<int>{29, 28, 27, 26, 25, 24, 23};
        QTest::newRow("fp32 -2^-149") << "fp32" << std::vector<int>{31, 0};
        QTest::newRow("fp16 65504") << "fp16" << std::vector<int>{14, 13, 12, 11, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        QTest::newRow("fp16 -inf") << "fp16" << std::vector<int>{15, 14, 13, 12, 11, 10};
        QTest::newRow("e4m3 448") << "fp8-e4m3" << std::vector<int>{6, 5, 4, 3, 2, 1};
        QTest::newRow("e4m3 nan") << "fp8-e4m3" << std::vector<int>{6, 5, 4, 3, 2, 1, 0};
        QTest::newRow("e4m3fnuz nan") << "fp8-e4m3fnuz" << std::vector<int>{7};
        QTest::newRow("e5m2 subnormal") << "fp8-e5m2" << std::vector<int>{0};
        QTest::newRow("fp4 6") << "fp4-e2m1" << std::vector<int>{2, 1, 0};
        QTest::newRow("e8m0 1.0") << "e8m0" << std::vector<int>{6, 5, 4, 3, 2, 1, 0};
        QTest::newRow("ufix5.3 25.125") << "ufix5.3" << std::vector<int>{7, 6, 3, 0};
        QTest::newRow("int8 -1") << "int8" << std::vector<int>{7, 6, 5, 4, 3, 2, 1, 0};
        QTest::newRow("click twice flips back") << "bf16" << std::vector<int>{14, 14, 7};
    }
    void clickBitsShowsCoreValue()
    {
        QFETCH(QString, spec);
        QFETCH(std::vector<int>, clicks);
        BitLabView view;
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const NumberFormat f = parseFormat(spec.toStdString());
        view.setFormat(f);
        view.setCode(0);
        QSignalSpy edited(view.bitRow(), &BitRowWidget::codeEdited);
        std::uint64_t expected = 0;
        for (int bit : clicks) {
            QTest::mouseClick(view.bitRow(), Qt::LeftButton, Qt::NoModifier, view.bitRow()->cellRect(bit).center());
            expected ^= std::uint64_t(1) << bit;
        }
        QCOMPARE(edited.count(), int(clicks.size()));
        verifyShows(view, f, expected);
        // After a bit edit the entry holds the decoded value and the error is zero.
        const double v = decodeCode(f, expected);
        if (std::isfinite(v))
            QCOMPARE(view.valuePanel()->currentValue(), v);
    }

    void dragPaintsBits()
    {
        BitLabView view;
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFormat(FloatFormat::fp16());
        view.setCode(0);
        BitRowWidget* row = view.bitRow();
        // Press on bit 9 (sets it), drag across bits 8..4, release: all become 1.
        sendMouse(row, QEvent::MouseButtonPress, row->cellRect(9).center(), Qt::LeftButton);
        for (int bit = 8; bit >= 4; --bit)
            sendMouse(row, QEvent::MouseMove, row->cellRect(bit).center(), Qt::LeftButton);
        sendMouse(row, QEvent::MouseButtonRelease, row->cellRect(4).center(), Qt::NoButton);
        const std::uint64_t painted = 0b1111110000;
        verifyShows(view, FloatFormat::fp16(), painted);
        // A press on a set bit paints zeros.
        sendMouse(row, QEvent::MouseButtonPress, row->cellRect(8).center(), Qt::LeftButton);
        sendMouse(row, QEvent::MouseMove, row->cellRect(7).center(), Qt::LeftButton);
        sendMouse(row, QEvent::MouseButtonRelease, row->cellRect(7).center(), Qt::NoButton);
        verifyShows(view, FloatFormat::fp16(), 0b1001110000);
    }

    void typedValuesAreEncodedByTheCore_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("saturate");
        const int ne = int(RoundingMode::NearestEven);
        QTest::newRow("fp32 0.1") << "fp32"
                                  << "0.1" << ne << false;
        QTest::newRow("fp32 25.125") << "fp32"
                                     << "25.125" << ne << false;
        QTest::newRow("fp16 1e8 overflow") << "fp16"
                                           << "1e8" << ne << false;
        QTest::newRow("fp16 1e-9 underflow") << "fp16"
                                             << "1e-9" << ne << false;
        QTest::newRow("fp16 1e-6 subnormal") << "fp16"
                                             << "1e-6" << ne << false;
        QTest::newRow("bf16 1+2^-8") << "bf16"
                                     << "1.00390625" << ne << false;
        QTest::newRow("e4m3 464 tie") << "fp8-e4m3"
                                      << "464" << ne << false;
        QTest::newRow("e4m3 465 nan") << "fp8-e4m3"
                                      << "465" << ne << false;
        QTest::newRow("e4m3 465 saturate") << "fp8-e4m3"
                                           << "465" << ne << true;
        QTest::newRow("e4m3 300") << "fp8-e4m3"
                                  << "300" << ne << false;
        QTest::newRow("e5m2 61439") << "fp8-e5m2"
                                    << "61439" << ne << false;
        QTest::newRow("e5m2 61440 inf") << "fp8-e5m2"
                                        << "61440" << ne << false;
        QTest::newRow("e2m1 5") << "fp4-e2m1"
                                << "5" << ne << false;
        QTest::newRow("e2m1 2.5") << "fp4-e2m1"
                                  << "2.5" << ne << false;
        QTest::newRow("e2m1 0.75") << "fp4-e2m1"
                                   << "0.75" << ne << false;
        QTest::newRow("e2m1 0.25") << "fp4-e2m1"
                                   << "0.25" << ne << false;
        QTest::newRow("e2m1 7 saturate") << "fp4-e2m1"
                                         << "7" << ne << true;
        QTest::newRow("int8 1.8 nearest") << "int8"
                                          << "1.8" << ne << false;
        QTest::newRow("int8 1.8 truncate") << "int8"
                                           << "1.8" << int(RoundingMode::TowardZero) << false;
        QTest::newRow("int8 1.4 truncate") << "int8"
                                           << "1.4" << int(RoundingMode::TowardZero) << false;
        QTest::newRow("int8 300 saturates") << "int8"
                                            << "300" << ne << false;
        QTest::newRow("ufix5.3 25.125") << "ufix5.3"
                                        << "25.125" << ne << false;
        QTest::newRow("fp16 2.5 away") << "fp16"
                                       << "2.0009765625" << int(RoundingMode::NearestAway) << false;
        QTest::newRow("fp16 ceil") << "fp16"
                                   << "0.1" << int(RoundingMode::TowardPositive) << false;
        QTest::newRow("fp16 floor") << "fp16"
                                    << "-0.1" << int(RoundingMode::TowardNegative) << false;
        QTest::newRow("bf16 stochastic") << "bf16"
                                         << "1.001" << int(RoundingMode::Stochastic) << false;
        QTest::newRow("fp32 power syntax") << "fp32"
                                           << "2^-149" << ne << false;
        QTest::newRow("fp32 -inf") << "fp32"
                                   << "-inf" << ne << false;
    }
    void typedValuesAreEncodedByTheCore()
    {
        QFETCH(QString, spec);
        QFETCH(QString, text);
        QFETCH(int, mode);
        QFETCH(bool, saturate);
        BitLabView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const NumberFormat f = parseFormat(spec.toStdString());
        view.setFormat(f);
        view.designer()->setSaturating(saturate);
        view.valuePanel()->setRoundingMode(RoundingMode(mode));
        auto* entry = view.findChild<QLineEdit*>(QStringLiteral("decimalEntry"));
        QVERIFY(entry);
        entry->clear();
        QTest::keyClicks(entry, text);
        QTest::keyClick(entry, Qt::Key_Return);

        const double x = ValuePanel::parseNumber(text).value();
        Rounding r;
        r.mode = RoundingMode(mode);
        // The first stochastic draw after the rounding change; the view counts draws from 0.
        EncodeOutcome expected;
        std::uint64_t expectedCode = 0;
        double expectedValue = 0;
        bool overflow = false, underflow = false;
        if (const auto* ff = std::get_if<FloatFormat>(&f)) {
            const EncodeResult e = ff->encode(x, r, saturate ? OverflowMode::Saturate : OverflowMode::Ieee,
                                              r.mode == RoundingMode::Stochastic ? 1 : 0);
            expectedCode = e.code;
            expectedValue = e.value;
            overflow = e.overflow;
            underflow = e.underflow;
        } else {
            const FixedEncodeResult e = std::get<FixedFormat>(f).encode(x, r);
            expectedCode = e.bits;
            expectedValue = e.value;
            overflow = e.saturated;
        }
        QCOMPARE(view.bitRow()->code(), expectedCode);
        verifyShows(view, f, expectedCode);
        QVERIFY2(labelText(view, "storedLabel").startsWith(shortValue(expectedValue)),
                 qPrintable(labelText(view, "storedLabel")));
        if (std::isfinite(expectedValue) && std::isfinite(x)) {
            const double err = double(static_cast<long double>(expectedValue) - static_cast<long double>(x));
            QCOMPARE(labelText(view, "absErrorLabel"), QString::number(err, 'g', 6));
            if (x != 0)
                QCOMPARE(labelText(view, "relErrorLabel"), QString::number(std::fabs(err / x), 'g', 6));
        }
        QCOMPARE(labelText(view, "flagsLabel").contains(QStringLiteral("overflow")), overflow);
        QCOMPARE(labelText(view, "flagsLabel").contains(QStringLiteral("underflow")), underflow);
    }

    void ulpButtonsStepOneCode()
    {
        BitLabView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const FloatFormat fp16 = FloatFormat::fp16();
        view.setFormat(fp16);
        view.enterValue(QStringLiteral("1"));
        const std::uint64_t one = fp16.encode(1.0).code;
        QCOMPARE(view.bitRow()->code(), one);
        QCOMPARE(labelText(view, "ulpLabel").section(QLatin1Char(' '), 0, 0), propertyNumber(fp16.ulp(one)));
        auto* next = view.findChild<QPushButton*>(QStringLiteral("nextButton"));
        auto* prev = view.findChild<QPushButton*>(QStringLiteral("prevButton"));
        QTest::mouseClick(next, Qt::LeftButton);
        verifyShows(view, fp16, fp16.nextUp(one));
        QCOMPARE(decodeCode(fp16, view.bitRow()->code()), 1.0 + std::ldexp(1.0, -10));
        QTest::mouseClick(prev, Qt::LeftButton);
        QTest::mouseClick(prev, Qt::LeftButton);
        verifyShows(view, fp16, fp16.nextDown(one));
        // At the top of the range the next button has nowhere to go.
        view.setCode(fp16.maxFiniteCode());
        QCOMPARE(next->isEnabled(), fp16.nextUp(fp16.maxFiniteCode()) != fp16.maxFiniteCode());
    }

    void presetExtremesRender_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("which");
        QTest::addColumn<qulonglong>("code");
        for (const FloatFormat& f : presetFloatFormats()) {
            const QString spec = QString::fromStdString(f.name());
            const auto add = [&](const char* which, std::uint64_t code) {
                QTest::addRow("%s %s", qPrintable(spec), which)
                    << spec << QString::fromLatin1(which) << qulonglong(code);
            };
            add("max", f.maxFiniteCode());
            if (f.isSigned())
                add("-max", f.maxFiniteCode(true));
            add("min normal", f.encode(f.minNormal()).code);
            if (f.hasSubnormals() && f.mantissaBits() > 0)
                add("min subnormal", f.encode(f.minSubnormal()).code);
            add("+0", f.zeroCode(false));
            if (f.hasNegativeZero())
                add("-0", f.zeroCode(true));
            if (f.infCode())
                add("+inf", *f.infCode());
            if (f.infCode(true) && f.isSigned())
                add("-inf", *f.infCode(true));
            if (f.nanCode())
                add("nan", *f.nanCode());
        }
    }
    void presetExtremesRender()
    {
        QFETCH(QString, spec);
        QFETCH(QString, which);
        QFETCH(qulonglong, code);
        BitLabView view;
        const NumberFormat f = parseFormat(spec.toStdString());
        view.designer()->applyPreset(spec);
        view.setCode(code);
        verifyShows(view, f, code);
        const FloatFormat& ff = std::get<FloatFormat>(f);
        if (which.contains(QLatin1String("max")))
            QCOMPARE(std::fabs(decodeCode(f, code)), ff.maxFinite());
        if (which == QLatin1String("min normal"))
            QCOMPARE(decodeCode(f, code), ff.minNormal());
        if (which == QLatin1String("min subnormal")) {
            QCOMPARE(decodeCode(f, code), ff.minSubnormal());
            QCOMPARE(labelText(view, "classLabel"), QStringLiteral("subnormal"));
        }
        if (which == QLatin1String("nan"))
            QCOMPARE(labelText(view, "classLabel"), QStringLiteral("nan"));
        // The properties panel names the same maximum as the core.
        QVERIFY2(view.properties()->text().contains(propertyNumber(ff.maxFinite())),
                 qPrintable(view.properties()->text()));
    }

    void keyboardOnly()
    {
        BitLabView view;
        view.resize(1400, 900);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setFormat(FloatFormat::fp16());
        view.setCode(0);
        // Tab from the first control must reach every editing control.
        QWidget* start = view.findChild<QWidget*>(QStringLiteral("presetButton"));
        start->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), start);
        QSet<QString> reached;
        for (int i = 0; i < 80; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            if (QWidget* w = QApplication::focusWidget())
                reached << w->objectName();
        }
        for (const char* name :
             {"kindCombo", "signedCheck", "exponentSpin", "mantissaSpin", "biasSpin", "subnormalCheck", "specialCombo",
              "saturateCheck", "resetButton", "bitRow", "prevButton", "nextButton", "decimalEntry", "roundingCombo"})
            QVERIFY2(reached.contains(QString::fromLatin1(name)), name);

        // Arrows move, Space flips, digits type a pattern.
        BitRowWidget* row = view.bitRow();
        row->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(row->hasFocus());
        QTest::keyClick(row, Qt::Key_Home);
        QCOMPARE(row->focusedBit(), 15);
        QTest::keyClick(row, Qt::Key_Space); // sign
        QTest::keyClick(row, Qt::Key_Right);
        QTest::keyClick(row, Qt::Key_Right);
        QTest::keyClick(row, Qt::Key_Space); // bit 13
        QCOMPARE(row->code(), std::uint64_t(0x8000 | 0x2000));
        QTest::keyClick(row, Qt::Key_Left);
        QCOMPARE(row->focusedBit(), 14);
        QTest::keyClick(row, Qt::Key_End);
        QCOMPARE(row->focusedBit(), 0);
        QTest::keyClick(row, Qt::Key_Return); // bit 0
        verifyShows(view, FloatFormat::fp16(), 0xA001);
        QTest::keyClick(row, Qt::Key_Home);
        QTest::keyClicks(row, QStringLiteral("0011110000000000")); // +1.0
        verifyShows(view, FloatFormat::fp16(), FloatFormat::fp16().encode(1.0).code);
        QCOMPARE(view.valuePanel()->currentValue(), 1.0);
    }

    void hoverExplainsWeights()
    {
        // The weight texts come from the layout: exponent bit j is worth 2^j, mantissa bit k 2^-(M-k).
        const NumberFormat fp32 = FloatFormat::fp32();
        QVERIFY(bitWeightText(fp32, 31).contains(QStringLiteral("Sign")));
        QVERIFY(bitWeightText(fp32, 30).contains(QStringLiteral("128")));
        QVERIFY(bitWeightText(fp32, 30).contains(QStringLiteral("bias 127")));
        QVERIFY(bitWeightText(fp32, 22).contains(QStringLiteral("0.5")));
        const NumberFormat sfix = parseFormat("sfix3.4");
        QVERIFY(bitWeightText(sfix, 7).contains(QStringLiteral("−8")));
        QVERIFY(bitWeightText(sfix, 0).contains(QStringLiteral("0.0625")));
    }

    void binaryFractions()
    {
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("0.1")), std::optional(false));
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("25.125")), std::optional(true));
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("1e-3")), std::optional(false));
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("2.5e-1")), std::optional(true));
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("3.90625e-3")), std::optional(true)); // 2^-8
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("-1e5")), std::optional(true));
        QCOMPARE(ValuePanel::isBinaryFraction(QStringLiteral("0.0")), std::optional(true));
        QVERIFY(!ValuePanel::isBinaryFraction(QStringLiteral("2^-9")));
        // In the view: 0.1 in FP64 is the nearest double, not 0.1 itself, and the panel says so.
        BitLabView view;
        view.designer()->applyPreset(QStringLiteral("fp64"));
        view.enterValue(QStringLiteral("0.1"));
        QVERIFY2(labelText(view, "flagsLabel").contains(QStringLiteral("no finite binary expansion")),
                 qPrintable(labelText(view, "flagsLabel")));
        QVERIFY(!labelText(view, "flagsLabel").contains(QStringLiteral("stored exactly")));
        view.enterValue(QStringLiteral("0.5"));
        QVERIFY(labelText(view, "flagsLabel").contains(QStringLiteral("stored exactly")));
    }

    void fitsSmallWindows()
    {
        // The main window must still fit 900 x 600 (and a 1024 x 768 projector): the view scrolls instead.
        BitLabView view;
        const QSize min = view.minimumSizeHint().expandedTo(view.minimumSize());
        QVERIFY2(min.width() <= 800 && min.height() <= 500,
                 qPrintable(QStringLiteral("%1x%2").arg(min.width()).arg(min.height())));
    }

    void resetReturnsToTheExample()
    {
        BitLabView view;
        view.designer()->applyPreset(QStringLiteral("fp8-e5m2"));
        view.enterValue(QStringLiteral("3"));
        view.findChild<QPushButton*>(QStringLiteral("resetButton"))->click();
        QCOMPARE(view.bitRow()->code(), FloatFormat::fp32().encode(25.125).code);
        QCOMPARE(view.context().value, 25.125);
    }
};

QTEST_MAIN(TestBitLab)
#include "tst_bitlab.moc"
