// Tiny inputs must not take gigabytes, endless inputs must not be read
// forever. Text is parsed as a stream: memory is the numbers kept (a single
// line of millions of numbers once held a 16-byte view per cell, a line of
// words a string per word), and a line of non-numbers fails after its first
// bytes. A safetensors header of many tensors costs its entries. Devices,
// FIFOs and oversized files are refused before they are read. The heap is
// measured by a replaced operator new (live bytes and their peak).
#include "iotestutil.h"

#include "io/inputfile.h"
#include "io/ioerror.h"
#include "io/safetensors.h"
#include "io/sessionfile.h"
#include "io/tensorsource.h"
#include "io/textreader.h"
#include "model/digits.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <new>

#include <sys/stat.h>
#include <unistd.h>

namespace {
std::atomic<std::int64_t> g_live{0}, g_peak{0};

void* tracked(std::size_t n)
{
    void* p = std::malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    const std::int64_t live = g_live += std::int64_t(malloc_usable_size(p));
    std::int64_t peak = g_peak.load();
    while (live > peak && !g_peak.compare_exchange_weak(peak, live)) {
    }
    return p;
}
void untracked(void* p) noexcept
{
    if (p) {
        g_live -= std::int64_t(malloc_usable_size(p));
        std::free(p);
    }
}
// The heap added above `base` at its highest since resetPeak().
std::int64_t resetPeak()
{
    g_peak = g_live.load();
    return g_live.load();
}
} // namespace

