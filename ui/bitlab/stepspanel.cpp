#include "bitlab/stepspanel.h"

#include "bitlab/bitrowwidget.h"
#include "bitlab/formatinfo.h"
#include "formats/error.h"
#include "formats/explain.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace qs {

namespace {

// The core's step titles (core/formats/explain*.cpp), listed here so lupdate
// collects them: the core stays free of Qt's translation machinery and the CLI
// keeps English, the panel shows them in the interface language.
[[maybe_unused]] constexpr const char* coreStepTitles[] = {
    QT_TRANSLATE_NOOP("qs::StepsPanel", "In binary"),     QT_TRANSLATE_NOOP("qs::StepsPanel", "Biased exponent"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Flush to zero"), QT_TRANSLATE_NOOP("qs::StepsPanel", "Format"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Fraction part"), QT_TRANSLATE_NOOP("qs::StepsPanel", "Input"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Integer part"),  QT_TRANSLATE_NOOP("qs::StepsPanel", "Mantissa"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Normalise"),     QT_TRANSLATE_NOOP("qs::StepsPanel", "Note: double rounding"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Overflow"),      QT_TRANSLATE_NOOP("qs::StepsPanel", "Out of range"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Result"),        QT_TRANSLATE_NOOP("qs::StepsPanel", "Rounding"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Saturation"),    QT_TRANSLATE_NOOP("qs::StepsPanel", "Scale"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Sign"),          QT_TRANSLATE_NOOP("qs::StepsPanel", "Infinity"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Not a number"),  QT_TRANSLATE_NOOP("qs::StepsPanel", "Subnormal range"),
    QT_TRANSLATE_NOOP("qs::StepsPanel", "Zero"),          QT_TRANSLATE_NOOP("qs::StepsPanel", "Two's complement"),
};

// The core's explanation (shared with the CLI's `explain`) in the panel's terms.
ConversionWalkthrough fromCore(const Explanation& e)
{
    ConversionWalkthrough w;
    w.code = e.code;
    w.stored = e.value;
    for (const ExplainStep& step : e.steps) {
        ConversionStep s;
        // Titles listed in coreStepTitles are translated; the step texts stay English (core).
        s.title = QCoreApplication::translate("qs::StepsPanel", step.title.c_str());
        s.detail = QString::fromStdString(step.text).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        for (int bit : step.bits)
            if (bit >= 0 && bit < 64)
                s.bits |= std::uint64_t(1) << bit;
        w.steps.push_back(s);
    }
    return w;
}

} // namespace

StepsPanel::StepsPanel(QWidget* parent) : BitLabPanel(parent)
{
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("stepsHeading"));
    m_heading->setWordWrap(true);
    m_heading->setToolTip(tr("The number being converted, the target format and the rounding mode."));
    m_row = new BitRowWidget(this);
    m_row->setObjectName(QStringLiteral("stepsBitRow"));
    m_row->setReadOnly(true);
    m_row->setToolTip(tr("The bits of the result; the bits the selected step decides are outlined, the others "
                         "dimmed."));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("stepsList"));
    m_list->setToolTip(tr("The steps of the conversion; select one to see what it decides."));
    m_list->setMaximumWidth(280);
    QFont listFont = m_list->font();
    listFont.setPointSizeF(listFont.pointSizeF() * 1.15);
    m_list->setFont(listFont);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("stepDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setToolTip(tr("What this step does with the number."));
    QFont big = m_detail->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    m_detail->setFont(big);
    m_prev = new QPushButton(tr("◀ Previous step"), this);
    m_prev->setObjectName(QStringLiteral("prevStepButton"));
    m_prev->setToolTip(tr("Go back one step of the conversion."));
    m_next = new QPushButton(tr("Next step ▶"), this);
    m_next->setObjectName(QStringLiteral("nextStepButton"));
    m_next->setToolTip(tr("Go on to the next step of the conversion."));

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_prev);
    buttons->addWidget(m_next);
    auto* right = new QVBoxLayout;
    right->addWidget(m_detail, 1);
    right->addLayout(buttons);
    auto* middle = new QHBoxLayout;
    middle->addWidget(m_list);
    middle->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_row);
    layout->addLayout(middle, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &StepsPanel::showStep);
    connect(m_prev, &QPushButton::clicked, this, [this] { setCurrentStep(currentStep() - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setCurrentStep(currentStep() + 1); });
}

int StepsPanel::currentStep() const
{
    return m_list->currentRow();
}

void StepsPanel::setCurrentStep(int index)
{
    if (index >= 0 && index < m_list->count())
        m_list->setCurrentRow(index);
}

void StepsPanel::refresh()
{
    const BitLabContext& c = context();
    const int previous = currentStep();
    // The core explains the shortest decimal of the value (what the user typed
    // in almost every case) exactly; the panel's own walk-through is the fallback.
    try {
        const QString text =
            std::isnan(c.value) ? QStringLiteral("nan") : QString::number(c.value, 'g', QLocale::FloatingPointShortest);
        m_walk = fromCore(explainEncode(c.format, text.toStdString(), c.rounding,
                                        c.saturate ? OverflowMode::Saturate : OverflowMode::Ieee));
        if (m_walk.steps.empty())
            m_walk = explainConversion(c.format, c.value, c.rounding, c.saturate);
    } catch (const Error&) {
        m_walk = explainConversion(c.format, c.value, c.rounding, c.saturate);
    }
    m_heading->setText(tr("<b>Converting %1 to %2</b>, rounding %3%4")
                           .arg(shortValue(c.value), displayName(c.format).toHtmlEscaped(),
                                QString::fromStdString(c.rounding.name()),
                                c.saturate ? tr(", saturating") : QString()));
    m_row->setFormat(c.format);
    m_row->setCode(m_walk.code);
    m_list->blockSignals(true);
    m_list->clear();
    for (std::size_t i = 0; i < m_walk.steps.size(); ++i)
        m_list->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(m_walk.steps[i].title));
    m_list->blockSignals(false);
    // Stay on the same step when only the value changes, so a class can watch one step.
    setCurrentStep(std::clamp(previous < 0 ? 0 : previous, 0, int(m_walk.steps.size()) - 1));
    showStep(currentStep());
}

void StepsPanel::showStep(int index)
{
    if (index < 0 || index >= int(m_walk.steps.size()))
        return;
    const ConversionStep& step = m_walk.steps[std::size_t(index)];
    m_detail->setText(QStringLiteral("<p><b>%1</b></p><p>%2</p>").arg(step.title, step.detail));
    // A step that decides no bits shows the whole row dimmed: nothing is fixed yet.
    m_row->setHighlight(step.bits);
    m_prev->setEnabled(index > 0);
    m_next->setEnabled(index + 1 < int(m_walk.steps.size()));
}

} // namespace qs
