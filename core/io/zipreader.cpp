#include "io/zipreader.h"

#include "io/bytecursor.h"
#include "io/dtype.h"
#include "io/ioerror.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace qs {
namespace {

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50,
                        kZip64EndSig = 0x06064b50, kZip64LocatorSig = 0x07064b50;
constexpr std::size_t kEndSize = 22, kLocatorSize = 20;
// Deflate emits at least one bit per 258 output bytes of a run (a length code
// plus a distance code), so no stream inflates more than about 1032 : 1.
constexpr std::uint64_t kMaxDeflateRatio = 1032;
// Far beyond any model checkpoint (a 400-layer model has a few thousand storages).
constexpr std::size_t kMaxEntries = 1'000'000;

std::string methodName(std::uint16_t m)
{
    switch (m) {
    case 1: return "shrink";
    case 6: return "implode";
    case 9: return "deflate64";
    case 12: return "bzip2";
    case 14: return "LZMA";
    case 93: return "zstd";
    case 95: return "xz";
    case 99: return "AES encryption";
    default: return "method " + std::to_string(m);
    }
}

} // namespace

bool looksLikeZip(std::span<const std::byte> head)
{
    if (head.size() < 4)
        return false;
    const std::uint64_t sig = loadLE(head.data(), 4);
    return sig == kLocalSig || sig == kEndSig;
}

ZipArchive::ZipArchive(std::span<const std::byte> bytes, std::string file) : m_bytes(bytes), m_file(std::move(file))
{
    readCentralDirectory();
}

const ZipEntry* ZipArchive::find(const std::string& name) const
{
    for (const auto& e : m_entries)
        if (e.name == name)
            return &e;
    return nullptr;
}

