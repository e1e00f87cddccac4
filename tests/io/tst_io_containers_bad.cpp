// Bad input for the model containers: every lie in a header, offset or shape is
// refused with a typed one-line error before anything is allocated; zip and
// pickle bombs are bounded; unknown types are named; and no pickle ever runs
// anything (the hostile-pickle tests check that the file its payload would
// create does not exist).
#include "containerbuilders.h"
#include "ggufbuilder.h"
#include "iotestutil.h"

#include "io/container.h"
#include "io/gguf.h"
#include "io/ioerror.h"
#include "io/npz.h"
#include "io/onnx.h"
#include "io/pickle.h"
#include "io/tfjs.h"
#include "io/torchfile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace qs;
using namespace qs::iotest;

Q_DECLARE_METATYPE(qs::IoErrorKind)

namespace {

const char* const kMarker = "/tmp/quantscope-hostile-pickle-ran";

// Opens (and reads every readable tensor of) bytes with the named reader.
void runReader(const QString& reader, const QByteArray& bytes, const std::string& folder = {})
{
    const auto span = bytesOf(bytes);
    std::unique_ptr<TensorContainer> c;
    if (reader == "gguf")
        c = openGguf(span, "x.gguf");
    else if (reader == "npz")
        c = openNpz(span, "x.npz");
    else if (reader == "torch")
        c = openTorch(span, "x.pt");
    else if (reader == "onnx")
        c = openOnnx(span, "x.onnx", folder);
    else if (reader == "tfjs")
        c = openTfjs(span, "model.json", folder);
    else if (reader == "pickle") {
        pickle::unpickle(span, "x.pkl");
        return;
    }
    for (const auto& t : c->tensors())
        c->read(t);
}

QByteArray torchZip(const QByteArray& pkl, const QByteArray& storage, const std::string& extra = {})
{
    std::vector<ZipMember> m{{"archive/data.pkl", pkl}, {"archive/data/0", storage}, {"archive/version", "3\n"}};
    if (!extra.empty())
        m.push_back({"archive/" + extra, "x"});
    return makeZip(m);
}

QByteArray floats(std::initializer_list<float> v)
{
    return QByteArray(reinterpret_cast<const char*>(std::data(v)), qsizetype(v.size() * 4));
}

QByteArray tensorProto(const std::string& name, std::vector<std::uint64_t> dims, int type, const QByteArray& fields)
{
    QByteArray t;
    for (auto d : dims)
        t += pbField(1, d);
    return t + pbField(2, std::uint64_t(type)) + pbField(8, QByteArray::fromStdString(name)) + fields;
}

} // namespace

class TestIoContainersBad : public QObject
{
    Q_OBJECT
private slots:
    void refused_data();
    void refused();
    void hostilePickleRunsNothing_data();
    void hostilePickleRunsNothing();
    void committedHostileCheckpoint();
    void pickleBombsAreBounded_data();
    void pickleBombsAreBounded();
    void exponentialObjectGraph();
    void pathsStayInTheFolder_data();
    void pathsStayInTheFolder();
    void symlinkOutOfTheFolder();
    void legacyAndUnknownFiles();
};

