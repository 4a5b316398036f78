#pragma once
// Table models of an opened project's datasets and variants (app/project/project_summary.h).
// Filled in one step from a summary read off the UI thread.
#include "app/format/numbers.h"
#include "app/models/table_model.h"
#include "app/project/project_summary.h"

namespace vox::app {

class DatasetTableModel : public TableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, UtterancesColumn, DurationColumn, FormatColumn, SourceColumn, ColumnCount };
    using TableModel::TableModel;

    void setDatasets(QList<DatasetSummary> datasets);
    const QList<DatasetSummary>& datasets() const { return m_rows; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    QList<DatasetSummary> m_rows;
};

class VariantTableModel : public TableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, FamilyColumn, KindColumn, ParametersColumn, SizeColumn, DescriptionColumn, ColumnCount };
    using TableModel::TableModel;

    void setVariants(QList<VariantSummary> variants);
    const QList<VariantSummary>& variants() const { return m_rows; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    QList<VariantSummary> m_rows;
};

} // namespace vox::app
