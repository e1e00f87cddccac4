// The quantization options table (core/quant/quantoptions.h): every row reads
// and writes its QuantConfig field, the JSON of a config is written and read
// through it, enum choices agree with the enums' parse functions, the quantizer
// names it lists all parse, and QuantConfig/CalibrationSpec compare field by field.
#include "calib/calibration.h"
#include "formats/error.h"
#include "quant/quantconfig.h"
#include "quant/quantoptions.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <set>

using namespace qs;

class TestQuantOptions : public QObject
{
    Q_OBJECT
private slots:
    void tableIsWellFormed()
    {
        std::set<std::string> names, keys;
        for (const QuantOption& o : quantOptions()) {
            QVERIFY2(names.insert(o.def.name).second, o.def.name.c_str());
            QVERIFY2(o.jsonKey.empty() || keys.insert(o.jsonKey).second, o.jsonKey.c_str());
            QVERIFY(!o.def.group.empty());
            QVERIFY(!o.def.help.empty());
            QVERIFY(o.get && o.set);
            QVERIFY2(o.def.type == OptionType::Flag || !o.def.defaultText.empty(), o.def.name.c_str());
            QCOMPARE(findQuantOption(o.def.name), &o);
        }
        // The quantizer is applied first: it sets the kind's default granularity.
        QCOMPARE(quantOptions().front().def.name, std::string("quantizer"));
    }

