// KWS runs executed into a project (core/run/kws_run_executor.cpp) with the demo's teacher and
// student-gru16-int8: a subset of the demo clips (one of them broken) in batches, paused after
// the first batch and resumed, the stored probabilities equal to the classifier's own, the
// summary's figures equal to the definitions computed here from what was stored; the demo
// stream scored chunk by chunk with the detections the Python reference counted; and the runs
// that must fail say what to change.
#include "tests/core/run/kws_figures.h"
#include "core/audio/audio_decoder.h"
#include "core/dataset/dataset_import.h"
#include "core/kws/classifier.h"
#include "core/kws/demo_data.h"
#include "core/run/kws_results.h"
#include "core/run/run_executor.h"
#include "core/store/dataset_records.h"
#include "core/store/package_records.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <map>

using namespace vox;
using nlohmann::json;
using store::ProjectStore;

namespace {

const std::filesystem::path kDemo = std::filesystem::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "kws";

struct Outcome {
    run::RunOutcome outcome;
    std::vector<std::string> stages;
    std::vector<size_t> batches;
};

} // namespace

class TestKwsRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_project;
    int64_t m_teacher = 0, m_student = 0, m_whisper = 0;
    int64_t m_clips = 0, m_stream = 0, m_speech = 0;
    std::string m_broken;
    std::map<int64_t, int64_t> m_runOf; // variant -> its clip run

    std::unique_ptr<ProjectStore> store()
    {
        auto s = ProjectStore::open(m_project, ProjectStore::Mode::OpenExisting);
        if (!s)
            qFatal("%s", s.error().describe().c_str());
        return std::move(*s);
    }

    Outcome execute(int64_t runId, bool pauseAfterFirstBatch = false)
    {
        Outcome out;
        run::RunControl control;
        run::RunEvents events;
        events.onStage = [&](const std::string& s) { out.stages.push_back(s); };
        events.onResults = [&](const std::vector<store::ResultRecord>& batch, const run::RunProgress&) {
            out.batches.push_back(batch.size());
            if (pauseAfterFirstBatch)
                control.pause = true;
        };
        out.outcome = run::executeRun(m_project, runId, control, events);
        return out;
    }

    int64_t variant(const std::string& package)
    {
        auto record = store::variantFromPackage(kDemo / "models" / package);
        if (!record)
            qFatal("%s", record.error().describe().c_str());
        return store()->addVariant(*record).value();
    }

    int64_t import(const std::filesystem::path& manifest, const std::string& name)
    {
        auto report = dataset::importDataset(manifest);
        if (!report)
            qFatal("%s", report.error().describe().c_str());
        auto records = store::utteranceRecords(*report);
        return store()->addDataset(store::datasetRecord(*report, name), records).value();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath("kws.voxbench").toStdString();
        QVERIFY(ProjectStore::open(m_project).ok());

        // Six keyword clips, six others, three background clips of the demo, and a broken file.
        auto demo = kws::readClipSet(kDemo / "clips.json");
        QVERIFY(demo.ok());
        std::map<std::string, int> wanted{{"sheila", 6}, {"other", 6}, {"background", 3}};
        json clips = json::array();
        for (const auto& c : demo->clips)
            if (wanted[c.label]-- > 0)
                clips.push_back({{"id", c.id}, {"audio", c.audio.string()}, {"label", c.label}});
        m_broken = m_dir.filePath("broken.flac").toStdString();
        std::ofstream(m_broken) << "this is not a FLAC file";
        const json broken{{"id", "broken"}, {"audio", m_broken}, {"label", "other"}};
        clips.insert(clips.begin() + 5, broken);
        const json manifest{{"format", "voxbench-kws-clips"}, {"version", 1},     {"keyword", "sheila"},
                            {"labels", demo->labels},         {"sample_rate", 16000}, {"clip_seconds", 1.0},
                            {"clips", clips}};
        const std::string path = m_dir.filePath("subset.json").toStdString();
        std::ofstream(path) << manifest.dump(1);

        m_clips = import(path, "subset");
        m_stream = import(kDemo / "stream.json", "stream");
        m_speech = import(VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json", "speech");
        m_teacher = variant("teacher");
        m_student = variant("student-gru16-int8");
        m_whisper = store()->addVariant({0, "whisper", "/nowhere", R"({"family":"whisper"})"}).value();
    }

    void clipRunPausesAndResumes()
    {
        run::RunSettings settings;
        settings.batch = 4;
        settings.warmup = 1;
        settings.repeats = 3;
        const int64_t runId = run::createRun(*store(), m_teacher, m_clips, settings).value();
        m_runOf[m_teacher] = runId;

        const auto first = execute(runId, /*pauseAfterFirstBatch=*/true);
        QCOMPARE(first.outcome.status, run::RunStatus::Paused);
        QCOMPARE(first.stages, (std::vector<std::string>{"loading", "warming up", "running"}));
        QCOMPARE(first.batches, std::vector<size_t>{4});
        QCOMPARE(store()->results(runId)->size(), size_t(4));
        QCOMPARE(store()->run(runId)->status, std::string("paused"));
        QCOMPARE(store()->pendingUtterances(runId)->size(), size_t(12));

        const auto rest = execute(runId);
        QCOMPARE(rest.outcome.status, run::RunStatus::Finished);
        QCOMPARE(rest.batches, (std::vector<size_t>{4, 4, 4})); // the 12 left, in batches of 4
        QCOMPARE(rest.outcome.progress.total, int64_t(16));
        QCOMPARE(rest.outcome.progress.done, int64_t(16));
        QCOMPARE(rest.outcome.progress.failed, int64_t(1));
        QCOMPARE(rest.outcome.progress.doneThisSession, int64_t(12));
        QVERIFY(rest.outcome.progress.computeSeconds > 0);
        QCOMPARE(store()->results(runId)->size(), size_t(16));

        // One session per start, each with its environment.
        const auto card = run::readRunCard(store()->run(runId)->cardJson).value();
        QCOMPARE(card.sessions.size(), size_t(2));
        QCOMPARE(card.sessions[1].environment.device, std::string("cpu"));
        QCOMPARE(card.sessions[1].environment.dtype, std::string("float32"));
        QVERIFY(!card.sessions[1].environment.torch.empty());
        QCOMPARE(card.settings.repeats, 3);

        // The student in one go.
        m_runOf[m_student] = run::createRun(*store(), m_student, m_clips, settings).value();
        QCOMPARE(execute(m_runOf[m_student]).outcome.status, run::RunStatus::Finished);
    }

    void storedClipsEqualTheClassifier()
    {
        for (const int64_t variantId : {m_teacher, m_student}) {
            auto s = store();
            const auto utterances = s->utterances(m_clips).value(); // in id order, as the run went
            const auto variants = s->variants().value();
            const auto v = std::find_if(variants.begin(), variants.end(), [&](const auto& x) { return x.id == variantId; });
            auto classifier = kws::Classifier::load(v->packagePath);
            QVERIFY2(classifier.ok(), classifier ? "" : classifier.error().describe().c_str());
            const auto& labels = classifier->package().labels;
            const auto results = s->results(m_runOf[variantId]).value();
            std::map<int64_t, const store::ResultRecord*> resultOf;
            for (const auto& r : results)
                resultOf[r.utteranceId] = &r;

            // The classifier on the same batches of 4 (the broken clip's batch one clip short).
            for (size_t begin = 0; begin < utterances.size(); begin += 4) {
                std::vector<const store::UtteranceRecord*> batch;
                std::vector<std::vector<float>> audio;
                for (size_t i = begin; i < std::min(utterances.size(), begin + 4); ++i) {
                    const auto& u = utterances[i];
                    const store::ResultRecord& r = *resultOf.at(u.id);
                    if (u.audioPath == m_broken) {
                        QVERIFY2(r.error.find("cannot decode the audio") != std::string::npos, r.error.c_str());
                        QVERIFY(r.error.find("broken.flac") != std::string::npos);
                        QCOMPARE(r.outputJson, std::string("{}"));
                        continue;
                    }
                    auto decoded = audio::decodeAudio(u.audioPath);
                    QVERIFY(decoded.ok());
                    batch.push_back(&u);
                    audio.push_back(std::move(decoded->samples));
                }
                const auto direct = classifier->classify(audio).value();
                for (size_t i = 0; i < batch.size(); ++i) {
                    const store::ResultRecord& r = *resultOf.at(batch[i]->id);
                    QVERIFY2(r.error.empty(), r.error.c_str());
                    const auto output = json::parse(r.outputJson);
                    const auto stored = output.at("probabilities").get<std::vector<double>>();
                    QCOMPARE(stored.size(), direct[i].probabilities.size());
                    for (size_t k = 0; k < stored.size(); ++k)
                        QCOMPARE(float(stored[k]), direct[i].probabilities[k]);
                    QCOMPARE(output.at("keyword_probability").get<double>(), stored[0]);
                    QCOMPARE(output.at("predicted").get<std::string>(), labels[size_t(direct[i].predicted)]);
                    QCOMPARE(r.hypothesis, labels[size_t(direct[i].predicted)]);
                    const auto t = json::parse(r.timingsJson);
                    QVERIFY(t.at("per_utterance_ms").get<double>() > 0);
                    QCOMPARE(t.at("batch").get<size_t>(), batch.size());
                    QCOMPARE(t.at("repeats_ms").size(), size_t(3));
                    QCOMPARE(t.at("audio_s").get<double>(), 1.0);
                    QVERIFY(r.peakMemoryBytes.has_value() && *r.peakMemoryBytes >= 0);
                }
            }
        }
    }

    void summaryEqualsTheDefinitionsOnTheStoredProbabilities()
    {
        auto s = store();
        std::map<int64_t, run::KwsRunSummary> summaries;
        for (const int64_t variantId : {m_teacher, m_student}) {
            auto data = run::readKwsRun(*s, m_runOf[variantId]);
            QVERIFY2(data.ok(), data ? "" : data.error().describe().c_str());
            QCOMPARE(data->clips.size(), size_t(16));
            run::KwsTargets targets;
            targets.falseAlarmRate = 0.1;
            const auto summary = run::summarizeKwsRun(*data, targets);

            // From the stored rows, by the definitions.
            std::vector<test::Probability> scored;
            double ms = 0;
            int correct = 0;
            const auto results = s->results(m_runOf[variantId]).value();
            for (const auto& r : results) {
                if (!r.error.empty())
                    continue;
                const auto output = json::parse(r.outputJson);
                const auto u = std::find_if(data->clips.begin(), data->clips.end(),
                                            [&](const auto& c) { return c.utteranceId == r.utteranceId; });
                scored.push_back({output.at("keyword_probability").get<double>(), u->label == "sheila"});
                ms += json::parse(r.timingsJson).at("per_utterance_ms").get<double>();
                correct += output.at("predicted").get<std::string>() == u->label;
            }
            QCOMPARE(scored.size(), size_t(15));
            const auto points = test::ratePoints(scored);
            QCOMPARE(summary.clips, 16);
            QCOMPARE(summary.failed, 1);
            QCOMPARE(summary.keywordClips, 6);
            QVERIFY(summary.area.has_value());
            QVERIFY(std::abs(summary.area->estimate - test::trapezoidArea(points)) <= 1e-12);
            QCOMPARE(summary.passes, summary.area->estimate <= 5e-5);
            QCOMPARE(summary.frrAtFalseAlarmRate, test::frrAt(points, 0.1));
            QCOMPARE(summary.accuracy.correct, correct);
            QVERIFY(std::abs(summary.msPerClip - ms / 15) < 1e-9);
            QVERIFY(summary.realTimeFactor > 0 && summary.realTimeFactor < 1);
            QVERIFY(summary.cost.has_value());
            QVERIFY(summary.peakMemoryBytes.has_value());
            summaries[variantId] = summary;
        }
        const auto& teacher = summaries[m_teacher];
        const auto& student = summaries[m_student];
        const auto ratios = run::kwsRatios(teacher, student);
        QVERIFY(ratios.speed && std::abs(*ratios.speed - teacher.msPerClip / student.msPerClip) < 1e-12);
        QVERIFY(ratios.macs && *ratios.macs > 4); // GRU 16 and fewer channels against GRU 64
        QVERIFY(ratios.deltaArea && std::abs(*ratios.deltaArea - (student.area->estimate - teacher.area->estimate)) < 1e-15);
        QVERIFY(!run::describeRatios(ratios).empty());
    }

    void streamRunStoresScoresAndDetections()
    {
        for (const int64_t variantId : {m_teacher, m_student}) {
            run::RunSettings settings;
            settings.warmup = 1;
            const int64_t runId = run::createRun(*store(), variantId, m_stream, settings).value();
            const auto done = execute(runId);
            QCOMPARE(done.outcome.status, run::RunStatus::Finished);
            QCOMPARE(done.stages, (std::vector<std::string>{"loading", "warming up", "running"}));
            const auto results = store()->results(runId).value();
            QCOMPARE(results.size(), size_t(1));
            QVERIFY2(results[0].error.empty(), results[0].error.c_str());
            const auto output = json::parse(results[0].outputJson);
            QCOMPARE(output.at("chunk_samples").get<int>(), 1600);
            QCOMPARE(output.at("sample_rate").get<int>(), 16000);
            const auto scores = output.at("scores").get<std::vector<float>>();
            QCOMPARE(scores.size(), size_t(6000)); // ten minutes of 0.1-s chunks
            const auto t = json::parse(results[0].timingsJson);
            QCOMPARE(t.at("audio_s").get<double>(), 600.0);
            QVERIFY(std::abs(t.at("per_chunk_ms").get<double>() * 6000 - t.at("total_ms").get<double>()) < 1e-6);

            auto data = run::readKwsRun(*store(), runId).value();
            const auto& package = data.package;
            const auto detections = kws::detectKeyword(scores, 0.1, package.detection);
            QCOMPARE(output.at("detections").size(), detections.size());
            for (size_t i = 0; i < detections.size(); ++i) {
                QCOMPARE(output.at("detections")[i][0].get<double>(), detections[i].seconds);
                QCOMPARE(output.at("detections")[i][1].get<float>(), detections[i].peak);
            }
            // At the package's threshold: what the Python reference counted (the manifest's metrics).
            const auto summary = run::summarizeKwsRun(data);
            const auto reference = json::parse(package.metricsJson).at("test_stream");
            QCOMPARE(summary.streams, 1);
            QCOMPARE(summary.streamAtThreshold.hits, reference.at("hits").get<int>());
            QCOMPARE(summary.streamAtThreshold.misses, reference.at("misses").get<int>());
            QCOMPARE(summary.streamAtThreshold.falseAlarms, reference.at("false_alarms").get<int>());
            QCOMPARE(summary.streamAtThreshold.falseAlarmsPerHour, reference.at("false_alarms").get<int>() * 6.0);
            QVERIFY(summary.missRateAtTarget.has_value()); // the curve reaches 0 false alarms
            QVERIFY(summary.msPerChunk > 0);
        }
    }

    void runsThatCannotWorkSayWhatToChange()
    {
        auto failsWith = [&](int64_t variantId, int64_t datasetId, const run::RunSettings& settings, const char* part) {
            const int64_t runId = run::createRun(*store(), variantId, datasetId, settings).value();
            const auto done = execute(runId);
            QCOMPARE(done.outcome.status, run::RunStatus::Failed);
            QVERIFY2(done.outcome.message.find(part) != std::string::npos, done.outcome.message.c_str());
            QCOMPARE(store()->run(runId)->message, done.outcome.message);
            QVERIFY(store()->results(runId)->empty());
        };
        failsWith(m_whisper, m_clips, {}, "dataset subset is a keyword-spotting dataset (kws-clips), which takes KWS packages");
        failsWith(m_teacher, m_speech, {}, "dataset speech is a speech dataset (nemo), which takes Whisper packages");
        run::RunSettings oddChunk;
        oddChunk.chunkSamples = 1000;
        failsWith(m_teacher, m_stream, oddChunk, "chunk of 1000 samples is not a multiple of teacher's hop of 160 samples");
        run::RunSettings cuda;
        cuda.device = "cuda:0";
        failsWith(m_student, m_clips, cuda, "KWS packages run on the CPU");
    }
};

QTEST_GUILESS_MAIN(TestKwsRun)
#include "tst_kws_run.moc"
