// Every kind of bad input gets a typed IoError whose one-line message starts
// with the file name and names the problem; nothing crashes or allocates
// without bound. Committed files come from tests/data/make_corpus.py (bad/),
// the rest are built here byte by byte.
#include "iotestutil.h"

#include "io/dtype.h"
#include "io/ioerror.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/tensorsource.h"
#include "io/textreader.h"

#include <QtTest>

using namespace qs;
using namespace qs::iotest;

Q_DECLARE_METATYPE(qs::IoErrorKind)

namespace {

QByteArray makeNpy(const QByteArray& dict, const QByteArray& data, int major = 1)
{
    QByteArray h = dict;
    const int pre = major == 1 ? 10 : 12;
    while ((pre + h.size() + 1) % 64)
        h += ' ';
    h += '\n';
    QByteArray out("\x93NUMPY", 6);
    out += char(major);
    out += char(0);
    out += char(h.size() & 0xff);
    out += char((h.size() >> 8) & 0xff);
    if (major > 1) {
        out += char((h.size() >> 16) & 0xff);
        out += char((h.size() >> 24) & 0xff);
    }
    return out + h + data;
}

QByteArray stBytes(const QByteArray& json, const QByteArray& data)
{
    QByteArray out(8, '\0');
    const quint64 n = quint64(json.size());
    for (int i = 0; i < 8; ++i)
        out[i] = char((n >> (8 * i)) & 0xff);
    return out + json + data;
}

} // namespace

class TestIoBadInput : public QObject
{
    Q_OBJECT
private slots:
    void committedFiles_data();
    void committedFiles();
    void npyBytes_data();
    void npyBytes();
    void safetensorsBytes_data();
    void safetensorsBytes();
    void textInput_data();
    void textInput();
    void tensorSelection_data();
    void tensorSelection();
    void memoryLimitRefusesBeforeAllocating();
    void missingAndEmptyFiles();
};

void TestIoBadInput::committedFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qs::IoErrorKind>("kind");
    QTest::addColumn<QString>("message");
    using K = IoErrorKind;
    QTest::newRow("truncated") << "bad/truncated.npy" << K::Truncated << "needs 24 bytes of data, the file has 19";
    QTest::newRow("empty npy") << "bad/empty.npy" << K::Empty << "empty file";
    QTest::newRow("object") << "bad/object.npy" << K::Refused << "object array (dtype 'O') refused";
    QTest::newRow("pickle") << "bad/pickle.npy" << K::Refused << "is a Python pickle";
    QTest::newRow("structured") << "bad/structured.npy" << K::UnsupportedDtype << "structured arrays";
    QTest::newRow("complex") << "bad/complex.npy" << K::UnsupportedDtype << "unsupported dtype '<c8': complex";
    QTest::newRow("strings") << "bad/strings.npy" << K::UnsupportedDtype << "unsupported dtype '<U2': string";
    QTest::newRow("header lies") << "bad/header_lies.npy" << K::Truncated
                                 << "shape [10] of float32 needs 40 bytes of data, the file has 16";
    QTest::newRow("negative dim") << "bad/negative_dim.npy" << K::BadShape << "negative dimension -3 in shape [-3, 2]";
    QTest::newRow("overflowing dims") << "bad/overflow_dims.npy" << K::BadShape << "overflows a 64-bit element count";
    QTest::newRow("absurd dims") << "bad/absurd_dims.npy" << K::Truncated
                                 << "shape [1000000, 1000000, 1000] of float32 needs 4000000000000000 bytes";
    QTest::newRow("unsupported dtype") << "bad/unsupported_dtype.npy" << K::UnsupportedDtype
                                       << "unsupported dtype '<f16': extended precision";
    QTest::newRow("empty safetensors") << "bad/empty.safetensors" << K::Empty << "empty file";
    QTest::newRow("short safetensors") << "bad/short.safetensors" << K::Truncated
                                       << "3 bytes, the header length alone has 8";
    QTest::newRow("header beyond file") << "bad/header_beyond.safetensors" << K::Truncated
                                        << "header length 4096 is beyond the end of the file (7 bytes follow";
    QTest::newRow("header over 100 MB") << "bad/header_huge.safetensors" << K::TooLarge
                                        << "header length 200000000 exceeds the 100 MB limit";
    QTest::newRow("invalid json") << "bad/invalid_json.safetensors" << K::BadHeader
                                  << "invalid JSON in the safetensors header";
    QTest::newRow("invalid utf8") << "bad/invalid_utf8.safetensors" << K::BadUtf8
                                  << "invalid UTF-8 in the safetensors header at byte 11";
    QTest::newRow("offsets beyond") << "bad/offsets_beyond.safetensors" << K::BadOffsets
                                    << "data_offsets [0, 32] of tensor 'a' are beyond the 16 bytes of data";
    QTest::newRow("offsets overlap") << "bad/offsets_overlap.safetensors" << K::BadOffsets
                                     << "data of tensors 'a' and 'b' overlap";
    QTest::newRow("offsets mismatch") << "bad/offsets_mismatch.safetensors" << K::BadOffsets
                                      << "hold 16 bytes, but shape [2, 3] of F32 needs 24";
    QTest::newRow("duplicate names") << "bad/duplicate.safetensors" << K::DuplicateName << "duplicate tensor name 'a'";
    QTest::newRow("unknown dtype") << "bad/unknown_dtype.safetensors" << K::UnsupportedDtype
                                   << "unsupported dtype 'C64'";
    QTest::newRow("csv not numbers") << "bad/not_numbers.csv" << K::BadText
                                     << "line 3, column 2: 'abc' is not a number";
    QTest::newRow("csv ragged") << "bad/ragged.csv" << K::BadText << "line 2 has 2 columns, expected 3";
}

