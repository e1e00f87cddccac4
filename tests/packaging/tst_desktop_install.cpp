// `cmake --install BUILD --prefix TMP` puts every file of the desktop
// integration in place, and each one is what the freedesktop.org specifications
// and their validators expect: the launcher (desktop-file-validate), the
// AppStream metainfo (appstreamcli validate), the MIME types (update-mime-database,
// and Qt's reading of the installed database) and the hicolor icons. The
// installed programs run from the prefix.
#include "packagingtestutil.h"

#include <QImage>
#include <QMimeDatabase>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace qs::test;

namespace {

const QString kMetainfo = QStringLiteral("share/metainfo/" QS_APPSTREAM_ID ".metainfo.xml");
const QString kDesktop = QStringLiteral("share/applications/quantscope.desktop");

struct Screenshot
{
    QString url;
    int width = 0;
    int height = 0;
};

// What the tests read from the metainfo file.
struct Metainfo
{
    QString id;
    QString launchable;
    QString icon;
    QStringList releases; // newest first, as the file lists them
    QStringList binaries;
    QStringList mediatypes;
    QList<Screenshot> screenshots;
    bool contentRating = false;
    bool description = false;
    QString error;
};

Metainfo readMetainfo(const QString& path)
{
    Metainfo m;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m.error = f.errorString();
        return m;
    }
    QXmlStreamReader xml(&f);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = xml.name();
        if (name == u"id")
            m.id = xml.readElementText();
        else if (name == u"launchable")
            m.launchable = xml.readElementText();
        else if (name == u"icon")
            m.icon = xml.readElementText();
        else if (name == u"release")
            m.releases << xml.attributes().value(QLatin1String("version")).toString();
        else if (name == u"binary")
            m.binaries << xml.readElementText();
        else if (name == u"mediatype")
            m.mediatypes << xml.readElementText();
        else if (name == u"content_rating")
            m.contentRating = xml.attributes().value(QLatin1String("type")).startsWith(u"oars-");
        else if (name == u"description")
            m.description = true;
        else if (name == u"image") {
            Screenshot s;
            s.width = xml.attributes().value(QLatin1String("width")).toInt();
            s.height = xml.attributes().value(QLatin1String("height")).toInt();
            s.url = xml.readElementText();
            m.screenshots << s;
        }
    }
    if (xml.hasError())
        m.error = xml.errorString();
    return m;
}

// Mean absolute difference per channel (0..255) of two images of one size, in
// premultiplied ARGB so that colours under full transparency do not count.
double meanDifference(const QImage& a, const QImage& b)
{
    const QImage x = a.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    double sum = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c) {
            const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q)) +
                   std::abs(qAlpha(p) - qAlpha(q));
        }
    return sum / (4.0 * x.width() * x.height());
}

QImage renderSvg(const QString& path, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer svg(path);
    QPainter p(&image);
    svg.render(&p);
    return image;
}

} // namespace

