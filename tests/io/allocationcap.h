#pragma once
// Include in exactly one file of a test executable: replaces the global
// operator new so that any single request above kAllocationCap is recorded and
// refused (std::bad_alloc) instead of attempted. Mutation tests feed inputs of
// a few KB, so no reader has any business asking for that much: this is the
// "no unbounded allocation" rule made checkable.
#include <atomic>
#include <cstdlib>
#include <new>

namespace qs::iotest {
inline std::atomic<std::size_t> g_hugeRequest{0};
constexpr std::size_t kAllocationCap = std::size_t(256) << 20;

inline void* checkedAlloc(std::size_t n)
{
    if (n > kAllocationCap) {
        g_hugeRequest = n;
        throw std::bad_alloc();
    }
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace qs::iotest

void* operator new(std::size_t n)
{
    return qs::iotest::checkedAlloc(n);
}
void* operator new[](std::size_t n)
{
    return qs::iotest::checkedAlloc(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return qs::iotest::checkedAlloc(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return qs::iotest::checkedAlloc(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete[](void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    std::free(p);
}
