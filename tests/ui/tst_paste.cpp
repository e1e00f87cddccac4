// Pasting very long text into the Data dock: 300,000 comma-separated values
// on one line froze the GUI for 35 s while the text box laid them out. The
// box now shows a bounded preview, the whole text is parsed (on the worker)
// and saved, the dock stays usable, and undo/redo work. How long the GUI
// thread blocks is measured by `quantscope --bench-paste` (docs/performance.md),
// not here.
#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "mainwindow/mainwindow.h"
#include "session/session.h"

#include <QClipboard>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUndoStack>
#include <QtTest>

using qs::DataPanel;

namespace {

constexpr int kValues = 300000;

// The i-th pasted value, written with 4 to 7 significant digits as a
// spreadsheet copies them; the expected float is the text's own nearest
// float (QString::toFloat, independent of the app's parser).
QString valueText(int i)
{
    return QString::number(((qint64(i) * 7919) % 20001 - 10000) * 1e-5, 'g', 4 + i % 4);
}

QString longLine()
{
    QStringList parts;
    parts.reserve(kValues);
    for (int i = 0; i < kValues; ++i)
        parts << valueText(i);
    return parts.join(QStringLiteral(", "));
}

} // namespace

class TestPaste : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void longPasteIsPreviewedParsedAndUndoable()
    {
        qs::MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        qs::ExplorerView* ex = w.explorer();
        QVERIFY(ex->waitForIdle(120000));
        qs::Session* s = ex->session();
        DataPanel* panel = ex->dataPanel();
        auto* box = panel->findChild<QPlainTextEdit*>(QStringLiteral("pasteValues"));
        auto* use = panel->findChild<QPushButton*>(QStringLiteral("usePasted"));
        auto* clear = panel->findChild<QPushButton*>(QStringLiteral("clearPaste"));
        auto* note = panel->findChild<QLabel*>(QStringLiteral("pastePreviewNote"));
        auto* params = panel->findChild<QLineEdit*>(QStringLiteral("generatorParams"));
        QVERIFY(box && use && clear && note && params);
        const qint64 exampleValues = s->tensor().size();

        // A short paste is inserted as in any text box.
        box->setFocus();
        QApplication::clipboard()->setText(QStringLiteral("1, 2"));
        QTest::keyClick(box, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(box->toPlainText(), QStringLiteral("1, 2"));
        QVERIFY(!panel->isPreviewingPaste());
        box->clear();

        // A long one: only a bounded preview enters the box.
        const QString text = longLine();
        QVERIFY(text.size() > DataPanel::kPreviewThreshold);
        QApplication::clipboard()->setText(text);
        QTest::keyClick(box, Qt::Key_V, Qt::ControlModifier);
        QVERIFY2(box->document()->characterCount() <= DataPanel::kPreviewChars + 3,
                 qPrintable(QString::number(box->document()->characterCount())));
        QVERIFY(panel->isPreviewingPaste());
        QVERIFY(box->toPlainText().startsWith(valueText(0) + QStringLiteral(", ") + valueText(1)));
        QVERIFY(box->isReadOnly());
        QVERIFY(note->isVisibleTo(panel) && clear->isVisibleTo(panel));
        QVERIFY(note->text().contains(QLocale().toString(text.size())));

        // "Use pasted values" parses all of it (on the worker) and the session keeps all of it.
        const int undoBefore = s->undoStack()->index();
        QTest::mouseClick(use, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(s->tensor().size(), qint64(kValues), 120000);
        QCOMPARE(s->dataSource().kind, qs::DataSource::Kind::Pasted);
        QCOMPARE(s->dataSource().pasted, text);
        QCOMPARE(s->toJson()["data"].toObject()["pasted"].toString(), text);
        for (int i : {0, 1, 2, 3, 12345, kValues - 1})
            QCOMPARE(s->tensor().data()[i], valueText(i).toFloat());
        QVERIFY(box->document()->characterCount() <= DataPanel::kPreviewChars + 3);
        QCOMPARE(s->undoStack()->index(), undoBefore + 1);

        // The dock stays usable: the other fields take typing, Clear empties the box for new values.
        params->clear();
        QTest::keyClicks(params, QStringLiteral("n=1000,seed=2"));
        QCOMPARE(params->text(), QStringLiteral("n=1000,seed=2"));
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(!panel->isPreviewingPaste());
        QVERIFY(!box->isReadOnly());
        QVERIFY(box->toPlainText().isEmpty());
        QCOMPARE(s->tensor().size(), qint64(kValues)); // clearing the box is not a data change
        QTest::keyClicks(box, QStringLiteral("-2.5, 1, 3.5"));
        QTest::mouseClick(use, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(s->tensor().size(), qint64(3), 60000);

        // Undo brings the long paste back (previewed again), then the example; redo returns.
        s->undoStack()->undo();
        QCOMPARE(s->tensor().size(), qint64(kValues));
        QCOMPARE(s->dataSource().pasted, text);
        QVERIFY(panel->isPreviewingPaste());
        QVERIFY(box->document()->characterCount() <= DataPanel::kPreviewChars + 3);
        s->undoStack()->undo();
        QCOMPARE(s->tensor().size(), exampleValues);
        s->undoStack()->redo();
        s->undoStack()->redo();
        QCOMPARE(s->tensor().size(), qint64(3));
        QVERIFY(!panel->isPreviewingPaste());
        QCOMPARE(box->toPlainText(), QStringLiteral("-2.5, 1, 3.5"));
        QVERIFY(!box->isReadOnly());
    }
};

QTEST_MAIN(TestPaste)
#include "tst_paste.moc"
