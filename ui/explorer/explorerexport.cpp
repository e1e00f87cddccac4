// The explorer's exports for reports: the figure (PNG/PDF/SVG, built anew at
// its export size), its plotted series and histogram bins as CSV, the
// dequantized tensor as .npy, the settings JSON that `quantscope-cli plot
// --config` reads, and the clipboard copy.
#include "explorer/explorerview.h"

#include "common/plotexporter.h"
#include "formats/error.h"
#include "io/atomicfile.h"
#include "io/writers.h"
#include "plots/figures.h"
#include "session/session.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QTabWidget>

#include <qcustomplot.h>

namespace qs {

QString ExplorerView::exportFigure(const QString& path, const FigureOptions& options)
{
    if (m_inputs.preview)
        waitForIdle(); // an exported figure is always the exact one
    if (!m_inputs.result)
        return tr("no result yet");
    FigureOptions o = options;
    if (o.title.isEmpty())
        o.title = m_tabs->tabText(m_tabs->currentIndex());
    if (o.description.isEmpty())
        o.description = figureCaptionText();
    // Built anew at the size it is exported at (not the window's), so the
    // caption wraps and the legend's room fit the exported page.
    const FigureKind kind = currentKind();
    QCustomPlot figure;
    figure.resize(PlotExporter::layoutSize(o, m_plots[int(kind)]->size()));
    FigureStyle s = style();
    s.onScreen = false; // no instruction for the mouse on paper
    buildFigure(&figure, kind, m_inputs, m_session->tensor(), s, m_pinned.get());
    figure.replot();
    return PlotExporter::exportPlot(&figure, path, o);
}

QString ExplorerView::exportFigureCsv(const QString& path)
{
    rebuild(currentKind());
    QString error;
    writeFigureCsv(m_plots[int(currentKind())], path, &error);
    return error;
}

QString ExplorerView::exportHistogramCsv(const QString& path)
{
    if (!m_inputs.result)
        return tr("no result yet");
    try {
        writeCsvHistograms(path.toStdString(), {"original", "dequantized"},
                           {&m_inputs.result->histOriginal, &m_inputs.result->histDequantized});
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString ExplorerView::exportDequantizedNpy(const QString& path)
{
    if (!m_inputs.result)
        return tr("no result yet");
    try {
        writeNpy(path.toStdString(), m_inputs.result->dequantized);
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString ExplorerView::exportSettings(const QString& path)
{
    return writeFileAtomically(path, QJsonDocument(m_session->toJson()).toJson());
}

void ExplorerView::copyFigureToClipboard()
{
    QCustomPlot* p = m_plots[int(currentKind())];
    QApplication::clipboard()->setPixmap(p->toPixmap(p->width(), p->height(), 2.0));
}

} // namespace qs
