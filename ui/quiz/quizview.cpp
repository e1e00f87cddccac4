// QuizView: predict, check (graded by the core), reveal (quizview.h).
#include "quiz/quizview.h"

#include "formats/error.h"
#include "quiz/quizexport.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QSpinBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace qs {

namespace {
constexpr auto kBestKey = "quiz/best_correct";
constexpr auto kAttemptsKey = "quiz/attempts";
constexpr auto kTeacherKey = "quiz/teacher_mode";

QuizView::ConfirmRestart& confirmRestartHook()
{
    static QuizView::ConfirmRestart hook;
    return hook;
}
} // namespace

QuizView::QuizView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("quiz"));
    // Projector-friendly: everything a notch larger than the app's default font.
    QFont base = font();
    base.setPointSizeF(base.pointSizeF() * 1.2);
    setFont(base);
    QFont big = base;
    big.setPointSizeF(base.pointSizeF() * 1.4);

    auto* top = new QHBoxLayout;
    auto* topicCaption = new QLabel(tr("Topic:"), this);
    m_topic = new QComboBox(this);
    m_topic->setObjectName(QStringLiteral("quizTopic"));
    m_topic->setToolTip(tr("Practise the questions of one lesson topic, or all of them."));
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("quizProgress"));
    m_score = new QLabel(this);
    m_score->setObjectName(QStringLiteral("quizScore"));
    m_score->setToolTip(tr("Correct answers since the quiz was opened or restarted; the best session is kept."));
    m_restart = new QPushButton(tr("Restart"), this);
    m_restart->setObjectName(QStringLiteral("quizRestart"));
    m_restart->setToolTip(tr("Start a new session: the score goes back to zero."));
    top->addWidget(topicCaption);
    top->addWidget(m_topic, 1);
    top->addSpacing(24);
    top->addWidget(m_progress);
    top->addSpacing(24);
    top->addWidget(m_score);
    top->addSpacing(24);
    top->addWidget(m_restart);

    auto* settingsRow = new QHBoxLayout;
    m_attempts = new QSpinBox(this);
    m_attempts->setObjectName(QStringLiteral("quizAttempts"));
    m_attempts->setRange(1, 5);
    m_attempts->setValue(QSettings().value(QLatin1String(kAttemptsKey), 1).toInt());
    m_attempts->setToolTip(tr("How many tries a question allows before its answer is shown."));
    m_teacher = new QCheckBox(tr("Teacher mode"), this);
    m_teacher->setObjectName(QStringLiteral("quizTeacherMode"));
    m_teacher->setToolTip(tr("Show every answer as the core computes it, and offer the export for Moodle."));
    m_teacher->setChecked(QSettings().value(QLatin1String(kTeacherKey), false).toBool());
    m_export = new QPushButton(tr("Export for Moodle…"), this);
    m_export->setObjectName(QStringLiteral("quizExport"));
    m_export->setToolTip(tr("Save the questions with their computed answers as Moodle XML or GIFT."));
    settingsRow->addWidget(new QLabel(tr("Attempts per question:"), this));
    settingsRow->addWidget(m_attempts);
    settingsRow->addSpacing(24);
    settingsRow->addWidget(m_teacher);
    settingsRow->addWidget(m_export);
    settingsRow->addStretch(1);

    m_topicLabel = new QLabel(this);
    QFont topicFont = base;
    topicFont.setItalic(true);
    m_topicLabel->setFont(topicFont); // readable on a projector in light and dark themes
    m_prompt = new QLabel(this);
    m_prompt->setObjectName(QStringLiteral("quizPrompt"));
    m_prompt->setWordWrap(true);
    m_prompt->setTextFormat(Qt::PlainText);
    QFont promptFont = big;
    promptFont.setBold(true);
    m_prompt->setFont(promptFont);

    m_teacherAnswer = new QLabel(this);
    m_teacherAnswer->setObjectName(QStringLiteral("quizTeacherAnswer"));
    m_teacherAnswer->setWordWrap(true);

    m_answer = new QLineEdit(this);
    m_answer->setObjectName(QStringLiteral("quizAnswer"));
    m_answer->setFont(big);
    m_answer->setMaximumWidth(760); // a number, not a paragraph: keep the eye near the prompt
    m_answer->setPlaceholderText(tr("Your prediction, e.g. 42, 0x2a, 0b101010, 0 10000011 1001001…, 3/255, 2^-7, 1e-3"));
    m_answer->setToolTip(tr("Type a number: decimal, hexadecimal (0x), binary (0b or bits with spaces), "
                            "a fraction, a power or scientific notation."));

    m_optionsBox = new QWidget(this);
    m_optionsLayout = new QVBoxLayout(m_optionsBox);
    m_optionsLayout->setContentsMargins(0, 0, 0, 0);
    m_options = new QButtonGroup(this);

    m_check = new QPushButton(tr("Check"), this);
    m_check->setObjectName(QStringLiteral("quizCheck"));
    m_check->setFont(big);
    m_check->setDefault(true);
    m_check->setToolTip(tr("Commit to your prediction; the core computes the answer and grades it."));

    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("quizVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setFont(big);
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("quizExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    QFont explanationFont = font();
    explanationFont.setPointSizeF(explanationFont.pointSizeF() * 1.25);
    m_explanation->setFont(explanationFont);
    m_show = new QPushButton(tr("Show in the app"), this);
    m_show->setObjectName(QStringLiteral("quizShow"));
    m_show->setToolTip(tr("Open the part of the app that shows this answer live."));
    m_show->setFont(big);

    m_back = new QPushButton(tr("Back"), this);
    m_back->setObjectName(QStringLiteral("quizBack"));
    m_next = new QPushButton(tr("Next"), this);
    m_next->setObjectName(QStringLiteral("quizNext"));
    auto* nav = new QHBoxLayout;
    nav->addWidget(m_back);
    nav->addStretch(1);
    nav->addWidget(m_show);
    nav->addStretch(1);
    nav->addWidget(m_next);

    auto* card = new QFrame(this);
    card->setFrameShape(QFrame::StyledPanel);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(32, 24, 32, 24);
    cardLayout->setSpacing(16);
    cardLayout->addWidget(m_topicLabel);
    cardLayout->addWidget(m_prompt);
    cardLayout->addWidget(m_teacherAnswer);
    cardLayout->addWidget(m_answer);
    cardLayout->addWidget(m_optionsBox);
    cardLayout->addWidget(m_check, 0, Qt::AlignLeft);
    cardLayout->addWidget(m_verdict);
    // The explanation takes the free space (top-aligned): a word-wrapped label at its
    // size hint can be cut off before the layout recomputes its height for the width.
    m_explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    cardLayout->addWidget(m_explanation, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addLayout(top);
    layout->addLayout(settingsRow);
    layout->addWidget(card, 1);
    layout->addLayout(nav);

    connect(m_check, &QPushButton::clicked, this, &QuizView::check);
    connect(m_answer, &QLineEdit::returnPressed, this, &QuizView::check);
    connect(m_next, &QPushButton::clicked, this, &QuizView::next);
    connect(m_back, &QPushButton::clicked, this, &QuizView::back);
    connect(m_restart, &QPushButton::clicked, this, &QuizView::confirmAndRestart);
    connect(m_attempts, &QSpinBox::valueChanged, this,
            [](int n) { QSettings().setValue(QLatin1String(kAttemptsKey), n); });
    connect(m_teacher, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1String(kTeacherKey), on);
        showQuestion();
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        QString filter;
        const QString name = QFileDialog::getSaveFileName(this, tr("Export the quiz"), QStringLiteral("quantscope-quiz.xml"),
                                                          tr("Moodle XML (*.xml);;GIFT (*.gift *.txt)"), &filter);
        if (name.isEmpty())
            return;
        const QString format = filter.startsWith(QLatin1String("GIFT")) || name.endsWith(QLatin1String(".gift"))
                                   ? QStringLiteral("gift")
                                   : QStringLiteral("moodle");
        QString error;
        if (exportQuiz(name, format, &error))
            emit statusMessage(tr("Quiz exported to %1").arg(name));
        else
            QMessageBox::warning(this, tr("Export the quiz"), error);
    });
    connect(m_show, &QPushButton::clicked, this, [this] {
        if (const quiz::Question* q = currentQuestion())
            emit showInApp(q->show);
    });
    connect(m_topic, &QComboBox::currentIndexChanged, this, &QuizView::applyTopicFilter);

    std::vector<quiz::Question> questions;
    try {
        questions = quiz::loadQuestionDirectory(QStringLiteral(":/quiz"));
    } catch (const Error& e) {
        m_verdict->setText(tr("The quiz questions could not be loaded: %1").arg(QString::fromStdString(e.what())));
    }
    setQuestions(std::move(questions));
}

