#include "io/dtype.h"

#include "io/inputfile.h"
#include "io/ioerror.h"


#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>

namespace qs {

int itemSize(DType dtype)
{
    switch (dtype) {
    case DType::F8E4M3:
    case DType::F8E5M2:
    case DType::F8E8M0:
    case DType::I8:
    case DType::U8:
    case DType::Bool:
    case DType::F4E2M1:
    case DType::F6E2M3:
    case DType::F6E3M2:
    case DType::I4:
    case DType::U4: return 1;
    case DType::F16:
    case DType::BF16:
    case DType::I16:
    case DType::U16: return 2;
    case DType::F32:
    case DType::I32:
    case DType::U32: return 4;
    case DType::F64:
    case DType::I64:
    case DType::U64: return 8;
    }
    return 1;
}

int bitSize(DType dtype)
{
    switch (dtype) {
    case DType::F4E2M1:
    case DType::I4:
    case DType::U4: return 4;
    case DType::F6E2M3:
    case DType::F6E3M2: return 6;
    default: return 8 * itemSize(dtype);
    }
}

bool isPacked(DType dtype)
{
    return bitSize(dtype) < 8;
}

std::int64_t storageBytes(DType dtype, std::int64_t n)
{
    const std::int64_t bits = bitSize(dtype);
    if (n < 0 || n > std::numeric_limits<std::int64_t>::max() / bits)
        return -1;
    return (n * bits + 7) / 8;
}

std::string dtypeName(DType dtype)
{
    switch (dtype) {
    case DType::F16: return "float16";
    case DType::BF16: return "bfloat16";
    case DType::F32: return "float32";
    case DType::F64: return "float64";
    case DType::F8E4M3: return "float8_e4m3fn";
    case DType::F8E5M2: return "float8_e5m2";
    case DType::I8: return "int8";
    case DType::I16: return "int16";
    case DType::I32: return "int32";
    case DType::I64: return "int64";
    case DType::U8: return "uint8";
    case DType::U16: return "uint16";
    case DType::U32: return "uint32";
    case DType::U64: return "uint64";
    case DType::Bool: return "bool";
    case DType::F8E8M0: return "float8_e8m0fnu";
    case DType::F4E2M1: return "float4_e2m1fn";
    case DType::F6E2M3: return "float6_e2m3fn";
    case DType::F6E3M2: return "float6_e3m2fn";
    case DType::I4: return "int4";
    case DType::U4: return "uint4";
    }
    return "?";
}

namespace {

// IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 fraction bits. Finite
// values are significand * 2^exponent computed with ldexp, which is exact here
// (every binary16 value is a binary32 value). Inf/NaN are built bit by bit so a
// NaN keeps its payload, as NumPy's own float16 -> float32 conversion does.
float decodeHalf(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h >> 15) << 31;
    const int e = (h >> 10) & 0x1f;
    const std::uint32_t m = h & 0x3ff;
    if (e == 0x1f)
        return std::bit_cast<float>(sign | 0x7f800000u | (m << 13));
    const float magnitude = e == 0 ? std::ldexp(float(m), -24) : std::ldexp(float(m | 0x400), e - 25);
    return sign ? -magnitude : magnitude;
}

const std::array<float, 65536>& halfTable()
{
    static const auto table = [] {
        auto t = std::make_unique<std::array<float, 65536>>();
        for (std::uint32_t i = 0; i < 65536; ++i)
            (*t)[i] = decodeHalf(std::uint16_t(i));
        return t;
    }();
    return *table;
}

// Reads an unaligned T stored in the file's byte order.
template <typename T> inline T load(const std::byte* p, bool swap)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    if constexpr (sizeof(T) > 1) {
        if (swap) {
            using U = std::conditional_t<sizeof(T) == 2, std::uint16_t,
                                         std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;
            U u;
            std::memcpy(&u, &v, sizeof(T));
            if constexpr (sizeof(T) == 2)
                u = std::uint16_t((u >> 8) | (u << 8));
            else if constexpr (sizeof(T) == 4)
                u = __builtin_bswap32(u);
            else
                u = __builtin_bswap64(u);
            std::memcpy(&v, &u, sizeof(T));
        }
    }
    return v;
}

