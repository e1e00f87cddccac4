// The explorer's layout modes: presentation (F5), the one-column layout when
// the window is narrow, plot only (F8) and the dark theme; split from
// explorerview.cpp, which builds the view and keeps its figures current.
#include "explorer/explorerview.h"
#include "common/uizoom.h"
#include "explorer/calibrationpanel.h"
#include "explorer/comparelistpanel.h"
#include "explorer/datapanel.h"
#include "explorer/formula.h"
#include "explorer/metricslabel.h"
#include "explorer/plotinteraction.h"
#include "explorer/quantizerpanel.h"
#include "formats/error.h"
#include "session/commands.h"
#include "session/engine.h"
#include "session/session.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>
#include <cmath>

namespace qs {

void ExplorerView::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    // Simplified panels: the class follows the example; data loading and the
    // Compare list editor are for later.
    if (auto* list = findChild<CompareListPanel*>())
        list->setVisible(!on);
    applyColumnLayout();
    std::fill(std::begin(m_dirty), std::end(m_dirty), true);
    rebuildCurrent();
}

void ExplorerView::setCompact(bool on)
{
    if (on == m_compact)
        return;
    m_compact = on;
    applyColumnLayout();
}

int ExplorerView::columnWidth() const
{
    // The widest panel's own minimum, plus room for its vertical scroll bar,
    // and every combo box wide enough for the entry it shows beside the widest
    // form label (a cut "intN (sym…" was unreadable on a projector).
    int need = 0;
    for (QDockWidget* d : m_docks) {
        auto* scroll = qobject_cast<QScrollArea*>(d->widget());
        // The metrics wrap their text to the column: they do not set its width.
        if (!scroll || !scroll->widget() || d->objectName() == QLatin1String("metricsDock"))
            continue;
        QWidget* panel = scroll->widget();
        int label = 0;
        for (QLabel* l : panel->findChildren<QLabel*>())
            if (l->buddy() && l->isVisibleTo(panel))
                label = std::max(label, l->sizeHint().width());
        int combo = 0;
        for (QComboBox* c : panel->findChildren<QComboBox*>()) {
            if (!c->isVisibleTo(panel))
                continue;
            // The entry shown (the column follows a new choice, below in buildDocks).
            const int text = c->fontMetrics().horizontalAdvance(c->currentText());
            QStyleOptionComboBox opt;
            opt.initFrom(c);
            combo = std::max(combo, c->style()
                                        ->sizeFromContents(QStyle::CT_ComboBox, &opt,
                                                           QSize(text + 16, c->fontMetrics().height()), c)
                                        .width());
        }
        const int form = combo > 0 ? label + combo + 40 : 0; // spacing and margins
        const int w = std::max(panel->minimumSizeHint().width(), form);
        need = std::max(need, w + scroll->verticalScrollBar()->sizeHint().width() + 6);
    }
    return need;
}

int ExplorerView::updateDockWidths()
{
    // One column: as wide as the panels' controls need at the current zoom.
    // Two columns (the user's layout): the readable widths of zoom 1, scaled.
    const double z = UiZoom::factor();
    int panels = 0; // no panel narrower than its own minimum (its vertical scroll bar beside it)
    for (QDockWidget* d : m_docks)
        if (auto* scroll = qobject_cast<QScrollArea*>(d->widget());
            scroll && scroll->widget() && d->objectName() != QLatin1String("metricsDock"))
            panels = std::max(panels, scroll->widget()->minimumSizeHint().width() +
                                          scroll->verticalScrollBar()->sizeHint().width() + 6);
    const int column = m_oneColumn ? columnWidth() : std::max(int(330 * z), panels);
    for (QDockWidget* d : m_docks) {
        if (m_oneColumn && d->isHidden())
            continue; // the Data dock while presenting keeps its own width for the way back
        d->setMinimumWidth(m_oneColumn || d->objectName() != QLatin1String("metricsDock") ? column : int(280 * z));
    }
    return column;
}

bool ExplorerView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::LayoutRequest && !m_updatingWidths)
        for (QDockWidget* d : m_docks)
            if (auto* scroll = qobject_cast<QScrollArea*>(d->widget()); scroll && scroll->widget() == watched) {
                m_updatingWidths = true;
                updateDockWidths();
                m_updatingWidths = false;
                break;
            }
    return QMainWindow::eventFilter(watched, event);
}

void ExplorerView::applyColumnLayout()
{
    auto dockNamed = [this](const char* name) {
        for (QDockWidget* d : m_docks)
            if (d->objectName() == QLatin1String(name))
                return d;
        return static_cast<QDockWidget*>(nullptr);
    };
    QDockWidget* quantizer = dockNamed("quantizerDock");
    QDockWidget* calibration = dockNamed("calibrationDock");
    QDockWidget* metrics = dockNamed("metricsDock");
    QDockWidget* data = dockNamed("dataDock");
    const bool column = m_presentation || m_compact;
    if (column) {
        // The plot is what the room looks at: the panels share one column,
        // Quantizer, Calibration (and Data) as tabs, Metrics below them, and
        // the plot keeps the rest.
        if (!m_oneColumn) {
            m_normalLayout = saveState();
            m_normalWidths.clear();
            for (QDockWidget* d : m_docks)
                m_normalWidths << d->width();
        }
        m_oneColumn = true;
        data->setVisible(!m_presentation);
        // Split the dock that is not in a tab group (splitting a tabified dock
        // only adds a tab), then bring Quantizer into Calibration's group.
        splitDockWidget(calibration, metrics, Qt::Vertical);
        tabifyDockWidget(calibration, quantizer);
        if (!m_presentation)
            tabifyDockWidget(calibration, data);
        quantizer->raise();
        const int width = updateDockWidths();
        resizeDocks({calibration, metrics}, {width, width}, Qt::Horizontal);
        resizeDocks({calibration, metrics}, {height() * 55 / 100, height() * 45 / 100}, Qt::Vertical);
    } else if (m_oneColumn) {
        m_oneColumn = false;
        updateDockWidths();
        // Back to the layout the user had before, widths included; again once
        // the text of the previous zoom has been laid out anew.
        if (!m_normalLayout.isEmpty()) {
            restoreState(m_normalLayout);
            QTimer::singleShot(0, this, [this, state = m_normalLayout, widths = m_normalWidths] {
                if (m_oneColumn)
                    return;
                restoreState(state);
                // A dock behind another tab keeps the size it last had: its own again.
                for (int i = 0; i < m_docks.size() && i < widths.size(); ++i)
                    if (m_docks[i]->width() != widths[i] && m_docks[i]->visibleRegion().isEmpty())
                        m_docks[i]->resize(widths[i], m_docks[i]->height());
            });
        }
        m_normalLayout.clear();
    }
}

void ExplorerView::setPlotOnly(bool on)
{
    if (on == m_plotOnly)
        return;
    m_plotOnly = on;
    if (on) {
        m_plotOnlyHidden.clear();
        for (QDockWidget* d : m_docks)
            if (!d->isHidden()) {
                m_plotOnlyHidden << d;
                d->hide();
            }
    } else {
        for (QDockWidget* d : m_plotOnlyHidden)
            d->show();
        m_plotOnlyHidden.clear();
    }
    m_bar->setVisible(!on);
    m_inspector->setVisible(!on);
}

void ExplorerView::setDark(bool on)
{
    m_dark = on;
    std::fill(std::begin(m_dirty), std::end(m_dirty), true);
    rebuildCurrent();
}

} // namespace qs
