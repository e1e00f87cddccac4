// The window never becomes wider than its screen (issue 16), on an offscreen
// screen of 1280×800: opening the lessons (F9) docks them without growing the
// window, in normal and presentation mode; a 1600×1000 geometry saved on a
// larger screen is restored shrunk onto this one. Also F11 and plot only (F8).
#include "explorer/explorerview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QtTest>

#include <qcustomplot.h>

#include <cstdlib>

using namespace qs;

class TestWindowGeometry : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1280, 800));
    }
    void cleanup() { QSettings().clear(); }

    void lessonsDockWithoutGrowing_data()
    {
        QTest::addColumn<bool>("presentation");
        QTest::newRow("normal") << false;
        QTest::newRow("F5") << true;
    }
    void lessonsDockWithoutGrowing()
    {
        QFETCH(bool, presentation);
        MainWindow w;
        w.resize(1280, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto off = qScopeGuard([&w] {
            if (w.actions()->presentationAction()->isChecked())
                w.actions()->presentationAction()->trigger();
        });
        if (presentation)
            w.actions()->presentationAction()->trigger();
        QApplication::processEvents();
        w.lessonsDock()->toggleViewAction()->trigger(); // F9
        QVERIFY(w.lessonsDock()->isVisible());
        for (int i = 0; i < 10; ++i) {
            QApplication::processEvents();
            QTest::qWait(5);
        }
        QVERIFY2(w.width() <= 1280, qPrintable(QString::number(w.width())));
        // Next is on screen, inside the dock.
        QPushButton* next = nullptr;
        for (QPushButton* b : w.lessonsDock()->findChildren<QPushButton*>())
            if (b->text().contains(QLatin1String("Next")))
                next = b;
        QVERIFY(next);
        const QRect onScreen(next->mapToGlobal(QPoint(0, 0)), next->size());
        QVERIFY2(QGuiApplication::primaryScreen()->geometry().contains(onScreen),
                 qPrintable(QStringLiteral("Next at %1,%2").arg(onScreen.x()).arg(onScreen.y())));
        // Closing the lessons gives the explorer its layout back.
        w.lessonsDock()->toggleViewAction()->trigger();
        QApplication::processEvents();
        QVERIFY(w.width() <= 1280);
    }

    void savedGeometryIsClampedToTheScreen()
    {
        {
            // A window of 1600×1000 saved on a larger screen.
            MainWindow big;
            big.setGeometry(40, 40, 1600, 1000);
            QCOMPARE(big.size(), QSize(1600, 1000));
            QSettings().setValue(QStringLiteral("window/geometry"), big.saveGeometry());
        }
        MainWindow w; // restores the saved layout
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
        QVERIFY2(w.frameGeometry().width() <= screen.width() && w.frameGeometry().height() <= screen.height(),
                 qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen")
                                .arg(w.frameGeometry().width())
                                .arg(w.frameGeometry().height())
                                .arg(screen.width())
                                .arg(screen.height())));
        QVERIFY(screen.contains(w.frameGeometry()));
    }

    void fullScreenAndPlotOnly()
    {
        MainWindow w;
        w.resize(1280, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.fullScreenAction()->shortcut(), QKeySequence(Qt::Key_F11));
        w.fullScreenAction()->trigger();
        QTRY_VERIFY(w.isFullScreen());
        w.fullScreenAction()->trigger();
        QTRY_VERIFY(!w.isFullScreen());

        QCOMPARE(w.plotOnlyAction()->shortcut(), QKeySequence(Qt::Key_F8));
        QVERIFY(w.showView(QStringLiteral("bitlab")));
        w.plotOnlyAction()->trigger();
        QApplication::processEvents();
        QCOMPARE(w.currentViewName(), QStringLiteral("explorer"));
        for (QDockWidget* d : w.explorer()->docks())
            QVERIFY2(!d->isVisible(), qPrintable(d->objectName()));
        QVERIFY(!w.menuBar()->isVisible());
        QWidget* plot = w.explorer()->plot(FigureKind::Histogram);
        QVERIFY(plot && plot->isVisible());
        QVERIFY2(plot->width() * 10 >= w.width() * 9, qPrintable(QString::number(plot->width())));
        // The same key restores every panel.
        w.plotOnlyAction()->trigger();
        QApplication::processEvents();
        QVERIFY(w.menuBar()->isVisible());
        int shown = 0;
        for (QDockWidget* d : w.explorer()->docks())
            shown += d->isVisible() ? 1 : 0;
        QVERIFY(shown >= 3);
    }
};

// An offscreen screen of 1280×800 (the platform's configuration file).
int main(int argc, char** argv)
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write(R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 800,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    f.close();
    qputenv("QT_QPA_PLATFORM", ("offscreen:configfile=" + config).toUtf8());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("QuantscopeTest"));
    QApplication::setApplicationName(QStringLiteral("tst_windowgeometry"));
    TestWindowGeometry t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_windowgeometry.moc"
