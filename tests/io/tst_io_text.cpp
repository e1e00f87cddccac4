// Text numbers: separators, headers, comments, CRLF, quotes, special values,
// shapes, and '.' as the decimal point even under a comma-decimal locale.
// Expected float32 values are the C++ literals (the compiler's own decimal
// conversion) - an independent reference for from_chars.
#include "iotestutil.h"

#include "io/ioerror.h"
#include "io/tensorsource.h"
#include "io/textreader.h"

#include <QLocale>
#include <QtTest>

#include <clocale>
#include <limits>
#include <locale>

using namespace qs;
using namespace qs::iotest;

using Floats = std::vector<float>;
Q_DECLARE_METATYPE(Floats)
Q_DECLARE_METATYPE(qs::Shape)

class TestIoText : public QObject
{
    Q_OBJECT
private slots:
    void parses_data();
    void parses();
    void commaLocaleDoesNotMatter();
    void pickColumns();
    void overflowIsCounted();
};

void TestIoText::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Shape>("shape");
    QTest::addColumn<Floats>("values");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<char>("separator");
    const float inf = std::numeric_limits<float>::infinity();
    QTest::newRow("one column") << "1\n2.5\n-3e-2\n" << Shape{3} << Floats{1, 2.5f, -3e-2f} << QStringList{} << ' ';
    QTest::newRow("one row csv") << "1,2,3,4" << Shape{4} << Floats{1, 2, 3, 4} << QStringList{} << ',';
    QTest::newRow("matrix csv") << "1,2\n3,4\n5,6\n" << Shape{3, 2} << Floats{1, 2, 3, 4, 5, 6} << QStringList{} << ',';
    QTest::newRow("header csv") << "w,b\n0.5, -1\n 2 ,3\n"
                                << Shape{2, 2} << Floats{0.5f, -1, 2, 3} << QStringList{"w", "b"} << ',';
    QTest::newRow("quoted header") << "\"a\",\"b\"\n\"1\",\"2\"\n7,8\n"
                                   << Shape{2, 2} << Floats{1, 2, 7, 8} << QStringList{"a", "b"} << ',';
    QTest::newRow("tsv") << "x\ty\n1\t2\n" << Shape{2} << Floats{1, 2} << QStringList{"x", "y"} << '\t';
    QTest::newRow("semicolon") << "1;2\n3;4\n" << Shape{2, 2} << Floats{1, 2, 3, 4} << QStringList{} << ';';
    QTest::newRow("whitespace runs") << "  1   2\t3\n4 5    6  \n"
                                     << Shape{2, 3} << Floats{1, 2, 3, 4, 5, 6} << QStringList{} << ' ';
    QTest::newRow("crlf, comments, blanks") << "# numpy.savetxt header\r\n1\r\n\r\n2\r\n# end\r\n"
                                            << Shape{2} << Floats{1, 2} << QStringList{} << ' ';
    QTest::newRow("bom") << "\xEF\xBB\xBFvalue\n1.25\n" << Shape{1} << Floats{1.25f} << QStringList{"value"} << ' ';
    QTest::newRow("specials") << "nan\ninf\n-inf\n+1.5\n-0\nInfinity\n"
                              << Shape{6}
                              << Floats{std::numeric_limits<float>::quiet_NaN(), inf, -inf, 1.5f, -0.0f, inf}
                              << QStringList{} << ' ';
    QTest::newRow("rounding to float32") << "0.1\n16777217\n1e-46\n"
                                         << Shape{3} << Floats{0.1f, 16777216.0f, 0.0f} << QStringList{} << ' ';
    QTest::newRow("subnormal") << "1.4e-45\n" << Shape{1} << Floats{1.4e-45f} << QStringList{} << ' ';
}

void TestIoText::parses()
{
    QFETCH(QString, text);
    QFETCH(Shape, shape);
    QFETCH(Floats, values);
    QFETCH(QStringList, columns);
    QFETCH(char, separator);
    const TextTable t = parseText(text.toStdString(), "pasted text");
    QCOMPARE(Tensor::shapeString(t.tensor.shape()), Tensor::shapeString(shape));
    QCOMPARE(t.tensor.size(), std::int64_t(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i)
        QVERIFY2(sameFloat(t.tensor.data()[i], values[i]),
                 qPrintable(QString("element %1: %2 vs %3").arg(i).arg(t.tensor.data()[i]).arg(values[i])));
    QStringList got;
    for (const auto& c : t.columns)
        got << QString::fromStdString(c);
    QCOMPARE(got, columns);
    QCOMPARE(t.separator, separator);
}

void TestIoText::commaLocaleDoesNotMatter()
{
    // Try the C library's and Qt's comma-decimal locales; whichever exist, '.' must still be the point.
    const char* found = nullptr;
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "de_DE"})
        if (std::setlocale(LC_ALL, name)) {
            found = name;
            break;
        }
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const TextTable t = parseText("1.5,2.25\n3,4\n", "pasted text");
    std::setlocale(LC_ALL, "C");
    QLocale::setDefault(QLocale::c());
    QCOMPARE(t.tensor.data()[0], 1.5f);
    QCOMPARE(t.tensor.data()[1], 2.25f);
    QCOMPARE(t.tensor.shape(), (Shape{2, 2}));
    if (!found)
        qInfo("no comma-decimal C locale installed; checked with Qt's German default locale only");
}

void TestIoText::pickColumns()
{
    // matrix.csv: a,b,c / 1.5,-2,3e2 / 4,nan,-inf
    const Tensor b = loadTensor(dataPath("text/matrix.csv:b"));
    QCOMPARE(b.shape(), (Shape{2}));
    QCOMPARE(b.data()[0], -2.0f);
    QVERIFY(std::isnan(b.data()[1]));
    const Tensor third = loadTensor(dataPath("text/matrix.csv:3"));
    QCOMPARE(third.data()[0], 300.0f);
    QCOMPARE(third.data()[1], -std::numeric_limits<float>::infinity());
}

void TestIoText::overflowIsCounted()
{
    const TextTable t = parseText("1e39\n-1e400\n1e-400\n5\n", "pasted text");
    QCOMPARE(t.overflowed, std::int64_t(2));
    QCOMPARE(t.tensor.data()[0], std::numeric_limits<float>::infinity());
    QCOMPARE(t.tensor.data()[1], -std::numeric_limits<float>::infinity());
    QCOMPARE(t.tensor.data()[2], 0.0f);
    QCOMPARE(t.tensor.data()[3], 5.0f);
}

QTEST_GUILESS_MAIN(TestIoText)
#include "tst_io_text.moc"
