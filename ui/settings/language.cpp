#include "settings/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QProcess>
#include <QSettings>
#include <QTranslator>

namespace qs {

namespace {

// Translators we installed, so that a second call replaces them. They are
// children of the application and die with it.
QPointer<QTranslator> g_appTranslator;
QPointer<QTranslator> g_qtTranslator;
QString g_installedLanguage = QStringLiteral("en");

void removeOurTranslators(QCoreApplication& app)
{
    for (QPointer<QTranslator>* t : {&g_appTranslator, &g_qtTranslator}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
    }
    Q_UNUSED(app);
}

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("vi")};
}

QString configuredLanguage()
{
    const QString stored = QSettings().value(QLatin1String(settingskey::language)).toString();
    if (availableLanguages().contains(stored))
        return stored;
    const QString system = QLocale::system().name().left(2);
    return availableLanguages().contains(system) ? system : QStringLiteral("en");
}

bool installTranslations(QCoreApplication& app, const QString& lang)
{
    if (!availableLanguages().contains(lang))
        return false;
    removeOurTranslators(app);
    g_installedLanguage = QStringLiteral("en");
    QLocale::setDefault(QLocale(lang));
    if (lang == QLatin1String("en"))
        return true;

    auto* own = new QTranslator(&app);
    if (!own->load(QStringLiteral(":/i18n/quantscope_%1.qm").arg(lang))) {
        delete own;
        QLocale::setDefault(QLocale(QLocale::English));
        return false;
    }
    QCoreApplication::installTranslator(own);
    g_appTranslator = own;
    g_installedLanguage = lang;

    // Qt's own texts (QDialogButtonBox, file dialogs): optional, from the system.
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qtTranslator = qt;
    } else {
        delete qt;
    }
    return true;
}

QString installedLanguage()
{
    return g_installedLanguage;
}

QStringList argumentsWithoutLanguage(const QStringList& arguments)
{
    QStringList out;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--lang") || a == QLatin1String("-lang")) {
            ++i; // skip its value too
            continue;
        }
        if (a.startsWith(QLatin1String("--lang=")))
            continue;
        out << a;
    }
    return out;
}

bool restartApplication()
{
    const QStringList args = argumentsWithoutLanguage(QCoreApplication::arguments()).mid(1);
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), args))
        return false;
    QCoreApplication::quit();
    return true;
}

} // namespace qs
