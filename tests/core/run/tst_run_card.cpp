// Run settings and cards: JSON round trips, refused values, and which differences make two
// runs not comparable (settings, dataset, environment; never the variant).
#include "core/run/run_card.h"
#include "core/run/run_comparison.h"

#include <nlohmann/json.hpp>

#include <QTest>

using namespace vox;

namespace {

std::string card(const run::RunSettings& s, const std::string& variant, const std::string& dataset)
{
    store::VariantRecord v{1, variant, "/pkg/" + variant, R"({"family":"whisper","variant":{"kind":"int8"},"parameter_count":42})"};
    store::DatasetRecord d;
    d.name = dataset;
    d.utteranceCount = 10;
    return run::makeRunCard(s, v, d);
}

run::EnvironmentFacts environment()
{
    run::EnvironmentFacts e;
    e.voxbench = "0.1.0";
    e.torch = "1.13.0";
    e.device = "cpu";
    e.dtype = "float32";
    e.threads = 1;
    e.blasCore = "SkylakeX";
    e.cpu = "Some CPU";
    e.host = "box";
    return e;
}

} // namespace

class TestRunCard : public QObject {
    Q_OBJECT

private slots:
    void settingsRoundTripAndRefuseBadValues()
    {
        run::RunSettings s;
        s.device = "cuda:1";
        s.dtype = "float16";
        s.threads = 4;
        s.batch = 8;
        s.maxTokens = 100;
        s.warmup = 3;
        s.repeats = 5;
        s.optimize = true;
        s.limit = 10;
        auto back = run::runSettingsFromJson(run::toJson(s));
        QVERIFY(back.ok());
        QCOMPARE(run::toJson(*back), run::toJson(s));
        QCOMPARE(back->batch, 8);
        QCOMPARE(back->device, std::string("cuda:1"));

        QCOMPARE(run::runSettingsFromJson("{}")->beam, 1); // defaults
        auto wrongType = run::runSettingsFromJson(R"({"beam":"five"})");
        QVERIFY(!wrongType.ok());
        QVERIFY(wrongType.error().message.find("wrong type") != std::string::npos);
        auto zeroRepeats = run::runSettingsFromJson(R"({"repeats":0})");
        QVERIFY(!zeroRepeats.ok());
        QVERIFY(zeroRepeats.error().message.find("repeats is 0") != std::string::npos);
        QVERIFY(!run::runSettingsFromJson(R"({"dtype":"int4"})").ok());
        QVERIFY(!run::runSettingsFromJson(R"({"device":"tpu"})").ok());
        QVERIFY(!run::runSettingsFromJson("not json").ok());
    }

    void cardHoldsSettingsVariantDatasetAndSessions()
    {
        run::RunSettings s;
        s.beam = 5;
        const auto c = nlohmann::json::parse(run::withSession(card(s, "tiny-int8", "clean"), environment()));
        QCOMPARE(c["settings"]["beam"].get<int>(), 5);
        QCOMPARE(c["variant"]["kind"].get<std::string>(), std::string("int8"));
        QCOMPARE(c["variant"]["parameters"].get<int>(), 42);
        QCOMPARE(c["dataset"]["utterances"].get<int>(), 10);
        QCOMPARE(c["sessions"].size(), size_t(1));
        QCOMPARE(c["sessions"][0]["environment"]["blas_core"].get<std::string>(), std::string("SkylakeX"));
        QVERIFY(!c["sessions"][0]["started_at"].get<std::string>().empty());
    }

