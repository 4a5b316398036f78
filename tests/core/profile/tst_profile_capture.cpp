// Capturing operator profiles with libtorch's profiler: the fixture's tiny Whisper packages on
// real demo utterances. The self times account for the measured total within 5 %, the engine's
// stages show, int8 replaces aten::addmm by quantized linear operators, the trace parses and
// holds the operator events, and a run's profile is stored with the run.
#include "tests/support/file_text.h"
#include "core/dataset/dataset_import.h"
#include "core/profile/profile_capture.h"
#include "core/profile/profile_comparison.h"
#include "core/profile/profile_json.h"
#include "core/profile/profile_report.h"
#include "core/run/run_executor.h"
#include "core/store/dataset_records.h"
#include "core/torch/op_profiler.h"
#include "core/torch/torch_runtime.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <map>
#include <set>

using namespace vox;

namespace {

const std::string kPackages = VOXBENCH_FIXTURE_DIR "/whisper/packages/";
const std::string kManifest = VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json";


bool hasRow(const profile::OperatorProfile& p, const std::string& name)
{
    for (const auto& r : p.byName)
        if (r.name == name && r.calls > 0)
            return true;
    return false;
}

} // namespace

class TestProfileCapture : public QObject {
    Q_OBJECT

    std::vector<std::vector<float>> m_audio;
    const TorchRuntime* m_runtime = nullptr;

    profile::OperatorProfile capture(const std::string& package, int batch = 1)
    {
        profile::CaptureOptions options;
        options.settings.batch = batch;
        options.settings.maxTokens = 24; // the random fixture models would write the window's 224 tokens
        options.passes = 2;
        std::vector<std::string> stages;
        options.onStage = [&](const std::string& s) { stages.push_back(s); };
        auto p = profile::captureProfile(*m_runtime, kPackages + package, m_audio, options);
        if (!p)
            qFatal("%s", p.error().describe().c_str());
        if (stages != std::vector<std::string>{"loading", "warming up", "timing", "profiling", "timing"})
            qFatal("unexpected stages");
        return std::move(*p);
    }

private slots:
    void initTestCase()
    {
        auto report = dataset::importDataset(kManifest);
        QVERIFY(report.ok());
        auto records = store::utteranceRecords(*report);
        records.resize(4);
        m_audio = profile::decodeUtterances(records);
        QCOMPARE(m_audio.size(), size_t(4));
        auto runtime = loadTorchRuntime();
        QVERIFY2(runtime.ok(), runtime ? "" : runtime.error().describe().c_str());
        m_runtime = *runtime;
    }

    void selfTimesAccountForTheMeasuredTotal()
    {
        const auto p = capture("en");
        QVERIFY(p.wallUs > 0);
        qInfo("fp32 fixture: %.1f ms profiled, %.1f ms without the profiler; self times %.1f %% of the total, "
              "operators %.1f %%",
              p.wallUs / 1000, p.info.plainMs, 100 * p.accounted(), 100 * p.operatorsUs() / p.wallUs);
        QVERIFY2(std::abs(p.accounted() - 1.0) <= 0.05, std::to_string(p.accounted()).c_str());
        // Operators do most of the work; the engine's three stages are there.
        QVERIFY(p.operatorsUs() > 0.5 * p.wallUs);
        QVERIFY(p.stages[profile::kFeatures].wallUs > 0);
        QVERIFY(p.stages[profile::kEncoder].wallUs > 0);
        QVERIFY(p.stages[profile::kDecoder].wallUs > 0);
        QVERIFY(p.stages[profile::kEncoder].wallUs + p.stages[profile::kDecoder].wallUs < p.wallUs * 1.01);
        QVERIFY(hasRow(p, "aten::addmm") || hasRow(p, "aten::linear"));
        QVERIFY(hasRow(p, "aten::layer_norm"));
        // FLOPs where libtorch estimates them.
        bool flops = false;
        for (const auto& r : p.byName)
            flops |= (r.name == "aten::addmm" || r.name == "aten::mm" || r.name == "aten::bmm") && r.flops > 0;
        QVERIFY(flops);
        QCOMPARE(p.info.utterances, int64_t(4));
        QCOMPARE(p.info.calls, int64_t(4));
        QCOMPARE(p.info.kind, std::string("fp32"));
        QCOMPARE(p.info.device, std::string("cpu"));
        QVERIFY(p.info.plainMs > 0);
        QVERIFY(p.info.profiledMs > 0);
        QVERIFY(p.byShape.size() > p.byName.size()); // shapes recorded
    }

