#include "core/store/project_store.h"

#include "core/log/log.h"
#include "core/store/project_access.h"
#include "core/store/schema.h"
#include "core/util/machine.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>

namespace vox::store {

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

namespace {

// Several processes opening one old project at once: the one that turns it to WAL or migrates
// it holds locks that SQLite reports to the others as "database is locked" without waiting
// for its busy timeout (a change of journal mode, a read that would have to become a write).
// They try again for up to five seconds; by then the first is done and they find the work done.
template <typename Step>
auto whileLocked(Step step) -> decltype(step())
{
    auto result = step();
    for (int attempt = 0; attempt < 100 && !result && result.error().message.find("database is locked") != std::string::npos;
         ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        result = step();
    }
    return result;
}


// Opens the SQLite file: read-write, or read-only when asked or when this process cannot write
// the project (then with immutable=1 where the folder is not writable and the -shm file that a
// WAL reader needs cannot be created; a -wal with content needs a real reader, so not then).
Expected<Database> openFile(const std::filesystem::path& path, ProjectStore::Mode mode,
                            const std::optional<std::string>& problem)
{
    if (!problem)
        return Database::open(path.string(), mode == ProjectStore::Mode::OpenOrCreate, mode == ProjectStore::Mode::ReadOnly);
    std::error_code ec;
    const auto wal = std::filesystem::path(path.string() + "-wal");
    const auto shm = std::filesystem::path(path.string() + "-shm");
    const bool walHasContent = std::filesystem::file_size(wal, ec) > 0 && !ec;
    const bool immutable = folderUnwritable(*problem) && !std::filesystem::exists(shm, ec) && !walHasContent;
    return Database::open(path.string(), false, true, immutable);
}

} // namespace

Expected<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::filesystem::path& path, Mode mode)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && mode != Mode::OpenOrCreate)
        return makeError("no such project file", path.string());
    if (exists && std::filesystem::is_directory(path, ec))
        return makeError("is a directory, not a project file", path.string());
    const std::optional<std::string> problem = writeProblem(path);
    if (!exists && problem)
        return makeError("cannot create the project " + path.string() + " (" + *problem + ")", path.string());

    auto db = openFile(path, mode, problem);
    if (!db)
        return db.error();
    const bool readOnly = mode == Mode::ReadOnly || problem;

    // Reading the header tells a non-SQLite file apart before anything is written to it.
    if (auto probe = db->execute("SELECT count(*) FROM sqlite_schema"); !probe)
        return makeError("not a VoxBench project (not an SQLite database): " + probe.error().message, path.string());
    if (!readOnly) {
        if (auto wal = whileLocked([&] { return db->execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); }); !wal)
            return wal.error();
    }
    if (auto fk = db->execute("PRAGMA foreign_keys = ON"); !fk)
        return fk.error();
    if (!readOnly) {
        if (auto migrated = whileLocked([&] { return migrate(*db); }); !migrated)
            return migrated.error();
    } else if (auto version = store::schemaVersion(*db); !version) {
        return version.error();
    } else if (*version > kSchemaVersion) {
        return makeError("this project was written by a newer VoxBench (schema " + std::to_string(*version)
                             + "); open it with that version",
                         path.string());
    } else if (*version < kOldestReadableSchema && problem) {
        return makeError("this project was made by an older VoxBench (schema " + std::to_string(*version)
                             + "); copy it somewhere writable to upgrade it: " + readOnlyMessage(path, *problem));
    } else if (*version < kOldestReadableSchema) {
        return makeError("the project needs an upgrade; open it once for writing", path.string());
    }
    log::get("store")->debug("opened project {}{}", path.string(), readOnly ? " read-only" : "");
    auto store = std::unique_ptr<ProjectStore>(new ProjectStore(std::move(db.value()), path));
    if (readOnly)
        store->m_readOnly = problem ? *problem : std::string("opened for reading only");
    return store;
}

