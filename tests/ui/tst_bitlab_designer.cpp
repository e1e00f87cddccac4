// Format designer, properties panel and field labels of the Bit Lab, checked against the core.
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

class TestBitLabDesigner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void courseFiguresInProperties_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("figure");
        QTest::newRow("fp16 max") << "fp16"
                                  << "65504";
        QTest::newRow("e4m3 max") << "fp8-e4m3"
                                  << "448";
        QTest::newRow("e4m3fnuz max") << "fp8-e4m3fnuz"
                                      << "240";
        QTest::newRow("e5m2 max") << "fp8-e5m2"
                                  << "57344";
        QTest::newRow("e3m2 max") << "fp6-e3m2"
                                  << "28";
        QTest::newRow("e2m3 max") << "fp6-e2m3"
                                  << "7.5";
        QTest::newRow("e2m1 max") << "fp4-e2m1"
                                  << "6";
        QTest::newRow("fp32 min normal") << "fp32"
                                         << "2^-126";
        QTest::newRow("ufix5.3 range") << "ufix5.3"
                                       << "31.875";
        QTest::newRow("ufix5.3 resolution") << "ufix5.3"
                                            << "0.125";
        QTest::newRow("ufix5.3 vs fp8") << "ufix5.3"
                                        << "448";
    }
    void courseFiguresInProperties()
    {
        QFETCH(QString, spec);
        QFETCH(QString, figure);
        BitLabView view;
        view.designer()->applyPreset(spec);
        QVERIFY2(view.properties()->text().contains(figure), qPrintable(view.properties()->text()));
    }

    void designerBuildsCustomFormats()
    {
        BitLabView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* e = view.findChild<QSpinBox*>(QStringLiteral("exponentSpin"));
        auto* m = view.findChild<QSpinBox*>(QStringLiteral("mantissaSpin"));
        auto* bias = view.findChild<QSpinBox*>(QStringLiteral("biasSpin"));
        auto* special = view.findChild<QComboBox*>(QStringLiteral("specialCombo"));
        QVERIFY(e && m && bias && special);
        QSignalSpy changed(view.designer(), &FormatDesigner::formatChanged);
        e->setValue(4);
        m->setValue(3);
        special->setCurrentIndex(special->findData(int(SpecialPolicy::Fn)));
        QVERIFY(changed.count() >= 3);
        QCOMPARE(bias->value(), 7); // the conventional bias follows E
        const auto& f = std::get<FloatFormat>(view.context().format);
        QCOMPARE(f.maxFinite(), FloatFormat::fp8E4M3().maxFinite());
        QCOMPARE(totalBits(view.bitRow()->format()), totalBits(view.context().format));
        // fnuz moves the default bias up by one: max 240.
        special->setCurrentIndex(special->findData(int(SpecialPolicy::Fnuz)));
        QCOMPARE(bias->value(), 8);
        QCOMPARE(std::get<FloatFormat>(view.context().format).maxFinite(), 240.0);
        // A custom bias shifts the range.
        bias->setValue(9);
        FloatFormatParams p;
        p.exponentBits = 4;
        p.mantissaBits = 3;
        p.bias = 9;
        p.special = SpecialPolicy::Fnuz;
        QCOMPARE(std::get<FloatFormat>(view.context().format).maxFinite(), FloatFormat(p).maxFinite());
        // Fixed point: the kind switch starts at the course's ufix5.3 (docs/course.md).
        auto* kind = view.findChild<QComboBox*>(QStringLiteral("kindCombo"));
        kind->setCurrentIndex(1);
        const auto& fx = std::get<FixedFormat>(view.context().format);
        QCOMPARE(fx.integerBits(), 5);
        QCOMPARE(fx.fractionBits(), 3);
        QCOMPARE(totalBits(view.bitRow()->format()), totalBits(view.context().format));
    }

    void designerHasZeroFollowsTheFormat()
    {
        BitLabView view;
        auto* hasZero = view.findChild<QCheckBox*>(QStringLiteral("hasZeroCheck"));
        auto* sub = view.findChild<QCheckBox*>(QStringLiteral("subnormalCheck"));
        auto* sat = view.findChild<QCheckBox*>(QStringLiteral("saturateCheck"));
        auto* bias = view.findChild<QSpinBox*>(QStringLiteral("biasSpin"));
        QVERIFY(hasZero && sub && sat && bias);
        QVERIFY(!hasZero->toolTip().isEmpty());
        const auto current = [&] { return std::get<FloatFormat>(view.context().format); };
        // FP32 has subnormals, so it has a zero and the box is disabled.
        QVERIFY(hasZero->isChecked());
        QVERIFY(!hasZero->isEnabled());

        // E8M0: no zero; other edits must keep zero=off (code 0x00 = 2^-127).
        const FloatFormat e8m0 = FloatFormat::e8m0();
        QVERIFY(!e8m0.hasZero());
        view.designer()->applyPreset(QStringLiteral("e8m0"));
        QVERIFY(!hasZero->isChecked());
        QVERIFY(hasZero->isEnabled());
        sat->toggle();
        QVERIFY(!current().hasZero());
        const int b = bias->value();
        QCOMPARE(b, e8m0.bias());
        bias->setValue(b + 1);
        QVERIFY(!current().hasZero());
        QCOMPARE(current().bias(), b + 1);
        QCOMPARE(current().decode(0), std::ldexp(1.0, -(b + 1)));
        bias->setValue(b);
        QVERIFY(!current().hasZero());
        QCOMPARE(current().spec(), e8m0.spec());
        QCOMPARE(current().decode(0), e8m0.decode(0));
        QCOMPARE(current().decode(0), std::ldexp(1.0, -127));
        QCOMPARE(current().minNormal(), e8m0.minNormal());
        sat->toggle();

        // Checking "Has zero" turns the same layout into flush to zero.
        hasZero->setChecked(true);
        QVERIFY(current().hasZero());
        QVERIFY(current().flushesToZero());
        QCOMPARE(current().decode(0), 0.0);
        QCOMPARE(current().minNormal(), std::ldexp(1.0, 1 - b));
        hasZero->setChecked(false);
        QVERIFY(!current().hasZero());

        // A format with subnormals: unchecking them flushes to zero; "Has zero" then
        // offers the zero-free layout; subnormals back on implies a zero again.
        view.designer()->applyPreset(QStringLiteral("fp8-e4m3"));
        QVERIFY(hasZero->isChecked() && !hasZero->isEnabled());
        sub->setChecked(false);
        QVERIFY(hasZero->isEnabled() && hasZero->isChecked());
        QVERIFY(current().flushesToZero());
        hasZero->setChecked(false);
        QVERIFY(!current().hasZero());
        FloatFormatParams p;
        p.exponentBits = 4;
        p.mantissaBits = 3;
        p.special = SpecialPolicy::Fn;
        p.subnormals = false;
        p.zero = false;
        QCOMPARE(current().spec(), FloatFormat(p).spec());
        QCOMPARE(current().decode(0), FloatFormat(p).decode(0));
        sub->setChecked(true);
        QVERIFY(hasZero->isChecked() && !hasZero->isEnabled());
        QVERIFY(current().hasSubnormals() && current().hasZero());
        QCOMPARE(current().spec(), FloatFormat::fp8E4M3().spec());
    }

    void fieldLabelsForFlushToZero()
    {
        // Flush to zero: exponent field 0 is ±0, not 0 − bias.
        const NumberFormat ftz = parseFormat("e4m3,special=fn,subnormals=off");
        const auto& f = std::get<FloatFormat>(ftz);
        QVERIFY(f.flushesToZero());
        for (std::uint64_t code : {0x00u, 0x01u, 0x07u, 0x85u}) {
            QVERIFY(f.classify(code) == ValueClass::Zero);
            const QString e = fieldSummary(ftz, code, BitField::Exponent);
            QVERIFY2(e.contains(QStringLiteral("zero")), qPrintable(e));
            QVERIFY2(!e.contains(QStringLiteral("−")), qPrintable(e));
            QVERIFY(!fieldSummary(ftz, code, BitField::Mantissa).startsWith(QStringLiteral("1.")));
        }
        // A normal code still reads e − bias, and its value agrees with the core.
        const std::uint64_t normal = 0x08 | 0x04; // e = 1, m = 4: 1.5 × 2^(1−7)
        QCOMPARE(f.decode(normal), 1.5 * std::ldexp(1.0, 1 - f.bias()));
        QCOMPARE(fieldSummary(ftz, normal, BitField::Exponent), QStringLiteral("1 − 7 = -6"));
        QCOMPARE(fieldSummary(ftz, normal, BitField::Mantissa), QStringLiteral("1.5"));
        // No zero (E8M0): field 0 is the ordinary binade 2^(0 − bias).
        const NumberFormat e8m0 = FloatFormat::e8m0();
        QCOMPARE(std::get<FloatFormat>(e8m0).decode(0), std::ldexp(1.0, -127));
        QCOMPARE(fieldSummary(e8m0, 0, BitField::Exponent), QStringLiteral("0 − 127 = -127"));
        // Subnormal formats keep their label.
        QVERIFY(fieldSummary(FloatFormat::fp8E4M3(), 0x01, BitField::Exponent).contains(QStringLiteral("subnormal")));
    }
};

QTEST_MAIN(TestBitLabDesigner)
#include "tst_bitlab_designer.moc"
