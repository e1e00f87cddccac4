// File contents that reach a terminal, or hide each other. Tensor names,
// metadata and CSV headers are escaped (qs::printable) before they are shown,
// in text and JSON output and in error messages; names with a NUL or a lone
// UTF-16 surrogate are shown escaped, never collide with real names ("?",
// U+FFFD, a literal "\x00"), and each can be selected by the name shown.
#include "ggufbuilder.h"
#include "iotestutil.h"

#include "io/ioerror.h"
#include "io/printable.h"
#include "io/safetensors.h"
#include "io/tensorsource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace qs;

namespace {

// A safetensors file of one-value F32 tensors: `header` maps JSON-escaped
// names (as written between the quotes) to their values.
QByteArray safetensors(const std::vector<std::pair<QByteArray, float>>& tensors, const QByteArray& metadata = {})
{
    QByteArray header = "{";
    QByteArray data;
    if (!metadata.isEmpty())
        header += "\"__metadata__\":" + metadata + ",";
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        header += (i ? "," : "") + QByteArray("\"") + tensors[i].first + "\":{\"dtype\":\"F32\",\"shape\":[1]," +
                  "\"data_offsets\":[" + QByteArray::number(4 * qsizetype(i)) + "," +
                  QByteArray::number(4 * qsizetype(i) + 4) + "]}";
        data.append(reinterpret_cast<const char*>(&tensors[i].second), 4);
    }
    header += "}";
    QByteArray out(8, '\0');
    for (int b = 0; b < 8; ++b)
        out[b] = char((quint64(header.size()) >> (8 * b)) & 0xff);
    return out + header + data;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(QS_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// No byte a terminal acts on: C0 controls other than the line ends, DEL, C1 (as UTF-8).
bool terminalSafe(const QByteArray& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            return false;
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f)
            return false;
    }
    return true;
}

} // namespace

class TestIoPrintable : public QObject
{
    Q_OBJECT
private slots:
    void escapes_data();
    void escapes();
    void distinctStaysDistinct();
    void hostileNamesAreSelectable();
    void cliInfoIsTerminalSafe();
    void cliErrorsStayOneLine();
};

void TestIoPrintable::escapes_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("shown");
    QTest::addColumn<QByteArray>("message"); // printableMessage: the backslash kept
    QTest::newRow("plain") << QByteArray("layer.0.weight") << QByteArray("layer.0.weight")
                           << QByteArray("layer.0.weight");
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b") << QByteArray("a\\x00b");
    QTest::newRow("clear screen") << QByteArray("\x1b[2J") << QByteArray("\\x1B[2J") << QByteArray("\\x1B[2J");
    QTest::newRow("window title") << QByteArray("\x1b]0;pwned\x07") << QByteArray("\\x1B]0;pwned\\x07")
                                  << QByteArray("\\x1B]0;pwned\\x07");
    QTest::newRow("newline") << QByteArray("a\nb\r\tc") << QByteArray("a\\nb\\r\\tc") << QByteArray("a\\nb\\r\\tc");
    QTest::newRow("backslash") << QByteArray("a\\x00") << QByteArray("a\\\\x00") << QByteArray("a\\x00");
    QTest::newRow("DEL") << QByteArray("a\x7f") << QByteArray("a\\x7F") << QByteArray("a\\x7F");
    QTest::newRow("invalid UTF-8") << QByteArray("\xff\xc3") << QByteArray("\\xFF\\xC3") << QByteArray("\\xFF\\xC3");
    QTest::newRow("C1 CSI") << QByteArray("\xc2\x9b") << QByteArray("\\u009B") << QByteArray("\\u009B");
    QTest::newRow("lone surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\\uD800") << QByteArray("\\uD800");
    QTest::newRow("right-to-left override")
        << QByteArray("\xe2\x80\xae") << QByteArray("\\u202E") << QByteArray("\\u202E");
    QTest::newRow("UTF-8 text") << QByteArray("poids_é_日本") << QByteArray("poids_é_日本")
                                << QByteArray("poids_é_日本");
}

void TestIoPrintable::escapes()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, shown);
    QFETCH(QByteArray, message);
    const std::string_view in(raw.constData(), std::size_t(raw.size()));
    QCOMPARE(QByteArray::fromStdString(printable(in)), shown);
    QCOMPARE(QByteArray::fromStdString(printableMessage(in)), message);
    QCOMPARE(isPrintable(in), raw == shown);
}

void TestIoPrintable::distinctStaysDistinct()
{
    // Different strings never print the same (the escape is injective).
    const std::vector<std::string> tricky = {"a",
                                             std::string("a\0", 2),
                                             "a\\x00",
                                             "a\\\\x00",
                                             "?",
                                             "\xef\xbf\xbd",
                                             "\xed\xa0\x80",
                                             "\\uD800",
                                             "a\n",
                                             "a\\n",
                                             "\x7f",
                                             "\\x7F",
                                             "\xc2\x9b",
                                             "\\u009B",
                                             ""};
    std::set<std::string> shown;
    for (const auto& t : tricky)
        QVERIFY2(shown.insert(printable(t)).second, printable(t).c_str());
}

