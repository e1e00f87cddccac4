#include "bitlab/mxblockpanel.h"

#include "bitlab/bitrowwidget.h"
#include "bitlab/formatinfo.h"
#include "bitlab/valuepanel.h"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace qs {

namespace {

const char* const kWorkedBlock = "100, 20, 2.9, 0.5, -37, 7, 0.1";

// A reproducible bell-shaped block with one outlier, to show how a single large
// value sets the scale and pushes the small elements to zero.
QString randomBlock(std::uint64_t seed)
{
    QStringList parts;
    for (std::size_t i = 0; i < kMxBlockSize; ++i) {
        const double u1 = std::max(1e-12, stochasticUniform(seed, 2 * i));
        const double u2 = stochasticUniform(seed, 2 * i + 1);
        double v = std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        if (i == seed % kMxBlockSize)
            v *= 12;
        parts << QString::number(v, 'g', 3);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

MxBlockPanel::MxBlockPanel(QWidget* parent) : QWidget(parent), m_formats(mxElementFormats())
{
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("mxFormatCombo"));
    for (const auto& f : m_formats)
        m_format->addItem(QString::fromStdString(f.name));
    m_format->setToolTip(tr("The element format of the MX block; all 32 elements share one 8-bit power-of-two "
                            "scale."));
    m_values = new QLineEdit(this);
    m_values->setObjectName(QStringLiteral("mxValues"));
    m_values->setToolTip(tr("Up to 32 numbers separated by commas or spaces; missing elements are 0. Press "
                            "Return to quantize."));
    auto* worked = new QPushButton(tr("Worked example"), this);
    worked->setObjectName(QStringLiteral("mxWorkedButton"));
    worked->setToolTip(tr("The MXFP4 block of the course: X = 16, decoded 96, 16, 0, 0, −32, 8, 0."));
    auto* random = new QPushButton(tr("Random block"), this);
    random->setObjectName(QStringLiteral("mxRandomButton"));
    random->setToolTip(tr("A bell-shaped block with one outlier, to see the outlier set the scale."));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Elements:"), this));
    controls->addWidget(m_format);
    controls->addWidget(m_values, 1);
    controls->addWidget(worked);
    controls->addWidget(random);

    m_scaleText = new QLabel(this);
    m_scaleText->setObjectName(QStringLiteral("mxScaleText"));
    m_scaleText->setWordWrap(true);
    m_scaleText->setTextFormat(Qt::RichText);
    QFont big = m_scaleText->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_scaleText->setFont(big);
    m_scaleRow = new BitRowWidget(this);
    m_scaleRow->setObjectName(QStringLiteral("mxScaleRow"));
    m_scaleRow->setReadOnly(true);
    m_scaleRow->setFormat(FloatFormat::e8m0());
    m_scaleRow->setToolTip(tr("The shared scale as E8M0 bits: an unsigned biased exponent, X = 2^(code − 127)."));
    m_scaleRow->setMaximumWidth(520);
    auto* scaleLine = new QHBoxLayout;
    scaleLine->addWidget(m_scaleRow);
    scaleLine->addWidget(m_scaleText, 1);

    auto* cardsPage = new QWidget;
    auto* grid = new QGridLayout(cardsPage);
    grid->setSpacing(6);
    for (std::size_t i = 0; i < kMxBlockSize; ++i) {
        Card card;
        card.frame = new QFrame(cardsPage);
        card.frame->setObjectName(QStringLiteral("mxCard%1").arg(i));
        card.frame->setFrameShape(QFrame::StyledPanel);
        card.frame->setToolTip(tr("Element %1: input, its bits in the element format, and the decoded value "
                                  "(element × X).")
                                   .arg(i));
        auto* v = new QVBoxLayout(card.frame);
        v->setContentsMargins(4, 3, 4, 3);
        v->setSpacing(2);
        card.top = new QLabel(card.frame);
        card.bits = new BitRowWidget(card.frame);
        card.bits->setReadOnly(true);
        card.bits->setCompact(true);
        card.bottom = new QLabel(card.frame);
        QFont bold = card.bottom->font();
        bold.setBold(true);
        card.bottom->setFont(bold);
        v->addWidget(card.top);
        v->addWidget(card.bits);
        v->addWidget(card.bottom);
        grid->addWidget(card.frame, int(i / 8), int(i % 8));
        m_cards.push_back(card);
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(cardsPage);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("mxSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(scaleLine);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);

    connect(m_format, &QComboBox::currentIndexChanged, this, &MxBlockPanel::recompute);
    connect(m_values, &QLineEdit::returnPressed, this, &MxBlockPanel::recompute);
    connect(worked, &QPushButton::clicked, this, &MxBlockPanel::loadWorkedExample);
    connect(random, &QPushButton::clicked, this, [this] { setValues(randomBlock(m_randomSeed++)); });
    loadWorkedExample();
}

void MxBlockPanel::loadWorkedExample()
{
    m_format->blockSignals(true);
    m_format->setCurrentIndex(0);
    m_format->blockSignals(false);
    setValues(QString::fromLatin1(kWorkedBlock));
}

void MxBlockPanel::setElementFormat(int index)
{
    m_format->setCurrentIndex(index);
}

bool MxBlockPanel::setValues(const QString& text)
{
    m_values->setText(text);
    recompute();
    return true;
}

bool MxBlockPanel::cardMarkedSaturated(int i) const
{
    return i >= 0 && i < int(m_cards.size()) && m_cards[std::size_t(i)].saturated;
}

void MxBlockPanel::recompute()
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    std::vector<double> values;
    QStringList bad;
    for (const QString& part : m_values->text().split(separators, Qt::SkipEmptyParts)) {
        if (const auto v = ValuePanel::parseNumber(part))
            values.push_back(*v);
        else
            bad << part;
    }
    const std::size_t given = std::min(values.size(), kMxBlockSize);
    values.resize(kMxBlockSize, 0.0);
    const MxElementFormat& ef = m_formats[std::size_t(std::max(0, m_format->currentIndex()))];
    m_block = quantizeMxBlock(values, ef);

    m_scaleRow->setCode(m_block.scaleCode);
    m_scaleText->setText(tr("amax = %1, ⌊log<sub>2</sub> amax⌋ = %2, emax of %3 = %4<br>"
                            "<b>X = 2<sup>%2 − %4</sup> = 2<sup>%5</sup> = %6</b>, E8M0 code %7 = %8")
                             .arg(shortValue(m_block.amax))
                             .arg(m_block.amax > 0 ? std::ilogb(m_block.amax) : 0)
                             .arg(QString::fromStdString(ef.name))
                             .arg(ef.emax)
                             .arg(m_block.sharedExponent)
                             .arg(propertyNumber(m_block.scale))
                             .arg(m_block.scaleCode)
                             .arg(QStringLiteral("0x%1")
                                      .arg(m_block.scaleCode, 2, 16, QLatin1Char('0'))
                                      .toUpper()
                                      .replace(QLatin1String("0X"), QLatin1String("0x"))));
    int saturated = 0;
    for (std::size_t i = 0; i < kMxBlockSize; ++i) {
        const MxElement& el = m_block.elements[i];
        Card& card = m_cards[i];
        card.saturated = el.saturated;
        saturated += el.saturated ? 1 : 0;
        card.top->setText(tr("#%1  %2").arg(i).arg(shortValue(el.input)));
        card.bits->setFormat(ef.format);
        card.bits->setCode(el.code);
        card.bottom->setText(tr("→ %1").arg(shortValue(el.decoded)));
        card.frame->setStyleSheet(el.saturated ? QStringLiteral("QFrame#%1 { border: 3px solid #D55E00; "
                                                                "background: rgba(213,94,0,40); }")
                                                     .arg(card.frame->objectName())
                                               : QString());
        card.frame->setToolTip(el.saturated
                                   ? tr("Element %1 saturated: %2 / X = %3 is beyond the element format's "
                                        "largest value and was clamped.")
                                         .arg(i)
                                         .arg(shortValue(el.input), shortValue(el.scaled))
                                   : tr("Element %1: %2 / X = %3, rounded to nearest-even, decodes to %4.")
                                         .arg(i)
                                         .arg(shortValue(el.input), shortValue(el.scaled), shortValue(el.decoded)));
    }
    const double bitsPerElement = totalBits(ef.format) + 8.0 / kMxBlockSize;
    QString summary = tr("Each element stores x / X rounded to nearest-even and saturated at ±%1 (× X = ±%2). "
                         "<b style='color:#D55E00'>%3 element(s) saturated.</b> Storage: %4 bits per element "
                         "(%5 + 8 scale bits / 32).")
                          .arg(shortValue(std::holds_alternative<FloatFormat>(ef.format)
                                              ? std::get<FloatFormat>(ef.format).maxFinite()
                                              : std::get<FixedFormat>(ef.format).maxValue()))
                          .arg(shortValue(std::holds_alternative<FloatFormat>(ef.format)
                                              ? std::get<FloatFormat>(ef.format).maxFinite() * m_block.scale
                                              : std::get<FixedFormat>(ef.format).maxValue() * m_block.scale))
                          .arg(saturated)
                          .arg(bitsPerElement)
                          .arg(totalBits(ef.format));
    if (given < 32)
        summary += tr(" Elements %1–31 are 0.").arg(given);
    if (!bad.isEmpty())
        summary +=
            tr(" <span style='color:#D55E00'>Ignored: %1</span>").arg(bad.join(QStringLiteral(", ")).toHtmlEscaped());
    m_summary->setText(summary);
}

} // namespace qs
