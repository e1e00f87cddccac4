#include "bitlab/bitlabview.h"

#include "bitlab/bitrowwidget.h"
#include "bitlab/codetablepanel.h"
#include "bitlab/comparepanel.h"
#include "bitlab/doubleroundingpanel.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"
#include "bitlab/formatproperties.h"
#include "bitlab/kquantpanel.h"
#include "bitlab/mxblockpanel.h"
#include "bitlab/numberlinepanel.h"
#include "bitlab/overflowpanel.h"
#include "bitlab/stepspanel.h"
#include "bitlab/valuepanel.h"
#include "common/reflow.h"

#include <QAction>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace qs {

namespace {

std::string specOf(const NumberFormat& format)
{
    return std::visit([](const auto& f) { return f.spec(); }, format);
}

bool sameState(const BitLabView::State& a, const BitLabView::State& b)
{
    return a.code == b.code && specOf(a.format) == specOf(b.format);
}

} // namespace

// One edit: the state before and after. The edits of one mouse drag over the
// bits (same stroke) merge into one command.
class BitLabEditCommand : public QUndoCommand
{
public:
    BitLabEditCommand(BitLabView* view, BitLabView::State before, BitLabView::State after, const QString& text,
                      int stroke)
        : QUndoCommand(text), m_view(view), m_before(std::move(before)), m_after(std::move(after)), m_stroke(stroke)
    {}
    int id() const override { return m_stroke > 0 ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* o = static_cast<const BitLabEditCommand*>(other);
        if (o->m_stroke != m_stroke || specOf(o->m_before.format) != specOf(m_after.format))
            return false;
        m_after = o->m_after;
        setObsolete(sameState(m_before, m_after));
        return true;
    }
    void undo() override { m_view->applyState(m_before); }
    void redo() override
    {
        // The first redo is the push: the edit is already on screen.
        if (m_pushed)
            m_view->applyState(m_after);
        m_pushed = true;
    }

private:
    BitLabView* m_view;
    BitLabView::State m_before;
    BitLabView::State m_after;
    int m_stroke;
    bool m_pushed = false;
};

BitLabView::BitLabView(QWidget* parent) : QWidget(parent)
{
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    m_editor = createEditor();
    splitter->addWidget(m_editor);
    createTabs();
    splitter->addWidget(m_tabs);
    // The K-quant block view does not use the format being edited, and its two tables need
    // the height: the editor steps aside while it is shown (at 1280 x 720 the tables had
    // room for no row at all below it).
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { m_editor->setVisible(m_tabs->currentWidget() != m_kquant); });
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    // On a small window (a laptop, a projector at 1024 x 768) the view scrolls
    // instead of forcing the main window larger than the screen.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("bitLabScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Downwards only: at 1024 px the 32 bits ran off the right edge behind a
    // scroll bar; the panels reflow under each other instead (reflow()).
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(splitter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll);
    createUndo();

    connect(m_designer, &FormatDesigner::formatChanged, this, [this](const NumberFormat& f) {
        QScopedValueRollback<QString> text(m_editText, tr("Change format"));
        m_context.format = f;
        m_properties->setFormat(f);
        m_bitRow->setFormat(f);
        // The value stays; the new format shows how it stores it.
        m_value->setFormat(f);
        m_context.code = m_value->lastEncode() ? m_value->lastEncode()->code : 0;
        m_bitRow->setCode(m_context.code);
        m_value->setCode(m_context.code);
        publish();
        recordState(tr("Change format"));
    });
    connect(m_designer, &FormatDesigner::saturatingChanged, this, [this](bool on) {
        QScopedValueRollback<QString> text(m_editText, tr("Saturation"));
        m_context.saturate = on;
        m_value->setSaturating(on);
        publish();
    });
    connect(m_bitRow, &BitRowWidget::codeEdited, this, [this](std::uint64_t code) {
        // A drag (press to release) is one stroke; keyboard edits are one step each.
        applyCode(code, tr("Edit bits"), m_bitRow->isPainting() ? m_bitRow->stroke() : 0);
    });
    connect(m_value, &ValuePanel::codeRequested, this,
            [this](std::uint64_t code) { applyCode(code, tr("Enter value"), 0); });
    connect(m_value, &ValuePanel::valueChanged, this, [this](double v) {
        m_context.value = v;
        publish();
    });
    connect(m_value, &ValuePanel::roundingChanged, this, [this] {
        m_context.rounding = m_value->rounding();
        publish();
    });
    connect(m_codes, &CodeTablePanel::codeSelected, this,
            [this](std::uint64_t code) { applyCode(code, tr("Select code"), 0); });

    reset();
}

