// The project store: schema and pragmas, round trips of every record kind, foreign keys,
// resumable runs, and clear errors for files that are not (or not yet) VoxBench projects.
#include "core/store/package_trust.h"
#include "core/store/project_store.h"
#include "core/util/machine.h"
#include "core/store/schema.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace vox::store;

namespace {

std::string pragma(const std::string& path, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    std::string value;
    if (sqlite3_step(st) == SQLITE_ROW)
        value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

// Takes a project back to before migration 4.
void dropTrustColumns(const std::string& path)
{
    for (const char* column : {"registered_on", "trusted_machines"})
        pragma(path, (std::string("ALTER TABLE variants DROP COLUMN ") + column).c_str());
}

std::vector<UtteranceRecord> someUtterances(int n)
{
    std::vector<UtteranceRecord> list;
    for (int i = 0; i < n; ++i) {
        UtteranceRecord u;
        u.uttId = "spk" + std::to_string(i % 3) + "-utt" + std::to_string(i);
        u.audioPath = "/data/a" + std::to_string(i) + ".flac";
        u.reference = "reference number " + std::to_string(i);
        u.speaker = "spk" + std::to_string(i % 3);
        if (i % 2)
            u.start = 1.5 * i, u.end = 1.5 * i + 1.0;
        u.duration = 2.25;
        u.extraJson = R"({"gender":"f"})";
        list.push_back(u);
    }
    return list;
}

} // namespace

class TestProjectStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string file(const char* name) { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

private slots:
    void createsWithWalForeignKeysAndSchemaVersion()
    {
        auto store = ProjectStore::open(file("new.voxbench"));
        QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
        QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        QCOMPARE(pragma(file("new.voxbench"), "PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(pragma(file("new.voxbench"), "PRAGMA user_version"), std::to_string(kSchemaVersion));
        QVERIFY((*store)->checkIntegrity().ok());
    }

    void roundTripsEveryRecordKind()
    {
        auto opened = ProjectStore::open(file("trip.voxbench"));
        QVERIFY(opened.ok());
        ProjectStore& store = **opened;

        auto utts = someUtterances(10);
        auto datasetId = store.addDataset({0, "demo clean", "/data/clean", "librispeech", "", R"({"skipped":[]})", 0}, utts);
        QVERIFY2(datasetId.ok(), datasetId ? "" : datasetId.error().describe().c_str());
        QVERIFY(utts[0].id > 0 && utts[9].id == utts[0].id + 9);

        auto datasets = store.datasets();
        QVERIFY(datasets.ok());
        QCOMPARE(datasets->size(), size_t(1));
        QCOMPARE(QString::fromStdString(datasets->at(0).name), QStringLiteral("demo clean"));
        QCOMPARE(datasets->at(0).utteranceCount, int64_t(10));
        QVERIFY(!datasets->at(0).importedAt.empty());

        auto back = store.utterances(*datasetId);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), size_t(10));
        QCOMPARE(back->at(3).uttId, utts[3].uttId);
        QCOMPARE(*back->at(3).start, 4.5);
        QVERIFY(!back->at(2).start.has_value());
        QCOMPARE(back->at(3).extraJson, std::string(R"({"gender":"f"})"));

        auto variant = store.addVariant({0, "whisper-demo int8", "/models/int8", "{}"});
        QVERIFY(variant.ok());
        QVERIFY(!store.addVariant({0, "whisper-demo int8", "/models/other", "{}"}).ok()); // names are unique

        auto run = store.createRun({0, *variant, *datasetId, "running", R"({"threads":1,"beam":1})", "", "", ""});
        QVERIFY(run.ok());
        std::vector<ResultRecord> batch;
        for (int i = 0; i < 4; ++i)
            batch.push_back({*run, utts[size_t(i)].id, "hyp " + std::to_string(i), "[1,2]", R"({"encoder_ms":3})",
                             1024 * i, i == 2 ? "decode failed: truncated file" : "",
                             i == 1 ? R"({"keyword_probability":0.25})" : "{}"});
        QVERIFY(store.addResults(batch).ok());

        auto pending = store.pendingUtterances(*run);
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), size_t(6));
        QCOMPARE(pending->front(), utts[4].id);

