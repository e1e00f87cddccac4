#pragma once
// Writing a large output with non-temporal (streaming) stores.
//
// An ordinary store to a line that is not in cache first reads the line
// (read-for-ownership), so a pass that reads n floats and writes n floats
// moves 3n floats over the memory bus; memcpy avoids that for large sizes with
// non-temporal stores, which is why it sets the floor the quantizers are
// measured against (docs/performance.md). streamOutput runs a kernel into a
// small L1-resident buffer and copies each block out with SSE2 _mm_stream_ps
// (baseline x86-64): the kernel and therefore every bit of the result stay
// the same, only the way the bytes reach memory changes.
//
// Only worth it when the output will not be read again from cache anyway:
// outputs of at least kStreamBytes. Smaller outputs keep ordinary stores (the
// metrics pass that follows reads them while they are still cached).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <cstdlib>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {

// 32 MiB: the last-level cache of one CCX of the benchmark's EPYC (and more
// than the L3 of most desktop parts). sysconf's L3 size is not used: inside VMs
// it reports the host's total (320 MiB on the build machine).
//
// Off by default (threshold = max): measured on the quiet machine (docs/
// performance.md, 2026-11-23 11:51), streaming made int8 9.9 -> 17.4 ms and
// NF4 20.5 -> 26.5 ms. Tensor storage is fresh huge pages that the kernel has
// just zeroed, so the destination lines are already cached and ordinary
// stores pay no read-for-ownership; streaming only forces the data out to
// memory. The paths stay (tests force them with QS_STREAM_BYTES=1) for
// machines and allocators where the destination is not cache-resident.
constexpr std::int64_t kStreamBytes = std::numeric_limits<std::int64_t>::max();

// QS_STREAM_BYTES in the environment overrides the threshold (the tests set
// it to 1 to run the streaming paths on small tensors).
inline bool streamWorthIt(std::int64_t outputBytes)
{
    std::int64_t threshold = kStreamBytes;
    if (const char* env = std::getenv("QS_STREAM_BYTES"))
        threshold = std::max<std::int64_t>(1, std::atoll(env));
    return outputBytes >= threshold;
}

// dst[0..n) = src[0..n) for a src that is in cache (a kernel's block
// buffer), with streaming stores from dst's first 16-byte boundary on. No
// fence: the caller ends its batch of stores with _mm_sfence (streamFence).
inline void streamCopy(float* dst, const float* src, std::int64_t n)
{
#if defined(__SSE2__)
    const auto address = reinterpret_cast<std::uintptr_t>(dst);
    std::int64_t k = 0;
    if (address % alignof(float) == 0) {
        const std::int64_t head = std::min(n, std::int64_t((16 - address % 16) % 16) / std::int64_t(sizeof(float)));
        for (; k < head; ++k)
            dst[k] = src[k];
        for (; k + 16 <= n; k += 16) {
            _mm_stream_ps(dst + k, _mm_loadu_ps(src + k));
            _mm_stream_ps(dst + k + 4, _mm_loadu_ps(src + k + 4));
            _mm_stream_ps(dst + k + 8, _mm_loadu_ps(src + k + 8));
            _mm_stream_ps(dst + k + 12, _mm_loadu_ps(src + k + 12));
        }
        for (; k + 4 <= n; k += 4)
            _mm_stream_ps(dst + k, _mm_loadu_ps(src + k));
    }
    for (; k < n; ++k)
        dst[k] = src[k];
#else
    std::copy(src, src + n, dst);
#endif
}

// Makes streaming stores globally visible before the caller signals another thread.
inline void streamFence()
{
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

// Calls kernel(offset, length, out) so that together the calls cover [0, n)
// in order, with out receiving the `length` floats destined for dst + offset.
// When stream is set, out is a 4 KiB stack block (L1-resident) that is then
// copied to dst with streaming stores; ends with streamFence().
template <class Kernel> void streamOutput(float* dst, std::int64_t n, bool stream, Kernel&& kernel)
{
    if (!stream || n < 64) {
        kernel(std::int64_t(0), n, dst);
        return;
    }
    constexpr std::int64_t kBlock = 1024;
    alignas(64) float block[kBlock];
    for (std::int64_t j = 0; j < n; j += kBlock) {
        const std::int64_t len = std::min(kBlock, n - j);
        kernel(j, len, block);
        streamCopy(dst + j, block, len);
    }
    streamFence();
}

} // namespace qs