void TestIoBadInput::committedFiles()
{
    QFETCH(QString, file);
    QFETCH(qs::IoErrorKind, kind);
    QFETCH(QString, message);
    const std::string path = dataPath(file.toStdString());
    for (bool listing : {false, true}) { // `info` and `--input` both refuse it the same way
        try {
            if (listing)
                listTensors(path);
            else
                loadTensor(path);
            QFAIL("no error");
        } catch (const IoError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QString::fromStdString(path) + ": "), qPrintable(what));
            QVERIFY2(what.contains(message), qPrintable(what));
            QVERIFY2(!what.contains('\n'), qPrintable(what));
            QCOMPARE(int(e.kind()), int(kind));
            QCOMPARE(e.file(), path);
        }
    }
}

void TestIoBadInput::npyBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qs::IoErrorKind>("kind");
    QTest::addColumn<QString>("message");
    using K = IoErrorKind;
    const QByteArray f4x2("\0\0\x80\x3f\0\0\0\x40", 8);
    QTest::newRow("version 4") << QByteArray("\x93NUMPY\x04\x00\x10\x00", 10) + QByteArray(16, ' ') << K::BadHeader
                               << "unsupported .npy format version 4.0";
    QTest::newRow("no magic") << QByteArray("hello world, not numpy") << K::BadMagic << "no \\x93NUMPY magic";
    QTest::newRow("preamble cut") << QByteArray("\x93NUMPY\x01", 7) << K::Truncated << "the preamble alone has 10";
    QTest::newRow("header cut") << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", f4x2).left(40)
                                << K::Truncated << "header needs 118 bytes, 30 present";
    QByteArray huge("\x93NUMPY\x02\x00\x00\x00\x20\x00", 12);
    QTest::newRow("header over 1 MiB") << huge + QByteArray(64, ' ') << K::TooLarge << "exceeds the 1 MiB limit";
    QTest::newRow("missing key") << makeNpy("{'descr': '<f4', 'shape': (2,), }", f4x2) << K::BadHeader
                                 << "lacks 'fortran_order'";
    QTest::newRow("extra key") << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", f4x2)
                               << K::BadHeader << "unexpected key 'x'";
    QTest::newRow("duplicate key") << makeNpy("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}",
                                              f4x2)
                                   << K::BadHeader << "duplicate key 'descr'";
    QTest::newRow("not a tuple") << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': 2}", f4x2)
                                 << K::BadHeader << "'shape' in the .npy header is not a tuple";
    QTest::newRow("(2) is an int") << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2)}", f4x2)
                                   << K::BadHeader << "needs a trailing comma";
    QTest::newRow("order not bool") << makeNpy("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", f4x2)
                                    << K::BadHeader << "'fortran_order' is not True or False";
    QTest::newRow("python code") << makeNpy("{'descr': __import__('os').system('x'), 'fortran_order': False}", f4x2)
                                 << K::BadHeader << "malformed .npy header: unexpected value";
    QTest::newRow("bar order f4") << makeNpy("{'descr': '|f4', 'fortran_order': False, 'shape': (2,)}", f4x2)
                                  << K::UnsupportedDtype << "byte order '|' is only valid for one-byte types";
    QTest::newRow("float128") << makeNpy("{'descr': '<f16', 'fortran_order': False, 'shape': ()}", QByteArray(16, 0))
                              << K::UnsupportedDtype << "'<f16'";
    QTest::newRow("datetime") << makeNpy("{'descr': '<M8[s]', 'fortran_order': False, 'shape': (1,)}", QByteArray(8, 0))
                              << K::UnsupportedDtype << "datetime";
    QTest::newRow("trailing bytes") << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", f4x2)
                                    << K::SizeMismatch
                                    << "needs 4 bytes of data, the file has 8 (the header does not match";
    QTest::newRow("dimension overflows")
        << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", {}) << K::BadShape
        << "overflows 64 bits";
    QTest::newRow("product beyond 2^64 bytes")
        << makeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (3037000499, 3037000499)}", {}) << K::Truncated
        << "needs more than 2^64 bytes";
    QByteArray manyDims = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    for (int i = 0; i < 70; ++i)
        manyDims += "1,";
    QTest::newRow("70 dimensions") << makeNpy(manyDims + ")}", f4x2) << K::BadShape << "more than 64 dimensions";
    QTest::newRow("v3 bad utf8") << makeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), '\xc3(': 1}", f4x2,
                                            3)
                                 << K::BadUtf8 << "invalid UTF-8 in the .npy 3.0 header";
    QTest::newRow("zip") << QByteArray("PK\x03\x04 rest of a zip") << K::BadMagic << "is a zip archive";
}

