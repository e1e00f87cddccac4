// The llama.cpp / ggml block formats in the quantizer pipeline: every block goes
// through llama.cpp's reference quantizer and dequantizer (ggmltypes.h, bit for
// bit with llama.cpp), and the pipeline reads the codes and the group parameters
// back from the bytes. docs/quantization.md gives the formulas.
//
// Rows: ggml quantizes a tensor row by row (ggml::rowView decides what a row is:
// the rows of the 2-D weight view [dim 0, product of the others]) and refuses a
// row that is not a whole number of blocks, as llama.cpp does, unless padding is
// asked for (--pad-blocks): each such row is then padded with zeros to whole
// blocks, and the padding counts in bits/value (quant/storage.h).
//
// Non-finite values and outliers are not quantized (they pass through, code 0);
// the quantizer sees them as 0, or in Q4_1/Q5_1 as the block's first finite value
// (ggml::fillForQuantizer), so that the amax, min and max of the blocks of 32 are
// those of their finite values. In the K-quants' scale search such a value counts as 0.
#include "quant/ggmlquant.h"

#include "formats/error.h"
#include "quant/ggmlblock.h"
#include "quant/ggmltypes.h"
#include "quant/parallel.h"
#include "quant/quantizers.h"
#include "quant/simd.h"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <limits>

