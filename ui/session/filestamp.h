#pragma once
// What a session file looked like when this window last read or wrote it, so
// that a save can tell whether someone else (a second Quantscope, an editor)
// has written the file since. Size and modification time are the quick test;
// when either differs the contents decide (a file touched or rewritten with
// the same bytes is not a conflict), so the answer never depends on the
// file system's time resolution.
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace qs {

struct FileStamp
{
    qint64 size = -1; // -1: no stamp (the session was not read from or written to a file)
    QDateTime modified;
    QByteArray hash; // SHA-256 of the contents

    bool isValid() const { return size >= 0; }
    // The stamp of bytes read from or written to a file whose modification time was
    // `modified`. A reader takes the time before it reads: a change in between then
    // shows as a newer time, and the contents decide.
    static FileStamp of(const QDateTime& modified, const QByteArray& contents);
    static QDateTime modifiedTime(const QString& path);
    // The stamp of the file as it is on disk now (reads it); invalid when it does not exist.
    static FileStamp read(const QString& path);
    // True when `path` exists and no longer holds what this stamp describes. A removed
    // file is no conflict (saving loses nobody's work), and an invalid stamp never
    // reports a change.
    bool changedOnDisk(const QString& path) const;

    // For the autosave record, so a restored session still knows its file's state.
    QJsonObject toJson() const;
    static FileStamp fromJson(const QJsonObject& object);
};

} // namespace qs
