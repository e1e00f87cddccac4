#include "io/inputfile.h"

#include "io/ioerror.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {
namespace {

// strerror is not thread-safe; the generic category's message is.
std::string errnoText(int error)
{
    return std::error_code(error, std::generic_category()).message();
}

std::string byteCount(std::uint64_t n)
{
    return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

std::string fileTypeName(mode_t mode)
{
    // Devices, pipes and sockets alike: no size to check a header against.
    return S_ISDIR(mode) ? "is a directory, not a file" : "is not a regular file";
}

// Opens a regular file for reading. O_NONBLOCK keeps open() of a FIFO from
// waiting for a writer forever; the type is checked on the open descriptor
// (fstat), so the file cannot be swapped between the check and the reads.
int openRegular(const std::string& path, struct stat& st)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        const int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            throw IoError(IoErrorKind::NotFound, path, "no such file");
        throw IoError(IoErrorKind::NotFound, path, "cannot open: " + errnoText(e));
    }
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        throw IoError(IoErrorKind::NotFound, path, "cannot open: " + errnoText(e));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        // Devices and pipes have no size to check a header against (and /dev/zero never ends).
        throw IoError(IoErrorKind::NotFound, path, fileTypeName(st.st_mode));
    }
    // Regular files never block; clear the flag anyway so reads are ordinary.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

// Reads up to n bytes at offset; returns how many (fewer only at the end of the file).
std::size_t preadFully(int fd, std::uint64_t offset, void* dst, std::size_t n, int& error)
{
    auto* out = static_cast<char*>(dst);
    std::size_t done = 0;
    error = 0;
    while (done < n) {
        // Linux transfers at most 0x7ffff000 bytes per call.
        const std::size_t want = std::min<std::size_t>(n - done, std::size_t(1) << 30);
        const ssize_t got = ::pread(fd, out + done, want, off_t(offset + done));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return done;
        }
        if (got == 0)
            return done;
        done += std::size_t(got);
    }
    return done;
}

} // namespace

std::string ByteSource::readString(std::uint64_t offset, std::size_t n) const
{
    std::string s(n, '\0');
    if (n)
        read(offset, s.data(), n);
    return s;
}

void ByteSource::readChunks(std::uint64_t offset, std::uint64_t n,
                            const std::function<void(std::span<const std::byte>)>& consume,
                            std::size_t chunkBytes) const
{
    if (offset > size() || n > size() - offset)
        throwBeyondEnd(offset, n);
    chunkBytes = std::max<std::size_t>(chunkBytes, 1);
    if (const auto mem = memory(); !mem.empty() || n == 0) {
        for (std::uint64_t at = 0; at < n; at += chunkBytes)
            consume(mem.subspan(std::size_t(offset + at), std::size_t(std::min<std::uint64_t>(chunkBytes, n - at))));
        return;
    }
    std::vector<std::byte> buffer(std::size_t(std::min<std::uint64_t>(chunkBytes, n)));
    for (std::uint64_t at = 0; at < n; at += chunkBytes) {
        const std::size_t m = std::size_t(std::min<std::uint64_t>(chunkBytes, n - at));
        read(offset + at, buffer.data(), m);
        consume(std::span<const std::byte>(buffer.data(), m));
    }
}

void ByteSource::throwBeyondEnd(std::uint64_t offset, std::uint64_t n) const
{
    throw IoError(IoErrorKind::Truncated, name(),
                  "truncated: needs " + byteCount(n) + " at offset " + std::to_string(offset) + ", the file has " +
                      byteCount(size()));
}

MemorySource::MemorySource(std::span<const std::byte> bytes, std::string name) : m_bytes(bytes), m_name(std::move(name))
{}

MemorySource::MemorySource(std::string_view text, std::string name)
    : m_bytes(reinterpret_cast<const std::byte*>(text.data()), text.size()), m_name(std::move(name))
{}

void MemorySource::read(std::uint64_t offset, void* dst, std::size_t n) const
{
    if (offset > m_bytes.size() || n > m_bytes.size() - offset)
        throwBeyondEnd(offset, n);
    if (n)
        std::memcpy(dst, m_bytes.data() + offset, n);
}

InputFile::InputFile(std::string path) : m_path(std::move(path))
{
    struct stat st
    {
    };
    m_fd = openRegular(m_path, st);
    m_size = std::uint64_t(st.st_size);
    m_mtimeSec = std::int64_t(st.st_mtim.tv_sec);
    m_mtimeNsec = std::int64_t(st.st_mtim.tv_nsec);
    if (m_size == 0) {
        ::close(m_fd);
        m_fd = -1;
        throw IoError(IoErrorKind::Empty, m_path, "empty file (0 bytes)");
    }
}

