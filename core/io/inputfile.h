#pragma once
// Reading files safely: by position (pread) into our own buffers, never through
// a live memory mapping. A mapped file that another program truncates while we
// read it kills the process with SIGBUS; a pread of the missing bytes only
// comes back short, which InputFile turns into a one-line IoError
// ("v.npy: changed while it was read ..."). pread has no shared file position,
// so several threads may read one InputFile at once.
//
// Every reader of core/io takes a ByteSource, so one parser serves a file on
// disk (InputFile) and bytes already in memory (MemorySource: the GUI's
// pasted text, the fuzzers, the tests). How a reader uses it:
//
//     const InputFile file(path);                      // regular files only
//     std::string head = file.readString(0, 16);       // a bounded header read
//     file.readChunks(offset, bytes, [&](std::span<const std::byte> chunk) {
//         ... convert chunk ...                        // bounded memory per chunk
//     });
//     file.verifyUnchanged();                          // after the last read
//
// Small whole files (sessions, settings JSON, training data) go through
// readSmallFile, which refuses devices and FIFOs and caps the size.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace qs {

// Chunk size of readChunks: large enough that a syscall per chunk costs
// nothing, small enough to stay in the cache while a chunk is converted.
inline constexpr std::size_t kReadChunk = std::size_t(1) << 20;

class ByteSource
{
public:
    virtual ~ByteSource() = default;

    // The name used in messages ("FILE: problem").
    virtual const std::string& name() const = 0;
    // The size when the source was opened; readers check every header against it.
    virtual std::uint64_t size() const = 0;
    // Copies exactly n bytes at offset into dst. Throws IoError: Truncated when
    // [offset, offset + n) is not inside size() (a reader asking beyond the
    // end), Changed when a file no longer holds bytes it had when opened,
    // ReadFailed on an I/O error. Thread-safe.
    virtual void read(std::uint64_t offset, void* dst, std::size_t n) const = 0;
    // Throws IoError(Changed) when the file's size or modification time differ
    // from those at open. Call it after the last read of a load. Memory: no-op.
    virtual void verifyUnchanged() const {}
    // The bytes themselves when they are in memory (no copy needed), else empty.
    virtual std::span<const std::byte> memory() const { return {}; }

    // n bytes at offset as a string (the caller bounds n: headers have limits).
    std::string readString(std::uint64_t offset, std::size_t n) const;
    // Calls consume(chunk) for consecutive chunks of at most chunkBytes that
    // together cover [offset, offset + n). A memory source passes views of its
    // bytes; a file reuses one buffer, so a chunk is valid only during the call.
    void readChunks(std::uint64_t offset, std::uint64_t n,
                    const std::function<void(std::span<const std::byte>)>& consume,
                    std::size_t chunkBytes = kReadChunk) const;

protected:
    // The Truncated error of a read beyond size().
    [[noreturn]] void throwBeyondEnd(std::uint64_t offset, std::uint64_t n) const;
};

// Bytes in memory (not owned: they must outlive the source).
class MemorySource final : public ByteSource
{
public:
    MemorySource(std::span<const std::byte> bytes, std::string name);
    MemorySource(std::string_view text, std::string name);
    const std::string& name() const override { return m_name; }
    std::uint64_t size() const override { return m_bytes.size(); }
    void read(std::uint64_t offset, void* dst, std::size_t n) const override;
    std::span<const std::byte> memory() const override { return m_bytes; }

private:
    std::span<const std::byte> m_bytes;
    std::string m_name;
};

// A byte range [offset, offset + size) of another source, read as a source of
// its own (an .npz member stored in its zip, a storage of a PyTorch archive).
// `parent` must outlive it; verifyUnchanged() checks the parent.
class SliceSource final : public ByteSource
{
public:
    // Throws IoError(Truncated) when the range is not inside parent.size().
    SliceSource(const ByteSource& parent, std::uint64_t offset, std::uint64_t size, std::string name);
    const std::string& name() const override { return m_name; }
    std::uint64_t size() const override { return m_size; }
    void read(std::uint64_t offset, void* dst, std::size_t n) const override;
    void verifyUnchanged() const override { m_parent.verifyUnchanged(); }
    std::span<const std::byte> memory() const override;

private:
    const ByteSource& m_parent;
    std::uint64_t m_offset, m_size;
    std::string m_name;
};

// A regular file opened for reading by position. The constructor throws
// IoError: NotFound (missing, unreadable, a directory, or not a regular file:
// a FIFO or device is refused without blocking on it) and Empty (0 bytes).
class InputFile final : public ByteSource
{
public:
    explicit InputFile(std::string path);
    ~InputFile() override;
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    const std::string& name() const override { return m_path; }
    std::uint64_t size() const override { return m_size; }
    void read(std::uint64_t offset, void* dst, std::size_t n) const override;
    void verifyUnchanged() const override;

private:
    [[noreturn]] void throwChanged(const std::string& how) const;

    std::string m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
    std::int64_t m_mtimeSec = 0, m_mtimeNsec = 0;
};

// The sizes readSmallFile is used with: sessions and settings JSON (a session
// embeds pasted values, so it may be a few megabytes), training data.
inline constexpr std::uint64_t kMaxDocumentBytes = std::uint64_t(64) << 20;

// The whole of a small file: regular files (and Qt resources, ":/...") only,
// at most maxBytes, checked while reading so a file that grows cannot exceed
// it. `what` names the file's role in messages ("session", "settings JSON").
// Throws IoError: NotFound (missing, unreadable, directory, FIFO, device),
// Empty, TooLarge, Changed.
std::string readSmallFile(const std::string& path, std::uint64_t maxBytes, const std::string& what);

} // namespace qs
