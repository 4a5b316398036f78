#pragma once
// The per-utterance results table: id, reference and audio length, then one column group per
// compared run (hypothesis, WER, time). A filter keeps errors only, utterances whose
// hypothesis changed against the baseline run (the first), the worst N, or those in which a
// Whisper run detected no speech; and to a set of utterances an analysis table row stands for.
#include "app/models/table_model.h"
#include "app/results/analysis_model.h"
#include "app/results/comparison.h"

#include <QSortFilterProxyModel>

namespace vox::app {

class UtteranceResultsModel : public TableModel {
    Q_OBJECT
public:
    enum FixedColumn { IdColumn, ReferenceColumn, SecondsColumn, FixedColumns };
    enum GroupColumn { HypothesisColumn, WerColumn, TimeColumn, GroupColumns };
    static constexpr int SortRole = Qt::UserRole + 1;

    using TableModel::TableModel;

    void setComparison(ComparisonPtr comparison);
    ComparisonPtr comparison() const { return m_data; }
    int runCount() const { return m_data ? int(m_data->data.runs.size()) : 0; }
    // The run (index into the comparison's runs) and group column of a column; -1 for fixed ones.
    static int runOfColumn(int column) { return column < FixedColumns ? -1 : (column - FixedColumns) / GroupColumns; }
    static int groupColumn(int column) { return column < FixedColumns ? -1 : (column - FixedColumns) % GroupColumns; }
    static int column(int run, GroupColumn c) { return FixedColumns + run * GroupColumns + c; }

    const run::ComparisonRow* rowAt(int row) const;
    // Utterance has an error (or failed) in some run.
    bool hasErrors(int row) const;
    // Some run's normalized hypothesis differs from the baseline's.
    bool changedAgainstBaseline(int row) const;
    // The largest WER of the row over the runs (failed counts as 1).
    double worstWer(int row) const;
    // Some run found no speech in it (run::ComparisonCell::noSpeech).
    bool noSpeechDetected(int row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return m_data ? int(m_data->data.rows.size()) : 0; }
    int columns() const override { return FixedColumns + GroupColumns * runCount(); }
    QString header(int column) const override;

private:
    ComparisonPtr m_data;
};

class UtteranceResultsFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    // In the order of the Results page's filter list.
    enum class Mode { All, ErrorsOnly, ChangedAgainstBaseline, WorstN, NoSpeech };
    explicit UtteranceResultsFilter(QObject* parent = nullptr);

    void setMode(Mode mode, int worstN = 20);
    Mode mode() const { return m_mode; }
    void setText(const QString& text); // in id, reference or any hypothesis
    // Only these utterances (an analysis table's row: a group, a run's broken ones, a
    // confusion); none: all. Applies together with the mode and the text.
    void setUtteranceSet(std::optional<UtteranceSet> set);
    const std::optional<UtteranceSet>& utteranceSet() const { return m_set; }

signals:
    void utteranceSetChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void recomputeWorst();
    UtteranceResultsModel* results() const;

    Mode m_mode = Mode::All;
    int m_worstN = 20;
    std::vector<bool> m_worstRows; // WorstN: the rows that pass (ties: the earlier rows)
    QString m_text;
    std::optional<UtteranceSet> m_set;
    std::vector<bool> m_inSet; // by source row
};

} // namespace vox::app
