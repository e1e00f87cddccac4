// QuizView driven through its widgets: right and wrong answers change the
// score as the core grades them, "Show in the app" emits the question's app
// state, Restart resets the session; screenshots at projector sizes.
#include "lessons/appstate.h"
#include "mainwindow/mainwindow.h"
#include "quant/quantconfig.h"
#include "quiz/question.h"
#include "quiz/quizview.h"

#include <QApplication>
#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace qs;

class TestQuizView : public QObject
{
    Q_OBJECT
    std::vector<quiz::Question> m_questions;

    static QLabel* label(QuizView& v, const char* name) { return v.findChild<QLabel*>(name); }
    static QPushButton* button(QuizView& v, const char* name) { return v.findChild<QPushButton*>(name); }

    // Moves to the question with this id (the view shows the embedded files in order).
    static int indexOf(const std::vector<quiz::Question>& qs, const QString& id)
    {
        for (int i = 0; i < int(qs.size()); ++i)
            if (qs[std::size_t(i)].id == id)
                return i;
        return -1;
    }
    static void goTo(QuizView& v, int index)
    {
        while (v.currentIndex() < index)
            QTest::mouseClick(button(v, "quizNext"), Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("quantscope-test");
        QCoreApplication::setApplicationName("tst_quizview");
        QLocale::setDefault(QLocale(QLocale::English));
        m_questions = quiz::loadQuestionDirectory(":/quiz");
        QVERIFY(m_questions.size() >= 25);
        QuizView::setConfirmRestart([](QWidget*) { return true; }); // no modal question in the tests
        QSettings().setValue("quiz/attempts", 1);
        QSettings().setValue("quiz/teacher_mode", false);
    }

    // Retry (attempts per question), a confirmed Restart, "I can't read that", teacher mode and export.
    void retryRestartTeacherMode()
    {
        QuizView view;
        view.setAttemptsPerQuestion(2);
        const quiz::Question& first = m_questions[0];
        const auto expected = quiz::expectedAnswer(first.compute);
        auto* answer = view.findChild<QLineEdit*>("quizAnswer");
        // Unreadable: says what it cannot read, never "wrong", and costs no attempt.
        QTest::keyClicks(answer, "0b0012");
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QVERIFY2(label(view, "quizVerdict")->text().contains("I can't read that"), qPrintable(label(view, "quizVerdict")->text()));
        QVERIFY(!label(view, "quizVerdict")->text().contains("Not quite"));
        QCOMPARE(view.answeredCount(), 0);
        // First wrong attempt: try again, the answer stays hidden.
        answer->clear();
        QTest::keyClicks(answer, QString::number(expected.value + 1, 'f', 0));
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QVERIFY(label(view, "quizVerdict")->text().contains("Try again"));
        QVERIFY(!label(view, "quizVerdict")->text().contains(expected.display));
        QVERIFY(button(view, "quizCheck")->isEnabled());
        QCOMPARE(view.answeredCount(), 0);
        // Second attempt right, written as the course writes bits (fields with spaces).
        answer->clear();
        const QString bits = QString::number(qulonglong(expected.value), 2).rightJustified(expected.codeBits, '0');
        QTest::keyClicks(answer, bits.left(1) + " " + bits.mid(1));
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QCOMPARE(view.correctCount(), 1);
        QCOMPARE(view.answeredCount(), 1);

        // Restart asks first; "no" keeps the session.
        QuizView::setConfirmRestart([](QWidget*) { return false; });
        QTest::mouseClick(button(view, "quizRestart"), Qt::LeftButton);
        QCOMPARE(view.answeredCount(), 1);
        int asked = 0;
        QuizView::setConfirmRestart([&asked](QWidget*) { ++asked; return true; });
        QTest::mouseClick(button(view, "quizRestart"), Qt::LeftButton);
        QCOMPARE(asked, 1);
        QCOMPARE(view.answeredCount(), 0);
        QTest::mouseClick(button(view, "quizRestart"), Qt::LeftButton); // nothing to lose: no question
        QCOMPARE(asked, 1);
        QuizView::setConfirmRestart([](QWidget*) { return true; });

        // Teacher mode reveals the core's answer before any attempt and offers the export.
        view.show();
        QVERIFY(!label(view, "quizTeacherAnswer")->isVisible());
        QVERIFY(!button(view, "quizExport")->isVisible());
        view.setTeacherMode(true);
        QVERIFY(label(view, "quizTeacherAnswer")->isVisible());
        QVERIFY(label(view, "quizTeacherAnswer")->text().contains(expected.display));
        QVERIFY(button(view, "quizExport")->isVisible());
        const QString dir = QDir::tempPath();
        QString error;
        QVERIFY2(view.exportQuiz(dir + "/tst_quizview.xml", "moodle", &error), qPrintable(error));
        QVERIFY2(view.exportQuiz(dir + "/tst_quizview.gift", "gift", &error), qPrintable(error));
        QVERIFY(QFileInfo(dir + "/tst_quizview.xml").size() > 1000);
        view.setTeacherMode(false);
        view.setAttemptsPerQuestion(1);
    }

    void numericRightAndWrong()
    {
        QuizView view;
        QCOMPARE(label(view, "quizProgress")->text(), QStringLiteral("Question 1 of %1").arg(m_questions.size()));
        const quiz::Question& first = m_questions[0];
        QCOMPARE(label(view, "quizPrompt")->text(), first.prompt.en);
        QCOMPARE(first.kind, quiz::QuestionKind::Numeric);
        // The right answer as the core computes it, typed in hex.
        const auto expected = quiz::expectedAnswer(first.compute);
        auto* answer = view.findChild<QLineEdit*>("quizAnswer");
        QTest::keyClicks(answer, QStringLiteral("0x%1").arg(qulonglong(expected.value), 0, 16));
        QVERIFY(!button(view, "quizShow")->isEnabled());
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QCOMPARE(view.correctCount(), 1);
        QCOMPARE(view.answeredCount(), 1);
        QVERIFY(label(view, "quizScore")->text().startsWith("1 / 1 correct"));
        QVERIFY(label(view, "quizVerdict")->text().contains(expected.display));
        QCOMPARE(label(view, "quizExplanation")->text(), first.explanation.en);
        QVERIFY(!button(view, "quizCheck")->isEnabled()); // one verdict per question and session

        // Reveal: the question's app state goes out unchanged.
        QSignalSpy shown(&view, &QuizView::showInApp);
        QTest::mouseClick(button(view, "quizShow"), Qt::LeftButton);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.at(0).at(0).value<QJsonObject>(), first.show);

        // Next question, a wrong answer (the expected value plus one).
        QTest::mouseClick(button(view, "quizNext"), Qt::LeftButton);
        const quiz::Question& second = m_questions[1];
        QCOMPARE(label(view, "quizPrompt")->text(), second.prompt.en);
        const double wrong = quiz::expectedAnswer(second.compute).value + 1;
        QTest::keyClicks(view.findChild<QLineEdit*>("quizAnswer"), QString::number(wrong, 'f', 0));
        QTest::keyClick(view.findChild<QLineEdit*>("quizAnswer"), Qt::Key_Return);
        QCOMPARE(view.correctCount(), 1);
        QCOMPARE(view.answeredCount(), 2);
        QVERIFY(label(view, "quizScore")->text().startsWith("1 / 2 correct"));

        // Unreadable input is not counted.
        QTest::mouseClick(button(view, "quizNext"), Qt::LeftButton);
        QSignalSpy status(&view, &QuizView::statusMessage);
        QTest::keyClicks(view.findChild<QLineEdit*>("quizAnswer"), "no idea");
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QCOMPARE(view.answeredCount(), 2);
        QCOMPARE(status.count(), 1);

        // Back returns to an answered question, which cannot be answered again.
        QTest::mouseClick(button(view, "quizBack"), Qt::LeftButton);
        QVERIFY(!button(view, "quizCheck")->isEnabled());

        QTest::mouseClick(button(view, "quizRestart"), Qt::LeftButton);
        QCOMPARE(view.correctCount(), 0);
        QCOMPARE(view.answeredCount(), 0);
        QCOMPARE(view.currentIndex(), 0);
        QVERIFY(label(view, "quizScore")->text().startsWith("0 / 0 correct"));
        QVERIFY(button(view, "quizCheck")->isEnabled());
    }

