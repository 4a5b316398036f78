#pragma once
// Each compared run against the baseline: the verdict with its statistics (one row per run),
// and the utterances it broke and fixed (two rows per run).
#include "app/results/analysis_model.h"

namespace vox::app {

class BaselineVerdictModel : public AnalysisModel {
    Q_OBJECT
public:
    enum Column {
        RunColumn, VariantColumn, VerdictColumn, DeltaWerColumn, BootstrapPColumn, SegmentsColumn, ZColumn,
        SegmentPColumn, DeltaCerColumn, BrokenColumn, FixedColumn, TestColumn, ColumnCount
    };
    // scoring::Verdict as an int, for a view to colour the verdict by (this layer has no colours).
    static constexpr int VerdictRole = Qt::UserRole + 2;
    using AnalysisModel::AnalysisModel;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    std::optional<UtteranceSet> utterancesOf(int row) const override; // broken and fixed

protected:
    int rows() const override { return analysis() ? int(analysis()->against.size()) : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QString headerToolTip(int column) const override;
};

class UtteranceChangeModel : public AnalysisModel {
    Q_OBJECT
public:
    enum Column { RunColumn, VariantColumn, ChangeColumn, CountColumn, ShareColumn, ExamplesColumn, ColumnCount };
    using AnalysisModel::AnalysisModel;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    std::optional<UtteranceSet> utterancesOf(int row) const override;
    // The row of a run's broken (or fixed) utterances; -1 where that run is not compared.
    int rowOf(size_t run, bool broken) const;

protected:
    int rows() const override { return analysis() ? 2 * int(analysis()->against.size()) : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    const run::BaselineComparison& comparisonOf(int row) const { return analysis()->against[size_t(row / 2)]; }
    static bool isBroken(int row) { return row % 2 == 0; }
    const std::vector<size_t>& rowsOf(int row) const;
};

} // namespace vox::app
