#pragma once
// Corpus figures of the compared runs, one row per run: WER and CER with 95 % bootstrap
// intervals under the chosen normalizer, WER under each normalizer side by side, time per
// utterance, real-time factor, memory, and whether the run is comparable with the baseline.
#include "app/results/comparison.h"

#include <QAbstractTableModel>

namespace vox::app {

class RunSummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RunColumn, VariantColumn, ScoredColumn, FailedColumn, WerColumn, CerColumn, WerNoneColumn, WerBasicColumn,
        WerWhisperColumn, MeanMsColumn, MedianMsColumn, P90MsColumn, RtfColumn, MemoryColumn, SettingsColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    using QAbstractTableModel::QAbstractTableModel;

    void setComparison(ComparisonPtr comparison);
    ComparisonPtr comparison() const { return m_data; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ComparisonPtr m_data;
};

// "12.3 % [10.1, 14.8]"
QString formatInterval(const std::optional<scoring::Interval>& interval);
QString formatPercent(const std::optional<double>& rate);

} // namespace vox::app
