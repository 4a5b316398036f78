#include "app/session/run_refresh.h"

#include "app/run/run_queue.h"
#include "app/session/project_session.h"

#include <QTimer>

namespace vox::app {

RunRefresh::RunRefresh(ProjectSession* project, std::function<bool(qint64)> watches, QObject* parent)
    : QObject(parent), m_watches(std::move(watches)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &RunRefresh::due);
    connect(project->queue(), &RunQueue::batchDone, this, [this](const RunBatch& b) { touched(b.runId); });
    connect(project->queue(), &RunQueue::runStopped, this, [this](qint64 id) { touched(id); });
}

bool RunRefresh::pending() const
{
    return m_timer->isActive();
}

void RunRefresh::stop()
{
    m_timer->stop();
}

void RunRefresh::touched(qint64 runId)
{
    if (m_watches(runId) && !m_timer->isActive())
        m_timer->start();
}

} // namespace vox::app
