// OCP Microscaling (MX) v1.0 block formats: every block of k = 32 values
// shares one E8M0 scale X = 2^(floor(log2 amax) - emax_elem), clamped to the
// E8M0 range 2^-127 .. 2^127; each element is x / X rounded to the element
// format (nearest-even unless the config says otherwise) with saturation.
// emax_elem is the exponent of the element format's largest value:
// E4M3 8, E5M2 15, E3M2 4, E2M3 2, E2M1 2; MXINT8 elements are int8 * 2^-6 (emax 0).
//
// The exponent rule is a knob (MxScaleRule), computed from the float32 bits of
// amax as torchao's to_mx does (E = the biased exponent field, M = the mantissa):
//   floor  E - 127 - emax_elem                      (OCP; amax/X may exceed the largest element: clipped)
//   ceil   E - 127 + (M != 0) - emax_elem            (never clips, may lose small values)
//   even   amax rounded half up to the element's mantissa width first, then floor
//   rceil  ceil(log2(amax / max_elem)) as torchao computes it: the quotient in
//          float32, then torch's float32 log2, then ceil (mxRceilExponent;
//          docs/quantization.md, "MX scale rules")
#include "formats/error.h"
#include "formats/numberformat.h"
#include "quant/affine.h"
#include "quant/floatcast.h"
#include "quant/parallel.h"
#include "quant/pipeline.h"
#include "quant/quantizers.h"
#include "quant/simd.h"
#include "quant/streamstore.h"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>

