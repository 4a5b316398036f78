#include "core/store/run_lease.h"

#include "core/log/log.h"
#include "core/util/machine.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace vox::store {

namespace {

// Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot; 0 when
// it cannot be read (no such process, or no /proc).
int64_t processStartOf(int64_t pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(file, line))
        return 0;
    const auto close = line.rfind(')'); // the command name may hold spaces and parentheses
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(line.substr(close + 1));
    std::string field;
    for (int index = 3; index <= 22 && fields >> field; ++index)
        if (index == 22)
            return std::atoll(field.c_str());
    return 0;
}

bool processAlive(int64_t pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

std::string randomToken()
{
    std::random_device device;
    std::ostringstream out;
    out << std::hex;
    for (int i = 0; i < 4; ++i)
        out << device();
    return out.str();
}

std::string localTime(double unixSeconds)
{
    const std::time_t then = std::time_t(unixSeconds);
    const std::time_t now = std::time(nullptr);
    std::tm at{}, today{};
    localtime_r(&then, &at);
    localtime_r(&now, &today);
    const bool sameDay = at.tm_year == today.tm_year && at.tm_yday == today.tm_yday;
    char buffer[32];
    std::strftime(buffer, sizeof buffer, sameDay ? "%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &at);
    return buffer;
}

const char* const kLeaseColumns =
    "SELECT run_id, token, program, host, pid, process_start, acquired_s, heartbeat_s FROM run_leases";

RunLease leaseOfRow(const Statement& row)
{
    return {row.integer(0), {row.text(1), row.text(2), row.text(3), row.integer(4), row.integer(5)}, row.real(6), row.real(7)};
}

} // namespace

double unixNow()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

LeaseOwner thisProcess()
{
    const int64_t pid = ::getpid();
    return {randomToken(), program_invocation_short_name, hostName(), pid, processStartOf(pid)};
}

bool leaseIsStale(const RunLease& lease, double now)
{
    if (now - lease.heartbeat > kLeaseStaleSeconds)
        return true;
    if (lease.owner.host != hostName())
        return false; // another machine's process: only its heartbeat tells
    if (!processAlive(lease.owner.pid))
        return true;
    return lease.owner.processStart != 0 && processStartOf(lease.owner.pid) != lease.owner.processStart;
}

bool heldByThisProcess(const RunLease& lease)
{
    return lease.owner.pid == ::getpid() && lease.owner.host == hostName();
}

std::string describeHeldLease(const RunLease& lease)
{
    return "run " + std::to_string(lease.runId) + " is being executed by " + lease.owner.program + " (pid "
           + std::to_string(lease.owner.pid) + ") on host " + lease.owner.host + " since " + localTime(lease.acquired)
           + "; wait for it, or stop it; a lease older than " + std::to_string(int(kLeaseStaleSeconds))
           + " s is taken over";
}

Expected<std::optional<RunLease>> ProjectStore::acquireRunLease(int64_t runId, const LeaseOwner& owner)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    std::optional<RunLease> heldBy;
    auto done = inTransaction(m_db, [&]() -> Expected<Done> {
        auto read = m_db.prepare(std::string(kLeaseColumns) + " WHERE run_id = ?");
        if (!read)
            return read.error();
        read->bind(1, runId);
        std::optional<RunLease> current;
        if (auto rows = forEachRow(*read, [&](const Statement& row) { current = leaseOfRow(row); }); !rows)
            return rows.error();
        const double now = unixNow();
        if (current && current->owner.token != owner.token && !leaseIsStale(*current, now)) {
            heldBy = current;
            return Done{};
        }
        if (current && current->owner.token != owner.token)
            log::get("store")->warn("run {}: taking over the stale lease of {} (pid {}) on {}", runId,
                                    current->owner.program, current->owner.pid, current->owner.host);
        auto write = m_db.prepare("INSERT OR REPLACE INTO run_leases (run_id, token, program, host, pid, process_start, "
                                  "acquired_s, heartbeat_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (!write)
            return write.error();
        write->bind(1, runId).bind(2, owner.token).bind(3, owner.program).bind(4, owner.host).bind(5, owner.pid);
        write->bind(6, owner.processStart).bind(7, now).bind(8, now);
        return write->run();
    });
    if (!done)
        return done.error();
    return heldBy;
}

Expected<bool> ProjectStore::renewRunLease(int64_t runId, const std::string& token)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare("UPDATE run_leases SET heartbeat_s = ? WHERE run_id = ? AND token = ?");
    if (!q)
        return q.error();
    q->bind(1, unixNow()).bind(2, runId).bind(3, token);
    if (auto ran = q->run(); !ran)
        return ran.error();
    return m_db.changes() == 1;
}

Expected<Done> ProjectStore::releaseRunLease(int64_t runId, const std::string& token)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare("DELETE FROM run_leases WHERE run_id = ? AND token = ?");
    if (!q)
        return q.error();
    q->bind(1, runId).bind(2, token);
    return q->run();
}

Expected<std::vector<RunLease>> ProjectStore::runLeases()
{
    auto table = m_db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'run_leases'");
    if (!table)
        return table.error();
    if (auto row = table->step(); !row)
        return row.error();
    std::vector<RunLease> out;
    if (table->integer(0) == 0)
        return out;
    auto q = m_db.prepare(std::string(kLeaseColumns) + " ORDER BY run_id");
    if (!q)
        return q.error();
    if (auto done = forEachRow(*q, [&](const Statement& row) { out.push_back(leaseOfRow(row)); }); !done)
        return done.error();
    return out;
}

Expected<RunLeaseHolder::Acquired> RunLeaseHolder::acquire(ProjectStore& store, int64_t runId, LeaseOwner owner,
                                                           double renewSeconds)
{
    auto held = store.acquireRunLease(runId, owner);
    if (!held)
        return held.error();
    if (*held)
        return Acquired{nullptr, *held};
    // The heartbeat's own connection: a store is used by one thread only.
    auto connection = ProjectStore::open(store.path(), ProjectStore::Mode::OpenExisting);
    if (!connection) {
        (void)store.releaseRunLease(runId, owner.token);
        return connection.error();
    }
    return Acquired{std::unique_ptr<RunLeaseHolder>(
                        new RunLeaseHolder(std::move(*connection), runId, std::move(owner), renewSeconds)),
                    std::nullopt};
}

RunLeaseHolder::RunLeaseHolder(std::unique_ptr<ProjectStore> connection, int64_t runId, LeaseOwner owner,
                               double renewSeconds)
    : m_connection(std::move(connection)), m_runId(runId), m_owner(std::move(owner)), m_renewSeconds(renewSeconds)
{
    m_thread = std::thread([this] { heartbeat(); });
}

RunLeaseHolder::~RunLeaseHolder()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    if (auto released = m_connection->releaseRunLease(m_runId, m_owner.token); !released)
        log::get("store")->warn("run {}: cannot give its lease back: {}", m_runId, released.error().describe());
}

void RunLeaseHolder::heartbeat()
{
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, std::chrono::duration<double>(m_renewSeconds), [this] { return m_stopping; })) {
        auto renewed = m_connection->renewRunLease(m_runId, m_owner.token);
        if (!renewed) // busy for longer than the busy timeout: the next beat tries again
            log::get("store")->warn("run {}: cannot renew its lease: {}", m_runId, renewed.error().describe());
        else if (!*renewed) {
            log::get("store")->error("run {}: another process took over its lease", m_runId);
            m_lost = true;
            return;
        }
    }
}

} // namespace vox::store