    void choiceRightAndWrong()
    {
        QuizView view;
        const int maxIndex = indexOf(m_questions, "fp16-max");
        const int reluIndex = indexOf(m_questions, "asym-relu");
        QVERIFY(maxIndex >= 0 && reluIndex > maxIndex);
        goTo(view, maxIndex);
        const int correct = quiz::correctOption(m_questions[std::size_t(maxIndex)]);
        QCOMPARE(correct, 0); // 65504 is listed first (docs/course.md)
        auto* right = view.findChild<QRadioButton*>(QStringLiteral("quizOption%1").arg(correct));
        QVERIFY(right);
        right->click();
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QCOMPARE(view.correctCount(), 1);

        goTo(view, reluIndex);
        const int reluCorrect = quiz::correctOption(m_questions[std::size_t(reluIndex)]);
        view.findChild<QRadioButton*>(QStringLiteral("quizOption%1").arg(1 - reluCorrect))->click();
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        QCOMPARE(view.correctCount(), 1);
        QCOMPARE(view.answeredCount(), 2);
        QVERIFY(label(view, "quizVerdict")
                    ->text()
                    .contains(
                        m_questions[std::size_t(reluIndex)].options[std::size_t(reluCorrect)].text.en.toHtmlEscaped()));
    }

    void topicFilter()
    {
        QuizView view;
        auto* topic = view.findChild<QComboBox*>("quizTopic");
        QVERIFY(topic->count() >= 3);
        topic->setCurrentIndex(topic->findData("memory"));
        int memoryQuestions = 0;
        for (const auto& q : m_questions)
            memoryQuestions += q.topicId == "memory";
        QCOMPARE(label(view, "quizProgress")->text(), QStringLiteral("Question 1 of %1").arg(memoryQuestions));
        QCOMPARE(label(view, "quizPrompt")->text(),
                 m_questions[std::size_t(indexOf(m_questions, "memory-llama70-fp16"))].prompt.en);
    }

