// Group helpers shared by the quantizers: finite min/max per group, parallel
// traversal of the runs, and per-group calibration.
#include "formats/error.h"
#include "quant/parallel.h"
#include "quant/quantizers.h"
#include "runtime/simd.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace qs {

namespace {

constexpr std::int64_t kPiece = 1 << 16; // elements per parallel work item

struct MinMaxAcc
{
    float lo = std::numeric_limits<float>::infinity();
    float hi = -std::numeric_limits<float>::infinity();
    std::int64_t finite = 0;
};

// Finite min/max of a contiguous range. Non-finite values are replaced by the
// neutral element, and the comparisons run on 16 independent lanes: a
// min/max *reduction* with NaN-aware semantics does not vectorise, but
// element-wise selects on a lane array do. min/max are exact, so the lane
// split changes no result.
template <simd::Isa> QS_ALWAYS_INLINE void minMaxFiniteBody(const float* QS_RESTRICT x, std::int64_t n, MinMaxAcc& acc)
{
    constexpr int L = 16;
    const float inf = std::numeric_limits<float>::infinity();
    if (n < 4 * L) {
        // Short runs (blocks of 32/64): a plain loop beats setting up the lanes.
        float mn = acc.lo, mx = acc.hi;
        std::int64_t cnt = 0;
        for (std::int64_t j = 0; j < n; ++j) {
            const float v = x[j];
            const bool f = std::fabs(v) <= FLT_MAX;
            mn = std::min(mn, f ? v : inf);
            mx = std::max(mx, f ? v : -inf);
            cnt += f ? 1 : 0;
        }
        acc.lo = mn;
        acc.hi = mx;
        acc.finite += cnt;
        return;
    }
    float lo[L], hi[L];
    std::int32_t finite[L];
    for (int l = 0; l < L; ++l) {
        lo[l] = inf;
        hi[l] = -inf;
        finite[l] = 0;
    }
    std::int64_t total = 0;
    std::int64_t j = 0;
    while (j + L <= n) {
        // At most 2^27 blocks before the int32 lane counters are flushed.
        const std::int64_t stop = std::min(n, j + (std::int64_t(1) << 27) * L);
        for (; j + L <= stop; j += L)
            for (int l = 0; l < L; ++l) {
                const float v = x[j + l];
                const bool f = std::fabs(v) <= FLT_MAX;
                const float a = f ? v : inf;
                const float b = f ? v : -inf;
                lo[l] = a < lo[l] ? a : lo[l];
                hi[l] = b > hi[l] ? b : hi[l];
                finite[l] += f ? 1 : 0;
            }
        for (int l = 0; l < L; ++l) {
            total += finite[l];
            finite[l] = 0;
        }
    }
    float mn = acc.lo, mx = acc.hi;
    for (int l = 0; l < L; ++l) {
        mn = std::min(mn, lo[l]);
        mx = std::max(mx, hi[l]);
    }
    for (; j < n; ++j) {
        const float v = x[j];
        if (std::fabs(v) <= FLT_MAX) {
            mn = std::min(mn, v);
            mx = std::max(mx, v);
            ++total;
        }
    }
    acc.lo = mn;
    acc.hi = mx;
    acc.finite += total;
}

// Finite min/max of the full blocks [first, last) of size B. Each block runs
// on L independent lanes (element-wise selects vectorise, a NaN-aware
// reduction does not). min/max are exact; only the sign of a zero result
// could depend on the lane split, so a zero min/max is re-read as the first
// zero of the block, which is what the sequential loop keeps (it replaces
// its running value only on a strict improvement).
template <simd::Isa>
QS_ALWAYS_INLINE void blockMinMaxBody(const float* QS_RESTRICT x, std::int64_t first, std::int64_t last, std::int64_t B,
                                      GroupRange* QS_RESTRICT out)
{
    constexpr int L = 8;
    const float inf = std::numeric_limits<float>::infinity();
    const std::int64_t full = B - B % L;
    for (std::int64_t g = first; g < last; ++g) {
        const float* p = x + g * B;
        float lo[L], hi[L];
        std::int32_t fin[L];
        for (int l = 0; l < L; ++l) {
            lo[l] = inf;
            hi[l] = -inf;
            fin[l] = 0;
        }
        for (std::int64_t j = 0; j < full; j += L)
            for (int l = 0; l < L; ++l) {
                const float v = p[j + l];
                const bool f = std::fabs(v) <= FLT_MAX;
                const float a = f ? v : inf;
                const float b = f ? v : -inf;
                lo[l] = a < lo[l] ? a : lo[l];
                hi[l] = b > hi[l] ? b : hi[l];
                fin[l] += f ? 1 : 0;
            }
        float mn = inf, mx = -inf;
        std::int64_t cnt = 0;
        for (int l = 0; l < L; ++l) {
            mn = lo[l] < mn ? lo[l] : mn;
            mx = hi[l] > mx ? hi[l] : mx;
            cnt += fin[l];
        }
        for (std::int64_t j = full; j < B; ++j) {
            const float v = p[j];
            const bool f = std::fabs(v) <= FLT_MAX;
            mn = std::min(mn, f ? v : inf);
            mx = std::max(mx, f ? v : -inf);
            cnt += f ? 1 : 0;
        }
        if (mn == 0.0f || mx == 0.0f) {
            std::int64_t j = 0;
            while (p[j] != 0.0f)
                ++j;
            if (mn == 0.0f)
                mn = p[j];
            if (mx == 0.0f)
                mx = p[j];
        }
        out[g] = {double(mn), double(mx), cnt};
    }
}

// The element-wise selects above vectorise for each ISA (min/max are exact,
// so every entry gives the same bits).
QS_SIMD_TABLE(minMaxFinite, minMaxFiniteBody, void, (const float* QS_RESTRICT x, std::int64_t n, MinMaxAcc& acc),
              (x, n, acc));
QS_SIMD_TABLE(blockMinMax, blockMinMaxBody, void,
              (const float* QS_RESTRICT x, std::int64_t first, std::int64_t last, std::int64_t B,
               GroupRange* QS_RESTRICT out),
              (x, first, last, B, out));

GroupRange toRange(const MinMaxAcc& a)
{
    return {double(a.lo), double(a.hi), a.finite};
}

} // namespace

