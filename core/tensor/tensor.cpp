#include "tensor/tensor.h"

#include "formats/error.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace qs {

std::int64_t Tensor::elementCount(const Shape& shape)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape) {
        if (d < 0)
            throw ArgumentError("negative dimension " + std::to_string(d) + " in shape " + shapeString(shape));
        if (d != 0 && n > std::numeric_limits<std::int64_t>::max() / d)
            throw ArgumentError("shape " + shapeString(shape) + " has more elements than fit in 64 bits");
        n *= d;
    }
    return n;
}

std::string Tensor::shapeString(const Shape& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

namespace {

// Freed large buffers, kept for the next tensor of the same size. glibc
// returns every allocation this large to the kernel at once (munmap), so
// without this each recompute of the explorer, and each stage of the
// benchmark that returns a new tensor, pays the kernel's page faults and
// zeroing of fresh memory again (about 1 ms per 64 MiB on the benchmark
// machine, with huge pages). Caching allocators (jemalloc's retained
// extents, PyTorch's CUDA allocator) do the same. At most kMaxEntries buffers
// and kMaxBytes are kept; the oldest goes first. QS_NO_BUFFER_CACHE=1 turns
// it off (to measure its effect).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

class LargeBufferCache
{
public:
    static LargeBufferCache& instance()
    {
        // Never destroyed: tensors may be freed during static destruction.
        static auto* cache = new LargeBufferCache;
        return *cache;
    }

    bool enabled() const { return m_enabled; }

    void* take(std::size_t bytes)
    {
        if (!m_enabled)
            return nullptr;
        std::lock_guard lock(m_mutex);
        for (auto it = m_free.begin(); it != m_free.end(); ++it)
            if (it->bytes == bytes) {
                void* p = it->pointer;
                m_bytes -= bytes;
                m_free.erase(it);
                return p;
            }
        return nullptr;
    }

    void give(void* p, std::size_t bytes)
    {
        void* evicted = nullptr;
        if (m_enabled && bytes <= kMaxBytes) {
            std::lock_guard lock(m_mutex);
            while (!m_free.empty() && (m_free.size() >= kMaxEntries || m_bytes + bytes > kMaxBytes)) {
                std::free(evicted); // at most one per loop turn; the last is freed below
                evicted = m_free.front().pointer;
                m_bytes -= m_free.front().bytes;
                m_free.erase(m_free.begin());
            }
            m_free.push_back({p, bytes});
            m_bytes += bytes;
            p = nullptr;
        }
        std::free(evicted);
        std::free(p);
    }

private:
    LargeBufferCache() : m_enabled(!kAddressSanitizer && std::getenv("QS_NO_BUFFER_CACHE") == nullptr) {}

    static constexpr std::size_t kMaxEntries = 2;
    static constexpr std::size_t kMaxBytes = std::size_t(256) << 20;
    struct Entry
    {
        void* pointer;
        std::size_t bytes;
    };
    const bool m_enabled;
    std::mutex m_mutex;
    std::vector<Entry> m_free;
    std::size_t m_bytes = 0;
};

// Storage for n floats, uninitialised: a loader or a quantizer writes every
// element anyway, and zero-filling 256 MB costs time.
//
// Large tensors are aligned to 2 MiB and offered to the kernel as transparent
// huge pages (madvise(MADV_HUGEPAGE); a no-op where THP is off). Writing a
// fresh 64 MiB output then takes 32 page faults instead of 16,384 — on the
// benchmark machine the faults were most of the cost of every stage that
// returns a new tensor (docs/performance.md). Freed, they go to
// LargeBufferCache for the next tensor of the same size.
std::shared_ptr<float[]> allocateFloats(std::int64_t n)
{
    constexpr std::size_t kHugePage = std::size_t(2) << 20;
    const std::size_t bytes = std::size_t(std::max<std::int64_t>(n, 1)) * sizeof(float);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= 2 * kHugePage) {
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        auto release = [rounded](float* q) { LargeBufferCache::instance().give(q, rounded); };
        if (void* p = LargeBufferCache::instance().take(rounded))
            return std::shared_ptr<float[]>(static_cast<float*>(p), release);
        if (void* p = std::aligned_alloc(kHugePage, rounded)) {
            madvise(p, rounded, MADV_HUGEPAGE); // advice only: failure leaves normal pages
            return std::shared_ptr<float[]>(static_cast<float*>(p), release);
        }
        throw std::bad_alloc();
    }
#endif
    return std::shared_ptr<float[]>(new float[bytes / sizeof(float)]);
}

} // namespace

Tensor::Tensor(Shape shape) : m_shape(std::move(shape)), m_size(elementCount(m_shape))
{
    if (std::uint64_t(m_size) > std::numeric_limits<std::size_t>::max() / sizeof(float))
        throw ArgumentError("shape " + shapeString(m_shape) + " is too large to allocate");
    m_data = allocateFloats(m_size);
}

Tensor::Tensor(Shape shape, std::span<const float> values) : Tensor(std::move(shape))
{
    if (std::int64_t(values.size()) != m_size)
        throw ArgumentError("shape " + shapeString(m_shape) + " holds " + std::to_string(m_size) + " values, got " +
                            std::to_string(values.size()));
    std::copy(values.begin(), values.end(), m_data.get());
}

bool Tensor::recyclesStorage()
{
    return LargeBufferCache::instance().enabled();
}

Tensor Tensor::fromVector(std::vector<float> values)
{
    return Tensor({std::int64_t(values.size())}, values);
}

std::int64_t Tensor::dim(int axis) const
{
    const int r = rank();
    if (axis < 0)
        axis += r;
    if (axis < 0 || axis >= r)
        throw ArgumentError("axis " + std::to_string(axis) + " out of range for a rank-" + std::to_string(r) +
                            " tensor");
    return m_shape[std::size_t(axis)];
}

Eigen::Map<const Tensor::RowMatrix> Tensor::matrix() const
{
    const std::int64_t cols = m_shape.empty() ? m_size : m_shape.back();
    const std::int64_t rows = cols == 0 ? 0 : m_size / cols;
    return {m_data.get(), Eigen::Index(rows), Eigen::Index(cols)};
}

Tensor Tensor::reshaped(Shape shape) const
{
    if (elementCount(shape) != m_size)
        throw ArgumentError("cannot reshape " + shapeString(m_shape) + " to " + shapeString(shape));
    Tensor t;
    t.m_shape = std::move(shape);
    t.m_size = m_size;
    t.m_data = m_data;
    return t;
}

Tensor Tensor::clone() const
{
    return Tensor(m_shape, values());
}

} // namespace qs
