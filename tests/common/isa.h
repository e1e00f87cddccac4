#pragma once
// forEachIsa: run a test body once per SIMD path this CPU has (Baseline/SSE2,
// AVX2, AVX-512), with the one dispatch mechanism of the core capped at that
// ISA (qs::simd::setMaxIsa, core/runtime/simd.h), so every kernel's every
// entry runs in the normal test suite and under the sanitizers. A path the CPU
// lacks is reported with qInfo and skipped (it cannot run here). The cap is
// restored afterwards; the loop stops at the first failing ISA.
#include "runtime/simd.h"

#include <QtTest>

#include <vector>

namespace qs::test {

template <class Fn> std::vector<simd::Isa> forEachIsa(Fn&& fn)
{
    struct Restore
    {
        simd::Isa cap;
        ~Restore() { simd::setMaxIsa(cap); }
    } restore{simd::maxIsa()};
    std::vector<simd::Isa> ran;
    for (int i = 0; i < simd::kIsaCount; ++i) {
        const auto isa = simd::Isa(i);
        if (!simd::isaSupported(isa)) {
            static bool told[simd::kIsaCount] = {};
            if (!told[i])
                qInfo("CPU without %s: its kernels cannot run here", simd::isaName(isa));
            told[i] = true;
            continue;
        }
        simd::setMaxIsa(isa);
        ran.push_back(isa);
        fn(isa);
        if (QTest::currentTestFailed())
            break;
    }
    return ran;
}

} // namespace qs::test
