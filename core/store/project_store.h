#pragma once
#include "core/store/sqlite_db.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// The project: one SQLite file (WAL journal, foreign keys on) holding datasets, utterances,
// model variants, runs with their run cards, per-utterance results and operator profiles.
//
// Durability: every write is a transaction that has committed when the call returns; with WAL
// and synchronous=NORMAL a committed transaction survives the process being killed at any
// point (power loss may lose the last few). Not thread-safe: open one ProjectStore per thread
// (the GUI's store worker, the CLI); SQLite serialises writers across connections.
namespace vox::store {

struct DatasetRecord {
    int64_t id = 0;
    std::string name;
    std::string source;     // the path it was imported from
    std::string format;     // "librispeech", "nemo", ...
    std::string importedAt; // ISO 8601 UTC
    std::string reportJson = "{}"; // what the importer read and skipped
    int64_t utteranceCount = 0;    // filled when listing
};

struct UtteranceRecord {
    int64_t id = 0;
    std::string uttId;
    std::string audioPath;
    std::optional<double> start, end, duration;
    std::string reference;
    std::string speaker;
    std::string extraJson = "{}";
};

struct VariantRecord {
    int64_t id = 0;
    std::string name;
    std::string packagePath;
    std::string manifestJson = "{}";
    // Schema 4 (core/store/package_trust.h). addVariant fills both for this machine when empty.
    std::string registeredOn;                  // host name
    std::vector<std::string> trustedMachines; // machine ids that may load the package unasked
};

struct RunRecord {
    int64_t id = 0;
    int64_t variantId = 0;
    int64_t datasetId = 0;
    std::string status = "queued"; // queued running paused cancelled failed finished
    std::string cardJson = "{}";    // every setting and environment fact of the run
    std::string createdAt;
    std::string finishedAt;
    std::string message; // why it stopped, when it did not finish
};

struct ResultRecord {
    int64_t runId = 0;
    int64_t utteranceId = 0;
    std::string hypothesis;
    std::string tokensJson = "[]";
    std::string timingsJson = "{}";
    std::optional<int64_t> peakMemoryBytes;
    std::string error; // empty: success
    // What the model gave besides a transcript (schema 3): a KWS clip's probabilities, a
    // stream's scores and detections (core/run/kws_results.h); "{}" for Whisper results.
    std::string outputJson = "{}";
};

// Who executes a run (core/store/run_lease.h): a random token, and for people and for the test
// of whether the owner is still alive, the program, host, pid and the process's start time.
struct LeaseOwner {
    std::string token;
    std::string program;
    std::string host;
    int64_t pid = 0;
    int64_t processStart = 0; // clock ticks after boot (/proc/<pid>/stat); 0: not known
};

struct RunLease {
    int64_t runId = 0;
    LeaseOwner owner;
    double acquired = 0;  // Unix seconds
    double heartbeat = 0; // Unix seconds, renewed while the run executes
};

class ProjectStore {
public:
    // A project this process cannot write opens read-only in any mode (see readOnly()).
    enum class Mode { OpenOrCreate, OpenExisting, ReadOnly };

    static Expected<std::unique_ptr<ProjectStore>> open(const std::filesystem::path& path,
                                                        Mode mode = Mode::OpenOrCreate);

    const std::filesystem::path& path() const { return m_path; }
    int schemaVersion();

    // Read-only: opened with Mode::ReadOnly, or this process cannot write the project (its
    // file or folder; core/store/project_access.h). Reads work (a project of schema
    // kOldestReadableSchema or later); every write is refused with writable()'s error, which
    // names the project and the reason.
    bool readOnly() const { return m_readOnly.has_value(); }
    const std::string& readOnlyReason() const { return *m_readOnly; } // when readOnly()
    Expected<Done> writable() const;

