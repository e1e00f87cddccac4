#include "runtime/parallel.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace qs {

namespace {

using Body = std::function<void(std::int64_t, std::int64_t, std::int64_t, int)>;

struct Job
{
    std::int64_t count = 0, chunkSize = 1, chunks = 0;
    const Body* body = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    int maxSlots = 1;
    int slotsTaken = 1; // slot 0 is the caller's; guarded by the pool mutex
    std::atomic<std::int64_t> next{0};
    std::mutex mutex; // guards helpers, failure
    std::condition_variable idle;
    int helpers = 0; // pooled threads inside the job
    std::exception_ptr failure;

    void work(int slot)
    {
        for (;;) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return;
            const std::int64_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks)
                return;
            try {
                (*body)(c, c * chunkSize, std::min(count, (c + 1) * chunkSize), slot);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                next.store(chunks); // stop handing out work
                return;
            }
        }
    }
};

// Never destroyed: pooled threads may still be parked when static destructors
// run, and a parallel call from another static destructor must keep working.
class Pool
{
public:
    static Pool& instance()
    {
        static Pool* pool = new Pool;
        return *pool;
    }

    void run(Job& job)
    {
        const int helpersWanted = job.maxSlots - 1;
        if (helpersWanted > 0) {
            std::unique_lock lock(m_mutex);
            while (int(m_threads.size()) < helpersWanted)
                m_threads.emplace_back([this] { loop(); });
            m_queue.push_back(&job);
            lock.unlock();
            if (helpersWanted == 1)
                m_wake.notify_one();
            else
                m_wake.notify_all();
        }
        job.work(0);
        if (helpersWanted > 0) {
            {
                // From here on no pooled thread can join the job.
                std::lock_guard lock(m_mutex);
                const auto it = std::find(m_queue.begin(), m_queue.end(), &job);
                if (it != m_queue.end())
                    m_queue.erase(it);
            }
            std::unique_lock lock(job.mutex);
            job.idle.wait(lock, [&] { return job.helpers == 0; });
        }
    }

private:
    void loop()
    {
        for (;;) {
            Job* job = nullptr;
            int slot = 0;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return !m_queue.empty(); });
                job = m_queue.front();
                slot = job->slotsTaken++;
                if (job->slotsTaken >= job->maxSlots)
                    m_queue.pop_front();
                std::lock_guard jobLock(job->mutex);
                ++job->helpers;
            }
            job->work(slot);
            std::lock_guard jobLock(job->mutex);
            if (--job->helpers == 0)
                job->idle.notify_all();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job*> m_queue; // jobs with free slots
    std::vector<std::thread> m_threads;
};

void runJob(std::int64_t count, std::int64_t chunkSize, int slots, const Body& body, const std::atomic<bool>* cancel)
{
    if (count <= 0)
        return;
    Job job;
    job.count = count;
    job.chunkSize = std::max<std::int64_t>(1, chunkSize);
    job.chunks = chunkCount(count, job.chunkSize);
    job.body = &body;
    job.cancel = cancel;
    job.maxSlots = std::max(1, std::min(slots, parallelSlots(count, job.chunkSize)));
    if (job.maxSlots == 1)
        job.work(0);
    else
        Pool::instance().run(job);
    if (job.failure)
        std::rethrow_exception(job.failure);
}

} // namespace

int workerThreads()
{
    if (const char* env = std::getenv("QS_THREADS")) {
        const int n = std::atoi(env);
        if (n >= 1)
            return std::min(n, 256);
    }
    return std::max(1, int(std::thread::hardware_concurrency()));
}

int parallelSlots(std::int64_t count, std::int64_t chunkSize)
{
    const std::int64_t chunks = chunkCount(count, std::max<std::int64_t>(1, chunkSize));
    return int(std::max<std::int64_t>(1, std::min<std::int64_t>(workerThreads(), chunks)));
}

void parallelChunks(std::int64_t count, std::int64_t chunkSize,
                    const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& body,
                    const std::atomic<bool>* cancel)
{
    runJob(
        count, chunkSize, 256, [&](std::int64_t c, std::int64_t b, std::int64_t e, int) { body(c, b, e); }, cancel);
}

void parallelChunksOnWorkers(std::int64_t count, std::int64_t chunkSize, int slots,
                             const std::function<void(std::int64_t, std::int64_t, std::int64_t, int)>& body,
                             const std::atomic<bool>* cancel)
{
    runJob(count, chunkSize, slots, body, cancel);
}

} // namespace qs
