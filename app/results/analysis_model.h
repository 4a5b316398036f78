#pragma once
// The part the error-analysis tables share (against the baseline, breakdowns, changes,
// confusions, hallucination signals): each is a view of one comparison's run::RunAnalysis,
// sorts by SortRole, and says which utterances a row stands for, so that clicking it can
// filter the utterance table to them.
#include "app/models/table_model.h"
#include "app/results/comparison.h"

#include <QString>

#include <optional>
#include <vector>

namespace vox::app {

// Utterances a row of an analysis table stands for: rows of the comparison, with a label for
// the filter ("whisper-demo-int8: broken").
struct UtteranceSet {
    QString label;
    std::vector<size_t> rows;
    int focus = -1; // the row to look at first, where the table row is about one utterance
};

class AnalysisModel : public TableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;
    using TableModel::TableModel;

    void setComparison(ComparisonPtr comparison);
    ComparisonPtr comparison() const { return m_data; }
    // None for a row that stands for no utterance set.
    virtual std::optional<UtteranceSet> utterancesOf(int row) const = 0;

protected:
    // Called inside the reset, after comparison() changed: rebuild the rows.
    virtual void rebuild() {}
    const run::RunAnalysis* analysis() const { return m_data ? &m_data->analysis : nullptr; }
    QString variantName(size_t run) const;

private:
    ComparisonPtr m_data;
};

} // namespace vox::app
