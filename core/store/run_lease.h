#pragma once
// One process executes a run at a time. Before executing, a process takes the run's lease in the
// project (table run_leases, schema 4) and renews its heartbeat every kLeaseRenewSeconds from a
// thread of its own, so a long batch does not let it go stale; it gives the lease back when the
// run stops (finished, failed, cancelled, paused). A second executor finds the lease held and is
// refused with describeHeldLease(); a lease whose heartbeat is older than kLeaseStaleSeconds,
// or whose process is gone from this host, is stale and is taken over.
#include "core/store/project_store.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace vox::store {

inline constexpr double kLeaseStaleSeconds = 30;
inline constexpr double kLeaseRenewSeconds = 5;

double unixNow();
// This process as a lease owner (a fresh random token each call).
LeaseOwner thisProcess();

// Whether `lease` may be taken over at `now`: its heartbeat is older than kLeaseStaleSeconds,
// or it was taken on this host by a process that is gone (its pid is free, or now belongs to a
// process that started at another time).
bool leaseIsStale(const RunLease& lease, double now);

// Whether this process took `lease` (its pid on this host): the GUI's own worker, not another process.
bool heldByThisProcess(const RunLease& lease);

// "run 3 is being executed by voxbench-cli (pid 1234) on host X since 12:03:04; wait for it,
// or stop it; a lease older than 30 s is taken over"
std::string describeHeldLease(const RunLease& lease);

// A lease taken, renewed by its own thread (with its own connection) until destroyed, then
// given back. lost() turns true when a renewal finds the lease taken over (the heartbeat had
// stopped for longer than kLeaseStaleSeconds): the executor must stop without writing.
class RunLeaseHolder {
public:
    struct Acquired {
        std::unique_ptr<RunLeaseHolder> holder; // null when another process holds the lease
        std::optional<RunLease> heldBy;         // that process's lease
    };
    static Expected<Acquired> acquire(ProjectStore& store, int64_t runId, LeaseOwner owner = thisProcess(),
                                      double renewSeconds = kLeaseRenewSeconds);
    ~RunLeaseHolder();
    RunLeaseHolder(const RunLeaseHolder&) = delete;
    RunLeaseHolder& operator=(const RunLeaseHolder&) = delete;

    bool lost() const { return m_lost; }
    const LeaseOwner& owner() const { return m_owner; }

private:
    RunLeaseHolder(std::unique_ptr<ProjectStore> connection, int64_t runId, LeaseOwner owner, double renewSeconds);
    void heartbeat();

    std::unique_ptr<ProjectStore> m_connection;
    int64_t m_runId;
    LeaseOwner m_owner;
    double m_renewSeconds;
    std::atomic<bool> m_lost{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace vox::store
