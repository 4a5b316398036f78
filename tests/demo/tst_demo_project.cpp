// The demo project the build makes (build/demo/demo.voxbench, README command 1): both speech
// sets with every utterance and a readable audio file each, the keyword clips and stream, and
// every committed demo package as a variant whose folder exists.
#include "core/store/project_store.h"

#include <QTest>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {
const fs::path kDemoBuild = VOXBENCH_DEMO_DIR;
const fs::path kDemoSource = fs::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo";
} // namespace

class TestDemoProject : public QObject {
    Q_OBJECT

private slots:
    void holdsTheSpeechAndKeywordSets()
    {
        auto store = vox::store::ProjectStore::open(kDemoBuild / "demo.voxbench", vox::store::ProjectStore::Mode::ReadOnly);
        QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
        auto datasets = (*store)->datasets();
        QVERIFY(datasets.ok());
        std::map<std::string, int64_t> counts;
        for (const auto& d : *datasets) {
            counts[d.name] = d.utteranceCount;
            if (d.name.rfind("kws ", 0) == 0) { // the keyword spotters' clips and stream
                QCOMPARE(d.format, std::string(d.name == "kws clips" ? "kws-clips" : "kws-stream"));
                continue;
            }
            QCOMPARE(d.format, std::string("nemo"));
            auto utterances = (*store)->utterances(d.id);
            QVERIFY(utterances.ok());
            for (const auto& u : *utterances) {
                QVERIFY2(fs::is_regular_file(u.audioPath), u.audioPath.c_str());
                QVERIFY(!u.reference.empty());
                QVERIFY(u.duration && *u.duration > 0.5 && *u.duration < 6.0); // the demo model's 6-s window
            }
        }
        QCOMPARE(counts, (std::map<std::string, int64_t>{
                             {"demo clean", 120}, {"demo hard", 120}, {"kws clips", 290}, {"kws stream", 1}}));
    }

    void holdsEveryDemoPackage()
    {
        auto store = vox::store::ProjectStore::open(kDemoBuild / "demo.voxbench", vox::store::ProjectStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        auto variants = (*store)->variants();
        QVERIFY(variants.ok());
        std::map<std::string, std::string> byName;
        for (const auto& v : *variants) {
            byName[v.name] = v.packagePath;
            QVERIFY2(fs::is_directory(v.packagePath), v.packagePath.c_str());
            const auto manifest = nlohmann::json::parse(v.manifestJson);
            QVERIFY2(manifest.at("source").at("demo").get<bool>(), v.name.c_str()); // labelled as a demo model
        }
        std::vector<std::string> expected;
        for (const auto& entry : fs::directory_iterator(kDemoSource / "kws" / "models"))
            if (entry.is_directory())
                expected.push_back("kws-" + entry.path().filename().string());
#ifdef VOXBENCH_DEMO_WHISPER
        std::ifstream list(kDemoBuild / "models" / "packages.json");
        for (const auto& name : nlohmann::json::parse(list))
            expected.push_back(name.get<std::string>());
#endif
        QCOMPARE(int(expected.size()) >= 6, true);
        for (const auto& name : expected)
            QVERIFY2(byName.count(name), name.c_str());
        QCOMPARE(byName.size(), expected.size());
    }
};

QTEST_GUILESS_MAIN(TestDemoProject)
#include "tst_demo_project.moc"
