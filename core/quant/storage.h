#pragma once
// What a quantized tensor stores, in bits: the one account every quantizer
// reports through, so that bits/value is what an exported file holds (the
// safetensors checkpoint of quant/checkpoint.h has exactly these payloads).
//
//   codes        codeBits for every stored value (padding included)
//   scales       scaleBits for every group, partial blocks included
//   zero points  zeroPointBits for every group that stores one
//   outliers     values kept in full precision: an fp32 value and its flat
//                index (int32, int64 past 2^31 values) each; whole outlier
//                columns: the column's fp32 values and an int32 column index.
//                NaN/Inf inputs pass through the same way and count alike.
//   padding      codeBits for every padding value of a padded block
//   tables       what a tensor stores once: a codebook's or k-means' fp32
//                levels, double quantization's second-level scales and offset
//
// bits/value = the sum over all of it / the number of values.
#include "quant/quantconfig.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

class GroupLayout;

// What a quantizer stores per value and per group; runQuantization counts it
// over the groups of the layout (accountStorage).
struct StorageSpec
{
    int codeBits = 0;
    ScaleFormat scaleFormat = ScaleFormat::Fp32; // of the per-group scale (no scale: scaleBits 0)
    int scaleBits = 0;
    int zeroPointBits = 0;       // per group; 0: nothing stored (symmetric grids, codebooks)
    bool zeroPointSigned = true; // integer zero points: two's complement (else unsigned)
    bool zeroPointFloat = false; // the "zero point" is a float offset (Q4_1's fp16 m), not an integer
    bool padded = false;         // llama.cpp with --pad-blocks: every block stores blockSize codes
    bool doubleQuant = false;    // the scales are 8-bit codes of bitsandbytes' dynamic map (scaleBits 8)
    double tableBits = 0;        // per tensor
    std::string tableWhat;       // what the table bits are ("16 fp32 k-means levels")
};

struct StorageAccount
{
    int codeBits = 0;
    std::string scaleFormat; // "fp32", "fp16", "bf16", "e8m0", "u8" (double quantization) or "none"
    int scaleBits = 0;
    int zeroPointBits = 0;
    bool zeroPointSigned = true;
    bool zeroPointFloat = false;
    std::int64_t groups = 0;
    std::int64_t partialBlocks = 0; // blocks shorter than the block size
    std::int64_t paddingValues = 0; // padding codes stored (llama.cpp --pad-blocks)
    std::int64_t outlierValues = 0; // values stored in full precision with their index
    std::int64_t outlierColumns = 0;
    double codes = 0, scales = 0, zeroPoints = 0, outliers = 0, padding = 0, tables = 0; // bits
    std::string tableWhat;

    double totalBits() const { return codes + scales + zeroPoints + outliers + padding + tables; }
};

// Bits of a flat index into n values as stored by the checkpoint: int32, or int64 past 2^31 - 1.
int outlierIndexBits(std::int64_t n);

// Counts the spec over the layout's groups. outlierValues: values passed through
// with their index; outlierColumns/rows: whole columns kept. Appends to warnings
// what a reader of bits/value must know (partial or padded blocks).
StorageAccount accountStorage(const StorageSpec& spec, const GroupLayout& layout, std::int64_t n,
                              std::int64_t outlierValues, std::int64_t outlierColumns, std::int64_t rows,
                              std::vector<std::string>& warnings);

// Bits per value of an account over n values (the code width when n is 0).
double bitsPerValue(const StorageAccount& account, std::int64_t n);

// The width integer zero points in [lo, hi] are stored at: the grid's own `bits`
// (signed as the grid) when they lie in its code range [qmin, qmax], else the
// narrowest two's-complement width that holds them (widened is then set).
int zeroPointWidth(double lo, double hi, int bits, int qmin, int qmax, bool& isSigned, bool& widened);

// The width of a stored scale of this format (Auto: fp32).
int scaleFormatBits(ScaleFormat format);

// A scale rounded to its storage format before use: fp32 and Auto keep the
// float32 value, fp16 and bf16 round to nearest even, E8M0 rounds up to the
// next power of two (so a group's absmax still fits its grid). A value beyond
// the format's range becomes its largest (or smallest positive) value and
// `clamped` is set. v must be positive and finite.
float roundScale(float v, ScaleFormat format, bool& clamped);

} // namespace qs
