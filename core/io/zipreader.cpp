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
// The central directory is read into memory: a million entries with 200-byte names fit.
constexpr std::uint64_t kMaxCentralDirectory = std::uint64_t(256) << 20;

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

ZipArchive::ZipArchive(std::shared_ptr<const ByteSource> source) : m_source(std::move(source)), m_file(m_source->name())
{
    readCentralDirectory();
}

ZipArchive::ZipArchive(std::span<const std::byte> bytes, std::string file)
    : ZipArchive(std::make_shared<const MemorySource>(bytes, std::move(file)))
{}

const ZipEntry* ZipArchive::find(const std::string& name) const
{
    for (const auto& e : m_entries)
        if (e.name == name)
            return &e;
    return nullptr;
}

void ZipArchive::readCentralDirectory()
{
    const std::uint64_t n = m_source->size();
    if (n < kEndSize)
        throw IoError(IoErrorKind::Truncated, m_file,
                      "truncated zip archive: " + std::to_string(n) + " bytes, the end record alone has 22");
    // The end record is the last 22 bytes plus a comment of at most 65535 bytes; the
    // one whose comment length reaches exactly the end of the file is the real one
    // (a signature inside the comment would not).
    // The records at the end are read into a buffer of our own: the tail of at most
    // 65535 + 22 bytes, with room for the zip64 locator before it.
    const std::uint64_t tailStart = n > kEndSize + 65535 + kLocatorSize ? n - (kEndSize + 65535 + kLocatorSize) : 0;
    std::vector<std::byte> tailBytes(std::size_t(n - tailStart));
    m_source->read(tailStart, tailBytes.data(), tailBytes.size());
    const std::byte* tail = tailBytes.data();
    std::uint64_t endAt = std::uint64_t(-1);
    const std::uint64_t lowest = n - kEndSize > 65535 ? n - kEndSize - 65535 : 0;
    for (std::uint64_t at = n - kEndSize + 1; at-- > lowest;) {
        if (loadLE(tail + (at - tailStart), 4) == kEndSig &&
            at + kEndSize + loadLE(tail + (at - tailStart) + 20, 2) == n) {
            endAt = at;
            break;
        }
    }
    if (endAt == std::uint64_t(-1))
        throw IoError(IoErrorKind::BadHeader, m_file,
                      "not a zip archive, or cut short: no end-of-central-directory record");
    ByteCursor end(std::span<const std::byte>(tailBytes).subspan(std::size_t(endAt - tailStart)), m_file);
    end.seek(4, "the end record");
    const std::uint16_t disk = end.le<std::uint16_t>("the end record");
    const std::uint16_t cdDisk = end.le<std::uint16_t>("the end record");
    std::uint64_t entriesOnDisk = end.le<std::uint16_t>("the end record");
    std::uint64_t count = end.le<std::uint16_t>("the end record");
    std::uint64_t cdSize = end.le<std::uint32_t>("the end record");
    std::uint64_t cdOffset = end.le<std::uint32_t>("the end record");
    bool multiDisk = disk != 0 || cdDisk != 0 || entriesOnDisk != count;
    // Zip64: a locator just before the end record points at the zip64 end record,
    // which holds the 64-bit counts, size and offset.
    if (endAt >= tailStart + kLocatorSize && loadLE(tail + (endAt - tailStart) - kLocatorSize, 4) == kZip64LocatorSig) {
        ByteCursor loc(std::span<const std::byte>(tailBytes).subspan(std::size_t(endAt - tailStart - kLocatorSize)),
                       m_file);
        loc.seek(4, "the zip64 locator");
        const std::uint32_t z64Disk = loc.le<std::uint32_t>("the zip64 locator");
        const std::uint64_t z64At = loc.le<std::uint64_t>("the zip64 locator");
        const std::uint32_t disks = loc.le<std::uint32_t>("the zip64 locator");
        if (z64Disk != 0 || disks > 1)
            multiDisk = true;
        if (z64At > endAt - kLocatorSize)
            throw IoError(IoErrorKind::BadOffsets, m_file, "the zip64 end record offset is beyond the locator");
        // The fixed part of the zip64 end record: 56 bytes (fewer when the file ends first).
        std::vector<std::byte> z64(std::size_t(std::min<std::uint64_t>(56, endAt - kLocatorSize - z64At)));
        m_source->read(z64At, z64.data(), z64.size());
        ByteCursor z(z64, m_file);
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
    if (cdSize > kMaxCentralDirectory)
        throw IoError(IoErrorKind::TooLarge, m_file,
                      "a central directory of " + std::to_string(cdSize) + " bytes exceeds the limit of " +
                          std::to_string(kMaxCentralDirectory));
    std::vector<std::byte> cdBytes(static_cast<std::size_t>(cdSize));
    m_source->read(cdOffset, cdBytes.data(), cdBytes.size());
    ByteCursor cd(cdBytes, m_file);
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
        if (e.headerOffset > cdOffset)
            throw IoError(IoErrorKind::BadOffsets, m_file,
                          "zip entry '" + e.name + "' starts beyond the central directory");
        std::byte localBytes[30];
        const std::size_t localSize = std::size_t(std::min<std::uint64_t>(30, n - e.headerOffset));
        m_source->read(e.headerOffset, localBytes, localSize);
        ByteCursor local(std::span<const std::byte>(localBytes, localSize), m_file);
        if (local.le<std::uint32_t>("a local header") != kLocalSig)
            throw IoError(IoErrorKind::BadHeader, m_file, "zip entry '" + e.name + "' has no local header");
        local.skip(22, "a local header");
        const std::uint16_t localName = local.le<std::uint16_t>("a local header");
        const std::uint16_t localExtra = local.le<std::uint16_t>("a local header");
        e.dataOffset = e.headerOffset + 30 + localName + localExtra;
        if (e.dataOffset > n)
            throw IoError(IoErrorKind::Truncated, m_file,
                          "truncated or corrupt: the local header of zip entry '" + e.name + "' runs past the end");
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

SliceSource ZipArchive::stored(const ZipEntry& e, const std::string& name) const
{
    if (e.method != 0)
        throw IoError(IoErrorKind::Refused, m_file, "zip entry '" + e.name + "' is compressed");
    return SliceSource(*m_source, e.dataOffset, e.size, name);
}

namespace {

std::uint32_t crcOf(std::span<const std::byte> b, std::uint32_t crc = 0)
{
    return std::uint32_t(crc32_z(crc, reinterpret_cast<const Bytef*>(b.data()), b.size()));
}

} // namespace

void ZipArchive::verifyStored(const ZipEntry& e) const
{
    if (e.method != 0)
        throw IoError(IoErrorKind::Refused, m_file, "zip entry '" + e.name + "' is compressed");
    std::uint32_t crc = 0;
    m_source->readChunks(e.dataOffset, e.size, [&](std::span<const std::byte> chunk) { crc = crcOf(chunk, crc); });
    if (crc != e.crc32)
        throw IoError(IoErrorKind::BadHeader, m_file, "zip entry '" + e.name + "' fails its CRC-32 check");
}

namespace {

// zlib's stream, ended however the inflation ends (an IoError from a read, too).
struct Inflater
{
    z_stream z{};
    bool started = false;
    ~Inflater()
    {
        if (started)
            inflateEnd(&z);
    }
};

// Inflates the raw deflate data at [inOffset, +inSize) of `source` into out,
// reading the input in bounded chunks and stopping when out is full. Returns the
// bytes written; `complete` tells whether the stream ended exactly there.
std::size_t inflateInto(const ByteSource& source, std::uint64_t inOffset, std::uint64_t inSize,
                        std::span<std::byte> out, bool& complete, const std::string& file, const std::string& name)
{
    Inflater inf;
    z_stream& z = inf.z;
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        throw IoError(IoErrorKind::TooLarge, file, "cannot start inflating zip entry '" + name + "'");
    inf.started = true;
    std::vector<std::byte> in;
    std::uint64_t inPos = 0;
    std::size_t outPos = 0;
    int rc = Z_OK;
    complete = false;
    // zlib counts in 32-bit units: drain in pieces below 2^30.
    constexpr std::size_t kPiece = std::size_t(1) << 30;
    while (true) {
        if (z.avail_in == 0 && inPos < inSize) {
            const std::size_t piece = std::size_t(std::min<std::uint64_t>(kReadChunk, inSize - inPos));
            in.resize(piece);
            source.read(inOffset + inPos, in.data(), piece);
            z.next_in = reinterpret_cast<Bytef*>(in.data());
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
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_out == 0))
            throw IoError(IoErrorKind::BadHeader, file,
                          "zip entry '" + name + "' is not valid deflate data" +
                              (z.msg ? std::string(" (") + z.msg + ")" : std::string()));
        if (z.avail_in == 0 && inPos == inSize && z.avail_out != 0)
            break; // input exhausted before the stream ended
    }
    return outPos;
}

} // namespace

std::vector<std::byte> ZipArchive::head(const ZipEntry& e, std::size_t n) const
{
    const std::size_t want = std::size_t(std::min<std::uint64_t>(n, e.size));
    std::vector<std::byte> out(want);
    if (e.method == 0) {
        m_source->read(e.dataOffset, out.data(), want);
        return out;
    }
    if (e.method != 8)
        throw IoError(IoErrorKind::UnsupportedDtype, m_file,
                      "zip entry '" + e.name + "' is compressed with " + methodName(e.method) +
                          " (only stored and deflate are read)");
    bool complete = false;
    // short when the stream ends early
    out.resize(inflateInto(*m_source, e.dataOffset, e.compressedSize, out, complete, m_file, e.name));
    return out;
}

void ZipArchive::extract(const ZipEntry& e, std::span<std::byte> out) const
{
    if (out.size() != e.size)
        throw IoError(IoErrorKind::SizeMismatch, m_file, "zip entry '" + e.name + "': wrong output size");
    if (e.method == 0) {
        if (!out.empty())
            m_source->read(e.dataOffset, out.data(), out.size());
    } else if (e.method == 8) {
        bool complete = false;
        const std::size_t got = inflateInto(*m_source, e.dataOffset, e.compressedSize, out, complete, m_file, e.name);
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
