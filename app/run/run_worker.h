#pragma once
// One device's worker: lives on its own thread and executes the runs posted to it in order.
#include "app/run/run_queue.h"

#include <QObject>

namespace vox::app {

class RunWorker : public QObject {
    Q_OBJECT
public:
    explicit RunWorker(RunExecutor executor) : m_executor(std::move(executor)) {}

    // Runs on the worker's thread (post it with QMetaObject::invokeMethod).
    void execute(const QString& project, qint64 runId, std::shared_ptr<run::RunControl> control);

signals:
    void stageChanged(qint64 runId, const QString& stage);
    void batchDone(const vox::app::RunBatch& batch);
    void stopped(qint64 runId, vox::run::RunStatus status, const QString& message);
    void refused(qint64 runId, const QString& message); // another process executes it: nothing was written

private:
    RunExecutor m_executor;
};

} // namespace vox::app
