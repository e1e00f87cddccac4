#pragma once
// How the Model Lab's long computations talk to their caller (the GUI's worker
// thread, the CLI, tests): a progress fraction with a stage name, per-epoch
// statistics, and a cancel flag another thread may set. Callbacks are invoked
// on the calling thread; a cancelled run returns what it has with cancelled = true.
#include <atomic>
#include <functional>
#include <string>

namespace qs {

struct EpochStats
{
    int epoch = 0;            // 1-based
    double loss = 0;          // mean softmax cross-entropy over the epoch's mini-batches
    double trainAccuracy = 0; // fraction of training samples classified right during the epoch
    double testAccuracy = 0;  // on the test set after the epoch (with the run's quantization, if any)
};

struct ModelProgress
{
    std::function<void(double fraction, const std::string& stage)> progress;
    std::function<void(const EpochStats&)> epoch;
    const std::atomic<bool>* cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void report(double fraction, const std::string& stage) const
    {
        if (progress)
            progress(fraction, stage);
    }
};

} // namespace qs