QString QuizView::language() const
{
    return QLocale().name().left(2) == QLatin1String("vi") ? QStringLiteral("vi") : QStringLiteral("en");
}

void QuizView::setQuestions(std::vector<quiz::Question> questions)
{
    m_questions = std::move(questions);
    rebuildTopicFilter();
    restart();
}

void QuizView::rebuildTopicFilter()
{
    const QSignalBlocker block(m_topic);
    m_topic->clear();
    m_topic->addItem(tr("All topics (%1 questions)").arg(m_questions.size()), QString());
    QStringList seen;
    for (const quiz::Question& q : m_questions) {
        if (seen.contains(q.topicId))
            continue;
        seen << q.topicId;
        m_topic->addItem(q.topicTitle.text(language()), q.topicId);
    }
}

void QuizView::applyTopicFilter()
{
    const QString topic = m_topic->currentData().toString();
    m_visible.clear();
    for (int i = 0; i < int(m_questions.size()); ++i)
        if (topic.isEmpty() || m_questions[std::size_t(i)].topicId == topic)
            m_visible.push_back(i);
    m_current = 0;
    showQuestion();
}

int QuizView::attemptsPerQuestion() const
{
    return m_attempts->value();
}

void QuizView::setAttemptsPerQuestion(int attempts)
{
    m_attempts->setValue(attempts);
}

