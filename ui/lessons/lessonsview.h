#pragma once
// The guided lessons (docs/lessons.md): a lesson list, the step text in large rich
// text, Back / Next with "Step 2 of 5", Show me and a try-it-yourself hint.
// The main window puts it in a dock beside the views, so the text stays
// readable while a step brings the explorer, the Bit Lab or the Model Lab to
// the front. Moving to a step applies its app state (docs/appstate.md).
#include "lessons/lesson.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace qs {

class MainWindow;

class LessonsView : public QWidget
{
    Q_OBJECT
public:
    explicit LessonsView(MainWindow* window, QWidget* parent = nullptr);

    const QList<Lesson>& lessons() const { return m_lessons; }
    int currentLesson() const { return m_lesson; }
    int currentStep() const { return m_step; }
    // Selects a lesson and applies its first step; false for a bad index.
    bool setLesson(int index);
    // Goes to a step of the current lesson and applies its state.
    bool setStep(int index);
    Q_INVOKABLE bool next() { return setStep(m_step + 1); }
    Q_INVOKABLE bool back() { return setStep(m_step - 1); }
    // Re-applies the current step's state (the "Show me" button).
    bool showMe();
    // Sub-page hook (docs/appstate.md): "lessons/ID" opens the lesson with that id,
    // "lessons/ID/N" its step N (1-based).
    Q_INVOKABLE bool showSubView(const QString& name);
    QString stepIndicator() const;
    // The current step's text as shown: placeholders replaced by the core's values
    // for what the app holds now (core/lessons/lessonvalues.h).
    QString shownText() const { return m_shownText; }
    // At the last step: opens the next lesson (the "Next lesson" button).
    Q_INVOKABLE bool nextLesson() { return setLesson(m_lesson + 1); }

signals:
    void statusMessage(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    MainWindow* m_window;
    QList<Lesson> m_lessons;
    int m_lesson = -1;
    int m_step = -1;
    QComboBox* m_list = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_stepTitle = nullptr;
    QTextBrowser* m_text = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_indicator = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_showMe = nullptr;
    QPushButton* m_nextLesson = nullptr;
    QString m_shownText;
};

} // namespace qs
