// Operator profiles of the Whisper demo's fp32 and int8 variants on eight clean demo
// utterances (greedy, batch 1, one thread): int8's quantized linear operators replace fp32's
// aten::addmm and aten::linear, with their shares of the time, and in both profiles the self
// times add up to the measured total within 5 %.
#include "core/dataset/dataset_import.h"
#include "core/profile/profile_capture.h"
#include "core/profile/profile_comparison.h"
#include "core/profile/profile_json.h"
#include "core/profile/profile_report.h"
#include "core/store/dataset_records.h"
#include "core/torch/torch_runtime.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <filesystem>

using namespace vox;
namespace fs = std::filesystem;

namespace {

const fs::path kModels = fs::path(VOXBENCH_DEMO_DIR) / "models";

const profile::OperatorChange* change(const profile::ProfileComparison& c, const std::string& name)
{
    for (const auto& r : c.rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

} // namespace

class TestDemoProfile : public QObject {
    Q_OBJECT

private slots:
    void int8ReplacesTheFloatLinearOperators()
    {
        auto report = dataset::importDataset(VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json");
        QVERIFY(report.ok());
        auto records = store::utteranceRecords(*report);
        records.resize(8);
        const auto audio = profile::decodeUtterances(records);
        QCOMPARE(audio.size(), size_t(8));
        auto runtime = loadTorchRuntime();
        QVERIFY(runtime.ok());
        std::vector<profile::OperatorProfile> profiles;
        for (const char* variant : {"whisper-demo-fp32", "whisper-demo-int8"}) {
            profile::CaptureOptions options;
            options.passes = 1;
            auto p = profile::captureProfile(**runtime, kModels / variant, audio, options);
            QVERIFY2(p.ok(), p ? "" : p.error().describe().c_str());
            qInfo("%s", profile::formatProfile(*p, 8, false).c_str());
            QVERIFY2(std::abs(p->accounted() - 1.0) <= 0.05, std::to_string(p->accounted()).c_str());
            profiles.push_back(std::move(*p));
        }
        const auto& fp32 = profiles[0];
        const auto& int8 = profiles[1];
        qInfo("%s", profile::formatComparison(fp32, int8, 8).c_str());
        const auto c = profile::compareProfiles(fp32, int8);
        const auto* quantized = change(c, "quantized::linear_dynamic");
        const auto* addmm = change(c, "aten::addmm");
        const auto* linear = change(c, "aten::linear");
        QVERIFY(quantized && addmm && linear);
        QCOMPARE(quantized->presence, profile::Presence::OnlyB);
        QCOMPARE(addmm->presence, profile::Presence::OnlyA);
        QCOMPARE(linear->presence, profile::Presence::OnlyA);
        // Where fp32 spends a large share in aten::addmm, int8 spends one in its quantized
        // linear operator, called once per linear layer call of fp32 (the two may decode a few
        // tokens more or fewer, so the counts agree within 10 %).
        QVERIFY(addmm->shareA > 0.1);
        QVERIFY(quantized->shareB > 0.1);
        QVERIFY2(std::abs(quantized->callsB - linear->callsA) <= 0.1 * linear->callsA,
                 (std::to_string(quantized->callsB) + " vs " + std::to_string(linear->callsA)).c_str());
        // The activations are quantized per call.
        QVERIFY(change(c, "aten::quantize_per_tensor") && change(c, "aten::quantize_per_tensor")->presence == profile::Presence::OnlyB);
        // Both traces hold the operator events.
        for (const auto& p : profiles) {
            const auto trace = nlohmann::json::parse(profile::chromeTrace(p));
            size_t ops = 0;
            for (const auto& e : trace.at("traceEvents"))
                ops += e.value("cat", "") == "cpu_op";
            QVERIFY(ops > 1000);
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoProfile)
#include "tst_demo_profile.moc"
