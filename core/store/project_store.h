#pragma once
#include "core/store/sqlite_db.h"

#include <filesystem>
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

class ProjectStore {
public:
    enum class Mode { OpenOrCreate, OpenExisting, ReadOnly };

    static Expected<std::unique_ptr<ProjectStore>> open(const std::filesystem::path& path,
                                                        Mode mode = Mode::OpenOrCreate);

    const std::filesystem::path& path() const { return m_path; }
    int schemaVersion();

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

    // PRAGMA integrity_check and foreign_key_check; the error lists what is wrong.
    Expected<Done> checkIntegrity();

private:
    ProjectStore(Database db, std::filesystem::path path) : m_db(std::move(db)), m_path(std::move(path)) {}

    Database m_db;
    std::filesystem::path m_path;
    std::optional<Statement> m_insertResult;
};

std::string utcNow(); // ISO 8601, seconds

} // namespace vox::store
