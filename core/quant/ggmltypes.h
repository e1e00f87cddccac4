#pragma once
// llama.cpp / ggml tensor types, byte for byte as ggml stores them.
//
// The ids are ggml's `enum ggml_type` numbers (they are what a GGUF file writes
// for each tensor), the block sizes and block byte counts are ggml's, and the
// byte layout of every block is ggml's (little-endian, fp16 scales), so the
// data of a GGUF tensor decodes with dequantizeRow() and quantizeRowRef()
// writes what llama.cpp's reference quantizers (quantize_row_*_ref, the ones
// `ggml_quantize_chunk` uses without an importance matrix) write, bit for bit.
// docs/quantization.md describes the layouts and the scale searches; the tests
// compare against fixtures made by llama.cpp's own library
// (tests/data/ggml/make_ggml_fixtures.py).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qs::ggml {

// ggml_type ids (ggml.h). Ids 4, 5 and 31-33, 36-38 are retired in ggml.
inline constexpr std::uint32_t F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9, Q2_K = 10,
                               Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15, IQ2_XXS = 16, IQ2_XS = 17,
                               IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22, IQ4_XS = 23, I8 = 24,
                               I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30, TQ1_0 = 34, TQ2_0 = 35,
                               MXFP4 = 39, NVFP4 = 40, Q1_0 = 41, Q2_0 = 42;

// QK_K: the super-block of the K-quants.
inline constexpr int kSuperBlock = 256;

struct TypeInfo
{
    std::uint32_t id;
    const char* name; // ggml_type_name(): "q4_K", "iq4_nl", "bf16" ...
    int blockSize;    // values per block (1 for plain types)
    int bytesPerBlock;
    bool canDecode; // dequantizeRow() knows the layout
    bool canEncode; // quantizeRowRef() implements llama.cpp's reference quantizer
};

// nullptr for an id ggml does not define (or a retired one): never throws.
const TypeInfo* typeInfo(std::uint32_t id);
// By name, case-insensitively ("q4_K", "Q4_K", "iq4_nl", "BF16"); nullptr if unknown.
const TypeInfo* typeByName(std::string_view name);
// Every type of the table, in id order.
const std::vector<TypeInfo>& allTypes();

// Bytes of a row of n values (n / blockSize blocks). Throws ArgumentError for an
// unknown type or when n is not a multiple of the block size, naming both.
std::int64_t rowBytes(std::uint32_t type, std::int64_t n);
// Bits stored per value: 8 * bytesPerBlock / blockSize (Q4_K: 4.5).
double bitsPerValue(std::uint32_t type);

// n values (n % blockSize == 0) from the row's bytes. Throws qs::ArgumentError
// naming the type when it is unknown, when its layout is not implemented, or
// when n is not a multiple of its block.
void dequantizeRow(std::uint32_t type, const std::uint8_t* src, std::int64_t n, float* dst);
// llama.cpp's quantize_row_<type>_ref, bit-exact (same arithmetic in the same
// order, float32, fp16 by round-to-nearest-even). F32/F16/BF16 convert as
// ggml does. Throws like dequantizeRow.
void quantizeRowRef(std::uint32_t type, const float* src, std::int64_t n, std::uint8_t* dst);
// The integer each value is stored as (its code): the nibble of Q4_0, the
// 5-bit value of Q5_1, the 3-bit value of Q3_K (x̂ = d·sc·(q − 4)), the
// int8 of Q8_0, the index into the IQ4_NL table ... Throws for types without codes.
void unpackCodes(std::uint32_t type, const std::uint8_t* src, std::int64_t n, std::int32_t* codes);
// [min, max] of the codes of a type with codes (Q8_0: -127..127 as ggml writes them, Q6_K: 0..63).
std::pair<std::int32_t, std::int32_t> codeRange(std::uint32_t type);

// ggml's fp16 and bf16 conversions: round to nearest even, NaN stays NaN.
std::uint16_t fp32ToFp16(float v);
float fp16ToFp32(std::uint16_t h);
std::uint16_t fp32ToBf16(float v);
float bf16ToFp32(std::uint16_t h);

// The 16 levels of IQ4_NL / IQ4_XS (kvalues_iq4nl), ascending.
const std::int8_t* iq4nlLevels();

} // namespace qs::ggml
