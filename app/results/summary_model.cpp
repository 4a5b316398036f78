#include "app/results/summary_model.h"

#include "app/run/run_info.h"

#include <QLocale>

namespace vox::app {

QString formatInterval(const std::optional<scoring::Interval>& i)
{
    if (!i)
        return QStringLiteral("–");
    const QLocale l;
    return QStringLiteral("%1 % [%2, %3]")
        .arg(l.toString(100 * i->estimate, 'f', 1), l.toString(100 * i->low, 'f', 1), l.toString(100 * i->high, 'f', 1));
}

QString formatPercent(const std::optional<double>& rate)
{
    return rate ? QStringLiteral("%1 %").arg(QLocale().toString(100 * *rate, 'f', 1)) : QStringLiteral("–");
}

void RunSummaryModel::setComparison(ComparisonPtr comparison)
{
    beginResetModel();
    m_data = std::move(comparison);
    endResetModel();
}

int RunSummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_data->data.runs.size());
}

int RunSummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_data || index.row() >= rowCount())
        return {};
    const size_t row = size_t(index.row());
    const run::RunSummary& s = m_data->data.runs[row];
    const auto& wers = m_data->werByNormalizer[row];
    const QLocale l;
    if (role == SortRole) {
        switch (index.column()) {
        case RunColumn: return qint64(s.run.id);
        case ScoredColumn: return qint64(s.withResult - s.failed);
        case FailedColumn: return qint64(s.failed);
        case WerColumn: return s.wer ? s.wer->estimate : -1.0;
        case CerColumn: return s.cer ? s.cer->estimate : -1.0;
        case WerNoneColumn: case WerBasicColumn: case WerWhisperColumn:
            return wers[size_t(index.column() - WerNoneColumn)].value_or(-1.0);
        case MeanMsColumn: return s.meanMs;
        case MedianMsColumn: return s.medianMs;
        case P90MsColumn: return s.p90Ms;
        case RtfColumn: return s.realTimeFactor;
        case MemoryColumn: return qint64(s.peakMemoryBytes);
        default: role = Qt::DisplayRole;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RunColumn: return qint64(s.run.id);
        case VariantColumn: return row == 0 ? tr("%1 (baseline)").arg(QString::fromStdString(s.variant))
                                            : QString::fromStdString(s.variant);
        case ScoredColumn: return tr("%1 of %2").arg(s.withResult - s.failed).arg(s.utterances);
        case FailedColumn: return qint64(s.failed);
        case WerColumn: return formatInterval(s.wer);
        case CerColumn: return formatInterval(s.cer);
        case WerNoneColumn: case WerBasicColumn: case WerWhisperColumn:
            return formatPercent(wers[size_t(index.column() - WerNoneColumn)]);
        case MeanMsColumn: return l.toString(s.meanMs, 'f', 1);
        case MedianMsColumn: return l.toString(s.medianMs, 'f', 1);
        case P90MsColumn: return l.toString(s.p90Ms, 'f', 1);
        case RtfColumn: return l.toString(s.realTimeFactor, 'f', 3);
        case MemoryColumn: return s.peakMemoryBytes > 0 ? l.toString(double(s.peakMemoryBytes) / 1e6, 'f', 1) : QString();
        case SettingsColumn: return settingsLine(s.settings);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == WerColumn || index.column() == CerColumn)
            return tr("Corpus rate under %1 with a 95 % bootstrap interval (1,000 resamples of utterances)")
                .arg(QString::fromStdString(m_data->data.normalizer));
        if (index.column() == SettingsColumn || index.column() == VariantColumn)
            return QString::fromStdString(s.run.cardJson);
    }
    if (role == Qt::TextAlignmentRole && index.column() != VariantColumn && index.column() != SettingsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RunColumn: return tr("Run");
    case VariantColumn: return tr("Variant");
    case ScoredColumn: return tr("Scored");
    case FailedColumn: return tr("Failed");
    case WerColumn: return tr("WER [95% CI]");
    case CerColumn: return tr("CER [95% CI]");
    case WerNoneColumn: return tr("WER none");
    case WerBasicColumn: return tr("WER basic");
    case WerWhisperColumn: return tr("WER whisper-en");
    case MeanMsColumn: return tr("ms/utt");
    case MedianMsColumn: return tr("median ms");
    case P90MsColumn: return tr("p90 ms");
    case RtfColumn: return tr("RTF");
    case MemoryColumn: return tr("Peak MB");
    case SettingsColumn: return tr("Settings");
    }
    return {};
}

} // namespace vox::app
