#pragma once
// Corpus figures of the compared runs, one row per run: WER and CER with 95 % bootstrap
// intervals under the chosen normalizer, WER under each normalizer side by side, time per
// utterance, real-time factor, memory, and whether the run is comparable with the baseline.
#include "app/format/numbers.h"
#include "app/models/table_model.h"
#include "app/results/comparison.h"

namespace vox::app {

class RunSummaryModel : public TableModel {
    Q_OBJECT
public:
    enum Column {
        RunColumn, VariantColumn, ScoredColumn, FailedColumn, WerColumn, CerColumn, WerNoneColumn, WerBasicColumn,
        WerWhisperColumn, MeanMsColumn, MedianMsColumn, P90MsColumn, RtfColumn, MemoryColumn, SettingsColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    using TableModel::TableModel;

    void setComparison(ComparisonPtr comparison);
    ComparisonPtr comparison() const { return m_data; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return m_data ? int(m_data->data.runs.size()) : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    ComparisonPtr m_data;
};

} // namespace vox::app
