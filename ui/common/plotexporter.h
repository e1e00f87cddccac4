#pragma once
// Figure export shared by every plot of the GUI (and later the CLI's `plot`):
// a QCustomPlot or any other widget (the Bit Lab's bit row, a table) to PNG at
// a chosen pixel size and DPI, to PDF and to SVG as vector drawings. Files are
// written atomically (QSaveFile) so a failed export never leaves half a figure
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
    // Size of the figure in pixels (PNG) or in logical units at 96 DPI (PDF,
    // SVG): 1600 x 1000 is a 1200 x 750 pt PDF page (rounded to whole points)
    // and a 423.3 x 264.6 mm SVG with viewBox 0 0 1600 1000. An empty size
    // means "the on-screen size of the widget".
    QSize size;
    // Resolution written into the PNG and used to scale text and lines: a
    // 1600 x 1000 PNG at 192 DPI looks like an 800 x 500 plot printed at twice
    // the density, which is what a journal asks for.
    double dpi = 96;
    QString title;       // stored in the SVG/PDF metadata
    QString description; // stored in the SVG metadata (e.g. the settings behind the figure)
};

class PlotExporter
{
public:
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
