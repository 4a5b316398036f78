#include "app/run/run_list_model.h"

#include "app/format/numbers.h"

namespace vox::app {

void RunListModel::setRuns(QList<RunInfo> runs)
{
    for (RunInfo& fresh : runs) {
        if (m_active.contains(fresh.id)) {
            fresh.active = true;
            fresh.status = run::RunStatus::Queued;
        }
        if (const RunInfo* old = run(fresh.id); old && old->active) {
            fresh.active = true;
            fresh.stage = old->stage;
            fresh.elapsedSeconds = old->elapsedSeconds;
            fresh.audioSeconds = old->audioSeconds;
            fresh.computeSeconds = old->computeSeconds;
            fresh.doneThisSession = old->doneThisSession;
            fresh.done = std::max(fresh.done, old->done);
            fresh.failed = std::max(fresh.failed, old->failed);
            fresh.status = old->status;
        }
    }
    reset([&] { m_rows = std::move(runs); });
}

const RunInfo* RunListModel::run(qint64 runId) const
{
    const int row = rowOf(runId);
    return row < 0 ? nullptr : &m_rows[row];
}

int RunListModel::rowOf(qint64 runId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == runId)
            return i;
    return -1;
}

void RunListModel::changed(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunListModel::setQueued(qint64 runId)
{
    m_active.insert(runId);
    const int row = rowOf(runId);
    if (row < 0)
        return;
    RunInfo& r = m_rows[row];
    r.active = true;
    r.status = run::RunStatus::Queued;
    r.stage.clear();
    r.message.clear();
    r.elapsedSeconds = r.audioSeconds = r.computeSeconds = 0;
    r.doneThisSession = 0;
    changed(row);
}

void RunListModel::setStage(qint64 runId, const QString& stage)
{
    const int row = rowOf(runId);
    if (row < 0)
        return;
    m_rows[row].stage = stage;
    m_rows[row].status = run::RunStatus::Running;
    changed(row);
}

void RunListModel::applyBatch(const RunBatch& batch)
{
    const int row = rowOf(batch.runId);
    if (row < 0)
        return;
    RunInfo& r = m_rows[row];
    r.done = batch.progress.done;
    r.failed = batch.progress.failed;
    r.total = batch.progress.total;
    r.elapsedSeconds = batch.progress.elapsedSeconds;
    r.audioSeconds = batch.progress.audioSeconds;
    r.computeSeconds = batch.progress.computeSeconds;
    r.doneThisSession = batch.progress.doneThisSession;
    changed(row);
}

void RunListModel::setStopped(qint64 runId, run::RunStatus status, const QString& message)
{
    leaveWorker(runId, [&](RunInfo& r) {
        r.status = status;
        r.message = message;
    });
}

void RunListModel::setElsewhere(qint64 runId, const QString& who)
{
    leaveWorker(runId, [&](RunInfo& r) { r.elsewhere = who; });
}

void RunListModel::leaveWorker(qint64 runId, const std::function<void(RunInfo&)>& change)
{
    m_active.remove(runId);
    const int row = rowOf(runId);
    if (row < 0)
        return;
    RunInfo& r = m_rows[row];
    r.active = false;
    r.stage.clear();
    change(r);
    changed(row);
}

QString RunListModel::statusText(const RunInfo& r)
{
    using run::RunStatus;
    if (r.active && !r.stage.isEmpty() && r.stage != QLatin1String("running"))
        return tr("%1…").arg(r.stage);
    if (r.active)
        return r.status == RunStatus::Queued ? tr("queued") : tr("running");
    if (!r.elsewhere.isEmpty())
        return tr("running in another process");
    switch (r.status) {
    case RunStatus::Queued:
    case RunStatus::Running: return r.done > 0 ? tr("interrupted") : tr("not started");
    case RunStatus::Finished: return tr("finished");
    case RunStatus::Paused: return tr("paused");
    case RunStatus::Cancelled: return tr("cancelled");
    case RunStatus::Failed: return tr("failed");
    }
    return {};
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const RunInfo& r = m_rows[index.row()];
    if (role == RunIdRole)
        return r.id;
    if (role == FractionRole)
        return r.total > 0 ? double(r.done) / double(r.total) : 0.0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn: return r.id;
        case VariantColumn: return r.variant;
        case DatasetColumn: return r.dataset;
        case StatusColumn: return statusText(r);
        case ProgressColumn: return tr("%1 / %2").arg(formatCount(r.done), formatCount(r.total));
        case FailedColumn: return r.failed;
        case EtaColumn: {
            const qint64 left = r.total - r.done;
            if (!r.active || left <= 0 || r.elapsedSeconds <= 0 || r.doneThisSession <= 0)
                return QString();
            // The utterances done in this session set the pace.
            const double perUtterance = r.elapsedSeconds / double(r.doneThisSession);
            return tr("%1 s").arg(formatNumber(perUtterance * double(left), 0));
        }
        case RtfColumn:
            return r.audioSeconds > 0 ? formatNumber(r.computeSeconds / r.audioSeconds, 3) : QString();
        case SettingsColumn: return r.settings;
        case ComparableColumn: return r.notComparable.isEmpty() ? tr("yes") : tr("no: %1").arg(r.notComparable);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == StatusColumn && !r.message.isEmpty())
            return r.message;
        if (index.column() == ComparableColumn)
            return r.notComparable.isEmpty()
                       ? tr("Same settings and environment as the first run over this dataset")
                       : tr("Differs from the first run over this dataset in: %1").arg(r.notComparable);
        if (index.column() == SettingsColumn)
            return r.settings;
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn: case FailedColumn: case EtaColumn: case RtfColumn:
            return rightAligned();
        default: break;
        }
    }
    return {};
}

QString RunListModel::header(int column) const
{
    switch (column) {
    case IdColumn: return tr("Run");
    case VariantColumn: return tr("Variant");
    case DatasetColumn: return tr("Dataset");
    case StatusColumn: return tr("Status");
    case ProgressColumn: return tr("Progress");
    case FailedColumn: return tr("Failed");
    case EtaColumn: return tr("Time left");
    case RtfColumn: return tr("RTF");
    case SettingsColumn: return tr("Settings");
    case ComparableColumn: return tr("Comparable");
    }
    return {};
}

} // namespace vox::app
