// Block direction and honest bits in the GUI (docs/quantization.md "Groups"): the block direction control builds block:N@AXIS /
// @flat, padding is offered for llama.cpp formats only, and a partial-block
// warning reaches the Metrics text, the figure caption; Compare names say
// which calibration a row used.
#include "explorer/formula.h"
#include "explorer/quantizerpanel.h"
#include "plots/figures.h"
#include "quant/pipeline.h"
#include "session/session.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace qs;

class TestBlockWarnings : public QObject
{
    Q_OBJECT
private slots:
    void blockAxisControl_data()
    {
        QTest::addColumn<int>("along");
        QTest::addColumn<int>("axis");
        QTest::addColumn<QString>("granularity");
        QTest::newRow("rows") << 0 << 0 << "block:16";
        QTest::newRow("axis 1") << 1 << 1 << "block:16@1";
        QTest::newRow("flat") << 2 << 0 << "block:16@flat";
    }
    void blockAxisControl()
    {
        QFETCH(int, along);
        QFETCH(int, axis);
        QFETCH(QString, granularity);
        Session session;
        QuantConfig c;
        c.setQuantizer("int4");
        c.granularity = Granularity::parse("block:16");
        QString error;
        session.setConfig(c, QStringLiteral("setup"), -1, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QuantizerPanel panel(&session);
        auto* blockAxis = panel.findChild<QComboBox*>(QStringLiteral("blockAxis"));
        auto* axisBox = panel.findChild<QSpinBox*>(QStringLiteral("channelAxis"));
        QVERIFY(blockAxis && axisBox);
        QVERIFY(blockAxis->isEnabled());
        QSignalSpy changed(&session, &Session::configChanged);
        if (along == 1) {
            blockAxis->setCurrentIndex(along);
            emit blockAxis->activated(along);
            QVERIFY(axisBox->isEnabled()); // the axis is chosen in the channel-axis box
            axisBox->setValue(axis);
        } else if (along != 0) {
            blockAxis->setCurrentIndex(along);
            emit blockAxis->activated(along);
        }
        QCOMPARE(QString::fromStdString(session.config().granularity.toString()), granularity);
    }

    void padOnlyForLlamaCpp()
    {
        Session session;
        QuantConfig c;
        c.setQuantizer("q4_0");
        QString error;
        session.setConfig(c, QStringLiteral("setup"), -1, &error);
        QuantizerPanel panel(&session);
        auto* pad = panel.findChild<QCheckBox*>(QStringLiteral("padBlocks"));
        QVERIFY(pad && pad->isEnabled());
        pad->setChecked(true);
        QVERIFY(session.config().padBlocks);
        c = session.config();
        c.setQuantizer("int8");
        c.padBlocks = false;
        session.setConfig(c, QStringLiteral("kind"), -1, &error);
        QTRY_VERIFY(!pad->isEnabled());
    }

    void scaleStorageControl()
    {
        Session session;
        QuantConfig c;
        c.setQuantizer("int4");
        c.granularity = Granularity::parse("block:32");
        QString error;
        session.setConfig(c, QStringLiteral("setup"), -1, &error);
        QuantizerPanel panel(&session);
        auto* format = panel.findChild<QComboBox*>(QStringLiteral("scaleFormat"));
        QVERIFY(format);
        const int fp16 = format->findData(QStringLiteral("fp16"));
        format->setCurrentIndex(fp16);
        emit format->activated(fp16);
        QVERIFY(session.config().scaleFormat == ScaleFormat::Fp16);
        // Another kind starts from its own storage (MX: E8M0), not from fp16.
        auto* kind = panel.findChild<QComboBox*>(QStringLiteral("quantizerKind"));
        QVERIFY(kind);
        int mx = -1;
        for (int i = 0; i < kind->count() && mx < 0; ++i)
            if (kind->itemData(i).toString().startsWith(QStringLiteral("mxfp4")))
                mx = i;
        QVERIFY(mx >= 0);
        kind->setCurrentIndex(mx);
        emit kind->activated(mx);
        QVERIFY(session.config().kind == QuantizerKind::Mx);
        QVERIFY(session.config().scaleFormat == ScaleFormat::Auto);
        QCOMPARE(format->currentData().toString(), QStringLiteral("auto"));
    }

    void warningsShown()
    {
        QuantConfig c;
        c.setQuantizer("int4");
        c.granularity = Granularity::parse("block:32");
        Tensor x(Shape{4, 40});
        for (std::int64_t i = 0; i < x.size(); ++i)
            x.data()[i] = float(i % 13) - 6.0f;
        const QuantResult r = runQuantization(x, c);
        QCOMPARE(r.warnings.size(), std::size_t(1));
        const QString w = QString::fromStdString(r.warnings[0]);
        QVERIFY(figureCaption(r, QStringLiteral("data")).contains(w));
        QVERIFY(metricsHtml(r, nullptr).contains(w.toHtmlEscaped()));
        // Whole blocks: nothing to warn about.
        const QuantResult whole = runQuantization(Tensor(Shape{4, 64}, std::vector<float>(256, 1.0f)), c);
        QVERIFY(whole.warnings.empty());
        QVERIFY(!figureCaption(whole, QStringLiteral("data")).contains(QStringLiteral("warning")));
    }

    void compareNamesCalibration()
    {
        QuantConfig a;
        a.setQuantizer("int4");
        a.granularity = Granularity::parse("channel:0");
        QuantConfig b = a;
        b.calibration = CalibrationSpec::parse("mse");
        QVERIFY(shortQuantizerName(a) != shortQuantizerName(b));
        QVERIFY(shortQuantizerName(b).contains(QStringLiteral("mse")));
        QuantConfig q;
        q.setQuantizer("q4_0"); // scales from the block statistics: no calibration to name
        q.calibration = CalibrationSpec::parse("mse");
        QVERIFY(!shortQuantizerName(q).contains(QStringLiteral("mse")));
    }
};

QTEST_MAIN(TestBlockWarnings)
#include "tst_blockwarnings.moc"
