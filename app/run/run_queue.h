#pragma once
// The run queue: one worker thread per device executes runs one after another (by default
// core's run::executeRun, which creates the engine on that thread and writes results to the
// store). The UI thread only posts work and receives signals; it never waits on a model, the
// audio decoder or the database, except when the queue is destroyed (it pauses what runs, so
// the runs can be resumed, and joins the workers).
#include "app/jobs/job.h"
#include "core/run/run_executor.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>
#include <list>
#include <memory>
#include <vector>

class QThread;

namespace vox::app {

// A committed batch of a run, as a worker reports it.
struct RunBatch {
    qint64 runId = 0;
    run::RunProgress progress;
    std::vector<store::ResultRecord> results;
};

// What a worker calls to execute one run on its own thread. Tests give the queue one that
// needs no model.
using RunExecutor = std::function<run::RunOutcome(const QString& project, qint64 runId, run::RunControl& control,
                                                  const run::RunEvents& events)>;
RunExecutor coreRunExecutor(); // run::executeRun

class RunWorker;

class RunQueue : public QObject {
    Q_OBJECT
public:
    explicit RunQueue(RunExecutor executor = coreRunExecutor(), QObject* parent = nullptr);
    ~RunQueue() override;

    // New runs go into this project. Runs already queued keep their own project.
    void setProject(const QString& path);
    QString project() const { return m_project; }

    // Creates one run per variant (on the thread pool: the store is written there), then
    // queues them on the worker of settings.device. runsCreated or createFailed follows.
    void start(qint64 datasetId, const QList<qint64>& variantIds, const run::RunSettings& settings);
    // Queues a stopped run again (its own settings; it continues with what has no result).
    void resume(qint64 runId, const QString& device);
    // Both act between batches; a run still waiting in the queue stops before it loads.
    void pause(qint64 runId);
    void cancel(qint64 runId);
    void pauseAll();

    bool isActive(qint64 runId) const { return m_controls.contains(runId); }
    int activeCount() const { return int(m_controls.size()); }

signals:
    void runsCreated(const QList<qint64>& runIds);
    void createFailed(const QString& message);
    void runQueued(qint64 runId);
    void stageChanged(qint64 runId, const QString& stage);
    void batchDone(const vox::app::RunBatch& batch);
    void runStopped(qint64 runId, vox::run::RunStatus status, const QString& message);
    // Another process executes the run (it holds the run's lease): this queue wrote nothing.
    // `message` says who ("run 3 is being executed by voxbench-cli (pid 1234) on host ...").
    void runRefused(qint64 runId, const QString& message);
    void idle(); // no run is queued or running any more

private:
    void enqueue(qint64 runId, const QString& device);
    RunWorker* workerFor(const QString& device);
    void onStopped(qint64 runId, run::RunStatus status, const QString& message);
    void onRefused(qint64 runId, const QString& message);
    void idleWhenNoneLeft();

    RunExecutor m_executor;
    QString m_project;
    QHash<QString, RunWorker*> m_workers; // by device
    QList<QThread*> m_threads;
    QHash<qint64, std::shared_ptr<run::RunControl>> m_controls; // queued or running
    // Run creations in flight, one job each (two quick starts both create their runs).
    std::list<Job<QList<qint64>>> m_creating;
};

} // namespace vox::app

Q_DECLARE_METATYPE(vox::app::RunBatch)
Q_DECLARE_METATYPE(vox::run::RunStatus)