    void int8ReplacesTheFloatMatmuls()
    {
        const auto fp32 = capture("en");
        const auto int8 = capture("en-int8");
        QVERIFY2(std::abs(int8.accounted() - 1.0) <= 0.05, std::to_string(int8.accounted()).c_str());
        QVERIFY(hasRow(int8, "quantized::linear_dynamic"));
        QVERIFY(!hasRow(fp32, "quantized::linear_dynamic"));
        const auto c = profile::compareProfiles(fp32, int8);
        bool added = false, removedAddmm = false;
        for (const auto& r : c.rows) {
            added |= r.name == "quantized::linear_dynamic" && r.presence == profile::Presence::OnlyB && r.shareB > 0;
            removedAddmm |= r.name == "aten::addmm" && r.presence == profile::Presence::OnlyA && r.shareA > 0;
        }
        QVERIFY(added);
        QVERIFY(removedAddmm);
    }

    void batchesAreOneCallEach()
    {
        const auto p = capture("en", 2);
        QCOMPARE(p.info.calls, int64_t(2));
        QVERIFY(profile::settingsLine(p.info).find("batch 2") != std::string::npos);
    }

    void traceParsesAndHoldsTheOperators()
    {
        const auto p = capture("en");
        const auto trace = nlohmann::json::parse(profile::chromeTrace(p));
        std::set<std::string> names;
        size_t complete = 0;
        for (const auto& e : trace.at("traceEvents")) {
            if (e.at("ph") != "X")
                continue;
            ++complete;
            names.insert(e.at("name").get<std::string>());
            QVERIFY(e.at("dur").get<int64_t>() >= 0);
        }
        QCOMPARE(complete, p.events.size());
        QVERIFY(names.count("aten::layer_norm"));
        QVERIFY(names.count(profile::kStageEncoder));
        QVERIFY(names.count(profile::kStageDecoder));
        QVERIFY(names.count("forward")); // TorchScript frames
    }

