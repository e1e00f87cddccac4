#include "mainwindow/mainwindow.h"

#include "bitlab/bitlabview.h"
#include "bitlab/kquantpanel.h"
#include "common/reflow.h"
#include "common/uizoom.h"
#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "help/helpwindow.h"
#include "lessons/appstate.h"
#include "lessons/lessonsview.h"
#include "mainwindow/appactions.h"
#include "mainwindow/formattablemodel.h"
#include "modellab/modellabview.h"
#include "modelview/modelview.h"
#include "plots/figuredata.h"
#include "quiz/quizview.h"
#include "session/session.h"
#include "settings/settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace qs {

namespace {

QWidget* createFormatsView(QWidget* parent)
{
    auto* page = new QWidget(parent);
    auto* layout = new QVBoxLayout(page);
    auto* intro = new QLabel(
        QObject::tr(
            "<b>Number formats at a glance.</b> Every figure below is computed from the bit layout "
            "(sign, exponent, mantissa, bias, special values): value = (−1)<sup>S</sup> × 1.M × 2<sup>E − bias</sup>. "
            "Hover a column title for what it means."),
        page);
    intro->setWordWrap(true);
    auto* table = new QTableView(page);
    table->setObjectName(QStringLiteral("formatTable"));
    table->setModel(new FormatTableModel(table));
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    // At presentation size the columns outgrow a projector's width: then they
    // share the width and their text wraps (no horizontal scroll bar).
    table->setWordWrap(true);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitColumnsToWidth(table);
    layout->addWidget(intro);
    layout->addWidget(table, 1);
    return page;
}

MainWindow::UnsavedChangesQuestion& unsavedChangesQuestion()
{
    static MainWindow::UnsavedChangesQuestion question;
    return question;
}

} // namespace

QMessageBox::StandardButton MainWindow::askAboutUnsavedChanges()
{
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"), tr("The session has changes that are not saved."),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Save them before closing?"));
    box.setDefaultButton(QMessageBox::Save);
    return QMessageBox::StandardButton(box.exec());
}

