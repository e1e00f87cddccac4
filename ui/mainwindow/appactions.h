#pragma once
// Menus and actions of the main window that serve the explorer: sessions
// (open/save/recent/autosave), exports, undo/redo, presentation mode and
// theme. Kept out of mainwindow.cpp so the window itself stays small.
#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QMenu;
class QMainWindow;

class QUndoGroup;

namespace qs {

class Autosaver;
class ExplorerView;
struct AutosaveRecord;

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
    // Any file dropped or named on the command line: a session or a tensor;
    // a model folder or a sharded index goes to the Model view (modelRequested).
    bool openAny(const QString& path);
    static bool isModelPath(const QString& path);
    void addRecentFile(const QString& path);
    QStringList recentFiles() const;

    // Crash recovery (autosave.h): unsaved work is written a few seconds after
    // a change to a file this instance owns, and removed on a clean exit; a
    // file whose owner is gone is offered at the next start.
    static QString autosavePath(); // the file of the first window of this process
    void enableAutosave();
    // Restores the newest autosave whose owner is gone, without asking (tests).
    bool restoreAutosave();
    // The start-up offer: each autosave whose owner is gone, newest first, is
    // restored, discarded or kept for later as the user answers. A run that
    // quit on purpose (the language restart) handed its session over: that one
    // comes back without a question. True when a session was restored.
    bool offerAutosaves();
    void removeAutosave();
    Autosaver* autosaver() const { return m_autosaver; }

    // The answers of the questions asked here, replaceable so tests (which
    // cannot answer a modal dialog) choose them; an empty function restores the dialog.
    enum class RestoreAnswer { Restore, Discard, Later };
    using RestoreQuestion = std::function<RestoreAnswer(const AutosaveRecord&)>;
    static void setRestoreQuestion(RestoreQuestion question);
    enum class FileChangedAnswer { Overwrite, SaveAs, Cancel };
    using FileChangedQuestion = std::function<FileChangedAnswer(const QString& path)>;
    static void setFileChangedQuestion(FileChangedQuestion question);

    // One Undo/Redo for the whole window: every view with an undo stack adds it
    // here, and the stack of the view in front is the active one. (Separate
    // Ctrl+Z shortcuts per view would be ambiguous, and Qt fires none of them.)
    QUndoGroup* undoGroup() const { return m_undoGroup; }

    // Save (to the session's file, or asks for one when it has none or with
    // saveAs). False when the user cancelled the file dialog or writing failed.
    // When the file was changed on disk since it was opened or last saved (a
    // second Quantscope saved it), asks first: overwrite, save elsewhere or cancel.
    bool saveSession(bool saveAs);

    QAction* presentationAction() const { return m_presentation; }
    QAction* darkAction() const { return m_dark; }

signals:
    void modelRequested(const QString& path);

private:
    void exportFigureDialog();
    void exportData(const QString& kind);
    void setPresentation(bool on);
    void setDark(bool on);
    void applyPalette(); // the theme × presentation palette, app-wide
    void rebuildRecentMenu();
    RestoreAnswer askRestore(const AutosaveRecord& record);
    FileChangedAnswer askFileChanged(const QString& path);

    QMainWindow* m_window;
    ExplorerView* m_explorer;
    QUndoGroup* m_undoGroup = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_presentation = nullptr;
    QAction* m_dark = nullptr;
    Autosaver* m_autosaver = nullptr;
    double m_zoomBeforePresentation = 1.0;
    bool m_darkOn = false;
    bool m_presentationOn = false;
};

} // namespace qs
