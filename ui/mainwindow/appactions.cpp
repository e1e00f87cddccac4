#include "mainwindow/appactions.h"

#include "common/filefilters.h"

#include "common/theme.h"
#include "common/uizoom.h"

#include "common/plotexporter.h"
#include "explorer/datapanel.h"
#include "explorer/explorerview.h"
#include "mainwindow/autosave.h"
#include "session/session.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QUndoGroup>
#include <QUndoStack>

#include <algorithm>

namespace qs {

namespace {
constexpr int kMaxRecent = 8;

// A QLineEdit accepts the ShortcutOverride of every editing key it knows
// (Ctrl+Z, Ctrl+E = end of line, ...), so while one has focus the window's
// shortcuts never fire: after typing 7 + Enter in the Bits spin box, Ctrl+Z
// did nothing. This filter gives those keys back to the window's actions:
// always for the line edit inside a spin box or combo box (its own undo is
// not the document's), and for a free-text field unless Ctrl+Z/Ctrl+Shift+Z
// has typing of its own to undo or redo.
class ShortcutRouter : public QObject
{
public:
    ShortcutRouter(QMainWindow* window, QObject* parent) : QObject(parent), m_window(window) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::ShortcutOverride)
            return false;
        // A spin box or an editable combo box has the focus itself and hands
        // the event to its line edit directly, so the filter sees the box.
        auto* widget = qobject_cast<QWidget*>(watched);
        if (!widget || widget->window() != m_window)
            return false;
        auto* edit = qobject_cast<QLineEdit*>(widget);
        const bool inBox = qobject_cast<QAbstractSpinBox*>(widget) ||
                           (qobject_cast<QComboBox*>(widget) && static_cast<QComboBox*>(widget)->isEditable()) ||
                           (edit && (qobject_cast<QAbstractSpinBox*>(edit->parentWidget()) ||
                                     qobject_cast<QComboBox*>(edit->parentWidget())));
        if (!inBox && !edit)
            return false;
        auto* key = static_cast<QKeyEvent*>(event);
        if (!(key->modifiers() & Qt::ControlModifier) || !hasEnabledAction(QKeySequence(key->keyCombination())))
            return false;
        if (!inBox && ((key->matches(QKeySequence::Undo) && edit->isUndoAvailable()) ||
                       (key->matches(QKeySequence::Redo) && edit->isRedoAvailable())))
            return false;
        event->ignore(); // not overridden: the shortcut map triggers the window's action
        return true;
    }

private:
    bool hasEnabledAction(const QKeySequence& keys) const
    {
        const QList<QAction*> actions = m_window->findChildren<QAction*>();
        return std::any_of(actions.begin(), actions.end(), [&keys](const QAction* a) {
            return a->isEnabled() && a->shortcutContext() != Qt::WidgetShortcut &&
                   a->shortcutContext() != Qt::WidgetWithChildrenShortcut && a->shortcuts().contains(keys);
        });
    }

    QMainWindow* m_window;
};

} // namespace

AppActions::AppActions(QMainWindow* window, ExplorerView* explorer)
    : QObject(window), m_window(window), m_explorer(explorer)
{
    UiZoom::instance(); // takes the start-up font as zoom 1
    m_undoGroup = new QUndoGroup(this);
    m_undoGroup->addStack(explorer->session()->undoStack());
    m_undoGroup->setActiveStack(explorer->session()->undoStack());
    qApp->installEventFilter(new ShortcutRouter(window, this));
    m_autosaver = new Autosaver(explorer->session(), this);
    connect(m_autosaver, &Autosaver::writeFailed, this,
            [this](const QString& message) { m_window->statusBar()->showMessage(message, 8000); });
    // Quitting without closing the window (Settings' "Restart now") keeps the
    // session for the next run: written now, marked as handed over.
    connect(qApp, &QCoreApplication::aboutToQuit, m_autosaver, [this] { m_autosaver->flush(true); });
}

