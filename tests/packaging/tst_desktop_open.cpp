// What the desktop does with a file: a double-click (or a drop on the launcher)
// runs the .desktop file's Exec line with the file, and a file dropped on the
// main window opens there. Both open a session and a tensor file.
#include "packagingtestutil.h"

#include "explorer/explorerview.h"
#include "io/tensorsource.h"
#include "io/writers.h"
#include "mainwindow/appactions.h"
#include "mainwindow/mainwindow.h"
#include "session/session.h"

#include <QDropEvent>
#include <QImage>
#include <QMimeData>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUrl>
#include <QtTest>

using namespace qs;
using namespace qs::test;

class TestDesktopOpen : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_npy;     // 3x100 normal values
    QString m_session; // five pasted values
    QString m_gguf;    // one f32 tensor, kGgufValues

    static constexpr float kGgufValues[6] = {-1.5f, -0.25f, 0.0f, 0.5f, 2.0f, 8.0f};

    // A GGUF v3 file written by hand from the format's layout (ggml's
    // docs/gguf.md): magic, version, tensor and key-value counts, one tensor
    // info (name, dimensions, type 0 = F32, data offset), padding to the default
    // 32-byte alignment, the data. Little-endian throughout, as on x86-64 and arm64.
    static bool writeGguf(const QString& path)
    {
        QByteArray b("GGUF");
        const auto u32 = [&b](quint32 v) { b.append(reinterpret_cast<const char*>(&v), 4); };
        const auto u64 = [&b](quint64 v) { b.append(reinterpret_cast<const char*>(&v), 8); };
        const QByteArray name("w");
        u32(3);
        u64(1); // tensors
        u64(0); // key-value pairs
        u64(name.size());
        b.append(name);
        u32(1); // dimensions
        u64(std::size(kGgufValues));
        u32(0); // GGML_TYPE_F32
        u64(0); // offset in the data section
        b.append(QByteArray((32 - b.size() % 32) % 32, '\0'));
        b.append(reinterpret_cast<const char*>(kGgufValues), sizeof kGgufValues);
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(b) == b.size();
    }

    // Drops the URLs on the window as a file manager does: drag enter, then drop.
    static bool drop(MainWindow& w, const QList<QUrl>& urls)
    {
        QMimeData data;
        data.setUrls(urls);
        const QPoint at(w.width() / 2, w.height() / 2);
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent dropped(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&w, &dropped);
        return dropped.isAccepted();
    }

    // Runs the GUI as the launcher would for `file` (the .desktop file's Exec
    // line), rendering the window instead of showing it.
    QImage launch(const QString& file, const QString& name)
    {
        const QString exec = readDesktopEntry(QStringLiteral(QS_SOURCE_DIR "/resources/quantscope.desktop"))
                                 .value(QStringLiteral("Exec"));
        QStringList args = file.isEmpty() ? QStringList() : execArguments(exec, file).mid(1);
        const QString png = m_dir.filePath(name + QStringLiteral(".png"));
        args << QStringLiteral("--screenshot") << png << QStringLiteral("--size") << QStringLiteral("800x500");
        const Run r = runProgram(QStringLiteral(QS_GUI_PATH), args, m_env);
        if (r.status != 0)
            qWarning() << args << r.err;
        return QImage(png);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config-here")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data-here")).toLocal8Bit());

        m_npy = m_dir.filePath(QStringLiteral("w.npy"));
        writeNpy(m_npy.toStdString(), generateTensor("normal,n=300,seed=2").reshaped({3, 100}));
        m_session = m_dir.filePath(QStringLiteral("five.qscope"));
        Session s;
        DataSource src;
        src.kind = DataSource::Kind::Pasted;
        src.pasted = QStringLiteral("-2.5, -1.0, 0.0, 1.0, 3.5");
        QVERIFY(s.setDataSource(src, QStringLiteral("five")));
        QVERIFY(s.save(m_session));
        m_gguf = m_dir.filePath(QStringLiteral("w.gguf"));
        QVERIFY(writeGguf(m_gguf));
    }

    // The launcher's command line opens the file: the window shows its data,
    // not the default example, and a session shows as `--session` shows it.
    void execLineOpensTheFile()
    {
        const QImage byDefault = launch(QString(), QStringLiteral("default"));
        const QImage tensor = launch(m_npy, QStringLiteral("npy"));
        const QImage session = launch(m_session, QStringLiteral("session"));
        QVERIFY(!byDefault.isNull() && !tensor.isNull() && !session.isNull());
        QVERIFY2(tensor != byDefault, "the .npy file given by the launcher was not opened");
        QVERIFY2(session != byDefault, "the .qscope file given by the launcher was not opened");
        const QString png = m_dir.filePath(QStringLiteral("by-option.png"));
        const Run r = runProgram(QStringLiteral(QS_GUI_PATH),
                                 {QStringLiteral("--session"), m_session, QStringLiteral("--screenshot"), png,
                                  QStringLiteral("--size"), QStringLiteral("800x500")},
                                 m_env);
        QCOMPARE(r.status, 0);
        QCOMPARE(session, QImage(png));
    }

    // One file of each tensor type the launcher declares (MimeType=).
    void dropOpensATensorFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("npy") << m_npy;
        QTest::newRow("safetensors") << QStringLiteral(QS_SOURCE_DIR "/tests/data/safetensors/single.safetensors");
        QTest::newRow("npz") << QStringLiteral(QS_SOURCE_DIR "/tests/data/models/npz/arrays.npz");
        QTest::newRow("gguf") << m_gguf;
    }
    void dropOpensATensorFile()
    {
        QFETCH(QString, file);
        MainWindow w;
        w.resize(800, 500);
        QVERIFY(drop(w, {QUrl::fromLocalFile(file)}));
        QVERIFY(w.explorer()->session()->waitForLoad());
        // The window shows the file's first tensor, as File > Open does.
        const std::string first = listTensorNames(file.toStdString()).front();
        const std::string spec =
            file.endsWith(QLatin1String(".npy")) ? file.toStdString() : file.toStdString() + ":" + first;
        QCOMPARE(w.explorer()->session()->tensor().shape(), loadTensor(spec).shape());
        QCOMPARE(w.actions()->recentFiles().first(), QFileInfo(file).absoluteFilePath());
        if (file == m_gguf) { // the values written above, not the reader's view of them
            const Tensor& t = w.explorer()->session()->tensor();
            QCOMPARE(std::vector<float>(t.values().begin(), t.values().end()),
                     std::vector<float>(std::begin(kGgufValues), std::end(kGgufValues)));
        }
    }

    void dropOpensASession()
    {
        MainWindow w;
        QVERIFY(drop(w, {QUrl::fromLocalFile(m_session)}));
        QVERIFY(w.explorer()->session()->waitForLoad());
        QCOMPARE(w.explorer()->session()->fileName(), m_session);
        QCOMPARE(w.explorer()->session()->tensor().size(), 5);
    }

    // Of several dropped files the first one that opens is taken; a file that
    // cannot be read is named in the status bar and changes nothing.
    void dropSkipsWhatCannotOpen()
    {
        MainWindow w;
        QVERIFY(w.explorer()->session()->waitForLoad());
        const qint64 before = w.explorer()->session()->tensor().size();
        const QString bad = m_dir.filePath(QStringLiteral("bad.npy"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a numpy file");
        f.close();
        QVERIFY(!drop(w, {QUrl::fromLocalFile(bad)}));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("bad.npy")),
                 qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(!drop(w, {QUrl(QStringLiteral("https://example.org/w.npy"))}));
        QCOMPARE(w.explorer()->session()->tensor().size(), before);

        QVERIFY(drop(w, {QUrl::fromLocalFile(bad), QUrl::fromLocalFile(m_npy)}));
        QVERIFY(w.explorer()->session()->waitForLoad());
        QCOMPARE(w.explorer()->session()->tensor().shape(), (Shape{3, 100}));
    }
};

QTEST_MAIN(TestDesktopOpen)
#include "tst_desktop_open.moc"
