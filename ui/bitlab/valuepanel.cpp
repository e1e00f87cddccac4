#include "bitlab/valuepanel.h"

#include "common/reflow.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>

#include <cmath>
#include <limits>

namespace qs {

namespace {

QLabel* valueLabel(const QString& name, const QString& tip, QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setObjectName(name);
    l->setToolTip(tip);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    l->setFont(f);
    return l;
}

// Divides a decimal digit string by 5 if it is a multiple of 5.
bool divideBy5(QString& digits)
{
    QString out;
    int rem = 0;
    for (QChar c : digits) {
        const int cur = rem * 10 + c.digitValue();
        out += QChar(u'0' + cur / 5);
        rem = cur % 5;
    }
    if (rem != 0)
        return false;
    while (out.size() > 1 && out.front() == QLatin1Char('0'))
        out.remove(0, 1);
    digits = out;
    return true;
}

QLabel* caption(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setToolTip(buddy->toolTip());
    l->setBuddy(buddy);
    return l;
}

} // namespace

ValuePanel::ValuePanel(QWidget* parent) : QWidget(parent), m_format(FloatFormat::fp32())
{
    // --- what the bits mean
    auto* bitsBox = new QGroupBox(tr("Value of these bits"), this);
    m_exact = new QPlainTextEdit(bitsBox);
    m_exact->setObjectName(QStringLiteral("exactDecimal"));
    m_exact->setReadOnly(true);
    m_exact->setTabChangesFocus(true);
    m_exact->setWordWrapMode(QTextOption::WrapAnywhere);
    m_exact->setToolTip(tr("The exact decimal value of the bit pattern, every digit: a binary fraction always "
                           "has a finite decimal expansion."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF() * 1.25);
    m_exact->setFont(mono);
    m_exact->setFixedHeight(QFontMetrics(mono).lineSpacing() * 2 + 14);
    m_exact->installEventFilter(this); // two lines at any zoom
    m_scientific = valueLabel(QStringLiteral("scientificLabel"),
                              tr("The value in scientific notation, rounded to 10 significant digits."), bitsBox);
    m_hex = valueLabel(QStringLiteral("hexLabel"), tr("The bit pattern as a hexadecimal number."), bitsBox);
    m_class = valueLabel(QStringLiteral("classLabel"),
                         tr("zero, subnormal (below the smallest normal, with less precision), normal, inf or nan."),
                         bitsBox);
    m_ulp =
        valueLabel(QStringLiteral("ulpLabel"),
                   tr("Unit in the last place: the gap from this value to the next one of larger magnitude."), bitsBox);
    m_prev = new QPushButton(tr("◀ −1 ULP"), bitsBox);
    m_prev->setObjectName(QStringLiteral("prevButton"));
    m_prev->setToolTip(tr("Step to the next smaller representable value."));
    m_next = new QPushButton(tr("+1 ULP ▶"), bitsBox);
    m_next->setObjectName(QStringLiteral("nextButton"));
    m_next->setToolTip(tr("Step to the next larger representable value."));

    auto* bitsGrid = new QGridLayout(bitsBox);
    bitsGrid->addWidget(caption(tr("Exact:"), m_exact, bitsBox), 0, 0, Qt::AlignTop);
    bitsGrid->addWidget(m_exact, 0, 1, 1, 5);
    bitsGrid->addWidget(caption(tr("Scientific:"), m_scientific, bitsBox), 1, 0);
    bitsGrid->addWidget(m_scientific, 1, 1);
    bitsGrid->addWidget(caption(tr("Hex:"), m_hex, bitsBox), 1, 2);
    bitsGrid->addWidget(m_hex, 1, 3);
    bitsGrid->addWidget(caption(tr("Class:"), m_class, bitsBox), 1, 4);
    bitsGrid->addWidget(m_class, 1, 5);
    bitsGrid->addWidget(caption(tr("ULP here:"), m_ulp, bitsBox), 2, 0);
    bitsGrid->addWidget(m_ulp, 2, 1, 1, 3);
    auto* stepRow = new QHBoxLayout;
    stepRow->addWidget(m_prev);
    stepRow->addWidget(m_next);
    bitsGrid->addLayout(stepRow, 2, 4, 1, 2);
    bitsGrid->setColumnStretch(1, 2);
    bitsGrid->setColumnStretch(3, 1);
    bitsGrid->setColumnStretch(5, 1);

    // --- the way back: decimal -> bits
    auto* entryBox = new QGroupBox(tr("Type a number"), this);
    m_entry = new QLineEdit(entryBox);
    m_entry->setObjectName(QStringLiteral("decimalEntry"));
    m_entry->setPlaceholderText(tr("e.g. 25.125, 1e-8, 2^-9, inf"));
    m_entry->setToolTip(tr("A decimal number to store in this format; press Return to encode it."));
    QFont big = m_entry->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_entry->setFont(big);
    m_rounding = new QComboBox(entryBox);
    m_rounding->setObjectName(QStringLiteral("roundingCombo"));
    m_rounding->addItem(tr("nearest, ties to even"), int(RoundingMode::NearestEven));
    m_rounding->addItem(tr("nearest, ties away"), int(RoundingMode::NearestAway));
    m_rounding->addItem(tr("toward zero (truncate)"), int(RoundingMode::TowardZero));
    m_rounding->addItem(tr("toward +∞ (ceil)"), int(RoundingMode::TowardPositive));
    m_rounding->addItem(tr("toward −∞ (floor)"), int(RoundingMode::TowardNegative));
    m_rounding->addItem(tr("stochastic"), int(RoundingMode::Stochastic));
    m_rounding->setToolTip(tr("How a number between two representable values is rounded: IEEE's default is "
                              "nearest with ties to even; stochastic rounds up with probability equal to the "
                              "distance from the lower value."));
    m_seed = new QSpinBox(entryBox);
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(0, 1000000);
    m_seed->setPrefix(tr("seed "));
    m_seed->setToolTip(tr("Seed of the stochastic rounding draws; each encode uses the next draw."));
    m_seed->setVisible(false);
    m_stored = valueLabel(QStringLiteral("storedLabel"),
                          tr("The value actually stored: the typed number rounded "
                             "into this format."),
                          entryBox);
    m_absError =
        valueLabel(QStringLiteral("absErrorLabel"), tr("Absolute error: stored value − typed value."), entryBox);
    m_relError = valueLabel(QStringLiteral("relErrorLabel"),
                            tr("Relative error: |stored − typed| / |typed|; at most epsilon/2 for "
                               "round-to-nearest in the normal range."),
                            entryBox);
    m_flags = valueLabel(QStringLiteral("flagsLabel"),
                         tr("Whether the number was stored exactly, rounded, overflowed (too large) or "
                            "underflowed (too small, lost to zero or to a subnormal)."),
                         entryBox);
    m_flags->setWordWrap(true);

    auto* entryGrid = new QGridLayout(entryBox);
    entryGrid->addWidget(m_entry, 0, 0, 1, 2);
    entryGrid->addWidget(m_rounding, 0, 2);
    entryGrid->addWidget(m_seed, 0, 3);
    entryGrid->addWidget(caption(tr("Stored:"), m_stored, entryBox), 1, 0);
    entryGrid->addWidget(m_stored, 1, 1, 1, 3);
    entryGrid->addWidget(caption(tr("Abs. error:"), m_absError, entryBox), 2, 0);
    entryGrid->addWidget(m_absError, 2, 1);
    entryGrid->addWidget(caption(tr("Rel. error:"), m_relError, entryBox), 2, 2);
    entryGrid->addWidget(m_relError, 2, 3);
    entryGrid->addWidget(m_flags, 3, 0, 1, 4);
    entryGrid->setColumnStretch(1, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bitsBox, 3);
    layout->addWidget(entryBox, 2);

    connect(m_entry, &QLineEdit::returnPressed, this, &ValuePanel::encodeEntry);
    connect(m_rounding, &QComboBox::currentIndexChanged, this, [this] {
        m_seed->setVisible(rounding().mode == RoundingMode::Stochastic);
        emit roundingChanged();
        encodeEntry();
    });
    connect(m_seed, &QSpinBox::valueChanged, this, [this] {
        m_draw = 0;
        emit roundingChanged();
        encodeEntry();
    });
    connect(m_prev, &QPushButton::clicked, this, [this] { emit codeRequested(nextDownCode(m_format, m_code)); });
    connect(m_next, &QPushButton::clicked, this, [this] { emit codeRequested(nextUpCode(m_format, m_code)); });
    showCode();
}

std::optional<double> ValuePanel::parseNumber(const QString& text)
{
    QString t = text.trimmed().toLower();
    t.replace(QChar(0x2212), QLatin1Char('-')); // typographic minus
    t.remove(QLatin1Char('_'));
    t.remove(QLatin1Char(' '));
    if (t.isEmpty())
        return std::nullopt;
    if (t == QLatin1String("nan") || t == QLatin1String("-nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (t == QLatin1String("inf") || t == QLatin1String("+inf") || t == QLatin1String("∞"))
        return std::numeric_limits<double>::infinity();
    if (t == QLatin1String("-inf") || t == QLatin1String("-∞"))
        return -std::numeric_limits<double>::infinity();
    // Powers of two as the course writes them: 2^-9, -2^4.
    static const QRegularExpression pow2(QStringLiteral("^([+-]?)2\\^\\(?([+-]?\\d{1,4})\\)?$"));
    if (const auto m = pow2.match(t); m.hasMatch())
        return (m.captured(1) == QLatin1String("-") ? -1.0 : 1.0) * std::ldexp(1.0, m.captured(2).toInt());
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    if (ok)
        return v;
    // A value beyond double range still means "overflow", not "not a number".
    static const QRegularExpression number(QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?$"));
    if (number.match(t).hasMatch()) {
        const double d = std::strtod(t.toLatin1().constData(), nullptr);
        return d;
    }
    return std::nullopt;
}

std::optional<bool> ValuePanel::isBinaryFraction(const QString& text)
{
    // m × 10^e with integer m is m / (2^n 5^n) for n = −e: a binary fraction
    // exactly when 5^n divides m.
    static const QRegularExpression decimal(QStringLiteral("^[+-]?(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d{1,5}))?$"));
    const auto m = decimal.match(text.trimmed());
    if (!m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).isEmpty()))
        return std::nullopt;
    QString digits = m.captured(1) + m.captured(2);
    const int n = m.captured(2).size() - m.captured(3).toInt();
    while (digits.size() > 1 && digits.front() == QLatin1Char('0'))
        digits.remove(0, 1);
    if (digits == QLatin1String("0") || n <= 0)
        return true;
    for (int i = 0; i < n; ++i)
        if (!divideBy5(digits))
            return false;
    return true;
}

Rounding ValuePanel::rounding() const
{
    Rounding r;
    r.mode = RoundingMode(m_rounding->currentData().toInt());
    r.seed = std::uint64_t(m_seed->value());
    return r;
}

void ValuePanel::setRoundingMode(RoundingMode mode)
{
    m_rounding->setCurrentIndex(m_rounding->findData(int(mode)));
}

void ValuePanel::setFormat(const NumberFormat& format)
{
    m_format = format;
    // The entry keeps its number: re-encoding it shows how the new format stores it.
    if (parseNumber(m_entry->text()))
        encodeEntry();
}

void ValuePanel::setSaturating(bool on)
{
    m_saturate = on;
    encodeEntry();
}

bool ValuePanel::enterValue(const QString& text)
{
    m_entry->setText(text);
    encodeEntry();
    return m_lastEncode.has_value();
}

void ValuePanel::encodeEntry()
{
    const std::optional<double> x = parseNumber(m_entry->text());
    if (!x) {
        if (!m_entry->text().trimmed().isEmpty())
            m_flags->setText(
                tr("<span style='color:#D55E00'>“%1” is not a number</span>").arg(m_entry->text().toHtmlEscaped()));
        return;
    }
    m_value = *x;
    const Rounding r = rounding();
    const std::uint64_t index = r.mode == RoundingMode::Stochastic ? m_draw++ : 0;
    m_lastEncode = encodeValue(m_format, *x, r, m_saturate, index);
    showEncodeResult();
    emit valueChanged(m_value);
    emit codeRequested(m_lastEncode->code);
}

void ValuePanel::setCode(std::uint64_t code)
{
    m_code = code;
    if (!m_lastEncode || m_lastEncode->code != code) {
        // The bits were changed directly: the decoded value becomes the number to work with.
        const double v = decodeCode(m_format, code);
        m_value = v;
        m_entry->setText(std::isnan(v) ? QStringLiteral("nan")
                                       : QString::number(v, 'g', QLocale::FloatingPointShortest));
        m_lastEncode = EncodeOutcome{code, v, false, false, false};
        showEncodeResult();
        emit valueChanged(m_value);
    }
    showCode();
}

void ValuePanel::showCode()
{
    const double v = decodeCode(m_format, m_code);
    m_exact->setPlainText(exactDecimalText(m_format, m_code));
    m_scientific->setText(scientificOf(v));
    m_hex->setText(hexOf(m_format, m_code));
    m_class->setText(classNameOf(m_format, m_code));
    if (isFiniteCode(m_format, m_code)) {
        const double u = ulpAt(m_format, m_code);
        m_ulp->setText(std::isfinite(u) ? QStringLiteral("%1  (%2)").arg(propertyNumber(u), scientificOf(u))
                                        : tr("none (largest value)"));
    } else {
        m_ulp->setText(tr("– (not a finite number)"));
    }
    m_prev->setEnabled(nextDownCode(m_format, m_code) != m_code);
    m_next->setEnabled(nextUpCode(m_format, m_code) != m_code);
}

void ValuePanel::showEncodeResult()
{
    if (!m_lastEncode)
        return;
    const EncodeOutcome& e = *m_lastEncode;
    m_stored->setText(QStringLiteral("%1  =  %2").arg(shortValue(e.value), hexOf(m_format, e.code)));
    const double x = m_value;
    if (std::isfinite(e.value) && std::isfinite(x)) {
        const long double diff = static_cast<long double>(e.value) - static_cast<long double>(x);
        m_absError->setText(QString::number(double(diff), 'g', 6));
        m_relError->setText(
            x != 0 ? QString::number(double(std::fabs(diff) / std::fabs(static_cast<long double>(x))), 'g', 6)
                   : QString::number(0));
    } else {
        m_absError->setText(QStringLiteral("–"));
        m_relError->setText(QStringLiteral("–"));
    }
    QStringList flags;
    if (e.overflow)
        flags << tr("<b style='color:#D55E00'>overflow</b>: beyond the largest finite value, stored as %1")
                     .arg(shortValue(e.value));
    if (e.underflow)
        flags << (e.value == 0 ? tr("<b style='color:#0072B2'>underflow</b>: too small, lost to zero")
                               : tr("<b style='color:#0072B2'>underflow</b>: subnormal, precision lost"));
    // The errors are measured from the double nearest to the typed text; say so
    // when the decimal itself has no finite binary expansion (0.1).
    const QString typed = m_entry->text().trimmed();
    const bool binaryFraction = !std::isfinite(x) || isBinaryFraction(typed).value_or(true);
    if (flags.isEmpty())
        flags << (e.inexact        ? tr("rounded (%1)").arg(QString::fromStdString(rounding().name()))
                  : binaryFraction ? tr("stored exactly")
                                   : tr("equals the double nearest to %1").arg(typed.toHtmlEscaped()));
    if (!binaryFraction)
        flags << tr("<i>%1 has no finite binary expansion: errors are measured from the nearest double, %2</i>")
                     .arg(typed.toHtmlEscaped(),
                          QString::fromStdString(FloatFormat::fp64().exactDecimal(FloatFormat::fp64().encode(x).code)));
    m_flags->setText(flags.join(QStringLiteral("; ")));
}

void ValuePanel::reflow(int available)
{
    reflowBox(qobject_cast<QBoxLayout*>(layout()), available);
}

bool ValuePanel::eventFilter(QObject* watched, QEvent* event)
{
    // The zoom (common/uizoom.h) changes the font: the box keeps two lines of it.
    if (watched == m_exact && event->type() == QEvent::FontChange)
        m_exact->setFixedHeight(QFontMetrics(m_exact->font()).lineSpacing() * 2 + 14);
    return QWidget::eventFilter(watched, event);
}

} // namespace qs