InputFile::~InputFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void InputFile::read(std::uint64_t offset, void* dst, std::size_t n) const
{
    if (offset > m_size || n > m_size - offset)
        throwBeyondEnd(offset, n);
    int error = 0;
    const std::size_t got = preadFully(m_fd, offset, dst, n, error);
    if (error)
        throw IoError(IoErrorKind::ReadFailed, m_path,
                      "read error at offset " + std::to_string(offset + got) + ": " + errnoText(error));
    if (got < n)
        throwChanged("it ended at byte " + std::to_string(offset + got) + ", it had " + byteCount(m_size));
}

void InputFile::verifyUnchanged() const
{
    struct stat st
    {
    };
    if (::fstat(m_fd, &st) != 0)
        throw IoError(IoErrorKind::ReadFailed, m_path, "cannot check the file: " + errnoText(errno));
    if (std::uint64_t(st.st_size) != m_size)
        throwChanged("it has " + byteCount(std::uint64_t(st.st_size)) + " now, " + byteCount(m_size) + " before");
    if (std::int64_t(st.st_mtim.tv_sec) != m_mtimeSec || std::int64_t(st.st_mtim.tv_nsec) != m_mtimeNsec)
        throwChanged("it was modified during the load");
}

void InputFile::throwChanged(const std::string& how) const
{
    throw IoError(IoErrorKind::Changed, m_path, "changed while it was read (" + how + "); load it again");
}

std::string readSmallFile(const std::string& path, std::uint64_t maxBytes, const std::string& what)
{
    auto tooLarge = [&](const std::string& size) {
        return IoError(IoErrorKind::TooLarge, path,
                       what + " of " + size + " is larger than the limit of " + byteCount(maxBytes));
    };
    if (path.starts_with(":/")) { // a Qt resource compiled into the program
        QFile f(QString::fromStdString(path));
        if (!f.open(QIODevice::ReadOnly))
            throw IoError(IoErrorKind::NotFound, path, "no such resource");
        if (std::uint64_t(f.size()) > maxBytes)
            throw tooLarge(byteCount(std::uint64_t(f.size())));
        const QByteArray bytes = f.readAll();
        if (bytes.isEmpty())
            throw IoError(IoErrorKind::Empty, path, "empty file (0 bytes)");
        return bytes.toStdString();
    }
    struct stat st
    {
    };
    const int fd = openRegular(path, st);
    std::string out;
    try {
        if (std::uint64_t(st.st_size) > maxBytes)
            throw tooLarge(byteCount(std::uint64_t(st.st_size)));
        out.resize(std::size_t(st.st_size));
        int error = 0;
        const std::size_t got = preadFully(fd, 0, out.data(), out.size(), error);
        if (error)
            throw IoError(IoErrorKind::ReadFailed, path, "read error: " + errnoText(error));
        // A file that grows while it is read must not get past the limit: read
        // at most one byte beyond the size we saw to tell.
        char extra = 0;
        if (got < out.size() || preadFully(fd, got, &extra, 1, error) != 0 || error)
            throw IoError(IoErrorKind::Changed, path, "changed while it was read; load it again");
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    if (out.empty())
        throw IoError(IoErrorKind::Empty, path, "empty file (0 bytes)");
    return out;
}

SliceSource::SliceSource(const ByteSource& parent, std::uint64_t offset, std::uint64_t size, std::string name)
    : m_parent(parent), m_offset(offset), m_size(size), m_name(std::move(name))
{
    if (offset > parent.size() || size > parent.size() - offset)
        throw IoError(IoErrorKind::Truncated, m_name,
                      "truncated: bytes [" + std::to_string(offset) + ", +" + std::to_string(size) +
                          "] are beyond the " + byteCount(parent.size()) + " of " + parent.name());
}

void SliceSource::read(std::uint64_t offset, void* dst, std::size_t n) const
{
    if (offset > m_size || n > m_size - offset)
        throwBeyondEnd(offset, n);
    m_parent.read(m_offset + offset, dst, n);
}

std::span<const std::byte> SliceSource::memory() const
{
    const auto all = m_parent.memory();
    if (all.empty())
        return {};
    return all.subspan(std::size_t(m_offset), std::size_t(m_size));
}

} // namespace qs
