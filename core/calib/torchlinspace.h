#pragma once
// Two torch 1.13 CPU operations, bit for bit, that reference toolkits build
// their numbers from.
//
// torch.linspace(start, end, steps) in float32, bit for bit as PyTorch 1.13
// computes it on an x86 CPU with AVX2, which is where two reference toolkits
// get numbers from: pytorch-quantization's histogram calibrator takes its bin
// edges from torch.linspace(0, amax, bins + 1) (on the CPU: no device is
// given), and bitsandbytes builds its 8-bit dynamic map from torch.linspace.
//
// PyTorch 1.13's CPU kernel (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp):
//   step = (end - start) / (steps - 1)                           (float32)
//   value(i) = start + step * i         for i <  steps / 2        (one fused multiply-add)
//            = end - step * (steps-1-i) for i >= steps / 2
// evaluated in vectors of 8 where whole pairs of vectors fit: a vector
// starting at index i holds value(i) + k * step for k = 0..7 (the product and
// the sum rounded separately); the remaining tail, and any vector straddling
// steps / 2, is evaluated one value at a time. Newer PyTorch drops the vectors
// (every value is value(i)); the differences are one ulp on some values.
// tests/calib/tst_nvidiaentropy.cpp checks the edges NVIDIA's calibrator
// returns against torch 1.13's own output.
#include <cstdint>
#include <span>
#include <vector>

namespace qs {

std::vector<float> torchLinspace(float start, float end, std::int64_t steps);

// torch.histc(|x|, bins, min=0, max=amax) on the CPU, as pytorch-quantization's
// HistogramCalibrator collects it (docs/quantization.md, "Calibration"):
// value a = |x| goes to bin trunc(float32(a * bins) / amax) (float32
// arithmetic, the histc kernel's LINEAR_INTERPOLATION rule, which can differ
// from the float32 edges torchLinspace gives by one bin next to an edge),
// a == amax to the last bin, a > amax nowhere. Only finite values are counted
// (torch would count an Inf below amax = Inf nowhere and fail on NaN). torch
// accumulates the counts in float32, so above 2^24 values in one bin its
// counts round; these stay exact. amax > 0 finite, bins >= 1.
std::vector<std::uint64_t> torchHistcAbs(std::span<const float> x, int bins, float amax);

} // namespace qs
