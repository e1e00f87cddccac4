#pragma once
// A minimal reader of the protocol buffers wire format (what ONNX files are):
// a message is a sequence of fields, each a key varint (field number << 3 |
// wire type) and a value - a varint (type 0), 8 bytes (1), a length-delimited
// byte range (2: strings, bytes, nested messages, packed repeated numbers) or
// 4 bytes (5). Groups (3, 4) are obsolete and refused. Every length is checked
// against the bytes left; varints longer than 10 bytes or beyond 64 bits are refused.
#include "io/ioerror.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace qs {

struct ProtoField
{
    std::uint32_t number = 0;
    int wireType = 0;
    std::uint64_t varint = 0;         // types 0, 1, 5 (fixed values as raw bits)
    std::span<const std::byte> bytes; // type 2
    std::string_view text() const { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }
};

class ProtoReader
{
public:
    ProtoReader(std::span<const std::byte> bytes, const std::string& file) : m_bytes(bytes), m_file(file) {}

    bool atEnd() const { return m_pos == m_bytes.size(); }

    // The next field; false at the end of the message.
    bool next(ProtoField& f)
    {
        if (atEnd())
            return false;
        const std::uint64_t key = varint();
        f.number = std::uint32_t(key >> 3);
        f.wireType = int(key & 7);
        if (key >> 3 == 0 || key >> 3 > 0x1fffffff)
            fail("invalid field number");
        switch (f.wireType) {
        case 0: f.varint = varint(); break;
        case 1: f.varint = fixed(8); break;
        case 5: f.varint = fixed(4); break;
        case 2: {
            const std::uint64_t n = varint();
            if (n > m_bytes.size() - m_pos)
                fail("a length of " + std::to_string(n) + " beyond the message");
            f.bytes = m_bytes.subspan(m_pos, std::size_t(n));
            m_pos += std::size_t(n);
            break;
        }
        default: fail("wire type " + std::to_string(f.wireType) + " (groups are not read)");
        }
        return true;
    }

    std::uint64_t varint()
    {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (m_pos >= m_bytes.size())
                fail("a varint cut short");
            const unsigned b = std::to_integer<unsigned>(m_bytes[m_pos++]);
            if (shift == 63 && b > 1)
                fail("a varint beyond 64 bits");
            v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        fail("a varint longer than 10 bytes");
    }

private:
    std::uint64_t fixed(int width)
    {
        if (std::size_t(width) > m_bytes.size() - m_pos)
            fail("a fixed-width value cut short");
        std::uint64_t v = 0;
        for (int i = width; i-- > 0;)
            v = v << 8 | std::to_integer<std::uint64_t>(m_bytes[m_pos + std::size_t(i)]);
        m_pos += std::size_t(width);
        return v;
    }
    [[noreturn]] void fail(const std::string& what) const
    {
        throw IoError(IoErrorKind::BadHeader, m_file,
                      "malformed protobuf: " + what + " at byte " + std::to_string(m_pos) + " of a message");
    }

    std::span<const std::byte> m_bytes;
    const std::string& m_file;
    std::size_t m_pos = 0;
};

} // namespace qs
