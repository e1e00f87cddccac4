// The main window starts, lists its views and shows the preset format table
// with properties computed by the core.
#include "bitlab/bitlabview.h"
#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/formattablemodel.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/screenshot.h"

#include <QAction>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoGroup>
#include <QUndoStack>
#include <QtTest>

#include "session/session.h"

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsOnFormatTable()
    {
        qs::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.viewNames().contains(QStringLiteral("formats")));
        QVERIFY(w.showView(QStringLiteral("formats")));
        QCOMPARE(w.currentViewName(), QStringLiteral("formats"));
        QVERIFY(!w.showView(QStringLiteral("no-such-view")));
        auto* table = w.findChild<QTableView*>(QStringLiteral("formatTable"));
        QVERIFY(table);
        QVERIFY(table->model()->rowCount() >= 13);
    }

    void formatTableShowsCoreProperties_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("maxFinite");
        QTest::addColumn<int>("bits");
        QTest::newRow("fp16") << "fp16"
                              << "65504" << 16;
        QTest::newRow("fp8-e4m3") << "fp8-e4m3"
                                  << "448" << 8;
        QTest::newRow("fp8-e4m3fnuz") << "fp8-e4m3fnuz"
                                      << "240" << 8;
        QTest::newRow("fp8-e5m2") << "fp8-e5m2"
                                  << "57344" << 8;
        QTest::newRow("fp4-e2m1") << "fp4-e2m1"
                                  << "6" << 4;
        QTest::newRow("fp6-e3m2") << "fp6-e3m2"
                                  << "28" << 6;
    }
    void formatTableShowsCoreProperties()
    {
        QFETCH(QString, name);
        QFETCH(QString, maxFinite);
        QFETCH(int, bits);
        qs::FormatTableModel model;
        int row = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.index(r, qs::FormatTableModel::Name).data().toString() == name)
                row = r;
        QVERIFY2(row >= 0, qPrintable(name));
        QCOMPARE(model.index(row, qs::FormatTableModel::MaxFinite).data().toString(), maxFinite);
        QCOMPARE(model.index(row, qs::FormatTableModel::Bits).data().toInt(), bits);
    }

    // One Ctrl+Z for the window, acting on the view in front: two actions with the
    // same shortcut would be ambiguous and Qt would fire neither.
    void undoFollowsTheViewInFront()
    {
        qs::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QUndoGroup* group = w.actions()->undoGroup();
        auto* bitLab = w.findChild<qs::BitLabView*>();
        QVERIFY(bitLab);

        QVERIFY(w.showView(QStringLiteral("bitlab")));
        QCOMPARE(group->activeStack(), bitLab->undoStack());
        const int before = bitLab->undoStack()->index();
        bitLab->setCode(0x3F800000); // FP32 1.0: a recorded edit
        QCOMPARE(bitLab->undoStack()->index(), before + 1);
        QVERIFY(group->canUndo());
        group->undo();
        QCOMPARE(bitLab->undoStack()->index(), before);

        QVERIFY(w.showView(QStringLiteral("explorer")));
        QCOMPARE(group->activeStack(), w.explorer()->session()->undoStack());
        QVERIFY(w.showView(QStringLiteral("formats")));
        QCOMPARE(group->activeStack(), static_cast<QUndoStack*>(nullptr));

        int undoKeys = 0;
        int redoKeys = 0;
        for (QAction* a : w.findChildren<QAction*>()) {
            undoKeys += a->shortcuts().contains(QKeySequence(QKeySequence::Undo)) ? 1 : 0;
            redoKeys += a->shortcuts().contains(QKeySequence(QKeySequence::Redo)) ? 1 : 0;
        }
        QCOMPARE(undoKeys, 1);
        QCOMPARE(redoKeys, 1);
    }

    void screenshotHasRequestedSize()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qs::MainWindow w;
        const QString path = dir.filePath(QStringLiteral("shot.png"));
        QCOMPARE(qs::saveWidgetScreenshot(&w, path, QSize(1280, 800)), QString());
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800)); // a common laptop screen
        QVERIFY(!qs::parseSize(QStringLiteral("1600x1000")).isEmpty());
        QVERIFY(!qs::parseSize(QStringLiteral("16x10")).isValid());
        QVERIFY(!qs::parseSize(QStringLiteral("axb")).isValid());
    }

    // Undo/Redo and the app's Ctrl shortcuts reach the window's actions while a
    // spin box (whose line edit used to take the ShortcutOverride) has focus; a
    // free-text field keeps Ctrl+Z while it has typing of its own to undo.
    void shortcutsReachTheAppFromTextFields()
    {
        qs::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        qs::Session* s = w.explorer()->session();
        auto spec = [s] { return QString::fromStdString(s->config().quantizerSpec()); };
        auto* bits = w.findChild<QSpinBox*>(QStringLiteral("bits"));
        QVERIFY(bits);
        w.explorer()->findChild<QDockWidget*>(QStringLiteral("quantizerDock"))->raise();
        bits->setFocus();
        QTRY_VERIFY(bits->hasFocus());
        QCOMPARE(spec(), QStringLiteral("int8"));
        QTest::keyClick(bits, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(bits, QStringLiteral("7"));
        QTest::keyClick(bits, Qt::Key_Return);
        QCOMPARE(spec(), QStringLiteral("int7"));
        QTest::keyClick(bits, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(spec(), QStringLiteral("int8")); // the session's undo, not the spin box's
        QCOMPARE(bits->value(), 8);
        QTest::keySequence(bits, QKeySequence(QKeySequence::Redo));
        QCOMPARE(spec(), QStringLiteral("int7"));

        auto* params = w.findChild<QLineEdit*>(QStringLiteral("generatorParams"));
        QVERIFY(params);
        w.explorer()->findChild<QDockWidget*>(QStringLiteral("dataDock"))->raise();
        params->setFocus();
        QTRY_VERIFY(params->hasFocus());
        const QString before = params->text();
        params->end(false);
        QTest::keyClicks(params, QStringLiteral(",x"));
        QCOMPARE(params->text(), before + QStringLiteral(",x"));
        QTest::keyClick(params, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(params->text(), before); // its own typing first
        QCOMPARE(spec(), QStringLiteral("int7"));
        QVERIFY(!params->isUndoAvailable());
        QTest::keyClick(params, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(spec(), QStringLiteral("int8")); // then the session's

        // Ctrl+E is Export Figure, not "end of line" (the dialog itself is not opened here).
        QAction* exportFigure = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_E)))
                exportFigure = a;
        QVERIFY(exportFigure);
        QObject::disconnect(exportFigure, &QAction::triggered, nullptr, nullptr);
        QSignalSpy exported(exportFigure, &QAction::triggered);
        params->setCursorPosition(0);
        QTest::keyClick(params, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(exported.count(), 1);
        QCOMPARE(params->cursorPosition(), 0);
        bits->setFocus();
        QTRY_VERIFY(bits->hasFocus());
        QTest::keyClick(bits, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(exported.count(), 2);
    }

    // The title carries the modified marker, bound to the session's undo stack.
    void titleMarksUnsavedChanges()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qs::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        qs::Session* s = w.explorer()->session();
        QVERIFY(w.windowTitle().contains(QStringLiteral("[*]")));
        QVERIFY(!w.isWindowModified());
        qs::QuantConfig c = s->config();
        c.setQuantizer("int4");
        QVERIFY(s->setConfig(c, QStringLiteral("bits")));
        QVERIFY(w.isWindowModified());
        s->undoStack()->undo();
        QVERIFY(!w.isWindowModified());
        s->undoStack()->redo();
        const QString path = dir.filePath(QStringLiteral("a.qscope"));
        QVERIFY(s->save(path));
        QVERIFY(!w.isWindowModified());
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("a.qscope[*]")));
        s->resetExample();
        QVERIFY(w.isWindowModified());
        QVERIFY(w.actions()->openSession(path));
        QVERIFY(s->waitForLoad());
        QVERIFY(!w.isWindowModified());
        QCOMPARE(s->config().quantizerSpec(), std::string("int4"));
    }

    // Closing with unsaved changes asks Save / Discard / Cancel (answered here by the hook).
    void closeAsksAboutUnsavedChanges()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("b.qscope"));
        int asked = 0;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        qs::MainWindow::setUnsavedChangesQuestion([&](qs::MainWindow*) {
            ++asked;
            return answer;
        });
        auto edit = [](qs::MainWindow& w, int bits) {
            qs::QuantConfig c = w.explorer()->session()->config();
            c.setQuantizer("int" + std::to_string(bits));
            return w.explorer()->session()->setConfig(c, QStringLiteral("bits"));
        };
        {
            qs::MainWindow w; // no changes: closes without asking
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.close());
            QCOMPARE(asked, 0);
        }
        {
            qs::MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.explorer()->session()->save(path));
            QVERIFY(edit(w, 5));
            answer = QMessageBox::Cancel;
            QVERIFY(!w.close());
            QCOMPARE(asked, 1);
            QVERIFY(w.isVisible());
            answer = QMessageBox::Save;
            QVERIFY(w.close());
            QCOMPARE(asked, 2);
            QVERIFY(!w.isWindowModified());
        }
        qs::Session saved;
        QVERIFY(saved.open(path));
        QCOMPARE(saved.config().quantizerSpec(), std::string("int5")); // Save wrote the change
        {
            qs::MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(edit(w, 3));
            answer = QMessageBox::Discard;
            QVERIFY(w.close());
            QCOMPARE(asked, 3);
        }
        QVERIFY(saved.open(path));
        QCOMPARE(saved.config().quantizerSpec(), std::string("int5")); // Discard wrote nothing
        qs::MainWindow::setUnsavedChangesQuestion({});
    }

    // Every widget of the Data dock lies inside the dock's viewport (the
    // Generate button and the fields were cut off at the right edge).
    void dataDockFitsItsWidth_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1600x1000") << QSize(1600, 1000);
        QTest::newRow("1280x800") << QSize(1280, 800);
    }
    void dataDockFitsItsWidth()
    {
        QFETCH(QSize, size);
        qs::MainWindow w;
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* dock = w.explorer()->findChild<QDockWidget*>(QStringLiteral("dataDock"));
        QVERIFY(dock);
        dock->raise();
        QVERIFY(w.explorer()->waitForIdle(120000));
        QApplication::processEvents();
        // QS_SHOT_DIR=DIR saves the window with the Data dock in front, to look at.
        if (const QString dir = qEnvironmentVariable("QS_SHOT_DIR"); !dir.isEmpty())
            w.grab().save(QStringLiteral("%1/data-dock-%2x%3.png").arg(dir).arg(size.width()).arg(size.height()));
        auto* scroll = qobject_cast<QScrollArea*>(dock->widget());
        QVERIFY(scroll && scroll->widget());
        const QRect viewport = scroll->viewport()->rect();
        QVERIFY(viewport.width() > 100);
        for (QWidget* child : scroll->widget()->findChildren<QWidget*>()) {
            if (!child->isVisible() || child->isWindow())
                continue;
            const QRect r(child->mapTo(scroll->viewport(), QPoint(0, 0)), child->size());
            QVERIFY2(r.right() <= viewport.right(),
                     qPrintable(QStringLiteral("%1 %2 ends at %3, the viewport at %4")
                                    .arg(QString::fromLatin1(child->metaObject()->className()), child->objectName())
                                    .arg(r.right())
                                    .arg(viewport.right())));
        }
    }

    // Reset Example leaves no trace of the file opened before it.
    void resetExampleForgetsTheFile()
    {
        qs::MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* file = w.explorer()->findChild<QLabel*>(QStringLiteral("dataFile"));
        QVERIFY(file);
        QCOMPARE(file->text(), QStringLiteral("none"));
        const QString none = file->text();
        const QString npy = QStringLiteral(QS_TEST_DATA_DIR "/npy/f4_le_C.npy");
        QVERIFY(QFileInfo::exists(npy));
        QVERIFY(w.actions()->openAny(npy));
        QVERIFY(w.explorer()->session()->waitForLoad());
        QCOMPARE(w.explorer()->session()->dataSource().kind, qs::DataSource::Kind::File);
        QVERIFY(file->text().remove(QChar(0x200B)).endsWith(QStringLiteral("f4_le_C.npy")));
        w.explorer()->session()->resetExample();
        QCOMPARE(file->text(), none);
        w.explorer()->session()->undoStack()->undo(); // back to the file
        QVERIFY(file->text().remove(QChar(0x200B)).endsWith(QStringLiteral("f4_le_C.npy")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
