#pragma once
// A quantized tensor as a loader stores it (quantize --out x.safetensors;
// docs/io.md "Quantized checkpoints"): exactly what quant/storage.h counts,
// so the payload's byte count confirms bits/value.
//
//   NAME.qweight        U8  codes, codeBits each, packed LSB first in the
//                           tensor's row-major order (4-bit codes: element 2i
//                           in the low nibble of byte i, 2i+1 in the high one);
//                           a code is the low codeBits of its two's complement;
//                           padded llama.cpp blocks store code 0 for padding
//   NAME.scales         per group (groupShape): F32, F16, BF16, or U8 holding
//                           E8M0 (2^(u - 127)); double quantization: U8 codes
//   NAME.zeros          integer zero points, zeroPointBits each, packed as the
//                           codes (U8); Q4_1's m as F16
//   NAME.outlier_values F32, NAME.outlier_index I32 (I64 past 2^31 values):
//                           values kept in full precision and NaN/Inf inputs
//   NAME.outlier_columns I32, NAME.outlier_column_values F32 [rows, k]
//   NAME.levels         F32 codebook / k-means levels (when stored)
//   NAME.absmax_scales  F32, NAME.absmax_offset F32 [1]: double quantization
//
// Metadata: quantscope.config (the config JSON), quantscope.bits_per_value.
#include "quant/quantresult.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

struct CheckpointTensor
{
    std::string name;
    std::string dtype; // safetensors dtype: U8, F16, BF16, F32, I32, I64
    Shape shape;
    std::vector<std::uint8_t> bytes;
};

// The tensors of the checkpoint of r (x: the quantized input, for outliers).
// Needs r.codes (QuantOptions::codes). Throws ArgumentError if they are missing.
std::vector<CheckpointTensor> checkpointTensors(const QuantResult& r, const Tensor& x, const std::string& name);

// Writes them as a safetensors file (atomically). Throws IoError/ArgumentError.
void writeCheckpoint(const std::string& path, const QuantResult& r, const Tensor& x, const std::string& name);

} // namespace qs
