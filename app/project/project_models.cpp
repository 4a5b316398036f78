#include "app/project/project_models.h"


namespace vox::app {

void DatasetTableModel::setDatasets(QList<DatasetSummary> datasets)
{
    reset([&] { m_rows = std::move(datasets); });
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const DatasetSummary& d = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return d.name;
        case UtterancesColumn: return formatCount(d.utterances);
        case DurationColumn: return formatDuration(d.seconds);
        case FormatColumn: return d.format;
        case SourceColumn: return d.source;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == SourceColumn)
        return tr("Imported %1 from %2").arg(d.importedAt, d.source);
    if (role == Qt::TextAlignmentRole && (index.column() == UtterancesColumn || index.column() == DurationColumn))
        return rightAligned();
    return {};
}

QString DatasetTableModel::header(int column) const
{
    switch (column) {
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
    reset([&] { m_rows = std::move(variants); });
}

QVariant VariantTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const VariantSummary& v = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn: return v.demo ? tr("%1 (demo)").arg(v.name) : v.name;
        case FamilyColumn: return v.family;
        case KindColumn: return v.kind;
        case ParametersColumn: return v.parameters > 0 ? formatCount(v.parameters) : QString();
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
        return rightAligned();
    return {};
}

QString VariantTableModel::header(int column) const
{
    switch (column) {
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