QWidget* BitLabView::createEditor()
{
    auto* editor = new QWidget(this);
    auto* formatBox = new QGroupBox(tr("Format"), editor);
    m_designer = new FormatDesigner(formatBox);
    m_designer->setObjectName(QStringLiteral("formatDesigner"));
    auto* reset = new QPushButton(tr("Reset"), editor);
    reset->setObjectName(QStringLiteral("resetButton"));
    reset->setToolTip(tr("Back to the starting example: 25.125 in FP32."));
    connect(reset, &QPushButton::clicked, this, &BitLabView::reset);
    auto* formatLayout = new QVBoxLayout(formatBox);
    formatLayout->addWidget(m_designer);

    auto* propBox = new QGroupBox(tr("Properties"), editor);
    m_properties = new FormatProperties(propBox);
    m_properties->setObjectName(QStringLiteral("formatProperties"));
    auto* propLayout = new QVBoxLayout(propBox);
    propLayout->addWidget(m_properties);

    auto* bitsBox = new QGroupBox(tr("Bits"), editor);
    m_bitRow = new BitRowWidget(bitsBox);
    m_bitRow->setObjectName(QStringLiteral("bitRow"));
    m_export = new QToolButton(bitsBox);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setText(tr("Export figure"));
    m_export->setToolTip(tr("Save the bit row or the number line as a PNG, PDF or SVG figure."));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("Bit row…"), this, [this] { exportWithDialog(false); });
    menu->addAction(tr("Number line…"), this, [this] { exportWithDialog(true); });
    m_export->setMenu(menu);
    m_exportStatus = new QLabel(bitsBox);
    m_exportStatus->setObjectName(QStringLiteral("exportStatus"));
    m_exportStatus->setWordWrap(true);
    m_exportStatus->setMaximumWidth(160);
    m_exportStatus->setToolTip(tr("Where the last figure was saved, or why it could not be."));
    auto* undo = new QToolButton(bitsBox);
    undo->setObjectName(QStringLiteral("undoButton"));
    auto* redo = new QToolButton(bitsBox);
    redo->setObjectName(QStringLiteral("redoButton"));
    auto* undoRow = new QHBoxLayout;
    undoRow->addWidget(undo);
    undoRow->addWidget(redo);
    undoRow->addStretch();
    auto* side = new QVBoxLayout;
    side->addWidget(m_export);
    side->addWidget(reset);
    side->addLayout(undoRow);
    side->addWidget(m_exportStatus);
    side->addStretch();
    auto* bitsLayout = new QHBoxLayout(bitsBox);
    bitsLayout->addWidget(m_bitRow, 1);
    bitsLayout->addLayout(side);

    m_value = new ValuePanel(editor);
    m_value->setObjectName(QStringLiteral("valuePanel"));

    auto* top = m_top = new QHBoxLayout;
    top->addWidget(formatBox, 3);
    top->addWidget(propBox, 2);
    auto* layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(bitsBox);
    layout->addWidget(m_value);
    return editor;
}

void BitLabView::reflow()
{
    // The room the scroll area leaves for its content (its vertical scroll bar included).
    const int available = width() - 12 - style()->pixelMetric(QStyle::PM_ScrollBarExtent) - 8;
    reflowBox(m_top, available);
    m_value->reflow(available);
}

void BitLabView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    reflow();
}

void BitLabView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) // a new zoom: new minimum widths
        reflow();
}

void BitLabView::createUndo()
{
    m_undo = new QUndoStack(this);
    m_undoAction = new QAction(tr("Undo"), this);
    m_undoAction->setObjectName(QStringLiteral("bitLabUndo"));
    m_undoAction->setToolTip(tr("Undo the last change of the format or the bits (%1).")
                                 .arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    m_redoAction = new QAction(tr("Redo"), this);
    m_redoAction->setObjectName(QStringLiteral("bitLabRedo"));
    m_redoAction->setToolTip(tr("Redo the change just undone (%1).")
                                 .arg(QKeySequence(QKeySequence::Redo).toString(QKeySequence::NativeText)));
    const struct
    {
        QAction* action;
        QKeySequence::StandardKey key;
        const char* button;
    } actions[] = {{m_undoAction, QKeySequence::Undo, "undoButton"}, {m_redoAction, QKeySequence::Redo, "redoButton"}};
    for (const auto& a : actions) {
        a.action->setShortcuts(a.key);
        // Only while the focus is in the Bit Lab: the explorer has window-wide actions.
        a.action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a.action->setEnabled(false);
        addAction(a.action);
        if (auto* button = findChild<QToolButton*>(QString::fromLatin1(a.button)))
            button->setDefaultAction(a.action);
    }
    connect(m_undoAction, &QAction::triggered, m_undo, &QUndoStack::undo);
    connect(m_redoAction, &QAction::triggered, m_undo, &QUndoStack::redo);
    connect(m_undo, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled);
}

void BitLabView::createTabs()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("bitLabTabs"));
    m_steps = new StepsPanel(m_tabs);
    m_compare = new ComparePanel(m_tabs);
    m_numberLine = new NumberLinePanel(m_tabs);
    m_codes = new CodeTablePanel(m_tabs);
    m_doubleRounding = new DoubleRoundingPanel(m_tabs);
    m_overflow = new OverflowPanel(m_tabs);
    m_mx = new MxBlockPanel(m_tabs);
    m_kquant = new KQuantPanel(m_tabs);
    const struct
    {
        QWidget* page;
        const char* name;
        QString title;
        QString tip;
    } tabs[] = {
        {m_steps, "steps", tr("Steps"), tr("The conversion of the value into bits, one step at a time.")},
        {m_compare, "compare", tr("Compare"), tr("The value stored in several formats side by side.")},
        {m_numberLine, "numberline", tr("Number line"), tr("Where the representable values lie.")},
        {m_codes, "codes", tr("All codes"), tr("Every code of a format of at most 8 bits.")},
        {m_doubleRounding, "doublerounding", tr("Double rounding"),
         tr("Rounding twice (FP32 → BF16 → FP8) can differ from rounding once.")},
        {m_overflow, "overflow", tr("Overflow"),
         tr("A product or sum in FP32, FP16 and BF16: overflow and underflow.")},
        {m_mx, "mx", tr("MX block"), tr("32 elements sharing one power-of-two scale (OCP Microscaling).")},
        {m_kquant, "kquant", tr("K-quant block"),
         tr("A llama.cpp block of real data taken apart: d, dmin, the sub-block scales and mins, the codes.")},
    };
    for (const auto& t : tabs) {
        t.page->setObjectName(QString::fromLatin1(t.name));
        const int i = m_tabs->addTab(t.page, t.title);
        m_tabs->setTabToolTip(i, t.tip);
    }
    m_panels = {m_steps, m_compare, m_numberLine, m_codes};
}

