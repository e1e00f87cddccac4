#include "session/engine.h"

#include "formats/error.h"
#include "quant/pipeline.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace qs {

Engine::Engine(QObject* parent, int niceness) : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const qs::EngineOutput>>();
    m_thread = std::thread([this, niceness] {
#ifdef Q_OS_LINUX
        // Per-thread on Linux; threads created from here inherit it.
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), niceness);
#else
        Q_UNUSED(niceness);
#endif
        loop();
    });
}

Engine::~Engine()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_pending.reset();
        if (m_runningCancel)
            *m_runningCancel = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

quint64 Engine::submit(EngineJob job)
{
    const quint64 serial = ++m_latest;
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::make_unique<EngineJob>(std::move(job));
        m_pendingSerial = serial;
        if (m_runningCancel)
            *m_runningCancel = true; // the running job is stale now
    }
    m_wake.notify_one();
    emit started(serial);
    return serial;
}

quint64 Engine::submitQuantization(const Tensor& x, const QuantConfig& config)
{
    EngineJob job;
    job.run = [x, config](EngineOutput& out, const std::atomic<bool>& cancel,
                          const std::function<void(double)>& progress) {
        QuantOptions o;
        o.codes = false;
        o.cancel = &cancel;
        o.progress = progress;
        // Per-channel / per-block MSE or entropy: the calibration figure shows group 0's objective.
        o.curveGroup = 0;
        auto r = std::make_shared<QuantResult>(runQuantization(x, config, o));
        if (!r->cancelled)
            out.results.push_back(std::move(r));
    };
    return submit(std::move(job));
}

void Engine::cancel()
{
    std::lock_guard lock(m_mutex);
    m_pending.reset();
    if (m_runningCancel)
        *m_runningCancel = true;
    m_delivered = m_latest; // nothing more will come
}

void Engine::setHeld(bool held)
{
    {
        std::lock_guard lock(m_mutex);
        m_held = held;
    }
    m_wake.notify_all();
}

bool Engine::isBusy() const
{
    return m_delivered < m_latest;
}

bool Engine::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (isBusy()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
    QCoreApplication::processEvents();
    return true;
}

void Engine::loop()
{
    for (;;) {
        std::unique_ptr<EngineJob> job;
        quint64 serial = 0;
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || (m_pending && !m_held); });
            if (m_stop)
                return;
            job = std::move(m_pending);
            serial = m_pendingSerial;
            m_runningCancel = cancel;
        }
        auto out = std::make_shared<EngineOutput>();
        out->serial = serial;
        auto progress = [this, cancel](double f) {
            if (!*cancel)
                QMetaObject::invokeMethod(
                    this, [this, f] { emit this->progress(f); }, Qt::QueuedConnection);
        };
        try {
            job->run(*out, *cancel, progress);
        } catch (const Error& e) {
            out->error = QString::fromUtf8(e.what());
        } catch (const std::bad_alloc&) {
            out->error = tr("out of memory");
        } catch (const std::exception& e) {
            out->error = tr("internal error: %1").arg(QString::fromUtf8(e.what()));
        }
        {
            std::lock_guard lock(m_mutex);
            m_runningCancel.reset();
        }
        if (*cancel)
            continue; // superseded: a newer job is waiting (or the engine stops)
        std::shared_ptr<const EngineOutput> done = out;
        // Queued to the GUI thread; dropped there if a newer job was submitted meanwhile.
        QMetaObject::invokeMethod(
            this,
            [this, done] {
                if (done->serial < m_latest)
                    return;
                m_delivered = done->serial;
                emit finished(done);
            },
            Qt::QueuedConnection);
    }
}

} // namespace qs