    // Every question's "Show in the app" state is one the app accepts.
    void showStatesApply()
    {
        MainWindow window;
        for (const quiz::Question& q : m_questions) {
            QString error;
            QVERIFY2(applyAppState(window, q.show, &error), qPrintable(q.id + ": " + error));
        }
    }

    // Where a quantize question's app state pastes the same values, the explorer's
    // config (appStateConfig: unnamed keys take the app's defaults) gives the number
    // the quiz graded with: the app shows what the quiz says.
    void explorerShowsTheQuizNumbers()
    {
        int compared = 0;
        for (const quiz::Question& q : m_questions) {
            if (q.compute.value("compute").toString() != "quantize" || !q.show.contains("config"))
                continue;
            QJsonArray pasted;
            for (const QString& v :
                 q.show.value("data").toObject().value("pasted").toString().split(' ', Qt::SkipEmptyParts))
                pasted.append(v.toDouble());
            if (pasted != q.compute.value("values").toArray())
                continue;
            QJsonObject asShown = q.compute;
            asShown["config"] = appStateConfig(q.show.value("config").toObject()).toJson();
            QCOMPARE(quiz::expectedAnswer(asShown).value, quiz::expectedAnswer(q.compute).value);
            ++compared;
        }
        QVERIFY(compared >= 10);
    }

    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("language");
        QTest::newRow("1600x1000") << QSize(1600, 1000) << "en";
        QTest::newRow("1280x800") << QSize(1280, 800) << "en";
        QTest::newRow("1280x800 vi") << QSize(1280, 800) << "vi";
    }
    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(QString, language);
        QLocale::setDefault(QLocale(language));
        QuizView view;
        const auto restoreEnglish = qScopeGuard([] { QLocale::setDefault(QLocale(QLocale::English)); });
        const int index = indexOf(m_questions, "asym-even-minus1");
        QCOMPARE(view.findChild<QLabel*>("quizPrompt")->text(), m_questions[0].prompt.text(language));
        view.resize(size);
        view.show();
        goTo(view, index);
        view.findChild<QRadioButton*>("quizOption1")->click();
        QTest::mouseClick(button(view, "quizCheck"), Qt::LeftButton);
        const QString path = QDir::temp().filePath(
            QStringLiteral("quiz-%1x%2-%3.png").arg(size.width()).arg(size.height()).arg(language));
        QVERIFY(view.grab().save(path));
    }
};

QTEST_MAIN(TestQuizView)
#include "tst_quizview.moc"