void TestIoBadInput::npyBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qs::IoErrorKind, kind);
    QFETCH(QString, message);
    try {
        readNpy(bytesOf(bytes), "x.npy");
        QFAIL("no error");
    } catch (const IoError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith("x.npy: ") && what.contains(message), qPrintable(what));
        QCOMPARE(int(e.kind()), int(kind));
    }
}

void TestIoBadInput::safetensorsBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qs::IoErrorKind>("kind");
    QTest::addColumn<QString>("message");
    using K = IoErrorKind;
    const QByteArray d8(8, '\x01');
    QTest::newRow("not an object") << stBytes("[1, 2]", d8) << K::BadHeader << "is not a JSON object";
    QTest::newRow("begin after end") << stBytes(R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[5,4]}})", d8)
                                     << K::BadOffsets << "end before they begin";
    QTest::newRow("negative offset") << stBytes(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[-4,0]}})", d8)
                                     << K::BadShape << "data_offsets of tensor 'a' is not a non-negative integer";
    QTest::newRow("fractional dim") << stBytes(R"({"a":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}})", d8)
                                    << K::BadHeader << "a dimension of tensor 'a' is not a non-negative integer";
    QTest::newRow("negative dim") << stBytes(R"({"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}})", d8)
                                  << K::BadShape << "a dimension of tensor 'a'";
    QTest::newRow("overflowing dims")
        << stBytes(R"({"a":{"dtype":"U8","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,8]}})", d8)
        << K::BadShape << "overflows a 64-bit element count";
    QTest::newRow("dim beyond 2^53") << stBytes(R"({"a":{"dtype":"U8","shape":[1e300],"data_offsets":[0,8]}})", d8)
                                     << K::BadHeader << "at most 2^53";
    QTest::newRow("no dtype") << stBytes(R"({"a":{"shape":[8],"data_offsets":[0,8]}})", d8) << K::BadHeader
                              << "tensor 'a' has no \"dtype\" string";
    QTest::newRow("no offsets") << stBytes(R"({"a":{"dtype":"U8","shape":[8]}})", d8) << K::BadHeader
                                << "has no \"data_offsets\" pair";
    QTest::newRow("metadata not strings")
        << stBytes(R"({"__metadata__":{"k":3}})", d8) << K::BadHeader << "__metadata__ value of 'k' is not a string";
    QTest::newRow("duplicate inner key") << stBytes(
                                                R"({"a":{"dtype":"U8","dtype":"I8","shape":[8],"data_offsets":[0,8]}})",
                                                d8)
                                         << K::BadHeader << "duplicate key 'dtype'";
    QTest::newRow("duplicate metadata key")
        << stBytes(R"({"__metadata__":{"k":"1","k":"2"}})", d8) << K::BadHeader << "duplicate key 'k'";
    QTest::newRow("overlong utf8") << stBytes("{\"\xc0\xaf\":1}", d8) << K::BadUtf8 << "at byte 10";
    QTest::newRow("surrogate utf8") << stBytes("{\"\xed\xa0\x80\":1}", d8) << K::BadUtf8 << "at byte 10";
    QTest::newRow("unsupported F8 variant")
        << stBytes(R"({"a":{"dtype":"F8_E4M3FNUZ","shape":[8],"data_offsets":[0,8]}})", d8) << K::UnsupportedDtype
        << "unsupported dtype 'F8_E4M3FNUZ' of tensor 'a'";
    QTest::newRow("no tensors") << stBytes("{}", d8) << K::UnknownTensor << "holds no tensors";
}

