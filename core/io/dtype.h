#pragma once
// Element types of the files Quantscope reads, and their conversion to the
// float32 the pipeline works on. One conversion path serves .npy (any byte
// order, C or Fortran order) and .safetensors (always little-endian, C order).
#include "io/progress.h"
#include "tensor/tensor.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace qs {

enum class DType {
    F16,
    BF16,
    F32,
    F64,
    F8E4M3,
    F8E5M2,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    Bool,
    F8E8M0, // OCP MX scale: 2^(e-127), 0xFF is NaN
    // Packed below a byte: element i sits at bits [i*b, i*b + b) of the little-endian
    // bit stream (4-bit: element 0 in the low nibble of byte 0).
    F4E2M1,
    F6E2M3,
    F6E3M2,
    I4,
    U4
};

// Bytes per element; 1 for the packed types, which need bitSize.
int itemSize(DType dtype);
int bitSize(DType dtype);
bool isPacked(DType dtype); // fewer than 8 bits per element
// Bytes that n elements occupy (packed types round up to whole bytes); -1 beyond 2^63.
std::int64_t storageBytes(DType dtype, std::int64_t n);
std::string dtypeName(DType dtype); // NumPy-style name: "float32", "bfloat16", "float8_e4m3fn", "bool"

// What the conversion to float32 did to the values. float32 holds every value of
// F16/BF16/FP8/int8/int16/uint8/uint16/bool exactly; int32/int64/uint32/uint64
// beyond 2^24 and float64 with more than 24 significant bits are rounded to
// nearest-even (counted in `inexact`), and float64 beyond the float32 range
// becomes +-Inf (counted in `overflowed`, and again as Inf by the statistics).
// Nothing is silent: `quantscope-cli info` prints both counts.
struct ConversionReport
{
    std::int64_t inexact = 0;
    std::int64_t overflowed = 0;
    ConversionReport& operator+=(const ConversionReport& o)
    {
        inexact += o.inexact;
        overflowed += o.overflowed;
        return *this;
    }
};

// Converts n elements stored contiguously at src (no alignment required) into dst.
// With fortranShape non-empty the source is in Fortran (column-major) order of
// that shape and dst receives C (row-major) order.
// With `progress`, C-order data is converted in chunks with a report after each
// (a mapped file is read from disk during the conversion); throws Cancelled.
void convertToFloat(const std::byte* src, DType dtype, bool bigEndian, std::int64_t n, float* dst,
                    ConversionReport& report, const Shape& fortranShape = {}, const ProgressCallback& progress = {});

class ByteSource;
// The same from n elements at `offset` of a source (core/io/inputfile.h). A file
// is read in bounded chunks, never mapped: float32 in native byte order goes
// straight into dst, other types through a 1 MiB buffer, Fortran order is
// scattered to C order as it arrives. Throws IoError (Changed when the file
// shrinks during the read) and Cancelled; `progress` is called after each chunk.
void convertToFloat(const ByteSource& source, std::uint64_t offset, DType dtype, bool bigEndian, std::int64_t n,
                    float* dst, ConversionReport& report, const Shape& fortranShape = {},
                    const ProgressCallback& progress = {});

// The decode tables (built once, exact; see dtype.cpp for how each is derived).
float halfToFloat(std::uint16_t bits);        // IEEE binary16
float bfloat16ToFloat(std::uint16_t bits);    // the top half of a binary32
const std::array<float, 256>& fp8E4M3Table(); // OCP E4M3 "fn": bias 7, no Inf, S.1111.111 is NaN
const std::array<float, 256>& fp8E5M2Table(); // OCP E5M2: bias 15, IEEE Inf/NaN
const std::array<float, 256>& e8m0Table();    // OCP MX E8M0: 2^(code-127), 255 is NaN
// OCP MX element formats, no Inf/NaN: E2M1 (bias 1, max 6), E2M3 (bias 1, max 7.5), E3M2 (bias 3, max 28).
const std::array<float, 16>& fp4E2M1Table();
const std::array<float, 64>& fp6E2M3Table();
const std::array<float, 64>& fp6E3M2Table();

// The largest float32 element count one tensor may have: derived from the memory
// the machine reports as available (half of it), never more than 2^34. Readers
// check every shape against this and against the bytes present before allocating.
std::int64_t maxTensorElements();

// Product of dims; throws IoError(BadShape) naming `file` on a negative
// dimension or a product beyond int64. No memory limit: readers first compare
// the count with the bytes present, then call checkMemoryLimit.
std::int64_t shapeProduct(const Shape& shape, const std::string& file);
// Throws IoError(TooLarge) when `elements` float32 values exceed maxTensorElements().
void checkMemoryLimit(std::int64_t elements, const Shape& shape, const std::string& file);
// Both, for sources without a byte count to compare against (generators, text).
std::int64_t checkedElementCount(const Shape& shape, const std::string& file);

// Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
// Returns the byte offset of the first invalid sequence, or -1 when all is valid.
std::int64_t firstInvalidUtf8(std::string_view text);

} // namespace qs
