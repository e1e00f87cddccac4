#include "common/plotexporter.h"

#include "io/atomicfile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QWidget>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace qs {

namespace {

constexpr double kScreenDpi = 96.0;

QString cannotWrite(const QString& path, const QString& reason)
{
    return QObject::tr("cannot write %1: %2").arg(path, reason);
}

// Opens `path` through the core's atomic writer (core/io/atomicfile.h), lets
// `write` fill it and commits only if `write` succeeded and every byte reached
// the disk, so readers never see a partial figure. QSvgGenerator and
// QPdfWriter ignore failed writes; the device keeps the first error (a full
// disk) and the commit reports it.
QString writeAtomically(const QString& path, const std::function<QString(QIODevice&)>& write)
{
    AtomicFileDevice file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    const QString error = write(file);
    if (!error.isEmpty())
        return error; // the device's destructor drops the temporary file
    if (!file.commit())
        return cannotWrite(path, file.errorString());
    return {};
}

// QSvgGenerator names the one font it drew with ("DejaVu Sans"); a reader
// without it fell back to a serif font. A CSS generic family after it keeps
// the figure's look where that font is missing.
QByteArray withGenericFontFamily(const QByteArray& svg)
{
    static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
    QString text = QString::fromUtf8(svg);
    QString out;
    out.reserve(text.size() + 1024);
    qsizetype last = 0;
    for (auto it = family.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        QString names = m.captured(1).trimmed();
        if (!names.contains(QLatin1String("sans-serif")) && !names.contains(QLatin1String("monospace")) &&
            !names.endsWith(QLatin1String("serif"))) {
            if (!names.isEmpty() && !names.startsWith(QLatin1Char('\'')) && names.contains(QLatin1Char(' ')))
                names = QLatin1Char('\'') + names + QLatin1Char('\'');
            names += names.isEmpty() ? QStringLiteral("sans-serif") : QStringLiteral(", sans-serif");
        }
        out += QStringLiteral("font-family=\"%1\"").arg(names);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out.toUtf8();
}

QString savePng(const QImage& image, const QString& path, double dpi)
{
    QImage out = image;
    // PNG stores resolution in dots per metre.
    const int dpm = int(std::lround(dpi / 0.0254));
    out.setDotsPerMeterX(dpm);
    out.setDotsPerMeterY(dpm);
    return writeAtomically(path, [&](QIODevice& file) {
        return out.save(&file, "PNG") ? QString() : QObject::tr("cannot encode PNG for %1").arg(path);
    });
}

// A page of `size` logical pixels at 96 DPI (1 px = 0.75 pt), no margins.
// QPageSize holds whole points, so a size that is not a multiple of 4 px is
// rounded to the nearest point.
void setUpPdf(QPdfWriter& writer, const QSize& size, const FigureOptions& options)
{
    writer.setCreator(QStringLiteral("Quantscope"));
    writer.setTitle(options.title);
    writer.setResolution(int(kScreenDpi));
    writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / kScreenDpi, QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
}

// QSvgGenerator (Qt 6.4) writes no clip paths, so whatever QCustomPlot leaves
// to the axis rect's clip spilled into the margins and over the caption in an
// SVG: a log axis puts an empty bin 200 px below the rect, and densities below
// the axis range go further. For the SVG pass each graph gets a copy of its
// data clipped to its axes — values clamped into the value range (a step on
// the bottom edge is where the clip would cut it), points beyond the key range
// dropped except the nearest one on each side (so lines still reach the
// border), scatter points outside either range dropped — and its own data back
// afterwards. PNG and PDF clip for real and need none of this.
class SvgGraphClipper
{
public:
    explicit SvgGraphClipper(QCustomPlot* plot)
    {
        for (int i = 0; i < plot->graphCount(); ++i) {
            QCPGraph* g = plot->graph(i);
            if (!g->keyAxis() || !g->valueAxis() || g->data()->isEmpty())
                continue;
            m_saved.emplace_back(g, g->data());
            g->setData(clipped(*g));
        }
    }
    ~SvgGraphClipper()
    {
        for (auto& [graph, data] : m_saved)
            graph->setData(data);
    }
    SvgGraphClipper(const SvgGraphClipper&) = delete;
    SvgGraphClipper& operator=(const SvgGraphClipper&) = delete;

private:
    static QSharedPointer<QCPGraphDataContainer> clipped(const QCPGraph& g)
    {
        const QCPRange keys = g.keyAxis()->range(), values = g.valueAxis()->range();
        const bool scatter = g.lineStyle() == QCPGraph::lsNone;
        auto out = QSharedPointer<QCPGraphDataContainer>::create();
        const auto& in = *g.data();
        const auto begin = in.constBegin(), end = in.constEnd();
        for (auto it = begin; it != end; ++it) {
            const bool inside = keys.contains(it->key);
            const bool neighbour = !inside && ((it + 1 != end && keys.contains((it + 1)->key)) ||
                                               (it != begin && keys.contains((it - 1)->key)));
            if (!inside && (scatter || !neighbour))
                continue;
            if (scatter && !values.contains(it->value))
                continue;
            double v = it->value;
            if (!std::isnan(v))
                v = std::clamp(v, values.lower, values.upper);
            out->add(QCPGraphData(it->key, v)); // in key order: appended
        }
        return out;
    }

    std::vector<std::pair<QCPGraph*, QSharedPointer<QCPGraphDataContainer>>> m_saved;
};

double dpiScale(const FigureOptions& options)
{
    return options.dpi > 0 ? options.dpi / kScreenDpi : 1.0;
}

// The logical size (1/96 inch) a vector figure is laid out at. `size` is in
// pixels at the chosen DPI, as for a PNG, so every format shows the same
// figure: 1600 x 1000 at 192 DPI is an 8.3 x 5.2 inch page with 9-pt text,
// not a 16.7-inch page whose text shrinks to 3.5 pt in a paper's column.
QSize vectorSize(const QSize& requested, const QSize& onScreen, const FigureOptions& options)
{
    if (requested.isEmpty())
        return onScreen;
    const double scale = dpiScale(options);
    return QSize(std::max(1, int(std::lround(requested.width() / scale))),
                 std::max(1, int(std::lround(requested.height() / scale))));
}

QString checkFormat(const QString& path, std::optional<FigureFormat>& format)
{
    format = PlotExporter::formatFromPath(path);
    if (!format)
        return QObject::tr("cannot export %1: the file name must end in .png, .pdf or .svg").arg(path);
    return {};
}

} // namespace

std::optional<FigureFormat> PlotExporter::formatFromPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return FigureFormat::Png;
    if (suffix == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    if (suffix == QLatin1String("svg"))
        return FigureFormat::Svg;
    return std::nullopt;
}

QSize PlotExporter::layoutSize(const FigureOptions& options, const QSize& onScreen)
{
    return vectorSize(options.size, onScreen, options);
}

QString PlotExporter::fileDialogFilter()
{
    return QObject::tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)");
}

