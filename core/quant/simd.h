#pragma once
// Helpers for the hot loops. The binaries target baseline x86-64; QS_KERNEL
// asks GCC/Clang for an extra AVX2 clone of a function, chosen at load time
// by the CPU (runtime dispatch through an ifunc), so the same binary runs on
// any x86-64 machine. AVX2 here never implies FMA: no contraction changes a
// result, and both clones compute the same bits as the scalar reference.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__SANITIZE_ADDRESS__)
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QS_NO_CLONES 1
#endif
#endif
#ifndef QS_NO_CLONES
#define QS_KERNEL __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef QS_KERNEL
#define QS_KERNEL
#endif

#if defined(__GNUC__) || defined(__clang__)
#define QS_ALWAYS_INLINE inline __attribute__((always_inline))
#define QS_RESTRICT __restrict__
#else
#define QS_ALWAYS_INLINE inline
#define QS_RESTRICT
#endif
