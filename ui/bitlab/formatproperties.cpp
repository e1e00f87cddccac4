#include "bitlab/formatproperties.h"

#include "bitlab/formatinfo.h"

#include <QEvent>
#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

#include <cmath>

namespace qs {

namespace {

// One name/value pair; pairs are laid out two per line to keep the panel short.
QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<td><b>%1</b></td><td>&nbsp;%2&nbsp;&nbsp;&nbsp;</td>\n").arg(name, value);
}

QString pairsToRows(const QString& cells)
{
    const QStringList parts = cells.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QString html;
    for (int i = 0; i < parts.size(); i += 2)
        html += QStringLiteral("<tr>%1%2</tr>").arg(parts[i], i + 1 < parts.size() ? parts[i + 1] : QString());
    return html;
}

QString floatRows(const FloatFormat& f)
{
    QString html;
    html += row(QObject::tr("Layout"), QObject::tr("S%1 E%2 M%3 = %4 bits")
                                           .arg(f.isSigned() ? 1 : 0)
                                           .arg(f.exponentBits())
                                           .arg(f.mantissaBits())
                                           .arg(f.totalBits()));
    html += row(QObject::tr("Bias"), QString::number(f.bias()));
    html += row(QObject::tr("Range"), QStringLiteral("%1%2").arg(f.isSigned() ? QStringLiteral("± ") : QString(),
                                                                 propertyNumber(f.maxFinite())));
    html += row(QObject::tr("Min normal"), propertyNumber(f.minNormal()));
    html += row(QObject::tr("Min subnormal"),
                f.hasSubnormals() && f.mantissaBits() > 0 ? propertyNumber(f.minSubnormal()) : QObject::tr("none"));
    html += row(QObject::tr("Epsilon"),
                f.mantissaBits() > 0 ? propertyNumber(f.epsilon()) : QObject::tr("1 (no mantissa)"));
    html += row(QObject::tr("Decimal digits"), QString::number(f.decimalDigits(), 'f', 2));
    html += row(QObject::tr("Finite values"), QString::number(qulonglong(f.finiteCount())));
    html += row(QObject::tr("Dynamic range"), QObject::tr("%1 decades").arg(f.dynamicRangeDecades(), 0, 'f', 1));
    QStringList specials;
    specials << (f.hasInf() ? QObject::tr("±Inf") : QObject::tr("no Inf"));
    specials << (f.hasNan() ? QObject::tr("NaN") : QObject::tr("no NaN"));
    if (f.isSigned() && !f.hasNegativeZero())
        specials << QObject::tr("no −0");
    html += row(QObject::tr("Specials"), specials.join(QStringLiteral(", ")));
    html += row(QObject::tr("Spec"),
                QStringLiteral("<code>%1</code>").arg(QString::fromStdString(f.spec()).toHtmlEscaped()));
    return html;
}

QString fixedRows(const FixedFormat& x)
{
    QString html;
    html += row(QObject::tr("Layout"),
                x.isInteger() ? QObject::tr("%1 bits, %2")
                                    .arg(x.totalBits())
                                    .arg(x.isSigned() ? QObject::tr("two's complement") : QObject::tr("unsigned"))
                              : QObject::tr("%1%2 integer + %3 fraction bits = %4 bits")
                                    .arg(x.isSigned() ? QObject::tr("sign + ") : QString())
                                    .arg(x.integerBits())
                                    .arg(x.fractionBits())
                                    .arg(x.totalBits()));
    html +=
        row(QObject::tr("Range"), QStringLiteral("%1 … %2").arg(shortValue(x.minValue()), shortValue(x.maxValue())));
    html += row(QObject::tr("Resolution"), QObject::tr("%1, the same everywhere").arg(propertyNumber(x.resolution())));
    html += row(QObject::tr("Values"), QString::number(qulonglong(x.valueCount())));
    html += row(QObject::tr("Spec"), QStringLiteral("<code>%1</code>").arg(QString::fromStdString(x.spec())));
    return html;
}

// docs/course.md's lesson in numbers: the same bits as fixed point and as float.
QString comparison(const FixedFormat& x)
{
    const FloatFormat f = FormatProperties::floatOfSameWidth(x.totalBits());
    const double fmax = f.maxFinite();
    const double fine = f.hasSubnormals() && f.mantissaBits() > 0 ? f.minSubnormal() : f.minNormal();
    const double coarse = f.ulp(f.nextDown(f.maxFiniteCode()));
    QString html = QObject::tr("<br><b>The same %1 bits as a float (%2):</b>")
                       .arg(x.totalBits())
                       .arg(QString::fromStdString(f.name().empty() ? f.spec() : f.name()));
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    html += QObject::tr("<tr><th></th><th>largest</th><th>finest step</th><th>step near the largest</th></tr>");
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%3</td></tr>")
                .arg(QString::fromStdString(x.spec()), shortValue(x.maxValue()), propertyNumber(x.resolution()));
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td></tr>")
                .arg(QString::fromStdString(f.name().empty() ? f.spec() : f.name()), propertyNumber(fmax),
                     propertyNumber(fine), propertyNumber(coarse));
    html += QStringLiteral("</table>");
    html += QObject::tr("Fixed point spaces its values evenly; the float trades precision at large "
                        "magnitudes for a far wider range.");
    return html;
}

} // namespace

