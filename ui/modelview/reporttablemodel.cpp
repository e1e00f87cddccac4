#include "modelview/reporttablemodel.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace qs {

namespace {

QString number(double v, int precision)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    return QString::number(v, 'g', precision);
}

QString shapeText(const Shape& shape)
{
    QStringList dims;
    for (auto d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

ReportTableModel::ReportTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ReportTableModel::reset(const std::vector<ReportScheme>& schemes)
{
    beginResetModel();
    m_rows.clear();
    m_plan.clear();
    m_schemes.clear();
    for (const ReportScheme& s : schemes)
        m_schemes << QString::fromStdString(s.label);
    endResetModel();
}

void ReportTableModel::addTensor(const ReportTensor& tensor, std::size_t index)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back({tensor, index});
    endInsertRows();
}

void ReportTableModel::setPlan(const std::vector<int>& choice)
{
    m_plan = choice;
    if (!m_rows.empty())
        emit dataChanged(index(0, Plan), index(rowCount() - 1, Plan));
}

int ReportTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReportTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FixedColumns + 2 * int(m_schemes.size());
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const ReportTensor& t = row.tensor;
    const int c = index.column();
    if (role == Qt::TextAlignmentRole)
        return c == Name || c == Dtype || c == Plan ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (c >= FixedColumns) {
        const int s = (c - FixedColumns) / 2;
        if (s >= int(t.schemes.size()))
            return {};
        const ReportSchemeResult& r = t.schemes[std::size_t(s)];
        const bool sqnr = (c - FixedColumns) % 2 == 0;
        if (!r.ok) {
            if (role == Qt::DisplayRole)
                return QStringLiteral("—");
            if (role == Qt::ToolTipRole)
                return QString::fromStdString(r.error);
            if (role == kSortRole) // "does not apply" sorts below every number
                return -std::numeric_limits<double>::infinity();
            return {};
        }
        const double v = sqnr ? r.sqnrDb : r.bitsPerValue;
        if (role == Qt::DisplayRole)
            return sqnr ? number(v, 4) : QString::number(v, 'f', 3);
        if (role == kSortRole)
            return v;
        if (role == Qt::ToolTipRole && !r.warnings.empty())
            return QString::fromStdString(r.warnings.front());
        return {};
    }
    const ReportTensorStats& st = t.stats;
    if (role == Qt::DisplayRole) {
        switch (c) {
        case Name: return QString::fromStdString(t.name);
        case Shape: return shapeText(t.shape);
        case Dtype: return QString::fromStdString(t.dtype);
        case Count: return QLocale().toString(qlonglong(t.count));
        case Absmax: return number(st.absmax, 4);
        case Std: return number(st.std, 4);
        case Kurtosis: return number(st.kurtosis, 3);
        case OutlierRatio: return number(st.outlierRatio, 3);
        case OutlierChannel: return QString::number(st.outlierChannel);
        case Plan: {
            const int choice = row.index < m_plan.size() ? m_plan[row.index] : -1;
            return choice >= 0 && choice < m_schemes.size() ? m_schemes.at(choice) : QString();
        }
        default: return {};
        }
    }
    if (role == kSortRole) {
        switch (c) {
        case Name: return QString::fromStdString(t.name);
        case Shape: return qlonglong(t.shape.size()) * 1000000000LL + qlonglong(t.count);
        case Dtype: return QString::fromStdString(t.dtype);
        case Count: return qlonglong(t.count);
        case Absmax: return st.absmax;
        case Std: return st.std;
        case Kurtosis: return st.kurtosis;
        case OutlierRatio: return st.outlierRatio;
        case OutlierChannel: return qlonglong(st.outlierChannel);
        case Plan: return data(index, Qt::DisplayRole);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && c == Name)
        return tr("Double-click to open this tensor in the Explorer");
    return {};
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section >= FixedColumns) {
        const int s = (section - FixedColumns) / 2;
        const bool sqnr = (section - FixedColumns) % 2 == 0;
        if (s >= m_schemes.size())
            return {};
        if (role == Qt::DisplayRole)
            return sqnr ? tr("%1\nSQNR dB").arg(m_schemes.at(s)) : tr("%1\nbits/value").arg(m_schemes.at(s));
        if (role == Qt::ToolTipRole)
            return sqnr ? tr("10 log10(Σx² / Σ(x − x̂)²) of %1 on this tensor; — when it does not apply")
                              .arg(m_schemes.at(s))
                        : tr("Everything %1 stores (codes, scales, zero points, padding) per value")
                              .arg(m_schemes.at(s));
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Tensor");
        case Shape: return tr("Shape");
        case Dtype: return tr("Type");
        case Count: return tr("Values");
        case Absmax: return tr("Absmax");
        case Std: return tr("Std");
        case Kurtosis: return tr("Kurtosis");
        case OutlierRatio: return tr("Outlier ratio");
        case OutlierChannel: return tr("Outlier channel");
        case Plan: return tr("Plan");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Kurtosis: return tr("Excess kurtosis m4/m2² − 3: 0 for a normal distribution, large for heavy tails");
        case OutlierRatio:
            return tr("The largest channel absmax over the median channel absmax (channels along dim 0)");
        case OutlierChannel: return tr("The channel holding the largest absmax");
        case Plan: return tr("The scheme the planner chose for this tensor under the budget");
        default: return {};
        }
    }
    return {};
}

} // namespace qs
