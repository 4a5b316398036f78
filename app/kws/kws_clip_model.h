#pragma once
// The clips of the compared KWS runs: every clip of the first clip dataset, its label and, per
// run over that dataset, the keyword probability and what the threshold makes of it (ok, false
// alarm, miss). A filter keeps the false alarms or the misses of any run, or a text.
#include "app/kws/kws_session.h"
#include "app/models/table_model.h"

#include <QSortFilterProxyModel>

namespace vox::app {

// What the threshold makes of one clip in one run.
enum class ClipOutcome { Correct, FalseAlarm, Miss, Failed };

class KwsClipModel : public TableModel {
    Q_OBJECT
public:
    enum FixedColumn { ClipColumn, LabelColumn, FixedColumns };
    enum GroupColumn { ProbabilityColumn, OutcomeColumn, GroupColumns };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int OutcomeRole = Qt::UserRole + 2; // int(ClipOutcome) in an outcome column
    using TableModel::TableModel;

    void setEntries(KwsEntries entries);
    void refresh();
    // The runs shown (indices into the entries): those over the first clip dataset.
    const QList<int>& runs() const { return m_runs; }
    ClipOutcome outcome(int row, int run) const;
    // The audio of a row, to play it.
    const run::KwsClipRow* clip(int row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return m_runs.isEmpty() ? 0 : int((*m_entries)[size_t(m_runs.first())].data.clips.size()); }
    int columns() const override { return FixedColumns + GroupColumns * int(m_runs.size()); }
    QString header(int column) const override;

private:
    const run::KwsClipRow* cell(int row, int run) const;

    KwsEntries m_entries;
    QList<int> m_runs;
    std::vector<std::vector<int>> m_rowOf; // per shown run: clip row -> that run's clip index (-1 none)
};

class KwsClipFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Mode { All, FalseAlarms, Misses };
    explicit KwsClipFilter(QObject* parent = nullptr);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setText(const QString& text);
    void refresh() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Mode m_mode = Mode::All;
    QString m_text;
};

} // namespace vox::app
