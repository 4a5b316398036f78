#include "app/run/run_queue.h"

#include "app/logging.h"
#include "app/run/run_worker.h"
#include "core/store/project_store.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent>

namespace vox::app {

namespace {

struct Created {
    QList<qint64> ids;
    QString error;
};

Created createRuns(const QString& project, qint64 datasetId, const QList<qint64>& variantIds,
                   const run::RunSettings& settings)
{
    Created out;
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store) {
        out.error = QString::fromStdString(store.error().describe());
        return out;
    }
    for (qint64 variant : variantIds) {
        auto id = run::createRun(**store, variant, datasetId, settings);
        if (!id) {
            out.error = QString::fromStdString(id.error().describe());
            return out;
        }
        out.ids << *id;
    }
    return out;
}

} // namespace

RunQueue::RunQueue(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<vox::app::RunBatch>();
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
    auto* watcher = new QFutureWatcher<Created>(this);
    connect(watcher, &QFutureWatcher<Created>::finished, this, [this, watcher, device] {
        watcher->deleteLater();
        const Created created = watcher->result();
        if (!created.error.isEmpty()) {
            emit createFailed(created.error);
            if (created.ids.isEmpty())
                return;
        }
        emit runsCreated(created.ids);
        for (qint64 id : created.ids)
            enqueue(id, device);
    });
    watcher->setFuture(QtConcurrent::run(createRuns, project, datasetId, variantIds, settings));
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
    auto* worker = new RunWorker;
    worker->moveToThread(thread);
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &RunWorker::stageChanged, this, &RunQueue::stageChanged);
    connect(worker, &RunWorker::batchDone, this, &RunQueue::batchDone);
    connect(worker, &RunWorker::stopped, this, &RunQueue::onStopped);
    thread->start();
    m_workers.insert(device, worker);
    m_threads << thread;
    qCDebug(lcApp) << "started the run worker for" << device;
    return worker;
}

void RunQueue::onStopped(qint64 runId, const QString& status, const QString& message)
{
    m_controls.remove(runId);
    emit runStopped(runId, status, message);
    if (m_controls.isEmpty())
        emit idle();
}

} // namespace vox::app