// One element of each dtype to float32, counting what the conversion changed.
struct Decoders
{
    bool swap;
    ConversionReport& report;

    float f16(const std::byte* p) const { return halfTable()[load<std::uint16_t>(p, swap)]; }
    float bf16(const std::byte* p) const { return bfloat16ToFloat(load<std::uint16_t>(p, swap)); }
    float f32(const std::byte* p) const { return load<float>(p, swap); }
    float f64(const std::byte* p) const
    {
        const double d = load<double>(p, swap);
        const float f = float(d);
        if (std::isfinite(d) && std::isinf(f))
            ++report.overflowed;
        else if (double(f) != d && !std::isnan(d))
            ++report.inexact;
        return f;
    }
    float e4m3(const std::byte* p) const { return fp8E4M3Table()[std::to_integer<unsigned>(*p)]; }
    float e5m2(const std::byte* p) const { return fp8E5M2Table()[std::to_integer<unsigned>(*p)]; }
    float i8(const std::byte* p) const { return float(load<std::int8_t>(p, false)); }
    float u8(const std::byte* p) const { return float(load<std::uint8_t>(p, false)); }
    float boolean(const std::byte* p) const { return *p != std::byte{0} ? 1.0f : 0.0f; }
    float i16(const std::byte* p) const { return float(load<std::int16_t>(p, swap)); }
    float u16(const std::byte* p) const { return float(load<std::uint16_t>(p, swap)); }
    float i32(const std::byte* p) const
    {
        const std::int32_t v = load<std::int32_t>(p, swap);
        const float f = float(v);
        if (std::int64_t(f) != v)
            ++report.inexact;
        return f;
    }
    float u32(const std::byte* p) const
    {
        const std::uint32_t v = load<std::uint32_t>(p, swap);
        const float f = float(v);
        if (std::uint64_t(f) != v)
            ++report.inexact;
        return f;
    }
    float i64(const std::byte* p) const
    {
        const std::int64_t v = load<std::int64_t>(p, swap);
        const float f = float(v);
        // float(v) may round up to 2^63, which no int64 holds: compare before casting back.
        if (f >= 9.2233720368547758e18f || std::int64_t(f) != v)
            ++report.inexact;
        return f;
    }
    float u64(const std::byte* p) const
    {
        const std::uint64_t v = load<std::uint64_t>(p, swap);
        const float f = float(v);
        if (f >= 1.8446744073709552e19f || std::uint64_t(f) != v)
            ++report.inexact;
        return f;
    }
};

// Runs `one` over every element, writing C order. For Fortran order the source
// index of C-order position (i0, ..., ik) is sum(i_j * prod(d_0..d_{j-1})): an
// odometer over the output keeps that offset without a division per element.
template <typename One>
void convertWith(const std::byte* src, int size, std::int64_t n, float* dst, const Shape& fortranShape, One one)
{
    if (fortranShape.size() < 2) {
        for (std::int64_t i = 0; i < n; ++i)
            dst[i] = one(src + i * size);
        return;
    }
    const std::size_t rank = fortranShape.size();
    std::vector<std::int64_t> stride(rank), index(rank, 0);
    std::int64_t s = 1;
    for (std::size_t k = 0; k < rank; ++k) {
        stride[k] = s;
        s *= fortranShape[k];
    }
    std::int64_t offset = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        dst[i] = one(src + offset * size);
        for (std::size_t k = rank; k-- > 0;) {
            offset += stride[k];
            if (++index[k] < fortranShape[k])
                break;
            offset -= stride[k] * fortranShape[k];
            index[k] = 0;
        }
    }
}

// Where the next Fortran-order source element goes in the C-order output when
// the source arrives in pieces (a file read in chunks): the Fortran index
// (i0 fastest) as an odometer, and its C-order offset sum(i_k * prod(d_{k+1..})).
struct FortranCursor
{
    explicit FortranCursor(const Shape& shape) : dims(shape), cStride(shape.size()), index(shape.size(), 0)
    {
        std::int64_t s = 1;
        for (std::size_t k = shape.size(); k-- > 0;) {
            cStride[k] = s;
            s *= std::max<std::int64_t>(shape[k], 1);
        }
    }
    Shape dims;
    std::vector<std::int64_t> cStride, index;
    std::int64_t offset = 0;
};

