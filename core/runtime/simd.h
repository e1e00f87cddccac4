#pragma once
// The one SIMD dispatch mechanism of the core (the idea of Google's Highway:
// probe the CPU once, write each kernel once per target, call it through one
// table). The binaries stay baseline x86-64 (never a global -march): wider
// instructions live only in functions compiled for their target with
// QS_TARGET_AVX2 / QS_TARGET_AVX512 and reached through a simd::Table.
//
// Writing a kernel
//   1. Write the loop once as an always-inline function (QS_ALWAYS_INLINE)
//      templated on the ISA (ignore the parameter when the compiler's
//      auto-vectoriser does the work; use it to pick intrinsics otherwise).
//      No FMA and no reassociation: every entry must give the same bits as
//      the scalar reference, whatever the vector width.
//   2. In a .cpp, QS_SIMD_TABLE(name, body, Ret, (params), (args)) defines
//      three functions compiled for Baseline (SSE2), AVX2 and AVX-512 from the
//      body, and a constexpr simd::Table `name` holding them.
//   3. Call it as name()(args...): the entry of the active ISA. One relaxed
//      atomic load and an indirect call, so dispatch a whole loop, never an
//      element.
//   Hand-written intrinsics of a wider ISA must sit in functions that carry
//   the target attribute themselves (QS_TARGET_AVX512 ...): GCC refuses to
//   inline them into a body compiled for the baseline.
//
// Testing: setMaxIsa() caps the ISA (QS_MAX_ISA=baseline|avx2|avx512 in the
// environment does the same for a whole process, e.g. the CLI under a test);
// tests/common/isa.h runs a test body once per ISA this CPU has (forEachIsa).
// Under the sanitizers the tables work unchanged (plain function pointers, no
// ifunc), so every entry is also checked by ASan/UBSan.
#include <atomic>
#include <optional>
#include <string_view>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define QS_SIMD_X86 1
#define QS_TARGET_AVX2 __attribute__((target("avx2")))
// Skylake-X level: F, DQ (vreduceps, vfpclassps), BW and VL.
#define QS_TARGET_AVX512 __attribute__((target("avx2,avx512f,avx512dq,avx512bw,avx512vl")))
#else
#define QS_TARGET_AVX2
#define QS_TARGET_AVX512
#endif

#if defined(__GNUC__) || defined(__clang__)
#define QS_ALWAYS_INLINE inline __attribute__((always_inline))
#define QS_RESTRICT __restrict__
#else
#define QS_ALWAYS_INLINE inline
#define QS_RESTRICT
#endif

namespace qs::simd {

// Ordered: each level includes the one before (Baseline is SSE2 on x86-64).
enum class Isa : int { Baseline = 0, Avx2 = 1, Avx512 = 2 };
inline constexpr int kIsaCount = 3;

const char* isaName(Isa isa); // "baseline", "avx2", "avx512"
std::optional<Isa> parseIsa(std::string_view name);

// The widest ISA this CPU and its OS support (probed once, cpuid + xgetbv).
Isa detectedIsa();
bool isaSupported(Isa isa);

namespace detail {
extern std::atomic<int> g_active; // min(detected, cap); -1 before the first probe
int probeActive();
} // namespace detail

// The ISA the tables dispatch to now: min(detectedIsa(), the cap).
inline Isa activeIsa()
{
    const int a = detail::g_active.load(std::memory_order_relaxed);
    return Isa(a >= 0 ? a : detail::probeActive());
}

// Test hook: dispatch to at most `cap` from now on (all threads). Returns the
// previous cap. The initial cap is QS_MAX_ISA from the environment, else Avx512.
Isa setMaxIsa(Isa cap);
Isa maxIsa();

// One function per ISA, all with the signature Fn.
template <class Fn> struct Table
{
    Fn* entry[kIsaCount];
    Fn* operator()() const { return entry[int(activeIsa())]; }
    Fn* at(Isa isa) const { return entry[int(isa)]; }
};

} // namespace qs::simd

// Defines a constexpr qs::simd::Table<Ret Params> `name` whose entries run
// body<Isa>(Args...) compiled for each ISA. Params and Args are parenthesised
// lists: QS_SIMD_TABLE(minMaxTable, minMaxBody, void, (const float* x, long n), (x, n)).
#define QS_SIMD_TABLE(name, body, Ret, Params, Args)                                                                   \
    static Ret name##Baseline Params                                                                                   \
    {                                                                                                                  \
        return body<::qs::simd::Isa::Baseline> Args;                                                                   \
    }                                                                                                                  \
    QS_TARGET_AVX2 static Ret name##Avx2 Params                                                                        \
    {                                                                                                                  \
        return body<::qs::simd::Isa::Avx2> Args;                                                                       \
    }                                                                                                                  \
    QS_TARGET_AVX512 static Ret name##Avx512 Params                                                                    \
    {                                                                                                                  \
        return body<::qs::simd::Isa::Avx512> Args;                                                                     \
    }                                                                                                                  \
    constexpr ::qs::simd::Table<Ret Params> name                                                                       \
    {                                                                                                                  \
        {                                                                                                              \
            &name##Baseline, &name##Avx2, &name##Avx512                                                                \
        }                                                                                                              \
    }
