// Shard projects merged into one (no torch: the shards' results are written by hand): a whole
// set becomes one run per variant holding every utterance once, with each shard's session in
// its card; a missing shard, a shard given twice, differing settings, a shard not finished and
// a different package are refused with a message naming them, and nothing is written.
#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/run/run_merge.h"
#include "core/run/run_summary.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

using namespace vox;
using store::ProjectStore;

namespace {

std::unique_ptr<ProjectStore> openStore(const std::string& path)
{
    auto s = ProjectStore::open(path);
    if (!s)
        qFatal("%s", s.error().describe().c_str());
    return std::move(*s);
}

// A finished shard run of variant 1 over dataset 1, its results "hyp <utterance id>".
void addShardRun(const std::string& path, int k, int n, const std::string& status = "finished", int beam = 1)
{
    auto s = openStore(path);
    run::RunSettings settings;
    settings.shardIndex = k;
    settings.shardCount = n;
    settings.beam = beam;
    auto variants = *s->variants();
    auto datasets = *s->datasets();
    run::EnvironmentFacts node;
    node.host = "node-" + std::to_string(k);
    node.voxbench = "test";
    const std::string card = run::withSession(run::makeRunCard(settings, variants[0], datasets[0]), node);
    const int64_t id = *s->createRun({0, variants[0].id, datasets[0].id, "queued", card, {}, {}, {}});
    std::vector<store::ResultRecord> results;
    for (const auto& u : run::runUtterances(*s->utterances(datasets[0].id), settings))
        results.push_back({id, u.id, "hyp " + u.uttId, "[]", "{}", std::nullopt, "", "{}"});
    QVERIFY(s->addResults(results).ok());
    QVERIFY(s->setRunStatus(id, status).ok());
}

int64_t runCount(const std::string& path)
{
    return int64_t(openStore(path)->runs()->size());
}

} // namespace

class TestRunMerge : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_main;

    std::string shard(int k, const std::string& tag = {})
    {
        const std::string path = m_dir.filePath(QStringLiteral("shard-%1%2.voxbench").arg(k).arg(QString::fromStdString(tag))).toStdString();
        auto main = openStore(m_main);
        if (!main->copyWithoutRuns(path))
            qFatal("copy failed");
        return path;
    }