void AppActions::fillFileMenu(QMenu* file)
{
    Session* s = m_explorer->session();
    QAction* open = file->addAction(tr("&Open…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open session or tensor"), QString(),
            tensorFileFilter(/*withSessions=*/true));
        if (!path.isEmpty())
            openAny(path);
    });
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open a saved .qscope session, a tensor file or a model checkpoint."));
    QAction* openFolder = file->addAction(tr("Open Model &Folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Open a folder holding a model"));
        if (!dir.isEmpty())
            openAny(dir);
    });
    openFolder->setObjectName(QStringLiteral("openModelFolder"));
    openFolder->setToolTip(tr("Open a folder of safetensors shards (with or without its index) as one model."));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Save Session"), this, [this] { saveSession(false); })->setShortcut(QKeySequence::Save);
    file->addAction(tr("Save Session &As…"), this, [this] { saveSession(true); })->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction* fig = file->addAction(tr("&Export Figure…"), this, &AppActions::exportFigureDialog);
    fig->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export Histogram Bins (CSV)…"), this, [this] { exportData(QStringLiteral("hist")); });
    file->addAction(tr("Export Dequantized Tensor (.npy)…"), this, [this] { exportData(QStringLiteral("npy")); });
    file->addAction(tr("Export Figure Data (CSV)…"), this, [this] { exportData(QStringLiteral("figcsv")); });
    file->addAction(tr("Export Settings (JSON)…"), this, [this] { exportData(QStringLiteral("settings")); });
    file->addAction(tr("&Copy Figure"), this, [this] { m_explorer->copyFigureToClipboard(); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    file->addSeparator();
    connect(s, &Session::fileNameChanged, this, [this](const QString& f) {
        // [*]: where QWidget::setWindowModified puts its marker (MainWindow binds it to the undo stack).
        m_window->setWindowTitle(tr("%1 — Quantscope").arg(QFileInfo(f).fileName() + QStringLiteral("[*]")));
    });
}

void AppActions::fillEditMenu(QMenu* edit)
{
    QAction* u = m_undoGroup->createUndoAction(this, tr("&Undo"));
    u->setShortcut(QKeySequence::Undo);
    QAction* r = m_undoGroup->createRedoAction(this, tr("&Redo"));
    r->setShortcut(QKeySequence::Redo);
    edit->addAction(u);
    edit->addAction(r);
    edit->addSeparator();
    QAction* reset = edit->addAction(tr("Reset &Example"), this, [this] { m_explorer->session()->resetExample(); });
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    reset->setToolTip(tr("Back to the example: 100,000 weights with a few outliers, int8 symmetric, min-max."));
    QAction* pin = edit->addAction(tr("&Pin Result as Reference"), this,
                                   [this] { m_explorer->isPinned() ? m_explorer->unpin() : m_explorer->pin(); });
    pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
}

void AppActions::fillViewMenu(QMenu* view)
{
    // One zoom factor for every view: text, values, bit cells, plot fonts, pens and markers.
    QAction* in = view->addAction(tr("Zoom &In"), this, [] {
        UiZoom::instance()->setFactor(UiZoom::stepUp(UiZoom::factor()));
    });
    in->setObjectName(QStringLiteral("zoomIn"));
    // Ctrl+= is the key without Shift on most layouts; Ctrl++ is what the menu shows.
    in->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn});
    in->setToolTip(tr("Everything larger: text, values, bit cells and plots."));
    QAction* out = view->addAction(tr("Zoom &Out"), this, [] {
        UiZoom::instance()->setFactor(UiZoom::stepDown(UiZoom::factor()));
    });
    out->setObjectName(QStringLiteral("zoomOut"));
    out->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut});
    out->setToolTip(tr("Everything smaller: text, values, bit cells and plots."));
    QAction* reset = view->addAction(tr("&Actual Size"), this, [] { UiZoom::instance()->setFactor(1.0); });
    reset->setObjectName(QStringLiteral("zoomReset"));
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    reset->setToolTip(tr("Back to the normal size."));
    m_presentation = view->addAction(tr("&Presentation Mode"), this, &AppActions::setPresentation);
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentation->setToolTip(
        tr("Large text and thick lines in high contrast, for a projector: a zoom preset that still fits the window."));
    m_dark = view->addAction(tr("&Dark Theme"), this, &AppActions::setDark);
    m_dark->setCheckable(true);
    m_dark->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    view->addSeparator();
    for (QDockWidget* d : m_explorer->docks())
        view->addAction(d->toggleViewAction());
}

void AppActions::setPresentation(bool on)
{
    if (on == m_presentationOn) {
        if (m_presentation && m_presentation->isChecked() != on)
            m_presentation->setChecked(on);
        return;
    }
    m_presentationOn = on;
    // F5 is a preset of the one zoom factor; leaving it returns to the zoom
    // before. The explorer's panels go into one column before the text grows
    // (two columns at the larger size would widen the window first).
    if (on) {
        m_explorer->setPresentation(true);
        m_zoomBeforePresentation = UiZoom::factor();
        UiZoom::instance()->setFactor(UiZoom::presentationFactor(m_window->width()));
    } else {
        UiZoom::instance()->setFactor(m_zoomBeforePresentation);
        m_explorer->setPresentation(false);
    }
    applyPalette();
    if (m_presentation && m_presentation->isChecked() != on)
        m_presentation->setChecked(on);
}

void AppActions::setDark(bool on)
{
    m_darkOn = on;
    applyPalette();
    m_explorer->setDark(on);
}

void AppActions::applyPalette()
{
    // Fusion draws every role of the palette (the native styles ignore some),
    // which the dark and high-contrast palettes need.
    if (m_darkOn || m_presentationOn)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(themePalette(m_darkOn, m_presentationOn));
}

bool AppActions::openSession(const QString& path, QString* error)
{
    QString message;
    if (!m_explorer->session()->requestOpen(path, &message)) { // the data loads off the GUI thread
        m_window->statusBar()->showMessage(message, 8000);
        if (error)
            *error = message;
        return false;
    }
    addRecentFile(path);
    m_window->statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
    return true;
}

