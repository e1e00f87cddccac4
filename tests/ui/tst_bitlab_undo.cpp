// Undo/redo in the Bit Lab: every edit of the format or the bits is one step
// (a drag over the bits is one step), undo and redo show what the core says
// the restored code means, and Reset starts a new history.
#include "bitlab/bitlabview.h"
#include "bitlab/bitrowwidget.h"
#include "bitlab/codetablepanel.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"
#include "bitlab/valuepanel.h"
#include "formats/numberformat.h"

#include <QAction>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace qs;

namespace {

std::string specOf(const NumberFormat& f)
{
    return std::visit([](const auto& x) { return x.spec(); }, f);
}

QString coreExact(const NumberFormat& f, std::uint64_t code)
{
    if (const auto* ff = std::get_if<FloatFormat>(&f))
        return QString::fromStdString(ff->exactDecimal(code));
    return QString::fromStdString(std::get<FixedFormat>(f).exactDecimal(code));
}

// The view shows `code` in `f`: bits, context, exact decimal and value, all checked against the core.
void verifyShows(const BitLabView& view, const NumberFormat& f, std::uint64_t code)
{
    QCOMPARE(specOf(view.context().format), specOf(f));
    QCOMPARE(specOf(view.bitRow()->format()), specOf(f));
    QCOMPARE(view.bitRow()->code(), code);
    QCOMPARE(view.context().code, code);
    auto* exact = view.findChild<QPlainTextEdit*>(QStringLiteral("exactDecimal"));
    QVERIFY(exact);
    QCOMPARE(exact->toPlainText(), coreExact(f, code));
}

void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)),
                  type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

std::uint64_t startCode()
{
    return FloatFormat::fp32().encode(25.125).code;
}

} // namespace

