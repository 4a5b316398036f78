// KWS runs read back from the store (core/run/kws_results.*, torch-free): stored clip and stream
// results become rows joined with their utterances, the summary's figures equal the definitions
// written out here from the stored probabilities and scores, and the ratios to a baseline say
// what they should. The results are written by hand, as the executor lays them out.
#include "tests/core/run/kws_figures.h"
#include "core/kws/cost.h"
#include "core/kws/package.h"
#include "core/run/kws_results.h"
#include "core/run/run_executor.h"
#include "core/store/package_records.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace vox;
using nlohmann::json;
using store::ProjectStore;

namespace {

const std::string kModels = VOXBENCH_SOURCE_DIR "/resources/demo/kws/models/";

struct Clip {
    std::string id, label;
    double p; // keyword probability
    double ms;
    bool broken = false;
};

// 6 keyword clips, 9 others (two of them background), one broken; some ties and overlaps.
const std::vector<Clip> kClips{
    {"k1", "sheila", 0.97, 4.0}, {"k2", "sheila", 0.91, 4.2}, {"k3", "sheila", 0.64, 3.8},
    {"k4", "sheila", 0.40, 4.1}, {"k5", "sheila", 0.40, 4.0}, {"k6", "sheila", 0.05, 3.9},
    {"o1", "other", 0.70, 4.0},  {"o2", "other", 0.40, 4.3},  {"o3", "other", 0.20, 4.0},
    {"o4", "other", 0.10, 3.7},  {"o5", "other", 0.02, 4.0},  {"o6", "other", 0.01, 4.1},
    {"o7", "other", 0.001, 4.0}, {"b1", "background", 0.03, 4.0}, {"b2", "background", 0.0, 4.0},
    {"x1", "other", 0, 0, true}};

// The three probabilities in label order (sheila, other, background) and the argmax.
std::pair<std::vector<double>, std::string> probabilities(const Clip& c)
{
    const double rest = 1 - c.p;
    std::vector<double> p{c.p, c.label == "background" ? 0.2 * rest : 0.8 * rest,
                          c.label == "background" ? 0.8 * rest : 0.2 * rest};
    const size_t best = size_t(std::max_element(p.begin(), p.end()) - p.begin());
    static const char* labels[] = {"sheila", "other", "background"};
    return {p, labels[best]};
}

} // namespace

