// The Debian package that `cpack -G DEB` makes from this build tree: its
// control fields, its file list (the same files as `cmake --install`, under
// /usr), and its Depends, which must name the package of every shared library
// the programs link - found here independently of dpkg-shlibdeps, through
// the ELF NEEDED entries, ldd and the dpkg database.
//
// QS_DEB=FILE.deb checks that package instead of making one (scripts/package).
#include "packagingtestutil.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs::test;

namespace {

QString tool(const char* name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

// The package names of a Depends field: "a (>= 1), b | c" -> {a, b, c}.
QSet<QString> dependencyNames(const QString& depends)
{
    QSet<QString> names;
    static const QRegularExpression sep(QStringLiteral("[,|]"));
    for (QString d : depends.split(sep, Qt::SkipEmptyParts)) {
        d = d.trimmed();
        names.insert(d.left(d.indexOf(QLatin1Char(' '))).section(QLatin1Char(':'), 0, 0));
    }
    return names;
}

// The Debian package that owns a file. Debian 12 merges /lib into /usr/lib, but
// dpkg keeps each file under the path its package ships it at, so both are tried.
QString owningPackage(const QString& path)
{
    QStringList candidates{path};
    if (path.startsWith(QLatin1String("/usr/lib/")))
        candidates << path.mid(4);
    else if (path.startsWith(QLatin1String("/lib")))
        candidates << QStringLiteral("/usr") + path;
    for (const QString& p : candidates) {
        const Run r = runProgram(tool("dpkg-query"), {QStringLiteral("-S"), p});
        if (r.status == 0) // "libqt6core6:amd64: /usr/lib/..."
            return QString::fromUtf8(r.out).section(QLatin1Char(':'), 0, 0).trimmed();
    }
    return {};
}

} // namespace

class TestDebPackage : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_deb;

    QString field(const QString& name) const
    {
        const Run r = runProgram(tool("dpkg-deb"), {QStringLiteral("--field"), m_deb, name});
        return QString::fromUtf8(r.out).trimmed();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char* t : {"dpkg", "dpkg-deb", "dpkg-shlibdeps", "dpkg-query", "objdump", "ldd"})
            if (tool(t).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed: no Debian package here").arg(QLatin1String(t))));
        m_deb = qEnvironmentVariable("QS_DEB");
        if (m_deb.isEmpty()) {
            const Run r =
                runProgram(QStringLiteral(QS_CPACK),
                           {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                            QStringLiteral(QS_BUILD_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), m_dir.path()},
                           QProcessEnvironment::systemEnvironment(), {}, 600000);
            QVERIFY2(r.status == 0, (r.out + r.err).constData());
            const QStringList debs = QDir(m_dir.path()).entryList({QStringLiteral("*.deb")}, QDir::Files);
            QCOMPARE(debs.size(), 1);
            m_deb = m_dir.filePath(debs.first());
        }
        const Run x =
            runProgram(tool("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_dir.filePath(QStringLiteral("root"))});
        QVERIFY2(x.status == 0, x.err.constData());
    }

    void controlFields()
    {
        const Run arch = runProgram(tool("dpkg"), {QStringLiteral("--print-architecture")});
        QCOMPARE(field(QStringLiteral("Package")), QStringLiteral("quantscope"));
        QCOMPARE(field(QStringLiteral("Version")), QStringLiteral(QS_PROJECT_VERSION "-1"));
        QCOMPARE(field(QStringLiteral("Architecture")), QString::fromUtf8(arch.out).trimmed());
        QCOMPARE(field(QStringLiteral("Section")), QStringLiteral("science"));
        QCOMPARE(field(QStringLiteral("Priority")), QStringLiteral("optional"));
        static const QRegularExpression person(QStringLiteral("^[^<>]+ <[^<>@ ]+@[^<>@ ]+>$"));
        QVERIFY2(person.match(field(QStringLiteral("Maintainer"))).hasMatch(),
                 qPrintable(field(QStringLiteral("Maintainer"))));
        QVERIFY(field(QStringLiteral("Homepage")).startsWith(QLatin1String("https://")));
        // A synopsis line, then an extended description of several lines.
        const QStringList description = field(QStringLiteral("Description")).split(QLatin1Char('\n'));
        QVERIFY2(description.size() >= 5, qPrintable(description.join(QLatin1Char('\n'))));
        QVERIFY(description.first().contains(QLatin1String("quantization")));
        QVERIFY2(description.at(1).trimmed() != description.first().trimmed(), "the synopsis is repeated");
    }

    // The package holds what `cmake --install` puts under a prefix, under /usr,
    // owned by root; the programs are executable.
    void fileList()
    {
        const Run r = runProgram(tool("dpkg-deb"), {QStringLiteral("--contents"), m_deb});
        QCOMPARE(r.status, 0);
        QSet<QString> files;
        QStringList wrongOwner;
        for (const QString& line : QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            // "-rwxr-xr-x root/root 123 2026-01-01 00:00 ./usr/bin/quantscope"
            const QStringList cols = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QVERIFY2(cols.size() >= 6, qPrintable(line));
            if (cols.at(1) != QLatin1String("root/root"))
                wrongOwner << line;
            if (cols.at(0).startsWith(QLatin1Char('-'))) {
                files.insert(cols.at(5));
                if (cols.at(5).startsWith(QLatin1String("./usr/bin/")))
                    QCOMPARE(cols.at(0), QStringLiteral("-rwxr-xr-x"));
            }
        }
        QVERIFY2(wrongOwner.isEmpty(), qPrintable(wrongOwner.join(QLatin1Char('\n'))));
        QSet<QString> expected;
        for (const InstalledFile& f : expectedInstalledFiles())
            expected.insert(QStringLiteral("./usr/") + f.path);
        QCOMPARE(QStringList(files.begin(), files.end()).size(), files.size());
        const QSet<QString> missing = expected - files, extra = files - expected;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringList(missing.begin(), missing.end()).join(QLatin1Char(' '))));
        QVERIFY2(extra.isEmpty(), qPrintable(QStringList(extra.begin(), extra.end()).join(QLatin1Char(' '))));
    }