        batch.resize(1);
        batch[0].hypothesis = "replaced";
        QVERIFY(store.addResults(batch).ok());
        auto results = store.results(*run);
        QVERIFY(results.ok());
        QCOMPARE(results->size(), size_t(4));
        QCOMPARE(results->at(0).hypothesis, std::string("replaced"));
        QCOMPARE(results->at(2).error, std::string("decode failed: truncated file"));
        QCOMPARE(*results->at(3).peakMemoryBytes, int64_t(3072));
        QCOMPARE(results->at(1).outputJson, std::string(R"({"keyword_probability":0.25})"));
        QCOMPARE(results->at(3).outputJson, std::string("{}"));
        auto counts = store.resultCounts();
        QVERIFY(counts.ok());
        QCOMPARE(counts->size(), size_t(1));
        QCOMPARE(counts->at(0).runId, *run);
        QCOMPARE(counts->at(0).results, int64_t(4));
        QCOMPARE(counts->at(0).failed, int64_t(1));

        QVERIFY(store.setRunStatus(*run, "finished").ok());
        auto runs = store.runs();
        QVERIFY(runs.ok());
        QCOMPARE(runs->at(0).status, std::string("finished"));
        QVERIFY(!runs->at(0).finishedAt.empty());
        QVERIFY(!store.setRunStatus(*run, "exploded").ok()); // CHECK constraint
        QVERIFY(store.setRunStatus(*run, "failed", "cannot load the model: no such file").ok());
        QVERIFY(store.setRunCard(*run, R"({"threads":2})").ok());
        auto one = store.run(*run);
        QVERIFY(one.ok());
        QCOMPARE(one->status, std::string("failed"));
        QCOMPARE(one->message, std::string("cannot load the model: no such file"));
        QCOMPARE(one->cardJson, std::string(R"({"threads":2})"));
        auto none = store.run(*run + 100);
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.find("no run " + std::to_string(*run + 100)) != std::string::npos);

        QVERIFY(store.addOperatorProfile(*run, R"({"ops":[]})").ok());
        QVERIFY(store.checkIntegrity().ok());
    }

    void foreignKeysAreEnforcedAndBatchesAreAtomic()
    {
        auto opened = ProjectStore::open(file("fk.voxbench"));
        QVERIFY(opened.ok());
        ProjectStore& store = **opened;
        auto utts = someUtterances(2);
        auto datasetId = store.addDataset({0, "d", "/d", "folder", "", "{}", 0}, utts);
        auto variant = store.addVariant({0, "v", "/v", "{}"});
        auto run = store.createRun({0, *variant, *datasetId, "running", "{}", "", "", ""});
        QVERIFY(datasetId.ok() && variant.ok() && run.ok());

        // The second result names an utterance that does not exist: the whole batch is refused.
        std::vector<ResultRecord> batch{{*run, utts[0].id, "ok", "[]", "{}", std::nullopt, ""},
                                        {*run, 999999, "orphan", "[]", "{}", std::nullopt, ""}};
        auto added = store.addResults(batch);
        QVERIFY(!added.ok());
        QVERIFY2(added.error().message.find("FOREIGN KEY") != std::string::npos, added.error().message.c_str());
        QCOMPARE(store.results(*run)->size(), size_t(0));
        QVERIFY(!store.createRun({0, 12345, *datasetId, "queued", "{}", "", "", ""}).ok());

        // A dataset with a duplicate utterance id is refused whole.
        auto dup = someUtterances(3);
        dup[2].uttId = dup[0].uttId;
        auto refused = store.addDataset({0, "dup", "/dup", "folder", "", "{}", 0}, dup);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find(dup[0].uttId) != std::string::npos);
        QCOMPARE(store.datasets()->size(), size_t(1));
    }

    void upgradesAVersionOneProject()
    {
        // A version-1 project: today's schema less the columns of migrations 2 and 3 and the table of 4, user_version 1.
        const std::string path = file("v1.voxbench");
        {
            auto made = ProjectStore::open(path);
            QVERIFY(made.ok());
            auto utts = someUtterances(2);
            auto dataset = (*made)->addDataset({0, "old", "/data", "nemo", "2026-01-01T00:00:00Z", "{}", 0}, utts);
            auto variant = (*made)->addVariant({0, "v", "/pkg", "{}"});
            QVERIFY((*made)->createRun({0, *variant, *dataset, "finished", R"({"beam":1})", "", "", ""}).ok());
        }
        pragma(path, "DROP TABLE run_leases");
        pragma(path, "ALTER TABLE runs DROP COLUMN message");
        pragma(path, "ALTER TABLE results DROP COLUMN output_json");
        dropTrustColumns(path);
        pragma(path, "PRAGMA user_version = 1");
        QCOMPARE(pragma(path, "PRAGMA user_version"), std::string("1"));

        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
        QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        auto runs = (*store)->runs();
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), size_t(1));
        QCOMPARE(runs->at(0).cardJson, std::string(R"({"beam":1})"));
        QCOMPARE(runs->at(0).message, std::string());
        QVERIFY((*store)->checkIntegrity().ok());
    }

    void upgradesAVersionTwoProject()
    {
        // A version-2 project with a stored result: today's schema less migration 3's column and 4's table.
        const std::string path = file("v2.voxbench");
        int64_t runId = 0, uttId = 0;
        {
            auto made = ProjectStore::open(path);
            QVERIFY(made.ok());
            auto utts = someUtterances(2);
            auto dataset = (*made)->addDataset({0, "old", "/data", "nemo", "2026-01-01T00:00:00Z", "{}", 0}, utts);
            auto variant = (*made)->addVariant({0, "v", "/pkg", "{}"});
            auto run = (*made)->createRun({0, *variant, *dataset, "finished", R"({"beam":1})", "", "", ""});
            QVERIFY(run.ok());
            runId = *run;
            uttId = utts[0].id;
            QVERIFY((*made)->addResults({{runId, uttId, "old words", "[7]", R"({"total_ms":5})", 2048, ""}}).ok());
        }
        pragma(path, "DROP TABLE run_leases");
        pragma(path, "ALTER TABLE results DROP COLUMN output_json");
        dropTrustColumns(path);
        pragma(path, "PRAGMA user_version = 2");
        QCOMPARE(pragma(path, "SELECT count(*) FROM pragma_table_info('results') WHERE name = 'output_json'"),
                 std::string("0"));

        // Read-only opening refuses a project that needs the upgrade, and leaves it as it is.
        auto readOnly = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        QVERIFY(!readOnly.ok());
        QVERIFY(readOnly.error().message.find("needs an upgrade") != std::string::npos);
        QCOMPARE(pragma(path, "PRAGMA user_version"), std::string("2"));

        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
        QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        QCOMPARE(pragma(path, "PRAGMA user_version"), std::to_string(kSchemaVersion));
        auto results = (*store)->results(runId);
        QVERIFY(results.ok());
        QCOMPARE(results->size(), size_t(1));
        QCOMPARE(results->at(0).hypothesis, std::string("old words"));
        QCOMPARE(results->at(0).timingsJson, std::string(R"({"total_ms":5})"));
        QCOMPARE(*results->at(0).peakMemoryBytes, int64_t(2048));
        QCOMPARE(results->at(0).outputJson, std::string("{}")); // the column's default for old rows

        // The upgraded project stores and reads the new column.
        ResultRecord kws{runId, uttId, "sheila", "[]", R"({"per_utterance_ms":1.5})", std::nullopt, ""};
        kws.outputJson = R"({"probabilities":[0.9,0.05,0.05],"keyword_probability":0.9,"predicted":"sheila"})";
        QVERIFY((*store)->addResults({kws}).ok());
        QCOMPARE((*store)->results(runId)->at(0).outputJson, kws.outputJson);
        QVERIFY((*store)->checkIntegrity().ok());
    }

    void packagesFromElsewhereAreNotTrustedUntilSaid()
    {
        // A version-3 project: variants without the trust columns, as every older project has.
        const std::string path = file("v3.voxbench");
        int64_t old = 0;
        {
            auto made = ProjectStore::open(path);
            QVERIFY(made.ok());
            old = *(*made)->addVariant({0, "old", "/pkg/old", "{}"});
        }
        dropTrustColumns(path);
        pragma(path, "DROP TABLE run_leases");
        pragma(path, "PRAGMA user_version = 3");
        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
        QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        auto variants = (*store)->variants();
        QCOMPARE(variants->size(), size_t(1));
        QVERIFY(variants->at(0).trustedMachines.empty());
        QVERIFY(!vox::store::trustedHere(variants->at(0)));
        const std::string message = vox::store::untrustedMessage(variants->at(0), path);
        QVERIFY2(message.find("variant old was added to this project by an older VoxBench or on another machine")
                     != std::string::npos,
                 message.c_str());
        QVERIFY(message.find("voxbench-cli variant trust -p '" + path + "' old") != std::string::npos);

        // Added here: trusted here, with this host named.
        const int64_t fresh = *(*store)->addVariant({0, "fresh", "/pkg/fresh", "{}"});
        variants = (*store)->variants();
        QVERIFY(vox::store::trustedHere(variants->at(1)));
        QCOMPARE(variants->at(1).registeredOn, vox::hostName());
        QCOMPARE(variants->at(1).trustedMachines, std::vector<std::string>{vox::machineId()});

        // Said yes: trusted, listed once however often it is said; the other variant unchanged.
        QVERIFY((*store)->trustVariantHere(old).ok());
        QVERIFY((*store)->trustVariantHere(old).ok());
        variants = (*store)->variants();
        QCOMPARE(variants->at(0).trustedMachines, std::vector<std::string>{vox::machineId()});
        QCOMPARE(variants->at(1).trustedMachines, std::vector<std::string>{vox::machineId()});
        QCOMPARE(variants->at(1).id, fresh);
        QVERIFY((*store)->checkIntegrity().ok());
    }

    void clearErrorsForWrongFiles()
    {
        const std::string text = file("notes.txt");
        std::ofstream(text) << "these are not the droids you are looking for, and not a database either\n";
        auto notDb = ProjectStore::open(text, ProjectStore::Mode::OpenExisting);
        QVERIFY(!notDb.ok());
        QVERIFY2(notDb.error().message.find("not a VoxBench project") != std::string::npos, notDb.error().message.c_str());
        QCOMPARE(notDb.error().context, text);

        auto missing = ProjectStore::open(file("missing.voxbench"), ProjectStore::Mode::OpenExisting);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().message, std::string("no such project file"));

        auto dir = ProjectStore::open(m_dir.path().toStdString(), ProjectStore::Mode::OpenOrCreate);
        QVERIFY(!dir.ok());
        QVERIFY(dir.error().message.find("directory") != std::string::npos);

        // A project from a newer VoxBench is refused, not damaged.
        {
            auto store = ProjectStore::open(file("future.voxbench"));
            QVERIFY(store.ok());
        }
        pragma(file("future.voxbench"), "PRAGMA user_version = 99");
        auto future = ProjectStore::open(file("future.voxbench"));
        QVERIFY(!future.ok());
        QVERIFY2(future.error().message.find("newer VoxBench (schema 99") != std::string::npos,
                 future.error().message.c_str());
        QCOMPARE(pragma(file("future.voxbench"), "PRAGMA user_version"), std::string("99"));
    }

    void readOnlyModeReadsAndRefusesWrites()
    {
        {
            auto store = ProjectStore::open(file("ro.voxbench"));
            auto utts = someUtterances(1);
            QVERIFY((*store)->addDataset({0, "d", "/d", "folder", "", "{}", 0}, utts).ok());
        }
        auto ro = ProjectStore::open(file("ro.voxbench"), ProjectStore::Mode::ReadOnly);
        QVERIFY2(ro.ok(), ro ? "" : ro.error().describe().c_str());
        QCOMPARE((*ro)->datasets()->size(), size_t(1));
        QVERIFY(!(*ro)->addVariant({0, "v", "/v", "{}"}).ok());
    }
};

QTEST_APPLESS_MAIN(TestProjectStore)
#include "tst_project_store.moc"
