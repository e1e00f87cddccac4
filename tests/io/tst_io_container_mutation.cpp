// Deterministic mutation testing of the container readers: thousands of
// corrupted versions of the model corpus (tests/data/models: GGUF, PyTorch,
// .npz, ONNX, TF.js manifests) - bit flips, truncations, overwritten integers,
// inserted and deleted bytes, splices - go through every container reader,
// which must list and read them or throw qs::Error: never crash, never throw
// anything else, never ask for a huge allocation. Runs under ASan/UBSan too.
#include "allocationcap.h"
#include "iotestutil.h"

#include "formats/error.h"
#include "io/container.h"
#include "io/generators.h"
#include "io/gguf.h"
#include "io/npz.h"
#include "io/onnx.h"
#include "io/pickle.h"
#include "io/tfjs.h"
#include "io/torchfile.h"

#include <QDirIterator>
#include <QtTest>

using namespace qs;
using namespace qs::iotest;

namespace {

struct Sample
{
    QString name;
    QByteArray bytes;
};

std::vector<Sample> corpus()
{
    std::vector<Sample> files;
    QDirIterator it(QString::fromStdString(dataPath("models")), QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString& p : paths)
        if (!p.endsWith(".py") && !p.endsWith("expected.json") && !p.endsWith(".bin") && !p.endsWith(".safetensors"))
            files.push_back({p, readAll(p.toStdString())});
    return files;
}

QByteArray mutate(const QByteArray& in, const QByteArray& other, Xoshiro256& rng)
{
    QByteArray b = in;
    auto pick = [&](std::uint64_t n) { return n ? qsizetype(rng.next() % n) : 0; };
    switch (rng.next() % 8) {
    case 0: // flip bits anywhere
        for (int k = 0, n = 1 + int(rng.next() % 4); k < n && !b.isEmpty(); ++k)
            b[pick(std::uint64_t(b.size()))] ^= char(1u << (rng.next() % 8));
        break;
    case 1: // truncate
        b.truncate(pick(std::uint64_t(b.size())));
        break;
    case 2: { // overwrite an integer field (anywhere: zip keeps its directory at the end)
        static const std::uint64_t values[] = {
            0, 1, 3, 31, 255, 0xffff, 0xffffffff, 0x7fffffffffffffff, ~0ull, 1ull << 32, 1ull << 40, 65};
        const std::uint64_t v = values[rng.next() % std::size(values)];
        const int width = 1 << (rng.next() % 4);
        const qsizetype at = pick(std::uint64_t(b.size()));
        for (int i = 0; i < width && at + i < b.size(); ++i)
            b[at + i] = char((v >> (8 * i)) & 0xff);
        break;
    }
    case 3: { // the same near the end (zip end records, central directory)
        const qsizetype tail = std::min<qsizetype>(b.size(), 120);
        if (tail > 0)
            b[b.size() - 1 - pick(std::uint64_t(tail))] = char(rng.next());
        break;
    }
    case 4: // insert bytes
        b.insert(pick(std::uint64_t(b.size()) + 1), QByteArray(1 + pick(8), char(rng.next())));
        break;
    case 5: // delete bytes
        if (!b.isEmpty())
            b.remove(pick(std::uint64_t(b.size())), 1 + pick(16));
        break;
    case 6: { // JSON-ish: replace a digit run with a huge or negative number
        const qsizetype start = pick(std::uint64_t(b.size()));
        qsizetype d = start;
        while (d < b.size() && (b[d] < '0' || b[d] > '9'))
            ++d;
        if (d < b.size()) {
            qsizetype e = d;
            while (e < b.size() && b[e] >= '0' && b[e] <= '9')
                ++e;
            static const char* numbers[] = {"99999999999999999999", "-1", "4294967296", "0", "1e300", "1.5"};
            b.replace(d, e - d, numbers[rng.next() % std::size(numbers)]);
        }
        break;
    }
    default: // splice
        b = b.left(pick(std::uint64_t(b.size()) + 1)) + other.mid(pick(std::uint64_t(other.size()) + 1));
    }
    return b;
}

int readAllWays(const QByteArray& bytes)
{
    const auto span = bytesOf(bytes);
    int tensors = 0;
    auto drain = [&](auto open) {
        try {
            const std::unique_ptr<TensorContainer> c = open();
            for (const auto& t : c->tensors()) {
                try {
                    const LoadedTensor v = c->read(t);
                    if (Tensor::elementCount(v.tensor.shape()) != v.tensor.size() || v.tensor.shape() != t.shape)
                        throw std::logic_error("a tensor's shape and values disagree");
                    ++tensors;
                } catch (const qs::Error&) {
                }
            }
        } catch (const qs::Error&) {
        }
    };
    const std::string models = dataPath("models");
    drain([&] { return openGguf(span, "m.gguf"); });
    drain([&] { return openTorch(span, "m.pt"); });
    drain([&] { return openNpz(span, "m.npz"); });
    drain([&] { return openOnnx(span, "m.onnx", models + "/onnx/external"); });
    drain([&] { return openTfjs(span, "model.json", models + "/tfjs"); });
    try {
        pickle::unpickle(span, "m.pkl");
    } catch (const qs::Error&) {
    }
    return tensors;
}

} // namespace

class TestIoContainerMutation : public QObject
{
    Q_OBJECT
private slots:
    void corpusIsThere();
    void mutatedInputsFailCleanly();
};

void TestIoContainerMutation::corpusIsThere()
{
    QVERIFY(corpus().size() >= 14);
}

void TestIoContainerMutation::mutatedInputsFailCleanly()
{
    const std::vector<Sample> files = corpus();
    Xoshiro256 rng(18);
    constexpr int kPerFile = 1500;
    int inputs = 0, loaded = 0;
    for (std::size_t f = 0; f < files.size(); ++f) {
        for (int m = 0; m < kPerFile; ++m) {
            const QByteArray& other = files[std::size_t(rng.next() % files.size())].bytes;
            QByteArray bytes = mutate(files[f].bytes, other, rng);
            if (rng.next() % 4 == 0)
                bytes = mutate(bytes, other, rng);
            g_hugeRequest = 0;
            try {
                loaded += readAllWays(bytes);
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString("%1, mutation %2: %3 escaped: %4")
                                     .arg(files[f].name)
                                     .arg(m)
                                     .arg(typeid(e).name())
                                     .arg(e.what())));
            }
            if (g_hugeRequest)
                QFAIL(qPrintable(QString("%1, mutation %2: a reader asked for %3 bytes")
                                     .arg(files[f].name)
                                     .arg(m)
                                     .arg(g_hugeRequest.load())));
            ++inputs;
        }
    }
    qInfo("%d mutated inputs, %d tensors read", inputs, loaded);
    QVERIFY(inputs >= 5000);
    QVERIFY(loaded > 0);
}

QTEST_GUILESS_MAIN(TestIoContainerMutation)
#include "tst_io_container_mutation.moc"
