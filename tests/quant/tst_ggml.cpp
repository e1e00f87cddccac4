// The ggml block formats (core/quant/ggmltypes.h) against llama.cpp's own library,
// bit for bit: the type table, the bytes of every reference quantizer on every
// fixture row (random, outliers, zeros, constants, denormals, huge values, real
// weights), and the floats of every decoder (fixtures: ggmlfixtures.h). The fp16
// conversions are also checked against the exact FloatFormat codec, and the GGUF
// reader is checked to decode blocks with these decoders.
#include "formats/error.h"
#include "formats/floatformat.h"
#include "io/container.h"
#include "io/ggmlio.h"
#include "quant/ggmltypes.h"

#include "common/isa.h"
#include "ggmlfixtures.h"
#include "io/ggufbuilder.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

using namespace qs;

namespace {

std::string firstDifference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b)
{
    if (a.size() != b.size())
        return "sizes " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return "byte " + std::to_string(i) + ": ours " + std::to_string(a[i]) + ", ggml " + std::to_string(b[i]);
    return {};
}

std::string firstDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size())
        return "sizes " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i])) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "value %zu: ours %.9g (0x%08x), ggml %.9g (0x%08x)", i, double(a[i]),
                          std::bit_cast<std::uint32_t>(a[i]), double(b[i]), std::bit_cast<std::uint32_t>(b[i]));
            return buf;
        }
    return {};
}

QString recordName(const ggmlfx::Record& r)
{
    const auto& fx = ggmlfx::load();
    const ggml::TypeInfo* t = ggml::typeInfo(r.type);
    return QStringLiteral("%1 %2")
        .arg(t ? t->name : "?")
        .arg(r.caseIndex == ggmlfx::kNoCase ? QStringLiteral("random bytes (%1 values)").arg(r.n)
                                            : QString::fromStdString(fx.cases[r.caseIndex].name));
}

} // namespace

class TestGgml : public QObject
{
    Q_OBJECT
private slots:
    void typeTableMatchesGgml();
    void typeLookups();
    void bitsPerValue_data();
    void bitsPerValue();
    void quantizeMatchesGgml_data();
    void quantizeMatchesGgml();
    void longRowsMatchGgml_data();
    void longRowsMatchGgml();
    void dequantizeMatchesGgml_data();
    void dequantizeMatchesGgml();
    void fp16AgainstExactCodec();
    void codesStayInRange();
    void refusals();
    void ggufReaderDecodesWithThese_data();
    void ggufReaderDecodesWithThese();
};

void TestGgml::typeTableMatchesGgml()
{
    const auto& fx = ggmlfx::load();
    QVERIFY(fx.types.size() >= 30);
    for (const auto& row : fx.types) {
        const ggml::TypeInfo* t = ggml::typeInfo(row.id);
        QVERIFY2(t, row.name.c_str());
        QCOMPARE(std::string(t->name), row.name);
        QCOMPARE(std::int64_t(t->blockSize), row.blockSize);
        QCOMPARE(std::int64_t(t->bytesPerBlock), row.blockBytes);
    }
    // And nothing in our table that ggml does not define.
    for (const auto& t : ggml::allTypes())
        QVERIFY2(std::any_of(fx.types.begin(), fx.types.end(), [&](const auto& r) { return r.id == t.id; }), t.name);
}

void TestGgml::typeLookups()
{
    QCOMPARE(ggml::typeByName("q4_K")->id, ggml::Q4_K);
    QCOMPARE(ggml::typeByName("Q4_K")->id, ggml::Q4_K);
    QCOMPARE(ggml::typeByName("IQ4_NL")->id, ggml::IQ4_NL);
    QCOMPARE(ggml::typeByName("bf16")->id, ggml::BF16);
    QVERIFY(!ggml::typeByName("q4_k_m")); // a llama-quantize file type, not a tensor type
    QVERIFY(!ggml::typeByName(""));
    for (std::uint32_t retired : {4u, 5u, 31u, 32u, 33u, 36u, 37u, 38u, 43u, 1000u, 0xffffffffu})
        QVERIFY(!ggml::typeInfo(retired));
}

