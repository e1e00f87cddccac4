#include "io/mappedfile.h"

#include "io/ioerror.h"

#include <QFileInfo>

namespace qs {

MappedFile::MappedFile(const std::string& path) : m_file(QString::fromStdString(path))
{
    const QFileInfo info(m_file);
    if (!info.exists())
        throw IoError(IoErrorKind::NotFound, path, "no such file");
    if (info.isDir())
        throw IoError(IoErrorKind::NotFound, path, "is a directory, not a file");
    // Devices and pipes have no size to check a header against (and /dev/zero never ends).
    if (!info.isFile())
        throw IoError(IoErrorKind::NotFound, path, "is not a regular file");
    if (!m_file.open(QIODevice::ReadOnly))
        throw IoError(IoErrorKind::NotFound, path, "cannot open: " + m_file.errorString().toStdString());
    const qint64 size = m_file.size();
    if (size == 0)
        throw IoError(IoErrorKind::Empty, path, "empty file (0 bytes)");
    m_map = m_file.map(0, size);
    if (m_map) {
        m_data = reinterpret_cast<const std::byte*>(m_map);
        m_size = std::size_t(size);
        return;
    }
    // Not mappable (some network file systems): read it whole, within a limit.
    constexpr qint64 readLimit = qint64(1) << 32;
    if (size > readLimit)
        throw IoError(IoErrorKind::TooLarge, path, "cannot be memory-mapped and is larger than 4 GiB");
    m_buffer = m_file.read(size);
    if (m_buffer.size() != size)
        throw IoError(IoErrorKind::Truncated, path,
                      "could not read the whole file: " + m_file.errorString().toStdString());
    m_data = reinterpret_cast<const std::byte*>(m_buffer.constData());
    m_size = std::size_t(m_buffer.size());
}

MappedFile::~MappedFile()
{
    if (m_map)
        m_file.unmap(m_map);
}

} // namespace qs
