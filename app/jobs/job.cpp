#include "app/jobs/job.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QThreadPool>

namespace vox::app::detail {

void startOnPool(std::function<void()> work)
{
    QThreadPool::globalInstance()->start(std::move(work));
}

void postToMain(std::function<void()> call)
{
    // The application object lives as long as the event loop that would run the call.
    QCoreApplication* app = QCoreApplication::instance();
    if (!app)
        return;
    QMetaObject::invokeMethod(app, std::move(call), Qt::QueuedConnection);
}

void postProgress(const std::shared_ptr<JobTicket>& ticket, JobProgress progress)
{
    {
        std::lock_guard lock(ticket->progressMutex);
        const bool onItsWay = ticket->pendingProgress.has_value();
        ticket->pendingProgress = std::move(progress);
        if (onItsWay)
            return; // the delivery already posted will carry this newer value
    }
    postToMain([ticket] {
        std::optional<JobProgress> latest;
        {
            std::lock_guard lock(ticket->progressMutex);
            latest.swap(ticket->pendingProgress);
        }
        if (latest && ticket->current && ticket->onProgress)
            ticket->onProgress(*latest);
    });
}

} // namespace vox::app::detail
