// Help for the jargon (issue #16): the glossary file parses with an English and
// a Vietnamese text for every entry and names the course's terms; every control
// it explains exists in the main window and carries a What's This text; F1 on a
// control opens its entry; Help has Glossary and User guide.
#include "formats/error.h"
#include "help/helpwindow.h"
#include "lessons/glossary.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMenuBar>
#include <QTest>
#include <QTextBrowser>

using namespace qs;

class TestGlossary : public QObject
{
    Q_OBJECT
private slots:
    void fileParses()
    {
        QString error;
        const Glossary& g = embeddedGlossary(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const char* id : {"sqnr", "ulp", "epsilon", "narrow-full-range", "zero-point", "conventions", "fn-fnuz",
                               "e8m0", "mx", "bits-per-value", "percentile", "entropy-calibration", "mse-calibration",
                               "ptq", "qat"})
            QVERIFY2(g.find(id), id);
        for (const GlossaryEntry& e : g.entries)
            for (const char* lang : {"en", "vi"}) {
                QVERIFY2(!e.term.texts.value(lang).isEmpty(), qPrintable(e.id));
                QVERIFY2(!e.text.texts.value(lang).isEmpty(), qPrintable(e.id));
            }
        QVERIFY(!g.guide.texts.value("vi").isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QByteArray guide = R"("guide": {"en": "g", "vi": "g"})";
        QTest::newRow("no vi") << QByteArray("{" + guide + R"(, "entries": [{"id": "a", "term": {"en": "A"}, "text": {"en": "t", "vi": "t"}}]})")
                               << "g.json, entry 1 (a): 'term' needs a 'vi' text";
        QTest::newRow("duplicate") << QByteArray("{" + guide + R"(, "entries": [{"id": "a", "term": {"en": "A", "vi": "A"}, "text": {"en": "t", "vi": "t"}}, {"id": "a", "term": {"en": "A", "vi": "A"}, "text": {"en": "t", "vi": "t"}}]})")
                                   << "used twice";
        QTest::newRow("unknown see") << QByteArray("{" + guide + R"(, "entries": [{"id": "a", "term": {"en": "A", "vi": "A"}, "text": {"en": "t", "vi": "t"}, "see": ["b"]}]})")
                                     << "unknown entry 'b'";
    }
    void malformed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        try {
            parseGlossary(json, "g.json");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void reachableFromControlsAndHelp()
    {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Every control the glossary explains exists and has its What's This text.
        for (const GlossaryEntry& e : embeddedGlossary().entries)
            for (const QString& name : e.controls) {
                QWidget* w = window.findChild<QWidget*>(name);
                QVERIFY2(w, qPrintable(e.id + ": no widget " + name));
                const GlossaryEntry* shown = embeddedGlossary().forControl(name);
                QVERIFY2(w->whatsThis().contains(shown->term.text("en").toHtmlEscaped()), qPrintable(name));
            }
        // Help ▸ Glossary and User guide.
        QAction* glossary = window.findChild<QAction*>("glossaryAction");
        QAction* guide = window.findChild<QAction*>("userGuideAction");
        QVERIFY(glossary && guide);
        QCOMPARE(glossary->shortcut(), QKeySequence(QKeySequence::HelpContents));
        guide->trigger();
        auto* guideText = window.findChild<QTextBrowser*>("userGuideText");
        QVERIFY(guideText && guideText->isVisible() && guideText->toPlainText().contains("Lessons"));
        // F1 on the focused Scheme control opens the zero point / symmetric entry.
        window.showView("explorer");
        auto* scheme = window.findChild<QComboBox*>("scheme");
        QVERIFY(scheme);
        scheme->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(scheme));
        QCOMPARE(glossaryEntryFor(scheme), embeddedGlossary().forControl("scheme")->id);
        glossary->trigger();
        auto* dialog = window.findChild<GlossaryDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->currentEntry(), embeddedGlossary().forControl("scheme")->id);
        QVERIFY(dialog->showEntry("sqnr"));
        QVERIFY(dialog->findChild<QTextBrowser*>("glossaryText")->toPlainText().contains("10·log10"));
    }
};

QTEST_MAIN(TestGlossary)
#include "tst_glossary.moc"
