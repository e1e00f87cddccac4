#pragma once
// NumPy .npy reader (format documented in numpy/lib/format.py and NEP 1):
//   "\x93NUMPY", major, minor, header length (uint16 LE for 1.0, uint32 LE for
//   2.0 and 3.0), then a Python dict literal {'descr': ..., 'fortran_order': ...,
//   'shape': (...)} padded with spaces and ended by '\n' (latin-1 for 1.0/2.0,
//   UTF-8 for 3.0), then the raw array bytes.
// The dict is parsed by a small strict parser (never evaluated); object dtypes
// and pickles are refused.
#include "io/dtype.h"
#include "io/tensorsource.h"

#include <cstddef>
#include <span>
#include <string>

namespace qs {

struct NpyHeader
{
    int major = 1, minor = 0;
    DType dtype = DType::F32;
    std::string descr; // as written, e.g. "<f4"
    bool bigEndian = false;
    bool fortranOrder = false;
    Shape shape;
    std::int64_t count = 0;
    std::size_t dataOffset = 0;
};

// Parses and validates the header against the file size (the data must be
// exactly count x itemsize bytes). Throws IoError naming `file`.
class ByteSource;
NpyHeader parseNpyHeader(const ByteSource& file);
NpyHeader parseNpyHeader(std::span<const std::byte> file, const std::string& fileName);

// The same checks on the first bytes of an array of `totalSize` bytes (an .npz
// member, of which only the head has been inflated), except the memory limit:
// listing a large array costs nothing, reading it is checked then.
NpyHeader parseNpyHeaderPrefix(std::span<const std::byte> head, std::uint64_t totalSize, const std::string& fileName);

// The whole array as float32 in C order. A file is read in bounded chunks
// (core/io/inputfile.h); the caller checks file.verifyUnchanged() at the end.
LoadedTensor readNpy(const ByteSource& file, const ProgressCallback& progress = {});
LoadedTensor readNpy(std::span<const std::byte> file, const std::string& fileName,
                     const ProgressCallback& progress = {});
LoadedTensor readNpyFile(const std::string& path);

} // namespace qs
