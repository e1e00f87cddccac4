#include "bitlab/doubleroundingpanel.h"

#include "bitlab/bitrowwidget.h"
#include "bitlab/formatinfo.h"
#include "bitlab/valuepanel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace qs {

DoubleRoundingPanel::DoubleRoundingPanel(QWidget* parent) : QWidget(parent)
{
    m_intermediate = new QComboBox(this);
    m_intermediate->setObjectName(QStringLiteral("intermediateCombo"));
    m_intermediate->addItems({QStringLiteral("bf16"), QStringLiteral("fp16"), QStringLiteral("tf32")});
    m_intermediate->setToolTip(tr("The format the value passes through first."));
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_target->addItems({QStringLiteral("fp8-e4m3"), QStringLiteral("fp8-e5m2"), QStringLiteral("fp6-e3m2"),
                        QStringLiteral("fp6-e2m3"), QStringLiteral("fp4-e2m1")});
    m_target->setToolTip(tr("The final, narrow format."));
    m_entry = new QLineEdit(this);
    m_entry->setObjectName(QStringLiteral("doubleRoundingEntry"));
    m_entry->setToolTip(tr("The number to convert; it is first stored in FP32. Press Return to convert."));
    auto* find = new QPushButton(tr("Find a value where they differ"), this);
    find->setObjectName(QStringLiteral("findDifferenceButton"));
    find->setToolTip(tr("Search upward from the entered value for an FP32 number whose two paths give different "
                        "results."));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("FP32 →"), this));
    controls->addWidget(m_intermediate);
    controls->addWidget(new QLabel(tr("→"), this));
    controls->addWidget(m_target);
    controls->addSpacing(20);
    controls->addWidget(new QLabel(tr("Value:"), this));
    controls->addWidget(m_entry, 1);
    controls->addWidget(find);

    auto* grid = new QGridLayout;
    for (int i = 0; i < 4; ++i) {
        m_labels[i] = new QLabel(this);
        m_labels[i]->setTextFormat(Qt::RichText);
        m_labels[i]->setMinimumWidth(260);
        m_rows[i] = new BitRowWidget(this);
        m_rows[i]->setObjectName(QStringLiteral("doubleRoundingRow%1").arg(i));
        m_rows[i]->setReadOnly(true);
        m_rows[i]->setShowFieldSummaries(false);
        grid->addWidget(m_labels[i], i, 0);
        grid->addWidget(m_rows[i], i, 1);
    }
    m_rows[0]->setToolTip(tr("The value in FP32, the starting point of both paths."));
    m_rows[1]->setToolTip(tr("After the first rounding, into the intermediate format."));
    m_rows[2]->setToolTip(tr("The intermediate value rounded again into the target format."));
    m_rows[3]->setToolTip(tr("FP32 rounded once, directly into the target format."));
    grid->setColumnStretch(1, 1);
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("doubleRoundingExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    QFont big = m_explanation->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_explanation->setFont(big);

    // The four full-size bit rows are taller than a small window: scroll them.
    auto* page = new QWidget;
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->addLayout(grid);
    pageLayout->addWidget(m_explanation);
    pageLayout->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(scroll, 1);

    connect(m_entry, &QLineEdit::returnPressed, this, [this] { setValue(m_entry->text()); });
    connect(find, &QPushButton::clicked, this, &DoubleRoundingPanel::findDifference);
    connect(m_intermediate, &QComboBox::currentIndexChanged, this, &DoubleRoundingPanel::findDifference);
    connect(m_target, &QComboBox::currentIndexChanged, this, &DoubleRoundingPanel::findDifference);
    m_entry->setText(QStringLiteral("1"));
    findDifference();
}

FloatFormat DoubleRoundingPanel::intermediateFormat() const
{
    return parseFloatFormat(m_intermediate->currentText().toStdString());
}

FloatFormat DoubleRoundingPanel::targetFormat() const
{
    return parseFloatFormat(m_target->currentText().toStdString());
}