bool AppActions::isModelPath(const QString& path)
{
    return QFileInfo(path).isDir() || path.endsWith(QLatin1String(".safetensors.index.json"), Qt::CaseInsensitive);
}

bool AppActions::openAny(const QString& path)
{
    if (path.endsWith(QLatin1String(".qscope"), Qt::CaseInsensitive))
        return openSession(path);
    if (isModelPath(path)) {
        addRecentFile(path);
        emit modelRequested(path);
        return true;
    }
    QString error;
    if (!m_explorer->dataPanel()->openFile(path, &error)) {
        m_window->statusBar()->showMessage(error, 8000);
        return false;
    }
    addRecentFile(path);
    m_window->statusBar()->showMessage(tr("Loaded %1").arg(path), 4000);
    return true;
}

bool AppActions::saveSession(bool saveAs)
{
    Session* s = m_explorer->session();
    QString path = s->fileName();
    if (saveAs || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(m_window, tr("Save session"), path, tr("Quantscope sessions (*.qscope)"));
        if (path.isEmpty())
            return false;
        if (!path.endsWith(QLatin1String(".qscope")))
            path += QLatin1String(".qscope");
    }
    // Saving over the file this session came from: not if someone else wrote it meanwhile.
    if (!saveAs && s->fileStamp().changedOnDisk(path)) {
        switch (askFileChanged(path)) {
        case FileChangedAnswer::Overwrite: break;
        case FileChangedAnswer::SaveAs: return saveSession(true);
        case FileChangedAnswer::Cancel: return false;
        }
    }
    QString error;
    if (!s->save(path, &error)) {
        QMessageBox::warning(m_window, tr("Save session"), error);
        return false;
    }
    addRecentFile(path);
    m_window->statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void AppActions::exportFigureDialog()
{
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export figure"), QString(), PlotExporter::fileDialogFilter());
    if (path.isEmpty())
        return;
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Figure size"));
    auto* form = new QFormLayout(&dialog);
    auto* w = new QSpinBox(&dialog);
    auto* h = new QSpinBox(&dialog);
    auto* dpi = new QDoubleSpinBox(&dialog);
    w->setRange(100, 10000);
    h->setRange(100, 10000);
    dpi->setRange(72, 1200);
    QSettings settings;
    w->setValue(settings.value(QStringLiteral("export/width"), 1600).toInt());
    h->setValue(settings.value(QStringLiteral("export/height"), 1000).toInt());
    dpi->setValue(settings.value(QStringLiteral("export/dpi"), 192).toDouble());
    w->setToolTip(tr("Width in pixels at the DPI below; a PDF or SVG page is width / DPI inches wide."));
    h->setToolTip(tr("Height in pixels at the DPI below; a PDF or SVG page is height / DPI inches high."));
    dpi->setToolTip(tr("Dots per inch: 192 or 300 for print, 96 for the screen. 1600 × 1000 at 192 DPI is an "
                       "8.3 × 5.2 inch figure in every format."));
    form->addRow(tr("Width"), w);
    form->addRow(tr("Height"), h);
    form->addRow(tr("DPI"), dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setValue(QStringLiteral("export/width"), w->value());
    settings.setValue(QStringLiteral("export/height"), h->value());
    settings.setValue(QStringLiteral("export/dpi"), dpi->value());
    FigureOptions o;
    o.size = QSize(w->value(), h->value());
    o.dpi = dpi->value();
    const QString error = m_explorer->exportFigure(path, o);
    m_window->statusBar()->showMessage(error.isEmpty() ? tr("Exported %1").arg(path) : error, 8000);
}

void AppActions::exportData(const QString& kind)
{
    const QString filter = kind == QLatin1String("npy")        ? tr("NumPy (*.npy)")
                           : kind == QLatin1String("settings") ? tr("JSON (*.json)")
                                                               : tr("CSV (*.csv)");
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export"), QString(), filter);
    if (path.isEmpty())
        return;
    QString error;
    if (kind == QLatin1String("hist"))
        error = m_explorer->exportHistogramCsv(path);
    else if (kind == QLatin1String("npy"))
        error = m_explorer->exportDequantizedNpy(path);
    else if (kind == QLatin1String("figcsv"))
        error = m_explorer->exportFigureCsv(path);
    else
        error = m_explorer->exportSettings(path);
    m_window->statusBar()->showMessage(error.isEmpty() ? tr("Exported %1").arg(path) : error, 8000);
}

QStringList AppActions::recentFiles() const
{
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void AppActions::addRecentFile(const QString& path)
{
    QStringList list = recentFiles();
    const QString abs = QFileInfo(path).absoluteFilePath();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), list);
    rebuildRecentMenu();
}

void AppActions::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList list = recentFiles();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = list[i];
        m_recentMenu
            ->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                        [this, path] { openAny(path); })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!list.isEmpty());
}

} // namespace qs