GroupRange runRange(const float* x, std::int64_t n)
{
    MinMaxAcc acc;
    minMaxFinite()(x, n, acc);
    return toRange(acc);
}

void blockRanges(const float* x, std::int64_t blocks, std::int64_t B, GroupRange* out)
{
    blockMinMax()(x, 0, blocks, B, out);
}

std::vector<GroupRange> groupMinMax(const float* x, const GroupLayout& layout, const std::atomic<bool>* cancel)
{
    const std::int64_t groups = layout.groupCount();
    std::vector<GroupRange> out(static_cast<std::size_t>(groups));
    if (layout.size() == 0 || groups == 0) {
        for (auto& r : out)
            r = toRange(MinMaxAcc{});
        return out;
    }
    if (groups == 1) {
        const std::int64_t n = layout.size();
        std::vector<MinMaxAcc> partial(std::size_t(chunkCount(n, kPiece * 4)));
        parallelChunks(
            n, kPiece * 4,
            [&](std::int64_t c, std::int64_t b, std::int64_t e) { minMaxFinite()(x + b, e - b, partial[c]); }, cancel);
        MinMaxAcc all;
        for (const auto& p : partial) {
            all.lo = std::min(all.lo, p.lo);
            all.hi = std::max(all.hi, p.hi);
            all.finite += p.finite;
        }
        out[0] = toRange(all);
        return out;
    }
    if (layout.groupStrided()) {
        // Channel along the last axis: each row touches every group. Rows are
        // split into chunks with one accumulator array each, merged afterwards.
        const std::int64_t rows = layout.runCount();
        const std::int64_t rowsPerChunk = std::max<std::int64_t>(1, kPiece / std::max<std::int64_t>(1, groups));
        const std::int64_t chunks = chunkCount(rows, rowsPerChunk);
        std::vector<std::vector<MinMaxAcc>> partial(static_cast<std::size_t>(chunks));
        parallelChunks(
            rows, rowsPerChunk,
            [&](std::int64_t c, std::int64_t b, std::int64_t e) {
                auto& acc = partial[std::size_t(c)];
                acc.assign(std::size_t(groups), MinMaxAcc{});
                for (std::int64_t r = b; r < e; ++r) {
                    const Run run = layout.run(r);
                    const float* row = x + run.offset;
                    for (std::int64_t j = 0; j < run.length; ++j) {
                        const float v = row[j];
                        if (std::fabs(v) <= FLT_MAX) {
                            MinMaxAcc& a = acc[std::size_t(j)];
                            a.lo = std::min(a.lo, v);
                            a.hi = std::max(a.hi, v);
                            ++a.finite;
                        }
                    }
                }
            },
            cancel);
        std::vector<MinMaxAcc> all(static_cast<std::size_t>(groups));
        for (const auto& p : partial)
            for (std::size_t g = 0; g < p.size(); ++g) {
                all[g].lo = std::min(all[g].lo, p[g].lo);
                all[g].hi = std::max(all[g].hi, p[g].hi);
                all[g].finite += p[g].finite;
            }
        for (std::size_t g = 0; g < all.size(); ++g)
            out[g] = toRange(all[g]);
        return out;
    }
    if (const std::int64_t B = layout.uniformBlockSize(); B > 0) {
        // Full blocks: block g is [g*B, (g+1)*B); thousands of blocks per kernel call.
        parallelChunks(
            groups, 4096, [&](std::int64_t, std::int64_t b, std::int64_t e) { blockMinMax()(x, b, e, B, out.data()); },
            cancel);
        return out;
    }
    // Blocks and channel axes before the last: groups are independent.
    const std::int64_t perChunk = std::max<std::int64_t>(1, kPiece / std::max<std::int64_t>(1, layout.groupSize(0)));
    parallelChunks(
        groups, perChunk,
        [&](std::int64_t, std::int64_t b, std::int64_t e) {
            for (std::int64_t g = b; g < e; ++g) {
                MinMaxAcc acc;
                layout.forEachGroupRun(g, [&](const Run& r) { minMaxFinite()(x + r.offset, r.length, acc); });
                out[std::size_t(g)] = toRange(acc);
            }
        },
        cancel);
    return out;
}

