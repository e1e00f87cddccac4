#pragma once
// The Data dock: where the values come from. A generator with its parameters
// (the seeded distributions of the core), a file (.npy, .safetensors, CSV)
// with its tensor, or numbers pasted as text. Every change is one undo step.
// Loading runs on the session's worker; a load that takes more than 300 ms
// shows a progress bar with a Cancel button here.
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

class DataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DataPanel(Session* session, QWidget* parent = nullptr);

    // Starts loading FILE (the tensor picker lists a safetensors file's
    // tensors). False with a message when the file cannot be read or is not a
    // tensor file; a problem found while reading arrives as problem().
    bool openFile(const QString& path, QString* error = nullptr);
    // How long a load runs before the progress bar appears.
    static constexpr int kProgressDelayMs = 300;

signals:
    void problem(const QString& message);

private:
    void syncFromSession();
    void applyGenerator();
    void applyPasted();
    void chooseFile();
    void onLoadStarted(const QString& description);
    void onLoadEnded();

    Session* m_session;
    QComboBox* m_generator = nullptr;
    QLineEdit* m_params = nullptr;
    QLabel* m_file = nullptr;
    QComboBox* m_tensor = nullptr;
    QPlainTextEdit* m_paste = nullptr;
    QLabel* m_info = nullptr;
    QWidget* m_progressRow = nullptr; // progress bar + Cancel, hidden unless a load is slow
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QTimer* m_progressDelay = nullptr;
};

} // namespace qs
