#pragma once
// Help for the jargon (issue #16): the glossary (Help ▸ Glossary, F1 on a
// control, What's This) and a short user guide, both from
// resources/help/glossary.json (core/lessons/glossary.h), in the app's language.
#include <QDialog>

class QLineEdit;
class QListWidget;
class QMainWindow;
class QMenu;
class QTextBrowser;

namespace qs {

class GlossaryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GlossaryDialog(QWidget* parent = nullptr);
    // Shows the entry with this id; false if there is none.
    bool showEntry(const QString& id);
    QString currentEntry() const { return m_current; }

private:
    void fill(const QString& filter);

    QLineEdit* m_search = nullptr;
    QListWidget* m_list = nullptr;
    QTextBrowser* m_text = nullptr;
    QString m_current;
};

// The glossary entry explaining `widget` or one of its parents (by object name), or "".
QString glossaryEntryFor(const QWidget* widget);

// Help ▸ Glossary (F1: the entry of the focused control, else the index), User guide,
// What's This (Shift+F1); sets What's This texts on the controls the glossary names.
void installHelp(QMainWindow* window, QMenu* help);
// Sets the What's This text of every widget under `root` that a glossary entry names.
int applyWhatsThis(QWidget* root);

// The dialogs, one per window (reused); for tests and the menu.
GlossaryDialog* showGlossary(QWidget* parent, const QString& id = QString());
QDialog* showUserGuide(QWidget* parent);

} // namespace qs