Expected<Done> ProjectStore::writable() const
{
    if (m_readOnly)
        return makeError(readOnlyMessage(m_path, *m_readOnly)); // the message names the project
    return Done{};
}

int ProjectStore::schemaVersion()
{
    auto v = store::schemaVersion(m_db);
    return v ? *v : -1;
}

Expected<int64_t> ProjectStore::addDataset(DatasetRecord dataset, std::vector<UtteranceRecord>& utterances)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    if (dataset.importedAt.empty())
        dataset.importedAt = utcNow();
    int64_t datasetId = 0;
    auto done = inTransaction(m_db, [&]() -> Expected<Done> {
        auto insert = m_db.prepare(
            "INSERT INTO datasets (name, source, format, imported_at, report_json) VALUES (?, ?, ?, ?, ?)");
        if (!insert)
            return insert.error();
        insert->bind(1, dataset.name).bind(2, dataset.source).bind(3, dataset.format).bind(4, dataset.importedAt);
        insert->bind(5, dataset.reportJson);
        if (auto ran = insert->run(); !ran)
            return ran.error();
        datasetId = m_db.lastInsertId();

        auto row = m_db.prepare("INSERT INTO utterances (dataset_id, utt_id, audio_path, start_s, end_s, reference, "
                                "speaker, duration_s, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!row)
            return row.error();
        for (auto& u : utterances) {
            row->bind(1, datasetId).bind(2, u.uttId).bind(3, u.audioPath).bindOptional(4, u.start);
            row->bindOptional(5, u.end).bind(6, u.reference).bind(7, u.speaker).bindOptional(8, u.duration);
            row->bind(9, u.extraJson);
            if (auto ran = row->run(); !ran)
                return makeError(ran.error().message + " (utterance '" + u.uttId + "')", ran.error().context);
            u.id = m_db.lastInsertId();
        }
        return Done{};
    });
    if (!done)
        return done.error();
    return datasetId;
}

Expected<std::vector<DatasetRecord>> ProjectStore::datasets()
{
    auto q = m_db.prepare("SELECT d.id, d.name, d.source, d.format, d.imported_at, d.report_json, "
                          "(SELECT count(*) FROM utterances u WHERE u.dataset_id = d.id) FROM datasets d ORDER BY d.id");
    if (!q)
        return q.error();
    std::vector<DatasetRecord> out;
    auto done = forEachRow(*q, [&](const Statement& row) {
        out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.integer(6)});
    });
    if (!done)
        return done.error();
    return out;
}

namespace {
std::optional<double> optionalReal(const Statement& q, int column)
{
    return q.isNull(column) ? std::nullopt : std::optional<double>(q.real(column));
}
} // namespace

Expected<std::vector<UtteranceRecord>> ProjectStore::utterances(int64_t datasetId)
{
    auto q = m_db.prepare("SELECT id, utt_id, audio_path, start_s, end_s, duration_s, reference, speaker, extra_json "
                          "FROM utterances WHERE dataset_id = ? ORDER BY id");
    if (!q)
        return q.error();
    q->bind(1, datasetId);
    std::vector<UtteranceRecord> out;
    auto done = forEachRow(*q, [&](const Statement& row) {
        UtteranceRecord u;
        u.id = row.integer(0);
        u.uttId = row.text(1);
        u.audioPath = row.text(2);
        u.start = optionalReal(row, 3);
        u.end = optionalReal(row, 4);
        u.duration = optionalReal(row, 5);
        u.reference = row.text(6);
        u.speaker = row.text(7);
        u.extraJson = row.text(8);
        out.push_back(std::move(u));
    });
    if (!done)
        return done.error();
    return out;
}

