#pragma once
// A minimal fork-join helper for the streaming loops of core/analysis and
// core/calib: split [0, n) into contiguous chunks, one per worker, run chunk 0
// on the calling thread and the rest on short-lived std::threads. Each worker
// writes only its own partial result (private histogram, partial sums), which
// the caller merges in worker order, so results never depend on scheduling.
#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace qs {

// Workers worth using for n elements: starting a thread costs tens of
// microseconds, so below minPerThread elements per worker stay single-threaded.
inline int workerCount(std::int64_t n, std::int64_t minPerThread = std::int64_t(1) << 17)
{
    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    const std::int64_t useful = std::max<std::int64_t>(1, n / std::max<std::int64_t>(1, minPerThread));
    return int(std::min<std::int64_t>({useful, hardware, 8}));
}

// Calls fn(begin, end, worker) for worker = 0..workers-1 over contiguous chunks
// of [0, n) (chunk starts aligned to 64 elements). Blocks until all are done.
template <class Fn> void parallelChunks(std::int64_t n, int workers, Fn&& fn)
{
    workers = std::max(1, workers);
    if (workers == 1 || n < 2 * 64) {
        fn(std::int64_t(0), n, 0);
        return;
    }
    const std::int64_t per = ((n / workers) + 63) / 64 * 64;
    auto chunkBegin = [&](int w) { return std::min<std::int64_t>(n, per * w); };
    std::vector<std::thread> threads;
    threads.reserve(std::size_t(workers - 1));
    for (int w = 1; w < workers; ++w)
        threads.emplace_back([&, w] { fn(chunkBegin(w), w + 1 == workers ? n : chunkBegin(w + 1), w); });
    fn(chunkBegin(0), chunkBegin(1), 0);
    for (auto& t : threads)
        t.join();
}

} // namespace qs
