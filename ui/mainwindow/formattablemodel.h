#pragma once
// A read-only table of the preset float formats and their properties, all
// computed from the bit layout by the core (docs/course.md).
#include "formats/floatformat.h"

#include <QAbstractTableModel>

#include <vector>

namespace qs {

class FormatTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Bits, Exponent, Mantissa, Bias, MaxFinite, MinNormal, MinSubnormal, Epsilon, Digits,
                  Finite, Specials, ColumnCount };

    explicit FormatTableModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const FloatFormat& format(int row) const { return m_formats[std::size_t(row)]; }

private:
    std::vector<FloatFormat> m_formats;
};

} // namespace qs
