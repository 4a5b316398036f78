#pragma once
// WER broken down by one field (speaker, a manifest field such as condition, or duration
// bucket): a row per value with its utterances and audio, then per run its WER with a 95 %
// bootstrap interval and, after the baseline, the change against the baseline's WER on the
// same group.
#include "app/results/analysis_model.h"

#include <QStringList>

namespace vox::app {

class BreakdownModel : public AnalysisModel {
    Q_OBJECT
public:
    enum FixedColumn { ValueColumn, UtterancesColumn, AudioColumn, FixedColumns };
    using AnalysisModel::AnalysisModel;

    // The fields the comparison can be broken down by, in its order ("speaker", "condition", "duration").
    QStringList fields() const;
    // Shows the breakdown by this field (by name; the first field where it is not there).
    void setField(const QString& field);
    QString field() const;

    // Per run: a WER column, and a delta column for every run after the baseline.
    static int werColumn(int run) { return run == 0 ? FixedColumns : FixedColumns + 2 * run - 1; }
    static int deltaColumn(int run) { return FixedColumns + 2 * run; } // run >= 1

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    std::optional<UtteranceSet> utterancesOf(int row) const override;

protected:
    void rebuild() override;
    int rows() const override { return m_breakdown ? int(m_breakdown->rows.size()) : 0; }
    int columns() const override;
    QString header(int column) const override;

private:
    // The run and whether it is its delta column, of a column after the fixed ones.
    std::pair<size_t, bool> runOfColumn(int column) const;

    QString m_field;
    const run::Breakdown* m_breakdown = nullptr;
};

} // namespace vox::app