namespace {

std::string joinLines(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        if (end > start)
            out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace

Expected<int64_t> ProjectStore::addVariant(const VariantRecord& variant)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare("INSERT INTO variants (name, package_path, manifest_json, registered_on, trusted_machines) "
                          "VALUES (?, ?, ?, ?, ?)");
    if (!q)
        return q.error();
    const auto trusted = variant.trustedMachines.empty() ? std::vector<std::string>{machineId()} : variant.trustedMachines;
    q->bind(1, variant.name).bind(2, variant.packagePath).bind(3, variant.manifestJson);
    q->bind(4, variant.registeredOn.empty() ? hostName() : variant.registeredOn).bind(5, joinLines(trusted));
    if (auto ran = q->run(); !ran)
        return makeError(ran.error().message + " (variant '" + variant.name + "')", ran.error().context);
    return m_db.lastInsertId();
}

Expected<std::vector<VariantRecord>> ProjectStore::variants()
{
    // A read-only project older than schema 5 has no trust columns: read as empty (not trusted).
    const bool trust = schemaVersion() >= 5;
    auto q = m_db.prepare(trust ? "SELECT id, name, package_path, manifest_json, registered_on, trusted_machines "
                                  "FROM variants ORDER BY id"
                                : "SELECT id, name, package_path, manifest_json, '', '' FROM variants ORDER BY id");
    if (!q)
        return q.error();
    std::vector<VariantRecord> out;
    auto done = forEachRow(*q, [&](const Statement& row) {
        out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), splitLines(row.text(5))});
    });
    if (!done)
        return done.error();
    return out;
}

Expected<Done> ProjectStore::trustVariantHere(int64_t variantId)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    // One statement: appends this machine unless it is listed already.
    auto q = m_db.prepare("UPDATE variants SET trusted_machines = CASE WHEN trusted_machines = '' THEN ?1 "
                          "ELSE trusted_machines || char(10) || ?1 END "
                          "WHERE id = ?2 AND instr(char(10) || trusted_machines || char(10), char(10) || ?1 || char(10)) = 0");
    if (!q)
        return q.error();
    q->bind(1, machineId()).bind(2, variantId);
    return q->run();
}

Expected<int64_t> ProjectStore::createRun(const RunRecord& run)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare(
        "INSERT INTO runs (variant_id, dataset_id, status, card_json, created_at) VALUES (?, ?, ?, ?, ?)");
    if (!q)
        return q.error();
    q->bind(1, run.variantId).bind(2, run.datasetId).bind(3, run.status).bind(4, run.cardJson);
    q->bind(5, run.createdAt.empty() ? utcNow() : run.createdAt);
    if (auto ran = q->run(); !ran)
        return ran.error();
    return m_db.lastInsertId();
}

Expected<Done> ProjectStore::deleteRun(int64_t runId)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare("DELETE FROM runs WHERE id = ?");
    if (!q)
        return q.error();
    q->bind(1, runId);
    return q->run();
}

Expected<Done> ProjectStore::setRunStatus(int64_t runId, const std::string& status, const std::string& message)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    const bool final = status == "finished" || status == "failed" || status == "cancelled";
    auto q = m_db.prepare("UPDATE runs SET status = ?, finished_at = ?, message = ? WHERE id = ?");
    if (!q)
        return q.error();
    q->bind(1, status);
    if (final)
        q->bind(2, utcNow());
    else
        q->bind(2, std::nullopt);
    q->bind(3, message).bind(4, runId);
    return q->run();
}

Expected<Done> ProjectStore::setRunCard(int64_t runId, const std::string& cardJson)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare("UPDATE runs SET card_json = ? WHERE id = ?");
    if (!q)
        return q.error();
    q->bind(1, cardJson).bind(2, runId);
    return q->run();
}

Expected<std::string> ProjectStore::updateRunCard(int64_t runId,
                                                  const std::function<std::string(const std::string&)>& change)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    std::string card;
    auto done = inTransaction(m_db, [&]() -> Expected<Done> {
        auto read = m_db.prepare("SELECT card_json FROM runs WHERE id = ?");
        if (!read)
            return read.error();
        read->bind(1, runId);
        auto row = read->step();
        if (!row)
            return row.error();
        if (!*row)
            return makeError("the project has no run " + std::to_string(runId), m_path.string());
        card = change(read->text(0));
        auto write = m_db.prepare("UPDATE runs SET card_json = ? WHERE id = ?");
        if (!write)
            return write.error();
        write->bind(1, card).bind(2, runId);
        return write->run();
    });
    if (!done)
        return done.error();
    return card;
}

