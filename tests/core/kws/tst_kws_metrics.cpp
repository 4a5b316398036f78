// Keyword-spotting figures and demo data formats (torch-free, voxbench_core): the detection and
// matching rules of tools/demo/kws_eval.py on hand-made score sequences, clip summaries, and
// the readers of the committed clip list and stream (plus their errors).
#include "core/kws/demo_data.h"
#include "core/kws/metrics.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace vox::kws;

namespace {

const fs::path kDemo = fs::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "kws";

DetectionSettings settings(double threshold, double refractory = 1.0, double tolerance = 1.0)
{
    DetectionSettings s;
    s.threshold = threshold;
    s.refractorySeconds = refractory;
    s.toleranceSeconds = tolerance;
    return s;
}

} // namespace

class TestKwsMetrics : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    fs::path write(const std::string& name, const std::string& text)
    {
        const fs::path path = fs::path(m_tmp.path().toStdString()) / name;
        std::ofstream(path) << text;
        return path;
    }

private slots:
    void detectionStartsAtEachRiseAndKeepsThePeak()
    {
        // Chunks of 0.1 s: a run at chunks 2-4 (peak 0.9), a run at 20-21.
        std::vector<float> scores(30, 0.1f);
        scores[2] = 0.6f, scores[3] = 0.9f, scores[4] = 0.7f;
        scores[20] = 0.8f, scores[21] = 0.55f;
        const auto d = detectKeyword(scores, 0.1, settings(0.5));
        QCOMPARE(d.size(), size_t(2));
        QVERIFY(std::abs(d[0].seconds - 0.3) < 1e-9);
        QCOMPARE(d[0].peak, 0.9f);
        QVERIFY(std::abs(d[1].seconds - 2.1) < 1e-9);
        QCOMPARE(d[1].peak, 0.8f);
        // The threshold is inclusive.
        QCOMPARE(detectKeyword({0.5f}, 0.1, settings(0.5)).size(), size_t(1));
        QVERIFY(detectKeyword({0.49f, 0.2f}, 0.1, settings(0.5)).empty());
    }

    void refractoryIgnoresAWholeEarlyRun()
    {
        // Rises at 0.1 s and 0.6 s: the second is 0.5 s after the first, inside a 1 s refractory
        // period, so it is ignored, and its higher score does not raise the first peak.
        std::vector<float> scores{0.7f, 0.2f, 0.2f, 0.2f, 0.2f, 0.95f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.8f};
        auto d = detectKeyword(scores, 0.1, settings(0.5, 1.0));
        QCOMPARE(d.size(), size_t(2));
        QCOMPARE(d[0].peak, 0.7f);
        QVERIFY(std::abs(d[1].seconds - 1.2) < 1e-9);
        // Exactly the refractory period apart counts.
        d = detectKeyword({0.9f, 0.1f, 0.9f}, 0.5, settings(0.5, 1.0));
        QCOMPARE(d.size(), size_t(2));
        QCOMPARE(detectKeyword(scores, 0.1, settings(0.5, 0.0)).size(), size_t(3));
    }

    void matchingHitsMissesAndFalseAlarms()
    {
        const std::vector<KeywordTime> keywords{{1.0, 1.5}, {5.0, 5.6}, {9.0, 9.4}};
        // 1.4: inside the first keyword -> hit. 2.5: the first keyword is already hit -> false
        // alarm. 4.0: before the second keyword starts -> false alarm. 6.7: later than
        // 5.6 + 1.0 -> false alarm.
        std::vector<Detection> d{{1.4, 0.9f}, {2.5, 0.9f}, {4.0, 0.9f}, {6.7, 0.9f}};
        auto m = matchDetections(d, keywords, 1.0);
        QCOMPARE(m.keywords, 3);
        QCOMPARE(m.hits, 1);
        QCOMPARE(m.falseAlarms, 3);
        QCOMPARE(m.misses, 2);
        QCOMPARE(m.matchedKeyword, (std::vector<int>{0, -1, -1, -1}));
        QVERIFY(m.meanLatencySeconds && std::abs(*m.meanLatencySeconds + 0.1) < 1e-9);
        // Exactly end + tolerance still hits (2.5 and 10.4).
        d = {{2.5, 0.9f}, {5.5, 0.9f}, {10.4, 0.9f}};
        m = matchDetections(d, keywords, 1.0);
        QCOMPARE(m.hits, 3);
        QCOMPARE(m.falseAlarms, 0);
        QVERIFY(matchDetections({}, keywords, 1.0).misses == 3);
        QVERIFY(!matchDetections({}, keywords, 1.0).meanLatencySeconds);
    }

    void clipSummary()
    {
        const auto s = summarizeClips(3, {0, 0, 1, 2, 2, 1}, {0, 1, 1, 2, 0, 1});
        QCOMPARE(s.clips, 6);
        QCOMPARE(s.correct, 4);
        QCOMPARE(s.confusion[0], (std::vector<int>{1, 1, 0}));
        QCOMPARE(s.confusion[2], (std::vector<int>{1, 0, 1}));
        QCOMPARE(s.perLabelCorrect, (std::vector<int>{1, 2, 1}));
        // Unknown truth (-1) is not counted.
        QCOMPARE(summarizeClips(3, {-1, 0}, {0, 0}).clips, 1);
    }

    void committedClipSet()
    {
        const auto path = kDemo / "clips.json";
        QCOMPARE(demoFileKind(path), DemoFile::Clips);
        auto set = readClipSet(path);
        QVERIFY2(set.ok(), set ? "" : set.error().describe().c_str());
        QCOMPARE(set->keyword, std::string("sheila"));
        QCOMPARE(set->labels, (std::vector<std::string>{"sheila", "other", "background"}));
        QVERIFY(set->clips.size() >= 200);
        int perLabel[3] = {0, 0, 0};
        int unseenVoice = 0, unseenWord = 0;
        for (const auto& c : set->clips) {
            QVERIFY2(fs::is_regular_file(c.audio), c.audio.string().c_str());
            perLabel[std::find(set->labels.begin(), set->labels.end(), c.label) - set->labels.begin()]++;
            unseenVoice += c.condition.rfind("unseen-voice", 0) == 0;
            unseenWord += c.condition == "unseen-word";
        }
        QVERIFY(perLabel[0] >= 80 && perLabel[1] >= 80 && perLabel[2] >= 30);
        QVERIFY(unseenVoice >= 30 && unseenWord >= 20);
    }

    void committedStream()
    {
        const auto path = kDemo / "stream.json";
        QCOMPARE(demoFileKind(path), DemoFile::Stream);
        auto s = readKeywordStream(path);
        QVERIFY2(s.ok(), s ? "" : s.error().describe().c_str());
        QVERIFY(fs::is_regular_file(s->audio));
        QVERIFY(s->durationSeconds >= 540 && s->durationSeconds <= 660); // about 10 minutes
        const auto keywords = s->keywordTimes();
        QVERIFY(keywords.size() >= 25);
        for (size_t i = 1; i < keywords.size(); ++i)
            QVERIFY(keywords[i].start - keywords[i - 1].end >= 2.0); // one detection matches one keyword
        for (const auto& e : s->events)
            QVERIFY(e.keyword == (e.text == "sheila"));
    }

    void readerErrorsNameTheFile()
    {
        QVERIFY(m_tmp.isValid());
        auto notJson = readClipSet(write("broken.json", "{\"format\": "));
        QVERIFY(!notJson.ok());
        QVERIFY(notJson.error().message.find("not valid JSON") != std::string::npos);
        QVERIFY(notJson.error().context.find("broken.json") != std::string::npos);
        auto wrongFormat = readClipSet(write("stream-as-clips.json", R"({"format": "voxbench-kws-stream", "version": 1})"));
        QVERIFY(!wrongFormat.ok());
        QVERIFY(wrongFormat.error().message.find("not a voxbench-kws-clips file") != std::string::npos);
        auto badLabel = readClipSet(write("bad-label.json", R"({"format": "voxbench-kws-clips", "version": 1,
            "keyword": "sheila", "labels": ["sheila", "other"], "sample_rate": 16000, "clip_seconds": 1.0,
            "clips": [{"id": "a", "audio": "a.flac", "label": "bird"}]})"));
        QVERIFY(!badLabel.ok());
        QVERIFY(badLabel.error().message.find("clips[0]: label 'bird' is not one of the listed labels") != std::string::npos);
        auto badEvent = readKeywordStream(write("bad-event.json", R"({"format": "voxbench-kws-stream", "version": 1,
            "keyword": "sheila", "audio": "s.flac", "sample_rate": 16000, "duration": 5,
            "events": [{"start": 2.0, "end": 1.0, "text": "sheila", "keyword": true}]})"));
        QVERIFY(!badEvent.ok());
        QVERIFY(badEvent.error().message.find("events[0]: ends before it starts") != std::string::npos);
        auto newer = readKeywordStream(write("v2.json", R"({"format": "voxbench-kws-stream", "version": 2})"));
        QVERIFY(!newer.ok());
        QVERIFY(newer.error().message.find("version 1") != std::string::npos);
        QCOMPARE(demoFileKind(write("other.json", "[1, 2]")), DemoFile::Other);
        QCOMPARE(demoFileKind(fs::path(m_tmp.path().toStdString()) / "absent.json"), DemoFile::Other);
    }
};

QTEST_GUILESS_MAIN(TestKwsMetrics)
#include "tst_kws_metrics.moc"