class TestBitLabUndo : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void actionsAndButtons()
    {
        BitLabView view;
        QVERIFY(view.undoStack());
        QCOMPARE(view.undoStack()->count(), 0);
        const struct
        {
            QAction* action;
            QKeySequence::StandardKey key;
            const char* button;
        } cases[] = {{view.undoAction(), QKeySequence::Undo, "undoButton"},
                     {view.redoAction(), QKeySequence::Redo, "redoButton"}};
        for (const auto& c : cases) {
            QVERIFY(c.action);
            QCOMPARE(c.action->shortcuts(), QKeySequence::keyBindings(c.key));
            QCOMPARE(c.action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
            QVERIFY(view.actions().contains(c.action));
            QVERIFY(!c.action->isEnabled());
            auto* button = view.findChild<QToolButton*>(QString::fromLatin1(c.button));
            QVERIFY(button);
            QCOMPARE(button->defaultAction(), c.action);
            QVERIFY(!button->toolTip().isEmpty());
        }
        view.setCode(1);
        QVERIFY(view.undoAction()->isEnabled());
        QVERIFY(!view.redoAction()->isEnabled());
        view.undoAction()->trigger();
        QVERIFY(!view.undoAction()->isEnabled());
        QVERIFY(view.redoAction()->isEnabled());
    }

    void flipBitUndoRedo_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("bit");
        QTest::newRow("fp32 sign") << "fp32" << 31;
        QTest::newRow("fp32 exponent") << "fp32" << 27;
        QTest::newRow("fp32 mantissa lsb") << "fp32" << 0;
        QTest::newRow("fp16 exponent") << "fp16" << 14;
        QTest::newRow("e4m3 mantissa") << "fp8-e4m3" << 1;
        QTest::newRow("int8 sign") << "int8" << 7;
    }
    void flipBitUndoRedo()
    {
        QFETCH(QString, spec);
        QFETCH(int, bit);
        BitLabView view;
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const NumberFormat f = parseFormat(spec.toStdString());
        view.setFormat(f);
        const std::uint64_t before = view.bitRow()->code();
        const int steps = view.undoStack()->count();
        QTest::mouseClick(view.bitRow(), Qt::LeftButton, Qt::NoModifier, view.bitRow()->cellRect(bit).center());
        const std::uint64_t after = before ^ (std::uint64_t(1) << bit);
        verifyShows(view, f, after);
        QCOMPARE(view.undoStack()->count(), steps + 1);

        view.undoAction()->trigger();
        verifyShows(view, f, before);
        const double v = decodeCode(f, before);
        if (std::isfinite(v))
            QCOMPARE(view.valuePanel()->currentValue(), v);
        QCOMPARE(view.undoStack()->count(), steps + 1); // undo pushes nothing

        view.redoAction()->trigger();
        verifyShows(view, f, after);
        const double w = decodeCode(f, after);
        if (std::isfinite(w))
            QCOMPARE(view.valuePanel()->currentValue(), w);
        QCOMPARE(view.undoStack()->count(), steps + 1);
    }

    void dragIsOneStep()
    {
        BitLabView view;
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const NumberFormat f = FloatFormat::fp16();
        view.setFormat(f);
        view.setCode(0);
        const int steps = view.undoStack()->count();
        BitRowWidget* row = view.bitRow();
        // Press on bit 9 and drag across 8..5: five cells painted.
        sendMouse(row, QEvent::MouseButtonPress, row->cellRect(9).center(), Qt::LeftButton);
        for (int bit = 8; bit >= 5; --bit)
            sendMouse(row, QEvent::MouseMove, row->cellRect(bit).center(), Qt::LeftButton);
        sendMouse(row, QEvent::MouseButtonRelease, row->cellRect(5).center(), Qt::NoButton);
        const std::uint64_t painted = 0b1111100000;
        verifyShows(view, f, painted);
        QCOMPARE(view.undoStack()->count(), steps + 1);
        // A second drag is a second step.
        sendMouse(row, QEvent::MouseButtonPress, row->cellRect(3).center(), Qt::LeftButton);
        sendMouse(row, QEvent::MouseMove, row->cellRect(2).center(), Qt::LeftButton);
        sendMouse(row, QEvent::MouseButtonRelease, row->cellRect(2).center(), Qt::NoButton);
        verifyShows(view, f, painted | 0b1100);
        QCOMPARE(view.undoStack()->count(), steps + 2);

        view.undoAction()->trigger();
        verifyShows(view, f, painted);
        view.undoAction()->trigger();
        verifyShows(view, f, 0);
        view.redoAction()->trigger();
        verifyShows(view, f, painted);
    }

    void keyboardEditsAreSteps()
    {
        BitLabView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const NumberFormat f = FloatFormat::fp32();
        const int steps = view.undoStack()->count();
        BitRowWidget* row = view.bitRow();
        QTest::keyClick(row, Qt::Key_Home);  // the sign bit
        QTest::keyClick(row, Qt::Key_Space); // flip it
        verifyShows(view, f, startCode() | (std::uint64_t(1) << 31));
        QTest::keyClick(row, Qt::Key_0); // sign back to 0, move to bit 30
        QTest::keyClick(row, Qt::Key_0); // bit 30 to 0
        verifyShows(view, f, startCode() & ~(std::uint64_t(1) << 30));
        QCOMPARE(view.undoStack()->count(), steps + 3);
        view.undoAction()->trigger();
        verifyShows(view, f, startCode());
        view.undoAction()->trigger();
        verifyShows(view, f, startCode() | (std::uint64_t(1) << 31));
    }

    void exponentBitsUndo()
    {
        BitLabView view;
        auto* e = view.findChild<QSpinBox*>(QStringLiteral("exponentSpin"));
        QVERIFY(e);
        const NumberFormat fp32 = FloatFormat::fp32();
        QCOMPARE(e->value(), 8);
        e->setValue(5);
        const NumberFormat changed = view.context().format;
        QCOMPARE(std::get<FloatFormat>(changed).exponentBits(), 5);
        const std::uint64_t changedCode = view.context().code;
        QCOMPARE(view.undoStack()->count(), 1);
        QCOMPARE(view.undoStack()->undoText(), QStringLiteral("Change format"));

        view.undoAction()->trigger();
        verifyShows(view, fp32, startCode());
        QCOMPARE(e->value(), 8);
        QCOMPARE(view.context().value, 25.125);

        view.redoAction()->trigger();
        verifyShows(view, changed, changedCode);
        QCOMPARE(e->value(), 5);
        QCOMPARE(view.undoStack()->count(), 1);
    }

    void presetUndo_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("fp16") << "fp16";
        QTest::newRow("bf16") << "bf16";
        QTest::newRow("e4m3") << "fp8-e4m3";
        QTest::newRow("e2m1") << "fp4-e2m1";
        QTest::newRow("ufix5.3") << "ufix5.3";
        QTest::newRow("int8") << "int8";
    }
    void presetUndo()
    {
        QFETCH(QString, preset);
        BitLabView view;
        view.designer()->applyPreset(preset);
        const NumberFormat f = parseFormat(preset.toStdString());
        QCOMPARE(specOf(view.context().format), specOf(f));
        const std::uint64_t code = view.context().code;
        QCOMPARE(view.undoStack()->count(), 1);
        view.undoAction()->trigger();
        verifyShows(view, FloatFormat::fp32(), startCode());
        view.redoAction()->trigger();
        verifyShows(view, f, code);
    }

    void typedValueUndo_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("0.1") << "0.1";
        QTest::newRow("-3") << "-3";
        QTest::newRow("1e-40 subnormal") << "1e-40";
        QTest::newRow("inf") << "inf";
    }
    void typedValueUndo()
    {
        QFETCH(QString, text);
        BitLabView view;
        const NumberFormat f = FloatFormat::fp32();
        QVERIFY(view.enterValue(text));
        const std::uint64_t code = encodeValue(f, *ValuePanel::parseNumber(text), view.valuePanel()->rounding(),
                                               false, 0)
                                       .code;
        verifyShows(view, f, code);
        QCOMPARE(view.undoStack()->count(), 1);
        view.undoAction()->trigger();
        verifyShows(view, f, startCode());
        QCOMPARE(view.context().value, 25.125);
        view.redoAction()->trigger();
        verifyShows(view, f, code);
    }

    void ulpButtonsAndCodeTableUndo()
    {
        BitLabView view;
        const NumberFormat fp32 = FloatFormat::fp32();
        auto* next = view.findChild<QPushButton*>(QStringLiteral("nextButton"));
        QVERIFY(next);
        next->click();
        verifyShows(view, fp32, nextUpCode(fp32, startCode()));
        QCOMPARE(view.undoStack()->count(), 1);
        view.undoAction()->trigger();
        verifyShows(view, fp32, startCode());

        const NumberFormat e4m3 = FloatFormat::fp8E4M3();
        view.setFormat(e4m3);
        const std::uint64_t before = view.context().code;
        const int steps = view.undoStack()->count();
        emit view.codeTablePanel()->codeSelected(0x38);
        verifyShows(view, e4m3, 0x38);
        QCOMPARE(view.undoStack()->count(), steps + 1);
        view.undoAction()->trigger();
        verifyShows(view, e4m3, before);
    }

    void resetClearsHistory()
    {
        BitLabView view;
        view.designer()->applyPreset(QStringLiteral("fp8-e5m2"));
        view.enterValue(QStringLiteral("3"));
        view.setCode(1);
        QCOMPARE(view.undoStack()->count(), 3);
        view.findChild<QPushButton*>(QStringLiteral("resetButton"))->click();
        verifyShows(view, FloatFormat::fp32(), startCode());
        QCOMPARE(view.undoStack()->count(), 0);
        QVERIFY(!view.undoStack()->canUndo());
        QVERIFY(!view.undoAction()->isEnabled());
        // And the next edit is the first step of the new history.
        view.setCode(0);
        QCOMPARE(view.undoStack()->count(), 1);
        view.undoAction()->trigger();
        verifyShows(view, FloatFormat::fp32(), startCode());
    }
};

QTEST_MAIN(TestBitLabUndo)
#include "tst_bitlab_undo.moc"