// Runs `one` over n consecutive source elements in Fortran order, scattering them to C order.
template <typename One>
void scatterWith(const std::byte* src, int size, std::int64_t n, float* dst, FortranCursor& c, One one)
{
    const std::size_t rank = c.dims.size();
    for (std::int64_t i = 0; i < n; ++i) {
        dst[c.offset] = one(src + i * size);
        for (std::size_t k = 0; k < rank; ++k) {
            c.offset += c.cStride[k];
            if (++c.index[k] < c.dims[k])
                break;
            c.offset -= c.cStride[k] * c.dims[k];
            c.index[k] = 0;
        }
    }
}

// Calls f(one) with the element decoder of `dtype`.
template <typename F> void withDecoder(DType dtype, const Decoders& d, F&& f)
{
    switch (dtype) {
    case DType::F16: f([&](const std::byte* p) { return d.f16(p); }); break;
    case DType::BF16: f([&](const std::byte* p) { return d.bf16(p); }); break;
    case DType::F32: f([&](const std::byte* p) { return d.f32(p); }); break;
    case DType::F64: f([&](const std::byte* p) { return d.f64(p); }); break;
    case DType::F8E4M3: f([&](const std::byte* p) { return d.e4m3(p); }); break;
    case DType::F8E5M2: f([&](const std::byte* p) { return d.e5m2(p); }); break;
    case DType::I8: f([&](const std::byte* p) { return d.i8(p); }); break;
    case DType::U8: f([&](const std::byte* p) { return d.u8(p); }); break;
    case DType::Bool: f([&](const std::byte* p) { return d.boolean(p); }); break;
    case DType::I16: f([&](const std::byte* p) { return d.i16(p); }); break;
    case DType::U16: f([&](const std::byte* p) { return d.u16(p); }); break;
    case DType::I32: f([&](const std::byte* p) { return d.i32(p); }); break;
    case DType::U32: f([&](const std::byte* p) { return d.u32(p); }); break;
    case DType::I64: f([&](const std::byte* p) { return d.i64(p); }); break;
    case DType::U64: f([&](const std::byte* p) { return d.u64(p); }); break;
    case DType::F8E8M0: f([](const std::byte* p) { return e8m0Table()[std::to_integer<unsigned>(*p)]; }); break;
    case DType::F4E2M1:
    case DType::F6E2M3:
    case DType::F6E3M2:
    case DType::I4:
    case DType::U4: break; // packed: several elements per byte, convertPacked
    }
}

bool needsSwap(bool bigEndian)
{
    return bigEndian != (std::endian::native == std::endian::big);
}

void convertAll(const std::byte* src, DType dtype, bool bigEndian, std::int64_t n, float* dst, ConversionReport& report,
                const Shape& fortranShape)
{
    if (n <= 0)
        return;
    const bool swap = needsSwap(bigEndian);
    if (dtype == DType::F32 && !swap && fortranShape.size() < 2) {
        // The common case of a large file: one straight copy.
        std::memcpy(dst, src, std::size_t(n) * 4);
        return;
    }
    const Decoders d{swap, report};
    withDecoder(dtype, d, [&](auto one) { convertWith(src, itemSize(dtype), n, dst, fortranShape, one); });
}

} // namespace

float halfToFloat(std::uint16_t bits)
{
    return halfTable()[bits];
}

float bfloat16ToFloat(std::uint16_t bits)
{
    // bfloat16 is by definition the upper 16 bits of a binary32: exact, NaN payload kept.
    return std::bit_cast<float>(std::uint32_t(bits) << 16);
}