bool QuizView::teacherMode() const
{
    return m_teacher->isChecked();
}

void QuizView::setTeacherMode(bool on)
{
    m_teacher->setChecked(on);
}

void QuizView::setConfirmRestart(ConfirmRestart confirm)
{
    confirmRestartHook() = std::move(confirm);
}

bool QuizView::confirmAndRestart()
{
    if (m_answered > 0) {
        const ConfirmRestart& ask = confirmRestartHook();
        const bool yes = ask ? ask(this)
                             : QMessageBox::question(this, tr("Restart the quiz"),
                                                     tr("Start a new session? This session's %1 answers and its "
                                                        "score are cleared (the best score is kept).")
                                                         .arg(m_answered),
                                                     QMessageBox::Yes | QMessageBox::Cancel,
                                                     QMessageBox::Cancel) == QMessageBox::Yes;
        if (!yes)
            return false;
    }
    restart();
    return true;
}

bool QuizView::exportQuiz(const QString& fileName, const QString& format, QString* error) const
{
    try {
        const QByteArray data = format == QLatin1String("gift")
                                    ? quiz::exportGift(m_questions, language()).toUtf8()
                                    : quiz::exportMoodleXml(m_questions, language());
        QFile f(fileName);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
            if (error)
                *error = tr("Cannot write %1: %2").arg(fileName, f.errorString());
            return false;
        }
        return true;
    } catch (const Error& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

void QuizView::restart()
{
    m_result.assign(m_questions.size(), -1);
    m_tries.assign(m_questions.size(), 0);
    m_correct = 0;
    m_answered = 0;
    applyTopicFilter();
    updateScore();
}

const quiz::Question* QuizView::currentQuestion() const
{
    if (m_current < 0 || m_current >= int(m_visible.size()))
        return nullptr;
    return &m_questions[std::size_t(m_visible[std::size_t(m_current)])];
}

void QuizView::showQuestion()
{
    const quiz::Question* q = currentQuestion();
    for (QAbstractButton* b : m_options->buttons()) {
        m_options->removeButton(b);
        delete b; // now, not later: findChild and the layout must not see the old options
    }
    m_answer->clear();
    m_verdict->clear();
    m_teacherAnswer->clear();
    m_export->setVisible(teacherMode());
    m_teacherAnswer->setVisible(false);
    m_explanation->clear();
    m_show->setEnabled(false);
    m_back->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < int(m_visible.size()));
    m_progress->setText(tr("Question %1 of %2").arg(q ? m_current + 1 : 0).arg(m_visible.size()));
    if (!q) {
        m_prompt->setText(tr("No questions."));
        m_answer->hide();
        m_optionsBox->hide();
        m_check->setEnabled(false);
        return;
    }
    const QString lang = language();
    m_topicLabel->setText(q->topicTitle.text(lang));
    m_prompt->setText(q->prompt.text(lang));
    const bool numeric = q->kind == quiz::QuestionKind::Numeric;
    const bool answered = m_result[std::size_t(m_visible[std::size_t(m_current)])] >= 0;
    m_answer->setVisible(numeric);
    m_answer->setEnabled(!answered);
    m_optionsBox->setVisible(!numeric);
    QFont optionFont = font();
    optionFont.setPointSizeF(optionFont.pointSizeF() * 1.3);
    for (std::size_t i = 0; i < q->options.size(); ++i) {
        auto* button = new QRadioButton(q->options[i].text.text(lang), m_optionsBox);
        button->setObjectName(QStringLiteral("quizOption%1").arg(i));
        button->setFont(optionFont);
        m_options->addButton(button, int(i));
        m_optionsLayout->addWidget(button);
        button->show(); // the layout would only show it from the event loop
        button->setEnabled(!answered);
    }
    m_check->setEnabled(!answered);
    if (answered)
        m_verdict->setText(tr("Already answered in this session."));
    m_export->setVisible(teacherMode());
    m_teacherAnswer->setVisible(teacherMode());
    if (teacherMode()) {
        QString answer;
        try {
            answer = numeric ? quiz::expectedAnswer(q->compute).display
                             : q->options[std::size_t(quiz::correctOption(*q))].text.text(lang);
        } catch (const Error& e) {
            answer = QString::fromUtf8(e.what());
        }
        m_teacherAnswer->setText(tr("<span style='color:#1b5e9f'><b>Teacher:</b> the answer is <b>%1</b></span>")
                                     .arg(answer.toHtmlEscaped()));
    }
    if (numeric)
        m_answer->setFocus();
}