private slots:
    void initTestCase()
    {
        m_main = m_dir.filePath(QStringLiteral("main.voxbench")).toStdString();
        auto s = openStore(m_main);
        std::vector<store::UtteranceRecord> utts(10);
        for (size_t i = 0; i < utts.size(); ++i) {
            utts[i].uttId = "u" + std::to_string(i);
            utts[i].audioPath = "/a/" + utts[i].uttId + ".wav";
            utts[i].reference = "hyp " + utts[i].uttId;
        }
        QVERIFY(s->addDataset({0, "set", "/a", "folder", "", "{}", 0}, utts).ok());
        QVERIFY(s->addVariant({0, "fp32", "/pkg", R"({"family":"whisper","files":{"model.ts":"abc"}})"}).ok());
        // A run already there stays as it is.
        const int64_t old = *s->createRun({0, 1, 1, "finished", "{}", {}, {}, {}});
        QVERIFY(old == 1);
    }

    void theSplitCoversEveryUtteranceOnce()
    {
        auto s = openStore(m_main);
        std::vector<std::string> seen;
        for (int k = 0; k < 3; ++k) {
            run::RunSettings settings;
            settings.shardIndex = k;
            settings.shardCount = 3;
            for (const auto& u : run::runUtterances(*s->utterances(1), settings))
                seen.push_back(u.uttId);
        }
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen.size(), size_t(10));
        QVERIFY(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
        run::RunSettings limited; // shards of the first 7
        limited.limit = 7;
        limited.shardIndex = 2;
        limited.shardCount = 3;
        QCOMPARE(run::runUtterances(*s->utterances(1), limited).size(), size_t(2)); // u2, u5
    }

    void aWholeSetMergesIntoOneRun()
    {
        std::vector<std::filesystem::path> shards;
        for (int k = 0; k < 4; ++k) {
            shards.push_back(shard(k, "-whole"));
            addShardRun(shards.back().string(), k, 4);
        }
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, shards);
        QVERIFY2(merged.ok(), merged ? "" : merged.error().describe().c_str());
        QCOMPARE(merged->size(), size_t(1));
        QCOMPARE((*merged)[0].results, int64_t(10));
        QCOMPARE((*merged)[0].shards, 4);
        const auto record = *target->run((*merged)[0].runId);
        QCOMPARE(record.status, std::string("finished"));
        const auto card = *run::readRunCard(record.cardJson);
        QCOMPARE(card.settings.shardCount, 1);
        QCOMPARE(card.sessions.size(), size_t(4));
        QCOMPARE(card.sessions[2].environment.host, std::string("node-2"));
        const auto results = *target->results(record.id);
        const auto utterances = *target->utterances(1);
        QCOMPARE(results.size(), size_t(10));
        for (const auto& r : results) {
            const auto u = std::find_if(utterances.begin(), utterances.end(), [&](const auto& x) { return x.id == r.utteranceId; });
            QCOMPARE(r.hypothesis, "hyp " + u->uttId); // each shard's result landed on its own utterance
        }
        auto summary = run::summarizeRun(*target, record.id, "none");
        QVERIFY(summary.ok());
        QCOMPARE(summary->withResult, int64_t(10));
        QCOMPARE(summary->wer->estimate, 0.0);
    }

    void aMissingShardIsRefused()
    {
        std::vector<std::filesystem::path> shards;
        for (int k : {0, 1, 3}) {
            shards.push_back(shard(k, "-missing"));
            addShardRun(shards.back().string(), k, 4);
        }
        const int64_t before = runCount(m_main);
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, shards);
        QVERIFY(!merged);
        QVERIFY2(merged.error().message.find("shard 2/4 of fp32 over \"set\" is missing") != std::string::npos,
                 merged.error().message.c_str());
        QCOMPARE(runCount(m_main), before);
    }

    void aShardGivenTwiceIsRefused()
    {
        std::vector<std::filesystem::path> shards;
        for (int k = 0; k < 2; ++k) {
            shards.push_back(shard(k, "-twice"));
            addShardRun(shards.back().string(), k, 2);
        }
        shards.push_back(shard(1, "-twice-again")); // the same shard run on a second node
        addShardRun(shards.back().string(), 1, 2);
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, shards);
        QVERIFY(!merged);
        QVERIFY2(merged.error().message.find("shard 1/2 of fp32 over \"set\" is given twice") != std::string::npos
                     && merged.error().message.find("shard-1-twice-again.voxbench run 1") != std::string::npos,
                 merged.error().message.c_str());
    }

    void differentSettingsAreRefused()
    {
        std::vector<std::filesystem::path> shards{shard(0, "-beam"), shard(1, "-beam")};
        addShardRun(shards[0].string(), 0, 2);
        addShardRun(shards[1].string(), 1, 2, "finished", 2);
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, shards);
        QVERIFY(!merged);
        QVERIFY2(merged.error().message.find("were run with different settings") != std::string::npos
                     && merged.error().message.find("beam 1 vs 2") != std::string::npos,
                 merged.error().message.c_str());
    }

    void anUnfinishedShardIsRefused()
    {
        std::vector<std::filesystem::path> shards{shard(0, "-open"), shard(1, "-open")};
        addShardRun(shards[0].string(), 0, 2);
        addShardRun(shards[1].string(), 1, 2, "failed");
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, shards);
        QVERIFY(!merged);
        QVERIFY2(merged.error().message.find("shard 1/2 of fp32") != std::string::npos
                     && merged.error().message.find("is failed") != std::string::npos
                     && merged.error().message.find("--resume") != std::string::npos,
                 merged.error().message.c_str());
    }

    void anotherPackageIsRefused()
    {
        // The second shard comes from a project whose fp32 has other weights under the same name.
        const std::string other = m_dir.filePath(QStringLiteral("other.voxbench")).toStdString();
        {
            auto o = openStore(other);
            auto utts = *openStore(m_main)->utterances(1);
            QVERIFY(o->addDataset({0, "set", "/a", "folder", "", "{}", 0}, utts).ok());
            QVERIFY(o->addVariant({0, "fp32", "/pkg", R"({"family":"whisper","files":{"model.ts":"def"}})"}).ok());
        }
        std::vector<std::filesystem::path> shards{shard(0, "-pkg"), m_dir.filePath(QStringLiteral("shard-1-pkg.voxbench")).toStdString()};
        QVERIFY(openStore(other)->copyWithoutRuns(shards[1]).ok());
        addShardRun(shards[0].string(), 0, 2);
        addShardRun(shards[1].string(), 1, 2);
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, shards);
        QVERIFY(!merged);
        QVERIFY2(merged.error().message.find("the package of fp32 differs") != std::string::npos, merged.error().message.c_str());
    }

    void noShardsIsRefused()
    {
        auto target = openStore(m_main);
        auto merged = run::mergeShards(*target, {m_main});
        QVERIFY(!merged);
        QVERIFY(merged.error().message.find("no shard runs") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestRunMerge)
#include "tst_run_merge.moc"
