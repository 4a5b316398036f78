#pragma once
// The Keyword spotting page's tables, one row per compared run (summary, cost) or per clip:
// - summary: area with its 95 % interval and pass mark, FRR at the target FA rate, where the
//   threshold puts the clips (FA and FR rates) and the streams (hits, misses, false alarms,
//   FA per hour), the miss rate at the target FA per hour, accuracy;
// - cost: MACs per second, parameters and their bytes by dtype, size on disk, peak memory, ms
//   per clip or chunk, real-time factor, and the ratios to the baseline;
// (the clips' table: app/kws/kws_clip_model.h).
// Numbers sort as numbers (SortRole).
#include "app/kws/kws_session.h"
#include "app/models/table_model.h"

namespace vox::app {

class KwsSummaryModel : public TableModel {
    Q_OBJECT
public:
    enum Column {
        RunColumn, VariantColumn, DatasetColumn, ItemsColumn, AreaColumn, PassColumn, FrrColumn, ThresholdColumn,
        FaRateColumn, FrRateColumn, AccuracyColumn, DetectionsColumn, FaPerHourColumn, MissRateColumn,
        MissAtTargetColumn, ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int PassedRole = Qt::UserRole + 2; // bool: the area is within the pass mark (clip runs)
    using TableModel::TableModel;

    void setEntries(KwsEntries entries);
    void refresh(); // the threshold moved
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return m_entries ? int(m_entries->size()) : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QString headerToolTip(int column) const override;

private:
    KwsEntries m_entries;
};

class KwsCostModel : public TableModel {
    Q_OBJECT
public:
    enum Column {
        // The ratios to the baseline first: they are what the table is read for.
        RunColumn, VariantColumn, SpeedRatioColumn, MemoryRatioColumn, MacsRatioColumn, AreaDeltaColumn, MacsColumn,
        ParametersColumn, BytesColumn, DiskColumn, MemoryColumn, MsColumn, RtfColumn, ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    using TableModel::TableModel;

    void setEntries(KwsEntries entries);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return m_entries ? int(m_entries->size()) : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QString headerToolTip(int column) const override;

private:
    KwsEntries m_entries;
};

// "1.23e-04" for areas (they span orders of magnitude).
QString formatArea(double area);
QString formatAreaInterval(const std::optional<scoring::Interval>& interval);

} // namespace vox::app