    void oneRecordingAtATime()
    {
        QVERIFY(!profile::recording());
        QVERIFY(m_runtime->startOperatorRecording({}).ok());
        QVERIFY(profile::recording());
        auto again = m_runtime->startOperatorRecording({});
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.find("already") != std::string::npos);
        QVERIFY(m_runtime->stopOperatorRecording().ok());
        QVERIFY(!m_runtime->stopOperatorRecording().ok());
    }

    void badInputIsAnError()
    {
        profile::CaptureOptions options;
        auto none = profile::captureProfile(*m_runtime, kPackages + "en", {}, options);
        QVERIFY(!none.ok());
        auto missing = profile::captureProfile(*m_runtime, "/nowhere/package", m_audio, options);
        QVERIFY(!missing.ok());
        options.settings.beam = 2;
        options.settings.batch = 2;
        auto bad = profile::captureProfile(*m_runtime, kPackages + "en", m_audio, options);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("batch") != std::string::npos);
    }

    void aRunsProfileIsStoredWithTheRun()
    {
        QTemporaryDir dir;
        const auto project = dir.filePath("p.voxbench").toStdString();
        auto s = store::ProjectStore::open(project);
        QVERIFY(s.ok());
        auto report = dataset::importDataset(kManifest);
        auto records = store::utteranceRecords(*report);
        const auto dataset = (*s)->addDataset(store::datasetRecord(*report, "clean"), records).value();
        const auto variant =
            (*s)->addVariant({0, "tiny-en", kPackages + "en", test::fileText(kPackages + "en/voxbench-model.json")}).value();
        run::RunSettings settings;
        settings.batch = 2;
        settings.limit = 10;
        settings.maxTokens = 24;
        const auto runId = run::createRun(**s, variant, dataset, settings).value();
        auto p = profile::profileRun(project, runId, 3, {}, nullptr, "a test");
        QVERIFY2(p.ok(), p ? "" : p.error().describe().c_str());
        QCOMPARE(p->info.runId, runId);
        QCOMPARE(p->info.utterances, int64_t(3));
        QCOMPARE(p->info.calls, int64_t(2)); // batch 2 from the run's settings
        QCOMPARE(p->info.variant, std::string("tiny-en"));
        auto list = (*s)->operatorProfiles();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), size_t(1));
        QCOMPARE(list->front().runId, runId);
        auto stored = profile::profileFromJson((*s)->operatorProfileJson(list->front().id).value());
        QVERIFY(stored.ok());
        QCOMPARE(stored->byName.size(), p->byName.size());
        QCOMPARE(stored->events.size(), p->events.size());
        QCOMPARE(stored->info.runId, runId);
        QCOMPARE(stored->info.conditions, std::string("a test"));
        QVERIFY(!(*s)->operatorProfileJson(999).ok());
        QVERIFY(!profile::profileRun(project, 999, 3).ok());
    }

    void aKeywordSpottersRunIsProfiledToo()
    {
        // The demo teacher and its int8 on clips, and the teacher on the first seconds of the
        // stream: the GRU and its quantized form show, and the stream's profile covers one call.
        QTemporaryDir dir;
        const auto project = dir.filePath("kws.voxbench").toStdString();
        auto s = std::move(store::ProjectStore::open(project).value());
        const std::string kws = VOXBENCH_SOURCE_DIR "/resources/demo/kws/";
        std::map<std::string, int64_t> datasets;
        for (const char* name : {"clips", "stream"}) {
            auto report = dataset::importDataset(kws + name + ".json");
            QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
            auto records = store::utteranceRecords(*report);
            datasets[name] = s->addDataset(store::datasetRecord(*report, name), records).value();
        }
        std::map<std::string, int64_t> variants;
        for (const char* name : {"teacher", "teacher-int8"}) {
            const std::string folder = kws + "models/" + name;
            variants[name] = s->addVariant({0, name, folder, test::fileText(folder + "/voxbench-kws.json")}).value();
        }
        run::RunSettings settings;
        settings.batch = 2;
        auto profileOf = [&](const std::string& variant, const std::string& dataset, int64_t n) {
            const auto runId = run::createRun(*s, variants[variant], datasets[dataset], settings).value();
            auto p = profile::profileRun(project, runId, n);
            if (!p)
                qFatal("%s", p.error().describe().c_str());
            return std::move(*p);
        };
        const auto fp32 = profileOf("teacher", "clips", 4);
        QCOMPARE(fp32.info.utterances, int64_t(4));
        QCOMPARE(fp32.info.calls, int64_t(2)); // batch 2
        QCOMPARE(fp32.info.dtype, std::string("float32"));
        QVERIFY(hasRow(fp32, "aten::gru"));
        QVERIFY2(std::abs(fp32.accounted() - 1.0) <= 0.05, std::to_string(fp32.accounted()).c_str());
        const auto int8 = profileOf("teacher-int8", "clips", 4);
        QCOMPARE(int8.info.dtype, std::string("qint8"));
        QVERIFY(hasRow(int8, "quantized::linear_dynamic"));
        QVERIFY(!hasRow(int8, "aten::gru")); // dynamic int8 runs its own GRU
        const auto stream = profileOf("teacher", "stream", 3);
        QCOMPARE(stream.info.utterances, int64_t(1));
        QCOMPARE(stream.info.calls, int64_t(1));
        QVERIFY(std::abs(stream.info.audioSeconds - 3.0) < 0.01); // the stream's first three seconds
        QVERIFY(hasRow(stream, "aten::gru"));
        QCOMPARE(s->operatorProfiles()->size(), size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestProfileCapture)
#include "tst_profile_capture.moc"
