#include "session/filestamp.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace qs {

namespace {

QByteArray sha256(QIODevice& device)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    return hash.addData(&device) ? hash.result() : QByteArray();
}

} // namespace

QDateTime FileStamp::modifiedTime(const QString& path)
{
    return QFileInfo(path).lastModified().toUTC();
}

FileStamp FileStamp::of(const QDateTime& modified, const QByteArray& contents)
{
    FileStamp s;
    s.size = contents.size();
    s.modified = modified;
    s.hash = QCryptographicHash::hash(contents, QCryptographicHash::Sha256);
    return s;
}

FileStamp FileStamp::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    FileStamp s;
    s.modified = modifiedTime(path);
    s.size = file.size();
    s.hash = sha256(file);
    return s;
}

bool FileStamp::changedOnDisk(const QString& path) const
{
    if (!isValid())
        return false;
    const QFileInfo info(path);
    if (!info.exists())
        return false;
    if (info.size() == size && info.lastModified().toUTC() == modified)
        return false;
    const FileStamp now = read(path);
    return !now.isValid() || now.size != size || now.hash != hash;
}

QJsonObject FileStamp::toJson() const
{
    QJsonObject o;
    if (!isValid())
        return o;
    o["size"] = size;
    o["modified"] = modified.toString(Qt::ISODateWithMs);
    o["sha256"] = QString::fromLatin1(hash.toHex());
    return o;
}

FileStamp FileStamp::fromJson(const QJsonObject& o)
{
    FileStamp s;
    const QByteArray hash = QByteArray::fromHex(o.value("sha256").toString().toLatin1());
    // A byte count is a whole number of at most 2^53 (exact in a JSON double); anything
    // else is a damaged record, and the cast of 1.5, 1e300 or -1 must not happen.
    const double size = o.value("size").toDouble(-1);
    if (!o.value("size").isDouble() || !(size >= 0 && size <= 0x1p53) || size != std::floor(size) || hash.size() != 32)
        return s;
    s.size = qint64(size);
    s.modified = QDateTime::fromString(o.value("modified").toString(), Qt::ISODateWithMs);
    s.hash = hash;
    return s;
}

} // namespace qs