void TestIoContainersBad::refused_data()
{
    QTest::addColumn<QString>("reader");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qs::IoErrorKind>("kind");
    QTest::addColumn<QString>("message");
    using K = IoErrorKind;
    using G = GgufBuilder;
    const QByteArray f32x8(32, '\0');

    // GGUF
    QTest::newRow("gguf magic") << "gguf" << QByteArray("GGUX\3\0\0\0", 8) << K::BadMagic << "no \"GGUF\" magic";
    QTest::newRow("gguf v1") << "gguf" << G(1).bytes() << K::BadHeader << "GGUF version 1 is not read";
    QTest::newRow("gguf big-endian") << "gguf" << G(0x03000000).bytes() << K::BadHeader << "big-endian GGUF";
    QTest::newRow("gguf counts lie") << "gguf" << G().counts(1000000, 5).bytes() << K::Truncated
                                     << "claims 1000000 tensors and 5 metadata entries";
    QTest::newRow("gguf unknown type") << "gguf" << G().tensor("w", {8}, 99, 0).bytes(f32x8) << K::UnsupportedDtype
                                       << "tensor 'w' has unknown ggml type id 99";
    QTest::newRow("gguf retired type") << "gguf" << G().tensor("w", {32}, 4, 0).bytes(f32x8) << K::UnsupportedDtype
                                       << "unknown ggml type id 4";
    QTest::newRow("gguf partial block") << "gguf" << G().tensor("w", {33}, 2, 0).bytes(QByteArray(64, 0)) << K::BadShape
                                        << "rows of 33 values are not a whole number of q4_0 blocks of 32";
    QTest::newRow("gguf unaligned") << "gguf" << G().tensor("w", {2}, 0, 4).bytes(f32x8) << K::BadOffsets
                                    << "starts at offset 4, not a multiple of the alignment 32";
    QTest::newRow("gguf beyond data") << "gguf" << G().tensor("w", {16}, 0, 0).bytes(f32x8) << K::BadOffsets
                                      << "[0, +64] is beyond the 32 bytes of data";
    QTest::newRow("gguf overlap") << "gguf" << G().tensor("a", {8}, 0, 0).tensor("b", {8}, 0, 0).bytes(f32x8)
                                  << K::BadOffsets << "data of tensors 'a' and 'b' overlap";
    QTest::newRow("gguf alignment 24") << "gguf" << G().kvU32("general.alignment", 24).bytes() << K::BadHeader
                                       << "general.alignment 24 is not a power of two";
    QTest::newRow("gguf alignment string") << "gguf" << G().kvString("general.alignment", "32").bytes() << K::BadHeader
                                           << "general.alignment is not a u32";
    QTest::newRow("gguf 5 dims") << "gguf" << G().tensor("w", {1, 1, 1, 1, 1}, 0, 0).bytes(f32x8) << K::BadShape
                                 << "has 5 dimensions (ggml allows at most 4)";
    QTest::newRow("gguf duplicate key") << "gguf" << G().kvU32("k", 1).kvU32("k", 2).bytes() << K::BadHeader
                                        << "duplicate metadata key 'k'";
    QTest::newRow("gguf duplicate tensor")
        << "gguf" << G().tensor("w", {8}, 0, 0).tensor("w", {8}, 0, 32).bytes(f32x8 + f32x8) << K::DuplicateName
        << "duplicate tensor name 'w'";
    QByteArray nested;
    G::str(nested, "arr"), G::u32(nested, 9), G::u32(nested, 9), G::u64(nested, 1);
    QTest::newRow("gguf nested array") << "gguf" << G().kvRaw(nested).bytes() << K::BadHeader << "array of arrays";
    QByteArray hugeArray;
    G::str(hugeArray, "arr"), G::u32(hugeArray, 9), G::u32(hugeArray, 4), G::u64(hugeArray, 1ull << 40);
    QTest::newRow("gguf array count lies")
        << "gguf" << G().kvRaw(hugeArray).bytes() << K::Truncated << "claims 1099511627776 elements";
    QByteArray longKey;
    G::u64(longKey, 1ull << 60);
    QTest::newRow("gguf string length lies") << "gguf" << G().kvRaw(longKey + QByteArray(16, 'k')).bytes()
                                             << K::Truncated << "a metadata key needs 1152921504606846976 bytes";
    QTest::newRow("gguf dimension beyond 2^63")
        << "gguf" << G().tensor("w", {1ull << 63}, 0, 0).bytes(f32x8) << K::BadShape << "dimension beyond 2^63";
    QTest::newRow("gguf shape overflows")
        << "gguf" << G().tensor("w", {1ull << 32, 1ull << 32, 4}, 0, 0).bytes(f32x8) << K::BadShape << "overflows";

    // Pickles (data.pkl of torch.save)
    PickleWriter p;
    QTest::newRow("pickle unknown opcode")
        << "pickle" << PickleWriter().op("I01\n", 4).done() << K::Refused << "pickle opcode 0x49 'I'";
    QTest::newRow("pickle protocol 6") << "pickle" << QByteArray("\x80\x06N.", 4) << K::Refused << "pickle protocol 6";
    QTest::newRow("pickle memo miss") << "pickle" << PickleWriter().op("h\x05", 2).done() << K::BadHeader
                                      << "memo key 5 was never stored";
    QTest::newRow("pickle underflow") << "pickle" << PickleWriter().op('R').done() << K::BadHeader << "stack underflow";
    QTest::newRow("pickle 9-byte long") << "pickle"
                                        << PickleWriter().op("\x8a\x09", 2).op(QByteArray(9, 1).constData(), 9).done()
                                        << K::Refused << "more than 64 bits";
    QTest::newRow("pickle string cut") << "pickle" << PickleWriter().op("X\xff\0\0\0ab", 7).bytes() << K::Truncated
                                       << "a string needs 255 bytes";
    QTest::newRow("pickle no STOP") << "pickle" << PickleWriter().op('N').bytes() << K::Truncated << "an opcode";
    QTest::newRow("pickle two values") << "pickle" << PickleWriter().op('N').op('N').done() << K::BadHeader
                                       << "exactly one value";
    QTest::newRow("pickle SETITEMS on a list")
        << "pickle" << PickleWriter().op(']').op('(').str("a").op('N').op('u').done() << K::Refused
        << "refused: SETITEMS on a list";
    QTest::newRow("pickle APPEND to a dict")
        << "pickle" << PickleWriter().op('}').op('N').op('a').done() << K::Refused << "refused: APPEND to a dict";
    QTest::newRow("pickle BUILD on a str")
        << "pickle" << PickleWriter().str("x").op('}').op('b').done() << K::Refused << "refused: BUILD on a str";
    QTest::newRow("pickle persistent id")
        << "pickle" << PickleWriter().str("file").op('Q').done() << K::Refused << "not a ('storage', ...) tuple";
    QTest::newRow("pickle calling a storage")
        << "pickle" << PickleWriter().global("torch", "FloatStorage").op(')').op('R').done() << K::Refused
        << "refused: calling torch.FloatStorage";

    // PyTorch archives
    QTest::newRow("torch storage size lie")
        << "torch" << torchZip(statePickle("w", "FloatStorage", 100, 0, {2}, {1}), floats({1, 2})) << K::SizeMismatch
        << "declares 100 FloatStorage elements, but holds 8 bytes";
    QTest::newRow("torch view beyond storage")
        << "torch" << torchZip(statePickle("w", "FloatStorage", 2, 1, {2}, {1}), floats({1, 2})) << K::BadOffsets
        << "reaches element 2 of a storage of 2";
    QTest::newRow("torch stride beyond storage")
        << "torch" << torchZip(statePickle("w", "FloatStorage", 4, 0, {2, 2}, {3, 1}), floats({1, 2, 3, 4}))
        << K::BadOffsets << "reaches element 4 of a storage of 4";
    QTest::newRow("torch missing storage")
        << "torch" << torchZip(statePickle("w", "FloatStorage", 2, 0, {2}, {1}, "7"), floats({1, 2})) << K::BadOffsets
        << "storage '7' is missing";
    QTest::newRow("torch storage key path")
        << "torch" << torchZip(statePickle("w", "FloatStorage", 2, 0, {2}, {1}, "../0"), floats({1, 2})) << K::BadHeader
        << "is not a plain name";
    QTest::newRow("torch quantized storage")
        << "torch" << torchZip(statePickle("w", "QInt8Storage", 2, 0, {2}, {1}), floats({1, 2})) << K::Refused
        << "refused: torch.QInt8Storage";
    QTest::newRow("torchscript") << "torch"
                                 << torchZip(statePickle("w", "FloatStorage", 2, 0, {2}, {1}), floats({1, 2}),
                                             "constants.pkl")
                                 << K::Refused << "TorchScript archive";
    QTest::newRow("zip without data.pkl")
        << "torch" << makeZip({{"a.txt", "x"}}) << K::BadMagic << "without NAME/data.pkl";

    // Zip and .npz
    const QByteArray npy10 = npyFloats({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    QTest::newRow("zip ratio bomb") << "npz" << makeZip({{"x.npy", QByteArray(1000, 0), 8, 1000000000}}) << K::TooLarge
                                    << "claims 1000000000 bytes from";
    QTest::newRow("zip inflates beyond declared")
        << "npz" << makeZip({{"x.npy", npy10 + QByteArray(5000, 'z'), 8, npy10.size()}}) << K::SizeMismatch
        << "inflates to more than its declared 168 bytes (a zip bomb?)";
    QTest::newRow("npz declared size vs header") << "npz" << makeZip({{"x.npy", npy10, 8, npy10.size() + 4000}})
                                                 << K::SizeMismatch << "needs 40 bytes of data, the file has 4040";
    QTest::newRow("zip crc") << "npz" << makeZip({{"x.npy", npy10, 8, -1, 1234}}) << K::BadHeader
                             << "fails its CRC-32 check";
    QTest::newRow("zip crc stored") << "npz" << makeZip({{"x.npy", npy10, 0, -1, 1234}}) << K::BadHeader
                                    << "fails its CRC-32 check";
    QTest::newRow("zip encrypted") << "npz" << makeZip({{"x.npy", npy10, 0, -1, -1, 1}}) << K::Refused
                                   << "'x.npy' is encrypted";
    QTest::newRow("zip bzip2") << "npz" << makeZip({{"x.npy", npy10, 12}}) << K::UnsupportedDtype << "bzip2";
    QTest::newRow("zip no end record") << "npz" << makeZip({{"x.npy", npy10}}).chopped(22) << K::BadHeader
                                       << "no end-of-central-directory record";
    QByteArray countLie = makeZip({{"x.npy", npy10}});
    countLie[countLie.size() - 12] = char(0xff), countLie[countLie.size() - 14] = char(0xff);
    QTest::newRow("zip count lies") << "npz" << countLie << K::BadHeader << "claims 255 entries";
    QByteArray overlap = makeZip({{"a.npy", npy10}, {"b.npy", npy10}});
    // Point b's central entry at a's local header: two entries share bytes.
    const qsizetype bEntry = overlap.lastIndexOf(QByteArray("\x50\x4b\x01\x02", 4));
    for (int i = 0; i < 4; ++i)
        overlap[bEntry + 42 + i] = 0;
    QTest::newRow("zip overlapping entries") << "npz" << overlap << K::DuplicateName << "";
    QTest::newRow("zip duplicate names") << "npz" << makeZip({{"a.npy", npy10}, {"a.npy", npy10}}) << K::DuplicateName
                                         << "duplicate zip entry 'a.npy'";

    // ONNX
    QTest::newRow("onnx varint cut") << "onnx" << QByteArray("\x08\x80", 2) << K::BadHeader << "a varint cut short";
    QTest::newRow("onnx length beyond") << "onnx" << QByteArray("\x3a\x7f\x00", 3) << K::BadHeader
                                        << "a length of 127 beyond the message";
    QTest::newRow("onnx group") << "onnx" << QByteArray("\x0b", 1) << K::BadHeader << "groups are not read";
    QTest::newRow("onnx no graph") << "onnx" << pbField(1, 8) << K::BadHeader << "without a graph";
    QTest::newRow("onnx raw size") << "onnx" << onnxModel({tensorProto("w", {3}, 1, pbField(9, floats({1, 2})))})
                                   << K::SizeMismatch << "raw_data holds 8 bytes, but shape [3] of float32 needs 12";
    QTest::newRow("onnx typed count") << "onnx" << onnxModel({tensorProto("w", {3}, 7, pbField(7, 1) + pbField(7, 2))})
                                      << K::SizeMismatch << "holds 2 values, but shape [3] has 3";
    QTest::newRow("onnx typed range") << "onnx" << onnxModel({tensorProto("w", {1}, 3, pbField(5, 300))})
                                      << K::BadHeader << "typed value 300 does not fit int8";
    QTest::newRow("onnx complex named") << "onnx" << onnxModel({tensorProto("c", {1}, 14, pbField(9, floats({1, 2})))})
                                        << K::UnsupportedDtype << "ONNX element type COMPLEX64 is not read";
    QTest::newRow("onnx duplicate") << "onnx"
                                    << onnxModel({tensorProto("w", {1}, 1, pbField(9, floats({1}))),
                                                  tensorProto("w", {1}, 1, pbField(9, floats({2})))})
                                    << K::DuplicateName << "two tensors are named 'w'";
    QTest::newRow("onnx external without folder")
        << "onnx"
        << onnxModel(
               {tensorProto("w", {1}, 1, pbField(14, 1) + pbField(13, pbField(1, "location") + pbField(2, "w.bin")))})
        << K::Refused << "without a model folder";
    QTest::newRow("onnx 65 dims") << "onnx" << onnxModel({tensorProto("w", std::vector<std::uint64_t>(65, 1), 1, {})})
                                  << K::BadShape << "more than 64 dimensions";

    // TF.js manifests (no shard folder: every shard is refused)
    QTest::newRow("tfjs not a manifest") << "tfjs" << QByteArray("{\"a\": 1}") << K::BadHeader
                                         << "not a TF.js model.json or weights manifest";
    QTest::newRow("tfjs invalid json") << "tfjs" << QByteArray("[{") << K::BadHeader << "invalid JSON";
    QTest::newRow("tfjs group") << "tfjs" << QByteArray("[{\"paths\": 3}]") << K::BadHeader
                                << "lacks \"paths\" or \"weights\"";
    QTest::newRow("tfjs shard without folder") << "tfjs" << QByteArray("[{\"paths\": [\"a.bin\"], \"weights\": []}]")
                                               << K::Refused << "without a model folder";
}

void TestIoContainersBad::refused()
{
    QFETCH(QString, reader);
    QFETCH(QByteArray, bytes);
    QFETCH(qs::IoErrorKind, kind);
    QFETCH(QString, message);
    try {
        runReader(reader, bytes);
        QFAIL("no error");
    } catch (const IoError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.contains(message), qPrintable(what));
        QVERIFY2(!what.contains('\n'), qPrintable(what));
        if (QString(QTest::currentDataTag()) == "zip overlapping entries") // refused one way or another
            QVERIFY2(what.contains("overlap") || what.contains("duplicate") || what.contains("beyond"),
                     qPrintable(what));
        else
            QCOMPARE(int(e.kind()), int(kind));
    }
}

void TestIoContainersBad::hostilePickleRunsNothing_data()
{
    QTest::addColumn<QByteArray>("pickle");
    QTest::addColumn<QString>("global");
    const std::string cmd = std::string("touch ") + kMarker;
    // What pickle.dumps writes for an object whose __reduce__ returns (os.system, (cmd,)).
    QTest::newRow("posix.system") << PickleWriter().global("posix", "system").str(cmd).op('\x85').op('R').done()
                                  << "posix.system";
    QTest::newRow("os.system") << PickleWriter().global("os", "system").str(cmd).op('\x85').op('R').done()
                               << "os.system";
    // Protocol 4's STACK_GLOBAL takes the names from the stack.
    QTest::newRow("builtins.eval (STACK_GLOBAL)") << PickleWriter()
                                                         .str("builtins")
                                                         .str("eval")
                                                         .op('\x93')
                                                         .str("__import__('os').system('" + cmd + "')")
                                                         .op('\x85')
                                                         .op('R')
                                                         .done()
                                                  << "builtins.eval";
    QTest::newRow("builtins.exec")
        << PickleWriter().global("builtins", "exec").str("import os").op('\x85').op('R').done() << "builtins.exec";
    QTest::newRow("getattr chain") << PickleWriter().global("builtins", "getattr").done() << "builtins.getattr";
    QTest::newRow("subprocess") << PickleWriter().global("subprocess", "call").done() << "subprocess.call";
    QTest::newRow("torch.load") << PickleWriter().global("torch", "load").done() << "torch.load";
    QTest::newRow("codecs (numpy arrays)") << PickleWriter().global("_codecs", "encode").done() << "_codecs.encode";
    QTest::newRow("numpy reconstruct") << PickleWriter().global("numpy.core.multiarray", "_reconstruct").done()
                                       << "numpy.core.multiarray._reconstruct";
    // A hostile global hidden inside a state dict, after a valid tensor.
    PickleWriter nested;
    nested.global("collections", "OrderedDict").op(')').op('R').op('(').str("w");
    nested.global("posix", "system").str(cmd).op('\x85').op('R').op('u');
    QTest::newRow("inside a state dict") << nested.done() << "posix.system";
    QTest::newRow("INST") << PickleWriter().op('(').op("iposix\nsystem\n", 14).done() << "INST (object construction)";
    QTest::newRow("OBJ") << PickleWriter().op('(').global("posix", "system").op('o').done() << "posix.system";
    QTest::newRow("NEWOBJ") << PickleWriter().op(')').op(')').op('\x81').done() << "NEWOBJ (object construction)";
    QTest::newRow("EXT1") << PickleWriter().op("\x82\x01", 2).done() << "EXT (the extension registry)";
}

void TestIoContainersBad::hostilePickleRunsNothing()
{
    QFETCH(QByteArray, pickle);
    QFETCH(QString, global);
    QFile::remove(kMarker);
    for (int asArchive = 0; asArchive < 2; ++asArchive) {
        try {
            if (asArchive)
                runReader("torch", torchZip(pickle, floats({1, 2})));
            else
                pickle::unpickle(bytesOf(pickle), "x.pkl");
            QFAIL("no error");
        } catch (const IoError& e) {
            QCOMPARE(int(e.kind()), int(IoErrorKind::Refused));
            QVERIFY2(QString(e.what()).contains("refused: " + global), e.what());
        }
    }
    QVERIFY2(!QFile::exists(kMarker), "the pickle's payload ran");
}

void TestIoContainersBad::committedHostileCheckpoint()
{
    // torch/hostile.pt: the archive torch.save writes, with a data.pkl pickle.dumps made from an
    // object whose __reduce__ is os.system("touch /tmp/quantscope-hostile-pickle-ran").
    QFile::remove(kMarker);
    const std::string path = dataPath("models/torch/hostile.pt");
    QVERIFY(readAll(path).contains("posix\nsystem\n"));
    try {
        openContainer(path);
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::Refused));
        QVERIFY2(QString(e.what()).contains("refused: posix.system"), e.what());
    }
    QVERIFY(!QFile::exists(kMarker));
}

