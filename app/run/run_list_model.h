#pragma once
// The Runs page's table: every run of the project with its live state (stage, progress, time
// left, real-time factor) while a worker holds it.
#include "app/models/table_model.h"
#include "app/run/run_info.h"
#include "app/run/run_queue.h"

#include <QSet>

#include <functional>

namespace vox::app {

class RunListModel : public TableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn, VariantColumn, DatasetColumn, StatusColumn, ProgressColumn, FailedColumn, EtaColumn,
        RtfColumn, SettingsColumn, ComparableColumn, ColumnCount
    };
    static constexpr int FractionRole = Qt::UserRole + 1; // ProgressColumn: done / total in [0, 1]
    static constexpr int RunIdRole = Qt::UserRole + 2;

    using TableModel::TableModel;

    // Replaces the rows; live state of runs that are still active is kept.
    void setRuns(QList<RunInfo> runs);
    const QList<RunInfo>& runs() const { return m_rows; }
    const RunInfo* run(qint64 runId) const;
    int rowOf(qint64 runId) const;

    void setQueued(qint64 runId);
    void setStage(qint64 runId, const QString& stage);
    void applyBatch(const RunBatch& batch);
    void setStopped(qint64 runId, run::RunStatus status, const QString& message);
    // The worker was refused: another process executes the run (`who`); its status is that one's.
    void setElsewhere(qint64 runId, const QString& who);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // What the status column says: a run the store calls running that no worker holds was
    // interrupted (the app or machine stopped) and can be resumed, unless another process holds
    // its lease: then it is running in another process.
    static QString statusText(const RunInfo& run);

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    void changed(int row);
    // The run is no longer held by a worker; `change` sets why.
    void leaveWorker(qint64 runId, const std::function<void(RunInfo&)>& change);

    QList<RunInfo> m_rows;
    QSet<qint64> m_active; // held by a worker (a run may be queued before its row is read)
};

} // namespace vox::app
