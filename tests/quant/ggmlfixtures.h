#pragma once
// Reader of tests/data/ggml/ggml_fixtures.bin (made by make_ggml_fixtures.py from
// llama.cpp's own library): the type table, the input rows, and for each record
// the bytes ggml wrote and, where kept, the floats ggml decoded from them.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace ggmlfx {

struct TypeRow
{
    std::uint32_t id = 0;
    std::string name;
    std::int64_t blockSize = 0;
    std::int64_t blockBytes = 0;
};

struct Case
{
    std::string name;
    std::vector<float> values;
};

struct Record
{
    std::uint32_t type = 0;
    std::uint32_t caseIndex = 0; // kNoCase: random bytes
    std::int64_t n = 0;
    std::vector<std::uint8_t> bytes;
    std::vector<float> dequantized; // empty when not kept
};

inline constexpr std::uint32_t kNoCase = 0xffffffffu;

// A long generated row (stressRow) and the sha256 of what ggml made of it.
struct Digest
{
    std::uint32_t type = 0;
    std::uint64_t seed = 0;
    std::int64_t n = 0;
    QByteArray bytesSha256;
    QByteArray valuesSha256;
};

struct Fixtures
{
    std::vector<TypeRow> types;
    std::vector<Case> cases;
    std::vector<Record> records;
    std::vector<Digest> digests;
};

// make_ggml_fixtures.py's stress_row(): exact float operations on splitmix64 outputs.
inline std::vector<float> stressRow(std::uint64_t seed, std::int64_t n)
{
    std::vector<float> out(static_cast<std::size_t>(n));
    std::uint64_t state = seed;
    int groupE = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        state += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        if (i % 16 == 0)
            groupE = int((z >> 32) % 20) - 12;
        const float m = float(z >> 40) * 0x1p-24f - 0.5f;
        const int e = int((z >> 3) & 7) - 4 + groupE + ((z & 0x3FF) == 0 ? 6 : 0);
        out[static_cast<std::size_t>(i)] = std::ldexp(m, e);
    }
    return out;
}

inline QString path()
{
    return QStringLiteral(QS_TEST_DATA_DIR "/ggml/ggml_fixtures.bin");
}

inline const Fixtures& load()
{
    static const Fixtures fx = [] {
        QFile f(path());
        if (!f.open(QIODevice::ReadOnly))
            throw std::runtime_error("cannot open " + path().toStdString());
        const QByteArray body = qUncompress(f.readAll());
        std::size_t pos = 0;
        auto take = [&](void* dst, std::size_t n) {
            if (pos + n > std::size_t(body.size()))
                throw std::runtime_error("ggml fixtures truncated");
            if (n == 0) // an empty field: dst may be an empty vector's null data()
                return;
            std::memcpy(dst, body.constData() + pos, n);
            pos += n;
        };
        auto u16 = [&] {
            std::uint16_t v;
            take(&v, 2);
            return v;
        };
        auto u32 = [&] {
            std::uint32_t v;
            take(&v, 4);
            return v;
        };
        auto i64 = [&] {
            std::int64_t v;
            take(&v, 8);
            return v;
        };
        auto str = [&] {
            std::string s(u16(), '\0');
            take(s.data(), s.size());
            return s;
        };
        auto floats = [&](std::size_t n) {
            std::vector<float> v(n);
            take(v.data(), 4 * n);
            return v;
        };
        Fixtures out;
        char magic[8];
        take(magic, 8);
        if (std::memcmp(magic, "QSGGMLFX", 8) != 0 || u32() != 1)
            throw std::runtime_error("not a ggml fixture file");
        for (std::uint32_t k = u32(); k > 0; --k) {
            TypeRow t;
            t.id = u32();
            t.name = str();
            t.blockSize = i64();
            t.blockBytes = i64();
            out.types.push_back(t);
        }
        for (std::uint32_t k = u32(); k > 0; --k) {
            Case c;
            c.name = str();
            c.values = floats(u32());
            out.cases.push_back(std::move(c));
        }
        for (std::uint32_t k = u32(); k > 0; --k) {
            Record r;
            r.type = u32();
            r.caseIndex = u32();
            r.n = u32();
            r.bytes.resize(u32());
            take(r.bytes.data(), r.bytes.size());
            r.dequantized = floats(u32());
            out.records.push_back(std::move(r));
        }
        for (std::uint32_t k = u32(); k > 0; --k) {
            Digest d;
            d.type = u32();
            take(&d.seed, 8);
            d.n = u32();
            d.bytesSha256.resize(32);
            take(d.bytesSha256.data(), 32);
            d.valuesSha256.resize(32);
            take(d.valuesSha256.data(), 32);
            out.digests.push_back(d);
        }
        return out;
    }();
    return fx;
}

// The bytes ggml wrote, except the codes of all-zero IQ4_NL blocks: this ggml skips such a block
// (d = 0) before clearing its codes and writes whatever its stack held; later llama.cpp writes 0s,
// and so do we (the values are 0 either way).
inline std::vector<std::uint8_t> expectedBytes(const Record& r)
{
    std::vector<std::uint8_t> bytes = r.bytes;
    if (r.type != 20 /* IQ4_NL */ || r.caseIndex == kNoCase)
        return bytes;
    const std::vector<float>& x = load().cases[r.caseIndex].values;
    for (std::size_t b = 0; b < x.size() / 32; ++b) {
        bool zero = true;
        for (std::size_t j = b * 32; j < (b + 1) * 32; ++j)
            zero = zero && std::fabs(x[j]) < 1e-15f;
        if (zero)
            std::fill(bytes.begin() + std::ptrdiff_t(b * 18 + 2), bytes.begin() + std::ptrdiff_t((b + 1) * 18), 0);
    }
    return bytes;
}

} // namespace ggmlfx
