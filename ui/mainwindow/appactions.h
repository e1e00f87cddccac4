#pragma once
// Menus and actions of the main window that serve the explorer: sessions
// (open/save/recent/autosave), exports, undo/redo, presentation mode and
// theme. Kept out of mainwindow.cpp so the window itself stays small.
#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QMainWindow;
class QTimer;

class QUndoGroup;

namespace qs {

class ExplorerView;

class AppActions : public QObject
{
    Q_OBJECT
public:
    AppActions(QMainWindow* window, ExplorerView* explorer);

    void fillFileMenu(QMenu* menu);
    void fillEditMenu(QMenu* menu);
    void fillViewMenu(QMenu* menu);

    // False with *error (also shown in the status bar) when the file is not a session.
    bool openSession(const QString& path, QString* error = nullptr);
    // Any file dropped or named on the command line: a session or a tensor.
    bool openAny(const QString& path);
    void addRecentFile(const QString& path);
    QStringList recentFiles() const;

    // Autosave after a crash: the session is written a moment after every
    // change and removed on a clean exit; a leftover file means the last run
    // did not end cleanly, and restoreAutosave() brings it back.
    static QString autosavePath();
    void enableAutosave();
    bool restoreAutosave();
    void removeAutosave();

    // One Undo/Redo for the whole window: every view with an undo stack adds it
    // here, and the stack of the view in front is the active one. (Separate
    // Ctrl+Z shortcuts per view would be ambiguous, and Qt fires none of them.)
    QUndoGroup* undoGroup() const { return m_undoGroup; }

    // Save (to the session's file, or asks for one when it has none or with
    // saveAs). False when the user cancelled the file dialog or writing failed.
    bool saveSession(bool saveAs);

    QAction* presentationAction() const { return m_presentation; }
    QAction* darkAction() const { return m_dark; }

private:
    void exportFigureDialog();
    void exportData(const QString& kind);
    void setPresentation(bool on);
    void setDark(bool on);
    void applyPalette(); // the theme × presentation palette, app-wide
    void rebuildRecentMenu();

    QMainWindow* m_window;
    ExplorerView* m_explorer;
    QUndoGroup* m_undoGroup = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_presentation = nullptr;
    QAction* m_dark = nullptr;
    QTimer* m_autosave = nullptr;
    QFont* m_normalFont = nullptr;
    bool m_darkOn = false;
    bool m_presentationOn = false;
};

} // namespace qs