    // A dataset and all its utterances, in one transaction. Returns the dataset id and fills
    // the utterances' ids.
    Expected<int64_t> addDataset(DatasetRecord dataset, std::vector<UtteranceRecord>& utterances);
    Expected<std::vector<DatasetRecord>> datasets();
    Expected<std::vector<UtteranceRecord>> utterances(int64_t datasetId);

    Expected<int64_t> addVariant(const VariantRecord& variant);
    Expected<std::vector<VariantRecord>> variants();
    // This machine may load the variant's package from now on (a person said so).
    Expected<Done> trustVariantHere(int64_t variantId);

    Expected<int64_t> createRun(const RunRecord& run);
    // finished_at is set for the final states (finished, failed, cancelled) and cleared otherwise.
    Expected<Done> setRunStatus(int64_t runId, const std::string& status, const std::string& message = {});
    Expected<Done> setRunCard(int64_t runId, const std::string& cardJson);
    // The run and everything stored with it (results, profiles, lease).
    Expected<Done> deleteRun(int64_t runId);
    // Reads the run's card, applies `change` and writes the result in one BEGIN IMMEDIATE
    // transaction, so two writers (two processes adding a session) cannot lose each other's
    // change. Returns the card as written.
    Expected<std::string> updateRunCard(int64_t runId, const std::function<std::string(const std::string&)>& change);

    // Leases (implemented in run_lease.cpp; the rules in run_lease.h). Acquiring is one BEGIN
    // IMMEDIATE transaction: the lease is taken when nobody holds it, when its holder is stale or
    // when `owner` (its token) holds it already; otherwise nothing is written and the live
    // holder's lease comes back.
    Expected<std::optional<RunLease>> acquireRunLease(int64_t runId, const LeaseOwner& owner);
    // The heartbeat; false when the lease is no longer the token's (taken over as stale).
    Expected<bool> renewRunLease(int64_t runId, const std::string& token);
    Expected<Done> releaseRunLease(int64_t runId, const std::string& token);
    // Every lease held (a project of schema 3, viewed read-only, has none).
    Expected<std::vector<RunLease>> runLeases();
    Expected<std::vector<RunRecord>> runs();
    Expected<RunRecord> run(int64_t runId); // an error names the id when there is no such run

    // A batch of results in one transaction: all committed when this returns, or none.
    // A result for an utterance that already has one in that run replaces it.
    Expected<Done> addResults(const std::vector<ResultRecord>& results);
    Expected<std::vector<ResultRecord>> results(int64_t runId);
    struct ResultCount {
        int64_t runId = 0, results = 0, failed = 0;
    };
    // Per run: how many results it has and how many of them are errors (one query).
    Expected<std::vector<ResultCount>> resultCounts();
    // Utterances of the run's dataset that have no result yet, in id order: what a resumed run does.
    Expected<std::vector<int64_t>> pendingUtterances(int64_t runId);

    Expected<int64_t> addOperatorProfile(int64_t runId, const std::string& profileJson);
    struct ProfileEntry {
        int64_t id = 0, runId = 0;
        std::string capturedAt;
    };
    // Every stored profile without its JSON, in id order (the latest of a run is its last).
    Expected<std::vector<ProfileEntry>> operatorProfiles();
    Expected<std::string> operatorProfileJson(int64_t profileId); // an error names the id

    // A new project file at `to` (which must not exist) with this project's datasets and
    // variants and none of its runs: what a shard of a run writes into, one file per node
    // (SQLite must not be written by several nodes through a network file system).
    Expected<Done> copyWithoutRuns(const std::filesystem::path& to);

    // PRAGMA integrity_check and foreign_key_check; the error lists what is wrong.
    Expected<Done> checkIntegrity();

private:
    ProjectStore(Database db, std::filesystem::path path) : m_db(std::move(db)), m_path(std::move(path)) {}

    Database m_db;
    std::filesystem::path m_path;
    std::optional<Statement> m_insertResult;
    std::optional<std::string> m_readOnly; // why, when it is
};

std::string utcNow(); // ISO 8601, seconds

} // namespace vox::store