void TestIoBadInput::safetensorsBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qs::IoErrorKind, kind);
    QFETCH(QString, message);
    try {
        readSafetensors(bytesOf(bytes), "m.safetensors", {});
        QFAIL("no error");
    } catch (const IoError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith("m.safetensors: ") && what.contains(message), qPrintable(what));
        QCOMPARE(int(e.kind()), int(kind));
    }
}

void TestIoBadInput::textInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("word") << "1\n2\nthree\n"
                          << "line 3, column 1: 'three' is not a number";
    QTest::newRow("comma decimal") << "1.5;2,5\n"
                                   << "line 1, column 1: '1.5;2' is not a number";
    QTest::newRow("empty cell") << "1,,3\n"
                                << "line 1, column 2: empty cell";
    QTest::newRow("trailing comma") << "1,2,\n"
                                    << "line 1, column 3: empty cell";
    QTest::newRow("ragged") << "a b\n1 2\n3\n"
                            << "line 3 has 1 columns, expected 2";
    QTest::newRow("header only") << "x,y\n"
                                 << "no numbers found (the only line was read as column names: 'x,y')";
    QTest::newRow("nothing") << "  \n\n# comment\n"
                             << "no numbers found";
    QTest::newRow("hex is not decimal") << "1\n0x10\n"
                                        << "line 2, column 1: '0x10' is not a number";
    QTest::newRow("one word") << "abc"
                              << "no numbers found (the only line was read as column names: 'abc')";
    QTest::newRow("control chars quoted") << "1\n\x01\x02zz\n"
                                          << "line 2, column 1: '??zz' is not a number";
}

void TestIoBadInput::textInput()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        parseText(text.toStdString(), "pasted text");
        QFAIL("no error");
    } catch (const IoError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith("pasted text: ") && what.contains(message), qPrintable(what));
        QCOMPARE(int(e.kind()), int(IoErrorKind::BadText));
    }
}

void TestIoBadInput::tensorSelection_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("needs a name") << "safetensors/all_dtypes.safetensors"
                                  << "holds 15 tensors; pick one as FILE:TENSOR (t_bf16, t_bool,";
    QTest::newRow("unknown name") << "safetensors/all_dtypes.safetensors:nope"
                                  << "no tensor named 'nope' (tensors: t_bf16";
    QTest::newRow("npy has one") << "npy/vector.npy:x"
                                 << "a .npy file holds one array; drop ':x'";
    QTest::newRow("no such column") << "text/matrix.csv:zz"
                                    << "no column 'zz' (name it by header or by number 1..3)";
}

void TestIoBadInput::tensorSelection()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    try {
        loadTensor(dataPath(spec.toStdString()));
        QFAIL("no error");
    } catch (const IoError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        QCOMPARE(int(e.kind()), int(IoErrorKind::UnknownTensor));
    }
}

void TestIoBadInput::memoryLimitRefusesBeforeAllocating()
{
    // The limit follows the machine (half of MemAvailable as float32) but is always finite.
    const std::int64_t limit = maxTensorElements();
    QVERIFY(limit >= (1 << 20) && limit <= (std::int64_t(1) << 34));
    const Shape shape{limit / 1024 + 1, 1024};
    try {
        checkedElementCount(shape, "f.npy");
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::TooLarge));
        QVERIFY2(QString(e.what()).contains("more than the limit of " + QString::number(limit)), e.what());
    }
    QCOMPARE(checkedElementCount({3, 0, 1'000'000'000'000}, "f.npy"), std::int64_t(0)); // zero-size is fine
}

void TestIoBadInput::missingAndEmptyFiles()
{
    try {
        loadTensor(dataPath("does/not/exist.npy"));
        QFAIL("no error");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::NotFound));
        QVERIFY2(QString(e.what()).endsWith(": no such file"), e.what());
    }
    try {
        loadTensor(dataPath("npy"));
        QFAIL("no error");
    } catch (const IoError& e) {
        QVERIFY2(QString(e.what()).contains("is a directory"), e.what());
    }
    if (QFileInfo::exists("/dev/zero")) { // endless: must be refused, not read
        try {
            loadTensor("/dev/zero");
            QFAIL("no error");
        } catch (const IoError& e) {
            QCOMPARE(QString(e.what()), QString("/dev/zero: is not a regular file"));
        }
    }
}

QTEST_GUILESS_MAIN(TestIoBadInput)
#include "tst_io_badinput.moc"