class TestDesktopInstall : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_prefix;

    QString installed(const QString& relative) const { return m_prefix + QLatin1Char('/') + relative; }

    QSet<QString> desktopMimeTypes() const
    {
        const QStringList l = desktopList(readDesktopEntry(installed(kDesktop)).value(QStringLiteral("MimeType")));
        return {l.begin(), l.end()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_prefix = m_dir.filePath(QStringLiteral("prefix"));
        const Run r = runProgram(QStringLiteral(QS_CMAKE), {QStringLiteral("--install"), QStringLiteral(QS_BUILD_DIR),
                                                            QStringLiteral("--prefix"), m_prefix});
        QVERIFY2(r.status == 0, r.err.constData());
        // Qt reads the MIME database of every XDG data directory; the installed
        // one goes first, the system's (application/json, application/zip) after it.
        qputenv("XDG_DATA_DIRS",
                (installed(QStringLiteral("share")) + QStringLiteral(":/usr/local/share:/usr/share")).toLocal8Bit());
        // update-mime-database compiles the XML as the package's trigger does, and
        // says what it finds wrong in it on stderr.
        if (const QString mimeTool = QStandardPaths::findExecutable(QStringLiteral("update-mime-database"));
            !mimeTool.isEmpty()) {
            const Run u = runProgram(mimeTool, {installed(QStringLiteral("share/mime"))});
            QVERIFY2(u.status == 0 && u.err.isEmpty(), u.err.constData());
        }
    }

    void fileIsInstalled_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("minBytes");
        for (const InstalledFile& f : expectedInstalledFiles())
            QTest::newRow(qPrintable(f.path)) << f.path << f.minBytes;
    }
    void fileIsInstalled()
    {
        QFETCH(QString, path);
        QFETCH(qint64, minBytes);
        const QFileInfo fi(installed(path));
        QVERIFY2(fi.isFile(), qPrintable(path + QStringLiteral(" is missing")));
        QVERIFY2(fi.size() >= minBytes, qPrintable(QStringLiteral("%1: %2 bytes").arg(path).arg(fi.size())));
        QCOMPARE(fi.isExecutable(), path.startsWith(QLatin1String("bin/")));
    }

    // Nothing else: no headers, static libraries or test programs in the package.
    void nothingElseIsInstalled()
    {
        QStringList expected;
        for (const InstalledFile& f : expectedInstalledFiles())
            expected << f.path;
        expected.sort();
        QStringList extra = filesBelow(m_prefix);
        for (const QString& f : expected)
            extra.removeAll(f);
        // update-mime-database's output (initTestCase) is not part of the installation.
        // Nor are the caches the tests build from it (update-desktop-database, doubleClick).
        extra.removeIf([](const QString& f) {
            return (f.startsWith(QLatin1String("share/mime/")) &&
                    !f.startsWith(QLatin1String("share/mime/packages/"))) ||
                   f == QLatin1String("share/applications/mimeinfo.cache");
        });
        QVERIFY2(extra.isEmpty(), qPrintable(extra.join(QLatin1Char(' '))));
    }

    void installedProgramsRun()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        const Run cli = runProgram(installed(QStringLiteral("bin/quantscope-cli")), {QStringLiteral("--version")}, env);
        QCOMPARE(cli.status, 0);
        QVERIFY2(cli.out.contains(QS_PROJECT_VERSION), cli.out.constData());
        const Run help = runProgram(installed(QStringLiteral("bin/quantscope-cli")), {QStringLiteral("--help")}, env);
        QCOMPARE(help.status, 0);
        QVERIFY2(help.out.contains("quantscope-cli"), help.out.constData());
        const Run gui = runProgram(installed(QStringLiteral("bin/quantscope")), {QStringLiteral("--version")}, env);
        QCOMPARE(gui.status, 0);
        QVERIFY2(gui.out.contains(QS_PROJECT_VERSION), gui.out.constData());
    }

    // The man pages and completions this build installs (an empty list while
    // the build has none) are each what their reader expects, for the program
    // they are named after: man finds a section 1 page titled with it, bash-completion
    // loads completions/NAME when NAME is completed, zsh reads #compdef.
    void commandLineDocs()
    {
        const QList<InstalledFile> docs = qs::test::commandLineDocs();
        if (docs.isEmpty())
            qInfo("this build installs no man pages or completions");
        for (const InstalledFile& doc : docs) {
            const QString path = installed(doc.path);
            const QString name = QFileInfo(path).completeBaseName();
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(doc.path));
            const QString text = QString::fromUtf8(f.readAll());
            if (doc.path.contains(QLatin1String("/man1/"))) {
                // ".TH QUANTSCOPE-CLI 1 ..." (man(7): title, section)
                static const QRegularExpression th(QStringLiteral("^\\.TH\\s+\"?(\\S+?)\"?\\s+\"?1\\b"),
                                                   QRegularExpression::MultilineOption);
                const QRegularExpressionMatch m = th.match(text);
                QVERIFY2(m.hasMatch(), qPrintable(doc.path + QStringLiteral(": no .TH line")));
                QCOMPARE(m.captured(1).toLower(), name);
            } else if (doc.path.contains(QLatin1String("/bash-completion/"))) {
                const Run r = runProgram(QStringLiteral("/bin/bash"),
                                         {QStringLiteral("-c"), QStringLiteral("source \"$1\" && complete -p \"$2\""),
                                          QStringLiteral("bash"), path, QFileInfo(path).fileName()});
                QVERIFY2(r.status == 0 && r.err.isEmpty(), qPrintable(doc.path + QLatin1Char(' ') + r.err));
            } else if (doc.path.contains(QLatin1String("/zsh/"))) {
                const QStringList compdef = text.section(QLatin1Char('\n'), 0, 0).split(QLatin1Char(' '));
                QCOMPARE(compdef.first(), QStringLiteral("#compdef"));
                QVERIFY2(compdef.contains(QFileInfo(path).fileName().mid(1)), qPrintable(compdef.join(' ')));
            } else {
                QFAIL(qPrintable(doc.path + QStringLiteral(": not a man page or a completion")));
            }
        }
    }

    void desktopFile()
    {
        const QString path = installed(kDesktop);
        const QMap<QString, QString> entry = readDesktopEntry(path);
        QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
        // The launcher starts the installed program with one file (%f: the
        // program opens one document; a launcher given several starts it once per file).
        const QString exec = entry.value(QStringLiteral("Exec"));
        QVERIFY2(!exec.contains(QLatin1Char('"')) && !exec.contains(QLatin1Char('\\')), qPrintable(exec));
        const QStringList args = execArguments(exec, QStringLiteral("FILE"));
        QCOMPARE(args, (QStringList{QStringLiteral("quantscope"), QStringLiteral("FILE")}));
        QVERIFY(QFileInfo(installed(QStringLiteral("bin/") + args.first())).isExecutable());
        QCOMPARE(entry.value(QStringLiteral("TryExec")), args.first());
        // Icon= names the installed theme icon.
        const QString icon = entry.value(QStringLiteral("Icon"));
        QVERIFY(QFileInfo::exists(installed(QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(icon))));
        QVERIFY(desktopMimeTypes().contains(QStringLiteral("application/x-quantscope-session")));

        const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed (Debian package desktop-file-utils)");
        const Run r = runProgram(validator, {path});
        QVERIFY2(r.status == 0, (r.out + r.err).constData());
        QVERIFY2(!r.out.contains("error:") && !r.err.contains("error:"), (r.out + r.err).constData());
    }

    void metainfo()
    {
        const QString path = installed(kMetainfo);
        const Metainfo m = readMetainfo(path);
        QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
        QCOMPARE(m.id, QStringLiteral(QS_APPSTREAM_ID));
        QCOMPARE(m.launchable, QFileInfo(kDesktop).fileName());
        QCOMPARE(m.icon, readDesktopEntry(installed(kDesktop)).value(QStringLiteral("Icon")));
        QVERIFY(m.description);
        QVERIFY(m.contentRating);
        QVERIFY(!m.releases.isEmpty());
        QCOMPARE(m.releases.first(), QStringLiteral(QS_PROJECT_VERSION)); // the newest release is this version
        for (const QString& b : m.binaries)
            QVERIFY2(QFileInfo(installed(QStringLiteral("bin/") + b)).isExecutable(), qPrintable(b));
        QCOMPARE(m.binaries.size(), 2);
        QCOMPARE(QSet<QString>(m.mediatypes.begin(), m.mediatypes.end()), desktopMimeTypes());

        const QString validator = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (validator.isEmpty())
            QSKIP("appstreamcli is not installed (Debian package appstream)");
        const Run r = runProgram(validator, {QStringLiteral("validate"), QStringLiteral("--no-net"), path});
        QVERIFY2(r.status == 0, (r.out + r.err).constData());
    }

    // AppStream wants screenshots by URL: each names a picture of docs/images,
    // with that picture's size.
    void metainfoScreenshots()
    {
        const Metainfo m = readMetainfo(installed(kMetainfo));
        QVERIFY(m.screenshots.size() >= 3);
        const QString base = QStringLiteral(QS_SCREENSHOT_BASE_URL "/");
        for (const Screenshot& s : m.screenshots) {
            QVERIFY2(s.url.startsWith(base), qPrintable(s.url));
            const QImage image(QStringLiteral(QS_SOURCE_DIR "/docs/images/") + s.url.mid(base.size()));
            QVERIFY2(!image.isNull(), qPrintable(s.url + QStringLiteral(" is not in docs/images")));
            QCOMPARE(QSize(s.width, s.height), image.size());
        }
    }

    // A double-click as a GLib desktop (GNOME, Xfce, file managers using GIO)
    // resolves it, with the installation as the only handler: GLib's own reading
    // of the MIME database gives the file's type, and the launcher of that type
    // is Quantscope (gio mime), once the launcher cache is built as the
    // package's trigger builds it. The launcher then runs its Exec line, which
    // tst_desktop_open runs.
    void doubleClick_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("type");
        QTest::newRow("qscope") << "session.qscope"
                                << "application/x-quantscope-session";
        QTest::newRow("npy") << QS_SOURCE_DIR "/tests/data/npy/b1_na_C.npy"
                             << "application/x-npy";
        QTest::newRow("npz") << QS_SOURCE_DIR "/tests/data/models/npz/arrays.npz"
                             << "application/x-npz";
        QTest::newRow("safetensors") << QS_SOURCE_DIR "/tests/data/safetensors/single.safetensors"
                                     << "application/x-safetensors";
        QTest::newRow("gguf") << QS_SOURCE_DIR "/tests/data/models/gguf/tiny.gguf"
                              << "application/x-gguf";
    }
    void doubleClick()
    {
        QFETCH(QString, file);
        QFETCH(QString, type);
        const QString gio = QStandardPaths::findExecutable(QStringLiteral("gio"));
        const QString cacheTool = QStandardPaths::findExecutable(QStringLiteral("update-desktop-database"));
        if (gio.isEmpty() || cacheTool.isEmpty())
            QSKIP("gio (libglib2.0-bin) or update-desktop-database (desktop-file-utils) is not installed");
        if (!QFileInfo(file).isAbsolute()) {
            file = m_dir.filePath(file);
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"quantscope_session": 1})");
        }
        const Run cache = runProgram(cacheTool, {installed(QStringLiteral("share/applications"))});
        QVERIFY2(cache.status == 0, cache.err.constData());
        // Only the installation and the system's MIME types count: empty user
        // directories, no system mimeapps.list; TryExec finds the program on PATH.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_DIRS"), installed(QStringLiteral("share")) + QStringLiteral(":/usr/share"));
        for (const char* var : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS"})
            env.insert(QString::fromLatin1(var), m_dir.filePath(QStringLiteral("empty-") + QLatin1String(var)));
        env.insert(QStringLiteral("PATH"),
                   installed(QStringLiteral("bin")) + QLatin1Char(':') + env.value(QStringLiteral("PATH")));

        const Run info = runProgram(
            gio, {QStringLiteral("info"), QStringLiteral("-a"), QStringLiteral("standard::content-type"), file}, env);
        QVERIFY2(info.status == 0, info.err.constData());
        QVERIFY2(info.out.contains("standard::content-type: " + type.toUtf8() + "\n"), info.out.constData());
        const Run mime = runProgram(gio, {QStringLiteral("mime"), type}, env);
        QVERIFY2(mime.status == 0, mime.err.constData());
        // "Default application for “application/x-npy”: quantscope.desktop"
        const QString firstLine = QString::fromUtf8(mime.out).section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(firstLine.startsWith(QLatin1String("Default application for")) &&
                     firstLine.endsWith(QLatin1String(": ") + QFileInfo(kDesktop).fileName()),
                 mime.out.constData());
    }

    void mimeTypeOfName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("parent");
        QTest::newRow("session") << "lecture.qscope"
                                 << "application/x-quantscope-session"
                                 << "application/json";
        QTest::newRow("session, upper case") << "LECTURE.QSCOPE"
                                             << "application/x-quantscope-session"
                                             << "";
        QTest::newRow("npy") << "w.npy"
                             << "application/x-npy"
                             << "";
        QTest::newRow("npz") << "w.npz"
                             << "application/x-npz"
                             << "application/zip";
        QTest::newRow("safetensors") << "model.safetensors"
                                     << "application/x-safetensors"
                                     << "";
        QTest::newRow("gguf") << "llama-q4_0.gguf"
                              << "application/x-gguf"
                              << "";
    }
    void mimeTypeOfName()
    {
        QFETCH(QString, name);
        QFETCH(QString, type);
        QFETCH(QString, parent);
        const QMimeType t = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        QCOMPARE(t.name(), type);
        if (!parent.isEmpty())
            QVERIFY2(t.inherits(parent), qPrintable(t.parentMimeTypes().join(QLatin1Char(' '))));
        // Every type the launcher opens is defined, here or by the system.
        QVERIFY(desktopMimeTypes().contains(type));
    }

    // A file without its extension is still recognised by its first bytes: every
    // valid .npy, .safetensors and .gguf of the reader tests (written by NumPy,
    // by the safetensors layout and by llama.cpp's gguf writer), and a bare GGUF header.
    void mimeTypeOfContent_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("type");
        const QList<std::pair<QString, QString>> folders{{QStringLiteral("npy"), QStringLiteral("npy")},
                                                         {QStringLiteral("safetensors"), QStringLiteral("safetensors")},
                                                         {QStringLiteral("models/gguf"), QStringLiteral("gguf")}};
        for (const auto& [folder, kind] : folders) {
            const QDir dir(QStringLiteral(QS_SOURCE_DIR "/tests/data/") + folder);
            const QStringList files = dir.entryList({QStringLiteral("*.") + kind}, QDir::Files);
            QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
            for (const QString& file : files) {
                QFile f(dir.filePath(file));
                QVERIFY(f.open(QIODevice::ReadOnly));
                QTest::newRow(qPrintable(file)) << f.read(4096) << QStringLiteral("application/x-") + kind;
            }
        }
        QTest::newRow("gguf v3") << QByteArray("GGUF\x03\0\0\0", 8) + QByteArray(24, '\0') << "application/x-gguf";
    }
    void mimeTypeOfContent()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, type);
        QCOMPARE(QMimeDatabase().mimeTypeForData(head).name(), type);
    }

    // The PNG sizes are renderings of the SVG (resources/CMakeLists.txt says how
    // they were made): Qt's rendering of the installed SVG differs from them only
    // by antialiasing.
    void iconsMatchTheSvg_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("48") << 48;
        QTest::newRow("128") << 128;
        QTest::newRow("256") << 256;
    }
    void iconsMatchTheSvg()
    {
        QFETCH(int, size);
        const QString svg = installed(QStringLiteral("share/icons/hicolor/scalable/apps/quantscope.svg"));
        QVERIFY(QSvgRenderer(svg).isValid());
        const QImage png(installed(QStringLiteral("share/icons/hicolor/%1x%1/apps/quantscope.png").arg(size)));
        QCOMPARE(png.size(), QSize(size, size));
        QVERIFY(png.hasAlphaChannel()); // the rounded corners are transparent
        const QImage rendered = renderSvg(svg, size);
        // Measured: 0.05 to 0.3 of 255 between librsvg's and Qt's antialiasing;
        // the icon upside down differs by about 19.
        const double tolerance = 1.0;
        const double diff = meanDifference(png, rendered);
        QVERIFY2(diff < tolerance, qPrintable(QStringLiteral("mean difference %1 of 255").arg(diff)));
        QVERIFY(meanDifference(png.mirrored(false, true), rendered) > 10 * tolerance);
    }
};

QTEST_MAIN(TestDesktopInstall)
#include "tst_desktop_install.moc"
