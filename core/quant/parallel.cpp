#include "quant/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace qs {

int workerThreads()
{
    if (const char* env = std::getenv("QS_THREADS")) {
        const int n = std::atoi(env);
        if (n >= 1)
            return std::min(n, 256);
    }
    return std::max(1, int(std::thread::hardware_concurrency()));
}

void parallelChunks(std::int64_t count, std::int64_t chunkSize,
                    const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& body,
                    const std::atomic<bool>* cancel)
{
    if (count <= 0)
        return;
    chunkSize = std::max<std::int64_t>(1, chunkSize);
    const std::int64_t chunks = chunkCount(count, chunkSize);
    std::atomic<std::int64_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (;;) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return;
            const std::int64_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks)
                return;
            try {
                body(c, c * chunkSize, std::min(count, (c + 1) * chunkSize));
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next.store(chunks); // stop handing out work
                return;
            }
        }
    };
    const int threads = int(std::min<std::int64_t>(workerThreads(), chunks));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace qs