bool DoubleRoundingPanel::findDifference()
{
    const double start = ValuePanel::parseNumber(m_entry->text()).value_or(1.0);
    const FloatFormat fp32 = FloatFormat::fp32();
    auto found = findDoubleRoundingCase(fp32, intermediateFormat(), targetFormat(),
                                        std::isfinite(start) && start != 0 ? std::fabs(start) : 1.0);
    if (!found) // nothing above the start: search the whole positive range
        found = findDoubleRoundingCase(fp32, intermediateFormat(), targetFormat(), 0.0);
    if (!found) {
        m_explanation->setText(tr("No FP32 value in this range rounds differently on the two paths."));
        return false;
    }
    m_entry->setText(QString::number(found->source, 'g', QLocale::FloatingPointShortest));
    m_case = *found;
    showCase();
    return true;
}

bool DoubleRoundingPanel::setValue(const QString& text)
{
    const auto x = ValuePanel::parseNumber(text);
    if (!x)
        return false;
    m_entry->setText(text);
    m_case = evaluateDoubleRounding(*x, FloatFormat::fp32(), intermediateFormat(), targetFormat());
    showCase();
    return true;
}

void DoubleRoundingPanel::showCase()
{
    const FloatFormat fp32 = FloatFormat::fp32();
    const FloatFormat mid = intermediateFormat();
    const FloatFormat target = targetFormat();
    const QString midName = m_intermediate->currentText().toUpper();
    const QString targetName = m_target->currentText().toUpper();
    const struct
    {
        QString label;
        NumberFormat format;
        std::uint64_t code;
        double value;
    } rows[4] = {
        {tr("x in FP32"), fp32, m_case.sourceCode, m_case.source},
        {tr("→ %1").arg(midName), mid, m_case.intermediateCode, m_case.intermediate},
        {tr("→ %1 → %2").arg(midName, targetName), target, m_case.twiceCode, m_case.twice},
        {tr("→ %1 directly").arg(targetName), target, m_case.directCode, m_case.direct},
    };
    for (int i = 0; i < 4; ++i) {
        const bool wrong = i == 2 && m_case.differ();
        m_labels[i]->setText(QStringLiteral("<b>%1</b><br>%2%3")
                                 .arg(rows[i].label, QString::number(rows[i].value, 'g', 12),
                                      wrong ? tr(" <b style='color:#D55E00'>≠ direct</b>") : QString()));
        m_rows[i]->setFormat(rows[i].format);
        m_rows[i]->setCode(rows[i].code);
    }
    if (!m_case.differ()) {
        m_explanation->setText(tr("For this value both paths agree: %1. Press <i>Find a value where they differ</i>.")
                                   .arg(shortValue(m_case.direct)));
        return;
    }
    // Name the two target neighbours and their midpoint to explain the tie.
    const double lo = std::min(m_case.twice, m_case.direct), hi = std::max(m_case.twice, m_case.direct);
    const double midpoint = lo + (hi - lo) / 2;
    m_explanation->setText(
        tr("<p>%1 lies between the %2 values %3 and %4, whose midpoint is %5. It is %6 the midpoint, so rounding "
           "it <b>once</b> gives <b>%7</b>.</p><p>Rounding to %8 first lands <b>exactly on the midpoint</b> %9: "
           "%8 keeps more mantissa bits than %2, and the small distance to the midpoint is lost. That tie then goes "
           "to the neighbour with an even mantissa, <b>%10</b>. Two correct roundings, one wrong result: convert "
           "directly, or round the first step to odd.</p>")
            .arg(QString::number(m_case.source, 'g', 12), targetName, shortValue(lo), shortValue(hi),
                 shortValue(midpoint), m_case.source > midpoint ? tr("just above") : tr("just below"),
                 shortValue(m_case.direct), midName, QString::number(m_case.intermediate, 'g', 12),
                 shortValue(m_case.twice)));
}

} // namespace qs