namespace {
const char* const kRunColumns =
    "SELECT id, variant_id, dataset_id, status, card_json, created_at, coalesce(finished_at, ''), message FROM runs";

RunRecord runOfRow(const Statement& row)
{
    return {row.integer(0), row.integer(1), row.integer(2), row.text(3),
            row.text(4),    row.text(5),    row.text(6),    row.text(7)};
}
} // namespace

Expected<RunRecord> ProjectStore::run(int64_t runId)
{
    auto q = m_db.prepare(std::string(kRunColumns) + " WHERE id = ?");
    if (!q)
        return q.error();
    q->bind(1, runId);
    std::optional<RunRecord> found;
    auto done = forEachRow(*q, [&](const Statement& row) { found = runOfRow(row); });
    if (!done)
        return done.error();
    if (!found)
        return makeError("the project has no run " + std::to_string(runId), m_path.string());
    return *found;
}

Expected<std::vector<RunRecord>> ProjectStore::runs()
{
    auto q = m_db.prepare(std::string(kRunColumns) + " ORDER BY id");
    if (!q)
        return q.error();
    std::vector<RunRecord> out;
    auto done = forEachRow(*q, [&](const Statement& row) { out.push_back(runOfRow(row)); });
    if (!done)
        return done.error();
    return out;
}

Expected<Done> ProjectStore::addResults(const std::vector<ResultRecord>& results)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    if (!m_insertResult) {
        auto q = m_db.prepare("INSERT OR REPLACE INTO results (run_id, utterance_id, hypothesis, tokens_json, "
                              "timings_json, peak_memory_bytes, error, output_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (!q)
            return q.error();
        m_insertResult.emplace(std::move(q.value()));
    }
    return inTransaction(m_db, [&]() -> Expected<Done> {
        for (const auto& r : results) {
            Statement& q = *m_insertResult;
            q.bind(1, r.runId).bind(2, r.utteranceId).bind(3, r.hypothesis).bind(4, r.tokensJson).bind(5, r.timingsJson);
            if (r.peakMemoryBytes)
                q.bind(6, *r.peakMemoryBytes);
            else
                q.bind(6, std::nullopt);
            if (r.error.empty())
                q.bind(7, std::nullopt);
            else
                q.bind(7, r.error);
            q.bind(8, r.outputJson.empty() ? std::string("{}") : r.outputJson);
            if (auto ran = q.run(); !ran)
                return ran.error();
        }
        return Done{};
    });
}

Expected<std::vector<ResultRecord>> ProjectStore::results(int64_t runId)
{
    auto q = m_db.prepare("SELECT run_id, utterance_id, hypothesis, tokens_json, timings_json, peak_memory_bytes, "
                          "coalesce(error, ''), output_json FROM results WHERE run_id = ? ORDER BY utterance_id");
    if (!q)
        return q.error();
    q->bind(1, runId);
    std::vector<ResultRecord> out;
    auto done = forEachRow(*q, [&](const Statement& row) {
        ResultRecord r{row.integer(0), row.integer(1), row.text(2), row.text(3), row.text(4), std::nullopt, row.text(6),
                       row.text(7)};
        if (!row.isNull(5))
            r.peakMemoryBytes = row.integer(5);
        out.push_back(std::move(r));
    });
    if (!done)
        return done.error();
    return out;
}

Expected<std::vector<ProjectStore::ResultCount>> ProjectStore::resultCounts()
{
    auto q = m_db.prepare("SELECT run_id, count(*), count(error) FROM results GROUP BY run_id ORDER BY run_id");
    if (!q)
        return q.error();
    std::vector<ResultCount> out;
    auto done = forEachRow(*q, [&](const Statement& row) { out.push_back({row.integer(0), row.integer(1), row.integer(2)}); });
    if (!done)
        return done.error();
    return out;
}

