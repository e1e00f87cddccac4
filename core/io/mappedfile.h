#pragma once
// A read-only view of a whole file: memory-mapped (QFile::map) so that a large
// tensor is converted straight from the page cache into its float32 storage
// with no intermediate copy. Files that cannot be mapped (pipes, some network
// file systems) are read into memory instead, up to the same size limits.
#include <QByteArray>
#include <QFile>

#include <cstddef>
#include <span>
#include <string>

namespace qs {

class MappedFile
{
public:
    // Throws IoError (NotFound, Empty) naming the file.
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const { return {m_data, m_size}; }

private:
    QFile m_file;
    QByteArray m_buffer;
    uchar* m_map = nullptr;
    const std::byte* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace qs
