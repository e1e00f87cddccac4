#include "io/atomicfile.h"

#include "io/ioerror.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {
namespace {

constexpr std::size_t kBufferSize = std::size_t(1) << 16;

std::string errnoText(int error)
{
    return std::error_code(error, std::generic_category()).message();
}

std::string directoryOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string baseName(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A symbolic link is replaced through: the file it names gets the new contents.
std::string resolveLink(const std::string& path)
{
    struct stat st
    {
    };
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
        return path;
    if (char* real = ::realpath(path.c_str(), nullptr)) {
        std::string out(real);
        std::free(real);
        return out;
    }
    // A dangling link: create the file it points to.
    std::string target(PATH_MAX, '\0');
    const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n <= 0)
        return path;
    target.resize(std::size_t(n));
    return target.front() == '/' ? target : directoryOf(path) + "/" + target;
}

// fsync errors that only mean "nothing to sync here" (pipes, some devices).
bool syncUnsupported(int error)
{
    return error == EINVAL || error == ENOTSUP || error == EOPNOTSUPP || error == EROFS;
}

} // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
    if (m_path.empty())
        throw IoError(IoErrorKind::WriteFailed, m_path, "cannot create: no file name");
    m_target = resolveLink(m_path);
    struct stat st
    {
    };
    const bool exists = ::stat(m_target.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        throw IoError(IoErrorKind::WriteFailed, m_path, "cannot create: is a directory");
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or FIFO (e.g. /dev/stdout) cannot be replaced by a rename: written in place.
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (m_fd < 0)
            throw IoError(IoErrorKind::WriteFailed, m_path, "cannot open: " + errnoText(errno));
        return;
    }
    if (exists && ::access(m_target.c_str(), W_OK) != 0)
        throw IoError(IoErrorKind::WriteFailed, m_path,
                      "cannot write: the file is read-only (" + errnoText(errno) + ")");
    // The temporary file: hidden, in the target's directory (a rename never
    // crosses file systems), with a name no other writer picks.
    static std::atomic<unsigned> serial{0};
    const std::string dir = directoryOf(m_target);
    const mode_t mode = exists ? (st.st_mode & 07777) : 0666; // new files: 0666 less the umask, as open(2) does
    for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
        const auto tick = std::uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
        const std::uint64_t tag = tick * 0x9e3779b97f4a7c15ull ^ (std::uint64_t(::getpid()) << 20) ^ serial++;
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, "%012llx", static_cast<unsigned long long>(tag & 0xffffffffffffull));
        m_temp = dir + "/." + baseName(m_target) + "." + suffix + ".part";
        m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
        if (m_fd < 0 && errno != EEXIST) {
            const int e = errno;
            m_temp.clear();
            throw IoError(IoErrorKind::WriteFailed, m_path, "cannot create a file in " + dir + ": " + errnoText(e));
        }
    }
    if (m_fd < 0) {
        m_temp.clear();
        throw IoError(IoErrorKind::WriteFailed, m_path, "cannot create a temporary file in " + dir);
    }
    if (exists)
        (void)::fchmod(m_fd, mode); // the umask must not narrow an existing file's permissions
    m_buffer.reserve(kBufferSize);
}

AtomicFile::~AtomicFile()
{
    if (!m_done)
        cancel();
}

void AtomicFile::write(const void* data, std::size_t size)
{
    if (m_done)
        fail("write failed: the file was already closed", 0);
    const char* p = static_cast<const char*>(data);
    if (m_buffer.size() + size <= kBufferSize) {
        m_buffer.append(p, size);
        return;
    }
    flushBuffer();
    if (size >= kBufferSize)
        writeOut(p, size);
    else
        m_buffer.append(p, size);
}

void AtomicFile::flushBuffer()
{
    if (!m_buffer.empty()) {
        writeOut(m_buffer.data(), m_buffer.size());
        m_buffer.clear();
    }
}

void AtomicFile::writeOut(const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, std::min<std::size_t>(size, std::size_t(1) << 30));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("write failed", errno);
        }
        if (n == 0)
            fail("write failed: the system wrote nothing", 0);
        data += n;
        size -= std::size_t(n);
    }
}

void AtomicFile::commit()
{
    if (m_done)
        fail("could not save: the file was already closed", 0);
    flushBuffer();
    // The data must be on the disk before the name points to it; file systems
    // that allocate late (NFS, quotas, some FUSE) report a full disk only here.
    if (::fsync(m_fd) != 0 && !syncUnsupported(errno))
        fail("could not save", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0 && errno != EINTR) {
        const int e = errno;
        m_fd = -1;
        fail("could not save", e);
    }
    if (!m_temp.empty()) {
        if (::rename(m_temp.c_str(), m_target.c_str()) != 0)
            fail("could not replace the file", errno);
        m_temp.clear();
        // Make the rename itself durable; the new file is complete either way.
        const int dirFd = ::open(directoryOf(m_target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd >= 0) {
            (void)::fsync(dirFd);
            ::close(dirFd);
        }
    }
    m_done = true;
}

void AtomicFile::cancel() noexcept
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temp.empty())
        ::unlink(m_temp.c_str());
    m_temp.clear();
    m_buffer.clear();
    m_done = true;
}

void AtomicFile::fail(const std::string& problem, int error)
{
    cancel();
    throw IoError(IoErrorKind::WriteFailed, m_path, error ? problem + ": " + errnoText(error) : problem);
}

void writeFileAtomically(const std::string& path, std::string_view bytes)
{
    AtomicFile f(path);
    f.write(bytes);
    f.commit();
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    try {
        writeFileAtomically(path.toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size())));
    } catch (const IoError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

AtomicFileDevice::AtomicFileDevice(const QString& path) : m_path(path) {}

AtomicFileDevice::~AtomicFileDevice()
{
    if (m_file)
        m_file->cancel();
}

bool AtomicFileDevice::open(OpenMode mode)
{
    if (!(mode & WriteOnly) || (mode & ReadOnly)) {
        record(IoError(IoErrorKind::WriteFailed, m_path.toStdString(), "can only be opened for writing"));
        return false;
    }
    try {
        m_file = std::make_unique<AtomicFile>(m_path.toStdString());
    } catch (const IoError& e) {
        record(e);
        return false;
    }
    return QIODevice::open(WriteOnly | Unbuffered);
}

qint64 AtomicFileDevice::writeData(const char* data, qint64 size)
{
    if (!m_failure.isEmpty() || !m_file)
        return -1;
    try {
        m_file->write(data, std::size_t(size));
    } catch (const IoError& e) {
        record(e);
        return -1;
    }
    return size;
}

bool AtomicFileDevice::commit()
{
    bool ok = m_file && m_failure.isEmpty();
    if (ok) {
        try {
            m_file->commit();
        } catch (const IoError& e) {
            record(e);
            ok = false;
        }
    }
    if (m_file && !ok)
        m_file->cancel();
    m_file.reset();
    if (isOpen())
        QIODevice::close();
    if (!ok)
        setErrorString(m_problem);
    return ok;
}

void AtomicFileDevice::record(const std::exception& e)
{
    if (!m_failure.isEmpty())
        return;
    m_failure = QString::fromUtf8(e.what());
    // errorString() is the problem alone, for messages that name the file themselves.
    const QString prefix = m_path + QStringLiteral(": ");
    m_problem = m_failure.startsWith(prefix) ? m_failure.mid(prefix.size()) : m_failure;
    setErrorString(m_problem);
}

} // namespace qs
