#include "mainwindow/autosave.h"

#include "formats/error.h"
#include "io/atomicfile.h"
#include "io/sessionfile.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>
#include <QUndoStack>

#include <optional>

namespace qs {

namespace {

const QString kPattern = QStringLiteral("autosave*.qscope"); // autosave.qscope of older versions too
const QString kLockSuffix = QStringLiteral(".lock");

// A lock held for the whole run. Stale means only "its process is gone":
// with the default stale time a lock older than 30 s counts as stale even
// while its owner runs, and a second instance would take a live autosave.
std::unique_ptr<QLockFile> tryLock(const QString& autosavePath)
{
    auto lock = std::make_unique<QLockFile>(autosavePath + kLockSuffix);
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

// The JSON object of an autosave: a regular file of bounded size (core/io/sessionfile.h).
std::optional<QJsonObject> readSession(const QString& path, QString* problem)
{
    try {
        return readJsonObjectFile(path.toStdString(), "session");
    } catch (const Error& e) {
        *problem = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

} // namespace

bool writeAutosaveFile(const QString& path, const QByteArray& bytes, QString* error)
{
    // Atomic and checked (core/io/atomicfile.h): on a full disk the previous
    // autosave stays, and the message names the reason.
    const QString failure = writeFileAtomically(path, bytes);
    if (!failure.isEmpty() && error)
        *error = QObject::tr("autosave failed: %1").arg(failure);
    return failure.isEmpty();
}

Autosaver::Autosaver(Session* session, QObject* parent) : QObject(parent), m_session(session)
{
    m_writer.setMaxThreadCount(1);
    m_quiet.setSingleShot(true);
    m_maxDelay.setSingleShot(true);
    setDelays(kQuietMs, kMaxDelayMs);
    for (QTimer* t : {&m_quiet, &m_maxDelay})
        connect(t, &QTimer::timeout, this, [this] {
            m_quiet.stop();
            m_maxDelay.stop();
            write(false);
        });
}

Autosaver::~Autosaver()
{
    m_writer.waitForDone();
    // The locks go with their QLockFile objects; the files stay for the next start.
}

QString Autosaver::directory()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir;
}

QString Autosaver::processPath()
{
    // The process id alone is reused after a crash; with the start time it names one run.
    static const QString name = QStringLiteral("autosave-%1-%2.qscope")
                                    .arg(QCoreApplication::applicationPid())
                                    .arg(QDateTime::currentMSecsSinceEpoch());
    return directory() + QLatin1Char('/') + name;
}

void Autosaver::setDelays(int quietMs, int maxDelayMs)
{
    m_quiet.setInterval(quietMs);
    m_maxDelay.setInterval(maxDelayMs);
}

bool Autosaver::lockOwnFile(const QString& path)
{
    // An existing file of that name is somebody's work: offered, never overwritten.
    if (QFileInfo::exists(path))
        return false;
    auto lock = tryLock(path);
    if (!lock || QFileInfo::exists(path))
        return false;
    m_lock = std::move(lock);
    m_path = path;
    return true;
}

bool Autosaver::enable(QString* error)
{
    if (m_watching)
        return true;
    if (!m_lock) {
        // A second window of this process takes the next free name.
        const QString base = processPath();
        bool locked = lockOwnFile(base);
        for (int i = 2; !locked && i < 100; ++i)
            locked = lockOwnFile(QString(base).insert(base.size() - 7, QStringLiteral("-%1").arg(i)));
        if (!locked) {
            if (error)
                *error = tr("autosave is off: cannot create a file in %1").arg(directory());
            return false;
        }
    }
    for (auto signal : {&Session::configChanged, &Session::dataChanged, &Session::viewChanged})
        connect(m_session, signal, this, &Autosaver::changed);
    // A window going away without closing (a crash, as far as the file is
    // concerned) must leave the file: the undo stack's destructor clears it
    // (cleanChanged(true)) after the session announced its end.
    connect(m_session, &QObject::destroyed, this, [this] { m_watching = false; });
    connect(m_session->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (!m_watching)
            return;
        if (!clean) {
            changed();
            return;
        }
        // Saved (or undone back to the saved state): nothing is left to recover.
        m_quiet.stop();
        m_maxDelay.stop();
        if (!m_removed)
            removeFile();
    });
    m_watching = true;
    m_removed = false;
    if (!m_session->undoStack()->isClean())
        changed(); // e.g. a restored session: its record is rewritten as this run's
    return true;
}

void Autosaver::changed()
{
    if (!m_watching || m_removed)
        return;
    m_quiet.start(); // restarts: written once the user pauses ...
    if (!m_maxDelay.isActive())
        m_maxDelay.start(); // ... but no later than this after the first unsaved change
}

void Autosaver::write(bool handover)
{
    if (m_path.isEmpty() || m_removed)
        return;
    const bool clean = m_session->undoStack()->isClean();
    // Only unsaved work is kept; a restart also hands over a saved session's file name.
    if (clean && (!handover || m_session->fileName().isEmpty())) {
        removeFile();
        return;
    }
    QJsonObject meta;
    meta["written"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    meta["file"] = m_session->fileName();
    meta["file_stamp"] = m_session->fileStamp().toJson();
    meta["clean"] = clean;
    meta["handover"] = handover;
    meta["description"] = m_session->dataDescription();
    // Building and serialising the document of a million pasted values takes
    // longer than a frame (the text is converted twice): the writer thread
    // does it from a snapshot, whose strings and tensor share their storage.
    const QString path = m_path;
    m_writer.start([this, path, meta, source = m_session->dataSource(), config = m_session->config(),
                    view = m_session->view(), tensor = m_session->tensor()] {
        // The autosave is a valid .qscope with one more key (readers ignore unknown keys).
        QJsonObject doc = Session::documentJson(source, config, view, tensor);
        doc["autosave"] = meta;
        QString error;
        const bool ok = writeAutosaveFile(path, QJsonDocument(doc).toJson(QJsonDocument::Compact), &error);
        QMetaObject::invokeMethod(
            this, [this, path, ok, error] { ok ? emit written(path) : emit writeFailed(error); }, Qt::QueuedConnection);
    });
}

void Autosaver::removeFile()
{
    m_writer.waitForDone(); // a write still running would bring the file back
    if (!m_path.isEmpty())
        QFile::remove(m_path);
}

void Autosaver::flush(bool handover)
{
    if (!m_watching || m_removed)
        return;
    const bool pending = m_quiet.isActive() || m_maxDelay.isActive();
    m_quiet.stop();
    m_maxDelay.stop();
    if (pending || handover)
        write(handover);
    m_writer.waitForDone();
}

void Autosaver::remove()
{
    m_quiet.stop();
    m_maxDelay.stop();
    removeFile();
    m_removed = true;
}

std::vector<AutosaveRecord> Autosaver::claimOrphans()
{
    std::vector<AutosaveRecord> out;
    const QDir dir(directory());
    for (const QFileInfo& info : dir.entryInfoList({kPattern}, QDir::Files, QDir::Time)) { // newest first
        const QString path = info.absoluteFilePath();
        if (path == m_path || m_claimed.count(path))
            continue;
        auto lock = tryLock(path); // fails while its owner runs (or another new instance offers it)
        if (!lock)
            continue;
        AutosaveRecord r;
        r.path = path;
        r.written = info.lastModified();
        QString problem;
        const std::optional<QJsonObject> doc = readSession(path, &problem); // regular, bounded, strict JSON
        if (!doc) {
            r.error = problem;
        } else {
            const QJsonObject meta = doc->value("autosave").toObject();
            r.sessionFile = meta.value("file").toString();
            r.description = meta.value("description").toString();
            r.handover = meta.value("handover").toBool();
        }
        m_claimed[path] = std::move(lock);
        out.push_back(r);
    }
    // Locks of runs that ended before their first autosave are litter: taking
    // and dropping a stale one removes it.
    for (const QFileInfo& info : dir.entryInfoList({kPattern + kLockSuffix}, QDir::Files)) {
        const QString path = info.absoluteFilePath().chopped(kLockSuffix.size());
        if (!QFileInfo::exists(path) && path != m_path && !m_claimed.count(path))
            tryLock(path);
    }
    return out;
}

bool Autosaver::restore(const AutosaveRecord& record, QString* error)
{
    const auto claimed = m_claimed.find(record.path);
    if (claimed == m_claimed.end()) {
        if (error)
            *error = tr("%1 is not an autosave this window may restore").arg(record.path);
        return false;
    }
    QString problem;
    const std::optional<QJsonObject> doc = readSession(record.path, &problem); // regular, bounded, strict JSON
    if (!doc) {
        if (error)
            *error = problem;
        return false;
    }
    if (!m_session->fromJson(*doc, error))
        return false;
    const QJsonObject meta = doc->value("autosave").toObject();
    const QString sessionFile = meta.value("file").toString();
    const FileStamp stamp = FileStamp::fromJson(meta.value("file_stamp").toObject());
    m_session->setFileName(sessionFile, stamp);

    // Adopt the record: this run now owns (and later removes) that file. Its
    // own, if it had one, held nothing unsaved: the document was just replaced.
    m_quiet.stop();
    m_maxDelay.stop();
    if (m_lock && m_path != record.path) {
        removeFile();
        m_lock.reset();
    }
    m_lock = std::move(claimed->second);
    m_claimed.erase(claimed);
    m_path = record.path;
    m_removed = false;

    // A restart handed over a saved session: it is the file, unless the file changed since.
    const bool clean = meta.value("clean").toBool() && meta.value("handover").toBool() && !sessionFile.isEmpty() &&
                       QFileInfo::exists(sessionFile) && !stamp.changedOnDisk(sessionFile);
    if (clean) {
        m_session->undoStack()->setClean();
        removeFile();
    } else {
        // Unsaved until saved or discarded: the title shows [*] and closing asks.
        m_session->undoStack()->resetClean();
    }
    return true;
}

void Autosaver::discard(const AutosaveRecord& record)
{
    const auto claimed = m_claimed.find(record.path);
    if (claimed == m_claimed.end())
        return;
    QFile::remove(record.path);
    m_claimed.erase(claimed); // unlocks: the lock file goes too
}

void Autosaver::release(const AutosaveRecord& record)
{
    m_claimed.erase(record.path);
}

} // namespace qs
