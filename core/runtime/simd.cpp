#include "runtime/simd.h"

#include <cstdlib>

namespace qs::simd {

namespace detail {
std::atomic<int> g_active{-1};
} // namespace detail

namespace {

Isa probeCpu()
{
#if defined(QS_SIMD_X86)
    // libgcc's probe also checks that the OS saves the wider registers (xgetbv).
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2"))
        return Isa::Avx512;
    if (__builtin_cpu_supports("avx2"))
        return Isa::Avx2;
#endif
    return Isa::Baseline;
}

Isa initialCap()
{
    if (const char* env = std::getenv("QS_MAX_ISA"))
        if (const auto isa = parseIsa(env))
            return *isa;
    return Isa::Avx512;
}

// The cap; read with the probe result on first use (static init order safe).
std::atomic<int>& cap()
{
    static std::atomic<int> c{int(initialCap())};
    return c;
}

int combine(int capValue)
{
    const int detected = int(detectedIsa());
    return capValue < detected ? capValue : detected;
}

} // namespace

const char* isaName(Isa isa)
{
    switch (isa) {
    case Isa::Baseline: return "baseline";
    case Isa::Avx2: return "avx2";
    case Isa::Avx512: return "avx512";
    }
    return "?";
}

std::optional<Isa> parseIsa(std::string_view name)
{
    if (name == "baseline" || name == "sse2" || name == "scalar")
        return Isa::Baseline;
    if (name == "avx2")
        return Isa::Avx2;
    if (name == "avx512")
        return Isa::Avx512;
    return std::nullopt;
}

Isa detectedIsa()
{
    static const Isa isa = probeCpu();
    return isa;
}

bool isaSupported(Isa isa)
{
    return int(isa) <= int(detectedIsa());
}

int detail::probeActive()
{
    const int a = combine(cap().load());
    g_active.store(a, std::memory_order_relaxed);
    return a;
}

Isa setMaxIsa(Isa c)
{
    const Isa previous = Isa(cap().exchange(int(c)));
    detail::g_active.store(combine(int(c)), std::memory_order_relaxed);
    return previous;
}

Isa maxIsa()
{
    return Isa(cap().load());
}

} // namespace qs::simd