QString PlotExporter::exportPlot(QCustomPlot* plot, const QString& path, const FigureOptions& options)
{
    std::optional<FigureFormat> format;
    if (QString error = checkFormat(path, format); !error.isEmpty())
        return error;
    return exportPlot(plot, path, *format, options);
}

QString PlotExporter::exportPlot(QCustomPlot* plot, const QString& path, FigureFormat format,
                                 const FigureOptions& options)
{
    if (!plot)
        return QObject::tr("cannot export %1: no plot").arg(path);
    const double scale = dpiScale(options);
    switch (format) {
    case FigureFormat::Png: {
        // The pixel size is exact; the plot is laid out at size / scale so that
        // a higher DPI gives proportionally larger text and thicker lines.
        const QSize pixels = options.size.isEmpty() ? plot->size() * scale : options.size;
        const int logicalW = std::max(1, int(std::lround(pixels.width() / scale)));
        const int logicalH = std::max(1, int(std::lround(pixels.height() / scale)));
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(double(pixels.width()) / logicalW, double(pixels.height()) / logicalH);
            plot->toPainter(&painter, logicalW, logicalH);
        }
        return savePng(image, path, options.dpi);
    }
    case FigureFormat::Pdf: {
        // Not QCustomPlot::savePdf: it makes one logical pixel one point, so a
        // 1600-px figure became a 22-inch page, unlike every other export here
        // (96 DPI). The painter gets the modes savePdf(..., QCP::epNoCosmetic)
        // sets: vector output, and non-cosmetic pens so lines scale with the page.
        const QSize size = vectorSize(options.size, plot->size(), options);
        return writeAtomically(path, [&](QIODevice& file) {
            QPdfWriter writer(&file);
            setUpPdf(writer, size, options);
            QCPPainter painter;
            if (!painter.begin(&writer))
                return QObject::tr("cannot start PDF drawing for %1").arg(path);
            painter.setMode(QCPPainter::pmVectorized);
            painter.setMode(QCPPainter::pmNoCaching);
            painter.setMode(QCPPainter::pmNonCosmetic);
            // The page is a whole number of points; the figure fills it exactly.
            painter.scale(double(writer.width()) / size.width(), double(writer.height()) / size.height());
            plot->toPainter(&painter, size.width(), size.height());
            painter.end();
            return QString();
        });
    }
    case FigureFormat::Svg: {
        const QSize size = vectorSize(options.size, plot->size(), options);
        return writeAtomically(path, [&](QIODevice& file) {
            QBuffer svg;
            svg.open(QIODevice::WriteOnly);
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(size);
            generator.setViewBox(QRect(QPoint(0, 0), size));
            // width/height in mm follow the resolution (default 72): 96 keeps 1 px = 1/96 inch.
            generator.setResolution(int(kScreenDpi));
            generator.setTitle(options.title);
            generator.setDescription(options.description);
            QCPPainter painter;
            if (!painter.begin(&generator))
                return QObject::tr("cannot start SVG drawing for %1").arg(path);
            painter.setMode(QCPPainter::pmVectorized);
            {
                const SvgGraphClipper clip(plot);
                plot->toPainter(&painter, size.width(), size.height());
            }
            painter.end();
            file.write(withGenericFontFamily(svg.data()));
            return QString();
        });
    }
    }
    return {};
}

