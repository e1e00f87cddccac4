#pragma once
// Crash recovery for the explorer's session (docs/explorer.md, "Crash recovery").
//
// Every running Quantscope owns one autosave file in the app-data folder,
// guarded by a QLockFile held for the whole run: a second instance never
// reads, overwrites or deletes it. A file whose lock is stale (its process is
// gone: a crash, kill -9, a power cut) is an orphan that a new instance
// offers to restore; nothing is deleted until the user decides.
//
// When it is written: kQuietMs after the last change, but never later than
// kMaxDelayMs after the first change that is not on disk yet, however busy the
// user is (a debounce alone never fired for someone who edits every second).
// Only unsaved work is kept: when the session becomes clean (saved, or undone
// back to the saved state) the file goes.
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

class QLockFile;

namespace qs {

class Session;

// An autosave left by a run that is gone.
struct AutosaveRecord
{
    QString path;
    QDateTime written;     // local time of its last write
    QString sessionFile;   // the .qscope the session came from ("" if never saved)
    QString description;   // the data, for the question ("pasted values [5]")
    bool handover = false; // left on purpose by a run that quit without closing (the language restart)
    QString error;         // why it cannot be read ("" when it can)
};

class Autosaver : public QObject
{
    Q_OBJECT
public:
    static constexpr int kQuietMs = 1000;    // after the last change
    static constexpr int kMaxDelayMs = 3000; // after the first change not on disk yet

    explicit Autosaver(Session* session, QObject* parent = nullptr);
    ~Autosaver() override;

    // The folder of the autosave files, created if missing.
    static QString directory();
    // The file the first Autosaver of this process takes (unique per process).
    static QString processPath();

    // This instance's file: its own, or the orphan it restored and adopted.
    QString path() const { return m_path; }
    // Takes a file of its own (locked for the run) and starts watching the
    // session. False with *error when the folder is not writable.
    bool enable(QString* error = nullptr);
    bool isEnabled() const { return m_watching; }
    void setDelays(int quietMs, int maxDelayMs);

    // Autosaves whose owner is gone, newest first. Each stays locked by this
    // object until restore(), discard() or release(), so that a second new
    // instance does not offer the same one.
    std::vector<AutosaveRecord> claimOrphans();
    // Replaces the session by the record and adopts its file as this
    // instance's own. The session counts as unsaved (a handed-over session that
    // was saved and whose file is unchanged counts as saved).
    bool restore(const AutosaveRecord& record, QString* error = nullptr);
    void discard(const AutosaveRecord& record); // the user chose to drop it
    void release(const AutosaveRecord& record); // kept for a later start

    // Writes pending work now and waits for it. `handover` marks the record as
    // left on purpose (the app quits without closing its window: a restart).
    void flush(bool handover = false);
    // A clean exit: the file goes and nothing is written any more.
    void remove();

signals:
    void written(const QString& path);
    void writeFailed(const QString& message);

private:
    void changed();
    void write(bool handover);
    void removeFile();
    bool lockOwnFile(const QString& path);

    Session* m_session;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
    std::map<QString, std::unique_ptr<QLockFile>> m_claimed;
    QTimer m_quiet;
    QTimer m_maxDelay;
    QThreadPool m_writer; // one thread: writes and removals happen in order
    bool m_watching = false;
    bool m_removed = false;
};

// Writes one autosave record, checking every step (the old file stays when it fails).
bool writeAutosaveFile(const QString& path, const QByteArray& bytes, QString* error);

} // namespace qs
