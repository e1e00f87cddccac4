// The model containers against the values their own writers put in them
// (tests/data/models, made by make_models.py with numpy, torch.save, onnx,
// llama.cpp's gguf writer and quantizers, and a real face-api TF.js shard):
// every value bit for bit, shapes, stored types and sizes, and what each
// format adds (GGUF metadata, ONNX QDQ parameters, TF.js quantization, natural
// order, sharded sets and folders).
#include "ggufbuilder.h"
#include "iotestutil.h"

#include "io/container.h"
#include "io/ggmlio.h"
#include "io/gguf.h"
#include "io/ioerror.h"
#include "io/naturalorder.h"
#include "io/tensorsource.h"

#include <QJsonArray>
#include <QProcess>
#include <QtTest>

using namespace qs;
using namespace qs::iotest;

namespace {

std::string modelPath(const std::string& relative)
{
    return dataPath("models/" + relative);
}

QJsonObject expected()
{
    QFile f(QString::fromStdString(modelPath("expected.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<std::string> names(const TensorContainer& c)
{
    std::vector<std::string> out;
    for (const auto& t : c.tensors())
        out.push_back(t.name);
    return out;
}

} // namespace

class TestIoModels : public QObject
{
    Q_OBJECT
private slots:
    void valuesEqualTheWriters_data();
    void valuesEqualTheWriters();
    void everyFixtureIsCovered();
    void naturalOrder_data();
    void naturalOrder();
    void listsInNaturalOrder();
    void ggufMetadataAndShapes();
    void ggufRefusesUndecodedTypesByName();
    void onnxQdqParameters();
    void tfjsQuantizationIsShown();
    void torchCheckpointNamesAndMetadata();
    void shardedSetAndFolderAgree();
    void headerListingReadsNoData();
    void loadTensorAcceptsContainers();
    void cliInfoAndQuantize();
};

void TestIoModels::valuesEqualTheWriters_data()
{
    QTest::addColumn<QString>("key");
    const QJsonObject e = expected();
    QVERIFY(e.size() >= 60);
    for (auto it = e.begin(); it != e.end(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key();
}

void TestIoModels::valuesEqualTheWriters()
{
    QFETCH(QString, key);
    const QJsonObject want = expected().value(key).toObject();
    const qsizetype colon = key.lastIndexOf(':');
    const std::string file = modelPath(key.left(colon).toStdString());
    const std::string name = key.mid(colon + 1).toStdString();
    const auto c = openContainer(file);
    const ContainerTensor* t = c->find(name);
    QVERIFY2(t, qPrintable("no tensor " + key));
    Shape shape;
    for (const QJsonValue& d : want.value("shape").toArray())
        shape.push_back(d.toInteger());
    QCOMPARE(t->shape, shape);
    QCOMPARE(QString::fromStdString(t->dtype), want.value("dtype").toString());
    if (want.contains("bytes"))
        QCOMPARE(qint64(t->bytes), want.value("bytes").toInteger());
    if (!t->refusal.empty()) {
        // A type this build lists but does not decode: refused by name, never guessed.
        QVERIFY2(key.startsWith("gguf/"), qPrintable(QString::fromStdString(t->refusal)));
        try {
            c->read(*t);
            QFAIL("read a refused tensor");
        } catch (const IoError& err) {
            QVERIFY2(QString(err.what()).contains(want.value("dtype").toString()), err.what());
            QCOMPARE(int(err.kind()), int(IoErrorKind::UnsupportedDtype));
        }
        if (!ggmlio::haveQuantDecoders() || key.contains(":listed."))
            return; // the values are checked once the ggml decoders are linked in
        QFAIL("a block type the ggml decoders should read was refused");
    }
    const QByteArray bits = QByteArray::fromBase64(want.value("f32").toString().toLatin1());
    const LoadedTensor v = c->read(*t);
    QCOMPARE(v.tensor.shape(), shape);
    QCOMPARE(qsizetype(v.tensor.size()) * 4, bits.size());
    for (std::int64_t i = 0; i < v.tensor.size(); ++i) {
        float w;
        std::memcpy(&w, bits.constData() + 4 * i, 4);
        if (!sameFloat(v.tensor.data()[i], w))
            QFAIL(qPrintable(QString("%1[%2]: read %3 (0x%4), the writer has %5 (0x%6)")
                                 .arg(key)
                                 .arg(i)
                                 .arg(double(v.tensor.data()[i]))
                                 .arg(bitsOf(v.tensor.data()[i]), 8, 16, QChar('0'))
                                 .arg(double(w))
                                 .arg(bitsOf(w), 8, 16, QChar('0'))));
    }
}

void TestIoModels::everyFixtureIsCovered()
{
    // Every tensor of every fixture has an expectation, so no tensor goes unchecked.
    const QJsonObject e = expected();
    QSet<QString> files;
    for (auto it = e.begin(); it != e.end(); ++it)
        files.insert(it.key().left(it.key().lastIndexOf(':')));
    QVERIFY(files.size() >= 12);
    for (const QString& f : files) {
        const auto c = openContainer(modelPath(f.toStdString()));
        for (const auto& t : c->tensors())
            QVERIFY2(e.contains(f + ":" + QString::fromStdString(t.name)), qPrintable(f + ":" + t.name.c_str()));
    }
}

void TestIoModels::naturalOrder_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("less");
    QTest::newRow("2 < 10") << "layers.2.w"
                            << "layers.10.w" << true;
    QTest::newRow("10 > 2") << "layers.10.w"
                            << "layers.2.w" << false;
    QTest::newRow("prefix first") << "layers"
                                  << "layers.0" << true;
    QTest::newRow("text before digits by byte") << "a.x"
                                                << "a.1" << false;
    QTest::newRow("equal") << "blk.3"
                           << "blk.3" << false;
    QTest::newRow("leading zeros tie by bytes") << "x01"
                                                << "x1" << true;
    QTest::newRow("x1 after x01") << "x1"
                                  << "x01" << false;
    QTest::newRow("longer than int64") << "n99999999999999999999999"
                                       << "n100000000000000000000000" << true;
    QTest::newRow("second number decides") << "a1.b10"
                                           << "a1.b9" << false;
}

void TestIoModels::naturalOrder()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, less);
    QCOMPARE(naturalLess(a.toStdString(), b.toStdString()), less);
}

void TestIoModels::listsInNaturalOrder()
{
    const auto c = openContainer(modelPath("shards/model.safetensors.index.json"));
    const auto n = names(*c);
    const auto at = [&](const std::string& s) { return std::find(n.begin(), n.end(), s) - n.begin(); };
    QVERIFY(at("model.layers.2.weight") < at("model.layers.10.weight"));
    QVERIFY(std::is_sorted(n.begin(), n.end(), [](const auto& a, const auto& b) { return naturalLess(a, b); }));
    for (const char* f :
         {"gguf/tiny.gguf", "torch/state_dict.pt", "npz/arrays.npz", "onnx/plain.onnx", "tfjs/model.json"}) {
        const auto m = names(*openContainer(modelPath(f)));
        QVERIFY2(std::is_sorted(m.begin(), m.end(), [](const auto& a, const auto& b) { return naturalLess(a, b); }), f);
    }
    // A single safetensors file through the plain entry points (the GUI's tensor list, info).
    const std::string shard = modelPath("shards/model-00002-of-00002.safetensors");
    const auto st = listTensorNames(shard);
    QVERIFY(std::find(st.begin(), st.end(), "model.layers.2.weight") <
            std::find(st.begin(), st.end(), "model.layers.10.weight"));
    const FileListing listed = listTensors(shard);
    QVERIFY(std::is_sorted(listed.tensors.begin(), listed.tensors.end(),
                           [](const auto& a, const auto& b) { return naturalLess(a.name, b.name); }));
    const auto g = names(*openContainer(modelPath("gguf/tiny.gguf")));
    QVERIFY(std::find(g.begin(), g.end(), "blk.2.attn_q.weight") <
            std::find(g.begin(), g.end(), "blk.10.attn_q.weight"));
}

void TestIoModels::ggufMetadataAndShapes()
{
    const auto c = openContainer(modelPath("gguf/tiny.gguf"));
    QCOMPARE(c->format(), std::string("gguf v3"));
    const auto& m = c->metadata();
    QCOMPARE(m.at("general.architecture"), std::string("llama"));
    QCOMPARE(m.at("general.name"), std::string("qs-tiny \u00e9"));
    QCOMPARE(m.at("general.alignment"), std::string("32"));
    QCOMPARE(m.at("t.u8"), std::string("200"));
    QCOMPARE(m.at("t.i8"), std::string("-100"));
    QCOMPARE(m.at("t.u16"), std::string("60000"));
    QCOMPARE(m.at("t.i16"), std::string("-30000"));
    QCOMPARE(m.at("t.i32"), std::string("-2000000000"));
    QCOMPARE(m.at("t.u64"), std::string("9223372036854775813"));
    QCOMPARE(m.at("t.i64"), std::string("-4611686018427387904"));
    QCOMPARE(m.at("t.f64"), std::string("0.1"));
    QCOMPARE(m.at("t.bool"), std::string("true"));
    QCOMPARE(m.at("llama.block_count"), std::string("12"));
    QVERIFY(m.at("tokenizer.ggml.tokens").starts_with("[20 x string] tok0, tok1,"));
    QVERIFY(m.at("tokenizer.ggml.scores").starts_with("[20 x f32] 0, -1, -2,"));
    // ggml's ne = [4, 3, 2] (row length first) reads as [2, 3, 4].
    QCOMPARE(c->find("norm.f32")->shape, (Shape{2, 3, 4}));
    QCOMPARE(c->find("blk.10.attn_q.weight")->shape, (Shape{2, 64}));
    QCOMPARE(c->find("blk.10.attn_q.weight")->bytes, std::uint64_t(2 * 2 * 18)); // two rows of two q4_0 blocks
    const GgufTensorBytes raw = ggufTensorBytes(*c, "blk.1.q4");
    QCOMPARE(raw.type, 12u);
    QCOMPARE(raw.rowLength, std::int64_t(256));
    QCOMPARE(raw.bytes.size(), std::size_t(144));
}

void TestIoModels::ggufRefusesUndecodedTypesByName()
{
    const auto c = openContainer(modelPath("gguf/tiny.gguf"));
    int refused = 0;
    for (const auto& t : c->tensors()) {
        const bool decodes = ggmlio::typeFacts(ggufTensorBytes(*c, t.name).type)->canDecode;
        QCOMPARE(t.refusal.empty(), decodes);
        if (!decodes) {
            QVERIFY(t.refusal.find(t.dtype) != std::string::npos);
            QVERIFY_THROWS_EXCEPTION(IoError, c->read(t));
            ++refused;
        }
    }
    if (!ggmlio::typeFacts(16)->canDecode) // iq2_xxs: no decoder in this build
        QVERIFY(c->pick("listed.iq2_xxs").refusal.find("iq2_xxs") != std::string::npos);
    QVERIFY(refused > 0 || ggmlio::typeFacts(16)->canDecode);
}

void TestIoModels::onnxQdqParameters()
{
    const auto c = openContainer(modelPath("onnx/qdq.onnx"));
    QCOMPARE(c->pick("w_q").quantization,
             std::string("DequantizeLinear per-axis, axis 0: scale w_scale [4] float32, zero point w_zp [4] int8"));
    QCOMPARE(c->pick("w2_q").quantization,
             std::string("DequantizeLinear per-tensor: scale 0.03125 (w2_scale), zero point 128 (w2_zp)"));
    QVERIFY(c->pick("w_scale").quantization.empty());
}

void TestIoModels::tfjsQuantizationIsShown()
{
    const auto c = openContainer(modelPath("tfjs/model.json"));
    QCOMPARE(c->pick("quant_uint8").quantization,
             std::string("TF.js uint8: value = q x 0.0123456789 + -1.1000000000000001"));
    QCOMPARE(c->pick("quant_float16").quantization, std::string("TF.js float16"));
    QCOMPARE(c->pick("quant_uint8").bytes, std::uint64_t(7));
    QCOMPARE(c->pick("quant_uint16").bytes, std::uint64_t(14));
}

void TestIoModels::torchCheckpointNamesAndMetadata()
{
    const auto c = openContainer(modelPath("torch/checkpoint.pth"));
    QCOMPARE(names(*c), (std::vector<std::string>{"model.fc.bias", "model.fc.weight"}));
    QCOMPARE(c->metadata().at("epoch"), std::string("3"));
    QCOMPARE(c->metadata().at("note"), std::string("caf\u00e9"));
    const auto s = openContainer(modelPath("torch/state_dict.pt"));
    QCOMPARE(s->pick("half.view").shape, (Shape{4, 3}));
    QCOMPARE(s->pick("half.view").bytes, std::uint64_t(24));
    QCOMPARE(s->pick("empty").count, std::int64_t(0));
}

void TestIoModels::shardedSetAndFolderAgree()
{
    const auto index = openContainer(modelPath("shards/model.safetensors.index.json"));
    const auto folder = openContainer(modelPath("shards"));
    QCOMPARE(names(*index), names(*folder));
    QCOMPARE(index->metadata().at("shards"), std::string("2"));
    QCOMPARE(index->metadata().at("total_size"), std::string("135"));
    const LoadedTensor a = index->read(index->pick("model.layers.10.weight"));
    const LoadedTensor b = folder->read(folder->pick("model.layers.10.weight"));
    QCOMPARE(a.tensor.size(), b.tensor.size());
    QVERIFY(std::equal(a.tensor.values().begin(), a.tensor.values().end(), b.tensor.values().begin()));
}

void TestIoModels::headerListingReadsNoData()
{
    // A 4 GiB f32 tensor in a sparse file: listing it touches the header only (a read
    // of the data would take seconds and 4 GiB); the bytes and shape come from the header.
    QTemporaryDir dir;
    const QString path = dir.filePath("huge.gguf");
    const QByteArray header =
        GgufBuilder().tensor("blk.0.w", {32768, 32768}, 0, 0).tensor("norm", {4}, 0, 1ull << 32).bytes();
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(header);
    QVERIFY(f.resize(header.size() + (qint64(1) << 32) + 16)); // sparse: no blocks allocated
    f.close();
    const FileListing l = listTensorHeaders(path.toStdString());
    QCOMPARE(l.tensors.size(), std::size_t(2));
    QCOMPARE(l.tensors[0].name, std::string("blk.0.w"));
    QCOMPARE(l.tensors[0].shape, (Shape{32768, 32768}));
    QCOMPARE(l.tensors[0].bytes, std::uint64_t(1) << 32);
    QVERIFY(!l.tensors[0].hasStats);
    QCOMPARE(listTensorNames(path.toStdString()), (std::vector<std::string>{"blk.0.w", "norm"}));
    // One tensor of it reads without touching the other (info FILE:TENSOR).
    const FileListing one = listTensors(path.toStdString(), "norm");
    QCOMPARE(one.tensors.size(), std::size_t(1));
    QCOMPARE(one.tensors[0].stats.max, 0.0);
}

void TestIoModels::loadTensorAcceptsContainers()
{
    const LoadedTensor t = loadTensorDetailed(modelPath("torch/state_dict.pt") + ":layers.10.weight");
    QCOMPARE(t.tensor.shape(), (Shape{3, 4}));
    QCOMPARE(t.dtype, std::string("float32"));
    QCOMPARE(listTensorNames(modelPath("npz/arrays.npz")).front(), std::string("big_int64"));
    // read() takes the container's own entries only, not a copy (or another file's).
    const auto npz = openContainer(modelPath("npz/arrays.npz"));
    const ContainerTensor copy = npz->tensors().front();
    QVERIFY_THROWS_EXCEPTION(IoError, npz->read(copy));
    QCOMPARE(npz->read(npz->tensors().front()).tensor.size(), std::int64_t(4));
    // A folder works as FILE in FILE:TENSOR.
    QCOMPARE(loadTensor(modelPath("shards") + ":model.layers.2.weight").size(), std::int64_t(6));
    try {
        loadTensor(modelPath("npz/arrays.npz"));
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::UnknownTensor));
        QVERIFY(QString(e.what()).contains("holds 6 tensors; pick one as FILE:TENSOR (big_int64, fortran,"));
    }
}

void TestIoModels::cliInfoAndQuantize()
{
    auto run = [](const QStringList& args, int& code) {
        QProcess p;
        p.start(QS_CLI_PATH, args);
        p.waitForFinished(60000);
        code = p.exitCode();
        return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    };
    int code = -1;
    QString out = run({"info", QString::fromStdString(modelPath("gguf/tiny.gguf")), "--list", "--json"}, code);
    QCOMPARE(code, 0);
    const QJsonObject o = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(o.value("format").toString(), QString("gguf v3"));
    QCOMPARE(o.value("tensors").toArray().size(), 17);
    QJsonObject q40;
    for (const QJsonValue& t : o.value("tensors").toArray())
        if (t.toObject().value("name") == "blk.10.attn_q.weight")
            q40 = t.toObject();
    QCOMPARE(q40.value("dtype").toString(), QString("q4_0"));
    QCOMPARE(q40.value("bytes").toInteger(), 72);
    QCOMPARE(q40.value("shape").toArray(), (QJsonArray{2, 64}));
    out = run({"quantize", "--input", QString::fromStdString(modelPath("onnx/qdq.onnx")) + ":w_q", "--quantizer",
               "int8", "--json"},
              code);
    QCOMPARE(code, 0);
    QCOMPARE(QJsonDocument::fromJson(out.toUtf8()).object().value("n").toInteger(), 12);
    out = run({"info", QString::fromStdString(modelPath("torch/hostile.pt"))}, code);
    QCOMPARE(code, 2);
    QVERIFY2(out.contains("refused: posix.system"), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestIoModels)
#include "tst_io_models.moc"
