#pragma once
// Figure export shared by every plot of the GUI (and later the CLI's `plot`):
// a QCustomPlot or any other widget (the Bit Lab's bit row, a table) to PNG at
// a chosen pixel size and DPI, to PDF and to SVG as vector drawings. Files are
// written atomically (core/io/atomicfile.h) so a failed export never leaves half a figure
// where a good one was.
#include <QSize>
#include <QString>

#include <optional>

class QCustomPlot;
class QWidget;

namespace qs {

enum class FigureFormat { Png, Pdf, Svg };

struct FigureOptions
{
    // Size of the figure in pixels at `dpi`, for every format: the figure is
    // laid out at size × 96 / dpi logical pixels, so a PNG, a PDF and an SVG
    // of the same options show the same figure. 1600 x 1000 at 96 DPI is a
    // 1200 x 750 pt PDF page (rounded to whole points) and a 423.3 x 264.6 mm
    // SVG with viewBox 0 0 1600 1000; at 192 DPI, half of that (an 8.3-inch
    // page, text at its point size). An empty size means "the on-screen size
    // of the widget" (at 96 DPI for PDF and SVG).
    QSize size;
    // Resolution written into the PNG and used to scale text and lines: a
    // 1600 x 1000 PNG at 192 DPI looks like an 800 x 500 plot printed at twice
    // the density, which is what a journal asks for; the PDF and SVG of the
    // same options have that plot's physical size.
    double dpi = 96;
    QString title;       // stored in the SVG/PDF metadata
    QString description; // stored in the SVG metadata (e.g. the settings behind the figure)
};

class PlotExporter
{
public:
    // The size, in 1/96 inch, a figure of these options is laid out at in every
    // format (size × 96 / dpi; `onScreen` when no size is given). Build the
    // figure at this size so its caption wraps and its legend fits as exported.
    static QSize layoutSize(const FigureOptions& options, const QSize& onScreen);
    // png, pdf or svg from the file suffix (case-insensitive); nullopt otherwise.
    static std::optional<FigureFormat> formatFromPath(const QString& path);
    // A QFileDialog filter listing the three formats.
    static QString fileDialogFilter();

    // Each returns an error message ready for a status line, empty on success.
    static QString exportPlot(QCustomPlot* plot, const QString& path, const FigureOptions& options = {});
    static QString exportPlot(QCustomPlot* plot, const QString& path, FigureFormat format,
                              const FigureOptions& options = {});
    static QString exportWidget(QWidget* widget, const QString& path, const FigureOptions& options = {});
    static QString exportWidget(QWidget* widget, const QString& path, FigureFormat format,
                                const FigureOptions& options = {});
};

} // namespace qs