    // Every shared library a packaged program links comes from a package Depends
    // names; no development package is needed at run time.
    void dependsCoversEveryLinkedLibrary_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("quantscope") << QStringLiteral("quantscope");
        QTest::newRow("quantscope-cli") << QStringLiteral("quantscope-cli");
    }
    void dependsCoversEveryLinkedLibrary()
    {
        QFETCH(QString, program);
        const QString depends = field(QStringLiteral("Depends"));
        const QSet<QString> names = dependencyNames(depends);
        for (const QString& n : names)
            QVERIFY2(!n.endsWith(QLatin1String("-dev")), qPrintable(depends));
        const QString binary = m_dir.filePath(QStringLiteral("root/usr/bin/") + program);

        const Run dump = runProgram(tool("objdump"), {QStringLiteral("-p"), binary});
        QCOMPARE(dump.status, 0);
        QStringList needed;
        static const QRegularExpression neededLine(QStringLiteral("^\\s*NEEDED\\s+(\\S+)$"),
                                                   QRegularExpression::MultilineOption);
        for (auto it = neededLine.globalMatch(QString::fromUtf8(dump.out)); it.hasNext();)
            needed << it.next().captured(1);
        QVERIFY(needed.contains(QStringLiteral("libQt6Core.so.6")));
        if (program == QLatin1String("quantscope")) {
            QVERIFY(needed.contains(QStringLiteral("libQt6Widgets.so.6")));
            QVERIFY(std::any_of(needed.begin(), needed.end(),
                                [](const QString& n) { return n.startsWith(QLatin1String("libQCustomPlot")); }));
        }

        // ldd: "libQt6Core.so.6 => /lib/x86_64-linux-gnu/libQt6Core.so.6 (0x...)", and
        // the dynamic loader by its path alone: "/lib64/ld-linux-x86-64.so.2 (0x...)".
        const Run ldd = runProgram(tool("ldd"), {binary});
        QCOMPARE(ldd.status, 0);
        QMap<QString, QString> where;
        static const QRegularExpression lddLine(QStringLiteral("^\\s*(?:(\\S+) => )?(/\\S*/([^/\\s]+)) \\("),
                                                QRegularExpression::MultilineOption);
        for (auto it = lddLine.globalMatch(QString::fromUtf8(ldd.out)); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            where.insert(m.captured(1).isEmpty() ? m.captured(3) : m.captured(1), m.captured(2));
        }
        for (const QString& lib : needed) {
            QVERIFY2(where.contains(lib), qPrintable(lib + QStringLiteral(" is not found by ldd")));
            const QString package = owningPackage(where.value(lib));
            QVERIFY2(!package.isEmpty(), qPrintable(where.value(lib) + QStringLiteral(" belongs to no package")));
            QVERIFY2(names.contains(package),
                     qPrintable(QStringLiteral("%1 (%2) is missing from Depends: %3").arg(package, lib, depends)));
        }
    }

    // dpkg installs the package into a scratch root whose package database is a
    // copy of this machine's, so Depends is checked against what is really
    // installed here: the package is configured, its programs run from that
    // root, and removing it leaves none of its files. Against an empty database
    // dpkg refuses to configure it and names the missing Qt library: Depends is
    // enforced, not decorative.
    void installsWithDpkg()
    {
        const auto makeRoot = [this](const QString& name, bool withHostPackages) {
            const QString root = m_dir.filePath(name);
            QDir().mkpath(root + QStringLiteral("/var/lib/dpkg/info"));
            QDir().mkpath(root + QStringLiteral("/var/lib/dpkg/updates"));
            QFile(root + QStringLiteral("/var/lib/dpkg/available")).open(QIODevice::WriteOnly);
            if (withHostPackages)
                QFile::copy(QStringLiteral("/var/lib/dpkg/status"), root + QStringLiteral("/var/lib/dpkg/status"));
            else
                QFile(root + QStringLiteral("/var/lib/dpkg/status")).open(QIODevice::WriteOnly);
            return root;
        };
        const auto dpkg = [](const QString& root, QStringList args) {
            args.prepend(QStringLiteral("--log=/dev/null"));
            args.prepend(QStringLiteral("--force-not-root"));
            args.prepend(QStringLiteral("--root=") + root);
            return runProgram(tool("dpkg"), args);
        };
        if (!QFileInfo(QStringLiteral("/var/lib/dpkg/status")).isReadable())
            QSKIP("no dpkg database on this machine");

        const QString root = makeRoot(QStringLiteral("dpkg-root"), true);
        const Run install = dpkg(root, {QStringLiteral("--install"), m_deb});
        QVERIFY2(install.status == 0, install.err.right(2000).constData());
        const Run status = dpkg(root, {QStringLiteral("--status"), QStringLiteral("quantscope")});
        QVERIFY2(status.out.contains("Status: install ok installed"), status.out.constData());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        const Run gui = runProgram(root + QStringLiteral("/usr/bin/quantscope"), {QStringLiteral("--version")}, env);
        QCOMPARE(gui.status, 0);
        QVERIFY2(gui.out.contains(QS_PROJECT_VERSION), gui.out.constData());
        const Run remove = dpkg(root, {QStringLiteral("--remove"), QStringLiteral("quantscope")});
        QVERIFY2(remove.status == 0, remove.err.right(2000).constData());
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/usr")));

        const QString empty = makeRoot(QStringLiteral("dpkg-empty"), false);
        const Run refused = dpkg(empty, {QStringLiteral("--install"), m_deb});
        QVERIFY(refused.status != 0);
        QVERIFY2(refused.err.contains("dependency problems prevent configuration of quantscope") &&
                     refused.err.contains("quantscope depends on libqt6core6"),
                 refused.err.right(2000).constData());
    }

    // The stripped programs of the package still run.
    void packagedProgramsRun()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        const Run gui =
            runProgram(m_dir.filePath(QStringLiteral("root/usr/bin/quantscope")), {QStringLiteral("--version")}, env);
        QCOMPARE(gui.status, 0);
        QVERIFY2(gui.out.contains(QS_PROJECT_VERSION), gui.out.constData());
        const Run version = runProgram(m_dir.filePath(QStringLiteral("root/usr/bin/quantscope-cli")),
                                       {QStringLiteral("--version")}, env);
        QCOMPARE(version.status, 0);
        QVERIFY2(version.out.contains(QS_PROJECT_VERSION), version.out.constData());
        const Run cli = runProgram(m_dir.filePath(QStringLiteral("root/usr/bin/quantscope-cli")),
                                   {QStringLiteral("encode"), QStringLiteral("fp32"), QStringLiteral("25.125")}, env);
        QCOMPARE(cli.status, 0);
        QVERIFY2(cli.out.contains("0 10000011 10010010000000000000000"), cli.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestDebPackage)
#include "tst_deb_package.moc"
