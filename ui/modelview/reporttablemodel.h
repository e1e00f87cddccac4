#pragma once
// The rows of the Model view (docs/report.md, "The Model view"): one per tensor
// of a model report, its statistics and per scheme SQNR and bits/value. The
// numbers are the core's ReportTensor fields; this model only formats them.
// The sort role (Qt::UserRole) holds the raw number so sorting is numeric.
#include "report/modelreport.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace qs {

class ReportTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Shape, Dtype, Count, Absmax, Std, Kurtosis, OutlierRatio, OutlierChannel, Plan, FixedColumns };
    static constexpr int kSortRole = Qt::UserRole;

    explicit ReportTableModel(QObject* parent = nullptr);

    // Clears the rows and sets the scheme columns (two per scheme: SQNR, bits/value).
    void reset(const std::vector<ReportScheme>& schemes);
    // A finished tensor; index is its position in the report (rows may arrive out of order).
    void addTensor(const ReportTensor& tensor, std::size_t index);
    // The plan's scheme per tensor (by report index; -1: none). Empty clears the column.
    void setPlan(const std::vector<int>& choice);

    const ReportTensor& tensorAt(int row) const { return m_rows.at(std::size_t(row)).tensor; }
    std::size_t reportIndexAt(int row) const { return m_rows.at(std::size_t(row)).index; }
    int schemeCount() const { return int(m_schemes.size()); }
    // The column of scheme s's SQNR (bits/value is the next one).
    static int sqnrColumn(int s) { return FixedColumns + 2 * s; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        ReportTensor tensor;
        std::size_t index = 0;
    };
    std::vector<Row> m_rows;
    QStringList m_schemes;
    std::vector<int> m_plan;
};

} // namespace qs
