#pragma once
// A progress bar with a Cancel button that runs one Model Lab computation at a
// time off the GUI thread (one QThread per request). A newer request supersedes an older
// one: the older one's cancel flag is set and its result is dropped. The
// destructor cancels and waits, so closing the window mid-training is safe.
#include "model/progress.h"

#include <QList>
#include <QPointer>
#include <QThread>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace qs {

class JobBar : public QWidget
{
    Q_OBJECT
public:
    // Runs on a worker thread; returns what to do with the result on the GUI thread.
    using Work = std::function<std::function<void()>(const ModelProgress&)>;

    explicit JobBar(QWidget* parent = nullptr);
    ~JobBar() override;

    void run(const QString& label, Work work);
    void cancel();
    bool busy() const { return m_busy; }

signals:
    // ok is false when the job was cancelled or threw (message says why).
    void finished(bool ok, const QString& message);

private:
    void done(quint64 generation, bool ok, const QString& message);

    QProgressBar* m_bar = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_stage = nullptr;
    quint64 m_generation = 0;
    bool m_busy = false;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    QList<QPointer<QThread>> m_threads;
};

} // namespace qs
