#include "calib/torchlinspace.h"

#include "analysis/stats.h"
#include "runtime/parallel.h"

#include <algorithm>
#include <cmath>

namespace qs {

std::vector<float> torchLinspace(float start, float end, std::int64_t steps)
{
    std::vector<float> out(std::size_t(std::max<std::int64_t>(steps, 0)));
    if (steps <= 0)
        return out;
    if (steps == 1) {
        out[0] = start;
        return out;
    }
    const float step = (end - start) / float(steps - 1);
    const std::int64_t halfway = steps / 2;
    // The scalar lambda: start + step * i, contracted to one fused multiply-add.
    auto value = [&](std::int64_t i) {
        return i < halfway ? std::fma(step, float(i), start) : std::fma(-step, float(steps - i - 1), end);
    };
    // Vectorized<float>::arange(base, step) = {base, base + step, base + 2 step, ...}.
    auto arange = [&](std::int64_t i, float base) {
        out[std::size_t(i)] = base;
        for (int k = 1; k < 8; ++k) {
            const float offset = float(k) * step;
            out[std::size_t(i + k)] = base + offset;
        }
    };
    // cpu_serial_kernel_vec: two vectors per round while a whole round fits, then scalars.
    constexpr std::int64_t kVec = 8;
    std::int64_t i = 0;
    for (; i + 2 * kVec <= steps;)
        for (int half = 0; half < 2; ++half, i += kVec) {
            if (i + kVec <= halfway || i >= halfway)
                arange(i, value(i));
            else // straddles steps / 2: one value at a time
                for (std::int64_t k = 0; k < kVec; ++k)
                    out[std::size_t(i + k)] = value(i + k);
        }
    for (; i < steps; ++i)
        out[std::size_t(i)] = value(i);
    return out;
}

std::vector<std::uint64_t> torchHistcAbs(std::span<const float> x, int bins, float amax)
{
    const std::int64_t n = std::int64_t(x.size());
    const std::int64_t chunks = chunkCount(n, kStreamChunk);
    // One histogram per chunk, added in chunk order (integers: exact in any order anyway).
    std::vector<std::vector<std::uint64_t>> partial(std::size_t(std::max<std::int64_t>(chunks, 1)));
    const float binsF = float(bins);
    parallelChunks(n, kStreamChunk, [&](std::int64_t c, std::int64_t b, std::int64_t e) {
        std::vector<std::uint64_t>& h = partial[std::size_t(c)];
        h.assign(std::size_t(bins), 0);
        for (std::int64_t i = b; i < e; ++i) {
            if (isNonFinite(x[std::size_t(i)]))
                continue;
            const float a = std::fabs(x[std::size_t(i)]);
            if (!(a <= amax))
                continue;
            const float t = (a * binsF) / amax; // two float32 roundings, as the kernel
            const std::int64_t pos = t < binsF ? std::int64_t(t) : std::int64_t(bins) - 1;
            ++h[std::size_t(pos)];
        }
    });
    std::vector<std::uint64_t> out(std::size_t(bins), 0);
    for (const auto& h : partial)
        for (std::size_t k = 0; k < h.size(); ++k)
            out[k] += h[k];
    return out;
}

} // namespace qs
