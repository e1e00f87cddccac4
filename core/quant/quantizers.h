#pragma once
// Internal to core/quant: the per-kind quantizers behind runQuantization()
// and the group helpers they share. Each quantizer reads the working input
// (outliers already masked out as NaN), writes x̂ (and the codes when asked),
// fills the result's groups, levels, codeMin/codeMax, calibration and
// messages, and says in ctx.storage what it stores (quant/storage.h), from
// which runQuantization counts bits/value.
#include "calib/calibration.h"
#include "quant/grouping.h"
#include "quant/pipeline.h"
#include "quant/storage.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace qs {

struct QuantContext
{
    const float* x = nullptr; // working input
    float* xhat = nullptr;
    std::int32_t* codes = nullptr; // null when codes are not requested
    const GroupLayout& layout;
    const QuantConfig& config;
    const QuantOptions& options;
    QuantResult& result;
    // Finite values of the working input, when a quantizer's statistics pass
    // counted them anyway (saves the pipeline a pass over the data); -1 if not.
    std::int64_t finiteSeen = -1;
    // x̂ is too large to stay in cache: kernels write it with streaming stores
    // (quant/streamstore.h). Set by runQuantization from the output size.
    bool streamOutput = false;
    // Per-group calibration: the group (in this layout's order) whose objective
    // curve goes into result.calibration.curve; -1: none.
    std::int64_t curveGroup = -1;
    // What the quantizer stores (codes, scales, zero points, tables).
    StorageSpec storage{};

    bool cancelled() const { return options.cancel && options.cancel->load(std::memory_order_relaxed); }
};

// Finite min/max of one group; lo > hi (lo = +inf, hi = -inf) when it has no finite value.
struct GroupRange
{
    double lo = 0;
    double hi = 0;
    std::int64_t finite = 0;
};

std::vector<GroupRange> groupMinMax(const float* x, const GroupLayout& layout, const std::atomic<bool>* cancel);
// Finite min/max of `blocks` consecutive full blocks of size B starting at x (out[0..blocks)),
// the same values groupMinMax gives for a uniform block layout; for fused calibrate-and-quantize loops.
void blockRanges(const float* x, std::int64_t blocks, std::int64_t B, GroupRange* out);
// Finite min/max of one contiguous run, exactly as groupMinMax computes it for a one-run group.
GroupRange runRange(const float* x, std::int64_t n);

// Applies body to every element range of the layout, in parallel: long runs
// are cut into pieces (a piece of a stride-1 run starts at group run.group +
// its offset). Outputs of different pieces never overlap.
void forEachPiece(const GroupLayout& layout, const std::function<void(const Run& piece)>& body,
                  const std::atomic<bool>* cancel);

// The clip range of every group with the config's calibration method, for a
// quantizer described by target. MinMax and Manual are computed here (one
// pass, all groups at once); the other methods call calibrate() on each
// group's values. Fills ctx.result.calibration (per-tensor: the calibrator's
// result with its curve; per group: the hull of the ranges and a message).
std::vector<GroupRange> calibrateGroups(QuantContext& ctx, const CalibrationTarget& target);

void runUniform(QuantContext& ctx);
void runFloatCast(QuantContext& ctx);
void runMx(QuantContext& ctx);
void runCodebookFamily(QuantContext& ctx);  // Codebook, Nf4, Log2, KMeans
void runBitsandbytesNf4(QuantContext& ctx); // Nf4 with the bitsandbytes convention (quant/bnb.h)
// NF4 double quantization's storage: 8-bit absmax codes, an fp32 absmax per 256 of them, the fp32 offset.
void accountDoubleQuant(StorageSpec& storage, std::int64_t groups);
void runGgml(QuantContext& ctx); // the llama.cpp formats (quant/ggmlquant.h)

} // namespace qs
