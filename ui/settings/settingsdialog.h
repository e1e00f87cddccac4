#pragma once
// Edit > Settings: app-wide preferences kept in QSettings under the keys in
// settings/language.h (docs/i18n.md): the interface language, and whether the
// app starts in presentation mode or with the dark theme. The choices apply at
// the next start (main.cpp reads them); a language change offers to restart now.
#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;

namespace qs {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    // The language picked in the dialog: "" (system default), "en" or "vi".
    QString chosenLanguage() const;
    void setChosenLanguage(const QString& code);

    // Writes the choices to QSettings. Returns true if the interface language
    // they select differs from the one running now, i.e. a restart is needed.
    bool save();

    // OK: save(), then, if the language changed, say it applies at the next
    // start and offer "Restart now".
    void accept() override;

private:
    void updateLanguageNote();

    QComboBox* m_language = nullptr;
    QLabel* m_languageNote = nullptr;
    QCheckBox* m_presentation = nullptr;
    QCheckBox* m_dark = nullptr;
};

} // namespace qs
