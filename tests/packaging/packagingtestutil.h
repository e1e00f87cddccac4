// Shared by the packaging tests: what an installation must contain, running a
// program, and reading a .desktop file (the Desktop Entry Specification's
// key=value lines, lists separated by ';').
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

#include "common/testutil.h"

namespace qs::test {

// The files an installation puts under its prefix (paths relative to it) and the
// smallest size that is not a stub. The Debian package holds the same files
// under /usr.
struct InstalledFile
{
    QString path;
    qint64 minBytes;
};

// The man pages and completions this build installs: "path minimum-size" lines.
inline QList<InstalledFile> commandLineDocs()
{
    QList<InstalledFile> files;
    QFile list(QStringLiteral(QS_CLI_DOCS_LIST));
    if (!list.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot read %s", QS_CLI_DOCS_LIST);
    for (const QByteArray& line : list.readAll().split('\n')) {
        const QList<QByteArray> cols = line.simplified().split(' ');
        if (cols.size() == 2)
            files.append({QString::fromUtf8(cols[0]), cols[1].toLongLong()});
    }
    return files;
}

inline QList<InstalledFile> expectedInstalledFiles()
{
    QList<InstalledFile> files{
        {QStringLiteral("bin/quantscope"), 1 << 20},
        {QStringLiteral("bin/quantscope-cli"), 1 << 20},
        {QStringLiteral("share/applications/quantscope.desktop"), 200},
        {QStringLiteral("share/mime/packages/quantscope.xml"), 500},
        {QStringLiteral("share/metainfo/" QS_APPSTREAM_ID ".metainfo.xml"), 1000},
        {QStringLiteral("share/icons/hicolor/scalable/apps/quantscope.svg"), 200},
        {QStringLiteral("share/icons/hicolor/48x48/apps/quantscope.png"), 300},
        {QStringLiteral("share/icons/hicolor/128x128/apps/quantscope.png"), 500},
        {QStringLiteral("share/icons/hicolor/256x256/apps/quantscope.png"), 1000},
        {QStringLiteral("share/quantscope/digits.csv"), 100000},
        {QStringLiteral("share/quantscope/digits-README.md"), 500},
    };
    // The man pages and completions of the command line, as far as this build
    // has them (tests/packaging/CMakeLists.txt writes the list).
    files += commandLineDocs();
    return files;
}

// Every file below root, as paths relative to it, sorted.
inline QStringList filesBelow(const QString& root)
{
    QStringList out;
    const QDir dir(root);
    const QFileInfoList entries =
        dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    for (const QFileInfo& fi : entries) {
        if (fi.isDir() && !fi.isSymLink()) {
            for (const QString& f : filesBelow(fi.filePath()))
                out << fi.fileName() + QLatin1Char('/') + f;
        } else {
            out << fi.fileName();
        }
    }
    out.sort();
    return out;
}

// The [Desktop Entry] group of a .desktop file: key -> raw value. Localized
// keys (Name[vi]) are kept under their full name.
inline QMap<QString, QString> readDesktopEntry(const QString& path)
{
    QMap<QString, QString> entry;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return entry;
    bool inGroup = false;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line == QLatin1String("[Desktop Entry]");
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inGroup && eq > 0)
            entry.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return entry;
}

inline QStringList desktopList(const QString& value)
{
    return value.split(QLatin1Char(';'), Qt::SkipEmptyParts);
}

// The Exec line's arguments with the file field code replaced by `file`, as a
// launcher runs it for one file (Desktop Entry Specification, "The Exec key").
// The line here has no quoting, which the test checks.
inline QStringList execArguments(const QString& exec, const QString& file)
{
    QStringList args = exec.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString& a : args)
        if (a == QLatin1String("%f") || a == QLatin1String("%F"))
            a = file;
    return args;
}

} // namespace qs::test
