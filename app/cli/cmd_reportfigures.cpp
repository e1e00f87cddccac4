// `quantscope-cli report --out`: the report's figures, drawn by the GUI's
// figure library (ui/plots/reportfigures.h) and exported like `plot`'s
// (ui/common/plotexporter.h). Compiled only with QUANTSCOPE_BUILD_GUI.
#include "clicommon.h"

#include "common/plotexporter.h"
#include "formats/error.h"
#include "plots/reportfigures.h"

#include <QFileInfo>

#include <qcustomplot.h>

namespace qs::cli {

bool reportFigureFormatKnown(const std::string& path)
{
    return PlotExporter::formatFromPath(QString::fromStdString(path)).has_value();
}

std::string writeReportFigures(const ModelReport& report, const ReportPlan* plan, const std::string& path)
{
    const QString file = QString::fromStdString(path);
    const auto format = PlotExporter::formatFromPath(file);
    if (!format)
        throw ArgumentError("--out '" + path + "': use a .pdf, .svg or .png file name");
    if (*format == FigureFormat::Pdf) {
        const QString e = exportReportPdf(report, plan, file);
        if (!e.isEmpty())
            throw ArgumentError(e.toStdString());
        return path;
    }
    // SVG and PNG hold one figure each: FILE-heatmap.EXT and FILE-pareto.EXT.
    const QFileInfo info(file);
    const QString stem = info.path() + QLatin1Char('/') + info.completeBaseName();
    const QString ext = info.suffix();
    FigureOptions o;
    o.size = QSize(1200, 750);
    o.dpi = 96;
    FigureStyle style;
    std::string written;
    for (int k = 0; k < 2; ++k) {
        QCustomPlot plot;
        plot.resize(PlotExporter::layoutSize(o, o.size));
        if (k == 0)
            buildReportHeatmap(&plot, report, style);
        else
            buildReportPareto(&plot, report, planFrontier(report, 24), plan, style);
        plot.replot();
        const QString out = stem + (k == 0 ? QStringLiteral("-heatmap.") : QStringLiteral("-pareto.")) + ext;
        o.title = k == 0 ? QStringLiteral("SQNR heat map") : QStringLiteral("SQNR against bits/value");
        const QString e = PlotExporter::exportPlot(&plot, out, *format, o);
        if (!e.isEmpty())
            throw ArgumentError(e.toStdString());
        written += (written.empty() ? "" : ", ") + out.toStdString();
    }
    return written;
}

} // namespace qs::cli
