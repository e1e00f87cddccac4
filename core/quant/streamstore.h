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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qs {

// 32 MiB: the last-level cache of one CCX of the benchmark's EPYC (and more
// than the L3 of most desktop parts). sysconf's L3 size is not used: inside VMs
// it reports the host's total (320 MiB on the build machine).
constexpr std::int64_t kStreamBytes = std::int64_t(32) << 20;

inline bool streamWorthIt(std::int64_t outputBytes)
{
    return outputBytes >= kStreamBytes;
}

// Calls kernel(offset, length, out) so that together the calls cover [0, n)
// in order, with out receiving the `length` floats destined for dst + offset.
// When stream is set, out is a 16-byte-aligned stack block that is then
// stored to dst with streaming stores (head elements up to dst's first 16-byte
// boundary are written directly). Ends with _mm_sfence, so the data is
// globally visible before the caller signals another thread.
template <class Kernel> void streamOutput(float* dst, std::int64_t n, bool stream, Kernel&& kernel)
{
#if defined(__SSE2__)
    const auto address = reinterpret_cast<std::uintptr_t>(dst);
    if (stream && n >= 64 && address % alignof(float) == 0) {
        constexpr std::int64_t kBlock = 1024; // 4 KiB: stays in L1 between kernel and copy
        alignas(64) float block[kBlock];
        const std::int64_t head = std::int64_t((16 - address % 16) % 16) / std::int64_t(sizeof(float));
        if (head > 0)
            kernel(std::int64_t(0), head, dst);
        for (std::int64_t j = head; j < n; j += kBlock) {
            const std::int64_t len = std::min(kBlock, n - j);
            kernel(j, len, block);
            float* out = dst + j;
            std::int64_t k = 0;
            for (; k + 16 <= len; k += 16) {
                _mm_stream_ps(out + k, _mm_load_ps(block + k));
                _mm_stream_ps(out + k + 4, _mm_load_ps(block + k + 4));
                _mm_stream_ps(out + k + 8, _mm_load_ps(block + k + 8));
                _mm_stream_ps(out + k + 12, _mm_load_ps(block + k + 12));
            }
            for (; k + 4 <= len; k += 4)
                _mm_stream_ps(out + k, _mm_load_ps(block + k));
            for (; k < len; ++k)
                out[k] = block[k];
        }
        _mm_sfence();
        return;
    }
#endif
    (void)stream;
    kernel(std::int64_t(0), n, dst);
}

} // namespace qs