    // The keys of QuantConfig::toJson, as docs/appstate.md and docs/quantization.md list them.
    void jsonKeys()
    {
        QSet<QString> expected = {"version",           "quantizer",      "scheme",       "range",         "convention",
                                  "granularity",       "rounding",       "calibration",  "format_scaled", "outliers",
                                  "kmeans_iterations", "histogram_bins", "scale_format", "mx_scale",      "pad_blocks",
                                  "double_quant"};
        const QStringList keys = QuantConfig{}.toJson().keys();
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()), expected);
    }

    void defaultsAreTheConfigDefaults()
    {
        const QuantConfig c;
        QCOMPARE(findQuantOption("quantizer")->def.defaultText, std::string("int8"));
        QCOMPARE(findQuantOption("scheme")->def.defaultText, std::string("symmetric"));
        QCOMPARE(findQuantOption("bins")->def.defaultText, std::to_string(c.histogramBins));
        QCOMPARE(findQuantOption("kmeans-iterations")->def.defaultText, std::to_string(c.kmeansIterations));
        QCOMPARE(findQuantOption("calibration")->def.defaultText, c.calibration.toString());
        QCOMPARE(findQuantOption("outliers")->def.defaultText, std::string("off"));
    }

    void setText_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("quantizer") << "quantizer"
                                   << "NF4"
                                   << "nf4";
        QTest::newRow("scheme alias") << "scheme"
                                      << "affine"
                                      << "asymmetric";
        QTest::newRow("range") << "range"
                               << "narrow"
                               << "narrow";
        QTest::newRow("convention alias") << "convention"
                                          << "torch"
                                          << "pytorch";
        QTest::newRow("rounding") << "rounding"
                                  << "stochastic:7"
                                  << "stochastic:7";
        QTest::newRow("granularity") << "granularity"
                                     << "channel:1"
                                     << "channel:1";
        QTest::newRow("calibration") << "calibration"
                                     << "percentile:99.9"
                                     << "percentile:99.9";
        QTest::newRow("outliers") << "outliers"
                                  << "columns:4.5"
                                  << "columns:4.5";
        QTest::newRow("outliers elements") << "outliers"
                                           << "elements:3"
                                           << "3";
        QTest::newRow("outliers off") << "outliers"
                                      << "none"
                                      << "off";
        QTest::newRow("bins") << "bins"
                              << "1e3"
                              << "1000";
        QTest::newRow("kmeans") << "kmeans-iterations"
                                << "7"
                                << "7";
    }
    void setText()
    {
        QFETCH(QString, option);
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const QuantOption* o = findQuantOption(option.toStdString());
        QVERIFY(o);
        QuantConfig c;
        o->setText(c, text.toStdString(), "--" + option.toStdString());
        QCOMPARE(QString::fromStdString(o->text(c)), canonical);
        // ... and the JSON carries it back unchanged.
        QVERIFY(QuantConfig::fromJson(c.toJson()) == c);
    }

    void setTextRejects_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("text");
        QTest::newRow("bins 1.5") << "bins"
                                  << "1.5";
        QTest::newRow("bins nan") << "bins"
                                  << "nan";
        QTest::newRow("bins 2^31") << "bins"
                                   << "2147483648";
        QTest::newRow("kmeans 1e300") << "kmeans-iterations"
                                      << "1e300";
        QTest::newRow("outliers 0") << "outliers"
                                    << "0";
        QTest::newRow("outliers inf") << "outliers"
                                      << "columns:inf";
        QTest::newRow("scheme") << "scheme"
                                << "sideways";
        QTest::newRow("granularity axis") << "granularity"
                                          << "channel:1e300";
        QTest::newRow("block 0") << "granularity"
                                 << "block:0";
        QTest::newRow("moving-minmax batch") << "calibration"
                                             << "moving-minmax:0.5,1.5";
        QTest::newRow("entropy bins") << "calibration"
                                      << "entropy:1e308";
        QTest::newRow("entropy start") << "calibration"
                                       << "entropy:2048,2.5";
        QTest::newRow("mse nan") << "calibration"
                                 << "mse:nan";
        QTest::newRow("log2 bits") << "quantizer"
                                   << "log2:1e300";
        QTest::newRow("codebook inf") << "quantizer"
                                      << "codebook:1,inf";
        QTest::newRow("quantizer empty") << "quantizer"
                                         << "";
    }
    void setTextRejects()
    {
        QFETCH(QString, option);
        QFETCH(QString, text);
        QuantConfig c;
        const QuantConfig before = c;
        QVERIFY_THROWS_EXCEPTION(Error, findQuantOption(option.toStdString())->setText(c, text.toStdString(), "x"));
        QVERIFY(c == before); // nothing half-set
    }

    // Every word of an enum option maps to the enum value the enum's own parser gives.
    void choicesMatchEnums()
    {
        for (const auto& c : schemeChoices())
            QCOMPARE(int(parseScheme(c.value)), c.id);
        for (const auto& c : rangeChoices())
            QCOMPARE(int(parseRange(c.value)), c.id);
        for (const auto& c : conventionChoices()) {
            QCOMPARE(int(parseConvention(c.value)), c.id);
            for (const auto& a : c.aliases)
                QCOMPARE(int(parseConvention(a)), c.id);
        }
        for (const auto& c : outlierModeChoices())
            QCOMPARE(int(parseOutlierMode(c.value)), c.id);
        QCOMPARE(int(parseScheme("sym")), int(QuantScheme::Symmetric));
        QCOMPARE(int(parseScheme("asym")), int(QuantScheme::Asymmetric));
        QCOMPARE(int(parseConvention("torch")), int(QuantConvention::PyTorch));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, parseRange("wide"));
        // A GUI combo box shows labels and stores ids.
        for (const QuantOption& o : quantOptions())
            if (o.def.type == OptionType::Choice)
                for (const auto& c : o.def.choices)
                    QVERIFY(!c.label.empty() && !c.help.empty());
    }

    // Every quantizer the help and the completion list is one setQuantizer accepts, and the
    // named ones (MX, NF4, ggml) read back to themselves.
    void quantizerChoicesParse()
    {
        const std::vector<OptionChoice> list = quantizerChoices();
        QVERIFY(list.size() > 20);
        for (const OptionChoice& q : list) {
            QuantConfig c;
            const std::string spec = q.value.back() == ':' ? q.value + "-1,0.5,1" : q.value;
            c.setQuantizer(spec);
            c.validate();
            if (q.value.back() != ':')
                QCOMPARE(c.quantizerSpec(), q.value);
            QVERIFY(!q.help.empty());
        }
        for (const char* named : {"mxfp4", "mxint8", "nf4", "q8_0", "q4_0", "q4_1", "mxfp6-e2m3"})
            QVERIFY(std::any_of(list.begin(), list.end(), [&](const OptionChoice& c) { return c.value == named; }));
        QuantConfig alias;
        alias.setQuantizer("mxfp4-e2m1");
        QCOMPARE(alias.quantizerSpec(), std::string("mxfp4"));
        QCOMPARE(alias.granularity.blockSize, std::int64_t(32));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, alias.setQuantizer("mxfp5"));
    }

    void applyJsonSetsOnlyGivenKeys()
    {
        QuantConfig c;
        c.setQuantizer("uint4");
        c.histogramBins = 77;
        applyQuantJson(c, QJsonObject{{"scheme", "asymmetric"}, {"unknown", 1}});
        QVERIFY(c.scheme == QuantScheme::Asymmetric);
        QCOMPARE(c.quantizerSpec(), std::string("uint4"));
        QCOMPARE(c.histogramBins, 77);
        QVERIFY_THROWS_EXCEPTION(ArgumentError, applyQuantJson(c, QJsonObject{{"version", 2}}));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, applyQuantJson(c, QJsonObject{{"histogram_bins", 1.5}}));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, applyQuantJson(c, QJsonObject{{"histogram_bins", 1e300}}));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, applyQuantJson(c, QJsonObject{{"format_scaled", "yes"}}));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, applyQuantJson(c, QJsonObject{{"scheme", 1}}));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, applyQuantJson(c, QJsonObject{{"outliers", 6}}));
    }

    void fromJsonKeepsGranularityOfNamedQuantizer()
    {
        // A block size given next to a block format is kept (the quantizer is applied first).
        const QuantConfig c = QuantConfig::fromJson(QJsonObject{{"quantizer", "nf4"}, {"granularity", "block:128"}});
        QCOMPARE(c.granularity.blockSize, std::int64_t(128));
        const QuantConfig d = QuantConfig::fromJson(QJsonObject{{"quantizer", "nf4"}});
        QCOMPARE(d.granularity.blockSize, std::int64_t(64));
    }

    // operator==: any one field that differs makes two configs differ.
    void equality()
    {
        const QuantConfig base;
        QVERIFY(base == QuantConfig{});
        std::vector<std::function<void(QuantConfig&)>> changes = {
            [](QuantConfig& c) { c.setQuantizer("uint8"); },
            [](QuantConfig& c) { c.bits = 7; },
            [](QuantConfig& c) { c.format.push_back('x'); },
            [](QuantConfig& c) { c.codebook = {1}; },
            [](QuantConfig& c) { c.scheme = QuantScheme::Asymmetric; },
            [](QuantConfig& c) { c.range = QuantRange::Narrow; },
            [](QuantConfig& c) { c.convention = QuantConvention::Nvidia; },
            [](QuantConfig& c) { c.granularity.axis = 1; },
            [](QuantConfig& c) { c.rounding.seed = 3; },
            [](QuantConfig& c) { c.calibration.percentile = 99.9; },
            [](QuantConfig& c) { c.calibration.batchSize = 5; },
            [](QuantConfig& c) { c.formatScaled = true; },
            [](QuantConfig& c) { c.outliers = OutlierMode::Columns; },
            [](QuantConfig& c) { c.outlierThreshold = 5; },
            [](QuantConfig& c) { c.kmeansIterations = 3; },
            [](QuantConfig& c) { c.histogramBins = 3; },
        };
        for (std::size_t i = 0; i < changes.size(); ++i) {
            QuantConfig c;
            changes[i](c);
            QVERIFY2(!(c == base), qPrintable(QString::number(i)));
            QVERIFY(c != base);
        }
        CalibrationSpec a, b;
        QVERIFY(a == b);
        b.mseCandidates = 11;
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(TestQuantOptions)
#include "tst_quantoptions.moc"
