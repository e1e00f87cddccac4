// QuizView: predict, check (graded by the core), reveal (quizview.h).
#include "quiz/quizview.h"

#include "formats/error.h"

#include <QButtonGroup>
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
}

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

    m_answer = new QLineEdit(this);
    m_answer->setObjectName(QStringLiteral("quizAnswer"));
    m_answer->setFont(big);
    m_answer->setMaximumWidth(760); // a number, not a paragraph: keep the eye near the prompt
    m_answer->setPlaceholderText(tr("Your prediction, e.g. 42, 0x2a, 0b101010, 3/255, 2^-7, 1e-3"));
    m_answer->setToolTip(tr("Type a number: decimal, hexadecimal (0x), binary (0b), a fraction or a power."));

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
    layout->addWidget(card, 1);
    layout->addLayout(nav);

    connect(m_check, &QPushButton::clicked, this, &QuizView::check);
    connect(m_answer, &QLineEdit::returnPressed, this, &QuizView::check);
    connect(m_next, &QPushButton::clicked, this, &QuizView::next);
    connect(m_back, &QPushButton::clicked, this, &QuizView::back);
    connect(m_restart, &QPushButton::clicked, this, &QuizView::restart);
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

void QuizView::restart()
{
    m_result.assign(m_questions.size(), -1);
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
        const QString message = q->kind == quiz::QuestionKind::Numeric
                                    ? tr("Type a number first (e.g. 56, 0x38, 6/255).")
                                    : tr("Pick one option first.");
        m_verdict->setText(message);
        emit statusMessage(message);
        return;
    }
    m_result[std::size_t(m_visible[std::size_t(m_current)])] = verdict.correct() ? 1 : 0;
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
