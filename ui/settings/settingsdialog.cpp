#include "settings/settingsdialog.h"

#include "settings/language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace qs {

namespace {

// The language a stored choice ("" = system default) resolves to.
QString effectiveLanguage(const QString& code)
{
    if (!code.isEmpty())
        return code;
    const QString system = QLocale::system().name().left(2);
    return availableLanguages().contains(system) ? system : QStringLiteral("en");
}

} // namespace

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System default"), QString());
    // Each language is named in itself, so a user who cannot read the current
    // interface language still finds their own.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Tiếng Việt"), QStringLiteral("vi"));
    m_language->setToolTip(tr("The language of menus, lessons and quiz; \"System default\" follows the "
                              "desktop's language."));

    m_languageNote = new QLabel(this);
    m_languageNote->setWordWrap(true);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));

    m_presentation = new QCheckBox(tr("Start in &presentation mode"), this);
    m_presentation->setObjectName(QStringLiteral("presentationAtStart"));
    m_presentation->setToolTip(tr("Large fonts and thick lines from the start, for a projector."));
    m_dark = new QCheckBox(tr("Start with the &dark theme"), this);
    m_dark->setObjectName(QStringLiteral("darkThemeAtStart"));
    m_dark->setToolTip(tr("Light text on a dark background from the start, easier on the eyes in a dim room."));

    auto* form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(tr("At start:"), m_presentation);
    form->addRow(QString(), m_dark);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    // Room for the Vietnamese texts, which run about a third longer than the English.
    setMinimumWidth(520);

    const QSettings settings;
    setChosenLanguage(settings.value(QLatin1String(settingskey::language)).toString());
    m_presentation->setChecked(settings.value(QLatin1String(settingskey::presentationAtStart), false).toBool());
    m_dark->setChecked(settings.value(QLatin1String(settingskey::darkThemeAtStart), false).toBool());
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateLanguageNote);
    updateLanguageNote();
}

QString SettingsDialog::chosenLanguage() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::setChosenLanguage(const QString& code)
{
    const int index = m_language->findData(code);
    m_language->setCurrentIndex(index >= 0 ? index : 0); // unknown stored value: system default
}

void SettingsDialog::updateLanguageNote()
{
    const bool changes = effectiveLanguage(chosenLanguage()) != installedLanguage();
    m_languageNote->setText(changes ? tr("The new language applies at the next start.") : QString());
}

bool SettingsDialog::save()
{
    QSettings settings;
    settings.setValue(QLatin1String(settingskey::language), chosenLanguage());
    settings.setValue(QLatin1String(settingskey::presentationAtStart), m_presentation->isChecked());
    settings.setValue(QLatin1String(settingskey::darkThemeAtStart), m_dark->isChecked());
    settings.sync();
    return effectiveLanguage(chosenLanguage()) != installedLanguage();
}

void SettingsDialog::accept()
{
    const bool restartNeeded = save();
    QDialog::accept();
    if (!restartNeeded)
        return;
    QMessageBox box(QMessageBox::Information, tr("Language"),
                    tr("The new language applies the next time Quantscope starts."), QMessageBox::NoButton,
                    parentWidget());
    QPushButton* restart = box.addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
    box.addButton(tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restart);
    box.exec();
    if (box.clickedButton() == restart && !restartApplication())
        QMessageBox::warning(parentWidget(), tr("Language"),
                             tr("Quantscope could not start again by itself. Please close it and start it again."));
}

} // namespace qs
