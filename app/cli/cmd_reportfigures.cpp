// `quantscope-cli report --out`: the report's figures, drawn by the GUI's
// figure library (ui/plots/reportfigures.h) and exported like `plot`'s
// (ui/common/plotexporter.h). Compiled only with QUANTSCOPE_BUILD_GUI.
#include "clicommon.h"

#include "common/plotexporter.h"
#include "formats/error.h"
#include "plots/reportfigures.h"

#include <QStringList>

namespace qs::cli {

bool reportFigureFormatKnown(const std::string& path)
{
    return PlotExporter::formatFromPath(QString::fromStdString(path)).has_value();
}

std::string writeReportFigures(const ModelReport& report, const ReportPlan* plan, const std::string& path)
{
    // The same code as the Model view's exports (ui/plots/reportfigures.h).
    QStringList written;
    const QString e = exportReportFigures(report, plan, QString::fromStdString(path), &written);
    if (!e.isEmpty())
        throw ArgumentError((PlotExporter::formatFromPath(QString::fromStdString(path)) ? "" : "--out ") +
                            e.toStdString());
    return written.join(QStringLiteral(", ")).toStdString();
}

} // namespace qs::cli