void TestIoContainersBad::pickleBombsAreBounded_data()
{
    QTest::addColumn<QByteArray>("pickle");
    QTest::addColumn<QString>("message");
    // 2.1 million values (one byte each): more than the 2,000,000 a state dict could need.
    QTest::newRow("values")
        << PickleWriter().op(']').op('(').op(QByteArray(2'100'000, 'N').constData(), 2'100'000).op('e').done()
        << "builds more than 2000000 values";
    // One list referenced 9 million times (BINGET is 2 bytes): references are counted.
    QByteArray gets;
    for (int i = 0; i < 4'500'000; ++i)
        gets.append("h\0", 2);
    QTest::newRow("references") << PickleWriter()
                                       .op(']')
                                       .op("q\0", 2)
                                       .op('(')
                                       .op(gets.constData(), int(gets.size()))
                                       .op(gets.constData(), int(gets.size()))
                                       .op('e')
                                       .done()
                                << "more than 8000000 references";
    QTest::newRow("marks") << PickleWriter().op(QByteArray(20000, '(').constData(), 20000).done() << "nested MARKs";
    QTest::newRow("size")
        << PickleWriter().op("X\0\0\0\x05", 5).op(QByteArray(80 << 20, 'a').constData(), 80 << 20).done()
        << "exceeds the limit";
}