void ZipArchive::readCentralDirectory()
{
    const std::size_t n = m_bytes.size();
    if (n < kEndSize)
        throw IoError(IoErrorKind::Truncated, m_file,
                      "truncated zip archive: " + std::to_string(n) + " bytes, the end record alone has 22");
    // The end record is the last 22 bytes plus a comment of at most 65535 bytes; the
    // one whose comment length reaches exactly the end of the file is the real one
    // (a signature inside the comment would not).
    std::size_t endAt = std::string::npos;
    const std::size_t lowest = n - kEndSize > 65535 ? n - kEndSize - 65535 : 0;
    for (std::size_t at = n - kEndSize + 1; at-- > lowest;) {
        if (loadLE(m_bytes.data() + at, 4) == kEndSig && at + kEndSize + loadLE(m_bytes.data() + at + 20, 2) == n) {
            endAt = at;
            break;
        }
    }
    if (endAt == std::string::npos)
        throw IoError(IoErrorKind::BadHeader, m_file,
                      "not a zip archive, or cut short: no end-of-central-directory record");
    ByteCursor end(m_bytes, m_file);
    end.seek(endAt + 4, "the end record");
    const std::uint16_t disk = end.le<std::uint16_t>("the end record");
    const std::uint16_t cdDisk = end.le<std::uint16_t>("the end record");
    std::uint64_t entriesOnDisk = end.le<std::uint16_t>("the end record");
    std::uint64_t count = end.le<std::uint16_t>("the end record");
    std::uint64_t cdSize = end.le<std::uint32_t>("the end record");
    std::uint64_t cdOffset = end.le<std::uint32_t>("the end record");
    bool multiDisk = disk != 0 || cdDisk != 0 || entriesOnDisk != count;
    // Zip64: a locator just before the end record points at the zip64 end record,
    // which holds the 64-bit counts, size and offset.
    if (endAt >= kLocatorSize && loadLE(m_bytes.data() + endAt - kLocatorSize, 4) == kZip64LocatorSig) {
        ByteCursor loc(m_bytes, m_file);
        loc.seek(endAt - kLocatorSize + 4, "the zip64 locator");
        const std::uint32_t z64Disk = loc.le<std::uint32_t>("the zip64 locator");
        const std::uint64_t z64At = loc.le<std::uint64_t>("the zip64 locator");
        const std::uint32_t disks = loc.le<std::uint32_t>("the zip64 locator");
        if (z64Disk != 0 || disks > 1)
            multiDisk = true;
        ByteCursor z(m_bytes, m_file);
        if (z64At > endAt - kLocatorSize)
            throw IoError(IoErrorKind::BadOffsets, m_file, "the zip64 end record offset is beyond the locator");
        z.seek(z64At, "the zip64 end record");
        if (z.le<std::uint32_t>("the zip64 end record") != kZip64EndSig)
            throw IoError(IoErrorKind::BadHeader, m_file, "the zip64 locator points at no zip64 end record");
        z.skip(8 + 2 + 2, "the zip64 end record"); // record size, versions
        const std::uint32_t d = z.le<std::uint32_t>("the zip64 end record");
        const std::uint32_t dc = z.le<std::uint32_t>("the zip64 end record");
        entriesOnDisk = z.le<std::uint64_t>("the zip64 end record");
        count = z.le<std::uint64_t>("the zip64 end record");
        cdSize = z.le<std::uint64_t>("the zip64 end record");
        cdOffset = z.le<std::uint64_t>("the zip64 end record");
        multiDisk = multiDisk || d != 0 || dc != 0 || entriesOnDisk != count;
    }
    if (multiDisk)
        throw IoError(IoErrorKind::Refused, m_file, "multi-disk (split) zip archives are not read");
    if (cdOffset > endAt || cdSize > endAt - cdOffset)
        throw IoError(IoErrorKind::BadOffsets, m_file,
                      "the central directory [" + std::to_string(cdOffset) + ", +" + std::to_string(cdSize) +
                          "] is beyond the end record at " + std::to_string(endAt));
    // 46 bytes is the smallest central directory header: the count cannot exceed what fits.
    if (count > cdSize / 46 || count > kMaxEntries)
        throw IoError(IoErrorKind::BadHeader, m_file,
                      "the zip claims " + std::to_string(count) + " entries in a " + std::to_string(cdSize) +
                          "-byte central directory");
    ByteCursor cd(m_bytes.subspan(std::size_t(cdOffset), std::size_t(cdSize)), m_file);
    m_entries.reserve(std::size_t(count));
    std::set<std::string> names;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (cd.le<std::uint32_t>("a central directory header") != kCentralSig)
            throw IoError(IoErrorKind::BadHeader, m_file,
                          "central directory entry " + std::to_string(i) + " has a bad signature");
        ZipEntry e;
        cd.skip(4, "a central directory header"); // versions
        e.flags = cd.le<std::uint16_t>("a central directory header");
        e.method = cd.le<std::uint16_t>("a central directory header");
        cd.skip(4, "a central directory header"); // time, date
        e.crc32 = cd.le<std::uint32_t>("a central directory header");
        e.compressedSize = cd.le<std::uint32_t>("a central directory header");
        e.size = cd.le<std::uint32_t>("a central directory header");
        const std::uint16_t nameLen = cd.le<std::uint16_t>("a central directory header");
        const std::uint16_t extraLen = cd.le<std::uint16_t>("a central directory header");
        const std::uint16_t commentLen = cd.le<std::uint16_t>("a central directory header");
        std::uint32_t startDisk = cd.le<std::uint16_t>("a central directory header");
        cd.skip(2 + 4, "a central directory header"); // attributes
        e.headerOffset = cd.le<std::uint32_t>("a central directory header");
        e.name = std::string(cd.text(nameLen, "an entry name"));
        ByteCursor extra(cd.take(extraLen, "an extra field"), m_file);
        cd.skip(commentLen, "an entry comment");
        // The zip64 extra field (id 1) holds, in this order, only the 64-bit values whose
        // 32-bit fields are saturated.
        while (extra.remaining() >= 4) {
            const std::uint16_t id = extra.le<std::uint16_t>("an extra field");
            const std::uint16_t len = extra.le<std::uint16_t>("an extra field");
            ByteCursor field(extra.take(len, "an extra field"), m_file);
            if (id != 1)
                continue;
            if (e.size == 0xffffffffu)
                e.size = field.le<std::uint64_t>("the zip64 extra field");
            if (e.compressedSize == 0xffffffffu)
                e.compressedSize = field.le<std::uint64_t>("the zip64 extra field");
            if (e.headerOffset == 0xffffffffu)
                e.headerOffset = field.le<std::uint64_t>("the zip64 extra field");
            if (startDisk == 0xffff)
                startDisk = field.le<std::uint32_t>("the zip64 extra field");
        }
        if (startDisk != 0)
            throw IoError(IoErrorKind::Refused, m_file, "multi-disk (split) zip archives are not read");
        if (firstInvalidUtf8(e.name) >= 0)
            throw IoError(IoErrorKind::BadUtf8, m_file, "a zip entry name is not valid UTF-8");
        if (!names.insert(e.name).second)
            throw IoError(IoErrorKind::DuplicateName, m_file, "duplicate zip entry '" + e.name + "'");
        if (e.flags & 0x41)
            throw IoError(IoErrorKind::Refused, m_file, "zip entry '" + e.name + "' is encrypted");
        // Local header: its own name and extra lengths decide where the data starts.
        ByteCursor local(m_bytes, m_file);
        if (e.headerOffset > cdOffset)
            throw IoError(IoErrorKind::BadOffsets, m_file,
                          "zip entry '" + e.name + "' starts beyond the central directory");
        local.seek(e.headerOffset, "a local header");
        if (local.le<std::uint32_t>("a local header") != kLocalSig)
            throw IoError(IoErrorKind::BadHeader, m_file, "zip entry '" + e.name + "' has no local header");
        local.skip(22, "a local header");
        const std::uint16_t localName = local.le<std::uint16_t>("a local header");
        const std::uint16_t localExtra = local.le<std::uint16_t>("a local header");
        local.skip(std::uint64_t(localName) + localExtra, "a local header");
        e.dataOffset = local.pos();
        if (e.dataOffset > cdOffset || e.compressedSize > cdOffset - e.dataOffset)
            throw IoError(IoErrorKind::BadOffsets, m_file,
                          "zip entry '" + e.name + "' (" + std::to_string(e.compressedSize) +
                              " bytes) runs beyond the start of the central directory");
        if (e.method == 0 && e.compressedSize != e.size)
            throw IoError(IoErrorKind::SizeMismatch, m_file,
                          "stored zip entry '" + e.name + "' has different compressed and uncompressed sizes");
        if (e.method == 8 && e.size > e.compressedSize * kMaxDeflateRatio + 64)
            throw IoError(IoErrorKind::TooLarge, m_file,
                          "zip entry '" + e.name + "' claims " + std::to_string(e.size) + " bytes from " +
                              std::to_string(e.compressedSize) +
                              " compressed (more than deflate can give): a zip bomb?");
        m_entries.push_back(std::move(e));
    }
    // No two entries may share bytes: overlapping entries are how zip bombs multiply one
    // compressed stream into many outputs.
    std::vector<const ZipEntry*> byOffset;
    for (const auto& e : m_entries)
        byOffset.push_back(&e);
    std::sort(byOffset.begin(), byOffset.end(), [](auto* a, auto* b) { return a->headerOffset < b->headerOffset; });
    for (std::size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->headerOffset < byOffset[i - 1]->dataOffset + byOffset[i - 1]->compressedSize)
            throw IoError(IoErrorKind::BadOffsets, m_file,
                          "zip entries '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
                              "' overlap (a zip bomb?)");
}

