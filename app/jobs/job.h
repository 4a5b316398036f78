#pragma once
// One shape for background work in the GUI: a job runs a function on the thread pool and
// delivers its value-or-error to the UI thread. A Job object is one slot: starting it again
// cancels the job still running there and drops its late result (the latest wins), so a page
// that re-reads on every click never shows an older answer over a newer one. The cancel token
// reaches core (its `const std::atomic<bool>*` cancel flags); progress is coalesced, so a
// worker may report as often as it likes without flooding the event loop.
//
// Jobs are started, cancelled and destroyed on the main thread; results and progress arrive
// there through its event loop. A destroyed Job delivers nothing: its callbacks may capture the
// object that owns it.
#include "app/jobs/cancel_token.h"
#include "core/util/expected.h"

#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace vox::app {

struct JobProgress {
    qint64 done = 0;
    qint64 total = 0; // 0: not known
    QString text;
};

namespace detail {

// What a job's worker and its Job share. `alive` and `current` are read and written on the
// main thread only; the progress slot is guarded by its mutex.
struct JobTicket {
    CancelToken token;
    bool current = true; // false once superseded or abandoned: deliver nothing
    std::mutex progressMutex;
    std::optional<JobProgress> pendingProgress;
    std::function<void(const JobProgress&)> onProgress;
};

// Runs `work` on the global thread pool.
void startOnPool(std::function<void()> work);
// Runs `call` on the main thread's event loop.
void postToMain(std::function<void()> call);
// Stores the progress and posts its delivery unless one is already on its way.
void postProgress(const std::shared_ptr<JobTicket>& ticket, JobProgress progress);

} // namespace detail

// What the work function receives on its thread.
class JobContext {
public:
    explicit JobContext(std::shared_ptr<detail::JobTicket> ticket) : m_ticket(std::move(ticket)) {}

    const CancelToken& token() const { return m_ticket->token; }
    bool cancelled() const { return m_ticket->token.cancelled(); }
    // Any thread, as often as wanted: the UI sees the latest.
    void progress(qint64 done, qint64 total, const QString& text = {}) const
    {
        detail::postProgress(m_ticket, {done, total, text});
    }

private:
    std::shared_ptr<detail::JobTicket> m_ticket;
};

template <typename T>
class Job {
public:
    using Work = std::function<Expected<T>(const JobContext&)>;
    using OnDone = std::function<void(Expected<T>)>;
    using OnProgress = std::function<void(const JobProgress&)>;

    Job() = default;
    Job(const Job&) = delete;
    Job& operator=(const Job&) = delete;
    ~Job() { abandon(); }

    // Starts `work`; the job started before it in this slot is cancelled and forgotten.
    // `done` runs on the main thread with the result, unless the job was superseded first.
    void start(Work work, OnDone done, OnProgress progress = {})
    {
        abandon();
        auto ticket = std::make_shared<detail::JobTicket>();
        ticket->onProgress = std::move(progress);
        m_ticket = ticket;
        detail::startOnPool([ticket, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<Expected<T>>(runGuarded(work, JobContext(ticket)));
            detail::postToMain([ticket, result, done = std::move(done)] {
                if (!ticket->current)
                    return;
                ticket->current = false; // finished: running() is false from here on
                done(std::move(*result));
            });
        });
    }

    // Asks the running job to stop; its result (usually an error saying it was cancelled)
    // is still delivered.
    void cancel()
    {
        if (m_ticket)
            m_ticket->token.cancel();
    }
    // Cancels the running job and drops its result.
    void abandon()
    {
        if (!m_ticket)
            return;
        m_ticket->token.cancel();
        m_ticket->current = false;
        m_ticket.reset();
    }
    bool running() const { return m_ticket && m_ticket->current; }

private:
    static Expected<T> runGuarded(Work& work, const JobContext& context)
    {
        try {
            return work(context);
        } catch (const std::exception& e) {
            return makeError(std::string("unexpected error: ") + e.what());
        }
    }

    std::shared_ptr<detail::JobTicket> m_ticket;
};

} // namespace vox::app
