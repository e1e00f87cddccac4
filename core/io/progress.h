#pragma once
// Progress and cancellation of long reads and generations (a 2^24-value tensor
// takes a noticeable fraction of a second). The GUI runs them on a worker and
// passes a callback; the CLI and the tests pass none and nothing changes.
#include <cstdint>
#include <exception>
#include <functional>

namespace qs {

// Called with the fraction done in [0, 1]; returning false asks the work to stop.
using ProgressCallback = std::function<bool(double fraction)>;

// Thrown out of a reader or generator whose callback returned false. Not a
// qs::Error: a cancelled load is not bad input and must not be shown as one.
class Cancelled : public std::exception
{
public:
    const char* what() const noexcept override { return "cancelled"; }
};

// Values handled between two calls of the callback: small enough that a cancel
// takes effect within a few milliseconds, large enough to cost nothing.
inline constexpr std::int64_t kProgressChunk = std::int64_t(1) << 18;

// Calls `progress` (when set); throws Cancelled when it returns false.
inline void reportProgress(const ProgressCallback& progress, double fraction)
{
    if (progress && !progress(fraction))
        throw Cancelled();
}

// Maps a step's own [0, 1] onto [from, to] of the whole job.
inline ProgressCallback subProgress(const ProgressCallback& progress, double from, double to)
{
    if (!progress)
        return {};
    return [progress, from, to](double f) { return progress(from + (to - from) * f); };
}

} // namespace qs