void forEachPiece(const GroupLayout& layout, const std::function<void(const Run&)>& body,
                  const std::atomic<bool>* cancel)
{
    const std::int64_t runs = layout.runCount();
    if (runs == 0)
        return;
    if (runs < 64) {
        // Few long runs (per-tensor, few channels): cut each run into pieces.
        for (std::int64_t k = 0; k < runs; ++k) {
            const Run run = layout.run(k);
            parallelChunks(
                run.length, kPiece,
                [&](std::int64_t, std::int64_t b, std::int64_t e) {
                    body(Run{run.offset + b, e - b, run.group + (run.groupStride ? b : 0), run.groupStride});
                },
                cancel);
        }
        return;
    }
    const std::int64_t avg = std::max<std::int64_t>(1, layout.size() / runs);
    const std::int64_t runsPerChunk = std::max<std::int64_t>(1, kPiece / avg);
    parallelChunks(
        runs, runsPerChunk,
        [&](std::int64_t, std::int64_t b, std::int64_t e) {
            for (std::int64_t k = b; k < e; ++k)
                body(layout.run(k));
        },
        cancel);
}

std::vector<GroupRange> calibrateGroups(QuantContext& ctx, const CalibrationTarget& target)
{
    const CalibrationSpec& spec = ctx.config.calibration;
    const GroupLayout& layout = ctx.layout;
    const std::int64_t groups = layout.groupCount();
    CalibrationResult& cal = ctx.result.calibration;
    cal = CalibrationResult{};
    cal.method = spec.method;
    std::vector<GroupRange> ranges;

    if (spec.method == CalibrationMethod::Manual) {
        if (!(spec.manualMin <= spec.manualMax) || !std::isfinite(spec.manualMin) || !std::isfinite(spec.manualMax))
            throw ArgumentError("manual clip range needs finite LO <= HI");
        ranges = groupMinMax(ctx.x, layout, ctx.options.cancel); // for the finite counts
        for (auto& r : ranges) {
            r.lo = spec.manualMin;
            r.hi = spec.manualMax;
        }
    } else if (spec.method == CalibrationMethod::MinMax || layout.size() == 0) {
        ranges = groupMinMax(ctx.x, layout, ctx.options.cancel);
        std::int64_t empty = 0;
        for (auto& r : ranges) {
            if (r.finite == 0) {
                r.lo = r.hi = 0; // no finite value: a zero range, handled by the quantizer as degenerate
                ++empty;
            } else if (target.symmetric) {
                const double a = std::max(std::fabs(r.lo), std::fabs(r.hi));
                r.lo = -a;
                r.hi = a;
            }
        }
        if (empty)
            ctx.result.messages.push_back(std::to_string(empty) + " group(s) without finite values");
    } else {
        ranges.resize(std::size_t(groups));
        std::vector<CalibrationResult> results(static_cast<std::size_t>(groups));
        // One calibration per group; calibrate() is a pure function of its input.
        parallelChunks(
            groups, 1,
            [&](std::int64_t, std::int64_t g, std::int64_t) {
                std::vector<float> values;
                if (groups == 1)
                    results[0] = calibrate({ctx.x, std::size_t(layout.size())}, spec, target);
                else {
                    layout.gather(ctx.x, g, values);
                    results[std::size_t(g)] = calibrate(values, spec, target);
                }
                const CalibrationResult& r = results[std::size_t(g)];
                ranges[std::size_t(g)] = {r.clipMin, r.clipMax, r.finiteCount};
            },
            ctx.options.cancel);
        if (groups == 1) {
            cal = results[0];
            if (!cal.message.empty())
                ctx.result.messages.push_back("calibration: " + cal.message);
            return ranges;
        }
        // The objective of one chosen group, for the calibration figure.
        if (ctx.curveGroup >= 0 && ctx.curveGroup < groups)
            cal.curve = results[std::size_t(ctx.curveGroup)].curve;
        else
            ctx.curveGroup = -1;
        std::int64_t withMessage = 0;
        for (const auto& r : results)
            withMessage += r.message.empty() ? 0 : 1;
        if (withMessage)
            ctx.result.messages.push_back("calibration: " + std::to_string(withMessage) +
                                          " group(s) reported: " + results[0].message);
    }
    if (spec.method == CalibrationMethod::Manual || spec.method == CalibrationMethod::MinMax || layout.size() == 0) {
        std::int64_t finite = 0;
        for (const auto& r : ranges)
            finite += r.finite;
        ctx.finiteSeen = finite;
    }
    // Summary over the groups.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& r : ranges) {
        cal.finiteCount += r.finite;
        if (r.finite > 0 || spec.method == CalibrationMethod::Manual) {
            lo = std::min(lo, r.lo);
            hi = std::max(hi, r.hi);
        }
    }
    cal.nonfiniteCount = layout.size() - cal.finiteCount;
    cal.clipMin = std::isfinite(lo) ? lo : 0;
    cal.clipMax = std::isfinite(hi) ? hi : 0;
    if (groups > 1)
        cal.message = "per-group calibration of " + std::to_string(groups) +
                      " groups (the hull of their ranges is shown; each group's range is in params)";
    return ranges;
}

} // namespace qs
