// The shared figure exporter: PNG of the requested pixel size and DPI, PDF and
// SVG that open, atomic writes, clear errors for bad paths.
#include "common/plotexporter.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
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

// The page size of a one-page PDF in points: the numbers of its /MediaBox.
QSizeF pdfMediaBox(const QByteArray& pdf)
{
    static const QRegularExpression box(
        QStringLiteral(R"(/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\])"));
    const auto m = box.match(QString::fromLatin1(pdf));
    if (!m.hasMatch())
        return {};
    return {m.captured(3).toDouble() - m.captured(1).toDouble(), m.captured(4).toDouble() - m.captured(2).toDouble()};
}

struct SvgRoot
{
    QString width, height, viewBox;
};
SvgRoot svgRoot(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg")) {
            const auto a = xml.attributes();
            return {a.value(QLatin1String("width")).toString(), a.value(QLatin1String("height")).toString(),
                    a.value(QLatin1String("viewBox")).toString()};
        }
    return {};
}

// "123.4mm" -> 123.4; anything else -> NaN.
double millimetres(const QString& length)
{
    if (!length.endsWith(QLatin1String("mm")))
        return NAN;
    bool ok = false;
    const double v = length.chopped(2).toDouble(&ok);
    return ok ? v : NAN;
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
        QCOMPARE(image.dotsPerMeterX(), int(std::lround(dpi / 0.0254)));
        QCOMPARE(image.dotsPerMeterY(), int(std::lround(dpi / 0.0254)));
        // Something was drawn: the axes, labels and the curve give more than a few colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
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

    // QSvgGenerator writes no clip paths: a step histogram on a log axis (empty
    // bins) and a scatter beyond the axis range must still stay inside the axis
    // rect of the SVG, as they do on screen; and the plot keeps its own data.
    void svgKeepsGraphsInsideTheirAxes()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        plot.resize(640, 400);
        QVector<double> k, v;
        for (int i = 0; i < 60; ++i) {
            k << i;
            v << (i % 7 == 0 ? 0.0 : std::pow(10.0, (i % 5) - 1.5)); // zeros and values below the range
        }
        QCPGraph* steps = plot.addGraph();
        steps->setData(k, v);
        steps->setLineStyle(QCPGraph::lsStepCenter);
        steps->setPen(QPen(QColor(255, 0, 0), 2));
        QCPGraph* dots = plot.addGraph();
        dots->setData({-20, 10, 30, 80}, {5, 50000, 5, 5}); // outside the key range, above the value range
        dots->setLineStyle(QCPGraph::lsNone);
        dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0, 0, 255), 6));
        plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot.xAxis->setRange(-1, 60);
        plot.yAxis->setRange(0.5, 1000);
        plot.xAxis->setLabel(QStringLiteral("x"));
        plot.replot();
        const QRect rect = plot.axisRect()->rect();
        const auto before = *steps->data();

        const QString svg = dir.filePath(QStringLiteral("clip.svg"));
        QCOMPARE(PlotExporter::exportPlot(&plot, svg, FigureOptions{QSize(640, 400), 96, {}, {}}), QString());
        QCOMPARE(steps->data()->size(), before.size());
        QCOMPARE(steps->data()->at(0)->value, 0.0);

        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        // Drawn into the middle of a canvas three times as tall: what spills out of
        // the viewBox must land somewhere it can be seen.
        QImage image(640, 1200, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            renderer.render(&painter, QRectF(0, 400, 640, 400));
        }
        int red = 0, blue = 0, redOutside = 0, blueOutside = 0;
        const QRect tolerance = rect.translated(0, 400).adjusted(-3, -3, 3, 3); // pen widths on the border
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                const bool isRed = c.red() > 200 && c.green() < 80 && c.blue() < 80;
                const bool isBlue = c.blue() > 200 && c.red() < 80 && c.green() < 80;
                red += isRed;
                blue += isBlue;
                redOutside += isRed && !tolerance.contains(x, y);
                blueOutside += isBlue && !tolerance.contains(x, y);
            }
        QVERIFY(red > 200); // the histogram is drawn
        QVERIFY(blue > 10); // so is the dot inside the range
        QCOMPARE(redOutside, 0);
        QCOMPARE(blueOutside, 0);
    }

    // PDF and SVG sizes are logical pixels at 96 DPI: 1 px = 0.75 pt = 25.4 / 96 mm.
    void vectorSizes_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("widget");
        QTest::addColumn<double>("dpi");
        QTest::newRow("plot 500x300") << QSize(500, 300) << false << 96.0;
        QTest::newRow("plot 1600x1000") << QSize(1600, 1000) << false << 96.0;
        QTest::newRow("plot 1200x750") << QSize(1200, 750) << false << 96.0;
        QTest::newRow("plot 333x777") << QSize(333, 777) << false << 96.0;
        QTest::newRow("plot 1600x1000 at 192 dpi") << QSize(1600, 1000) << false << 192.0;
        QTest::newRow("plot 1200x750 at 160 dpi") << QSize(1200, 750) << false << 160.0;
        QTest::newRow("widget 600x120") << QSize(600, 120) << true << 96.0;
        QTest::newRow("widget 333x777") << QSize(333, 777) << true << 96.0;
        QTest::newRow("widget 600x120 at 192 dpi") << QSize(600, 120) << true << 192.0;
    }
    void vectorSizes()
    {
        QFETCH(QSize, size);
        QFETCH(bool, widget);
        QFETCH(double, dpi);
        QTemporaryDir dir;
        std::unique_ptr<QCustomPlot> plot(makePlot());
        QLabel label(QStringLiteral("<b>bits</b> 0 10000011 1001001"));
        label.resize(300, 60);
        const FigureOptions o{size, dpi, QStringLiteral("title"), QStringLiteral("description")};
        auto write = [&](const QString& path) {
            return widget ? PlotExporter::exportWidget(&label, path, o) : PlotExporter::exportPlot(plot.get(), path, o);
        };
        const QString pdf = dir.filePath(QStringLiteral("f.pdf"));
        const QString svg = dir.filePath(QStringLiteral("f.svg"));
        QCOMPARE(write(pdf), QString());
        QCOMPARE(write(svg), QString());
        // The page is size / dpi inches, like the PNG of the same options printed at its DPI.
        const QSize logical(int(std::lround(size.width() * 96 / dpi)), int(std::lround(size.height() * 96 / dpi)));

        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        const QSizeF points = pdfMediaBox(bytes);
        // Qt's PDF pages are whole points: 333 px = 249.75 pt gives 250 pt.
        QVERIFY2(std::abs(points.width() - logical.width() * 0.75) <= 0.5 &&
                     std::abs(points.height() - logical.height() * 0.75) <= 0.5,
                 qPrintable(QStringLiteral("MediaBox %1 x %2 pt for %3 x %4 px")
                                .arg(points.width())
                                .arg(points.height())
                                .arg(logical.width())
                                .arg(logical.height())));
        // Text is embedded, so the figure looks the same on a machine without the font.
        QVERIFY(bytes.contains("/FontFile"));

        const SvgRoot root = svgRoot(svg);
        const double mmPerPx = 25.4 / 96;
        QVERIFY2(std::abs(millimetres(root.width) - logical.width() * mmPerPx) < 0.01, qPrintable(root.width));
        QVERIFY2(std::abs(millimetres(root.height) - logical.height() * mmPerPx) < 0.01, qPrintable(root.height));
        const QStringList box = root.viewBox.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(box, (QStringList{QStringLiteral("0"), QStringLiteral("0"), QString::number(logical.width()),
                                   QString::number(logical.height())}));
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