Expected<std::vector<int64_t>> ProjectStore::pendingUtterances(int64_t runId)
{
    auto q = m_db.prepare("SELECT u.id FROM utterances u JOIN runs r ON r.dataset_id = u.dataset_id "
                          "WHERE r.id = ?1 AND NOT EXISTS "
                          "(SELECT 1 FROM results x WHERE x.run_id = ?1 AND x.utterance_id = u.id) ORDER BY u.id");
    if (!q)
        return q.error();
    q->bind(1, runId);
    std::vector<int64_t> out;
    auto done = forEachRow(*q, [&](const Statement& row) {
        out.push_back(row.integer(0));
    });
    if (!done)
        return done.error();
    return out;
}

Expected<int64_t> ProjectStore::addOperatorProfile(int64_t runId, const std::string& profileJson)
{
    if (auto refused = writable(); !refused)
        return refused.error();
    auto q = m_db.prepare("INSERT INTO operator_profiles (run_id, captured_at, profile_json) VALUES (?, ?, ?)");
    if (!q)
        return q.error();
    q->bind(1, runId).bind(2, utcNow()).bind(3, profileJson);
    if (auto ran = q->run(); !ran)
        return ran.error();
    return m_db.lastInsertId();
}

Expected<std::vector<ProjectStore::ProfileEntry>> ProjectStore::operatorProfiles()
{
    auto q = m_db.prepare("SELECT id, run_id, captured_at FROM operator_profiles ORDER BY id");
    if (!q)
        return q.error();
    std::vector<ProfileEntry> out;
    auto done = forEachRow(*q, [&](const Statement& row) {
        out.push_back({row.integer(0), row.integer(1), row.text(2)});
    });
    if (!done)
        return done.error();
    return out;
}

Expected<std::string> ProjectStore::operatorProfileJson(int64_t profileId)
{
    auto q = m_db.prepare("SELECT profile_json FROM operator_profiles WHERE id = ?");
    if (!q)
        return q.error();
    q->bind(1, profileId);
    std::optional<std::string> out;
    auto done = forEachRow(*q, [&](const Statement& row) { out = row.text(0); });
    if (!done)
        return done.error();
    if (!out)
        return makeError("the project has no operator profile " + std::to_string(profileId), m_path.string());
    return *out;
}

Expected<Done> ProjectStore::checkIntegrity()
{
    for (const char* pragma : {"PRAGMA integrity_check", "PRAGMA foreign_key_check"}) {
        auto q = m_db.prepare(pragma);
        if (!q)
            return q.error();
        std::string problems;
        while (true) {
            auto row = q->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            const std::string text = q->text(0);
            if (text != "ok")
                problems += (problems.empty() ? "" : "; ") + (text.empty() ? std::string("foreign key violation") : text);
        }
        if (!problems.empty())
            return makeError(std::string(pragma) + " failed: " + problems, m_path.string());
    }
    return Done{};
}

Expected<Done> ProjectStore::copyWithoutRuns(const std::filesystem::path& to)
{
    std::error_code ec;
    if (std::filesystem::exists(to, ec))
        return makeError("will not overwrite an existing file", to.string());
    std::string quoted = "'";
    for (char c : to.string())
        quoted += c == '\'' ? std::string("''") : std::string(1, c);
    quoted += "'";
    if (auto copied = m_db.execute("VACUUM INTO " + quoted); !copied)
        return makeError("cannot copy the project: " + copied.error().message, to.string());
    auto copy = open(to, Mode::OpenExisting);
    if (!copy)
        return copy.error();
    if (auto emptied = (*copy)->m_db.execute("DELETE FROM runs; VACUUM"); !emptied) // results, profiles, leases cascade
        return makeError("cannot empty the copy: " + emptied.error().message, to.string());
    return Done{};
}

} // namespace vox::store