    void cardReadsBackIntoTypes()
    {
        run::RunSettings s;
        s.device = "cuda:0";
        s.beam = 4;
        s.limit = 7;
        store::DatasetRecord d;
        d.name = "clean";
        d.source = "/data/clean.json";
        d.utteranceCount = 240;
        store::VariantRecord v{3, "tiny-int8", "/pkg/tiny-int8",
                               R"({"family":"whisper","variant":{"kind":"int8"},"parameter_count":42})"};
        auto second = environment();
        second.threads = 4;
        const auto text = run::withSession(run::withSession(run::makeRunCard(s, v, d), environment()), second);
        auto c = run::readRunCard(text);
        QVERIFY2(c.ok(), c ? "" : c.error().describe().c_str());
        QVERIFY(c->hasSettings);
        QCOMPARE(run::toJson(c->settings), run::toJson(s));
        QCOMPARE(c->settings.limit, int64_t(7));
        QCOMPARE(c->variantName, std::string("tiny-int8"));
        QCOMPARE(c->variantPackage, std::string("/pkg/tiny-int8"));
        QCOMPARE(c->variantFamily, std::string("whisper"));
        QCOMPARE(c->variantKind, std::string("int8"));
        QCOMPARE(c->variantParameters, int64_t(42));
        QCOMPARE(c->datasetName, std::string("clean"));
        QCOMPARE(c->datasetSource, std::string("/data/clean.json"));
        QCOMPARE(c->datasetUtterances, int64_t(240));
        QCOMPARE(c->sessions.size(), size_t(2));
        QVERIFY(!c->sessions[0].startedAt.empty());
        const auto& e = c->sessions[0].environment;
        QCOMPARE(e.voxbench, std::string("0.1.0"));
        QCOMPARE(e.torch, std::string("1.13.0"));
        QCOMPARE(e.device, std::string("cpu"));
        QCOMPARE(e.dtype, std::string("float32"));
        QCOMPARE(e.blasCore, std::string("SkylakeX"));
        QCOMPARE(e.cpu, std::string("Some CPU"));
        QCOMPARE(e.host, std::string("box"));
        QCOMPARE(e.threads, 1);
        QCOMPARE(c->sessions[1].environment.threads, 4);

        // What a card lacks, or holds with another type, is empty; its settings are the defaults.
        auto sparse = run::readRunCard(R"({"variant":{"name":5,"kind":"fp32"},"sessions":{"x":1}})");
        QVERIFY(sparse.ok());
        QVERIFY(!sparse->hasSettings);
        QCOMPARE(run::toJson(sparse->settings), run::toJson(run::RunSettings{}));
        QVERIFY(sparse->variantName.empty());
        QCOMPARE(sparse->variantKind, std::string("fp32"));
        QCOMPARE(sparse->variantParameters, int64_t(0));
        QVERIFY(sparse->datasetName.empty());
        QVERIFY(sparse->sessions.empty());

        // Not a card, or settings no run could have been created with: errors that say so.
        for (const char* bad : {"", "not json", "[1, 2]", "\"text\""}) {
            auto r = run::readRunCard(bad);
            QVERIFY(!r.ok());
            QVERIFY(r.error().message.find("not a JSON object") != std::string::npos);
        }
        auto beam = run::readRunCard(R"({"settings":{"beam":0}})");
        QVERIFY(!beam.ok());
        QVERIFY(beam.error().message.find("run setting beam is 0") != std::string::npos);
        auto type = run::readRunCard(R"({"settings":{"threads":"two"}})");
        QVERIFY(!type.ok());
        QVERIFY(type.error().message.find("wrong type") != std::string::npos);
        QVERIFY(!run::readRunCard(R"({"settings":[]})").ok());
    }

    void differencesNameWhatMakesRunsNotComparable()
    {
        run::RunSettings base;
        const auto a = run::withSession(card(base, "fp32", "clean"), environment());
        // Another variant alone: comparable.
        QVERIFY(run::differences(a, run::withSession(card(base, "int8", "clean"), environment())).empty());

        run::RunSettings beam = base;
        beam.beam = 5;
        beam.threads = 2;
        auto diff = run::differences(a, run::withSession(card(beam, "int8", "clean"), environment()));
        QCOMPARE(diff.size(), size_t(2));
        QCOMPARE(run::describe(diff), std::string("beam 1 vs 5; threads 1 vs 2"));

        QCOMPARE(run::describe(run::differences(a, run::withSession(card(base, "int8", "hard"), environment()))),
                 std::string("dataset clean vs hard"));

        auto otherBlas = environment();
        otherBlas.blasCore = "Prescott";
        otherBlas.host = "other"; // the first session decides, not later ones
        diff = run::differences(a, run::withSession(card(base, "int8", "clean"), otherBlas));
        QCOMPARE(run::describe(diff), std::string("environment: blas_core SkylakeX vs Prescott; environment: host box vs other"));
        // A run not yet started has no environment to compare.
        QVERIFY(run::differences(a, card(base, "int8", "clean")).empty());
    }