std::span<const std::byte> ZipArchive::stored(const ZipEntry& e) const
{
    if (e.method != 0)
        throw IoError(IoErrorKind::Refused, m_file, "zip entry '" + e.name + "' is compressed");
    return m_bytes.subspan(std::size_t(e.dataOffset), std::size_t(e.size));
}

namespace {

std::uint32_t crcOf(std::span<const std::byte> b)
{
    uLong crc = crc32_z(0L, Z_NULL, 0);
    return std::uint32_t(crc32_z(crc, reinterpret_cast<const Bytef*>(b.data()), b.size()));
}

} // namespace

void ZipArchive::verifyStored(const ZipEntry& e) const
{
    if (crcOf(stored(e)) != e.crc32)
        throw IoError(IoErrorKind::BadHeader, m_file, "zip entry '" + e.name + "' fails its CRC-32 check");
}

namespace {

// Inflates raw deflate data into out, stopping when out is full. Returns the bytes
// written; `complete` tells whether the stream ended exactly there.
std::size_t inflateInto(std::span<const std::byte> in, std::span<std::byte> out, bool& complete,
                        const std::string& file, const std::string& name)
{
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        throw IoError(IoErrorKind::TooLarge, file, "cannot start inflating zip entry '" + name + "'");
    std::size_t inPos = 0, outPos = 0;
    int rc = Z_OK;
    complete = false;
    // zlib counts in 32-bit units: feed and drain in pieces below 2^30.
    constexpr std::size_t kPiece = std::size_t(1) << 30;
    while (true) {
        if (z.avail_in == 0 && inPos < in.size()) {
            const std::size_t piece = std::min(kPiece, in.size() - inPos);
            z.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data() + inPos));
            z.avail_in = uInt(piece);
            inPos += piece;
        }
        if (outPos == out.size()) {
            // Full: the stream must end here. One more byte of room tells whether it would go on.
            unsigned char probe = 0;
            z.next_out = &probe;
            z.avail_out = 1;
            rc = inflate(&z, Z_NO_FLUSH);
            complete = rc == Z_STREAM_END && z.avail_out == 1;
            break;
        }
        const std::size_t piece = std::min(kPiece, out.size() - outPos);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + outPos);
        z.avail_out = uInt(piece);
        rc = inflate(&z, Z_NO_FLUSH);
        outPos += piece - z.avail_out;
        if (rc == Z_STREAM_END) {
            complete = true;
            break;
        }
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_out == 0)) {
            inflateEnd(&z);
            throw IoError(IoErrorKind::BadHeader, file,
                          "zip entry '" + name + "' is not valid deflate data" +
                              (z.msg ? std::string(" (") + z.msg + ")" : std::string()));
        }
        if (z.avail_in == 0 && inPos == in.size() && z.avail_out != 0)
            break; // input exhausted before the stream ended
    }
    inflateEnd(&z);
    return outPos;
}

} // namespace

