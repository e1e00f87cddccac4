#pragma once
// Helpers shared by the Bit Lab test executables: what the widgets show,
// and the core's own answer to compare it with.
#include "bitlab/bitlabview.h"
#include "bitlab/bitrowwidget.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"
#include "bitlab/formatproperties.h"
#include "bitlab/valuepanel.h"
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

namespace qs::bitlabtest {
using namespace qs;

inline QString labelText(const QWidget& root, const char* name)
{
    auto* l = root.findChild<QLabel*>(QString::fromLatin1(name));
    return l ? l->text() : QStringLiteral("<missing %1>").arg(QString::fromLatin1(name));
}

inline QString coreExact(const NumberFormat& f, std::uint64_t code)
{
    if (const auto* ff = std::get_if<FloatFormat>(&f))
        return QString::fromStdString(ff->exactDecimal(code));
    return QString::fromStdString(std::get<FixedFormat>(f).exactDecimal(code));
}

inline QString coreClass(const NumberFormat& f, std::uint64_t code)
{
    if (const auto* ff = std::get_if<FloatFormat>(&f))
        return QString::fromStdString(toString(ff->classify(code)));
    const auto& x = std::get<FixedFormat>(f);
    return x.codeOfBits(code) == 0 ? QStringLiteral("zero")
           : x.isInteger()         ? QStringLiteral("integer")
                                   : QStringLiteral("fixed");
}

// Checks everything the value panel shows about `code` against the core.
inline void verifyShows(const BitLabView& view, const NumberFormat& f, std::uint64_t code)
{
    QCOMPARE(view.bitRow()->code(), code);
    QCOMPARE(view.context().code, code);
    auto* exact = view.findChild<QPlainTextEdit*>(QStringLiteral("exactDecimal"));
    QVERIFY(exact);
    QCOMPARE(exact->toPlainText(), coreExact(f, code));
    QCOMPARE(labelText(view, "classLabel"), coreClass(f, code));
    const int digits = (totalBits(f) + 3) / 4;
    QCOMPARE(labelText(view, "hexLabel"),
             QStringLiteral("0x") + QStringLiteral("%1").arg(code, digits, 16, QLatin1Char('0')).toUpper());
}

inline void sendMouse(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, QPointF(pos), w->mapToGlobal(QPointF(pos)),
                  type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

} // namespace qs::bitlabtest
