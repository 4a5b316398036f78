#pragma once
// Per compared run, what it gets wrong: its most frequent substitutions, insertions and
// deletions with the baseline's count of each (new ones marked), and the hypotheses that look
// hallucinated (much longer than the reference, repeated n-grams, text where there is no speech).
#include "app/results/analysis_model.h"

namespace vox::app {

class ConfusionModel : public AnalysisModel {
    Q_OBJECT
public:
    enum Column { VariantColumn, KindColumn, ReferenceColumn, HypothesisColumn, CountColumn, BaselineColumn, NewColumn, ColumnCount };
    using AnalysisModel::AnalysisModel;

    // The row of run's pair ref -> hyp (a kind's empty side: ""), -1 if not listed.
    int rowOf(size_t run, const std::string& ref, const std::string& hyp) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    std::optional<UtteranceSet> utterancesOf(int row) const override; // where the run makes it

protected:
    void rebuild() override;
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    struct Row {
        size_t run;
        const scoring::ConfusionChange* pair;
    };
    std::vector<Row> m_rows;
};

class HallucinationModel : public AnalysisModel {
    Q_OBJECT
public:
    enum Column { VariantColumn, UtteranceColumn, SignalColumn, DetailColumn, HypothesisColumn, ColumnCount };
    using AnalysisModel::AnalysisModel;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // Every utterance with the same signal in the same run, this one looked at first.
    std::optional<UtteranceSet> utterancesOf(int row) const override;

protected:
    int rows() const override { return analysis() ? int(analysis()->hallucinations.size()) : 0; }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
};

} // namespace vox::app
