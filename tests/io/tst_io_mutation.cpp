// Deterministic mutation testing of every reader: about eleven thousand corrupted
// versions of the corpus (bit flips, truncations, corrupted length fields,
// overwritten header bytes, inserted/deleted bytes, splices of two files)
// go through the .npy, .safetensors and text readers, and mutated sessions and
// settings JSON (the fuzz seeds, tests/fuzz/seeds) through their reader. Each must either give a
// consistent tensor or throw qs::Error - never crash, never throw anything
// else, never try a huge allocation. Runs in the ASan/UBSan build too
// (scripts/test), where out-of-bounds reads and UB abort the test.
#include "iotestutil.h"

#include "formats/error.h"
#include "io/generators.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/sessionfile.h"
#include "io/tensorsource.h"
#include "io/textreader.h"

#include <QDirIterator>
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <new>

// Every input here is under 200 KB, so no reader has any business asking for
// 256 MB: a replaced global operator new turns such a request into a recorded
// failure instead of an attempt (the "no unbounded allocation" rule).
namespace {
std::atomic<std::size_t> g_hugeRequest{0};
constexpr std::size_t kAllocationCap = std::size_t(256) << 20;

void* checkedAlloc(std::size_t n)
{
    if (n > kAllocationCap) {
        g_hugeRequest = n;
        throw std::bad_alloc();
    }
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace

void* operator new(std::size_t n)
{
    return checkedAlloc(n);
}
void* operator new[](std::size_t n)
{
    return checkedAlloc(n);
}
// The nothrow forms too, so every plain new/delete pair goes through malloc/free
// (a mixed pair would be an alloc-dealloc mismatch under AddressSanitizer).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return checkedAlloc(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return checkedAlloc(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete[](void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    std::free(p);
}

using namespace qs;
using namespace qs::iotest;

namespace {

std::vector<QByteArray> corpus()
{
    std::vector<QByteArray> files;
    QDirIterator it(QString::fromStdString(dataPath("")), QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    paths.sort(); // a fixed order: the same mutations on every run
    for (const QString& p : paths)
        if (!p.endsWith(".py") && !p.endsWith(".json"))
            files.push_back(readAll(p.toStdString()));
    return files;
}

QByteArray mutate(const QByteArray& in, const QByteArray& other, Xoshiro256& rng)
{
    QByteArray b = in;
    auto pick = [&](std::uint64_t n) { return n ? qsizetype(rng.next() % n) : 0; };
    const qsizetype headerEnd = std::min<qsizetype>(b.size(), 160); // most structure lives up front
    switch (rng.next() % 8) {
    case 0: // flip a few bits anywhere
        for (int k = 0, n = 1 + int(rng.next() % 4); k < n && !b.isEmpty(); ++k)
            b[pick(std::uint64_t(b.size()))] ^= char(1u << (rng.next() % 8));
        break;
    case 1: // truncate
        b.truncate(pick(std::uint64_t(b.size())));
        break;
    case 2: { // corrupt a length field: npy's at 8..11, safetensors' at 0..7
        const bool npy = b.startsWith("\x93NUMPY");
        const int at = npy ? 8 : 0, width = npy ? (b.size() > 6 && b[6] == 1 ? 2 : 4) : 8;
        const std::uint64_t choices[] = {0,
                                         1,
                                         7,
                                         0xff,
                                         0xffff,
                                         0xffffffff,
                                         ~0ull,
                                         rng.next(),
                                         std::uint64_t(b.size()),
                                         std::uint64_t(b.size()) - 9,
                                         100'000'001};
        const std::uint64_t v = choices[rng.next() % std::size(choices)];
        for (int i = 0; i < width && at + i < b.size(); ++i)
            b[at + i] = char((v >> (8 * i)) & 0xff);
        break;
    }
    case 3: { // overwrite a header byte with something structurally meaningful
        static const char interesting[] = "0123456789-,:()[]{}\"'eE.+ \n\t\\\x00\xff\x80";
        if (headerEnd > 0)
            b[pick(std::uint64_t(headerEnd))] = interesting[rng.next() % (sizeof interesting - 1)];
        break;
    }
    case 4: { // replace a run of digits with a huge or negative number
        const qsizetype start = pick(std::uint64_t(headerEnd));
        qsizetype d = start;
        while (d < headerEnd && (b[d] < '0' || b[d] > '9'))
            ++d;
        if (d < headerEnd) {
            qsizetype e = d;
            while (e < b.size() && b[e] >= '0' && b[e] <= '9')
                ++e;
            static const char* numbers[] = {"99999999999999999999", "-1", "4294967296", "9007199254740993", "0", "1e9",
                                            "18446744073709551615", "-0"};
            b.replace(d, e - d, numbers[rng.next() % std::size(numbers)]);
        }
        break;
    }
    case 5: // insert bytes
        b.insert(pick(std::uint64_t(b.size()) + 1), QByteArray(1 + pick(8), char(rng.next())));
        break;
    case 6: // delete bytes
        if (!b.isEmpty()) {
            const qsizetype at = pick(std::uint64_t(b.size()));
            b.remove(at, 1 + pick(16));
        }
        break;
    default: // splice: a prefix of this file, the tail of another
        b = b.left(pick(std::uint64_t(b.size()) + 1)) + other.mid(pick(std::uint64_t(other.size()) + 1));
    }
    return b;
}

// Runs every reader; returns how many produced a tensor. Throws only what a reader let escape.
int readAllWays(const QByteArray& bytes)
{
    int ok = 0;
    const auto span = bytesOf(bytes);
    auto check = [&](const LoadedTensor& t) {
        // A tensor that loads is self-consistent.
        if (Tensor::elementCount(t.tensor.shape()) != t.tensor.size())
            throw std::logic_error("shape and size disagree");
        ++ok;
    };
    try {
        check(readNpy(span, "m.npy"));
    } catch (const qs::Error&) {
    }
    try {
        const SafetensorsHeader h = parseSafetensorsHeader(span, "m.safetensors");
        for (const auto& e : h.tensors) {
            if (e.end > h.dataSize || e.begin > e.end)
                throw std::logic_error("header accepted offsets beyond the data");
            check(readSafetensorsTensor(span, h, e, "m.safetensors"));
        }
    } catch (const qs::Error&) {
    }
    try {
        const TextTable t = parseText(std::string_view(bytes.constData(), std::size_t(bytes.size())), "m.csv");
        if (t.tensor.empty())
            throw std::logic_error("text gave an empty tensor");
        ++ok;
    } catch (const qs::Error&) {
    }
    return ok;
}

std::vector<QByteArray> seeds(const QString& kind)
{
    std::vector<QByteArray> out;
    QDirIterator it(QStringLiteral(QS_FUZZ_SEED_DIR) + "/" + kind, QDir::Files);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString& p : paths)
        out.push_back(readAll(p.toStdString()));
    return out;
}

// JSON-shaped damage: a value of another type, a number no integer holds,
// deep nesting, a repeated key, or the byte-level mutations above.
QByteArray mutateJson(const QByteArray& in, const QByteArray& other, Xoshiro256& rng)
{
    QByteArray b = in;
    auto pick = [&](std::uint64_t n) { return n ? qsizetype(rng.next() % n) : 0; };
    static const char* values[] = {"5",
                                   "null",
                                   "true",
                                   "[1]",
                                   "{}",
                                   "\"\"",
                                   "\"3\"",
                                   "1e300",
                                   "2.5",
                                   "-1",
                                   "-0",
                                   "1e-300",
                                   "[2.5]",
                                   "[1e300]",
                                   "\"yes\"",
                                   "[null]",
                                   "[]",
                                   "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
                                   "9007199254740993",
                                   "{\"a\":1,\"a\":2}"};
    switch (rng.next() % 5) {
    case 0: { // replace the value after a random ':' or inside a list
        const qsizetype at = b.indexOf(rng.next() % 2 ? ':' : '[', pick(std::uint64_t(b.size())));
        if (at < 0)
            break;
        qsizetype end = at + 1;
        int depth = 0;
        while (end < b.size() && !(depth == 0 && (b[end] == ',' || b[end] == '}' || b[end] == ']'))) {
            depth += (b[end] == '[' || b[end] == '{') - (b[end] == ']' || b[end] == '}');
            ++end;
        }
        b.replace(at + 1, end - at - 1, values[rng.next() % std::size(values)]);
        break;
    }
    case 1: // deep nesting
        b = QByteArray(qsizetype(1 + rng.next() % 3000), '[') + b;
        break;
    case 2: // the document as a list
        b = "[" + b + "]";
        break;
    default: b = mutate(b, other, rng);
    }
    return b;
}

} // namespace

class TestIoMutation : public QObject
{
    Q_OBJECT
private slots:
    void corpusIsThere();
    void mutatedInputsFailCleanly();
    void mutatedDocumentsFailCleanly();
};

void TestIoMutation::corpusIsThere()
{
    QVERIFY(corpus().size() >= 80);
}

void TestIoMutation::mutatedInputsFailCleanly()
{
    const std::vector<QByteArray> files = corpus();
    Xoshiro256 rng(20261123);
    constexpr int kPerFile = 128;
    int inputs = 0, loaded = 0;
    for (std::size_t f = 0; f < files.size(); ++f) {
        for (int m = 0; m < kPerFile; ++m) {
            const QByteArray& other = files[std::size_t(rng.next() % files.size())];
            QByteArray bytes = mutate(files[f], other, rng);
            if (rng.next() % 4 == 0) // sometimes stack two mutations
                bytes = mutate(bytes, other, rng);
            g_hugeRequest = 0;
            try {
                loaded += readAllWays(bytes);
            } catch (const std::exception& e) {
                QFAIL(qPrintable(
                    QString("file %1, mutation %2: %3 escaped: %4").arg(f).arg(m).arg(typeid(e).name()).arg(e.what())));
            }
            if (g_hugeRequest)
                QFAIL(qPrintable(QString("file %1, mutation %2: a reader asked for %3 bytes")
                                     .arg(f)
                                     .arg(m)
                                     .arg(g_hugeRequest.load())));
            ++inputs;
        }
    }
    qInfo("%d mutated inputs, %d tensors loaded", inputs, loaded);
    QVERIFY(inputs >= 10000);
    QVERIFY(loaded > 0); // some mutations (e.g. a flipped data bit) still give valid tensors
}

void TestIoMutation::mutatedDocumentsFailCleanly()
{
    // The session reader (File > Open, the autosave, plot --config) and the
    // settings reader (quantize/plot --config), as the fuzzers fuzz_session and
    // fuzz_config run them: a document or a clean qs::Error, nothing else.
    std::vector<QByteArray> docs = seeds("session");
    const std::size_t sessions = docs.size();
    for (const QByteArray& c : seeds("config"))
        docs.push_back(c);
    QVERIFY(sessions >= 3 && docs.size() >= sessions + 3);
    auto read = [](const QByteArray& bytes, bool session) {
        const QJsonObject o = parseJsonObject(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                              session ? "m.qscope" : "m.json", session ? "session" : "settings");
        const QuantConfig c = session ? parseSessionDocument(o).config : parseSettingsDocument(o).config;
        // What was read saves as it reads (a session opened and saved keeps its settings).
        const QJsonObject once = c.toJson();
        if (QuantConfig::fromJson(once).toJson() != once)
            throw std::logic_error("a config read from JSON does not round-trip");
    };
    for (std::size_t i = 0; i < docs.size(); ++i) { // every seed is a good document
        try {
            read(docs[i], i < sessions);
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString("seed %1: %2").arg(i).arg(e.what())));
        }
    }
    Xoshiro256 rng(20261207);
    int inputs = 0, accepted = 0;
    for (std::size_t d = 0; d < docs.size(); ++d) {
        for (int m = 0; m < 600; ++m) {
            QByteArray bytes = mutateJson(docs[d], docs[std::size_t(rng.next() % docs.size())], rng);
            if (rng.next() % 3 == 0)
                bytes = mutateJson(bytes, docs[d], rng);
            g_hugeRequest = 0;
            try {
                read(bytes, d < sessions);
                ++accepted;
            } catch (const qs::Error&) {
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("document %1, mutation %2: %3 escaped: %4")
                                     .arg(d)
                                     .arg(m)
                                     .arg(typeid(e).name())
                                     .arg(e.what())));
            }
            if (g_hugeRequest)
                QFAIL(qPrintable(QString("document %1, mutation %2: a reader asked for %3 bytes")
                                     .arg(d)
                                     .arg(m)
                                     .arg(g_hugeRequest.load())));
            ++inputs;
        }
    }
    qInfo("%d mutated documents, %d accepted", inputs, accepted);
    QVERIFY(accepted > 0 && accepted < inputs);
}

QTEST_GUILESS_MAIN(TestIoMutation)
#include "tst_io_mutation.moc"
