#pragma once
// Bounds-checked little-endian reading of a byte range: the one way the binary
// container readers (zip, GGUF, pickle, protobuf) look at untrusted bytes. Every
// read checks the bytes left first, so a length field that lies becomes an
// IoError(Truncated) naming the file and what was being read, never an
// out-of-bounds access.
#include "io/ioerror.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace qs {

class ByteCursor
{
public:
    ByteCursor(std::span<const std::byte> bytes, const std::string& file) : m_bytes(bytes), m_file(file) {}

    std::size_t pos() const { return m_pos; }
    std::size_t size() const { return m_bytes.size(); }
    std::size_t remaining() const { return m_bytes.size() - m_pos; }
    bool atEnd() const { return m_pos == m_bytes.size(); }
    const std::string& file() const { return m_file; }

    void seek(std::uint64_t to, const char* what)
    {
        if (to > m_bytes.size())
            fail(what, to - m_pos);
        m_pos = std::size_t(to);
    }
    void skip(std::uint64_t n, const char* what) { take(n, what); }

    std::span<const std::byte> take(std::uint64_t n, const char* what)
    {
        if (n > remaining())
            fail(what, n);
        const auto out = m_bytes.subspan(m_pos, std::size_t(n));
        m_pos += std::size_t(n);
        return out;
    }
    std::string_view text(std::uint64_t n, const char* what)
    {
        const auto b = take(n, what);
        return {reinterpret_cast<const char*>(b.data()), b.size()};
    }
    template <typename T> T le(const char* what)
    {
        const auto b = take(sizeof(T), what);
        std::uint64_t v = 0;
        for (std::size_t i = sizeof(T); i-- > 0;)
            v = v << 8 | std::to_integer<std::uint64_t>(b[i]);
        if constexpr (sizeof(T) == 8) {
            T out;
            std::memcpy(&out, &v, 8);
            return out;
        } else {
            using U = std::conditional_t<sizeof(T) == 1, std::uint8_t,
                                         std::conditional_t<sizeof(T) == 2, std::uint16_t, std::uint32_t>>;
            const U u = U(v);
            T out;
            std::memcpy(&out, &u, sizeof(T));
            return out;
        }
    }
    std::uint8_t u8(const char* what) { return le<std::uint8_t>(what); }

    [[noreturn]] void fail(const char* what, std::uint64_t wanted) const
    {
        throw IoError(IoErrorKind::Truncated, m_file,
                      std::string("truncated or corrupt: ") + what + " needs " + std::to_string(wanted) +
                          " bytes at offset " + std::to_string(m_pos) + ", " + std::to_string(remaining()) +
                          " are left");
    }

private:
    std::span<const std::byte> m_bytes;
    std::string m_file;
    std::size_t m_pos = 0;
};

// Reads an unsigned little-endian integer of `width` bytes at p (no bounds check: callers check).
inline std::uint64_t loadLE(const std::byte* p, int width)
{
    std::uint64_t v = 0;
    for (int i = width; i-- > 0;)
        v = v << 8 | std::to_integer<std::uint64_t>(p[i]);
    return v;
}

} // namespace qs
