// The Vietnamese translation: embedded .qm loads, the main window shows the
// .ts texts, every message is finished and keeps the source's placeholders,
// HTML tags and accelerators, the settings dialog stores the language, and
// switching back to English restores English.
#include "mainwindow/mainwindow.h"
#include "settings/language.h"
#include "settings/settingsdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString translation;
    QString type; // "" when finished
    bool numerus = false;
};

// The .ts file, read independently of lrelease/QTranslator.
QList<TsMessage> readTs(const QString& path, QString* error)
{
    QList<TsMessage> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{};
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (m.numerus) {
                // <numerusform> children: Vietnamese has one form.
                while (xml.readNextStartElement())
                    m.translation = xml.readElementText();
            } else {
                m.translation = xml.readElementText();
            }
            out.push_back(m);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

const QList<TsMessage>& tsMessages()
{
    static const QList<TsMessage> messages = [] {
        QString error;
        QList<TsMessage> m = readTs(QStringLiteral(QS_TS_FILE), &error);
        if (!error.isEmpty())
            qWarning("cannot read %s: %s", QS_TS_FILE, qPrintable(error));
        return m;
    }();
    return messages;
}

// The translation the .ts file gives for a source text (any context), or a null string.
QString tsTranslation(const QString& source, const QString& context = QString())
{
    for (const TsMessage& m : tsMessages())
        if (m.source == source && (context.isEmpty() || m.context == context))
            return m.translation;
    return {};
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList matches(const QString& text, const QRegularExpression& re, int group = 0)
{
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(group);
    return sorted(out);
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    return matches(text, re);
}

QStringList htmlTags(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("</?([a-zA-Z][a-zA-Z0-9]*)"));
    return matches(text, re);
}

// Accelerator markers: '&' followed by a letter that is not an HTML entity.
int accelerators(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("&(?!&|[a-zA-Z]+;|#\\d+;)\\w"));
    return int(matches(text, re).size());
}

struct WindowTexts
{
    QStringList menus;
    QStringList tabs;
};

WindowTexts windowTexts()
{
    qs::MainWindow window;
    WindowTexts t;
    for (QAction* a : window.menuBar()->actions())
        t.menus << a->text();
    auto* tabs = qobject_cast<QTabWidget*>(window.centralWidget());
    if (tabs)
        for (int i = 0; i < tabs->count(); ++i)
            t.tabs << tabs->tabText(i);
    return t;
}

} // namespace

class TestI18n : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void embeddedQmLoads();
    void tsIsConsistent_data();
    void tsIsConsistent();
    void qmMatchesTs();
    void mainWindowIsVietnamese();
    void settingsDialogStoresLanguage_data();
    void settingsDialogStoresLanguage();
    void unknownLanguageIsRefused();
    void restartDropsLanguageOverride_data();
    void restartDropsLanguageOverride();
};

void TestI18n::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY2(tsMessages().size() > 100, "the .ts file has too few messages");
}

void TestI18n::cleanup()
{
    qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("en"));
    QSettings().clear();
}

void TestI18n::embeddedQmLoads()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/quantscope_vi.qm")));
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/quantscope_vi.qm")));
    QVERIFY(!translator.isEmpty());
    QCOMPARE(translator.language(), QStringLiteral("vi_VN"));

    QVERIFY(qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("vi")));
    QCOMPARE(qs::installedLanguage(), QStringLiteral("vi"));
    QCOMPARE(QLocale().language(), QLocale::Vietnamese);
}

void TestI18n::tsIsConsistent_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("translation");
    QTest::addColumn<QString>("type");
    for (const TsMessage& m : tsMessages())
        QTest::addRow("%s|%s", qPrintable(m.context),
                      qPrintable(m.source.left(60).replace(QLatin1Char('\n'), QLatin1Char(' '))))
            << m.source << m.translation << m.type;
}

void TestI18n::tsIsConsistent()
{
    QFETCH(QString, source);
    QFETCH(QString, translation);
    QFETCH(QString, type);
    QCOMPARE(type, QString()); // not unfinished, vanished or obsolete
    QVERIFY(!translation.isEmpty());
    QCOMPARE(placeholders(translation), placeholders(source));
    QCOMPARE(htmlTags(translation), htmlTags(source));
    QCOMPARE(accelerators(translation), accelerators(source));
}

void TestI18n::qmMatchesTs()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/quantscope_vi.qm")));
    int checked = 0;
    for (const TsMessage& m : tsMessages()) {
        const QString got = translator.translate(m.context.toUtf8().constData(), m.source.toUtf8().constData(), nullptr,
                                                 m.numerus ? 1 : -1);
        QCOMPARE(got, m.translation);
        ++checked;
    }
    QCOMPARE(checked, tsMessages().size());
}

