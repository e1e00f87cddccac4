#pragma once
// The figures of the model report (docs/report.md): a heat map of SQNR per
// tensor and scheme, SQNR against bits/value (every tensor, the model totals,
// their Pareto front and the planner's frontier), and the ranking table; drawn
// with the explorer's style (figures.h) for `quantscope-cli report --out` and
// a later Model view.
#include "plots/figures.h"
#include "report/modelreport.h"
#include "report/planner.h"

#include <QString>
#include <QStringList>

#include <vector>

class QCustomPlot;

namespace qs {

// Rows in ranking order (most sensitive at the top), one column per scheme; at most
// maxRows tensors (the most sensitive), the title says how many are left out.
void buildReportHeatmap(QCustomPlot* plot, const ModelReport& report, const FigureStyle& style, int maxRows = 48);
// Per-tensor points (small, by scheme), model totals (large), the totals' Pareto
// front (dashed), the planner's frontier (a line) and the plan (a star), when given.
void buildReportPareto(QCustomPlot* plot, const ModelReport& report, const std::vector<ReportPlan>& frontier,
                       const ReportPlan* plan, const FigureStyle& style);

// The indices of the non-dominated points: no other point has at most the bits and
// at least the SQNR, one of them strictly. By bits ascending.
std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>>& bitsAndSqnr);

// A PDF of the ranking table (with the totals and the plan), the heat map and
// the Pareto figure, one page each (1200 x 750 px at 96 DPI, landscape);
// written atomically. Returns an error message, empty on success.
QString exportReportPdf(const ModelReport& report, const ReportPlan* plan, const QString& path);

// The report's figures by the file's suffix, as `quantscope-cli report --out` and
// the Model view write them: .pdf as exportReportPdf; .svg or .png as two files
// FILE-heatmap.EXT and FILE-pareto.EXT (1200 x 750 px, the plan's star when given)
// through PlotExporter. Returns an error message, empty on success; *written
// lists the files written.
QString exportReportFigures(const ModelReport& report, const ReportPlan* plan, const QString& path,
                            QStringList* written = nullptr);

} // namespace qs