FormatProperties::FormatProperties(QWidget* parent) : QWidget(parent)
{
    m_label = new QLabel(this);
    m_label->installEventFilter(this);
    m_label->setObjectName(QStringLiteral("propertiesLabel"));
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setToolTip(tr("Properties computed from the bit layout: the largest finite value, the smallest "
                           "normal and subnormal values, the step after 1 (epsilon) and how many codes are numbers."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addStretch();
}

FloatFormat FormatProperties::floatOfSameWidth(int bits)
{
    switch (bits) {
    case 4: return FloatFormat::fp4E2M1();
    case 6: return FloatFormat::fp6E3M2();
    case 8: return FloatFormat::fp8E4M3();
    case 16: return FloatFormat::fp16();
    case 32: return FloatFormat::fp32();
    default: break;
    }
    // Other widths: IEEE-style with roughly a third of the bits in the exponent.
    FloatFormatParams p;
    p.exponentBits = std::clamp(bits / 3, 2, 8);
    p.mantissaBits = std::max(0, bits - 1 - p.exponentBits);
    p.special = bits <= 6 ? SpecialPolicy::Finite : SpecialPolicy::Ieee;
    if (p.mantissaBits + p.exponentBits + 1 != bits) {
        p.exponentBits = std::max(1, bits - 1);
        p.mantissaBits = 0;
        p.special = SpecialPolicy::Finite;
    }
    if (bits == 1) {
        p.exponentBits = 1;
        p.signBit = false;
    }
    return FloatFormat(p);
}

void FormatProperties::setFormat(const NumberFormat& format)
{
    QString html = QStringLiteral("<table cellspacing=0 cellpadding=1>");
    if (const auto* f = asFloat(format)) {
        html += pairsToRows(floatRows(*f)) + QStringLiteral("</table>");
    } else {
        const auto& x = std::get<FixedFormat>(format);
        html += pairsToRows(fixedRows(x)) + QStringLiteral("</table>");
        try {
            html += comparison(x);
        } catch (const std::exception&) {
            // No float layout of this width (e.g. 2 bits): nothing to compare.
        }
    }
    m_label->setText(html);
    fitHeight();
}

void FormatProperties::fitHeight()
{
    // The splitter would otherwise squeeze the fixed-vs-float comparison out of
    // view; at a larger zoom or a narrower width the table takes more lines.
    const int h = m_label->heightForWidth(m_label->isVisible() ? m_label->width() : 420);
    if (h > 0 && h != m_label->minimumHeight())
        m_label->setMinimumHeight(h);
}

bool FormatProperties::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_label && (event->type() == QEvent::Resize || event->type() == QEvent::FontChange))
        fitHeight();
    return QWidget::eventFilter(watched, event);
}

QString FormatProperties::text() const
{
    QTextDocument doc;
    doc.setHtml(m_label->text());
    return doc.toPlainText();
}

} // namespace qs
