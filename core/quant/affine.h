#pragma once
// The uniform affine quantizer: q = clamp(round(x / S) + Z, qmin, qmax),
// x̂ = S (q - Z), with S and Z chosen from a clip range [α, β] by one of three
// conventions (docs/course.md "Uniform quantization" and "Toolkit conventions"):
//
//   textbook  symmetric  S = max(|α|, |β|) / qmax,                 Z = 0
//             asymmetric S = (β - α) / (qmax - qmin),              Z = qmin + round(-α / S)
//             (unsigned: the course's Z = round(-α/S) on [0, 2^b-1];
//              signed: the course's variant that maps α to -128, with Z negated
//              so that the same q = round(x/S) + Z holds)
//   pytorch   torch.ao.quantization observers: min_neg = min(α, 0), max_pos = max(β, 0)
//             symmetric  S = max(-min_neg, max_pos) / ((qmax - qmin) / 2), Z = 0 (2^(b-1) unsigned)
//             affine     S = (max_pos - min_neg) / (qmax - qmin), Z = clamp(qmin - round(min_neg / S))
//             S >= float32 eps, float32 arithmetic, round half to even for Z
//   nvidia    pytorch-quantization / Model-Optimizer: amax = max(|α|, |β|), symmetric only,
//             bound = 2^(b-1) - 1 (2^b - 1 unsigned), s = bound / amax in float32,
//             q = clamp(round(x * s)), x̂ = q / s in float32 (tensor_quant's
//             `outputs / scale`, not q times a stored step); amax <= 2^-24 gives
//             s = 0 for quantizing (every code 0) and x̂ = 0
//
// All conventions quantize with the float32 product y = x * (1/S) (the
// reciprocal stored once, as PyTorch's fake-quant kernels and NVIDIA's
// x * bound/amax do) and round y with the configured rounding mode. The
// vectorised kernel and the scalar reference below give identical bits.
#include "formats/rounding.h"
#include "quant/quantconfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

struct AffineGrid
{
    int bits = 8;
    bool isSigned = true;
    int qmin = -128;
    int qmax = 127;
};

// Throws ArgumentError for bits outside 1..16, a narrow unsigned or an empty grid.
AffineGrid affineGrid(int bits, bool isSigned, QuantRange range);

struct AffineParams
{
    float scale = 1;     // S
    float invScale = 1;  // the multiplier applied to x (1/S, computed per convention)
    float zeroPoint = 0; // Z, an integer
    double clipMin = 0;  // the range the grid was fitted to
    double clipMax = 0;
    bool degenerate = false;      // the range had zero width, or S or 1/S left float32; a unit scale was used
    bool unrepresentable = false; // of those: S or 1/S left float32 (a range of subnormals, or ~1e38 wide)
    bool doubleScale = false;     // pytorch: max_pos - min_neg overflowed float32, S was computed in double
    bool divide = false;          // nvidia: x̂ = (q - Z) / invScale instead of scale * (q - Z)
    float stored = 0;             // what a checkpoint stores: S, or amax for nvidia
    bool tinyAmax = false;        // nvidia: amax <= 2^-24, every code 0 (invScale 0)
};

// Rounds the stored scale of p to `format` (quant/storage.h roundScale) and
// derives the multiplier from it as the convention does: 1/S in float32, or for
// nvidia (which stores amax) amax rounded, then s = bound / amax. Sets clamped
// when the scale left the format's range.
void roundAffineScale(AffineParams& p, const AffineGrid& grid, QuantConvention convention, ScaleFormat format,
                      bool& clamped);

// Whether the grid's extreme point S·(q - Z) lies beyond ±FLT_MAX: the
// kernel then returns ±FLT_MAX there (quant/floatrange.h).
bool affineGridOverflows(const AffineParams& p, const AffineGrid& grid);

// What runUniform (and MX's int8 elements) report about their groups' parameters.
struct AffineNotes
{
    std::int64_t degenerate = 0, unrepresentable = 0, doubleScale = 0, gridOverflow = 0, tinyAmax = 0;
    void add(const AffineParams& p, const AffineGrid& grid, bool hasFinite);
    void merge(const AffineNotes& o);
    void report(std::vector<std::string>& messages) const;
};

// S and Z for the clip range [lo, hi] (lo <= hi; for symmetric schemes only
// max(|lo|, |hi|) matters). Throws ArgumentError for combinations a convention
// does not define (nvidia asymmetric) or a textbook zero point beyond ±2^21.
AffineParams affineParams(double lo, double hi, const AffineGrid& grid, QuantScheme scheme, QuantConvention convention,
                          const Rounding& rounding);

// The scalar reference of one element (index selects the stochastic draw).
// Non-finite x gives code 0 and x̂ = x (kNonfinitePolicy).
struct AffineValue
{
    std::int32_t code = 0;
    float dequantized = 0;
};
AffineValue affineQuantizeScalar(float x, const AffineParams& p, const AffineGrid& grid, const Rounding& rounding,
                                 std::uint64_t index);

// Parameters of a run in the layout the kernel reads: one value per group, in
// structure-of-arrays form, so a run whose group advances per element
// (groupStride 1) reads them as contiguous vectors.
struct AffineGroupArrays
{
    const float* scale = nullptr;
    const float* invScale = nullptr;
    const float* zeroPoint = nullptr;
    bool divide = false; // x̂ = (q - Z) / invScale (the nvidia convention)
};

// Fake-quantizes x[0..n) into xhat (and codes when not null). groupStride 0:
// every element uses group 0 of the arrays; 1: element j uses group j.
// indexBase is the global index of x[0] (for stochastic rounding).
// Bit-identical to affineQuantizeScalar for every element and rounding mode.
// stream: write xhat with non-temporal stores (quant/streamstore.h), for
// outputs too large to stay in cache; the values are the same either way.
void affineFakeQuant(const float* x, float* xhat, std::int32_t* codes, std::int64_t n, const AffineGroupArrays& p,
                     int groupStride, const AffineGrid& grid, const Rounding& rounding, std::uint64_t indexBase,
                     bool stream = false);

} // namespace qs
