#pragma once
// The Data dock: where the values come from. A generator with its parameters
// (the seeded distributions of the core), a file (.npy, .safetensors, CSV)
// with its tensor, or numbers pasted as text. Every change is one undo step.
// Loading runs on the session's worker; a load that takes more than 300 ms
// shows a progress bar with a Cancel button here.
//
// Very long pasted text (a million values on one line) never enters the text
// box: laying it out froze the GUI thread for minutes. The panel keeps the
// whole text, which is what "Use pasted values" parses (on the worker) and the
// session saves, and the box shows a bounded, read-only preview of it.
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace qs {

class Session;
class TensorPicker;

class DataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DataPanel(Session* session, QWidget* parent = nullptr);

    // Starts loading FILE (the tensor picker lists a safetensors file's
    // tensors). False with a message when the file cannot be read or is not a
    // tensor file; a problem found while reading arrives as problem().
    bool openFile(const QString& path, QString* error = nullptr);
    // Starts loading one tensor of FILE (FILE:NAME), e.g. from the Model view.
    void openTensor(const QString& file, const QString& tensor);
    // How long a load runs before the progress bar appears.
    static constexpr int kProgressDelayMs = 300;
    // Pasted text longer than this is previewed, not edited; the preview has at
    // most kPreviewChars characters (a line of them lays out in well under a frame).
    static constexpr int kPreviewThreshold = 10000;
    static constexpr int kPreviewChars = 2000;
    // True while the paste box shows a preview of a longer text.
    bool isPreviewingPaste() const { return !m_largePaste.isEmpty(); }

signals:
    void problem(const QString& message);

private:
    void syncFromSession();
    void applyGenerator();
    void applyPasted();
    // The text box got `text` pasted over its selection; false when it is short
    // enough to be inserted as usual.
    bool takeLargePaste(const QString& text);
    void showPastePreview(const QString& text);
    void clearPaste();
    void chooseFile();
    void onLoadStarted(const QString& description);
    void onLoadEnded();

    Session* m_session;
    QComboBox* m_generator = nullptr;
    QLineEdit* m_params = nullptr;
    QLabel* m_file = nullptr;
    TensorPicker* m_tensor = nullptr;
    QPlainTextEdit* m_paste = nullptr;
    QString m_largePaste; // the whole text while the box shows its preview
    QLabel* m_previewNote = nullptr;
    QPushButton* m_clearPaste = nullptr;
    QLabel* m_info = nullptr;
    QWidget* m_progressRow = nullptr; // progress bar + Cancel, hidden unless a load is slow
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QTimer* m_progressDelay = nullptr;
};

} // namespace qs
