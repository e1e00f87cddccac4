#pragma once
// The quiz (docs/quiz.md): one question at a time; the student
// predicts (types a number or picks an option) and presses Check; the core
// grades it (quiz/question.h), then the correct answer, the explanation and a
// "Show in the app" button that puts the live app into the state revealing it.
#include "quiz/question.h"

#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <vector>

class QButtonGroup;
class QCheckBox;
class QSpinBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace qs {

class QuizView : public QWidget
{
    Q_OBJECT
public:
    explicit QuizView(QWidget* parent = nullptr);

    // Replaces the questions (tests; the constructor loads the embedded :/quiz files).
    void setQuestions(std::vector<quiz::Question> questions);
    int correctCount() const { return m_correct; }
    int answeredCount() const { return m_answered; }
    int currentIndex() const { return m_current; }
    // Attempts per question before the answer is revealed (QSettings quiz/attempts, 1 … 5).
    int attemptsPerQuestion() const;
    void setAttemptsPerQuestion(int attempts);
    // Teacher mode: every question shows its core-computed answer; export is offered.
    bool teacherMode() const;
    void setTeacherMode(bool on);
    // Restart asks first when answers would be lost; tests replace the question.
    using ConfirmRestart = std::function<bool(QWidget*)>;
    static void setConfirmRestart(ConfirmRestart confirm);
    // Writes every question with its core-computed answer ("moodle" or "gift"); false with *error.
    bool exportQuiz(const QString& fileName, const QString& format, QString* error = nullptr) const;

signals:
    void showInApp(const QJsonObject& state);
    void statusMessage(const QString& message);

public slots:
    // Asks for confirmation when the session has answers, then restart().
    bool confirmAndRestart();
    void restart();
    void next();
    void back();
    void check();

private:
    void rebuildTopicFilter();
    void applyTopicFilter();
    void showQuestion();
    void updateScore();
    const quiz::Question* currentQuestion() const;
    QString language() const;

    std::vector<quiz::Question> m_questions;
    std::vector<int> m_visible; // indices into m_questions passing the topic filter
    std::vector<int> m_result;  // per question: -1 not answered, 0 wrong, 1 correct
    std::vector<int> m_tries;   // per question: wrong attempts so far
    int m_current = 0;          // position in m_visible
    int m_correct = 0;
    int m_answered = 0;

    QComboBox* m_topic = nullptr;
    QLabel* m_progress = nullptr;
    QLabel* m_score = nullptr;
    QLabel* m_topicLabel = nullptr;
    QLabel* m_prompt = nullptr;
    QLineEdit* m_answer = nullptr;
    QWidget* m_optionsBox = nullptr;
    QVBoxLayout* m_optionsLayout = nullptr;
    QButtonGroup* m_options = nullptr;
    QPushButton* m_check = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_explanation = nullptr;
    QPushButton* m_show = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_restart = nullptr;
    QSpinBox* m_attempts = nullptr;
    QCheckBox* m_teacher = nullptr;
    QLabel* m_teacherAnswer = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace qs
