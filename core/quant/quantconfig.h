#pragma once
// QuantConfig: everything that decides how a tensor is quantized, as plain
// data. The CLI builds it from options, the GUI edits it through its session,
// and saved sessions store it as JSON (toJson/fromJson). runQuantization()
// (core/quant/pipeline.h) is the one function that turns a tensor and a
// config into a QuantResult. docs/quantization.md describes the schema and the
// formulas behind every field.
#include "calib/calibration.h"
#include "formats/rounding.h"
#include "options/optiondef.h"

#include <QJsonObject>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

enum class QuantizerKind {
    Uniform,  // affine integer grid: intN / uintN
    Float,    // cast to a FloatFormat, optionally with a group scale
    Mx,       // OCP MX v1.0 block format: E8M0 scale per block of 32
    Codebook, // user levels, scaled per group (absmax -> the largest |level|)
    Nf4,      // bitsandbytes NF4 levels, block 64, absmax scale
    Log2,     // 0 and +-2^-k levels (power-of-two quantization)
    KMeans,   // Lloyd-Max levels fitted to the data, k = 2^bits
    Q8_0,     // llama.cpp / ggml block formats (32 values, fp16 scale)
    Q4_0,
    Q4_1,
    Q5_0, // more llama.cpp formats (quant/ggmlquant.h): blocks of 32 ...
    Q5_1,
    IQ4_NL,
    Q2_K, // ... and the K-quants, super-blocks of 256
    Q3_K,
    Q4_K,
    Q5_K,
    Q6_K
};

enum class QuantScheme { Symmetric, Asymmetric };
enum class QuantRange { Full, Narrow }; // Narrow drops the most negative code of a signed grid: [-127, 127]
// Whose arithmetic to follow, to the bit: the course's formulas, torch.ao.quantization,
// NVIDIA's pytorch-quantization / TransformerEngine, or bitsandbytes (NF4 only).
enum class QuantConvention { Textbook, PyTorch, Nvidia, Bitsandbytes };
// How per-group scales are stored: rounded to this format before use and counted at its
// width. Auto: the quantizer's own (fp32; E8M0 for MX; fp16 for llama.cpp formats).
enum class ScaleFormat { Auto, Fp32, Fp16, Bf16, E8M0 };
// The E8M0 exponent of an MX block (OCP's floor rule, or one of torchao's others).
enum class MxScaleRule { Floor, Ceil, Even, RCeil };
enum class OutlierMode { Off, Elements, Columns };

struct Granularity
{
    enum class Kind { Tensor, Channel, Block };
    // Where blocks run (quant/grouping.h): along the rows of the tensor's 2-D weight
    // view [dim 0, product of the others] (what llama.cpp, bitsandbytes' Linear4bit and
    // torchao do with a weight), along one chosen axis, or over the flattened tensor
    // (blocks cross rows, as bitsandbytes' blockwise kernels do).
    enum class BlockAxis { Rows, Axis, Flat };
    Kind kind = Kind::Tensor;
    int axis = 0; // Channel: the channel axis; Block + Axis: the block axis (negative counts from the end)
    std::int64_t blockSize = 0; // Block: elements per block
    BlockAxis blockAxis = BlockAxis::Rows;

    // "tensor", "channel", "channel:AXIS", "block:SIZE", "block:SIZE@AXIS",
    // "block:SIZE@flat" (and "block:SIZE@rows", the default). Throws ArgumentError.
    static Granularity parse(std::string_view text);
    std::string toString() const;
    friend bool operator==(const Granularity&, const Granularity&) = default;
};

struct QuantConfig
{
    // What quantizer (set together by setQuantizer(spec)).
    QuantizerKind kind = QuantizerKind::Uniform;
    int bits = 8;                 // Uniform 1..16, Log2 2..8, KMeans 1..8
    bool isSigned = true;         // Uniform: intN (true) or uintN (false)
    std::string format;           // Float: a parseFloatFormat spec; Mx: the element format ("fp4-e2m1", "int8")
    std::vector<double> codebook; // Codebook: the levels (sorted, distinct)

    // Options of the uniform grid.
    QuantScheme scheme = QuantScheme::Symmetric;
    QuantRange range = QuantRange::Full;
    QuantConvention convention = QuantConvention::Textbook;