namespace qs {

namespace {

struct KindType
{
    QuantizerKind kind;
    std::uint32_t type;
    const char* spec;
};

constexpr KindType kKinds[] = {
    {QuantizerKind::Q8_0, ggml::Q8_0, "q8_0"}, {QuantizerKind::Q4_0, ggml::Q4_0, "q4_0"},
    {QuantizerKind::Q4_1, ggml::Q4_1, "q4_1"}, {QuantizerKind::Q5_0, ggml::Q5_0, "q5_0"},
    {QuantizerKind::Q5_1, ggml::Q5_1, "q5_1"}, {QuantizerKind::IQ4_NL, ggml::IQ4_NL, "iq4_nl"},
    {QuantizerKind::Q2_K, ggml::Q2_K, "q2_K"}, {QuantizerKind::Q3_K, ggml::Q3_K, "q3_K"},
    {QuantizerKind::Q4_K, ggml::Q4_K, "q4_K"}, {QuantizerKind::Q5_K, ggml::Q5_K, "q5_K"},
    {QuantizerKind::Q6_K, ggml::Q6_K, "q6_K"},
};

const KindType* find(QuantizerKind kind)
{
    for (const KindType& k : kKinds)
        if (k.kind == kind)
            return &k;
    return nullptr;
}

QS_ALWAYS_INLINE bool isFinite(float v)
{
    return std::fabs(v) <= FLT_MAX;
}

// amax, min and max of a block's (finite) values, with eight independent
// accumulators so that the loop vectorises (min/max do not depend on the order).
void blockStats(const float* v, int n, float& amax, float& lo, float& hi)
{
    float a[8], l[8], h[8];
    for (int k = 0; k < 8; ++k) {
        a[k] = 0.0f;
        l[k] = h[k] = v[0];
    }
    for (int j = 0; j + 8 <= n; j += 8)
        for (int k = 0; k < 8; ++k) {
            const float x = v[j + k];
            a[k] = std::fabs(x) > a[k] ? std::fabs(x) : a[k];
            l[k] = x < l[k] ? x : l[k];
            h[k] = x > h[k] ? x : h[k];
        }
    amax = a[0];
    lo = l[0];
    hi = h[0];
    for (int k = 1; k < 8; ++k) {
        amax = std::max(amax, a[k]);
        lo = std::min(lo, l[k]);
        hi = std::max(hi, h[k]);
    }
}

// x̂ (and the codes) of one block: the decoded value, or the input itself where it is not finite.
template <simd::Isa>
QS_ALWAYS_INLINE void writeBackBody(const float* QS_RESTRICT x, const float* QS_RESTRICT decoded,
                                    const std::int32_t* code, float* QS_RESTRICT xhat, std::int32_t* QS_RESTRICT codes,
                                    int n)
{
    for (int j = 0; j < n; ++j)
        xhat[j] = isFinite(x[j]) ? decoded[j] : x[j];
    if (codes)
        for (int j = 0; j < n; ++j)
            codes[j] = isFinite(x[j]) ? code[j] : 0;
}
QS_SIMD_TABLE(writeBack, writeBackBody, void,
              (const float* x, const float* decoded, const std::int32_t* code, float* xhat, std::int32_t* codes, int n),
              (x, decoded, code, xhat, codes, n));

// The bits of one element's code in each format (the rest of a block is its scales).
int elementBits(std::uint32_t type)
{
    switch (type) {
    case ggml::Q8_0: return 8;
    case ggml::Q5_0:
    case ggml::Q5_1:
    case ggml::Q5_K: return 5;
    case ggml::Q2_K: return 2;
    case ggml::Q3_K: return 3;
    case ggml::Q6_K: return 6;
    default: return 4; // Q4_0 Q4_1 IQ4_NL Q4_K
    }
}

} // namespace

bool isGgmlKind(QuantizerKind kind)
{
    return find(kind) != nullptr;
}

std::uint32_t ggmlTypeOf(QuantizerKind kind)
{
    if (const KindType* k = find(kind))
        return k->type;
    throw ArgumentError("quantizer " + toString(kind) + " is not a llama.cpp format");
}

std::optional<QuantizerKind> ggmlKindOf(std::string_view spec)
{
    const ggml::TypeInfo* t = ggml::typeByName(spec);
    if (!t)
        return std::nullopt;
    for (const KindType& k : kKinds)
        if (k.type == t->id)
            return k.kind;
    return std::nullopt;
}

const char* ggmlSpec(QuantizerKind kind)
{
    const KindType* k = find(kind);
    return k ? k->spec : "";
}

void runGgml(QuantContext& ctx)
{
    const QuantConfig& cfg = ctx.config;
    QuantResult& res = ctx.result;
    const std::uint32_t type = ggmlTypeOf(cfg.kind);
    const ggml::TypeInfo& info = *ggml::typeInfo(type);
    const int B = info.blockSize;
    const bool kQuant = B == ggml::kSuperBlock;

    // Rows of length L: the one place the row direction is decided (ggml::rowView).
    const ggml::RowView rows = ggml::rowView(res.shape);
    const std::int64_t L = rows.length;
    if (L % B != 0 && !cfg.padBlocks)
        throw ArgumentError("a row of " + std::to_string(L) + " values is not a whole number of " + info.name +
                            " blocks of " + std::to_string(B) +
                            " (llama.cpp refuses such a tensor; --pad-blocks pads every row and counts the padding)");
    if (cfg.rounding.mode != RoundingMode::NearestEven)
        res.messages.push_back("llama.cpp formats round as ggml does (" + ggmlRoundingText(cfg.kind) +
                               "); --rounding is not used");
    if (cfg.calibration.method != CalibrationMethod::MinMax)
        res.messages.push_back(kQuant ? "llama.cpp K-quants search their own scales; calibration is not used"
                                      : "llama.cpp scales follow the block statistics; calibration is not used");

    const std::int64_t perRow = L > 0 ? (L + B - 1) / B : 0;
    const std::int64_t groups = rows.rows * perRow;
    res.groups.assign(std::size_t(groups), GroupParams{});
    // What a checkpoint stores of the legacy blocks (quant/checkpoint.h): d, and Q4_1's m.
    const bool legacy = type == ggml::Q8_0 || type == ggml::Q4_0 || type == ggml::Q4_1;
    if (legacy)
        res.storedScales.assign(std::size_t(groups), 0.0f);
    if (type == ggml::Q4_1)
        res.storedOffsets.assign(std::size_t(groups), 0.0f);
    // About 8192 values per work item: one row-call of the reference quantizer per item.
    const std::int64_t chunkBlocks = std::max<std::int64_t>(1, 8192 / B);
    const std::int64_t chunks = chunkCount(groups, chunkBlocks);
    std::vector<std::int64_t> finitePart(std::size_t(chunks), 0), overflowPart(std::size_t(chunks), 0);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    parallelChunks(
        groups, chunkBlocks,
        [&](std::int64_t c, std::int64_t g0, std::int64_t g1) {
            const std::int64_t k = g1 - g0;
            std::vector<float> in(std::size_t(k * B)), out(std::size_t(k * B));
            std::vector<std::uint8_t> bytes(std::size_t(k * info.bytesPerBlock));
            std::vector<std::int32_t> codes(ctx.codes ? std::size_t(k * B) : 0);
            std::int64_t finite = 0, overflow = 0;
            auto blockSpan = [&](std::int64_t g, std::int64_t& offset, int& length) {
                const std::int64_t r = g / perRow, b = g % perRow;
                offset = r * L + b * B;
                length = int(std::min<std::int64_t>(B, L - b * B));
            };
            for (std::int64_t g = g0; g < g1; ++g) {
                std::int64_t offset;
                int m;
                blockSpan(g, offset, m);
                float* v = in.data() + (g - g0) * B;
                std::copy(ctx.x + offset, ctx.x + offset + m, v);
                std::fill(v + m, v + B, nan); // the padding of a short last block: filled like a NaN ...
                finite += ggml::fillForQuantizer(type, v, B, v);
                std::fill(v + m, v + B, 0.0f); // ... then zeros, the padding a padded row stores (--pad-blocks)
            }
            ggml::quantizeRowRef(type, in.data(), k * B, bytes.data());
            // A scale or offset beyond the fp16 range: ggml stores Inf and decodes Inf/NaN;
            // here it is saturated to ±65504 so that finite inputs stay finite (codes unchanged).
            std::vector<char> saturated(std::size_t(k), 0);
            for (std::int64_t g = 0; g < k; ++g)
                saturated[std::size_t(g)] = ggml::saturateScales(type, bytes.data() + g * info.bytesPerBlock) ? 1 : 0;
            ggml::dequantizeRow(type, bytes.data(), k * B, out.data());
            if (ctx.codes)
                ggml::unpackCodes(type, bytes.data(), k * B, codes.data());
            for (std::int64_t g = g0; g < g1; ++g) {
                std::int64_t offset;
                int m;
                blockSpan(g, offset, m);
                const std::int64_t base = (g - g0) * B;
                writeBack()(ctx.x + offset, out.data() + base, ctx.codes ? codes.data() + base : nullptr,
                            ctx.xhat + offset, ctx.codes ? ctx.codes + offset : nullptr, m);
                // The block's parameters, read back from its bytes.
                const std::uint8_t* y = bytes.data() + (g - g0) * info.bytesPerBlock;
                const float* v = in.data() + base; // finite values and their stand-ins only
                GroupParams& gp = res.groups[std::size_t(g)];
                gp.count = m;
                float amax = 0, lo = 0, hi = 0;
                if (B == 32)
                    blockStats(v, B, amax, lo, hi);
                const bool sat = saturated[std::size_t(g - g0)] != 0;
                overflow += sat ? 1 : 0;
                // The clip range: the block's data range, or the saturated grid's range (the block is clipped).
                if (type == ggml::Q8_0 || type == ggml::Q4_0 || type == ggml::Q5_0) {
                    const float dh = ggml::fp16ToFp32(std::uint16_t(y[0] | (y[1] << 8)));
                    const double reach = type == ggml::Q8_0 ? 127.0 : (type == ggml::Q4_0 ? 8.0 : 16.0);
                    gp.scale = dh;
                    if (legacy)
                        res.storedScales[std::size_t(g)] = dh;
                    gp.zeroPoint = type == ggml::Q8_0 ? 0 : (type == ggml::Q4_0 ? 8 : 16);
                    gp.clipMin = sat ? -reach * std::fabs(dh) : -amax;
                    gp.clipMax = sat ? reach * std::fabs(dh) : amax;
                } else if (type == ggml::Q4_1 || type == ggml::Q5_1) {
                    const float dh = ggml::fp16ToFp32(std::uint16_t(y[0] | (y[1] << 8)));
                    const float mh = ggml::fp16ToFp32(std::uint16_t(y[2] | (y[3] << 8)));
                    const double top = type == ggml::Q4_1 ? 15.0 : 31.0;
                    gp.scale = dh;
                    if (type == ggml::Q4_1) {
                        res.storedScales[std::size_t(g)] = dh;
                        res.storedOffsets[std::size_t(g)] = mh;
                    }
                    gp.zeroPoint = dh != 0 ? -double(mh) / double(dh) : 0.0; // x̂ = d (q - zp) = q d + m
                    gp.clipMin = sat ? double(mh) : double(lo);
                    gp.clipMax = sat ? double(mh) + top * double(dh) : double(hi);
                } else {
                    // IQ4_NL and the K-quants: d, and the range the block's grid covers.
                    float glo, ghi;
                    ggml::gridRange(type, y, glo, ghi);
                    const int dAt =
                        type == ggml::Q2_K ? 80 : (type == ggml::Q3_K ? 108 : (type == ggml::Q6_K ? 208 : 0));
                    const float d = ggml::fp16ToFp32(std::uint16_t(y[dAt] | (y[dAt + 1] << 8)));
                    gp.scale = d;
                    gp.zeroPoint = 0;
                    gp.clipMin = glo;
                    gp.clipMax = ghi;
                }
            }
            finitePart[std::size_t(c)] = finite;
            overflowPart[std::size_t(c)] = overflow;
        },
        ctx.options.cancel);
    std::int64_t overflowBlocks = 0;
    ctx.finiteSeen = 0;
    for (std::int64_t c = 0; c < chunks; ++c) {
        ctx.finiteSeen += finitePart[std::size_t(c)];
        overflowBlocks += overflowPart[std::size_t(c)];
    }
    if (overflowBlocks > 0)
        res.messages.push_back(std::to_string(overflowBlocks) +
                               " block(s) whose fp16 scale or offset overflowed (|x| beyond the fp16 range): saturated "
                               "to 65504, so those blocks are clipped (ggml would store Inf and give Inf/NaN)");
    if (kQuant && ctx.finiteSeen < res.n)
        res.messages.push_back("NaN/Inf values and outliers count as 0 in the K-quant scale search");

    double lo = 0, hi = 0;
    for (const auto& g : res.groups) {
        lo = std::min(lo, g.clipMin);
        hi = std::max(hi, g.clipMax);
    }
    res.calibration = CalibrationResult{};
    res.calibration.method = CalibrationMethod::MinMax;
    res.calibration.clipMin = lo;
    res.calibration.clipMax = hi;
    res.calibration.message = kQuant ? "llama.cpp K-quant: per super-block of 256, fp16 d (and dmin) with "
                                       "quantized sub-block scales found by ggml's search"
                                     : "llama.cpp: scales from each block's statistics";
    const auto [codeLo, codeHi] = ggml::codeRange(type);
    res.codeMin = codeLo;
    res.codeMax = codeHi;
    if (type == ggml::IQ4_NL)
        res.levels.assign(ggml::iq4nlLevels(), ggml::iq4nlLevels() + 16);
    // Everything stored: the block's bytes (Q4_K: 144 bytes per 256 = 4.5 bits/value), as
    // codes of the element width plus the rest of the block under "scales" (d, and for the
    // K-quants dmin and the packed sub-block scales and mins); Q4_1/Q5_1's m is a float
    // offset. Padded blocks count whole.
    ctx.storage.codeBits = elementBits(type);
    ctx.storage.scaleFormat = ScaleFormat::Fp16;
    const bool offset = type == ggml::Q4_1 || type == ggml::Q5_1;
    ctx.storage.zeroPointBits = offset ? 16 : 0;
    ctx.storage.zeroPointFloat = offset;
    ctx.storage.scaleBits = info.bytesPerBlock * 8 - B * ctx.storage.codeBits - ctx.storage.zeroPointBits;
    ctx.storage.padded = cfg.padBlocks;
}

std::string ggmlRoundingText(QuantizerKind kind)
{
    // Q8_0: roundf(x·id); Q4_0/Q4_1/Q5_0/Q5_1: (int)(x·id + 8.5) and the like, truncations
    // of non-negative values, which round half up; IQ4_NL picks the nearest of its
    // levels; the K-quants round with nearest_int (half to even) inside ggml's scale search.
    switch (kind) {
    case QuantizerKind::Q8_0: return "round half away from zero";
    case QuantizerKind::Q4_0:
    case QuantizerKind::Q4_1:
    case QuantizerKind::Q5_0:
    case QuantizerKind::Q5_1: return "round half up";
    case QuantizerKind::IQ4_NL: return "nearest level";
    default: return "round half to even in ggml's scale search";
    }
}

} // namespace qs
