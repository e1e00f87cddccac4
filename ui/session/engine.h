#pragma once
// Engine: runs quantization jobs on one worker thread. A newer job supersedes
// the running one (its cancel flag is raised, its result is dropped), so a
// slider drag never queues up stale work. Results reach the GUI thread through
// a queued signal as shared, immutable objects the plots can keep.
#include "quant/quantresult.h"
#include "tensor/tensor.h"

#include <QObject>
#include <QString>

#include <any>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace qs {

// What a job produced. The main job fills `results[0]`; the auxiliary jobs of
// the Compare/Sweep/Calibration plots fill several results or `values`.
struct EngineOutput
{
    quint64 serial = 0;
    std::vector<std::shared_ptr<const QuantResult>> results;
    std::vector<double> values; // job-specific numbers (e.g. other calibrators' clip values)
    QString error;              // a qs::Error message: the config does not fit the data
    std::any extra;             // what the job's owner wants to carry (the explorer: FigureInputs)
};

struct EngineJob
{
    // Runs on the worker thread. Must poll `cancel` (runQuantization does, via
    // QuantOptions::cancel) and may report progress in [0, 1].
    std::function<void(EngineOutput& out, const std::atomic<bool>& cancel, const std::function<void(double)>& progress)>
        run;
};

class Engine : public QObject
{
    Q_OBJECT
public:
    // `niceness` (Linux nice value, 0..19) lowers the worker's CPU priority and
    // that of the threads the core starts from it, so a recompute using every
    // core never starves the GUI thread's painting and input.
    explicit Engine(QObject* parent = nullptr, int niceness = 10);
    ~Engine() override;

    // Queues the job, cancelling whatever runs or waits. Returns its serial.
    quint64 submit(EngineJob job);
    // The common job: one runQuantization without codes (the live path).
    quint64 submitQuantization(const Tensor& x, const QuantConfig& config);
    void cancel();
    // While held, submitted jobs wait instead of starting (tests use it to see
    // a preview before the exact result deterministically).
    void setHeld(bool held);

    bool isBusy() const; // a job is queued or running whose result has not been delivered
    quint64 latestSerial() const { return m_latest; }
    // Processes events until the latest job's result has been delivered (tests,
    // screenshots, the benchmark). False on timeout.
    bool waitForIdle(int timeoutMs = 30000);

signals:
    void started(quint64 serial);
    void finished(std::shared_ptr<const qs::EngineOutput> output);
    void progress(double fraction);

private:
    void loop();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::unique_ptr<EngineJob> m_pending;
    quint64 m_pendingSerial = 0;
    std::shared_ptr<std::atomic<bool>> m_runningCancel;
    bool m_stop = false;
    bool m_held = false;
    quint64 m_latest = 0;    // GUI thread: the serial of the newest submitted job
    quint64 m_delivered = 0; // GUI thread: the newest delivered serial (or dropped as failed)
    std::thread m_thread;
};

} // namespace qs

Q_DECLARE_METATYPE(std::shared_ptr<const qs::EngineOutput>)