std::vector<std::byte> ZipArchive::head(const ZipEntry& e, std::size_t n) const
{
    const std::size_t want = std::size_t(std::min<std::uint64_t>(n, e.size));
    std::vector<std::byte> out(want);
    const auto in = m_bytes.subspan(std::size_t(e.dataOffset), std::size_t(e.compressedSize));
    if (e.method == 0) {
        std::memcpy(out.data(), in.data(), want);
        return out;
    }
    if (e.method != 8)
        throw IoError(IoErrorKind::UnsupportedDtype, m_file,
                      "zip entry '" + e.name + "' is compressed with " + methodName(e.method) +
                          " (only stored and deflate are read)");
    bool complete = false;
    out.resize(inflateInto(in, out, complete, m_file, e.name)); // short when the stream ends early
    return out;
}

void ZipArchive::extract(const ZipEntry& e, std::span<std::byte> out) const
{
    if (out.size() != e.size)
        throw IoError(IoErrorKind::SizeMismatch, m_file, "zip entry '" + e.name + "': wrong output size");
    const auto in = m_bytes.subspan(std::size_t(e.dataOffset), std::size_t(e.compressedSize));
    if (e.method == 0) {
        if (!out.empty())
            std::memcpy(out.data(), in.data(), out.size());
    } else if (e.method == 8) {
        bool complete = false;
        const std::size_t got = inflateInto(in, out, complete, m_file, e.name);
        if (got < out.size())
            throw IoError(IoErrorKind::Truncated, m_file,
                          "zip entry '" + e.name + "' inflates to " + std::to_string(got) +
                              " bytes, fewer than its declared " + std::to_string(e.size));
        if (!complete)
            throw IoError(IoErrorKind::SizeMismatch, m_file,
                          "zip entry '" + e.name + "' inflates to more than its declared " + std::to_string(e.size) +
                              " bytes (a zip bomb?)");
    } else {
        throw IoError(IoErrorKind::UnsupportedDtype, m_file,
                      "zip entry '" + e.name + "' is compressed with " + methodName(e.method) +
                          " (only stored and deflate are read)");
    }
    if (crcOf(out) != e.crc32)
        throw IoError(IoErrorKind::BadHeader, m_file, "zip entry '" + e.name + "' fails its CRC-32 check");
}

} // namespace qs