class TestKwsResults : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_project;
    std::unique_ptr<ProjectStore> m_store;
    int64_t m_teacher = 0, m_student = 0, m_whisper = 0, m_clips = 0, m_stream = 0;
    std::vector<store::UtteranceRecord> m_clipRows, m_streamRows;

    int64_t variant(const std::string& folder, const std::string& name)
    {
        auto record = store::variantFromPackage(kModels + folder, name);
        if (!record)
            qFatal("%s", record.error().describe().c_str());
        return m_store->addVariant(*record).value();
    }

    // A run of `variant` over the clips with the stored results the executor would write:
    // probabilities scaled by `shift` toward 0.5, times by `speed`, the peak memory given.
    int64_t clipRun(int64_t variant, double speed, int64_t peak)
    {
        const int64_t run = run::createRun(*m_store, variant, m_clips, {}).value();
        std::vector<store::ResultRecord> results;
        for (size_t i = 0; i < kClips.size(); ++i) {
            const Clip& c = kClips[i];
            store::ResultRecord r;
            r.runId = run;
            r.utteranceId = m_clipRows[i].id;
            if (c.broken) {
                r.error = "cannot decode the audio: not a FLAC file";
            } else {
                const auto [p, predicted] = probabilities(c);
                r.hypothesis = predicted;
                r.outputJson = json{{"probabilities", p}, {"keyword_probability", c.p}, {"predicted", predicted}}.dump();
                r.timingsJson = json{{"per_utterance_ms", c.ms / speed}, {"audio_s", 1.0}}.dump();
                r.peakMemoryBytes = peak - int64_t(i); // the run's peak is the largest
            }
            results.push_back(std::move(r));
        }
        if (!m_store->addResults(results))
            qFatal("cannot store results");
        return run;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath("kws.voxbench").toStdString();
        m_store = std::move(ProjectStore::open(m_project).value());
        m_teacher = variant("teacher", "teacher");
        m_student = variant("student-gru16-int8", "gru16-int8");
        m_whisper = m_store->addVariant({0, "whisper", "/nowhere", R"({"family":"whisper"})"}).value();

        for (const Clip& c : kClips) {
            store::UtteranceRecord u;
            u.uttId = c.id;
            u.audioPath = "/clips/" + c.id + ".flac";
            u.reference = c.label;
            u.duration = 1.0;
            m_clipRows.push_back(u);
        }
        m_clips = m_store->addDataset({0, "clips", "/clips.json", "kws-clips", "", "{}", 0}, m_clipRows).value();

        store::UtteranceRecord s;
        s.uttId = "stream";
        s.audioPath = "/stream.flac";
        s.duration = 60.0;
        s.extraJson = json{{"keyword", "sheila"}, {"keyword_spans", "[[10.0,10.5],[30.0,30.5],[50.0,50.5]]"}}.dump();
        m_streamRows.push_back(s);
        m_stream = m_store->addDataset({0, "stream", "/stream.json", "kws-stream", "", "{}", 0}, m_streamRows).value();
    }

    void clipRowsJoinResultsAndUtterances()
    {
        const int64_t runId = clipRun(m_teacher, 1.0, 5'000'000);
        auto data = run::readKwsRun(*m_store, runId);
        QVERIFY2(data.ok(), data ? "" : data.error().describe().c_str());
        QCOMPARE(data->variant, std::string("teacher"));
        QCOMPARE(data->package.keyword, std::string("sheila"));
        QCOMPARE(data->card.variantName, std::string("teacher"));
        QCOMPARE(data->utterances, int64_t(kClips.size()));
        QCOMPARE(data->clips.size(), kClips.size());
        QVERIFY(data->streams.empty());
        for (size_t i = 0; i < kClips.size(); ++i) {
            const auto& row = data->clips[i];
            QCOMPARE(row.clipId, kClips[i].id);
            QCOMPARE(row.label, kClips[i].label);
            QCOMPARE(row.isKeyword, kClips[i].label == "sheila");
            QCOMPARE(row.audioPath, "/clips/" + kClips[i].id + ".flac");
            QCOMPARE(row.end, -1.0);
            if (kClips[i].broken) {
                QVERIFY(row.error.find("not a FLAC file") != std::string::npos);
                continue;
            }
            QCOMPARE(row.keywordProbability, kClips[i].p);
            QCOMPARE(row.probabilities, probabilities(kClips[i]).first);
            QCOMPARE(row.predicted, probabilities(kClips[i]).second);
            QCOMPARE(row.ms, kClips[i].ms);
        }
        QCOMPARE(*data->peakMemoryBytes, int64_t(5'000'000));
        QCOMPARE(data->audioSeconds, double(kClips.size() - 1));
        QVERIFY(data->cost.has_value());
        const auto cost = kws::kwsCost(*kws::readPackage(kModels + "teacher", false));
        QCOMPARE(data->cost->macsPerSecond, cost->macsPerSecond);
        QCOMPARE(data->cost->parameters, int64_t(69123));
    }

    void clipSummaryEqualsTheDefinitions()
    {
        const int64_t runId = clipRun(m_teacher, 1.0, 5'000'000);
        const auto data = run::readKwsRun(*m_store, runId).value();
        run::KwsTargets targets;
        targets.falseAlarmRate = 0.15;
        targets.areaPassMark = 0.1;
        targets.threshold = 0.4;
        const auto s = run::summarizeKwsRun(data, targets);

        std::vector<test::Probability> scored;
        double ms = 0, compute = 0;
        int correct = 0;
        for (const Clip& c : kClips) {
            if (c.broken)
                continue;
            scored.push_back({c.p, c.label == "sheila"});
            ms += c.ms;
            compute += c.ms / 1000;
            correct += probabilities(c).second == c.label;
        }
        const auto points = test::ratePoints(scored);
        const double area = test::trapezoidArea(points);
        QCOMPARE(s.runId, runId);
        QCOMPARE(s.kind, std::string("fp32"));
        QCOMPARE(s.clips, int(kClips.size()));
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.keywordClips, 6);
        QVERIFY(s.curve.defined());
        QCOMPARE(s.curve.points.size(), points.size());
        for (size_t i = 0; i < points.size(); ++i) {
            QCOMPARE(s.curve.points[i].threshold, points[i].threshold);
            QCOMPARE(s.curve.points[i].falseAlarmRate, points[i].fa);
            QCOMPARE(s.curve.points[i].falseRejectRate, points[i].fr);
        }
        QVERIFY(std::abs(s.curve.area - area) <= 1e-12);
        QVERIFY(s.area.has_value());
        QVERIFY(std::abs(s.area->estimate - area) <= 1e-12);
        QVERIFY(s.area->low <= s.area->estimate && s.area->estimate <= s.area->high);
        QCOMPARE(s.passes, area <= 0.1);
        QCOMPARE(s.frrAtFalseAlarmRate, test::frrAt(points, 0.15));
        // At 0.4: others o1, o2 fire (2 of 9); keywords k6 alone is below (1 of 6).
        QCOMPARE(s.threshold, 0.4);
        QCOMPARE(s.atThreshold.falseAlarms, 2);
        QCOMPARE(s.atThreshold.falseRejects, 1);
        QCOMPARE(s.atThreshold.falseAlarmRate, 2.0 / 9);
        QCOMPARE(s.accuracy.clips, 15);
        QCOMPARE(s.accuracy.correct, correct);
        QCOMPARE(s.msPerClip, ms / 15);
        QVERIFY(std::abs(s.realTimeFactor - compute / 15) <= 1e-12);
        QCOMPARE(*s.peakMemoryBytes, int64_t(5'000'000));
        QCOMPARE(s.streams, 0);

        // The package's threshold when none is given (the teacher's is 0.9).
        QCOMPARE(run::summarizeKwsRun(data).threshold, 0.9);
    }

    void streamRowsAndSummary()
    {
        const int64_t runId = run::createRun(*m_store, m_student, m_stream, {}).value();
        // 60 s of 0.1-s chunks: the first keyword scores 0.95 (a hit), a false alarm of 0.7 at
        // 20 s, the second keyword only 0.3, the third nothing.
        std::vector<float> scores(600, 0.02f);
        scores[104] = 0.95f;
        scores[199] = 0.7f;
        scores[302] = 0.3f;
        json detections = json::array({{10.5, 0.95}, {20.0, 0.7}});
        store::ResultRecord r;
        r.runId = runId;
        r.utteranceId = m_streamRows[0].id;
        r.outputJson = json{{"chunk_samples", 1600}, {"sample_rate", 16000}, {"scores", scores},
                            {"detections", detections}}.dump();
        r.timingsJson = json{{"total_ms", 1200.0}, {"per_chunk_ms", 2.0}, {"chunks", 600}, {"audio_s", 60.0}}.dump();
        r.peakMemoryBytes = 3'000'000;
        QVERIFY(m_store->addResults({r}).ok());

        const auto data = run::readKwsRun(*m_store, runId).value();
        QCOMPARE(data.streams.size(), size_t(1));
        QVERIFY(data.clips.empty());
        const auto& row = data.streams[0];
        QCOMPARE(row.streamId, std::string("stream"));
        QCOMPARE(row.seconds, 60.0);
        QCOMPARE(row.chunkSeconds, 0.1);
        QCOMPARE(row.scores, scores);
        QCOMPARE(row.keywords.size(), size_t(3));
        QCOMPARE(row.keywords[1].start, 30.0);
        QCOMPARE(row.keywords[1].end, 30.5);
        QCOMPARE(row.ms, 1200.0);
        QCOMPARE(row.msPerChunk, 2.0);

        run::KwsTargets targets;
        targets.threshold = 0.5;
        targets.falseAlarmsPerHour = 1.0;
        const auto s = run::summarizeKwsRun(data, targets);
        QCOMPARE(s.streams, 1);
        QCOMPARE(s.kind, std::string("int8"));
        // At 0.5 (the detections' own rules, from the stored scores): one hit, one false alarm.
        kws::DetectionSettings at = data.package.detection;
        at.threshold = 0.5;
        const auto match = kws::matchDetections(kws::detectKeyword(scores, 0.1, at), row.keywords, at.toleranceSeconds);
        QCOMPARE(match.hits, 1);
        QCOMPARE(match.falseAlarms, 1);
        QCOMPARE(s.streamAtThreshold.hits, match.hits);
        QCOMPARE(s.streamAtThreshold.misses, 2);
        QCOMPARE(s.streamAtThreshold.falseAlarms, 1);
        QCOMPARE(s.streamAtThreshold.falseAlarmsPerHour, 60.0); // 1 in a minute
        QCOMPARE(s.streamAtThreshold.missRate, 2.0 / 3);
        // Below 1 FA/h means none in this minute: above 0.7 the first keyword alone is found.
        QVERIFY(s.missRateAtTarget.has_value());
        QCOMPARE(*s.missRateAtTarget, 2.0 / 3);
        // The curve runs from firing on everything to firing on nothing.
        QVERIFY(!s.streamCurve.empty());
        QCOMPARE(s.streamCurve.back().missRate, 1.0);
        QCOMPARE(s.streamCurve.back().falseAlarms, 0);
        QCOMPARE(s.msPerChunk, 2.0);
        QCOMPARE(s.realTimeFactor, 1.2 / 60);
        QCOMPARE(*s.peakMemoryBytes, int64_t(3'000'000));
    }

    void ratiosAgainstTheBaseline()
    {
        const auto teacher = run::summarizeKwsRun(run::readKwsRun(*m_store, clipRun(m_teacher, 1.0, 8'000'000)).value());
        const auto student = run::summarizeKwsRun(run::readKwsRun(*m_store, clipRun(m_student, 2.0, 2'000'000)).value());
        const auto r = run::kwsRatios(teacher, student);
        QVERIFY(r.speed && std::abs(*r.speed - 2.0) < 1e-12);
        QVERIFY(r.memory && std::abs(*r.memory - 8'000'000.0 / 2'000'000) < 1e-12);
        QVERIFY(r.macs && std::abs(*r.macs - teacher.cost->macsPerSecond / student.cost->macsPerSecond) < 1e-12);
        QVERIFY(*r.macs > 1);
        QVERIFY(r.parameterBytes && *r.parameterBytes > 1);
        QVERIFY(r.deltaArea && std::abs(*r.deltaArea) < 1e-15); // the same probabilities
        QVERIFY(run::describeRatios(r).starts_with("x2 faster, x4 less memory, x"));

        // Without a measured peak, memory falls back to the parameters' bytes.
        auto noPeak = student;
        noPeak.peakMemoryBytes.reset();
        QCOMPARE(*run::kwsRatios(teacher, noPeak).memory, *r.parameterBytes);
        // Against itself: all ones.
        const auto same = run::kwsRatios(teacher, teacher);
        QCOMPARE(*same.speed, 1.0);
        QCOMPARE(*same.deltaArea, 0.0);
    }

    void describesRatiosInWords()
    {
        QCOMPARE(run::describeRatios({2.0, 4.0, 3.0, 5.55, 1.2e-4}),
                 std::string("x2 faster, x4 less memory, x5.55 fewer MACs, area +1.2e-4"));
        QCOMPARE(run::describeRatios({0.5, 0.8, std::nullopt, std::nullopt, -0.031}),
                 std::string("x2 slower, x1.25 more memory, area -0.031"));
        QCOMPARE(run::describeRatios({10.24, std::nullopt, std::nullopt, 38.0, std::nullopt}),
                 std::string("x10.2 faster, x38 fewer MACs"));
        QCOMPARE(run::describeRatios({1.003, 0.998, std::nullopt, 1.0, 0.0}),
                 std::string("same speed, same memory, same MACs, area +0"));
        QCOMPARE(run::describeRatios({}), std::string());
    }

    void refusesRunsThatAreNotKws()
    {
        store::UtteranceRecord u;
        u.uttId = "u1";
        u.audioPath = "/a.flac";
        std::vector<store::UtteranceRecord> speech{u};
        const int64_t dataset = m_store->addDataset({0, "speech", "/s.json", "nemo", "", "{}", 0}, speech).value();
        const int64_t whisperRun = run::createRun(*m_store, m_whisper, dataset, {}).value();
        auto refused = run::readKwsRun(*m_store, whisperRun);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("not a keyword-spotting run: variant whisper is a whisper package")
                     != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(run::readKwsRun(*m_store, 9999).error().message.find("no run 9999") != std::string::npos);

        // A KWS run with no results yet reads as empty, with its cost.
        const int64_t pending = run::createRun(*m_store, m_teacher, m_clips, {}).value();
        auto empty = run::readKwsRun(*m_store, pending);
        QVERIFY(empty.ok());
        QVERIFY(empty->clips.empty());
        QVERIFY(!empty->peakMemoryBytes);
        const auto s = run::summarizeKwsRun(*empty);
        QVERIFY(!s.area);
        QVERIFY(!s.curve.defined());
        QCOMPARE(s.msPerClip, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestKwsResults)
#include "tst_kws_results.moc"
