#pragma once
// The interface language: which translation is loaded, where the choice is
// stored, and restarting the app so a new choice takes effect. Qt widgets
// read their texts once, when they are built, so a language change applies
// at the next start (docs/i18n.md).
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace qs {

// QSettings keys written by the settings dialog and read at start (docs/i18n.md).
namespace settingskey {
inline constexpr char language[] = "ui/language";                       // "" (system) | "en" | "vi"
inline constexpr char presentationAtStart[] = "ui/presentationAtStart"; // bool
inline constexpr char darkThemeAtStart[] = "ui/darkThemeAtStart";       // bool
} // namespace settingskey

// Languages the interface is available in, as two-letter codes; "en" is the
// language of the source texts and needs no translation file.
QStringList availableLanguages();

// The stored choice (QSettings ui/language) if it names an available language,
// otherwise the system locale's language if available, otherwise "en".
QString configuredLanguage();

// Loads :/i18n/quantscope_<lang>.qm and Qt's own qtbase_<lang>.qm (standard
// buttons, dialogs) when present, replacing translations installed by an
// earlier call, and sets QLocale's default to <lang> so number formatting and
// the lessons' data texts follow. "en" removes all translations. Returns false
// (and installs nothing of ours) if <lang> is not available or its file does
// not load.
bool installTranslations(QCoreApplication& app, const QString& lang);

// The language whose translation installTranslations() last installed ("en" if none).
QString installedLanguage();

// The command line without "--lang xx" / "--lang=xx", so that a restart
// follows the stored setting instead of a one-off override.
QStringList argumentsWithoutLanguage(const QStringList& arguments);

// Starts a new instance with the same arguments (minus --lang) and quits this
// one. The main window is not closed first, so the session autosave is kept
// and the new instance restores it. False if the new process did not start.
bool restartApplication();

} // namespace qs