void TestGgml::bitsPerValue_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<double>("bits");
    // The figures llama.cpp's headers state for each block layout.
    QTest::newRow("q2_K") << "q2_K" << 2.625;
    QTest::newRow("q3_K") << "q3_K" << 3.4375;
    QTest::newRow("q4_K") << "q4_K" << 4.5;
    QTest::newRow("q5_K") << "q5_K" << 5.5;
    QTest::newRow("q6_K") << "q6_K" << 6.5625;
    QTest::newRow("q5_0") << "q5_0" << 5.5;
    QTest::newRow("q5_1") << "q5_1" << 6.0;
    QTest::newRow("iq4_nl") << "iq4_nl" << 4.5;
    QTest::newRow("q8_0") << "q8_0" << 8.5;
    QTest::newRow("q4_0") << "q4_0" << 4.5;
    QTest::newRow("q4_1") << "q4_1" << 5.0;
}

void TestGgml::bitsPerValue()
{
    QFETCH(QString, type);
    QFETCH(double, bits);
    QCOMPARE(ggml::bitsPerValue(ggml::typeByName(type.toStdString())->id), bits);
}

void TestGgml::quantizeMatchesGgml_data()
{
    QTest::addColumn<int>("record");
    const auto& fx = ggmlfx::load();
    int encoded = 0;
    for (std::size_t k = 0; k < fx.records.size(); ++k)
        if (fx.records[k].caseIndex != ggmlfx::kNoCase) {
            QTest::newRow(recordName(fx.records[k]).toUtf8()) << int(k);
            ++encoded;
        }
    QVERIFY(encoded > 200);
}

void TestGgml::quantizeMatchesGgml()
{
    QFETCH(int, record);
    const auto& fx = ggmlfx::load();
    const ggmlfx::Record& r = fx.records[std::size_t(record)];
    const std::vector<float>& x = fx.cases[r.caseIndex].values;
    QCOMPARE(std::int64_t(x.size()), r.n);
    std::vector<std::uint8_t> ours(std::size_t(ggml::rowBytes(r.type, r.n)), 0xAA);
    // Every SIMD path writes the same bytes (the baseline's are compared below).
    std::vector<std::uint8_t> first;
    test::forEachIsa([&](simd::Isa) {
        ggml::quantizeRowRef(r.type, x.data(), r.n, ours.data());
        if (first.empty())
            first = ours;
        QVERIFY(ours == first);
    });
    // All-zero IQ4_NL blocks: ggml's codes are stale stack bytes (ggmlfx::expectedBytes); its values are ±0.
    const std::vector<std::uint8_t> expected = ggmlfx::expectedBytes(r);
    std::vector<float> expectedValues = r.dequantized;
    for (std::size_t b = 0; r.type == ggml::IQ4_NL && b < expectedValues.size() / 32; ++b)
        if (std::all_of(x.begin() + std::ptrdiff_t(32 * b), x.begin() + std::ptrdiff_t(32 * b + 32),
                        [](float v) { return std::fabs(v) < 1e-15f; }))
            for (std::size_t j = 32 * b; j < 32 * b + 32; ++j) {
                QCOMPARE(expectedValues[j], 0.0f);
                expectedValues[j] = -0.0f; // our code 0 is the level -127: -127 · 0 = -0
            }
    const std::string diff = firstDifference(ours, expected);
    QVERIFY2(diff.empty(), diff.c_str());
    if (!r.dequantized.empty()) {
        std::vector<float> back(std::size_t(r.n));
        ggml::dequantizeRow(r.type, ours.data(), r.n, back.data());
        const std::string d = firstDifference(back, expectedValues);
        QVERIFY2(d.empty(), d.c_str());
    }
}

void TestGgml::longRowsMatchGgml_data()
{
    QTest::addColumn<int>("digest");
    const auto& fx = ggmlfx::load();
    QVERIFY(!fx.digests.empty());
    for (std::size_t k = 0; k < fx.digests.size(); ++k)
        QTest::addRow("%s seed %llu", ggml::typeInfo(fx.digests[k].type)->name,
                      static_cast<unsigned long long>(fx.digests[k].seed))
            << int(k);
}

