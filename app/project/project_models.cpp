#include "app/project/project_models.h"

#include <QCoreApplication>
#include <QLocale>

namespace vox::app {

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QCoreApplication::translate("vox::app::ProjectTables", "missing");
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString formatDuration(double seconds)
{
    if (seconds <= 0)
        return QStringLiteral("—");
    if (seconds < 120)
        return QCoreApplication::translate("vox::app::ProjectTables", "%1 s").arg(seconds, 0, 'f', 1);
    if (seconds < 7200)
        return QCoreApplication::translate("vox::app::ProjectTables", "%1 min").arg(seconds / 60, 0, 'f', 1);
    return QCoreApplication::translate("vox::app::ProjectTables", "%1 h").arg(seconds / 3600, 0, 'f', 2);
}

void DatasetTableModel::setDatasets(QList<DatasetSummary> datasets)
{
    beginResetModel();
    m_rows = std::move(datasets);
    endResetModel();
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DatasetSummary& d = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return d.name;
        case UtterancesColumn: return QLocale().toString(d.utterances);
        case DurationColumn: return formatDuration(d.seconds);
        case FormatColumn: return d.format;
        case SourceColumn: return d.source;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == SourceColumn)
        return tr("Imported %1 from %2").arg(d.importedAt, d.source);
    if (role == Qt::TextAlignmentRole && (index.column() == UtterancesColumn || index.column() == DurationColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Dataset");
    case UtterancesColumn: return tr("Utterances");
    case DurationColumn: return tr("Audio");
    case FormatColumn: return tr("Format");
    case SourceColumn: return tr("Imported from");
    default: return {};
    }
}

void VariantTableModel::setVariants(QList<VariantSummary> variants)
{
    beginResetModel();
    m_rows = std::move(variants);
    endResetModel();
}

int VariantTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VariantTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VariantTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VariantSummary& v = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return v.demo ? tr("%1 (demo)").arg(v.name) : v.name;
        case FamilyColumn: return v.family;
        case KindColumn: return v.kind;
        case ParametersColumn: return v.parameters > 0 ? QLocale().toString(v.parameters) : QString();
        case SizeColumn: return formatBytes(v.bytesOnDisk);
        case DescriptionColumn: return v.description;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QStringList tip{v.description, v.packagePath, v.source};
        tip.removeAll(QString());
        return tip.join(QStringLiteral("\n\n"));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == ParametersColumn || index.column() == SizeColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant VariantTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Variant");
    case FamilyColumn: return tr("Family");
    case KindColumn: return tr("Kind");
    case ParametersColumn: return tr("Parameters");
    case SizeColumn: return tr("Size on disk");
    case DescriptionColumn: return tr("What differs");
    default: return {};
    }
}

} // namespace vox::app
