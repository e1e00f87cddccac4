#pragma once
// The Data dock: where the values come from. A generator with its parameters
// (the seeded distributions of the core), a file (.npy, .safetensors, CSV)
// with its tensor, or numbers pasted as text. Every change is one undo step.
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace qs {

class Session;

class DataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DataPanel(Session* session, QWidget* parent = nullptr);

    // Loads FILE (the tensor picker lists a safetensors file's tensors). False with a message on failure.
    bool openFile(const QString& path, QString* error = nullptr);

signals:
    void problem(const QString& message);

private:
    void syncFromSession();
    void applyGenerator();
    void applyPasted();
    void chooseFile();

    Session* m_session;
    QComboBox* m_generator = nullptr;
    QLineEdit* m_params = nullptr;
    QLabel* m_file = nullptr;
    QComboBox* m_tensor = nullptr;
    QPlainTextEdit* m_paste = nullptr;
    QLabel* m_info = nullptr;
};

} // namespace qs
