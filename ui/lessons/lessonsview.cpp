#include "lessons/lessonsview.h"

#include "explorer/explorerview.h"
#include "formats/error.h"
#include "lessons/appstate.h"
#include "lessons/lessonvalues.h"
#include "mainwindow/mainwindow.h"
#include "session/session.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace qs {

LessonsView::LessonsView(MainWindow* window, QWidget* parent) : QWidget(parent), m_window(window)
{
    QStringList errors;
    m_lessons = loadEmbeddedLessons(&errors);

    auto* layout = new QVBoxLayout(this);
    m_list = new QComboBox(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setToolTip(tr("Pick a lesson; each one walks through one idea of the course in a few steps"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_stepTitle = new QLabel(this);
    m_stepTitle->setObjectName(QStringLiteral("stepTitle"));
    m_stepTitle->setWordWrap(true);
    QFont big = m_stepTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_stepTitle->setFont(big);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("stepText"));
    m_text->setOpenLinks(false);
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("lesson"))
            setLesson(url.path().toInt());
    });
    QFont textFont = m_text->font();
    textFont.setPointSizeF(textFont.pointSizeF() * 1.25); // readable on a projector
    m_text->setFont(textFont);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setText(tr("<i>Try it yourself:</i> change the settings and watch what moves; "
                       "<b>Show me</b> puts the step back, Ctrl+Z undoes it."));

    m_back = new QPushButton(tr("◀ Back"), this);
    m_back->setObjectName(QStringLiteral("backButton"));
    m_back->setToolTip(tr("The previous step (Alt+Left or Page Up)"));
    m_next = new QPushButton(tr("Next ▶"), this);
    m_next->setObjectName(QStringLiteral("nextButton"));
    m_next->setToolTip(tr("The next step (Alt+Right or Page Down)"));
    m_nextLesson = new QPushButton(tr("Next lesson ▶▶"), this);
    m_nextLesson->setObjectName(QStringLiteral("nextLessonButton"));
    m_nextLesson->setToolTip(tr("The last step is done: open the next lesson"));
    m_indicator = new QLabel(this);
    m_indicator->setObjectName(QStringLiteral("stepIndicator"));
    m_indicator->setAlignment(Qt::AlignCenter);
    m_showMe = new QPushButton(tr("Show me"), this);
    m_showMe->setObjectName(QStringLiteral("showMeButton"));
    m_showMe->setToolTip(tr("Put the app back into this step's state"));

    auto* nav = new QHBoxLayout;
    nav->addWidget(m_back);
    nav->addWidget(m_indicator, 1);
    nav->addWidget(m_next);
    nav->addWidget(m_nextLesson);

    layout->addWidget(m_list);
    layout->addWidget(m_summary);
    layout->addWidget(m_stepTitle);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_hint);
    layout->addWidget(m_showMe);
    layout->addLayout(nav);

    // Alt+Left/Right work anywhere in the window; Page Up/Down only while the
    // lesson has the focus (tables and text boxes elsewhere use them).
    auto addKeys = [this](QList<QKeySequence> keys, auto slot) {
        auto* a = new QAction(this);
        a->setShortcuts(keys);
        a->setShortcutContext(keys.first()[0].key() == Qt::Key_PageDown || keys.first()[0].key() == Qt::Key_PageUp
                                  ? Qt::WidgetWithChildrenShortcut
                                  : Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    addKeys({QKeySequence(Qt::ALT | Qt::Key_Right)}, [this] { next(); });
    addKeys({QKeySequence(Qt::ALT | Qt::Key_Left)}, [this] { back(); });
    addKeys({QKeySequence(Qt::Key_PageDown)}, [this] { next(); });
    addKeys({QKeySequence(Qt::Key_PageUp)}, [this] { back(); });
    connect(m_back, &QPushButton::clicked, this, [this] { back(); });
    connect(m_next, &QPushButton::clicked, this, [this] { next(); });
    connect(m_showMe, &QPushButton::clicked, this, [this] { showMe(); });
    connect(m_nextLesson, &QPushButton::clicked, this, [this] { nextLesson(); });

    refresh();
    // Row 0 of the list is the prompt; lesson i is row i + 1.
    connect(m_list, &QComboBox::activated, this, [this](int row) { setLesson(row - 1); });
    if (!errors.isEmpty())
        emit statusMessage(errors.join(QStringLiteral("; ")));
}

bool LessonsView::setLesson(int index)
{
    if (index < 0 || index >= m_lessons.size())
        return false;
    m_lesson = index;
    m_step = -1;
    return setStep(0);
}

bool LessonsView::setStep(int index)
{
    if (m_lesson < 0 || index < 0 || index >= m_lessons.at(m_lesson).steps.size())
        return false;
    m_step = index;
    const bool ok = showMe(); // the text's numbers come from the state the step sets up
    refresh();
    return ok;
}

bool LessonsView::showMe()
{
    if (m_lesson < 0 || m_step < 0)
        return false;
    QString error;
    if (!applyAppState(*m_window, m_lessons.at(m_lesson).steps.at(m_step).state, &error)) {
        emit statusMessage(tr("This step cannot be shown: %1").arg(error));
        return false;
    }
    return true;
}

bool LessonsView::showSubView(const QString& name)
{
    // "ID" or "ID/STEP" (1-based), e.g. --view lessons/fixed-vs-float/5
    const QString id = name.section(QLatin1Char('/'), 0, 0);
    const QString step = name.section(QLatin1Char('/'), 1);
    for (int i = 0; i < m_lessons.size(); ++i)
        if (m_lessons.at(i).id == id)
            return setLesson(i) && (step.isEmpty() || setStep(step.toInt() - 1));
    return false;
}

QString LessonsView::stepIndicator() const
{
    if (m_lesson < 0 || m_step < 0)
        return tr("Pick a lesson");
    return tr("Step %1 of %2").arg(m_step + 1).arg(m_lessons.at(m_lesson).steps.size());
}

void LessonsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange)
        refresh();
    QWidget::changeEvent(event);
}

