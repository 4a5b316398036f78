#include "app/run/run_queue.h"

#include "app/logging.h"
#include "app/run/run_worker.h"
#include "core/store/project_store.h"

#include <QThread>

namespace vox::app {

namespace {

// One run per variant; either all are created or none (a failure names the variant).
Expected<QList<qint64>> createRuns(const QString& project, qint64 datasetId, const QList<qint64>& variantIds,
                                   const run::RunSettings& settings)
{
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    QList<qint64> ids;
    for (qint64 variant : variantIds) {
        auto id = run::createRun(**store, variant, datasetId, settings);
        if (!id) {
            for (qint64 made : ids) // runs of this start that were created already
                (void)(*store)->setRunStatus(made, run::runStatusName(run::RunStatus::Cancelled),
                                             "not started: " + id.error().describe());
            return id.error();
        }
        ids << *id;
    }
    return ids;
}

} // namespace

RunExecutor coreRunExecutor()
{
    return [](const QString& project, qint64 runId, run::RunControl& control, const run::RunEvents& events) {
        return run::executeRun(project.toStdString(), runId, control, events);
    };
}

RunQueue::RunQueue(RunExecutor executor, QObject* parent) : QObject(parent), m_executor(std::move(executor))
{
    qRegisterMetaType<vox::app::RunBatch>();
    qRegisterMetaType<vox::run::RunStatus>();
}

RunQueue::~RunQueue()
{
    pauseAll();
    for (QThread* thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
}

void RunQueue::setProject(const QString& path)
{
    m_project = path;
}

void RunQueue::start(qint64 datasetId, const QList<qint64>& variantIds, const run::RunSettings& settings)
{
    const QString project = m_project;
    const QString device = QString::fromStdString(settings.device);
    auto job = m_creating.emplace(m_creating.end());
    job->start([project, datasetId, variantIds, settings](const JobContext&) {
        return createRuns(project, datasetId, variantIds, settings);
    }, [this, job, device](Expected<QList<qint64>> created) {
        m_creating.erase(job); // destroys the lambda's Job, not the lambda: it is still called safely
        if (!created) {
            emit createFailed(QString::fromStdString(created.error().describe()));
            return;
        }
        emit runsCreated(*created);
        for (qint64 id : *created)
            enqueue(id, device);
    });
}

void RunQueue::resume(qint64 runId, const QString& device)
{
    if (!isActive(runId))
        enqueue(runId, device);
}

void RunQueue::pause(qint64 runId)
{
    if (auto control = m_controls.value(runId))
        control->pause = true;
}

void RunQueue::cancel(qint64 runId)
{
    if (auto control = m_controls.value(runId))
        control->cancel = true;
}

void RunQueue::pauseAll()
{
    for (const auto& control : std::as_const(m_controls))
        control->pause = true;
}

void RunQueue::enqueue(qint64 runId, const QString& device)
{
    auto control = std::make_shared<run::RunControl>();
    m_controls.insert(runId, control);
    RunWorker* worker = workerFor(device);
    const QString project = m_project;
    QMetaObject::invokeMethod(worker, [worker, project, runId, control] { worker->execute(project, runId, control); },
                              Qt::QueuedConnection);
    emit runQueued(runId);
}

RunWorker* RunQueue::workerFor(const QString& device)
{
    if (RunWorker* worker = m_workers.value(device))
        return worker;
    auto* thread = new QThread(this);
    thread->setObjectName(QStringLiteral("run worker ") + device);
    auto* worker = new RunWorker(m_executor);
    worker->moveToThread(thread);
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &RunWorker::stageChanged, this, &RunQueue::stageChanged);
    connect(worker, &RunWorker::batchDone, this, &RunQueue::batchDone);
    connect(worker, &RunWorker::stopped, this, &RunQueue::onStopped);
    connect(worker, &RunWorker::refused, this, &RunQueue::onRefused);
    thread->start();
    m_workers.insert(device, worker);
    m_threads << thread;
    qCDebug(lcApp) << "started the run worker for" << device;
    return worker;
}

void RunQueue::onStopped(qint64 runId, run::RunStatus status, const QString& message)
{
    m_controls.remove(runId);
    emit runStopped(runId, status, message);
    idleWhenNoneLeft();
}

void RunQueue::onRefused(qint64 runId, const QString& message)
{
    m_controls.remove(runId);
    emit runRefused(runId, message);
    idleWhenNoneLeft();
}

void RunQueue::idleWhenNoneLeft()
{
    if (m_controls.isEmpty())
        emit idle();
}

} // namespace vox::app
