#pragma once
// bitsandbytes' arithmetic, rule for rule (read from its CUDA kernels and
// functional.py; docs/quantization.md "bitsandbytes"):
//
// NF4 (kQuantizeBlockwise with DATA_TYPE NF4, dQuantizeNF4, dDequantizeNF4):
//   blocks of 64 over the flattened tensor; absmax over the block;
//   v = x * (1.0f / absmax) in float32 (absmax 0 gives v = NaN);
//   q = the number of decision thresholds t_k (float32 constants) with v > t_k,
//       which is what the kernel's decision tree returns (NaN: q = 0);
//   x̂ = level_q * absmax in float32.
//
// Double quantization (quantize_4bit with compress_statistics=True):
//   offset = mean of the absmax values; the centred values absmax - offset are
//   quantized blockwise (blocks of 256, kQuantizeBlockwise General8bit) onto
//   the signed 8-bit dynamic map (create_dynamic_map) by dQuantize's binary
//   search; dequantization uses absmax' = map[c] * absmax2 + offset (float32).
//   The 4-bit codes are computed with the exact absmax, as bitsandbytes does
//   (it compresses the statistics afterwards).
//   The offset here is the mean computed in double and rounded to float32;
//   torch's float32 mean may differ from it in the last bit.
#include <cstdint>
#include <span>
#include <vector>

namespace qs::bnb {

// The 15 NF4 decision thresholds of dQuantizeNF4, ascending (float32).
const float* nf4Thresholds();
// NF4 code of a normalised value: #{k : v > t_k}.
int nf4Code(float v);

// create_dynamic_map(signed=True, max_exponent_bits=7, total_bits=8): 256
// float32 values, ascending, from -1 to 1 (torch 1.13 float32 arithmetic).
const std::vector<float>& dynamicMap();
// dQuantize<0>: the index of v in the map (bitsandbytes' pivot search and float32 midpoints).
std::uint8_t dynamicCode(float v);

constexpr std::int64_t kDoubleQuantBlock = 256;

struct DoubleQuantized
{
    std::vector<std::uint8_t> codes; // one per absmax value
    std::vector<float> absmax;       // one per block of 256 codes: the absmax of the centred values
    float offset = 0;                // the mean of the absmax values
    std::vector<float> values;       // absmax' = map[code] * absmax2 + offset
};
DoubleQuantized doubleQuantize(std::span<const float> absmax);

} // namespace qs::bnb
