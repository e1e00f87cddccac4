#pragma once
// The main window: a set of named views (tabs). Views are registered by name
// so `quantscope --screenshot FILE --view NAME` and lessons can bring any of
// them to the front.
#include <QMainWindow>
#include <QMessageBox>
#include <QStringList>

#include <functional>

class QDockWidget;
class QJsonObject;
class QTabWidget;

namespace qs {

class AppActions;
class BitLabView;
class ExplorerView;
class LessonsView;
class ModelView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    QStringList viewNames() const;
    // Brings the named view to the front; false if there is no such view.
    bool showView(const QString& name);
    QString currentViewName() const;

    ExplorerView* explorer() const { return m_explorer; }
    BitLabView* bitLab() const { return m_bitLab; }
    ModelView* modelView() const { return m_modelView; }
    // The widget of a registered view (nullptr if none), e.g. for lessons.
    QWidget* view(const QString& name) const;
    AppActions* actions() const { return m_actions; }
    LessonsView* lessons() const { return m_lessons; }
    QDockWidget* lessonsDock() const { return m_lessonsDock; }

    // Asked on close when the explorer's session has unsaved changes: Save,
    // Discard or Cancel. Replaceable so tests (which cannot answer a modal
    // dialog) choose the answer; an empty function restores the dialog.
    // F11: full screen and back. F8: "plot only", the explorer's current
    // figure fills the window (panels, tabs, menu and status bar hidden); the
    // same key brings them back.
    QAction* fullScreenAction() const { return m_fullScreen; }
    QAction* plotOnlyAction() const { return m_plotOnly; }
    void setPlotOnly(bool on);
    // Opens or closes the lessons beside the views without widening the window (F9).
    void setLessonsVisible(bool on);
    // Keeps the window on its screen: never wider or taller than the screen's
    // available area (a geometry saved on a larger screen is shrunk).
    void clampToScreen();

    using UnsavedChangesQuestion = std::function<QMessageBox::StandardButton(MainWindow*)>;
    static void setUnsavedChangesQuestion(UnsavedChangesQuestion question);

public slots:
    // Applies an app state (docs/appstate.md), e.g. a quiz answer's "show me";
    // a bad state is reported in the status bar and changes nothing.
    void showAppState(const QJsonObject& state);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // scrollsDown: the page scrolls vertically when the window is shorter than it (never sideways).
    void addView(const QString& name, QWidget* view, const QString& title, const QString& toolTip,
                 bool scrollsDown = false);
    void createMenus();
    void createLessonsDock();
    void restoreLayout(); // window geometry and dock layout from QSettings
    QMessageBox::StandardButton askAboutUnsavedChanges();

    QTabWidget* m_tabs = nullptr;
    QStringList m_viewNames;
    ExplorerView* m_explorer = nullptr;
    BitLabView* m_bitLab = nullptr;
    ModelView* m_modelView = nullptr;
    AppActions* m_actions = nullptr;
    LessonsView* m_lessons = nullptr;
    QDockWidget* m_lessonsDock = nullptr;
    QAction* m_fullScreen = nullptr;
    QAction* m_plotOnly = nullptr;
    bool m_lessonsBeforePlotOnly = false;
    bool m_clampOnShow = false; // a restored geometry: clamped again once the frame is known
    QSize m_restoredSize;
    void fitLessonsDock(bool visible); // docks beside the views without growing the window
};

} // namespace qs