namespace qs {

namespace {

// floor(log2 a) for a finite a > 0, exactly (frexp: a = f * 2^e, f in [0.5, 1)).
int floorLog2(double a)
{
    int e = 0;
    std::frexp(a, &e);
    return e - 1;
}

// 2^e for -1022 <= e <= 1023, exactly (what ldexp(1.0, e) returns).
QS_ALWAYS_INLINE double pow2(int e)
{
    const std::uint64_t bits = std::uint64_t(e + 1023) << 52;
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

// The unbiased E8M0 exponent of a block with absmax amax (a float32 value), by rule.
int mxExponent(float amax, MxScaleRule rule, int emaxElem, int mbits, float maxElem)
{
    std::uint32_t bits;
    std::memcpy(&bits, &amax, sizeof bits);
    int e = 0;
    switch (rule) {
    case MxScaleRule::Floor: e = int((bits >> 23) & 0xFF) - 127 - emaxElem; break;
    case MxScaleRule::Ceil: e = int((bits >> 23) & 0xFF) - 127 + ((bits & 0x7FFFFF) != 0 ? 1 : 0) - emaxElem; break;
    case MxScaleRule::Even: {
        // Add half an ulp of the element's mantissa, keep sign and exponent (torchao EVEN).
        const std::uint32_t rounded = (bits + (std::uint32_t(1) << (23 - mbits - 1))) & 0xFF800000u;
        e = int((rounded >> 23) & 0xFF) - 127 - emaxElem;
        break;
    }
    case MxScaleRule::RCeil: return mxRceilExponent(amax / maxElem); // torchao: max_abs / max_pos in float32
    }
    return std::clamp(e, -127, 127);
}

} // namespace

void runMx(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    QuantResult& res = ctx.result;
    const bool isInt = cfg.format == "int8";
    std::optional<FloatCaster> caster;
    int emaxElem = 0;
    int mbits = 6; // MXINT8: int8 * 2^-6 has six fraction bits (1.111111b = 127/64)
    double elemMax = 127.0 / 64.0;
    if (!isInt) {
        const FloatFormat f = parseFloatFormat(cfg.format);
        caster.emplace(f, OverflowMode::Saturate, cfg.rounding);
        emaxElem = floorLog2(f.maxFinite());
        elemMax = f.maxFinite();
        mbits = f.mantissaBits();
    }
    const float maxElemF = float(elemMax);
    const MxScaleRule rule = cfg.mxScaleRule;
    std::vector<float> blockAmax(std::size_t(ctx.layout.groupCount()), 0.0f);
    if (cfg.calibration.method != CalibrationMethod::MinMax)
        res.messages.push_back("MX scales follow the block absmax by definition: calibration " +
                               cfg.calibration.toString() + " is not used");
    if (cfg.granularity.blockSize != 32)
        res.messages.push_back("block size " + std::to_string(cfg.granularity.blockSize) +
                               " differs from the OCP MX block size 32");

    const std::int64_t B = ctx.layout.uniformBlockSize();
    if (!isInt && B > 0) {
        // All blocks full: one pass over memory. Each work item takes the
        // block ranges of a few hundred blocks (still in cache), derives their
        // scales and casts them; every value is the one the two-pass form gives.
        const std::size_t groups = std::size_t(ctx.layout.groupCount());
        res.groups.resize(groups);
        res.storedScales.resize(groups);
        constexpr std::int64_t kChunkBlocks = 4096, kSub = 256;
        const std::int64_t chunks = chunkCount(std::int64_t(groups), kChunkBlocks);
        std::vector<std::int64_t> finitePart(std::size_t(chunks), 0);
        std::vector<double> loPart(std::size_t(chunks), 0.0), hiPart(std::size_t(chunks), 0.0);
        parallelChunks(
            std::int64_t(groups), kChunkBlocks,
            [&](std::int64_t c, std::int64_t b, std::int64_t e) {
                GroupRange r[kSub];
                float X[kSub], invX[kSub];
                // Large outputs: cast into this cached buffer, then stream it out (quant/streamstore.h).
                std::vector<float> buffer(ctx.streamOutput ? std::size_t(kSub * B) : 0);
                std::int64_t finite = 0;
                double lo = 0, hi = 0;
                for (std::int64_t s0 = b; s0 < e; s0 += kSub) {
                    const std::int64_t m = std::min(kSub, e - s0);
                    blockRanges(ctx.x + s0 * B, m, B, r);
                    for (std::int64_t k = 0; k < m; ++k) {
                        finite += r[k].finite;
                        const double amax = r[k].finite ? std::max(std::fabs(r[k].lo), std::fabs(r[k].hi)) : 0.0;
                        blockAmax[std::size_t(s0 + k)] = float(amax);
                        const int ex = mxExponent(float(amax), rule, emaxElem, mbits, maxElemF);
                        const double Xd = pow2(ex);
                        res.groups[std::size_t(s0 + k)] = {Xd, 0.0, -Xd * elemMax, Xd * elemMax, B};
                        res.storedScales[std::size_t(s0 + k)] = float(Xd);
                        lo = std::min(lo, -Xd * elemMax);
                        hi = std::max(hi, Xd * elemMax);
                        X[k] = float(Xd);
                        invX[k] = float(pow2(-ex));
                    }
                    float* out = ctx.streamOutput ? buffer.data() : ctx.xhat + s0 * B;
                    caster->castBlocks(ctx.x + s0 * B, out, ctx.codes ? ctx.codes + s0 * B : nullptr, m, B, invX, X,
                                       std::uint64_t(s0 * B));
                    if (ctx.streamOutput)
                        streamCopy(ctx.xhat + s0 * B, out, m * B);
                }
                streamFence();
                finitePart[std::size_t(c)] = finite;
                loPart[std::size_t(c)] = lo;
                hiPart[std::size_t(c)] = hi;
            },
            ctx.options.cancel);
        ctx.finiteSeen = 0;
        double hullLo = 0, hullHi = 0;
        for (std::int64_t c = 0; c < chunks; ++c) {
            ctx.finiteSeen += finitePart[std::size_t(c)];
            hullLo = std::min(hullLo, loPart[std::size_t(c)]);
            hullHi = std::max(hullHi, hiPart[std::size_t(c)]);
        }
        res.calibration = CalibrationResult{};
        res.calibration.method = CalibrationMethod::MinMax;
        res.calibration.clipMin = hullLo;
        res.calibration.clipMax = hullHi;
        res.calibration.message = "MX: one E8M0 scale per block from the block absmax";
    } else {
        const std::vector<GroupRange> ranges = groupMinMax(ctx.x, ctx.layout, ctx.options.cancel);
        const std::size_t groups = ranges.size();
        ctx.finiteSeen = 0;
        for (const auto& r : ranges)
            ctx.finiteSeen += r.finite;
        std::vector<int> exponent(groups);
        res.groups.resize(groups);
        res.storedScales.resize(groups);
        double hullLo = 0, hullHi = 0;
        for (std::size_t g = 0; g < groups; ++g) {
            const double amax = ranges[g].finite ? std::max(std::fabs(ranges[g].lo), std::fabs(ranges[g].hi)) : 0.0;
            blockAmax[g] = float(amax);
            // An all-zero block gets the smallest scale; its elements are 0 either way.
            const int e = mxExponent(float(amax), rule, emaxElem, mbits, maxElemF);
            exponent[g] = e;
            const double X = pow2(e);
            res.groups[g] = {X, 0.0, -X * elemMax, X * elemMax, ctx.layout.groupSize(std::int64_t(g))};
            res.storedScales[g] = float(X);
            hullLo = std::min(hullLo, -X * elemMax);
            hullHi = std::max(hullHi, X * elemMax);
        }
        res.calibration = CalibrationResult{};
        res.calibration.method = CalibrationMethod::MinMax;
        res.calibration.clipMin = hullLo;
        res.calibration.clipMax = hullHi;
        res.calibration.message = "MX: one E8M0 scale per block from the block absmax";
        if (isInt) {
            // MXINT8 with X = 2^127: the code -128 stands for -2 X = -2^128, past
            // the float32 range; the kernel returns -FLT_MAX there (quant/floatrange.h).
            const auto top = std::count(exponent.begin(), exponent.end(), 127);
            if (top > 0)
                res.messages.push_back(std::to_string(top) +
                                       " block(s) with the scale 2^127, whose grid reaches past the float32 range: "
                                       "dequantized values there are clamped to the largest finite float32");
        }
        if (ctx.cancelled())
            return;

        const AffineGrid intGrid{8, true, -128, 127};
        {
            forEachPiece(
                ctx.layout,
                [&](const Run& piece) {
                    const int e = exponent[std::size_t(piece.group)];
                    const float X = float(std::ldexp(1.0, e));
                    const float invX = float(std::ldexp(1.0, -e)); // exact powers of two: x / X is exact
                    std::int32_t* codes = ctx.codes ? ctx.codes + piece.offset : nullptr;
                    if (isInt) {
                        const float s = X * 0x1p-6f, inv = invX * 64.0f, z = 0.0f;
                        affineFakeQuant(ctx.x + piece.offset, ctx.xhat + piece.offset, codes, piece.length,
                                        {&s, &inv, &z}, 0, intGrid, cfg.rounding, std::uint64_t(piece.offset));
                    } else {
                        caster->cast(ctx.x + piece.offset, ctx.xhat + piece.offset, codes, piece.length, invX, X,
                                     std::uint64_t(piece.offset));
                    }
                },
                ctx.options.cancel);
        }
    }

    const int elemBits = isInt ? 8 : caster->format().totalBits();
    res.codeMin = isInt ? -128 : 0;
    res.codeMax = isInt ? 127 : (1 << elemBits) - 1;
    ctx.storage.codeBits = elemBits;
    ctx.storage.scaleFormat = ScaleFormat::E8M0;
    ctx.storage.scaleBits = 8;

    // What every rule would clip on these blocks: |x| beyond X_rule times the largest element.
    if (ctx.options.metrics && ctx.finiteSeen > 0) {
        constexpr MxScaleRule kRules[] = {MxScaleRule::Floor, MxScaleRule::Ceil, MxScaleRule::Even, MxScaleRule::RCeil};
        std::atomic<std::int64_t> clipped[4] = {0, 0, 0, 0};
        forEachPiece(
            ctx.layout,
            [&](const Run& piece) {
                const float amax = blockAmax[std::size_t(piece.group)];
                for (int k = 0; k < 4; ++k) {
                    const float t = float(std::ldexp(elemMax, mxExponent(amax, kRules[k], emaxElem, mbits, maxElemF)));
                    const float* v = ctx.x + piece.offset;
                    std::int64_t c = 0;
                    for (std::int64_t j = 0; j < piece.length; ++j)
                        c += std::fabs(v[j]) <= FLT_MAX && std::fabs(v[j]) > t ? 1 : 0;
                    clipped[k] += c;
                }
            },
            ctx.options.cancel);
        for (int k = 0; k < 4; ++k)
            res.mxClipping.push_back({kRules[k], double(clipped[k].load()) / double(ctx.finiteSeen)});
    }
}

int mxRceilExponent(float descale)
{
    if (!(descale > 0))
        return -127; // log2(0) = -inf, clamped (a NaN amax never gets here: blocks take finite values)
    // torch.log2 in float32 is log2 correctly rounded to float32 on every
    // positive finite float (tests/quant/tst_mxrceil.cpp checks all 2^31 of
    // them against torch 1.13's own results); the double log2 rounded once more
    // to float32 gives exactly that. Just above a power of two 2^k the float32
    // logarithm is k itself (for |k| >= 4), so the exponent is k, not k + 1.
    const float l = float(std::log2(double(descale)));
    return std::clamp(int(std::ceil(l)), -127, 127);
}

int mxScaleCode(double scale)
{
    // E8M0: the biased exponent of a power of two.
    return floorLog2(scale) + 127;
}

} // namespace qs