void TestGgml::longRowsMatchGgml()
{
    // 65,536 values with a magnitude per 16 values over 2^-16 .. 2^7 and rare outliers: ggml's bytes
    // and floats are pinned by their sha256 (the row itself is regenerated here, exactly).
    QFETCH(int, digest);
    const ggmlfx::Digest& d = ggmlfx::load().digests[std::size_t(digest)];
    const std::vector<float> x = ggmlfx::stressRow(d.seed, d.n);
    std::vector<std::uint8_t> bytes(std::size_t(ggml::rowBytes(d.type, d.n))), first;
    test::forEachIsa([&](simd::Isa) {
        ggml::quantizeRowRef(d.type, x.data(), d.n, bytes.data());
        if (first.empty())
            first = bytes;
        QVERIFY(bytes == first);
    });
    std::vector<float> back(std::size_t(d.n));
    ggml::dequantizeRow(d.type, bytes.data(), d.n, back.data());
    auto sha = [](const void* p, std::size_t n) {
        return QCryptographicHash::hash(QByteArrayView(static_cast<const char*>(p), qsizetype(n)),
                                        QCryptographicHash::Sha256);
    };
    QCOMPARE(sha(bytes.data(), bytes.size()).toHex(), d.bytesSha256.toHex());
    QCOMPARE(sha(back.data(), back.size() * sizeof(float)).toHex(), d.valuesSha256.toHex());
}

void TestGgml::dequantizeMatchesGgml_data()
{
    QTest::addColumn<int>("record");
    const auto& fx = ggmlfx::load();
    for (std::size_t k = 0; k < fx.records.size(); ++k)
        if (!fx.records[k].dequantized.empty())
            QTest::addRow("%s #%zu", recordName(fx.records[k]).toUtf8().constData(), k) << int(k);
}

void TestGgml::dequantizeMatchesGgml()
{
    QFETCH(int, record);
    const ggmlfx::Record& r = ggmlfx::load().records[std::size_t(record)];
    std::vector<float> ours(std::size_t(r.n));
    ggml::dequantizeRow(r.type, r.bytes.data(), r.n, ours.data());
    const std::string diff = firstDifference(ours, r.dequantized);
    QVERIFY2(diff.empty(), diff.c_str());
}

void TestGgml::fp16AgainstExactCodec()
{
    // Every fp16 pattern decodes to the exact value (NaNs stay NaN, made quiet).
    const FloatFormat half = FloatFormat::fp16();
    for (std::uint32_t h = 0; h < 65536; ++h) {
        const float v = ggml::fp16ToFp32(std::uint16_t(h));
        const double exact = half.decode(h);
        if (std::isnan(exact))
            QVERIFY(std::isnan(v) && (std::bit_cast<std::uint32_t>(v) & 0x00400000u));
        else
            QCOMPARE(double(v), exact);
        if (!std::isnan(exact))
            QCOMPARE(ggml::fp32ToFp16(v), std::uint16_t(h)); // round trip
    }
    // fp32 -> fp16 rounds to nearest even: every float whose low 13 bits are near a tie, over all exponents.
    for (std::uint32_t high = 0; high < (1u << 19); ++high)
        for (std::uint32_t low : {0x0000u, 0x0001u, 0x0fffu, 0x1000u, 0x1001u, 0x1fffu}) {
            const std::uint32_t bits = (high << 13) | low;
            const float x = std::bit_cast<float>(bits);
            if (std::isnan(x)) {
                QCOMPARE(ggml::fp32ToFp16(x) & 0x7fffu, 0x7e00u);
                continue;
            }
            const EncodeResult e = half.encode(double(x));
            if (ggml::fp32ToFp16(x) != std::uint16_t(e.code))
                QFAIL(qPrintable(QStringLiteral("0x%1 -> 0x%2, exact codec 0x%3")
                                     .arg(bits, 8, 16, QChar('0'))
                                     .arg(ggml::fp32ToFp16(x), 4, 16, QChar('0'))
                                     .arg(e.code, 4, 16, QChar('0'))));
        }
}

void TestGgml::codesStayInRange()
{
    // The codes of every reference-quantized fixture row lie in the type's code range.
    const auto& fx = ggmlfx::load();
    for (const auto& r : fx.records) {
        if (r.caseIndex == ggmlfx::kNoCase || r.type == ggml::F16 || r.type == ggml::BF16)
            continue;
        std::vector<std::int32_t> codes(std::size_t(r.n));
        ggml::unpackCodes(r.type, r.bytes.data(), r.n, codes.data());
        const auto [lo, hi] = ggml::codeRange(r.type);
        for (std::int32_t q : codes)
            QVERIFY2(q >= lo && q <= hi, qPrintable(recordName(r)));
    }
}