void MainWindow::setUnsavedChangesQuestion(UnsavedChangesQuestion question)
{
    unsavedChangesQuestion() = std::move(question);
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    // [*]: the modified marker of setWindowModified, bound to the session's undo stack below.
    setWindowTitle(tr("Quantscope") + QStringLiteral("[*]"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    setAcceptDrops(true);

    // The explorer comes first: it is what people open Quantscope for.
    m_explorer = new ExplorerView(m_tabs);
    addView(QStringLiteral("explorer"), m_explorer, tr("Explorer"),
            tr("Quantize data live: histograms, error, calibration, channels, comparisons"));
    m_actions = new AppActions(this, m_explorer);
    // Saving and opening mark the stack clean; any edit after that is an unsaved change.
    connect(m_explorer->session()->undoStack(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { setWindowModified(!clean); });
    connect(m_explorer, &ExplorerView::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    addView(QStringLiteral("formats"), createFormatsView(m_tabs), tr("Formats"),
            tr("The preset number formats and their range and precision"));
    auto* bitLab = m_bitLab = new BitLabView(m_tabs);
    addView(QStringLiteral("bitlab"), bitLab, tr("Bit Lab"),
            tr("Edit any number format bit by bit: exact values, rounding, range and precision"));
    connect(bitLab, &BitLabView::statusMessage, this, [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    // The Bit Lab's K-quant block view takes its blocks from the explorer's data.
    auto showExplorerData = [this] {
        const Session* s = m_explorer->session();
        m_bitLab->kQuantPanel()->setTensor(s->tensor(), tr("the explorer's data, %1").arg(s->dataDescription()));
    };
    connect(m_explorer->session(), &Session::dataChanged, this, showExplorerData);
    showExplorerData();

    auto* modelLab = new ModelLabView(m_tabs);
    // Its pages are taller than a 768-px projector at presentation size: they scroll down, never sideways.
    addView(QStringLiteral("modellab"), modelLab, tr("Model Lab"),
            tr("A small network on handwritten digits: PTQ, QAT, an integer-only layer, outliers, memory"), true);
    connect(modelLab, &ModelLabView::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    auto* quiz = new QuizView(m_tabs);
    addView(QStringLiteral("quiz"), quiz, tr("Quiz"),
            tr("Check your understanding; \"Show me\" sets the app up for a question"));
    connect(quiz, &QuizView::statusMessage, this, [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    connect(quiz, &QuizView::showInApp, this, &MainWindow::showAppState);
    // Last, so the views before it keep their Alt+N shortcuts.
    auto* model = m_modelView = new ModelView(m_tabs);
    addView(QStringLiteral("model"), model, tr("Model"),
            tr("A whole checkpoint: every tensor under every scheme, the heat map, the Pareto front, a plan under "
               "a budget"));
    connect(model, &ModelView::statusMessage, this, [this](const QString& t) { statusBar()->showMessage(t, 5000); });
    connect(model, &ModelView::openTensorRequested, this, [this](const QString& file, const QString& tensor) {
        m_explorer->dataPanel()->openTensor(file, tensor);
        showView(QStringLiteral("explorer"));
    });
    connect(m_actions, &AppActions::modelRequested, this, [this](const QString& path) {
        m_modelView->openModel(path);
        showView(QStringLiteral("model"));
    });

    // The Edit menu's Undo/Redo act on the view in front (see AppActions::undoGroup);
    // the Bit Lab's own buttons stay, its duplicate shortcuts go.
    m_actions->undoGroup()->addStack(bitLab->undoStack());
    bitLab->undoAction()->setShortcut({});
    bitLab->redoAction()->setShortcut({});
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, bitLab] {
        QWidget* front = m_tabs->currentWidget();
        QUndoGroup* group = m_actions->undoGroup();
        group->setActiveStack(front == m_explorer ? m_explorer->session()->undoStack()
                              : front == bitLab   ? bitLab->undoStack()
                                                  : nullptr);
    });

    // Only the view in front sets the window's minimum size: a wide view
    // behind it (the quiz, the Model Lab) must not widen the window past the
    // screen when the lessons dock beside it.
    auto frontOnly = [this] {
        for (int i = 0; i < m_tabs->count(); ++i)
            m_tabs->widget(i)->setSizePolicy(i == m_tabs->currentIndex() ? QSizePolicy::Preferred
                                                                          : QSizePolicy::Ignored,
                                             i == m_tabs->currentIndex() ? QSizePolicy::Preferred
                                                                          : QSizePolicy::Ignored);
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, frontOnly);
    frontOnly();

    createLessonsDock();
    createMenus();
    statusBar()->showMessage(tr("Ready"));
    resize(1280, 800);
    restoreLayout();
}

// The lessons live in a dock, not a tab: a step brings the explorer, the Bit Lab
// or the Model Lab to the front, and the step's text must stay readable beside it.
void MainWindow::createLessonsDock()
{
    m_lessonsDock = new QDockWidget(tr("Lessons"), this);
    m_lessonsDock->setObjectName(QStringLiteral("lessonsDock"));
    m_lessons = new LessonsView(this, m_lessonsDock);
    m_lessons->setObjectName(QStringLiteral("lessons"));
    m_lessonsDock->setWidget(m_lessons);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonsDock);
    m_lessonsDock->hide();
    // Opening the lessons must not widen the window (it grew past a 1280-px
    // screen and pushed Next off it): the explorer's panels share one column
    // while the lessons are open, before the layout asks for room.
    // (setLessonsVisible); a dock shown another way is fitted at once after.
    connect(m_lessonsDock->toggleViewAction(), &QAction::toggled, this, [this](bool visible) {
        fitLessonsDock(visible);
        if (visible)
            QTimer::singleShot(0, this, &MainWindow::clampToScreen);
    });
    connect(m_lessons, &LessonsView::statusMessage, this,
            [this](const QString& t) { statusBar()->showMessage(t, 8000); });
}

void MainWindow::showAppState(const QJsonObject& state)
{
    QString error;
    if (!applyAppState(*this, state, &error))
        statusBar()->showMessage(tr("Cannot show this: %1").arg(error), 8000);
}

void MainWindow::fitLessonsDock(bool visible)
{
    m_explorer->setCompact(visible);
    // Wide enough for its own controls; otherwise 300 px at the current zoom,
    // at most a quarter of the window (the explorer keeps its column and its plot).
    const int own = m_lessons->minimumSizeHint().width() + 12;
    m_lessonsDock->setMinimumWidth(std::max(own, std::min(int(UiZoom::factor() * 300), width() / 4)));
}

void MainWindow::setLessonsVisible(bool on)
{
    if (on == m_lessonsDock->isVisible())
        return;
    const int before = width();
    if (on)
        fitLessonsDock(true); // room first: the dock takes it from the explorer
    m_lessonsDock->setVisible(on);
    // The new minimum widths apply once the layout is activated again.
    if (layout())
        layout()->activate();
    if (width() > before)
        resize(before, height());
    QTimer::singleShot(0, this, [this, before] {
        if (width() > before)
            resize(before, height());
    });
}

void MainWindow::clampToScreen()
{
    QScreen* screen = QGuiApplication::screenAt(geometry().center());
    if (!screen)
        screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect avail = screen->availableGeometry();
    // The frame is unknown before the window is shown: leave room for a title bar.
    const QMargins frame = isVisible() ? QMargins(geometry().left() - frameGeometry().left(),
                                                  geometry().top() - frameGeometry().top(),
                                                  frameGeometry().right() - geometry().right(),
                                                  frameGeometry().bottom() - geometry().bottom())
                                       : QMargins(0, 0, 0, 0);
    const int w = std::min(width(), avail.width() - frame.left() - frame.right());
    const int h = std::min(height(), avail.height() - frame.top() - frame.bottom());
    if (w != width() || h != height())
        resize(w, h);
    QRect g = geometry();
    g.moveLeft(std::clamp(g.left(), avail.left() + frame.left(), avail.right() - frame.right() - g.width() + 1));
    g.moveTop(std::clamp(g.top(), avail.top() + frame.top(), avail.bottom() - frame.bottom() - g.height() + 1));
    if (g.topLeft() != geometry().topLeft())
        move(g.topLeft() - QPoint(frame.left(), frame.top()));
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    // With the window frame now known; not when the size was set since (a screenshot's --size).
    if (m_clampOnShow) {
        m_clampOnShow = false;
        if (size() == m_restoredSize)
            clampToScreen();
    }
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && m_fullScreen)
        m_fullScreen->setChecked(isFullScreen());
}

void MainWindow::setPlotOnly(bool on)
{
    if (m_plotOnly->isChecked() != on)
        m_plotOnly->setChecked(on); // toggles back into this function
    if (on == m_explorer->isPlotOnly())
        return;
    if (on) {
        showView(QStringLiteral("explorer"));
        m_lessonsBeforePlotOnly = m_lessonsDock->isVisible();
        m_lessonsDock->hide();
    } else if (m_lessonsBeforePlotOnly) {
        setLessonsVisible(true);
    }
    m_explorer->setPlotOnly(on);
    m_tabs->tabBar()->setVisible(!on);
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
}

void MainWindow::restoreLayout()
{
    QSettings s;
    if (s.contains(QStringLiteral("window/geometry"))) {
        restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
        // Saved on a larger screen (1600×1000 restored onto 1280×800): shrink it onto this one.
        clampToScreen();
        m_clampOnShow = true;
        m_restoredSize = size();
    }
    if (s.contains(QStringLiteral("explorer/state")))
        m_explorer->restoreState(s.value(QStringLiteral("explorer/state")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_explorer->session()->undoStack()->isClean()) {
        const UnsavedChangesQuestion& ask = unsavedChangesQuestion();
        const QMessageBox::StandardButton answer = ask ? ask(this) : askAboutUnsavedChanges();
        // Cancel (or Escape) keeps the window; so does a Save that fails or whose file dialog is cancelled.
        if (answer != QMessageBox::Discard && !(answer == QMessageBox::Save && m_actions->saveSession(false))) {
            event->ignore();
            return;
        }
    }
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("explorer/state"), m_explorer->layoutState());
    m_actions->removeAutosave(); // a clean exit: nothing to restore next time
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile() && m_actions->openAny(url.toLocalFile())) {
            if (!AppActions::isModelPath(url.toLocalFile()))
                showView(QStringLiteral("explorer"));
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::addView(const QString& name, QWidget* view, const QString& title, const QString& toolTip,
                         bool scrollsDown)
{
    view->setObjectName(name);
    QWidget* page = view;
    if (scrollsDown) {
        auto* scroll = new QScrollArea(m_tabs);
        scroll->setObjectName(name + QStringLiteral("Scroll"));
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        scroll->setWidget(view);
        page = scroll;
    }
    const int index = m_tabs->addTab(page, title);
    m_tabs->setTabToolTip(index, toolTip);
    m_viewNames << name;
}

QStringList MainWindow::viewNames() const
{
    return m_viewNames + QStringList{QStringLiteral("lessons")} + figureKindNames();
}

bool MainWindow::showView(const QString& name)
{
    // "VIEW/SUB" also opens a sub-page (docs/appstate.md), e.g. "lessons/fp32-walkthrough".
    if (name.contains(QLatin1Char('/'))) {
        const QString base = name.section(QLatin1Char('/'), 0, 0);
        bool ok = false;
        QWidget* target = view(base);
        return target && showView(base) &&
               QMetaObject::invokeMethod(target, "showSubView", Qt::DirectConnection, Q_RETURN_ARG(bool, ok),
                                         Q_ARG(QString, name.section(QLatin1Char('/'), 1))) &&
               ok;
    }
    // Each explorer plot is a view of its own name (histogram, error, ...).
    FigureKind kind;
    if (parseFigureKind(name, kind)) {
        m_explorer->showPlot(kind);
        return showView(QStringLiteral("explorer"));
    }
    if (name == QLatin1String("lessons")) {
        setLessonsVisible(true);
        m_lessonsDock->raise();
        return true;
    }
    const auto index = m_viewNames.indexOf(name);
    if (index < 0)
        return false;
    m_tabs->setCurrentIndex(int(index));
    return true;
}

QWidget* MainWindow::view(const QString& name) const
{
    if (name == QLatin1String("lessons"))
        return m_lessons;
    const auto index = m_viewNames.indexOf(name);
    if (index < 0)
        return nullptr;
    QWidget* page = m_tabs->widget(int(index));
    auto* scroll = qobject_cast<QScrollArea*>(page);
    return scroll ? scroll->widget() : page;
}

QString MainWindow::currentViewName() const
{
    const int index = m_tabs->currentIndex();
    return index >= 0 && index < m_viewNames.size() ? m_viewNames.at(index) : QString();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_actions->fillFileMenu(file);
    QAction* openModel = file->addAction(tr("Open &Model…"), this, [this] {
        showView(QStringLiteral("model"));
        m_modelView->chooseModel();
    });
    openModel->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openModel->setToolTip(tr("Measure every tensor of a checkpoint under several schemes (the Model view)"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_actions->fillEditMenu(edit);
    edit->addSeparator();
    QAction* settings = edit->addAction(tr("Se&ttings…"), this, [this] { SettingsDialog(this).exec(); });
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_viewNames.size(); ++i) {
        QAction* a = view->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }
    QAction* lessons = m_lessonsDock->toggleViewAction();
    lessons->setText(tr("&Lessons"));
    lessons->setShortcut(QKeySequence(Qt::Key_F9));
    lessons->setToolTip(tr("Guided lessons beside the views: each step sets up the app and says what to look at"));
    // F9 makes room before the dock shows (a dock shown first widens the window at once).
    QObject::disconnect(lessons, &QAction::triggered, m_lessonsDock, nullptr);
    connect(lessons, &QAction::triggered, this, &MainWindow::setLessonsVisible);
    view->addAction(lessons);
    view->addSeparator();
    m_actions->fillViewMenu(view);
    view->addSeparator();
    m_fullScreen = view->addAction(tr("&Full Screen"), this, [this](bool on) {
        setWindowState(on ? (windowState() | Qt::WindowFullScreen) : (windowState() & ~Qt::WindowFullScreen));
    });
    m_fullScreen->setObjectName(QStringLiteral("fullScreen"));
    m_fullScreen->setCheckable(true);
    m_fullScreen->setShortcut(QKeySequence(Qt::Key_F11));
    m_fullScreen->setToolTip(tr("The window fills the screen; F11 again returns."));
    m_plotOnly = view->addAction(tr("Plot &Only"), this, &MainWindow::setPlotOnly);
    m_plotOnly->setObjectName(QStringLiteral("plotOnly"));
    m_plotOnly->setCheckable(true);
    m_plotOnly->setShortcut(QKeySequence(Qt::Key_F8));
    m_plotOnly->setToolTip(
        tr("The explorer's figure fills the window, every panel hidden; F8 again brings them back."));

    // Shortcuts keep working while the menu bar is hidden (plot only).
    for (QAction* menu : menuBar()->actions())
        if (menu->menu())
            addActions(menu->menu()->actions());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    installHelp(this, help); // Glossary (F1), User guide, What's This (ui/help)
    help->addAction(tr("&About Quantscope"), this, [this] {
        QMessageBox::about(this, tr("About Quantscope"),
                           tr("<h3>Quantscope %1</h3><p>Teach and explore neural-network quantization: "
                              "number formats bit by bit, quantizers, calibration and their errors.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

} // namespace qs
