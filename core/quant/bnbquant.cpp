// NF4 in the bitsandbytes convention (quant/bnb.h): blocks over the flattened
// tensor (runQuantization lays them out @flat), the normalised value coded by
// bitsandbytes' float32 decision thresholds, x̂ = level · absmax in float32.
#include "quant/bnb.h"
#include "quant/quantizers.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace qs {

void runBitsandbytesNf4(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    QuantResult& res = ctx.result;
    const GroupLayout& layout = ctx.layout;
    const std::size_t groups = std::size_t(layout.groupCount());
    if (cfg.calibration.method != CalibrationMethod::MinMax)
        res.messages.push_back("bitsandbytes scales every block by its absmax: calibration " +
                               cfg.calibration.toString() + " is not used");
    if (cfg.rounding.mode != RoundingMode::NearestEven)
        res.messages.push_back("bitsandbytes codes by its decision thresholds; --rounding is not used");

    // The block absmax over the finite values (bitsandbytes' fmaxf skips NaN; Inf is passed through here).
    const std::vector<GroupRange> ranges = groupMinMax(ctx.x, layout, ctx.options.cancel);
    std::vector<float> absmax(groups, 0.0f);
    ctx.finiteSeen = 0;
    double hull = 0;
    for (std::size_t g = 0; g < groups; ++g) {
        ctx.finiteSeen += ranges[g].finite;
        if (ranges[g].finite > 0)
            absmax[g] = float(std::max(std::fabs(ranges[g].lo), std::fabs(ranges[g].hi)));
        hull = std::max(hull, double(absmax[g]));
    }
    // What x̂ is scaled by: the absmax itself, or as it comes back from double quantization.
    std::vector<float> used = absmax;
    if (cfg.doubleQuant) {
        const bnb::DoubleQuantized dq = bnb::doubleQuantize(absmax);
        used = dq.values;
        res.doubleQuant = {dq.codes, dq.absmax, dq.offset};
    } else
        res.storedScales = absmax;
    if (ctx.cancelled())
        return;

    float level[16];
    for (int k = 0; k < 16; ++k)
        level[k] = float(nf4Levels()[std::size_t(k)]);
    const float* t = bnb::nf4Thresholds();
    forEachPiece(
        layout,
        [&](const Run& block) {
            const float inv = 1.0f / absmax[std::size_t(block.group)]; // Inf for an all-zero block: v = NaN, code 0
            const float a = used[std::size_t(block.group)];
            const float* x = ctx.x + block.offset;
            float* xhat = ctx.xhat + block.offset;
            std::int32_t* codes = ctx.codes ? ctx.codes + block.offset : nullptr;
            for (std::int64_t j = 0; j < block.length; ++j) {
                const float v = x[j] * inv;
                std::int32_t q = 0;
                for (int k = 0; k < 15; ++k)
                    q += v > t[k] ? 1 : 0;
                const bool finite = std::fabs(x[j]) <= FLT_MAX;
                xhat[j] = finite ? level[q] * a : x[j];
                if (codes)
                    codes[j] = finite ? q : 0;
            }
        },
        ctx.options.cancel);

    res.groups.resize(groups);
    for (std::size_t g = 0; g < groups; ++g) {
        const double reach = std::min(double(absmax[g]), double(used[g]));
        res.groups[g] = {double(used[g]), 0.0, -reach, reach, layout.groupSize(std::int64_t(g))};
    }
    res.levels = nf4Levels();
    res.codeMin = 0;
    res.codeMax = 15;
    res.calibration = CalibrationResult{};
    res.calibration.method = CalibrationMethod::MinMax;
    res.calibration.finiteCount = ctx.finiteSeen;
    res.calibration.nonfiniteCount = layout.size() - ctx.finiteSeen;
    res.calibration.clipMin = -hull;
    res.calibration.clipMax = hull;
    res.calibration.message =
        "bitsandbytes: one absmax per block of " + std::to_string(layout.blockSize()) + " over the flattened tensor";
    ctx.storage.codeBits = 4;
    ctx.storage.scaleFormat = ScaleFormat::Fp32;
    ctx.storage.scaleBits = 32;
    if (cfg.doubleQuant)
        accountDoubleQuant(ctx.storage, std::int64_t(groups));
}

} // namespace qs