QString PlotExporter::exportWidget(QWidget* widget, const QString& path, const FigureOptions& options)
{
    std::optional<FigureFormat> format;
    if (QString error = checkFormat(path, format); !error.isEmpty())
        return error;
    return exportWidget(widget, path, *format, options);
}

QString PlotExporter::exportWidget(QWidget* widget, const QString& path, FigureFormat format,
                                   const FigureOptions& options)
{
    if (!widget)
        return QObject::tr("cannot export %1: no widget").arg(path);
    // A widget keeps its on-screen layout; it is scaled uniformly into the
    // requested size and centred, so nothing is cropped or distorted.
    const QSize source = widget->size().expandedTo(QSize(1, 1));
    const double scale = dpiScale(options);
    const auto renderInto = [&](QPainter& painter, const QSizeF& target) {
        const double s = std::min(target.width() / source.width(), target.height() / source.height());
        painter.translate((target.width() - s * source.width()) / 2, (target.height() - s * source.height()) / 2);
        painter.scale(s, s);
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    };
    const QColor background = widget->palette().color(widget->backgroundRole());
    switch (format) {
    case FigureFormat::Png: {
        const QSize pixels = options.size.isEmpty() ? source * scale : options.size;
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.fill(background);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            renderInto(painter, QSizeF(pixels));
        }
        return savePng(image, path, options.dpi);
    }
    case FigureFormat::Pdf: {
        const QSize size = vectorSize(options.size, source, options);
        return writeAtomically(path, [&](QIODevice& file) {
            QPdfWriter writer(&file);
            setUpPdf(writer, size, options);
            QPainter painter;
            if (!painter.begin(&writer))
                return QObject::tr("cannot start PDF drawing for %1").arg(path);
            renderInto(painter, QSizeF(writer.width(), writer.height()));
            painter.end();
            return QString();
        });
    }
    case FigureFormat::Svg: {
        const QSize size = vectorSize(options.size, source, options);
        return writeAtomically(path, [&](QIODevice& file) {
            QBuffer svg;
            svg.open(QIODevice::WriteOnly);
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(size);
            generator.setViewBox(QRect(QPoint(0, 0), size));
            // width/height in mm follow the resolution (default 72): 96 keeps 1 px = 1/96 inch.
            generator.setResolution(int(kScreenDpi));
            generator.setTitle(options.title);
            generator.setDescription(options.description);
            QPainter painter;
            if (!painter.begin(&generator))
                return QObject::tr("cannot start SVG drawing for %1").arg(path);
            painter.fillRect(QRect(QPoint(0, 0), size), background);
            renderInto(painter, QSizeF(size));
            painter.end();
            file.write(withGenericFontFamily(svg.data()));
            return QString();
        });
    }
    }
    return {};
}

} // namespace qs