    // Automatic workers: one per thread on the CPU, one on a GPU; never more than the threads or
    // the batches; an explicit count stands (within those bounds); threads split between them.
    void workersFollowThreadsDeviceAndBatches()
    {
        run::RunSettings s;
        s.threads = 4;
        QCOMPARE(run::workersFor(s, 100), 4);
        QCOMPARE(run::threadsPerWorker(s, 4), 1);
        QCOMPARE(run::workersFor(s, 3), 3);
        QCOMPARE(run::workersFor(s, 0), 1);
        s.parallel = 2;
        QCOMPARE(run::workersFor(s, 100), 2);
        QCOMPARE(run::threadsPerWorker(s, 2), 2);
        s.parallel = 8;
        QCOMPARE(run::workersFor(s, 100), 4);
        s.parallel = 0;
        s.device = "cuda:0";
        QCOMPARE(run::workersFor(s, 100), 1);
        QCOMPARE(run::threadsPerWorker(s, 1), 4);
        s.device = "cpu";
        s.threads = 0; // libtorch's default: one worker, threads left as they are
        QCOMPARE(run::workersFor(s, 100), 1);
        QCOMPARE(run::threadsPerWorker(s, 1), 0);
        s.parallel = 300;
        QVERIFY(!run::checked(s).ok());
    }

    void chunkSamplesIsASettingOfItsOwn()
    {
        run::RunSettings s;
        QCOMPARE(s.chunkSamples, 0); // the package's chunk
        s.chunkSamples = 3200;
        const auto j = nlohmann::json::parse(run::toJson(s));
        QCOMPARE(j.at("chunk_samples").get<int>(), 3200);
        QCOMPARE(run::runSettingsFromJson(run::toJson(s))->chunkSamples, 3200);
        QCOMPARE(run::runSettingsFromJson("{}")->chunkSamples, 0);
        auto negative = run::runSettingsFromJson(R"({"chunk_samples":-160})");
        QVERIFY(!negative.ok());
        QVERIFY2(negative.error().message.find("chunk is -160") != std::string::npos, negative.error().message.c_str());

        // Another chunk makes stream figures incomparable, and says so.
        run::RunSettings base;
        const auto a = run::withSession(card(base, "teacher", "stream"), environment());
        QCOMPARE(run::describe(run::differences(a, run::withSession(card(s, "student", "stream"), environment()))),
                 std::string("chunk_samples 0 vs 3200"));
        // A card written before the setting existed holds its default: comparable.
        auto old = nlohmann::json::parse(a);
        old["settings"].erase("chunk_samples");
        QVERIFY(run::differences(old.dump(), a).empty());
        QVERIFY(run::differences(a, old.dump()).empty());
    }

    void wordDiffAlignsSubstitutionsInsertionsAndDeletions()
    {
        using scoring::EditOp;
        const auto d = run::wordDiff("a b c e", "a x c d");
        QCOMPARE(d.size(), size_t(4));
        QVERIFY(d[0].op == EditOp::Correct && d[0].ref == "a" && d[0].hyp == "a");
        QVERIFY(d[1].op == EditOp::Substitution && d[1].ref == "b" && d[1].hyp == "x");
        QVERIFY(d[2].op == EditOp::Correct);
        QVERIFY(d[3].op == EditOp::Substitution && d[3].ref == "e" && d[3].hyp == "d");
        const auto ins = run::wordDiff("a c", "a b c");
        QCOMPARE(ins.size(), size_t(3));
        QVERIFY(ins[1].op == EditOp::Insertion && ins[1].ref.empty() && ins[1].hyp == "b");
        const auto del = run::wordDiff("a b c", "a c");
        QVERIFY(del.size() == 3 && del[1].op == EditOp::Deletion && del[1].ref == "b" && del[1].hyp.empty());
        QVERIFY(run::wordDiff("", "").empty());
        run::ComparisonCell cell;
        QVERIFY(!run::cellWer(cell).has_value()); // no reference words
        cell.counts.correct = 3;
        cell.counts.substitutions = 1;
        QCOMPARE(*run::cellWer(cell), 0.25);
    }
};

QTEST_MAIN(TestRunCard)
#include "tst_run_card.moc"
