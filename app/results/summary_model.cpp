#include "app/results/summary_model.h"

#include "app/run/run_info.h"


namespace vox::app {

void RunSummaryModel::setComparison(ComparisonPtr comparison)
{
    reset([&] { m_data = std::move(comparison); });
}

QVariant RunSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const size_t row = size_t(index.row());
    const run::RunSummary& s = m_data->data.runs[row];
    const auto& wers = m_data->werByNormalizer[row];
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
        case MeanMsColumn: return formatNumber(s.meanMs, 1);
        case MedianMsColumn: return formatNumber(s.medianMs, 1);
        case P90MsColumn: return formatNumber(s.p90Ms, 1);
        case RtfColumn: return formatNumber(s.realTimeFactor, 3);
        case MemoryColumn: return s.peakMemoryBytes > 0 ? formatNumber(double(s.peakMemoryBytes) / 1e6, 1) : QString();
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
        return rightAligned();
    return {};
}

QString RunSummaryModel::header(int column) const
{
    switch (column) {
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