const std::array<float, 256>& fp8E4M3Table()
{
    // OCP 8-bit Floating Point Specification (OFP8) v1.0, E4M3: exponent bias 7,
    // subnormals m * 2^-9, no infinities, S.1111.111 is NaN (so the max is 448).
    static const std::array<float, 256> table = [] {
        std::array<float, 256> t{};
        for (int code = 0; code < 256; ++code) {
            const int e = (code >> 3) & 0xf;
            const int m = code & 7;
            float v;
            if (e == 15 && m == 7)
                v = std::numeric_limits<float>::quiet_NaN();
            else if (e == 0)
                v = std::ldexp(float(m), -9);
            else
                v = std::ldexp(float(8 + m), e - 10);
            t[std::size_t(code)] = (code & 0x80) ? -v : v;
        }
        return t;
    }();
    return table;
}

const std::array<float, 256>& fp8E5M2Table()
{
    // OFP8 E5M2 is IEEE-like with bias 15: exactly the upper byte of a binary16.
    static const std::array<float, 256> table = [] {
        std::array<float, 256> t{};
        for (int code = 0; code < 256; ++code)
            t[std::size_t(code)] = decodeHalf(std::uint16_t(code << 8));
        return t;
    }();
    return table;
}

const std::array<float, 256>& e8m0Table()
{
    // OCP Microscaling Formats (MX) v1.0, E8M0: an unsigned power of two 2^(e - 127)
    // (2^-127 is a float32 subnormal, exact), code 255 is NaN; no zero.
    static const std::array<float, 256> table = [] {
        std::array<float, 256> t{};
        for (int e = 0; e < 255; ++e)
            t[std::size_t(e)] = std::ldexp(1.0f, e - 127);
        t[255] = std::numeric_limits<float>::quiet_NaN();
        return t;
    }();
    return table;
}

namespace {
// A small float with `eb` exponent bits of bias `bias`, `mb` mantissa bits and
// subnormals, no Inf/NaN (the OCP MX element formats): sign bit on top.
template <std::size_t N> std::array<float, N> miniFloatTable(int eb, int mb, int bias)
{
    std::array<float, N> t{};
    for (std::size_t code = 0; code < N; ++code) {
        const int m = int(code) & ((1 << mb) - 1);
        const int e = (int(code) >> mb) & ((1 << eb) - 1);
        const float v = e == 0 ? std::ldexp(float(m), 1 - bias - mb) : std::ldexp(float((1 << mb) + m), e - bias - mb);
        t[code] = (code >> (eb + mb)) & 1 ? -v : v;
    }
    return t;
}
} // namespace

const std::array<float, 16>& fp4E2M1Table()
{
    static const auto table = miniFloatTable<16>(2, 1, 1);
    return table;
}
const std::array<float, 64>& fp6E2M3Table()
{
    static const auto table = miniFloatTable<64>(2, 3, 1);
    return table;
}
const std::array<float, 64>& fp6E3M2Table()
{
    static const auto table = miniFloatTable<64>(3, 2, 3);
    return table;
}

namespace {
// Packed elements: element i at bits [i*b, i*b + b) of the little-endian bit stream.
void convertPacked(const std::byte* src, DType dtype, std::int64_t n, float* dst)
{
    const int b = bitSize(dtype);
    const unsigned mask = (1u << b) - 1;
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t bit = i * b;
        const std::size_t byte = std::size_t(bit / 8);
        const int shift = int(bit % 8);
        unsigned v = std::to_integer<unsigned>(src[byte]) >> shift;
        if (shift + b > 8)
            v |= std::to_integer<unsigned>(src[byte + 1]) << (8 - shift);
        v &= mask;
        switch (dtype) {
        case DType::F4E2M1: dst[i] = fp4E2M1Table()[v]; break;
        case DType::F6E2M3: dst[i] = fp6E2M3Table()[v]; break;
        case DType::F6E3M2: dst[i] = fp6E3M2Table()[v]; break;
        case DType::I4: dst[i] = float(v >= 8 ? int(v) - 16 : int(v)); break;
        default: dst[i] = float(v); break; // U4
        }
    }
}
} // namespace