void TestGgml::refusals()
{
    std::vector<float> x(300, 1.0f);
    std::vector<std::uint8_t> bytes(4096);
    auto message = [](auto&& f) {
        try {
            f();
        } catch (const ArgumentError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    // A row that is not a whole number of blocks: the row length and the block are named.
    const std::string partial = message([&] { ggml::quantizeRowRef(ggml::Q4_K, x.data(), 300, bytes.data()); });
    QVERIFY2(partial.find("300") != std::string::npos && partial.find("q4_K") != std::string::npos &&
                 partial.find("256") != std::string::npos,
             partial.c_str());
    // A type whose layout is not implemented is named, never a crash.
    const std::string iq2 = message([&] { ggml::dequantizeRow(ggml::IQ2_XXS, bytes.data(), 256, x.data()); });
    QVERIFY2(iq2.find("iq2_xxs") != std::string::npos, iq2.c_str());
    const std::string unknown = message([&] { ggml::dequantizeRow(77, bytes.data(), 32, x.data()); });
    QVERIFY2(unknown.find("77") != std::string::npos, unknown.c_str());
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ggml::quantizeRowRef(ggml::IQ4_XS, x.data(), 256, bytes.data()));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ggml::rowBytes(ggml::Q5_0, 33));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ggml::codeRange(ggml::F32));
}

void TestGgml::ggufReaderDecodesWithThese_data()
{
    QTest::addColumn<int>("record");
    const auto& fx = ggmlfx::load();
    for (std::size_t k = 0; k < fx.records.size(); ++k) {
        const ggmlfx::Record& r = fx.records[k];
        // Block types (plain f16/bf16 go through core/io's own conversions).
        if (r.caseIndex == ggmlfx::kNoCase && !r.dequantized.empty() && ggml::typeInfo(r.type)->blockSize > 1)
            QTest::addRow("%s #%zu", recordName(r).toUtf8().constData(), k) << int(k);
    }
}

// The GGUF reader (core/io) decodes ggml blocks through io/ggmlio.h, which switches to
// these decoders when quant/ggmltypes.h is built in: a GGUF tensor holding llama.cpp's
// block bytes (two rows where the blocks allow) reads back as llama.cpp's own floats.
void TestGgml::ggufReaderDecodesWithThese()
{
    QFETCH(int, record);
    const ggmlfx::Record& r = ggmlfx::load().records[std::size_t(record)];
    const ggml::TypeInfo* t = ggml::typeInfo(r.type);
    QVERIFY(t && ggmlio::haveQuantDecoders());
    const auto facts = ggmlio::typeFacts(r.type);
    QVERIFY(facts && facts->canDecode);
    QCOMPARE(facts->name, std::string(t->name));
    QCOMPARE(facts->blockSize, std::int64_t(t->blockSize));
    QCOMPARE(facts->bytesPerBlock, std::int64_t(t->bytesPerBlock));
    const std::int64_t blocks = r.n / t->blockSize;
    const std::int64_t rows = blocks % 2 == 0 ? 2 : 1;
    const QByteArray data(reinterpret_cast<const char*>(r.bytes.data()), qsizetype(r.bytes.size()));
    const QByteArray file = iotest::GgufBuilder()
                                .kvString("general.architecture", "llama")
                                .tensor("blk.0.w", {std::uint64_t(r.n / rows), std::uint64_t(rows)}, r.type, 0)
                                .bytes(data);
    QTemporaryDir dir;
    QFile out(dir.filePath("blocks.gguf"));
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(file) == file.size());
    out.close();
    const auto c = openContainer(out.fileName().toStdString());
    const ContainerTensor& ct = c->pick("blk.0.w");
    QVERIFY2(ct.refusal.empty(), ct.refusal.c_str());
    QCOMPARE(ct.dtype, std::string(t->name));
    const LoadedTensor v = c->read(ct);
    QCOMPARE(v.tensor.shape(), (Shape{rows, r.n / rows}));
    const std::vector<float> read(v.tensor.data(), v.tensor.data() + v.tensor.size());
    const std::string diff = firstDifference(read, r.dequantized);
    QVERIFY2(diff.empty(), diff.c_str());
}

QTEST_GUILESS_MAIN(TestGgml)
#include "tst_ggml.moc"
