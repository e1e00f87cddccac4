#pragma once
// Builds GGUF bytes field by field (the layout of llama.cpp's gguf.cpp writer),
// for tests that need files the real writer would never make: lies, huge
// sparse tensors, unknown types.
#include <QByteArray>

#include <cstdint>
#include <string>
#include <vector>

namespace qs::iotest {

class GgufBuilder
{
public:
    explicit GgufBuilder(std::uint32_t version = 3) { m_head.append("GGUF", 4), u32(m_head, version); }

    GgufBuilder& kvU32(const std::string& key, std::uint32_t v)
    {
        str(m_kv, key), u32(m_kv, 4), u32(m_kv, v);
        ++m_kvCount;
        return *this;
    }
    GgufBuilder& kvString(const std::string& key, const std::string& v)
    {
        str(m_kv, key), u32(m_kv, 8), str(m_kv, v);
        ++m_kvCount;
        return *this;
    }
    GgufBuilder& kvRaw(const QByteArray& bytes, int count = 1) // a hand-made key/type/value
    {
        m_kv.append(bytes);
        m_kvCount += std::uint64_t(count);
        return *this;
    }
    // ne in ggml order (row length first).
    GgufBuilder& tensor(const std::string& name, std::vector<std::uint64_t> ne, std::uint32_t type,
                        std::uint64_t offset)
    {
        str(m_info, name), u32(m_info, std::uint32_t(ne.size()));
        for (auto d : ne)
            u64(m_info, d);
        u32(m_info, type), u64(m_info, offset);
        ++m_tensorCount;
        return *this;
    }
    GgufBuilder& counts(std::uint64_t tensors, std::uint64_t kvs) // override the counts (to lie)
    {
        m_tensorCount = tensors, m_kvCount = kvs;
        return *this;
    }
    QByteArray bytes(const QByteArray& data = {}, std::uint32_t alignment = 32) const
    {
        QByteArray out = m_head;
        u64(out, m_tensorCount), u64(out, m_kvCount);
        out += m_kv + m_info;
        while (out.size() % alignment)
            out.append('\0');
        return out + data;
    }

    static void u32(QByteArray& b, std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            b.append(char(v >> (8 * i)));
    }
    static void u64(QByteArray& b, std::uint64_t v)
    {
        for (int i = 0; i < 8; ++i)
            b.append(char(v >> (8 * i)));
    }
    static void str(QByteArray& b, const std::string& s)
    {
        u64(b, s.size());
        b.append(s.data(), qsizetype(s.size()));
    }

private:
    QByteArray m_head, m_kv, m_info;
    std::uint64_t m_tensorCount = 0, m_kvCount = 0;
};

} // namespace qs::iotest
