#include "app/run/run_worker.h"

namespace vox::app {

void RunWorker::execute(const QString& project, qint64 runId, std::shared_ptr<run::RunControl> control)
{
    run::RunEvents events;
    events.onStage = [this, runId](const std::string& stage) { emit stageChanged(runId, QString::fromStdString(stage)); };
    events.onResults = [this, runId](const std::vector<store::ResultRecord>& results, const run::RunProgress& p) {
        emit batchDone(RunBatch{runId, p, results});
    };
    const auto outcome = m_executor(project, runId, *control, events);
    if (outcome.elsewhere) {
        emit refused(runId, QString::fromStdString(outcome.message));
        return;
    }
    emit stopped(runId, outcome.status, QString::fromStdString(outcome.message));
}

} // namespace vox::app
