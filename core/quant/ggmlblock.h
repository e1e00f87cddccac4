#pragma once
// One ggml block taken apart: its fp16 super-block scale(s), the stored sub-block
// scales and mins with what they multiply to, the code of every value and its
// reconstruction — everything the Bit Lab's block view shows (the "there is no
// paper for k-quants" question, llama.cpp #1684), computed here once.
#include "quant/ggmltypes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs::ggml {

struct SubBlock
{
    int first = 0;      // index of its first value in the block
    int length = 0;     // 16 or 32 (the whole block for the types of 32)
    int scaleCode = -1; // the stored sub-scale as stored (Q3_K 0..63 with offset 32, Q6_K int8), -1 if none
    int minCode = -1;   // the stored sub-min (Q2_K, Q4_K, Q5_K), -1 if none
    float scale = 0;    // what the codes are multiplied by, as ggml computes it: d·s_j (Q3_K d·(s_j − 32))
    float bias = 0;     // what is added when the type has a min: m (Q4_1, Q5_1), −dmin·m_j (Q2_K, Q4_K, Q5_K)
    float low = 0;      // the lowest and highest value the sub-block's grid holds
    float high = 0;
};

// A named range of the block's bytes (the byte map).
struct BlockField
{
    std::string name;
    int offset = 0;
    int bytes = 0;
    std::string meaning;
};

struct BlockDescription
{
    std::uint32_t type = 0;
    std::int64_t index = 0; // block index in the row
    int blockSize = 0;
    float d = 0; // the fp16 scale (K-quants: of the sub-scales); Q8_K: the float32 scale
    std::uint16_t dBits = 0;
    bool hasMin = false;
    float dmin = 0; // Q4_1/Q5_1: the fp16 offset m; Q2_K/Q4_K/Q5_K: the fp16 scale of the sub-mins
    std::uint16_t dminBits = 0;
    int scaleBits = 0; // bits per stored sub-scale (and sub-min): 4, 6, 8; 0 without sub-blocks
    int codeBits = 0;
    int codeOffset = 0;      // x̂ = scale·(q − codeOffset) (+ bias if hasMin); IQ4_NL: x̂ = scale·levels[q]
    std::vector<int> levels; // IQ4_NL's 16 levels
    std::vector<SubBlock> subBlocks;
    std::vector<std::int32_t> codes;
    std::vector<float> values; // the reconstruction, exactly what dequantizeRow gives
    std::vector<std::uint8_t> bytes;
    std::vector<BlockField> fields;
    std::string formula; // "x̂ = (d·s_j)·q − dmin·m_j"
    double bitsPerValue = 0;
};

// Block blockIndex of a row of ggml bytes (rowByteCount bytes, a whole number of
// blocks). Throws ArgumentError for a type without a block layout here or an index
// outside the row. Types: Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 IQ4_NL Q2_K Q3_K Q4_K Q5_K Q6_K.
BlockDescription describeBlock(std::uint32_t type, const std::uint8_t* rowBytes, std::int64_t rowByteCount,
                               std::int64_t blockIndex);

// The range a block's grid covers: the hull of its sub-blocks' [low, high].
// Same types as describeBlock (no allocation: the quantizer pipeline calls it per block).
void gridRange(std::uint32_t type, const std::uint8_t* block, float& lo, float& hi);

// Quantscope's one departure from ggml's bytes, for the quantizer pipeline only: a
// block's fp16 scale or offset (d, dmin, m) that is Inf or NaN (|x| beyond the fp16
// range) becomes ±65504, so that finite inputs decode to finite values; ggml stores
// Inf and decodes Inf/NaN. The codes are unchanged. Returns whether a field changed.
bool saturateScales(std::uint32_t type, std::uint8_t* block);

// What the quantizer is given for one block of a tensor: non-finite values (and
// outliers masked as NaN) become 0, except in Q4_1/Q5_1 (min/max formats), where
// they become the block's first finite value so that min and max stay those of
// the finite values (0 when there is none). Returns how many values were finite.
int fillForQuantizer(std::uint32_t type, const float* x, int n, float* out);

// One block of real values quantized with the reference quantizer and described,
// with the inputs and the errors x̂ − x (non-finite inputs pass through: error 0).
struct QuantizedBlock
{
    BlockDescription block;
    std::vector<float> original;
    std::vector<float> error;
};
QuantizedBlock quantizeBlock(std::uint32_t type, const float* x, std::int64_t blockIndex = 0);

// For an overview of a row: the relative error of each of its first `blocks` whole
// blocks, sqrt(Σ(x̂ − x)² / Σx²) over the block's finite values (0 for an all-zero block).
std::vector<double> blockErrors(std::uint32_t type, const float* x, std::int64_t blocks);

// The rows that ggml quantizes a tensor of this shape in: those of the 2-D weight
// view [dim 0, product of the others] (a conv weight [32, 64, 3, 3] has 32 rows of
// 576; a 1-D tensor is one row), the blocks' rows of quant/grouping.h. The one
// place that decides it, for the quantizer pipeline and the Bit Lab alike.
struct RowView
{
    std::int64_t rows = 0;
    std::int64_t length = 0;
};
RowView rowView(const std::vector<std::int64_t>& shape);

} // namespace qs::ggml
