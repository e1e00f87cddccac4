#pragma once
// .safetensors reader (format of huggingface/safetensors): an 8-byte
// little-endian header length N, N bytes of a UTF-8 JSON object
//   {"NAME": {"dtype": "F32", "shape": [2, 3], "data_offsets": [BEGIN, END]}, ...,
//    "__metadata__": {"key": "value", ...}}
// then the data buffer; offsets are relative to the buffer, data is little-endian
// and C order. Everything in the header is validated before any tensor is
// allocated: sizes, offsets (in range, not overlapping, END - BEGIN = count x
// itemsize), dtypes, duplicate names (which a JSON object model would hide).
#include "io/dtype.h"
#include "io/tensorsource.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct SafetensorsEntry
{
    std::string name;      // printable (core/io/printable.h): what is shown and selected
    std::string rawName;   // as stored (decoded: may hold a NUL or a lone surrogate) when that
                           // differs from `name`; empty when the stored name is printable
    std::string dtypeName; // as written: "F32", "BF16"...
    DType dtype = DType::F32;
    Shape shape;
    std::int64_t count = 0;
    std::uint64_t begin = 0, end = 0; // relative to the data buffer
};

struct SafetensorsHeader
{
    std::vector<SafetensorsEntry> tensors; // sorted by (printable) name, which is unique (listings use natural order)
    std::map<std::string, std::string> metadata;
    std::size_t dataOffset = 0; // 8 + N
    std::uint64_t dataSize = 0;

    // By printable name, else by the stored name; nullptr when neither matches.
    const SafetensorsEntry* find(const std::string& name) const;
};

constexpr std::uint64_t kMaxSafetensorsHeader = 100'000'000; // the limit of the reference implementation

class ByteSource;
// The header alone: read with a bounded JSON parser (core/io/jsoncursor.h), so
// its cost is the entries kept, not a document tree. Metadata keys and values
// are kept as stored (print them through qs::printable).
SafetensorsHeader parseSafetensorsHeader(const ByteSource& file);
SafetensorsHeader parseSafetensorsHeader(std::span<const std::byte> file, const std::string& fileName);

// One tensor; `name` empty picks the only tensor (an error listing the names when there are several).
// A file is read in bounded chunks; the caller checks file.verifyUnchanged() after the last read.
LoadedTensor readSafetensors(const ByteSource& file, const std::string& name, const ProgressCallback& progress = {});
LoadedTensor readSafetensors(std::span<const std::byte> file, const std::string& fileName, const std::string& name,
                             const ProgressCallback& progress = {});
LoadedTensor readSafetensorsTensor(const ByteSource& file, const SafetensorsHeader& header,
                                   const SafetensorsEntry& entry, const ProgressCallback& progress = {});
LoadedTensor readSafetensorsTensor(std::span<const std::byte> file, const SafetensorsHeader& header,
                                   const SafetensorsEntry& entry, const std::string& fileName,
                                   const ProgressCallback& progress = {});
LoadedTensor readSafetensorsFile(const std::string& path, const std::string& name);

} // namespace qs