void TestIoContainersBad::pickleBombsAreBounded()
{
    QFETCH(QByteArray, pickle);
    QFETCH(QString, message);
    try {
        pickle::unpickle(bytesOf(pickle), "bomb.pkl");
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::TooLarge));
        QVERIFY2(QString(e.what()).contains(message), e.what());
    }
}

void TestIoContainersBad::exponentialObjectGraph()
{
    // 40 levels of lists each holding the previous level twice: 40 memo'd lists in
    // the pickle, 2^40 paths to walk. The walk is bounded and says so.
    PickleWriter p;
    p.op(']').op("q\0", 2).op('0');
    for (int level = 1; level <= 25; ++level) {
        const char get[2] = {'h', char(level - 1)};
        const char put[2] = {'q', char(level)};
        p.op(']').op(put, 2).op('(').op(get, 2).op(get, 2).op('e').op('0');
    }
    p.op('}').op('(').str("a").op("h\x19", 2).op('u');
    const QByteArray pkl = p.done();
    try {
        runReader("torch", torchZip(pkl, floats({1})));
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::TooLarge));
        QVERIFY2(QString(e.what()).contains("nested more than 32 deep") ||
                     QString(e.what()).contains("too large to search"),
                 e.what());
    }
}

void TestIoContainersBad::pathsStayInTheFolder_data()
{
    QTest::addColumn<QString>("location");
    QTest::newRow("parent") << "../outside.bin";
    QTest::newRow("deeper parent") << "sub/../../outside.bin";
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("backslash parent") << "..\\outside.bin";
    QTest::newRow("drive") << "C:\\outside.bin";
}