    Granularity granularity;
    Rounding rounding;
    CalibrationSpec calibration;
    bool formatScaled = false; // Float: scale each group so its absmax maps to the format's max finite value

    OutlierMode outliers = OutlierMode::Off;
    double outlierThreshold = 6.0; // |x| >= threshold stays in full precision (LLM.int8())

    ScaleFormat scaleFormat = ScaleFormat::Auto;
    // llama.cpp formats: a row that is not a whole number of blocks is refused (as
    // llama.cpp does) unless padding is asked for; padded blocks count in bits/value.
    bool padBlocks = false;
    // NF4: bitsandbytes' double quantization of the block absmax values (8-bit
    // dynamic-map codes in blocks of 256 with an fp32 absmax each, around their mean).
    bool doubleQuant = false;
    MxScaleRule mxScaleRule = MxScaleRule::Floor;

    int kmeansIterations = 50; // KMeans: upper bound on Lloyd iterations
    int histogramBins = 256;   // histograms of original, dequantized and error (1..65536)

    // The quantizer spec of the CLI's --quantizer: int8 uint8 intN uintN, any
    // float format spec (fp8-e4m3, e3m4, bf16 ...), mxfp4 mxfp6-e3m2 mxfp6-e2m3
    // mxfp8-e4m3 mxfp8-e5m2 mxint8, nf4, q8_0 q4_0 q4_1 q5_0 q5_1 iq4_nl q2_K q3_K q4_K
    // q5_K q6_K (any case), log2:BITS, kmeans:BITS,
    // codebook:v1,v2,... Sets kind/bits/isSigned/format/codebook and the
    // defaults that go with the kind (NF4: block 64, MX/ggml: block 32, K-quants: 256).
    // Throws ArgumentError (or FormatError for a bad float spec).
    void setQuantizer(std::string_view spec);
    std::string quantizerSpec() const; // canonical spec, parseable by setQuantizer

    // Consistency of the fields (bit ranges, axis/block values, scheme vs
    // convention...). Throws ArgumentError with a one-line reason.
    void validate() const;

    QJsonObject toJson() const;
    // Missing keys keep their defaults; wrong types or values throw ArgumentError.
    static QuantConfig fromJson(const QJsonObject& object);

    std::string summary() const; // one line for status bars and text output

    // Field by field (two configs that quantize alike but differ in an unused
    // field, e.g. the percentile of a min-max calibration, are not equal).
    friend bool operator==(const QuantConfig&, const QuantConfig&) = default;
};

std::string toString(QuantizerKind kind);
std::string toString(QuantScheme scheme);
std::string toString(QuantRange range);
std::string toString(QuantConvention convention);
std::string toString(OutlierMode mode);
std::string toString(ScaleFormat format);
std::string toString(MxScaleRule rule);
ScaleFormat parseScaleFormat(std::string_view text);
MxScaleRule parseMxScaleRule(std::string_view text);
QuantScheme parseScheme(std::string_view text);
QuantRange parseRange(std::string_view text);
QuantConvention parseConvention(std::string_view text);
OutlierMode parseOutlierMode(std::string_view text);

// Every value of the enums above, with a label and one line of meaning; `id`
// is the enum value. The options table (quant/quantoptions.h), the parse
// functions above and the GUI's combo boxes all read these lists.
const std::vector<OptionChoice>& schemeChoices();
const std::vector<OptionChoice>& rangeChoices();
const std::vector<OptionChoice>& conventionChoices();
const std::vector<OptionChoice>& scaleFormatChoices();
const std::vector<OptionChoice>& mxScaleRuleChoices();
const std::vector<OptionChoice>& outlierModeChoices();

// Typical quantizer specs with one line each, for help, the man page, shell
// completion and GUI lists: every named quantizer (MX, NF4, ggml ...), the
// preset float formats and the parametrised families (intN, log2:BITS ...).
std::vector<OptionChoice> quantizerChoices();

// bitsandbytes' NF4 levels (docs/course.md "Toolkit conventions"), ascending.
const std::vector<double>& nf4Levels();

} // namespace qs
