#include "modellab/jobbar.h"

#include "formats/error.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>

namespace qs {

JobBar::JobBar(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stage = new QLabel(tr("Idle"), this);
    m_stage->setMinimumWidth(220);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setToolTip(tr("Stops the running computation; the results shown stay as they were."));
    m_cancel->setEnabled(false);
    layout->addWidget(m_stage);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &JobBar::cancel);
}

JobBar::~JobBar()
{
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    for (const auto& thread : m_threads)
        if (thread)
            thread->wait();
}

void JobBar::run(const QString& label, Work work)
{
    if (m_cancelFlag)
        m_cancelFlag->store(true); // supersede the older request
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    m_busy = true;
    m_cancel->setEnabled(true);
    m_bar->setValue(0);
    m_stage->setText(label);
    m_threads.removeIf([](const QPointer<QThread>& t) { return t.isNull(); });

    QPointer<JobBar> self(this);
    auto flag = m_cancelFlag;
    QThread* thread = QThread::create([self, flag, generation, work = std::move(work)] {
        ModelProgress progress;
        progress.cancel = flag.get();
        // Progress is posted to the GUI thread; a deleted bar drops the event.
        progress.progress = [self, generation](double fraction, const std::string& stage) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, generation, fraction, stage = QString::fromStdString(stage)] {
                    if (!self || generation != self->m_generation)
                        return;
                    self->m_bar->setValue(int(fraction * 1000));
                    if (!stage.isEmpty())
                        self->m_stage->setText(stage);
                },
                Qt::QueuedConnection);
        };
        std::function<void()> apply;
        QString error;
        try {
            apply = work(progress);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        const bool cancelled = flag->load();
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, apply, error, cancelled] {
                if (!self || generation != self->m_generation)
                    return; // superseded
                if (!error.isEmpty())
                    self->done(generation, false, error);
                else if (cancelled)
                    self->done(generation, false, JobBar::tr("Cancelled"));
                else {
                    if (apply)
                        apply();
                    self->done(generation, true, QString());
                }
            },
            Qt::QueuedConnection);
    });
    thread->setParent(this);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    thread->start();
}

void JobBar::cancel()
{
    if (m_cancelFlag)
        m_cancelFlag->store(true);
}

void JobBar::done(quint64, bool ok, const QString& message)
{
    m_busy = false;
    m_cancel->setEnabled(false);
    m_bar->setValue(ok ? 1000 : m_bar->value());
    m_stage->setText(ok ? tr("Done") : message);
    emit finished(ok, message);
}

} // namespace qs