void TestIoContainersBad::pathsStayInTheFolder()
{
    QFETCH(QString, location);
    QTemporaryDir dir;
    QDir(dir.path()).mkdir("model");
    const std::string folder = dir.filePath("model").toStdString();
    QFile out(dir.filePath("outside.bin"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(floats({1, 2, 3, 4}));
    out.close();
    const QByteArray loc = location.toUtf8();
    const QByteArray onnx =
        onnxModel({tensorProto("w", {4}, 1, pbField(14, 1) + pbField(13, pbField(1, "location") + pbField(2, loc)))});
    const QByteArray tfjs = "[{\"paths\": [\"" + QByteArray(loc).replace("\\", "\\\\") +
                            "\"], \"weights\": [{\"name\": \"w\", \"shape\": [4], \"dtype\": \"float32\"}]}]";
    for (const QString reader : {"onnx", "tfjs"}) {
        try {
            runReader(reader, reader == "onnx" ? onnx : tfjs, folder);
            QFAIL("no error");
        } catch (const IoError& e) {
            QCOMPARE(int(e.kind()), int(IoErrorKind::Refused));
            QVERIFY2(QString(e.what()).contains("is not a plain path inside the model's folder"), e.what());
        }
    }
    // The same files inside the folder read fine (so the refusals above are about the path).
    QVERIFY(QFile::copy(dir.filePath("outside.bin"), dir.filePath("model/inside.bin")));
    runReader("onnx",
              onnxModel({tensorProto("w", {4}, 1,
                                     pbField(14, 1) + pbField(13, pbField(1, "location") + pbField(2, "inside.bin")))}),
              folder);
}

void TestIoContainersBad::symlinkOutOfTheFolder()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkdir("model");
    QFile out(dir.filePath("secret.bin"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(floats({1, 2, 3, 4}));
    out.close();
    QVERIFY(QFile::link(dir.filePath("secret.bin"), dir.filePath("model/link.bin")));
    const std::string folder = dir.filePath("model").toStdString();
    try {
        runReader(
            "tfjs",
            "[{\"paths\": [\"link.bin\"], \"weights\": [{\"name\": \"w\", \"shape\": [4], \"dtype\": \"float32\"}]}]",
            folder);
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::Refused));
        QVERIFY2(QString(e.what()).contains("links out of the model's folder"), e.what());
    }
}

void TestIoContainersBad::legacyAndUnknownFiles()
{
    auto kindOf = [](const std::string& path) {
        try {
            openContainer(path);
        } catch (const IoError& e) {
            return std::make_pair(int(e.kind()), QString(e.what()));
        }
        return std::make_pair(-1, QString());
    };
    auto [k1, m1] = kindOf(dataPath("models/torch/legacy.pt"));
    QCOMPARE(k1, int(IoErrorKind::UnsupportedDtype));
    QVERIFY2(m1.contains("legacy PyTorch format (before 1.6) is not read"), qPrintable(m1));
    QTemporaryDir dir;
    QFile pkl(dir.filePath("bare.pt"));
    QVERIFY(pkl.open(QIODevice::WriteOnly));
    pkl.write(PickleWriter().global("posix", "system").done());
    pkl.close();
    auto [k2, m2] = kindOf(pkl.fileName().toStdString());
    QCOMPARE(k2, int(IoErrorKind::Refused));
    QVERIFY2(m2.contains("bare Python pickle"), qPrintable(m2));
    QTemporaryDir empty;
    auto [k3, m3] = kindOf(empty.path().toStdString());
    QCOMPARE(k3, int(IoErrorKind::NotFound));
    QVERIFY2(m3.contains("is a directory holding no model files"), qPrintable(m3));
}

QTEST_GUILESS_MAIN(TestIoContainersBad)
#include "tst_io_containers_bad.moc"
