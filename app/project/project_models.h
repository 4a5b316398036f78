#pragma once
// Table models of an opened project's datasets and variants (app/project/project_summary.h).
// Filled in one step from a summary read off the UI thread.
#include "app/project/project_summary.h"

#include <QAbstractTableModel>

namespace vox::app {

class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, UtterancesColumn, DurationColumn, FormatColumn, SourceColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setDatasets(QList<DatasetSummary> datasets);
    const QList<DatasetSummary>& datasets() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DatasetSummary> m_rows;
};

class VariantTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, FamilyColumn, KindColumn, ParametersColumn, SizeColumn, DescriptionColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setVariants(QList<VariantSummary> variants);
    const QList<VariantSummary>& variants() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<VariantSummary> m_rows;
};

// "12.4 MB", "3.2 min", "1,234,567": the project tables' number formats.
QString formatBytes(qint64 bytes);
QString formatDuration(double seconds);

} // namespace vox::app