void TestIoPrintable::hostileNamesAreSelectable()
{
    // "a\u0000" and "\ud800" used to become "a" and "?" and hide the real "a" and "?".
    QTemporaryDir dir;
    const QString path = dir.filePath("names.safetensors");
    writeFile(path, safetensors({{"a", 1},
                                 {"a\\u0000", 2},
                                 {"?", 3},
                                 {"\\ud800", 4},
                                 {"\\ufffd", 5},
                                 {"a\\\\x00", 6},
                                 {"x\\u001b[2Jy", 7},
                                 {"b\\\\c", 8}}));
    const std::vector<std::string> names = listTensorNames(path.toStdString());
    const std::set<std::string> unique(names.begin(), names.end());
    QCOMPARE(unique.size(), std::size_t(8));
    const std::vector<std::pair<std::string, float>> expected = {
        {"a", 1},        {"a\\x00", 2},     {"?", 3},     {"\\uD800", 4}, {"\xef\xbf\xbd", 5},
        {"a\\\\x00", 6}, {"x\\x1B[2Jy", 7}, {"b\\\\c", 8}};
    for (const auto& [name, value] : expected) {
        QVERIFY2(unique.count(name), name.c_str());
        QCOMPARE(loadTensor(path.toStdString() + ":" + name).data()[0], value);
    }
    // The name as stored selects too when no shown name matches ("b\c" is shown "b\\c").
    QCOMPARE(loadTensor(path.toStdString() + ":b\\c").data()[0], 8.0f);
    // Two spellings of one name are one name: refused as a duplicate.
    const QString dup = dir.filePath("dup.safetensors");
    writeFile(dup, safetensors({{"\\u0000", 1}, {"\\u0000", 2}}));
    try {
        listTensorNames(dup.toStdString());
        QFAIL("accepted");
    } catch (const IoError& e) {
        QCOMPARE(int(e.kind()), int(IoErrorKind::DuplicateName));
        QVERIFY2(QString(e.what()).contains("duplicate tensor name '\\x00'"), e.what());
    }
}

void TestIoPrintable::cliInfoIsTerminalSafe()
{
    QTemporaryDir dir;
    const QString st = dir.filePath("evil.safetensors");
    writeFile(st, safetensors({{"w\\u001b]0;owned\\u0007", 1}, {"line\\nERROR: forged", 2}, {"\\u009b31m", 3}},
                              "{\"note\":\"\\u001b[2J\\u007f\",\"\\u001b[1mkey\":\"v\"}"));
    const QString csv = dir.filePath("evil.csv");
    writeFile(csv, "\x1b[31mred,\x1b]0;t\x07\n1,2\n");
    // A model container: tensor names and metadata of a GGUF file.
    const QString gguf = dir.filePath("evil.gguf");
    QByteArray oneF(4, '\0');
    oneF[3] = char(0x3f); // 0.5f, little-endian
    writeFile(gguf, iotest::GgufBuilder()
                        .kvString("note\x1b[2J", "line\nERROR: forged")
                        .tensor("w\x1b]0;owned\x07", {1}, 0, 0)
                        .tensor("b\nERROR: forged", {1}, 0, 32)
                        .bytes(oneF + QByteArray(28, '\0') + oneF));
    for (const QString& file : {st, csv, gguf}) {
        const Run text = cli({"info", file});
        QCOMPARE(text.code, 0);
        QVERIFY2(terminalSafe(text.out), text.out.constData());
        QVERIFY2(!text.out.contains("\nERROR: forged"), text.out.constData());
        const Run json = cli({"info", file, "--json"});
        QCOMPARE(json.code, 0);
        QVERIFY2(terminalSafe(json.out), json.out.constData());
        QJsonParseError pe{};
        QVERIFY(QJsonDocument::fromJson(json.out, &pe).isObject());
    }
    const Run text = cli({"info", st});
    QVERIFY2(text.out.contains("line\\nERROR: forged") && text.out.contains("w\\x1B]0;owned\\x07") &&
                 text.out.contains("\\u009B31m") && text.out.contains("note = \\x1B[2J\\x7F"),
             text.out.constData());
    // A tensor is selected by the name shown.
    const Run one = cli({"info", st + ":line\\nERROR: forged"});
    QCOMPARE(one.code, 0);
    QVERIFY2(one.out.contains("1 tensor") || one.out.contains("3 tensors"), one.out.constData());
    QVERIFY2(!one.out.contains("owned"), one.out.constData());
    const Run model = cli({"info", gguf});
    QVERIFY2(model.out.contains("w\\x1B]0;owned\\x07") && model.out.contains("b\\nERROR: forged") &&
                 model.out.contains("note\\x1B[2J = line\\nERROR: forged"),
             model.out.constData());
    const Run listed = cli({"info", gguf, "--list"});
    QCOMPARE(listed.code, 0);
    QVERIFY2(terminalSafe(listed.out), listed.out.constData());
    const Run picked = cli({"info", gguf + ":w\\x1B]0;owned\\x07"});
    QCOMPARE(picked.code, 0);
    const Run columns = cli({"info", csv});
    QVERIFY2(columns.out.contains("\\x1B[31mred, \\x1B]0;t\\x07"), columns.out.constData());
}

void TestIoPrintable::cliErrorsStayOneLine()
{
    // A newline in a name or a key reaches the error message escaped: one line.
    QTemporaryDir dir;
    const QString st = dir.filePath("e.safetensors");
    writeFile(st, safetensors({{"o\\nk\\u001b[2J", 1}}));
    const Run r = cli({"info", st + ":x\nquantscope-cli: forged"});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(terminalSafe(r.err), r.err.constData());
    QVERIFY2(r.err.contains("no tensor named 'x\\nquantscope-cli: forged'"), r.err.constData());
    const QString npy = dir.filePath("k.npy");
    QByteArray dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), '\x1b[2J\n': 1}";
    QByteArray file("\x93NUMPY\x01\x00", 8);
    file += char(dict.size());
    file += char(0);
    writeFile(npy, file + dict + QByteArray(4, '\0'));
    const Run k = cli({"info", npy});
    QCOMPARE(k.code, 2);
    QCOMPARE(k.err.count('\n'), 1);
    QVERIFY2(terminalSafe(k.err), k.err.constData());
}

QTEST_GUILESS_MAIN(TestIoPrintable)
#include "tst_io_printable.moc"
