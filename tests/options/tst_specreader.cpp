// SpecReader (core/options/specreader.h): one grammar for a number, whole
// numbers checked before any cast, messages that name the option and the text.
// Expected values are written out from the grammar's definition (IEEE double
// values of the literals), not computed with the reader.
#include "formats/error.h"
#include "options/optiondef.h"
#include "options/specreader.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>
#include <limits>

using namespace qs;

class TestSpecReader : public QObject
{
    Q_OBJECT
private slots:
    void numbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected");
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("integer") << "1" << 1.0;
        QTest::newRow("spaces") << " 2.5\t" << 2.5;
        QTest::newRow("plus") << "+3" << 3.0;
        QTest::newRow("minus") << "-3" << -3.0;
        QTest::newRow("exponent") << "1e3" << 1000.0;
        QTest::newRow("point first") << ".5" << 0.5;
        QTest::newRow("point last") << "5." << 5.0;
        QTest::newRow("hex float") << "0x1.8p1" << 3.0;
        QTest::newRow("negative hex") << "-0x1p3" << -8.0;
        QTest::newRow("upper hex") << "0X10" << 16.0;
        QTest::newRow("inf") << "INF" << inf;
        QTest::newRow("-infinity") << "-Infinity" << -inf;
        QTest::newRow("overflow") << "1e400" << inf;
        QTest::newRow("negative overflow") << "-1e400" << -inf;
        QTest::newRow("underflow") << "1e-400" << 0.0;
        QTest::newRow("subnormal") << "4.9406564584124654e-324" << 4.9406564584124654e-324;
        QTest::newRow("0.1") << "0.1" << 0.1;
    }
    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        const auto v = parseNumberText(text.toStdString());
        QVERIFY(v.has_value());
        QCOMPARE(*v, expected);
        QCOMPARE(std::signbit(*v), std::signbit(expected));
    }

    void nan()
    {
        QVERIFY(std::isnan(*parseNumberText("nan")));
        QVERIFY(std::isnan(*parseNumberText("NaN")));
        QVERIFY(std::signbit(*parseNumberText("-nan")));
    }

    void notNumbers_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* t :
             {"",     " ",    "+",      "-",         "+-1", "-+1", "--1",   "++1", "1.2.3", "abc", "1e",  "0x",
              "0x-1", "0x+1", "nan(1)", "infinity1", "1,5", "1 2", "1_000", "e5",  "-e5",   "0xg", "1e5x"})
            QTest::newRow(t) << t;
    }
    void notNumbers()
    {
        QFETCH(QString, text);
        QVERIFY2(!parseNumberText(text.toStdString()).has_value(), qPrintable(text));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, SpecReader("value").number(text.toStdString()));
    }

    void integers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("lo");
        QTest::addColumn<qint64>("hi");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("expected");
        const qint64 mn = std::numeric_limits<qint64>::min(), mx = std::numeric_limits<qint64>::max();
        QTest::newRow("plain") << "64" << qint64(1) << qint64(65536) << true << qint64(64);
        QTest::newRow("exponent") << "1e3" << qint64(0) << qint64(10000) << true << qint64(1000);
        QTest::newRow("whole decimal") << "4.0" << qint64(0) << qint64(10) << true << qint64(4);
        QTest::newRow("hex") << "0x10" << qint64(0) << qint64(100) << true << qint64(16);
        QTest::newRow("plus") << "+7" << qint64(0) << qint64(10) << true << qint64(7);
        QTest::newRow("minus zero") << "-0" << qint64(0) << qint64(10) << true << qint64(0);
        QTest::newRow("int64 max") << "9223372036854775807" << mn << mx << true << mx;
        QTest::newRow("int64 min") << "-9223372036854775808" << mn << mx << true << mn;
        // 2^53 + 1 written in digits stays exact (a double would read 2^53).
        QTest::newRow("2^53+1") << "9007199254740993" << mn << mx << true << qint64(9007199254740993);
        QTest::newRow("beyond int64") << "9223372036854775808" << mn << mx << false << qint64(0);
        QTest::newRow("2^63 as exponent") << "9.223372036854775808e18" << mn << mx << false << qint64(0);
        QTest::newRow("1e19") << "1e19" << mn << mx << false << qint64(0);
        QTest::newRow("1e308") << "1e308" << mn << mx << false << qint64(0);
        QTest::newRow("fraction") << "1.5" << qint64(0) << qint64(10) << false << qint64(0);
        QTest::newRow("nan") << "nan" << mn << mx << false << qint64(0);
        QTest::newRow("inf") << "inf" << mn << mx << false << qint64(0);
        QTest::newRow("+-7") << "+-7" << mn << mx << false << qint64(0);
        QTest::newRow("above") << "2147483648" << qint64(1) << qint64(65536) << false << qint64(0);
        QTest::newRow("below") << "0" << qint64(1) << qint64(65536) << false << qint64(0);
        QTest::newRow("empty") << "" << mn << mx << false << qint64(0);
    }
    void integers()
    {
        QFETCH(QString, text);
        QFETCH(qint64, lo);
        QFETCH(qint64, hi);
        QFETCH(bool, ok);
        QFETCH(qint64, expected);
        const SpecReader r("--n");
        if (ok)
            QCOMPARE(qint64(r.integer(text.toStdString(), lo, hi)), expected);
        else
            QVERIFY_THROWS_EXCEPTION(ArgumentError, r.integer(text.toStdString(), lo, hi));
    }

    void ranges()
    {
        const SpecReader r("--lr");
        const NumberRange positive = NumberRange::leftOpen(0, 10);
        QCOMPARE(r.number("10", positive), 10.0);
        QCOMPARE(r.number("1e-300", positive), 1e-300);
        for (const char* bad : {"0", "-1", "10.000001", "inf", "nan", "1e400"})
            QVERIFY_THROWS_EXCEPTION(ArgumentError, r.number(bad, positive));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, r.number("inf", NumberRange::finite()));
        QCOMPARE(r.number("-1e300", NumberRange::finite()), -1e300);
    }

    void messages_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("bins") << 0 << "2147483648"
                              << "--bins '2147483648' is not an integer in 1..65536";
        QTest::newRow("bins nan") << 0 << "nan"
                                  << "--bins 'nan' is not an integer in 1..65536";
        QTest::newRow("seed") << 1 << "1e300"
                              << "--bins '1e300' is not an integer >= 0";
        QTest::newRow("lr") << 2 << "inf"
                            << "--bins 'inf' is not a number in (0, 10]";
        QTest::newRow("positive") << 3 << "-3"
                                  << "--bins '-3' is not a number > 0";
        QTest::newRow("any number") << 4 << "x"
                                    << "--bins 'x' is not a number";
        QTest::newRow("choice") << 5 << "sideways"
                                << "--bins 'sideways' is not one of up, down";
    }
    void messages()
    {
        QFETCH(int, kind);
        QFETCH(QString, text);
        QFETCH(QString, message);
        const SpecReader r("--bins");
        const std::string t = text.toStdString();
        try {
            switch (kind) {
            case 0: r.integer(t, 1, 65536); break;
            case 1: r.integer(t, 0, std::numeric_limits<std::int64_t>::max()); break;
            case 2: r.number(t, NumberRange::leftOpen(0, 10)); break;
            case 3: r.number(t, NumberRange{0, HUGE_VAL, true, true}); break;
            case 4: r.number(t); break;
            default: r.choice(t, {"up", "down"}); break;
            }
            QFAIL("no error");
        } catch (const ArgumentError& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    void integerList()
    {
        const SpecReader r("--bits");
        QCOMPARE(r.integerList("2,3,4", {1, 16}), (std::vector<std::int64_t>{2, 3, 4}));
        QCOMPARE(r.integerList("8", {1, 16}), (std::vector<std::int64_t>{8}));
        for (const char* bad : {"", "2,,4", "2,", ",2", "0", "2,17", "2.5"})
            QVERIFY_THROWS_EXCEPTION(ArgumentError, r.integerList(bad, {1, 16}));
    }

    void choices()
    {
        OptionDef d = makeOption("scheme", OptionType::Choice, "G", "WORD", "h");
        d.choices = {{"symmetric", "Symmetric", "", 0, {"sym"}}, {"asymmetric", "Asymmetric", "", 1, {"asym"}}};
        QCOMPARE(std::get<std::string>(readOptionText(d, "Sym", "--scheme")), std::string("symmetric"));
        QCOMPARE(std::get<std::string>(readOptionText(d, " ASYMMETRIC ", "--scheme")), std::string("asymmetric"));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, readOptionText(d, "sideways", "--scheme"));
        QCOMPARE(d.valuesText(), std::string("symmetric|asymmetric"));
    }

    void json()
    {
        OptionDef bins = makeOption("bins", OptionType::Integer, "G", "N", "h");
        bins.integers = {1, 65536};
        QCOMPARE(std::get<std::int64_t>(readOptionJson(bins, QJsonValue(64), "bins")), std::int64_t(64));
        for (const QJsonValue& bad : {QJsonValue(1.5), QJsonValue(0), QJsonValue(1e300), QJsonValue("64"),
                                      QJsonValue(true), QJsonValue(QJsonArray{64})})
            QVERIFY_THROWS_EXCEPTION(ArgumentError, readOptionJson(bins, bad, "bins"));
        const OptionDef flag = makeOption("scaled", OptionType::Flag, "G", "", "h");
        QCOMPARE(std::get<bool>(readOptionJson(flag, QJsonValue(true), "scaled")), true);
        QVERIFY_THROWS_EXCEPTION(ArgumentError, readOptionJson(flag, QJsonValue("yes"), "scaled"));
        QCOMPARE(optionValueJson(OptionValue(std::int64_t(7))), QJsonValue(7));
        QCOMPARE(optionValueText(OptionValue(std::vector<std::int64_t>{2, 4})), std::string("2,4"));
        QCOMPARE(optionValueText(OptionValue(0.1)), std::string("0.1"));
    }
};

QTEST_GUILESS_MAIN(TestSpecReader)
#include "tst_specreader.moc"
