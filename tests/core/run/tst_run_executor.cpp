// Executing runs into a project: results equal the engine's own on the same audio, a broken
// audio file fails one utterance, pause and resume give the same results as one go, every
// utterance gets exactly one result, and the card and summary say what was measured.
#include "tests/support/file_text.h"
#include "core/dataset/dataset_import.h"
#include "core/run/run_card.h"
#include "core/run/run_comparison.h"
#include "core/run/run_executor.h"
#include "core/run/run_summary.h"
#include "core/store/dataset_records.h"
#include "core/whisper/engine.h"
#include "core/audio/audio_decoder.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>

using namespace vox;
using store::ProjectStore;

namespace {

const std::string kPackage = VOXBENCH_FIXTURE_DIR "/whisper/packages/en";
const std::string kManifest = VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json";


} // namespace

class TestRunExecutor : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_project;
    int64_t m_dataset = 0, m_variant = 0, m_kws = 0;
    std::string m_brokenAudio;

    std::unique_ptr<ProjectStore> store()
    {
        auto s = ProjectStore::open(m_project, ProjectStore::Mode::OpenExisting);
        if (!s)
            qFatal("%s", s.error().describe().c_str());
        return std::move(*s);
    }

    std::map<int64_t, store::ResultRecord> resultsOf(int64_t runId)
    {
        std::map<int64_t, store::ResultRecord> out;
        auto list = store()->results(runId);
        for (auto& r : list.value())
            out[r.utteranceId] = r;
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath("runs.voxbench").toStdString();
        auto report = dataset::importDataset(kManifest);
        QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
        auto records = store::utteranceRecords(*report);
        QVERIFY(records.size() >= 7);
        // The third utterance's audio is damaged: not audio at all.
        m_brokenAudio = m_dir.filePath("broken.flac").toStdString();
        std::ofstream(m_brokenAudio) << "this is not a FLAC file";
        records[2].audioPath = m_brokenAudio;
        auto s = ProjectStore::open(m_project);
        QVERIFY(s.ok());
        m_dataset = (*s)->addDataset(store::datasetRecord(*report, "clean"), records).value();
        m_variant = (*s)->addVariant({0, "en", kPackage, test::fileText(kPackage + "/voxbench-model.json")}).value();
        m_kws = (*s)->addVariant({0, "kws", "/nowhere", R"({"family":"kws-crnn"})"}).value();
    }

    void resultsEqualTheEngineAndABrokenFileFailsOneUtterance()
    {
        run::RunSettings settings;
        settings.limit = 7;
        settings.batch = 2;
        settings.warmup = 1;
        settings.repeats = 2;
        auto runId = run::createRun(*store(), m_variant, m_dataset, settings);
        QVERIFY2(runId.ok(), runId ? "" : runId.error().describe().c_str());
        QCOMPARE(store()->run(*runId)->status, std::string("queued"));

        run::RunControl control;
        std::vector<std::string> stages;
        int64_t lastDone = 0;
        run::RunEvents events;
        events.onStage = [&](const std::string& s) { stages.push_back(s); };
        events.onResults = [&](const auto& batch, const run::RunProgress& p) {
            QVERIFY(!batch.empty());
            QVERIFY(p.done > lastDone);
            lastDone = p.done;
        };
        const auto outcome = run::executeRun(m_project, *runId, control, events);
        QCOMPARE(outcome.status, run::RunStatus::Finished);
        QCOMPARE(outcome.progress.total, int64_t(7));
        QCOMPARE(outcome.progress.done, int64_t(7));
        QCOMPARE(outcome.progress.failed, int64_t(1));
        QCOMPARE(stages, (std::vector<std::string>{"loading", "warming up", "running"}));
        QCOMPARE(store()->run(*runId)->status, std::string("finished"));

        // The same utterances through the engine directly, one at a time: the same tokens.
        auto engine = whisper::Engine::load(kPackage);
        QVERIFY(engine.ok());
        const auto utterances = run::runUtterances(store()->utterances(m_dataset).value(), 7);
        const auto results = resultsOf(*runId);
        QCOMPARE(results.size(), size_t(7));
        for (const auto& u : utterances) {
            const auto& r = results.at(u.id);
            if (u.audioPath == m_brokenAudio) {
                QVERIFY2(r.error.find("cannot decode the audio") != std::string::npos, r.error.c_str());
                QVERIFY(r.error.find("broken.flac") != std::string::npos);
                continue;
            }
            QVERIFY2(r.error.empty(), r.error.c_str());
            auto audio = audio::decodeAudio(u.audioPath);
            QVERIFY(audio.ok());
            auto direct = engine->transcribe({audio->samples});
            QVERIFY(direct.ok());
            QCOMPARE(nlohmann::json::parse(r.tokensJson).get<std::vector<int64_t>>(), direct->front().tokens);
            QCOMPARE(r.hypothesis, direct->front().text);
            const auto t = nlohmann::json::parse(r.timingsJson);
            QVERIFY(t.at("total_ms").get<double>() > 0);
            QCOMPARE(t.at("repeats_ms").size(), size_t(2));
            QVERIFY(t.at("batch").get<int>() >= 1 && t.at("batch").get<int>() <= 2);
            QCOMPARE(t.at("audio_s").get<double>(), double(audio->samples.size()) / 16000.0);
        }

        // The card: settings as given, one session with the environment.
        const auto card = nlohmann::json::parse(store()->run(*runId)->cardJson);
        QCOMPARE(card["settings"]["batch"].get<int>(), 2);
        QCOMPARE(card["settings"]["limit"].get<int>(), 7);
        QCOMPARE(card["variant"]["name"].get<std::string>(), std::string("en"));
        QCOMPARE(card["dataset"]["name"].get<std::string>(), std::string("clean"));
        QCOMPARE(card["sessions"].size(), size_t(1));
        const auto env = card["sessions"][0]["environment"];
        QVERIFY(!env["torch"].get<std::string>().empty());
        QCOMPARE(env["device"].get<std::string>(), std::string("cpu"));
        QCOMPARE(env["dtype"].get<std::string>(), std::string("float32"));

        // The summary: six scored, one failed; WER from the counts; RTF from times and audio.
        auto summary = run::summarizeRun(*store(), *runId, "whisper-en");
        QVERIFY(summary.ok());
        QCOMPARE(summary->utterances, int64_t(7));
        QCOMPARE(summary->withResult, int64_t(7));
        QCOMPARE(summary->failed, int64_t(1));
        QVERIFY(summary->wer.has_value());
        QCOMPARE(summary->wer->estimate, double(summary->words.errors()) / double(summary->words.referenceLength()));
        QVERIFY(summary->wer->low <= summary->wer->estimate && summary->wer->estimate <= summary->wer->high);
        QVERIFY(summary->words.referenceLength() > 20);
        QVERIFY(summary->audioSeconds > 6);
        QCOMPARE(summary->realTimeFactor, summary->computeMs / 1000.0 / summary->audioSeconds);
        QCOMPARE(summary->normalizer.rfind("whisper-en@", 0), size_t(0));
    }

    // Three threads: three workers over one loaded model (one thread each), batches taken in
    // turn; every utterance stored once with the tokens one worker stores; the card says how.
    void severalWorkersStoreWhatOneStores()
    {
        auto runWith = [&](int threads) {
            run::RunSettings settings;
            settings.limit = 9;
            settings.warmup = 1;
            settings.threads = threads;
            auto runId = run::createRun(*store(), m_variant, m_dataset, settings);
            run::RunControl control;
            std::vector<std::string> stages;
            run::RunEvents events;
            events.onStage = [&](const std::string& stage) { stages.push_back(stage); };
            const auto outcome = run::executeRun(m_project, runId.value(), control, events);
            if (outcome.status != run::RunStatus::Finished || outcome.progress.done != 9 || outcome.progress.failed != 1)
                qFatal("run with %d threads: %s, %lld done", threads, outcome.message.c_str(),
                       static_cast<long long>(outcome.progress.done));
            return std::make_pair(*runId, stages);
        };
        const auto [one, oneStages] = runWith(1);
        const auto [three, threeStages] = runWith(3);
        QCOMPARE(oneStages, (std::vector<std::string>{"loading", "warming up", "running"}));
        QCOMPARE(threeStages, (std::vector<std::string>{"loading", "warming up", "running (3 batches at once)"}));
        const auto a = resultsOf(one), b = resultsOf(three);
        QCOMPARE(a.size(), size_t(9));
        QCOMPARE(b.size(), size_t(9));
        for (const auto& [utterance, r] : a) {
            QCOMPARE(b.at(utterance).tokensJson, r.tokensJson);
            QCOMPARE(b.at(utterance).hypothesis, r.hypothesis);
            QCOMPARE(b.at(utterance).error.empty(), r.error.empty());
        }
        const auto env = [&](int64_t runId) {
            return nlohmann::json::parse(store()->run(runId)->cardJson)["sessions"][0]["environment"];
        };
        QCOMPARE(env(one)["parallel"].get<int>(), 1);
        QCOMPARE(env(three)["parallel"].get<int>(), 3);
        QCOMPARE(env(three)["threads"].get<int>(), 3);
        QVERIFY2(env(three)["thread_pools"].get<std::string>().rfind("1 thread: ", 0) == 0,
                 env(three)["thread_pools"].get<std::string>().c_str());
        // The two runs' figures are not comparable without saying so.
        const auto diff = run::describe(run::differences(store()->run(one)->cardJson, store()->run(three)->cardJson));
        QVERIFY2(diff.find("threads 1 vs 3") != std::string::npos, diff.c_str());
        QVERIFY2(diff.find("environment: parallel 1 vs 3") != std::string::npos, diff.c_str());
    }

    void pausedAndResumedEqualsOneGo()
    {
        run::RunSettings settings;
        settings.limit = 6;
        settings.warmup = 0;
        auto whole = run::createRun(*store(), m_variant, m_dataset, settings).value();
        auto split = run::createRun(*store(), m_variant, m_dataset, settings).value();
        run::RunControl control;
        QCOMPARE(run::executeRun(m_project, whole, control).status, run::RunStatus::Finished);

        // Pause after the second utterance.
        run::RunControl pausing;
        run::RunEvents events;
        events.onResults = [&](const auto&, const run::RunProgress& p) {
            if (p.done >= 2)
                pausing.pause = true;
        };
        const auto paused = run::executeRun(m_project, split, pausing, events);
        QCOMPARE(paused.status, run::RunStatus::Paused);
        QCOMPARE(paused.progress.done, int64_t(2));
        QCOMPARE(store()->run(split)->status, std::string("paused"));
        QCOMPARE(store()->pendingUtterances(split)->size(), store()->utterances(m_dataset)->size() - 2);

        run::RunControl again;
        const auto resumed = run::executeRun(m_project, split, again);
        QCOMPARE(resumed.status, run::RunStatus::Finished);
        QCOMPARE(resumed.progress.done, int64_t(6));

        const auto a = resultsOf(whole), b = resultsOf(split);
        QCOMPARE(b.size(), size_t(6));
        for (const auto& [id, r] : a) {
            QCOMPARE(b.at(id).tokensJson, r.tokensJson);
            QCOMPARE(b.at(id).error, r.error);
        }
        // Two sessions in the card; the two runs are comparable.
        const auto card = nlohmann::json::parse(store()->run(split)->cardJson);
        QCOMPARE(card["sessions"].size(), size_t(2));
        QVERIFY(run::differences(store()->run(whole)->cardJson, store()->run(split)->cardJson).empty());

        // Side by side with a beam-2 run over the first four: rows for every covered utterance,
        // per-cell counts that add up to the summary's, diffs that spell the reference, and the
        // beam named as what makes the runs not comparable.
        run::RunSettings beam2 = settings;
        beam2.beam = 2;
        beam2.limit = 4;
        auto beamRun = run::createRun(*store(), m_variant, m_dataset, beam2).value();
        run::RunControl control2;
        QCOMPARE(run::executeRun(m_project, beamRun, control2).status, run::RunStatus::Finished);
        auto cmp = run::compareRuns(*store(), {whole, beamRun}, "whisper-en");
        QVERIFY2(cmp.ok(), cmp ? "" : cmp.error().describe().c_str());
        QCOMPARE(cmp->rows.size(), size_t(6));
        QCOMPARE(cmp->runs.size(), size_t(2));
        QCOMPARE(cmp->notComparable.size(), size_t(1));
        QVERIFY2(cmp->notComparable[0].find("beam 1 vs 2") != std::string::npos, cmp->notComparable[0].c_str());
        QVERIFY(cmp->notComparable[0].find("limit 6 vs 4") != std::string::npos);
        scoring::EditCounts sum;
        int beamCells = 0;
        for (const auto& row : cmp->rows) {
            if (!row.cells[0].error.empty())
                continue;
            QVERIFY(row.cells[0].present);
            sum += row.cells[0].counts;
            std::string spelled;
            for (const auto& d : row.cells[0].diff)
                if (d.op != scoring::EditOp::Insertion)
                    spelled += (spelled.empty() ? "" : " ") + d.ref;
            QCOMPARE(spelled, row.normalizedReference);
            beamCells += row.cells[1].present;
        }
        QCOMPARE(beamCells, 3); // four covered, one of them the broken file
        QCOMPARE(sum, cmp->runs[0].words);
        QVERIFY(!run::compareRuns(*store(), {whole, 999}, "whisper-en").ok());

        // A finished run executed again does nothing.
        run::RunControl idle;
        const auto nothing = run::executeRun(m_project, split, idle);
        QCOMPARE(nothing.status, run::RunStatus::Finished);
        QCOMPARE(resultsOf(split).size(), size_t(6));
    }

    void cancelStopsAndLeavesTheRestPending()
    {
        run::RunSettings settings;
        settings.limit = 5;
        settings.warmup = 0;
        auto id = run::createRun(*store(), m_variant, m_dataset, settings).value();
        run::RunControl control;
        run::RunEvents events;
        events.onResults = [&](const auto&, const run::RunProgress&) { control.cancel = true; };
        const auto outcome = run::executeRun(m_project, id, control, events);
        QCOMPARE(outcome.status, run::RunStatus::Cancelled);
        QVERIFY(outcome.message.find("1 of 5") != std::string::npos);
        QCOMPARE(resultsOf(id).size(), size_t(1));
        QVERIFY(!store()->run(id)->finishedAt.empty());
    }

    void clearFailuresForWrongVariantsAndSettings()
    {
        run::RunControl control;
        auto kwsRun = run::createRun(*store(), m_kws, m_dataset, {}).value();
        auto outcome = run::executeRun(m_project, kwsRun, control);
        QCOMPARE(outcome.status, run::RunStatus::Failed);
        QVERIFY2(outcome.message.find("kws-crnn package") != std::string::npos, outcome.message.c_str());
        QCOMPARE(store()->run(kwsRun)->message, outcome.message);

        auto moved = store()->addVariant({0, "moved", m_dir.filePath("gone").toStdString(),
                                          test::fileText(kPackage + "/voxbench-model.json")});
        QVERIFY(moved.ok());
        auto movedRun = run::createRun(*store(), *moved, m_dataset, {}).value();
        outcome = run::executeRun(m_project, movedRun, control);
        QCOMPARE(outcome.status, run::RunStatus::Failed);
        QVERIFY2(outcome.message.find("cannot load moved") != std::string::npos, outcome.message.c_str());

        run::RunSettings bad;
        bad.beam = 4;
        bad.batch = 8;
        auto refused = run::createRun(*store(), m_variant, m_dataset, bad);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find("batch 1 with beam 4") != std::string::npos);
        QVERIFY(!run::createRun(*store(), 999, m_dataset, {}).ok());
        QVERIFY(!run::executeRun(m_project, 999, control).message.empty());
    }
};

QTEST_GUILESS_MAIN(TestRunExecutor)
#include "tst_run_executor.moc"
