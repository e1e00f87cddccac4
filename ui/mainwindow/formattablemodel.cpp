#include "mainwindow/formattablemodel.h"

#include "formats/numberformat.h"

#include <cmath>

namespace qs {

namespace {

QString number(double v)
{
    if (v == 0)
        return QStringLiteral("–");
    if (std::isinf(v))
        return QStringLiteral("∞");
    // Powers of two are shown as such: they are what the layout really says.
    int e = 0;
    const double m = std::frexp(v, &e);
    if (m == 0.5 && (e - 1 < -4 || e - 1 > 16))
        return QStringLiteral("2^%1").arg(e - 1);
    return QString::number(v, 'g', 8);
}

QString specials(const FloatFormat& f)
{
    QStringList parts;
    parts << (f.hasInf() ? QObject::tr("Inf") : QObject::tr("no Inf"));
    parts << (f.hasNan() ? QObject::tr("NaN") : QObject::tr("no NaN"));
    if (f.isSigned() && !f.hasNegativeZero())
        parts << QObject::tr("no −0");
    return parts.join(QStringLiteral(", "));
}

} // namespace

FormatTableModel::FormatTableModel(QObject* parent) : QAbstractTableModel(parent), m_formats(presetFloatFormats()) {}

int FormatTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_formats.size());
}

int FormatTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FormatTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const FloatFormat& f = m_formats[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Name || index.column() == Specials ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Name)
        return QString::fromStdString(f.spec());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return QString::fromStdString(f.name());
    case Bits: return f.totalBits();
    case Exponent: return f.exponentBits();
    case Mantissa: return f.mantissaBits();
    case Bias: return f.bias();
    case MaxFinite: return number(f.maxFinite());
    case MinNormal: return number(f.minNormal());
    case MinSubnormal: return number(f.minSubnormal());
    case Epsilon: return f.mantissaBits() == 0 ? QStringLiteral("–") : number(f.epsilon());
    case Digits: return QString::number(f.decimalDigits(), 'f', 2);
    case Finite: return QString::number(qulonglong(f.finiteCount()));
    case Specials: return specials(f);
    }
    return {};
}

QVariant FormatTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    static const char* const titles[ColumnCount] = {
        QT_TR_NOOP("Format"), QT_TR_NOOP("Bits"), QT_TR_NOOP("E"), QT_TR_NOOP("M"), QT_TR_NOOP("Bias"),
        QT_TR_NOOP("Max finite"), QT_TR_NOOP("Min normal"), QT_TR_NOOP("Min subnormal"), QT_TR_NOOP("ε"),
        QT_TR_NOOP("Decimal digits"), QT_TR_NOOP("Finite values"), QT_TR_NOOP("Special values")};
    static const char* const tips[ColumnCount] = {
        QT_TR_NOOP("The format's name"),
        QT_TR_NOOP("Total width of a code: sign + exponent + mantissa bits"),
        QT_TR_NOOP("Exponent bits: they set the range (how large and how small)"),
        QT_TR_NOOP("Mantissa (fraction) bits: they set the precision (how finely spaced)"),
        QT_TR_NOOP("The exponent bias: stored exponent − bias = the power of two"),
        QT_TR_NOOP("The largest finite value; larger inputs overflow"),
        QT_TR_NOOP("The smallest positive normal value 2^(1 − bias)"),
        QT_TR_NOOP("The smallest positive subnormal value 2^(1 − bias − M); below it values underflow to 0"),
        QT_TR_NOOP("Machine epsilon 2^−M: the gap between 1 and the next representable value"),
        QT_TR_NOOP("Decimal digits of precision, log10(2^(M+1))"),
        QT_TR_NOOP("How many codes are finite numbers (±0 counted separately)"),
        QT_TR_NOOP("Which codes are reserved for infinity and not-a-number")};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return tr(titles[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return {};
}

} // namespace qs
