#pragma once
// A small, strict reader of zip archives (PKWARE APPNOTE 6.3): what .npz files
// (numpy.savez / savez_compressed) and PyTorch checkpoints (torch.save) are.
// Only what those writers produce is accepted: one disk, entries stored (method 0)
// or deflated (method 8), zip64 sizes and offsets, no encryption.
//
// Zip bombs are bounded before a byte is inflated: an entry may not claim more
// than deflate can produce from its compressed bytes (1032 : 1), entries may not
// share bytes (the overlapping-entry bomb), inflation stops at the declared size
// (a stream that would give more is an error), and callers pass their own cap
// (a tensor's bytes from its header and shape) on top. The CRC-32 of every
// inflated entry is checked.
// The archive is read by position through a ByteSource (core/io/inputfile.h),
// never through a mapping: an archive truncated while it is read gives an
// IoError, not SIGBUS.
#include "io/inputfile.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct ZipEntry
{
    std::string name;
    std::uint16_t method = 0; // 0 stored, 8 deflated
    std::uint16_t flags = 0;
    std::uint32_t crc32 = 0;
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;         // uncompressed
    std::uint64_t headerOffset = 0; // of the local header
    std::uint64_t dataOffset = 0;   // of the (compressed) data, after the local header
};

class ZipArchive
{
public:
    // Reads the central directory and every local header. Throws IoError naming the source.
    explicit ZipArchive(std::shared_ptr<const ByteSource> source);
    // Bytes in memory (they must outlive the archive).
    ZipArchive(std::span<const std::byte> bytes, std::string file);

    const std::vector<ZipEntry>& entries() const { return m_entries; }
    const ZipEntry* find(const std::string& name) const;
    const std::string& file() const { return m_file; }

    const ByteSource& source() const { return *m_source; }
    // The stored bytes of an entry (method 0) as a source of its own, named `name`.
    SliceSource stored(const ZipEntry& e, const std::string& name) const;
    // Checks the CRC-32 of a stored entry, reading it in bounded chunks (extract()
    // checks every entry it inflates).
    void verifyStored(const ZipEntry& e) const;
    // The first min(n, size) uncompressed bytes (stored: a copy; deflated: inflated, CRC unchecked),
    // fewer when a deflate stream ends early (extract() then refuses the entry).
    std::vector<std::byte> head(const ZipEntry& e, std::size_t n) const;
    // The whole entry uncompressed into `out` (which must have exactly e.size bytes), CRC checked.
    void extract(const ZipEntry& e, std::span<std::byte> out) const;

private:
    void readCentralDirectory();
    std::shared_ptr<const ByteSource> m_source;
    std::string m_file;
    std::vector<ZipEntry> m_entries;
};

// Whether the bytes start like a zip archive ("PK\3\4", or an empty archive "PK\5\6").
bool looksLikeZip(std::span<const std::byte> head);

} // namespace qs
