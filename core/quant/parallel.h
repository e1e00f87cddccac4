#pragma once
// Splitting element-wise work over the machine's cores.
//
// Work is cut into chunks whose boundaries depend only on the problem size
// (never on the thread count), and every chunk writes only its own outputs,
// so results are identical with 1 or N threads. Reductions keep one partial
// per chunk and are merged in chunk order by the caller.
#include <atomic>
#include <cstdint>
#include <functional>

namespace qs {

int workerThreads(); // hardware threads (at least 1); QS_THREADS in the environment overrides it

// Calls body(chunk, begin, end) for chunk = 0..ceil(count/chunkSize)-1 with
// [begin, end) = [chunk*chunkSize, min(count, (chunk+1)*chunkSize)), spread over
// the worker threads. Stops handing out chunks once *cancel is true. The first
// exception thrown by a body is rethrown on the calling thread.
void parallelChunks(std::int64_t count, std::int64_t chunkSize,
                    const std::function<void(std::int64_t chunk, std::int64_t begin, std::int64_t end)>& body,
                    const std::atomic<bool>* cancel = nullptr);

inline std::int64_t chunkCount(std::int64_t count, std::int64_t chunkSize)
{
    return count <= 0 ? 0 : (count + chunkSize - 1) / chunkSize;
}

} // namespace qs
