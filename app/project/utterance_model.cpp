#include "app/project/utterance_model.h"

#include "app/format/numbers.h"

#include <nlohmann/json.hpp>

namespace vox::app {

Expected<UtteranceRows> readUtterances(const QString& projectPath, qint64 datasetId)
{
    auto store = store::ProjectStore::open(projectPath.toStdString(), store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    auto rows = (*store)->utterances(datasetId);
    if (!rows)
        return rows.error();
    return UtteranceRows(std::make_shared<const std::vector<store::UtteranceRecord>>(std::move(*rows)));
}

QString describeExtra(const std::string& extraJson)
{
    const auto j = nlohmann::json::parse(extraJson, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object())
        return {};
    QStringList parts;
    for (const auto& [key, value] : j.items())
        parts << QString::fromStdString(key) + QStringLiteral(": ")
                     + QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
    return parts.join(QStringLiteral("; "));
}

void UtteranceTableModel::setRows(UtteranceRows rows)
{
    reset([&] { m_rows = rows ? std::move(rows) : std::make_shared<const std::vector<store::UtteranceRecord>>(); });
}

QVariant UtteranceTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const store::UtteranceRecord& u = record(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (column) {
        case IdColumn: return QString::fromStdString(u.uttId);
        case DurationColumn: return u.duration ? formatDuration(*u.duration) : QString();
        case SpeakerColumn: return QString::fromStdString(u.speaker);
        case ReferenceColumn: return QString::fromStdString(u.reference);
        case ExtraColumn: return describeExtra(u.extraJson);
        default: return {};
        }
    }
    if (role == SortRole) {
        if (column == DurationColumn)
            return u.duration.value_or(-1.0);
        return data(index, Qt::DisplayRole);
    }
    if (role == AudioPathRole)
        return QString::fromStdString(u.audioPath);
    if (role == Qt::TextAlignmentRole && column == DurationColumn)
        return rightAligned();
    return {};
}

QString UtteranceTableModel::header(int column) const
{
    switch (column) {
    case IdColumn: return tr("Utterance");
    case DurationColumn: return tr("Duration");
    case SpeakerColumn: return tr("Speaker");
    case ReferenceColumn: return tr("Reference");
    case ExtraColumn: return tr("Other fields");
    default: return {};
    }
}

UtteranceFilterModel::UtteranceFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(UtteranceTableModel::SortRole);
}

void UtteranceFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool UtteranceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty() || sourceParent.isValid())
        return true;
    const auto* model = static_cast<const UtteranceTableModel*>(sourceModel());
    const auto& u = model->record(sourceRow);
    for (const std::string* field : {&u.uttId, &u.speaker, &u.reference, &u.extraJson})
        if (QString::fromStdString(*field).contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace vox::app
