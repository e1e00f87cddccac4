#pragma once
// The one parallel runtime of the core (core/analysis, core/calib, core/quant).
//
// Determinism: work is cut into chunks whose boundaries depend only on the
// problem size (count and chunkSize), never on the thread count, and every
// floating-point reduction keeps one partial per chunk that the caller merges
// in chunk order. So a result is the same with 1 or 64 threads, on any
// machine (tests/quant/tst_determinism.cpp compares `quantize --json` byte for
// byte with QS_THREADS=1, 2 and 8).
//
// Threads: a persistent pool, started on first use and grown on demand, runs
// the chunks together with the calling thread (waking a pooled thread costs a
// few microseconds; starting one cost 20-45). QS_THREADS=N in the environment
// (read on every call) caps the threads taking part, 1 = the caller alone.
// Calls may nest (a chunk may call parallelChunks) and may come from several
// threads at once; a caller only waits for chunks that are already running.
#include <atomic>
#include <cstdint>
#include <functional>

namespace qs {

// Threads a parallel call uses at most: QS_THREADS if set (1..256), else the hardware threads.
int workerThreads();

inline std::int64_t chunkCount(std::int64_t count, std::int64_t chunkSize)
{
    return count <= 0 ? 0 : (count + chunkSize - 1) / chunkSize;
}

// Elements per chunk of the streaming passes over a tensor (min/max,
// histograms, metrics, calibration sweeps): 2^18 float32 values (1 MiB), a
// multiple of every block size the passes use (1024). Tensors below that are
// one chunk, summed exactly as a single thread always did; a 2^24-value
// tensor is 64 chunks, enough to balance up to a dozen threads.
inline constexpr std::int64_t kStreamChunk = std::int64_t(1) << 18;

// Calls body(chunk, begin, end) for chunk = 0..chunkCount(count, chunkSize)-1
// with [begin, end) = [chunk*chunkSize, min(count, (chunk+1)*chunkSize)), on
// the calling thread and pooled threads. Stops handing out chunks once *cancel
// is true. The first exception thrown by a body is rethrown on the caller.
void parallelChunks(std::int64_t count, std::int64_t chunkSize,
                    const std::function<void(std::int64_t chunk, std::int64_t begin, std::int64_t end)>& body,
                    const std::atomic<bool>* cancel = nullptr);

// The worker slots parallelChunksOnWorkers uses for this size: min(workerThreads(), chunks), at least 1.
int parallelSlots(std::int64_t count, std::int64_t chunkSize);

// The same, with the slot (0 .. slots - 1) of the thread running the chunk;
// slots is what parallelSlots() returned for this count and chunkSize (the
// caller sized its per-slot scratch with it; QS_THREADS may change between
// the calls, the smaller value wins). Chunks of one slot run one after
// another, so a slot's scratch needs no lock. Which chunks a slot gets
// depends on timing: merge per-slot results only when the merge is exact in
// any order (integer counts, min/max); floating-point sums go per chunk.
void parallelChunksOnWorkers(
    std::int64_t count, std::int64_t chunkSize, int slots,
    const std::function<void(std::int64_t chunk, std::int64_t begin, std::int64_t end, int slot)>& body,
    const std::atomic<bool>* cancel = nullptr);

} // namespace qs
