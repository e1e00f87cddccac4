#pragma once
// The editor of the Compare plot's list (next to the compare table): which
// quantizers run on the same data after the current settings. Entries are
// typed as "QUANTIZER [GRANULARITY]" (int8, fp8-e4m3, nf4, mxfp4,
// int4 channel:0, int4 block:32 ...); a bad spec is refused with a message.
// Every edit is one undo step of the session (the list is part of its view
// state and saved with it).
#include "plots/figuredata.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace qs {

class Session;

class CompareListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CompareListPanel(Session* session, QWidget* parent = nullptr);

    // Adds the entry typed as `text` at the end. False (and nothing changes)
    // when it is not a valid spec; the message is shown and returned in *error.
    bool addEntry(const QString& text, QString* error = nullptr);
    void removeSelected();
    void moveSelected(int delta); // -1 up, +1 down
    void resetToDefault();

private:
    void syncFromSession();
    void setList(const std::vector<CompareEntry>& list, const QString& undoText, int select);
    void showMessage(const QString& text);

    Session* m_session;
    QListWidget* m_list = nullptr;
    QLineEdit* m_spec = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    QPushButton* m_reset = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace qs