void* operator new(std::size_t n)
{
    return tracked(n);
}
void* operator new[](std::size_t n)
{
    return tracked(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return tracked(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return tracked(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept
{
    untracked(p);
}
void operator delete[](void* p) noexcept
{
    untracked(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    untracked(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    untracked(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    untracked(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    untracked(p);
}

using namespace qs;

namespace {

// "a,a,a,..." of any length, made up as it is read (nothing stored); counts what was read.
class EndlessWords final : public ByteSource
{
public:
    explicit EndlessWords(std::uint64_t size) : m_size(size) {}
    const std::string& name() const override { return m_name; }
    std::uint64_t size() const override { return m_size; }
    void read(std::uint64_t offset, void* dst, std::size_t n) const override
    {
        auto* out = static_cast<char*>(dst);
        for (std::size_t i = 0; i < n; ++i)
            out[i] = (offset + i) % 2 ? ',' : 'a';
        m_read += n;
    }
    std::uint64_t bytesRead() const { return m_read; }

private:
    std::string m_name = "words.csv";
    std::uint64_t m_size;
    mutable std::uint64_t m_read = 0;
};

} // namespace

class TestIoStreaming : public QObject
{
    Q_OBJECT
private slots:
    void oneLongLineOfNumbers();
    void oneLongLineOfWords();
    void endlessLineFailsAfterItsStart();
    void manyTensorsInOneHeader();
    void nonRegularFilesAreRefused_data();
    void nonRegularFilesAreRefused();
    void oversizedDocumentsAreRefused();
};

void TestIoStreaming::oneLongLineOfNumbers()
{
    // 4M numbers on one line: the tensor is 16 MiB; the values being collected
    // double as they grow. The old parser also held a 16-byte view per cell.
    constexpr std::int64_t n = std::int64_t(1) << 22;
    std::string text;
    text.reserve(std::size_t(n) * 2);
    for (std::int64_t i = 0; i < n; ++i)
        text += i % 2 ? "1," : "2,";
    text.back() = '\n';
    const std::int64_t base = resetPeak();
    {
        const TextTable t = parseText(text, "line.csv");
        QCOMPARE(t.tensor.size(), n);
        QCOMPARE(t.tensor.data()[n - 1], 1.0f);
    }
    const std::int64_t peak = g_peak - base;
    qInfo("peak heap %.1f MiB for %lld values (%.1f bytes per value)", double(peak) / (1 << 20),
          static_cast<long long>(n), double(peak) / double(n));
    QVERIFY2(peak <= 16 * n, qPrintable(QString("%1 bytes per value").arg(double(peak) / double(n))));
}

void TestIoStreaming::oneLongLineOfWords()
{
    // 16 MiB of "a,a,a...": a header of 8M names. Refused once it passes the
    // header limit; the old parser kept a view and a string per word (~400 MiB).
    std::string text;
    text.reserve(std::size_t(16) << 20);
    while (text.size() < (std::size_t(16) << 20))
        text += "a,";
    const std::int64_t base = resetPeak();
    try {
        parseText(text, "words.csv");
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::BadText));
        QVERIFY2(QString(e.what()).contains("a header of more than 65536 column names"), e.what());
    }
    const std::int64_t peak = g_peak - base;
    qInfo("peak heap %.1f MiB", double(peak) / (1 << 20));
    QVERIFY2(peak < (std::int64_t(16) << 20), qPrintable(QString::number(peak)));
}

void TestIoStreaming::endlessLineFailsAfterItsStart()
{
    // 100 MB of "a,a,a..." that exists only as it is read: the parser stops
    // after the header limit, having read a small part of it.
    const EndlessWords words(100'000'000);
    QVERIFY_THROWS_EXCEPTION(IoError, parseText(words));
    qInfo("read %llu of %llu bytes", static_cast<unsigned long long>(words.bytesRead()),
          static_cast<unsigned long long>(words.size()));
    QVERIFY(words.bytesRead() <= std::uint64_t(4) << 20);
}

void TestIoStreaming::manyTensorsInOneHeader()
{
    // 200 000 tensors: the header is parsed without a document tree. The
    // bound is per entry (its name, dtype, shape and offsets) plus the text.
    constexpr int n = 200000;
    std::string header = "{";
    for (int i = 0; i < n; ++i) {
        char buf[128];
        std::snprintf(buf, sizeof buf,
                      "%s\"layer%06d.weight\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%d,%d]}", i ? "," : "",
                      i, 4 * i, 4 * i + 4);
        header += buf;
    }
    header += "}";
    while (header.size() % 8)
        header += ' ';
    std::string file(8, '\0');
    for (int b = 0; b < 8; ++b)
        file[std::size_t(b)] = char((std::uint64_t(header.size()) >> (8 * b)) & 0xff);
    file += header;
    for (int i = 0; i < n; ++i) {
        const float v = float(i);
        file.append(reinterpret_cast<const char*>(&v), 4);
    }
    const std::int64_t base = resetPeak();
    {
        const MemorySource source(file, "many.safetensors");
        const SafetensorsHeader h = parseSafetensorsHeader(source);
        QCOMPARE(int(h.tensors.size()), n);
        const SafetensorsEntry* last = h.find("layer199999.weight");
        QVERIFY(last);
        QCOMPARE(readSafetensorsTensor(source, h, *last).tensor.data()[0], 199999.0f);
    }
    const std::int64_t peak = g_peak - base;
    qInfo("peak heap %.1f MiB for a %.1f MiB header of %d tensors", double(peak) / (1 << 20),
          double(header.size()) / (1 << 20), n);
    QVERIFY2(peak < std::int64_t(header.size()) + std::int64_t(n) * 400, qPrintable(QString("%1 bytes").arg(peak)));
}

void TestIoStreaming::nonRegularFilesAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("problem");
    QTest::newRow("/dev/zero") << "/dev/zero"
                               << "is not a regular file";
    QTest::newRow("a FIFO") << "FIFO"
                            << "is not a regular file";
    QTest::newRow("a directory") << "DIR"
                                 << "is a directory";
}

void TestIoStreaming::nonRegularFilesAreRefused()
{
    QFETCH(QString, path);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    if (path == "FIFO") {
        // Named like a session: opening a FIFO for reading waits for a writer forever.
        path = dir.filePath("x.qscope");
        QVERIFY(::mkfifo(path.toLocal8Bit().constData(), 0600) == 0);
    } else if (path == "DIR") {
        path = dir.path();
    }
    const std::string p = path.toStdString();
    auto check = [&](auto&& read) {
        try {
            read();
            QFAIL("no error");
        } catch (const IoError& e) {
            QCOMPARE(int(e.kind()), int(IoErrorKind::NotFound));
            QVERIFY2(QString(e.what()).startsWith(path + ": " + problem), e.what());
        }
    };
    check([&] { InputFile f(p); });
    check([&] { readSmallFile(p, kMaxDocumentBytes, "session"); });
    check([&] { readJsonObjectFile(p, "session"); }); // sessions, plot --config
    check([&] { loadDigits(p); });                    // model train --data
    check([&] { loadTensor(p); });                    // tensors
}

void TestIoStreaming::oversizedDocumentsAreRefused()
{
    // A sparse file one byte over the limit: refused from its size, never read.
    QTemporaryDir dir;
    const QString path = dir.filePath("huge.qscope");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.resize(qint64(kMaxDocumentBytes) + 1));
    f.close();
    const std::int64_t base = resetPeak();
    try {
        readJsonObjectFile(path.toStdString(), "session");
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::TooLarge));
        QVERIFY2(QString(e.what()).contains("session of 67108865 bytes is larger than the limit of 67108864 bytes"),
                 e.what());
    }
    QVERIFY(g_peak - base < (std::int64_t(1) << 20));
    // Training data has the same limit.
    QVERIFY_THROWS_EXCEPTION(IoError, loadDigits(path.toStdString()));
}

QTEST_GUILESS_MAIN(TestIoStreaming)
#include "tst_io_streaming.moc"