void LessonsView::refresh()
{
    const QString lang = lessonLanguage();
    const QSignalBlocker block(m_list);
    m_list->clear();
    m_list->addItem(tr("— Pick a lesson —"));
    for (int i = 0; i < m_lessons.size(); ++i)
        m_list->addItem(tr("%1. %2").arg(i + 1).arg(m_lessons.at(i).title.text(lang)));
    if (m_lesson < 0) {
        m_summary->setText(tr("%1 guided lessons follow the course in order. Click one; each step sets up "
                              "the app and says what to look at.")
                               .arg(m_lessons.size()));
        m_stepTitle->clear();
        QStringList items;
        for (const Lesson& l : m_lessons)
            items << QStringLiteral("<li><a href=\"lesson:%1\"><b>%2</b></a> — %3</li>")
                         .arg(items.size())
                         .arg(l.title.text(lang), l.summary.text(lang));
        m_text->setHtml(QStringLiteral("<ol>%1</ol>").arg(items.join(QString())));
    } else {
        m_list->setCurrentIndex(m_lesson + 1);
        const Lesson& l = m_lessons.at(m_lesson);
        m_summary->setText(l.summary.text(lang));
        const LessonStep& s = l.steps.at(m_step);
        m_stepTitle->setText(s.title.text(lang));
        LessonContext context;
        Session* session = m_window->explorer()->session();
        const Tensor tensor = session->tensor();
        const QuantConfig config = session->config();
        context.tensor = &tensor;
        context.config = &config;
        try {
            m_shownText = expandLessonText(s.text.text(lang), context);
        } catch (const Error& e) {
            m_shownText = s.text.text(lang) + QStringLiteral("<p style='color:#b3261e'>%1</p>")
                                                  .arg(QString::fromUtf8(e.what()).toHtmlEscaped());
            emit statusMessage(QString::fromUtf8(e.what()));
        }
        m_text->setHtml(m_shownText);
    }
    m_indicator->setText(stepIndicator());
    const bool inLesson = m_lesson >= 0;
    m_back->setEnabled(inLesson && m_step > 0);
    const bool last = inLesson && m_step + 1 == m_lessons.value(m_lesson).steps.size();
    m_next->setEnabled(inLesson && !last);
    // At the last step Next gives way to "Next lesson" (none after the last lesson).
    m_next->setVisible(!last || m_lesson + 1 >= m_lessons.size());
    m_nextLesson->setVisible(last && m_lesson + 1 < m_lessons.size());
    m_showMe->setEnabled(inLesson);
}

} // namespace qs
