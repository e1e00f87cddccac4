#pragma once
// The SIMD dispatch mechanism of the core lives in core/runtime/simd.h (shared
// with core/analysis and core/calib); read its header comment before writing a
// kernel. In short, for a loop in core/quant:
//
//   template <simd::Isa>
//   QS_ALWAYS_INLINE void myLoopBody(const float* x, float* y, std::int64_t n) { ... plain loop ... }
//   QS_SIMD_TABLE(myLoop, myLoopBody, void, (const float* x, float* y, std::int64_t n), (x, y, n));
//   ...
//   myLoop()(x, y, n); // runs the Baseline, AVX2 or AVX-512 entry (simd::activeIsa())
//
// and tests run it on every ISA with forEachIsa (tests/common/isa.h).
#include "runtime/simd.h"
