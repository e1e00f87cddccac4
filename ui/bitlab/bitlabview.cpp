#include "bitlab/bitlabview.h"

#include "bitlab/bitrowwidget.h"
#include "bitlab/codetablepanel.h"
#include "bitlab/comparepanel.h"
#include "bitlab/doubleroundingpanel.h"
#include "bitlab/formatdesigner.h"
#include "bitlab/formatinfo.h"
#include "bitlab/formatproperties.h"
#include "bitlab/mxblockpanel.h"
#include "bitlab/numberlinepanel.h"
#include "bitlab/overflowpanel.h"
#include "bitlab/stepspanel.h"
#include "bitlab/valuepanel.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace qs {

BitLabView::BitLabView(QWidget* parent) : QWidget(parent)
{
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createEditor());
    createTabs();
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    // On a small window (a laptop, a projector at 1024 x 768) the view scrolls
    // instead of forcing the main window larger than the screen.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("bitLabScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(splitter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll);

    connect(m_designer, &FormatDesigner::formatChanged, this, [this](const NumberFormat& f) {
        m_context.format = f;
        m_properties->setFormat(f);
        m_bitRow->setFormat(f);
        // The value stays; the new format shows how it stores it.
        m_value->setFormat(f);
        m_context.code = m_value->lastEncode() ? m_value->lastEncode()->code : 0;
        m_bitRow->setCode(m_context.code);
        m_value->setCode(m_context.code);
        publish();
    });
    connect(m_designer, &FormatDesigner::saturatingChanged, this, [this](bool on) {
        m_context.saturate = on;
        m_value->setSaturating(on);
        publish();
    });
    connect(m_bitRow, &BitRowWidget::codeEdited, this, &BitLabView::setCode);
    connect(m_value, &ValuePanel::codeRequested, this, &BitLabView::setCode);
    connect(m_value, &ValuePanel::valueChanged, this, [this](double v) {
        m_context.value = v;
        publish();
    });
    connect(m_value, &ValuePanel::roundingChanged, this, [this] {
        m_context.rounding = m_value->rounding();
        publish();
    });
    connect(m_codes, &CodeTablePanel::codeSelected, this, &BitLabView::setCode);

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
    auto* side = new QVBoxLayout;
    side->addWidget(m_export);
    side->addWidget(reset);
    side->addWidget(m_exportStatus);
    side->addStretch();
    auto* bitsLayout = new QHBoxLayout(bitsBox);
    bitsLayout->addWidget(m_bitRow, 1);
    bitsLayout->addLayout(side);

    m_value = new ValuePanel(editor);
    m_value->setObjectName(QStringLiteral("valuePanel"));

    auto* top = new QHBoxLayout;
    top->addWidget(formatBox, 3);
    top->addWidget(propBox, 2);
    auto* layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(bitsBox);
    layout->addWidget(m_value);
    return editor;
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
    m_value->setRoundingMode(RoundingMode::NearestEven);
    m_context.rounding = m_value->rounding();
    m_designer->setSaturating(false);
    m_value->enterValue(QStringLiteral("25.125"));
    m_designer->setFormat(FloatFormat::fp32());
    m_steps->setCurrentStep(0);
}

void BitLabView::setFormat(const NumberFormat& format)
{
    m_designer->setFormat(format);
}

void BitLabView::setCode(std::uint64_t code)
{
    code &= codeMask(m_context.format);
    m_context.code = code;
    m_bitRow->setCode(code);
    m_value->setCode(code);
    publish();
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