void TestI18n::mainWindowIsVietnamese()
{
    QVERIFY(qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
    const WindowTexts english = windowTexts();
    QVERIFY(english.menus.size() >= 4);
    QVERIFY(english.tabs.size() >= 3);

    QVERIFY(qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("vi")));
    const WindowTexts vietnamese = windowTexts();
    QCOMPARE(vietnamese.menus.size(), english.menus.size());
    QCOMPARE(vietnamese.tabs.size(), english.tabs.size());
    for (int i = 0; i < english.menus.size(); ++i) {
        const QString expected = tsTranslation(english.menus.at(i));
        QVERIFY2(!expected.isNull(), qPrintable(english.menus.at(i) + QStringLiteral(" is not in the .ts")));
        QCOMPARE(vietnamese.menus.at(i), expected);
        QVERIFY(vietnamese.menus.at(i) != english.menus.at(i));
    }
    for (int i = 0; i < english.tabs.size(); ++i) {
        const QString expected = tsTranslation(english.tabs.at(i));
        QVERIFY2(!expected.isNull(), qPrintable(english.tabs.at(i) + QStringLiteral(" is not in the .ts")));
        QCOMPARE(vietnamese.tabs.at(i), expected);
    }

    // Back to English: the same texts as before any translation.
    QVERIFY(qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
    const WindowTexts again = windowTexts();
    QCOMPARE(again.menus, english.menus);
    QCOMPARE(again.tabs, english.tabs);
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(qs::installedLanguage(), QStringLiteral("en"));
}

void TestI18n::settingsDialogStoresLanguage_data()
{
    QTest::addColumn<int>("comboIndex");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("configured");
    QTest::addColumn<bool>("restartNeeded");
    // The running language is "en" (cleanup installs it).
    const QString system = QLocale::system().name().left(2);
    const QString systemLanguage = qs::availableLanguages().contains(system) ? system : QStringLiteral("en");
    QTest::newRow("system default") << 0 << QString() << systemLanguage << (systemLanguage != QLatin1String("en"));
    QTest::newRow("english") << 1 << QStringLiteral("en") << QStringLiteral("en") << false;
    QTest::newRow("vietnamese") << 2 << QStringLiteral("vi") << QStringLiteral("vi") << true;
}

void TestI18n::settingsDialogStoresLanguage()
{
    QFETCH(int, comboIndex);
    QFETCH(QString, stored);
    QFETCH(QString, configured);
    QFETCH(bool, restartNeeded);

    qs::SettingsDialog dialog;
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("languageCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(comboIndex);
    QCOMPARE(dialog.chosenLanguage(), stored);
    QCOMPARE(dialog.save(), restartNeeded);
    QSettings settings;
    QVERIFY(settings.contains(QStringLiteral("ui/language")));
    QCOMPARE(settings.value(QStringLiteral("ui/language")).toString(), stored);
    QCOMPARE(qs::configuredLanguage(), configured);

    // A new dialog shows the stored choice.
    qs::SettingsDialog reopened;
    QCOMPARE(reopened.chosenLanguage(), stored);
}

void TestI18n::unknownLanguageIsRefused()
{
    QVERIFY(qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("vi")));
    QVERIFY(!qs::installTranslations(*QCoreApplication::instance(), QStringLiteral("xx")));
    QCOMPARE(qs::installedLanguage(), QStringLiteral("vi")); // unchanged
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
    const QString system = QLocale::system().name().left(2);
    QCOMPARE(qs::configuredLanguage(), qs::availableLanguages().contains(system) ? system : QStringLiteral("en"));
}

void TestI18n::restartDropsLanguageOverride_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");
    const QString app = QStringLiteral("quantscope");
    QTest::newRow("none") << QStringList{app, QStringLiteral("a.qscope")}
                          << QStringList{app, QStringLiteral("a.qscope")};
    QTest::newRow("separate") << QStringList{app, QStringLiteral("--lang"), QStringLiteral("vi"),
                                             QStringLiteral("x.npy")}
                              << QStringList{app, QStringLiteral("x.npy")};
    QTest::newRow("joined") << QStringList{app, QStringLiteral("--lang=vi"), QStringLiteral("--presentation")}
                            << QStringList{app, QStringLiteral("--presentation")};
}

void TestI18n::restartDropsLanguageOverride()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    QCOMPARE(qs::argumentsWithoutLanguage(arguments), expected);
}

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
