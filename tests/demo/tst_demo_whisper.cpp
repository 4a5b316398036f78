// The Whisper demo: every variant the build exports from resources/demo/models/ loads and
// transcribes real demo utterances, with word error rates a trained model reaches.
#include "core/audio/audio_decoder.h"
#include "core/scoring/corpus_scorer.h"
#include "core/text/normalizer.h"
#include "core/whisper/engine.h"

#include <QTest>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vox;

namespace {

const fs::path kDemoBuild = VOXBENCH_DEMO_DIR;
const fs::path kDemoAsr = fs::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "asr";
constexpr int kUtterances = 10;

struct Utterance {
    std::string id, text, condition;
    std::vector<float> samples;
};

// The first `count` rows of a NeMo manifest (one JSON object a line).
std::vector<Utterance> readSet(const std::string& part, int count)
{
    std::ifstream in(kDemoAsr / (part + ".json"));
    if (!in)
        throw std::runtime_error("cannot read the demo manifest " + (kDemoAsr / (part + ".json")).string());
    std::vector<Utterance> out;
    std::string line;
    while (int(out.size()) < count && std::getline(in, line)) {
        const auto row = nlohmann::json::parse(line);
        const fs::path audio = kDemoAsr / row.at("audio_filepath").get<std::string>();
        auto decoded = audio::decodeAudio(audio);
        if (!decoded)
            throw std::runtime_error(decoded.error().describe());
        out.push_back({audio.stem().string(), row.at("text").get<std::string>(),
                       row.at("condition").get<std::string>(), std::move(decoded->samples)});
    }
    return out;
}

std::vector<std::string> packageNames()
{
    std::ifstream in(kDemoBuild / "models" / "packages.json");
    if (!in)
        throw std::runtime_error("no demo packages in " + kDemoBuild.string() + " (did the voxbench_demo target run?)");
    return nlohmann::json::parse(in).get<std::vector<std::string>>();
}

struct Outcome {
    std::vector<std::vector<int64_t>> tokens;
    std::vector<std::string> texts;
    double wer = 1.0;
    int64_t parameters = 0;
};

} // namespace

class TestDemoWhisper : public QObject {
    Q_OBJECT

    std::vector<Utterance> m_clean;
    std::shared_ptr<const text::Normalizer> m_normalizer;
    std::map<std::string, Outcome> m_outcomes; // by package name, filled by everyVariantTranscribes

    double wordErrorRate(const std::vector<std::string>& hyps) const
    {
        std::vector<scoring::TranscriptLine> refs, hyp;
        for (size_t i = 0; i < m_clean.size(); ++i) {
            refs.push_back({m_clean[i].id, m_clean[i].text, int(i) + 1});
            hyp.push_back({m_clean[i].id, hyps[i], int(i) + 1});
        }
        scoring::ScoreOptions options;
        options.normalizer = m_normalizer;
        options.threads = 1;
        const auto score = scoring::scoreCorpus(refs, hyp, options);
        const auto& c = score.total.counts;
        return double(c.errors()) / double(std::max<int64_t>(1, c.referenceLength()));
    }

private slots:
    void initTestCase()
    {
        m_clean = readSet("clean", kUtterances);
        QCOMPARE(int(m_clean.size()), kUtterances);
        for (const auto& u : m_clean)
            QCOMPARE(u.condition, std::string("clean"));
        auto normalizer = text::makeNormalizer("whisper-en");
        QVERIFY2(normalizer.ok(), normalizer ? "" : normalizer.error().describe().c_str());
        m_normalizer = *normalizer;
    }

    void everyVariantTranscribes()
    {
        const auto names = packageNames();
        QCOMPARE(int(names.size()), 6);
        std::vector<std::vector<float>> batch;
        for (const auto& u : m_clean)
            batch.push_back(u.samples);
        for (const auto& name : names) {
            auto engine = whisper::Engine::load(kDemoBuild / "models" / name);
            QVERIFY2(engine.ok(), (name + ": " + (engine ? "" : engine.error().describe())).c_str());
            // The package says plainly what it is.
            const auto& info = engine->package();
            QVERIFY2(info.sourceDescription.find("synthetic speech") != std::string::npos, name.c_str());
            QCOMPARE(info.dims.nAudioCtx, 300);
            auto result = engine->transcribe(batch);
            QVERIFY2(result.ok(), (name + ": " + (result ? "" : result.error().describe())).c_str());
            Outcome outcome;
            outcome.parameters = info.parameterCount;
            for (const auto& t : *result) {
                QCOMPARE(t.finishedBy, std::vector<std::string>{"eot"});
                outcome.tokens.push_back(t.tokens);
                outcome.texts.push_back(t.text);
            }
            outcome.wer = wordErrorRate(outcome.texts);
            qInfo("%s: WER %.3f on %d clean utterances, %lld parameters; first: \"%s\"", name.c_str(),
                  outcome.wer, kUtterances, static_cast<long long>(outcome.parameters), outcome.texts[0].c_str());
            m_outcomes[name] = std::move(outcome);
        }
    }

    void fp32TranscribesTheCleanSet()
    {
        QVERIFY(m_outcomes.count("whisper-demo-fp32"));
        const double wer = m_outcomes["whisper-demo-fp32"].wer;
        QVERIFY2(wer <= 0.20, std::to_string(wer).c_str());
    }

    void variantsDifferAsTheyShould()
    {
        QCOMPARE(int(m_outcomes.size()), 6);
        const auto& fp32 = m_outcomes["whisper-demo-fp32"];
        // Freezing changes no arithmetic that matters here; on CPU the fp16-marked package runs
        // in float32 (no half convolutions in torch 1.13), from the same float16-stored weights.
        QCOMPARE(m_outcomes["whisper-demo-frozen"].tokens, fp32.tokens);
        QCOMPARE(m_outcomes["whisper-demo-fp16"].tokens, fp32.tokens);
        QCOMPARE(m_outcomes["whisper-demo-frozen"].parameters, fp32.parameters);
        // int8 keeps the accuracy close; its tokens may differ.
        QVERIFY2(m_outcomes["whisper-demo-int8"].wer <= fp32.wer + 0.10,
                 std::to_string(m_outcomes["whisper-demo-int8"].wer).c_str());
        // Pruning 30 % of heads and FFN channels removes parameters (the embeddings stay).
        const auto pruned = m_outcomes["whisper-demo-pruned30"].parameters;
        QVERIFY2(pruned < fp32.parameters && pruned > fp32.parameters / 2, std::to_string(pruned).c_str());
        // The student has half the decoder layers and still transcribes.
        const auto& student = m_outcomes["whisper-demo-student"];
        QVERIFY2(student.parameters < fp32.parameters, std::to_string(student.parameters).c_str());
        QVERIFY2(student.wer <= 0.40, std::to_string(student.wer).c_str());
    }
};

QTEST_GUILESS_MAIN(TestDemoWhisper)
#include "tst_demo_whisper.moc"
