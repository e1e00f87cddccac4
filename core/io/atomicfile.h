#pragma once
// The one way Quantscope writes a file: exports (.npy, .csv, .safetensors),
// figures (PNG, PDF, SVG), figure data, sessions, the autosave, settings JSON
// and screenshots all go through AtomicFile, in the CLI and in the GUI.
//
// The bytes go to a new temporary file next to the target; every write(2) is
// checked (a short write is retried, an error is kept with its errno text,
// e.g. "No space left on device"), the data is flushed to the disk (fsync, so
// a crash after the rename cannot leave an empty file behind), and only then
// is the temporary file renamed over the target. On any failure the target
// is left exactly as it was, the temporary file is removed, and the error
// says why. A file that can never be half-written needs no "partial" state.
//
//     AtomicFile f(path);            // throws IoError(WriteFailed) if it cannot be created
//     f.write(header);               // throws IoError(WriteFailed) on the first error
//     f.write(data, size);
//     f.commit();                    // throws IoError(WriteFailed); the target is unchanged then
//
// Destroyed without commit() (an exception in between), it removes its
// temporary file. A target that exists and is not a regular file (/dev/null,
// /dev/stdout, a FIFO) cannot be replaced: it is written directly, each write
// still checked. A symbolic link is followed: its target is replaced.
//
// Qt writers that need a QIODevice (QSvgGenerator, QPdfWriter, QImage::save)
// use AtomicFileDevice below, which records the first error instead of
// throwing through Qt code.
#include <QIODevice>
#include <QString>

#include <memory>
#include <string>
#include <string_view>

namespace qs {

class AtomicFile
{
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);
    void write(std::string_view bytes) { write(bytes.data(), bytes.size()); }
    // Flushes, syncs and replaces the target. After a failure the target is unchanged.
    void commit();
    // Drops everything written (the target is unchanged). Never throws.
    void cancel() noexcept;

    const std::string& path() const { return m_path; }

private:
    void flushBuffer();
    void writeOut(const char* data, std::size_t size);
    [[noreturn]] void fail(const std::string& problem, int error);

    std::string m_path;   // as given (messages)
    std::string m_target; // the file replaced (a symbolic link resolved)
    std::string m_temp;   // empty when writing directly to a non-regular target
    int m_fd = -1;
    bool m_done = false;
    std::string m_buffer; // small writes are gathered into one write(2)
};

// The whole of `bytes` to `path`, atomically. Throws IoError(WriteFailed).
void writeFileAtomically(const std::string& path, std::string_view bytes);
// The same for the GUI: empty on success, else a one-line message naming the file.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

// AtomicFile as a QIODevice, for Qt's writers. Open it, hand it to the
// writer, then call commit(): it returns false when any write failed or the
// commit did, with errorString() saying why (e.g. "No space left on device").
// Qt's painters ignore the results of their writes, so the error is kept
// here and reported at commit time; the target is never touched before.
class AtomicFileDevice : public QIODevice
{
public:
    explicit AtomicFileDevice(const QString& path);
    ~AtomicFileDevice() override;
    bool open(OpenMode mode) override; // WriteOnly (Text is ignored)
    bool isSequential() const override { return true; }
    bool commit();
    // The message of the first failure: "PATH: problem".
    QString failure() const { return m_failure; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override;

private:
    void record(const std::exception& e);
    QString m_path;
    std::unique_ptr<AtomicFile> m_file;
    QString m_failure, m_problem;
};

} // namespace qs