bool BitLabView::showSubTab(const QString& name)
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->widget(i)->objectName() == name) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    return false;
}

void BitLabView::reset()
{
    {
        QScopedValueRollback<bool> applying(m_applying, true);
        m_value->setRoundingMode(RoundingMode::NearestEven);
        m_context.rounding = m_value->rounding();
        m_designer->setSaturating(false);
        m_value->enterValue(QStringLiteral("25.125"));
        m_designer->setFormat(FloatFormat::fp32());
        m_steps->setCurrentStep(0);
    }
    // The starting point is the start of the history.
    m_undo->clear();
    m_state = {m_context.format, m_context.code};
}

void BitLabView::setFormat(const NumberFormat& format)
{
    m_designer->setFormat(format);
}

void BitLabView::setCode(std::uint64_t code)
{
    applyCode(code, tr("Set code"), 0);
}

void BitLabView::applyCode(std::uint64_t code, const QString& what, int stroke)
{
    code &= codeMask(m_context.format);
    m_context.code = code;
    m_bitRow->setCode(code);
    m_value->setCode(code);
    publish();
    recordState(what, stroke);
}

void BitLabView::recordState(const QString& what, int stroke)
{
    State now{m_context.format, m_context.code};
    if (m_applying || sameState(now, m_state)) {
        m_state = std::move(now);
        return;
    }
    auto* command = new BitLabEditCommand(this, m_state, now, m_editText.isEmpty() ? what : m_editText, stroke);
    m_state = std::move(now);
    m_undo->push(command);
}

void BitLabView::applyState(const State& state)
{
    {
        QScopedValueRollback<bool> applying(m_applying, true);
        if (specOf(state.format) != specOf(m_context.format))
            m_designer->setFormat(state.format);
        applyCode(state.code, QString(), 0);
    }
    m_state = {m_context.format, m_context.code};
}

bool BitLabView::enterValue(const QString& text)
{
    return m_value->enterValue(text);
}

void BitLabView::publish()
{
    m_context.code = m_bitRow->code();
    m_context.value = m_value->currentValue();
    m_context.rounding = m_value->rounding();
    m_context.saturate = m_designer->saturating();
    for (BitLabPanel* panel : m_panels)
        panel->setContext(m_context);
    emit contextChanged(m_context);
}

QString BitLabView::exportBitRow(const QString& path, const FigureOptions& options)
{
    FigureOptions o = options;
    if (o.title.isEmpty())
        o.title = tr("%1 in %2").arg(exactDecimalText(m_context.format, m_context.code), displayName(m_context.format));
    return PlotExporter::exportWidget(m_bitRow, path, o);
}

QString BitLabView::exportNumberLine(const QString& path, const FigureOptions& options)
{
    m_numberLine->ensureRefreshed();
    FigureOptions o = options;
    if (o.title.isEmpty())
        o.title = tr("Representable values of %1").arg(displayName(m_context.format));
    return PlotExporter::exportPlot(m_numberLine->plot(), path, o);
}

void BitLabView::exportWithDialog(bool numberLine)
{
    const QString path = QFileDialog::getSaveFileName(
        this, numberLine ? tr("Export number line") : tr("Export bit row"),
        numberLine ? QStringLiteral("numberline.pdf") : QStringLiteral("bits.svg"), PlotExporter::fileDialogFilter());
    if (path.isEmpty())
        return;
    FigureOptions options;
    if (numberLine)
        options.size = QSize(1200, 500);
    else
        options.dpi = 192; // a crisp PNG for slides; vector formats ignore it
    const QString error = numberLine ? exportNumberLine(path, options) : exportBitRow(path, options);
    const QString message = error.isEmpty() ? tr("Saved %1").arg(QFileInfo(path).fileName()) : error;
    m_exportStatus->setText(message);
    emit statusMessage(message);
}

} // namespace qs