void QuizView::check()
{
    const quiz::Question* q = currentQuestion();
    if (!q || !m_check->isEnabled())
        return;
    const QString lang = language();
    quiz::Verdict verdict;
    try {
        if (q->kind == quiz::QuestionKind::Numeric)
            verdict = quiz::gradeNumeric(*q, m_answer->text());
        else
            verdict = quiz::gradeChoice(*q, m_options->checkedId(), lang);
    } catch (const Error& e) {
        m_verdict->setText(tr("This question cannot be graded: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (verdict.kind == quiz::Verdict::Kind::Unreadable) {
        // Never "wrong": say what could not be read, and the attempt does not count.
        const QString message = q->kind == quiz::QuestionKind::Numeric
                                    ? (m_answer->text().trimmed().isEmpty()
                                           ? tr("Type a number first (e.g. 56, 0x38, 6/255).")
                                           : tr("I can't read that: %1. Try e.g. 56, 0x38, 0b0011_1000, 6/255, 1e-3.")
                                                 .arg(verdict.problem))
                                    : tr("Pick one option first.");
        m_verdict->setText(message.toHtmlEscaped());
        emit statusMessage(message);
        return;
    }
    const std::size_t index = std::size_t(m_visible[std::size_t(m_current)]);
    if (!verdict.correct() && ++m_tries[index] < attemptsPerQuestion()) {
        // A retry: the answer stays hidden until the last attempt.
        const int left = attemptsPerQuestion() - m_tries[index];
        m_verdict->setText(QStringLiteral("<span style='color:#b3261e'><b>%1</b></span> %2")
                               .arg(tr("Not quite.").toHtmlEscaped(),
                                    tr("Try again: %1 attempt(s) left.").arg(left).toHtmlEscaped()));
        emit statusMessage(tr("Not correct; try again."));
        m_answer->selectAll();
        m_answer->setFocus();
        return;
    }
    m_result[index] = verdict.correct() ? 1 : 0;
    ++m_answered;
    if (verdict.correct())
        ++m_correct;
    m_check->setEnabled(false);
    const QString color = verdict.correct() ? QStringLiteral("#1b7f3a") : QStringLiteral("#b3261e");
    const QString head = verdict.correct() ? tr("Correct!") : tr("Not quite.");
    m_verdict->setText(QStringLiteral("<span style='color:%1'><b>%2</b></span> %3 <b>%4</b>")
                           .arg(color, head.toHtmlEscaped(), tr("The answer is").toHtmlEscaped(),
                                verdict.expectedText.toHtmlEscaped()));
    m_explanation->setText(q->explanation.text(lang));
    m_answer->setEnabled(false);
    if (q->kind == quiz::QuestionKind::Choice) {
        // Keep the options on screen next to the verdict, the correct one marked.
        const int correct = quiz::correctOption(*q);
        for (QAbstractButton* b : m_options->buttons()) {
            b->setEnabled(false);
            if (m_options->id(b) == correct)
                b->setStyleSheet(QStringLiteral("color: #1b7f3a; font-weight: bold;"));
            else if (b->isChecked())
                b->setStyleSheet(QStringLiteral("color: #b3261e; text-decoration: line-through;"));
        }
    }
    m_show->setEnabled(!q->show.isEmpty());
    updateScore();
    emit statusMessage(verdict.correct() ? tr("Correct.")
                                         : tr("Not correct; the answer is %1.").arg(verdict.expectedText));
}

void QuizView::updateScore()
{
    QSettings settings;
    int best = settings.value(QLatin1String(kBestKey), 0).toInt();
    if (m_correct > best) {
        best = m_correct;
        settings.setValue(QLatin1String(kBestKey), best);
    }
    m_score->setText(tr("%1 / %2 correct (best: %3)").arg(m_correct).arg(m_answered).arg(best));
}

void QuizView::next()
{
    if (m_current + 1 < int(m_visible.size())) {
        ++m_current;
        showQuestion();
    }
}

void QuizView::back()
{
    if (m_current > 0) {
        --m_current;
        showQuestion();
    }
}

} // namespace qs