void convertToFloat(const std::byte* src, DType dtype, bool bigEndian, std::int64_t n, float* dst,
                    ConversionReport& report, const Shape& fortranShape, const ProgressCallback& progress)
{
    if (isPacked(dtype)) { // only C order (no packed type comes from .npy)
        convertPacked(src, dtype, n, dst);
        reportProgress(progress, 1.0);
        return;
    }
    // Fortran order reads the whole source for every output row: no chunking.
    if (!progress || fortranShape.size() >= 2) {
        convertAll(src, dtype, bigEndian, n, dst, report, fortranShape);
        reportProgress(progress, 1.0);
        return;
    }
    const std::int64_t size = itemSize(dtype);
    for (std::int64_t start = 0; start < n; start += 4 * kProgressChunk) {
        const std::int64_t count = std::min(n - start, 4 * kProgressChunk);
        convertAll(src + start * size, dtype, bigEndian, count, dst + start, report, {});
        reportProgress(progress, double(start + count) / double(n));
    }
}

void convertToFloat(const ByteSource& source, std::uint64_t offset, DType dtype, bool bigEndian, std::int64_t n,
                    float* dst, ConversionReport& report, const Shape& fortranShape, const ProgressCallback& progress)
{
    if (n <= 0) {
        reportProgress(progress, 1.0);
        return;
    }
    if (isPacked(dtype)) {
        // Packed elements straddle bytes; these tensors are small (at most a few bits
        // per value), so they are read whole into a buffer first.
        const std::int64_t stored = storageBytes(dtype, n);
        if (stored < 0 || std::uint64_t(stored) > source.size())
            throw IoError(IoErrorKind::Truncated, source.name(), "truncated: the data extends beyond the end");
        std::vector<std::byte> packed(static_cast<std::size_t>(stored));
        source.read(offset, packed.data(), packed.size());
        convertPacked(packed.data(), dtype, n, dst);
        reportProgress(progress, 1.0);
        return;
    }
    const int size = itemSize(dtype);
    if (std::uint64_t(n) > (std::numeric_limits<std::uint64_t>::max() - offset) / std::uint64_t(size))
        throw IoError(IoErrorKind::SizeMismatch, source.name(), "the data extends beyond 2^64 bytes");
    const std::uint64_t bytes = std::uint64_t(n) * std::uint64_t(size);
    if (const auto mem = source.memory(); !mem.empty()) {
        if (offset > mem.size() || bytes > mem.size() - offset)
            throw IoError(IoErrorKind::Truncated, source.name(), "truncated: the data extends beyond the end");
        convertToFloat(mem.data() + offset, dtype, bigEndian, n, dst, report, fortranShape, progress);
        return;
    }
    const bool fortran = fortranShape.size() >= 2;
    if (dtype == DType::F32 && !needsSwap(bigEndian) && !fortran) {
        // float32 in native order: read straight into the tensor, no second copy.
        constexpr std::int64_t chunk = 4 * kProgressChunk;
        for (std::int64_t start = 0; start < n; start += chunk) {
            const std::int64_t count = std::min(n - start, chunk);
            source.read(offset + std::uint64_t(start) * 4, dst + start, std::size_t(count) * 4);
            reportProgress(progress, double(start + count) / double(n));
        }
        return;
    }
    // Everything else is decoded from a bounded buffer; Fortran order is
    // scattered to C order as the source arrives (no whole-file copy).
    std::optional<FortranCursor> cursor;
    if (fortran)
        cursor.emplace(fortranShape);
    const Decoders d{needsSwap(bigEndian), report};
    std::int64_t done = 0, nextReport = 4 * kProgressChunk;
    const std::size_t chunkBytes = kReadChunk / std::size_t(size) * std::size_t(size);
    source.readChunks(
        offset, bytes,
        [&](std::span<const std::byte> chunk) {
            const std::int64_t count = std::int64_t(chunk.size()) / size;
            withDecoder(dtype, d, [&](auto one) {
                if (cursor)
                    scatterWith(chunk.data(), size, count, dst, *cursor, one);
                else
                    convertWith(chunk.data(), size, count, dst + done, {}, one);
            });
            done += count;
            if (done >= nextReport || done == n) {
                reportProgress(progress, double(done) / double(n));
                nextReport = done + 4 * kProgressChunk;
            }
        },
        chunkBytes);
}

} // namespace qs
