#include "core/store/schema.h"

#include <string>
#include <vector>

namespace vox::store {

namespace {

// Migration 1: the first schema. Times are ISO 8601 UTC text; seconds are REAL; JSON columns
// hold settings and per-stage figures whose shape may grow without a migration.
const char* const kVersion1 = R"sql(
CREATE TABLE datasets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    report_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE utterances (
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    utt_id      TEXT NOT NULL,
    audio_path  TEXT NOT NULL,
    start_s     REAL,
    end_s       REAL,
    reference   TEXT NOT NULL DEFAULT '',
    speaker     TEXT NOT NULL DEFAULT '',
    duration_s  REAL,
    extra_json  TEXT NOT NULL DEFAULT '{}',
    UNIQUE (dataset_id, utt_id)
);
CREATE TABLE variants (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    package_path  TEXT NOT NULL,
    manifest_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    variant_id  INTEGER NOT NULL REFERENCES variants(id),
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id),
    status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'cancelled', 'failed', 'finished')),
    card_json   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE results (
    run_id            INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    utterance_id      INTEGER NOT NULL REFERENCES utterances(id) ON DELETE CASCADE,
    hypothesis        TEXT NOT NULL DEFAULT '',
    tokens_json       TEXT NOT NULL DEFAULT '[]',
    timings_json      TEXT NOT NULL DEFAULT '{}',
    peak_memory_bytes INTEGER,
    error             TEXT,
    PRIMARY KEY (run_id, utterance_id)
) WITHOUT ROWID;
CREATE TABLE operator_profiles (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    captured_at  TEXT NOT NULL,
    profile_json TEXT NOT NULL
);
CREATE INDEX utterances_by_dataset ON utterances(dataset_id);
CREATE INDEX runs_by_variant ON runs(variant_id);
)sql";

// Migration 2: why a run stopped (a failed load, a cancellation), in words a person can act on.
const char* const kVersion2 = R"sql(
ALTER TABLE runs ADD COLUMN message TEXT NOT NULL DEFAULT '';
)sql";

// Migration 3: what a model gave that is not a transcript, as JSON (a keyword-spotting clip's
// probabilities, a stream's per-chunk scores and detections: core/run/kws_results.h).
const char* const kVersion3 = R"sql(
ALTER TABLE results ADD COLUMN output_json TEXT NOT NULL DEFAULT '{}';
)sql";

// Migration 4: who executes a run (core/store/run_lease.cpp). One row per run being executed:
// the owner (a random token; program, host, pid and the process's start time so that a pid the
// system gave to another process is not taken for the owner), when it took the lease and its
// last heartbeat (Unix seconds, renewed every few seconds while it runs).
const char* const kVersion4 = R"sql(
CREATE TABLE run_leases (
    run_id        INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    token         TEXT NOT NULL,
    program       TEXT NOT NULL,
    host          TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    process_start INTEGER NOT NULL DEFAULT 0,
    acquired_s    REAL NOT NULL,
    heartbeat_s   REAL NOT NULL
);
)sql";

// Migration 5: where a variant was registered (a host name, for messages) and the machines its
// package may be loaded on without asking (machine ids, one a line): a package is code
// (core/store/package_trust.h). Variants of older projects have neither, so each machine asks once.
const char* const kVersion5 = R"sql(
ALTER TABLE variants ADD COLUMN registered_on TEXT NOT NULL DEFAULT '';
ALTER TABLE variants ADD COLUMN trusted_machines TEXT NOT NULL DEFAULT '';
)sql";

const std::vector<const char*>& migrations()
{
    static const std::vector<const char*> list{kVersion1, kVersion2, kVersion3, kVersion4, kVersion5};
    return list;
}

} // namespace

Expected<int> schemaVersion(Database& db)
{
    auto statement = db.prepare("PRAGMA user_version");
    if (!statement)
        return statement.error();
    auto row = statement->step();
    if (!row)
        return row.error();
    return static_cast<int>(statement->integer(0));
}

namespace {
Expected<Done> refuseNewer(Database& db, int version)
{
    return makeError("this project was written by a newer VoxBench (schema " + std::to_string(version)
                         + ", this one understands up to " + std::to_string(kSchemaVersion) + "); open it with that version",
                     db.path());
}
} // namespace

Expected<Done> migrate(Database& db)
{
    auto version = schemaVersion(db);
    if (!version)
        return version.error();
    if (*version > kSchemaVersion)
        return refuseNewer(db, *version);
    if (*version == kSchemaVersion)
        return Done{};
    // Two processes may open an old project at once: the version is read again under the write
    // lock, so the second one finds the work done instead of applying a migration twice.
    int from = 0;
    bool newer = false;
    auto applied = inTransaction(db, [&]() -> Expected<Done> {
        auto current = schemaVersion(db);
        if (!current)
            return current.error();
        if (*current > kSchemaVersion) {
            newer = true;
            return refuseNewer(db, *current);
        }
        from = *current;
        for (int next = from + 1; next <= kSchemaVersion; ++next) {
            if (auto done = db.execute(migrations()[size_t(next - 1)]); !done)
                return makeError("schema " + std::to_string(next) + ": " + done.error().message, done.error().context);
        }
        return db.execute("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    });
    if (!applied)
        return newer ? applied.error()
                     : makeError("cannot upgrade the project from schema " + std::to_string(from) + ": "
                                   + applied.error().message,
                               db.path());
    return Done{};
}

} // namespace vox::store
