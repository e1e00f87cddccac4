#pragma once
// Byte builders for the container bad-input tests: zip archives (stored or
// raw-deflated members, any declared sizes), pickles opcode by opcode, and
// protobuf fields. They write what the formats specify, so a test can make
// exactly the lie it wants.
#include <QByteArray>

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace qs::iotest {

inline void le(QByteArray& b, std::uint64_t v, int width)
{
    for (int i = 0; i < width; ++i)
        b.append(char((v >> (8 * i)) & 0xff));
}

inline QByteArray rawDeflate(const QByteArray& in)
{
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(in.size()))), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    z.avail_in = uInt(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

struct ZipMember
{
    std::string name;
    QByteArray data;      // uncompressed
    int method = 0;       // 0 stored, 8 deflate, or any other number (then stored bytes, that method claimed)
    qint64 declared = -1; // uncompressed size to declare (-1: the true one)
    qint64 crc = -1;      // CRC to declare (-1: the true one)
    std::uint16_t flags = 0;
};

// A zip of the members, one after another, with a central directory and end record.
inline QByteArray makeZip(const std::vector<ZipMember>& members)
{
    QByteArray out, central;
    for (const ZipMember& m : members) {
        const QByteArray body = m.method == 8 ? rawDeflate(m.data) : m.data;
        const std::uint32_t crc =
            m.crc >= 0
                ? std::uint32_t(m.crc)
                : std::uint32_t(crc32(0, reinterpret_cast<const Bytef*>(m.data.constData()), uInt(m.data.size())));
        const std::uint64_t size = m.declared >= 0 ? std::uint64_t(m.declared) : std::uint64_t(m.data.size());
        const qsizetype offset = out.size();
        le(out, 0x04034b50, 4), le(out, 20, 2), le(out, m.flags, 2), le(out, std::uint64_t(m.method), 2), le(out, 0, 4);
        le(out, crc, 4), le(out, std::uint64_t(body.size()), 4), le(out, size, 4);
        le(out, m.name.size(), 2), le(out, 0, 2);
        out.append(m.name.data(), qsizetype(m.name.size()));
        out += body;
        le(central, 0x02014b50, 4), le(central, 20, 2), le(central, 20, 2), le(central, m.flags, 2);
        le(central, std::uint64_t(m.method), 2), le(central, 0, 4), le(central, crc, 4);
        le(central, std::uint64_t(body.size()), 4), le(central, size, 4), le(central, m.name.size(), 2);
        le(central, 0, 2), le(central, 0, 2), le(central, 0, 2), le(central, 0, 2), le(central, 0, 4);
        le(central, std::uint64_t(offset), 4);
        central.append(m.name.data(), qsizetype(m.name.size()));
    }
    const qsizetype cdOffset = out.size();
    out += central;
    le(out, 0x06054b50, 4), le(out, 0, 2), le(out, 0, 2), le(out, members.size(), 2), le(out, members.size(), 2);
    le(out, std::uint64_t(central.size()), 4), le(out, std::uint64_t(cdOffset), 4), le(out, 0, 2);
    return out;
}

// An .npy of float32 values (version 1.0, like numpy.save).
inline QByteArray npyFloats(const std::vector<float>& v)
{
    QByteArray dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + QByteArray::number(qsizetype(v.size())) + ",), }";
    while ((10 + dict.size() + 1) % 64)
        dict += ' ';
    dict += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    le(out, std::uint64_t(dict.size()), 2);
    out += dict;
    out.append(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * 4));
    return out;
}

// Pickle opcodes (Python's pickletools documents each).
class PickleWriter
{
public:
    PickleWriter() { m_b.append("\x80\x02", 2); }
    PickleWriter& op(const char* raw, int n) { return m_b.append(raw, n), *this; }
    PickleWriter& op(char c) { return m_b.append(c), *this; }
    PickleWriter& global(const std::string& module, const std::string& name)
    {
        m_b.append('c');
        m_b.append((module + "\n" + name + "\n").c_str());
        return *this;
    }
    PickleWriter& str(const std::string& s)
    {
        m_b.append('X'), le(m_b, s.size(), 4);
        m_b.append(s.data(), qsizetype(s.size()));
        return *this;
    }
    PickleWriter& integer(std::uint8_t v) { return m_b.append('K'), m_b.append(char(v)), *this; }
    PickleWriter& intTuple(const std::vector<std::uint8_t>& v)
    {
        m_b.append('(');
        for (auto x : v)
            integer(x);
        return m_b.append('t'), *this;
    }
    QByteArray done() const { return m_b + '.'; }
    QByteArray bytes() const { return m_b; }

private:
    QByteArray m_b;
};

// torch.save's data.pkl for {name: tensor} with one storage.
inline QByteArray statePickle(const std::string& name, const std::string& storage, std::uint8_t numel,
                              std::uint8_t offset, const std::vector<std::uint8_t>& size,
                              const std::vector<std::uint8_t>& stride, const std::string& key = "0")
{
    PickleWriter p;
    p.global("collections", "OrderedDict").op(')').op('R').op('(').str(name);
    p.global("torch._utils", "_rebuild_tensor_v2").op('(');
    p.op('(').str("storage").global("torch", storage).str(key).str("cpu").integer(numel).op('t').op('Q');
    p.integer(offset).intTuple(size).intTuple(stride).op('\x89');
    p.global("collections", "OrderedDict").op(')').op('R').op('t').op('R').op('u');
    return p.done();
}

// Protocol buffer fields.
inline void pbVarint(QByteArray& b, std::uint64_t v)
{
    do {
        b.append(char((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
        v >>= 7;
    } while (v);
}
inline QByteArray pbField(int number, std::uint64_t v)
{
    QByteArray b;
    pbVarint(b, std::uint64_t(number) << 3 | 0);
    pbVarint(b, v);
    return b;
}
inline QByteArray pbField(int number, const QByteArray& bytes)
{
    QByteArray b;
    pbVarint(b, std::uint64_t(number) << 3 | 2);
    pbVarint(b, std::uint64_t(bytes.size()));
    return b + bytes;
}
// A ModelProto whose graph holds the given TensorProtos as initializers.
inline QByteArray onnxModel(const std::vector<QByteArray>& tensors)
{
    QByteArray graph;
    for (const auto& t : tensors)
        graph += pbField(5, t);
    return pbField(1, 8) + pbField(7, graph);
}

} // namespace qs::iotest
