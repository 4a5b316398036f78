// The C++ engine against the Python reference (tools/whisper/reference.py): the same tokens,
// exactly, on every fixture utterance, for an English 80-mel and a multilingual 128-mel
// package and a package of scripted stand-in modules that exercises the decoding rules
// (ties, end-of-text, repetition guard), greedy and beam 3, one utterance at a time and as
// one greedy batch; the same text and the same no-speech probability per window. Also with two
// threads in one engine (OpenBLAS's pool) and with engines shared over threads decoding at once
// (Engine::share, as runs with several workers do).
#include "core/whisper/engine.h"
#include "whisper_fixture.h"

#include <QTest>

#include <cmath>
#include <thread>

using vox::whisper::DecodeOptions;
using vox::whisper::Engine;
using vox::whisper::Transcript;

class TestWhisperEquivalence : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_fixture;
    std::vector<std::vector<float>> m_audio;

    // Every utterance's tokens and text against the reference list; all mismatches reported.
    void compareAll(const std::string& package, const char* mode, int beam, int threads = 1)
    {
        const auto& entry = m_fixture["packages"][package];
        vox::whisper::EngineOptions load;
        load.threads = threads;
        auto engine = Engine::load(entry["path"].get<std::string>(), load);
        QVERIFY2(engine.ok(), engine ? "" : engine.error().describe().c_str());
        QCOMPARE(engine->dtype(), entry["dtype"].get<std::string>());
        DecodeOptions options;
        options.beamSize = beam;
        options.maxTokens = m_fixture["max_new_tokens"].get<int>();
        const auto& expected = entry[mode];
        QCOMPARE(expected.size(), m_audio.size());
        QVERIFY(m_audio.size() >= 20);
        std::string failures;
        for (size_t u = 0; u < m_audio.size(); ++u) {
            auto result = engine->transcribe({m_audio[u]}, options);
            QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
            const Transcript& t = result->front();
            const auto want = expected[u]["tokens"].get<std::vector<int64_t>>();
            if (t.tokens != want)
                failures += "\n" + package + " " + mode + " utterance " + std::to_string(u) + ":\n  C++    "
                            + vox::test::describeTokens(t.tokens) + "\n  Python " + vox::test::describeTokens(want);
            else if (t.text != expected[u]["text"].get<std::string>())
                failures += "\n" + package + " " + mode + " utterance " + std::to_string(u) + ": text differs: '"
                            + t.text + "'";
            // OpenAI's no_speech_prob, per window, as the reference computes it.
            const auto noSpeech = expected[u]["no_speech_prob"].get<std::vector<double>>();
            if (t.noSpeechProbability.size() != noSpeech.size())
                failures += "\n" + package + " " + mode + " utterance " + std::to_string(u) + ": "
                            + std::to_string(t.noSpeechProbability.size()) + " no-speech probabilities, reference "
                            + std::to_string(noSpeech.size());
            for (size_t w = 0; w < noSpeech.size() && w < t.noSpeechProbability.size(); ++w)
                if (std::abs(t.noSpeechProbability[w] - noSpeech[w]) > 1e-6)
                    failures += "\n" + package + " " + mode + " utterance " + std::to_string(u) + " window "
                                + std::to_string(w) + ": no-speech probability " + std::to_string(t.noSpeechProbability[w])
                                + ", reference " + std::to_string(noSpeech[w]);
            QVERIFY(!t.cancelled);
        }
        QVERIFY2(failures.empty(), failures.c_str());
    }

private slots:
    void initTestCase()
    {
        m_fixture = vox::test::readWhisperFixture();
        m_audio = vox::test::readUtterances(m_fixture);
        // One utterance is longer than 30 s, so two windows are decoded and concatenated.
        QVERIFY(std::any_of(m_audio.begin(), m_audio.end(), [](const auto& a) { return a.size() > 480000; }));
    }

    void greedyEnglish() { compareAll("en", "greedy", 1); }
    void greedyMultilingual() { compareAll("ml", "greedy", 1); }
    void beamEnglish() { compareAll("en", "beam", m_fixture["beam"].get<int>()); }
    void beamMultilingual() { compareAll("ml", "beam", m_fixture["beam"].get<int>()); }

    // Scripted stand-in modules with exact ties, end-of-text and repetitions: the decoding rules.
    void greedyRules() { compareAll("en-rules", "greedy", 1); }
    void greedyEnglishTwoThreads() { compareAll("en", "greedy", 1, 2); }
    void beamEnglishTwoThreads() { compareAll("en", "beam", m_fixture["beam"].get<int>(), 2); }

    // Three engines over one loaded model, each on its own thread, taking utterances in turn:
    // every utterance's tokens as the reference's, greedy and beam.
    void sharedEnginesDecodeAtOnce_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("greedy") << "greedy";
        QTest::newRow("beam") << "beam";
    }
    void sharedEnginesDecodeAtOnce()
    {
        QFETCH(QString, mode);
        const auto& entry = m_fixture["packages"]["en"];
        auto first = Engine::load(entry["path"].get<std::string>(), {});
        QVERIFY2(first.ok(), first ? "" : first.error().describe().c_str());
        std::vector<Engine> engines;
        engines.push_back(std::move(*first));
        engines.push_back(engines.front().share());
        engines.push_back(engines.front().share());
        DecodeOptions options;
        options.beamSize = mode == "beam" ? m_fixture["beam"].get<int>() : 1;
        options.maxTokens = m_fixture["max_new_tokens"].get<int>();
        std::vector<std::vector<int64_t>> got(m_audio.size());
        std::vector<std::string> errors(engines.size());
        std::vector<std::thread> threads;
        for (size_t e = 0; e < engines.size(); ++e)
            threads.emplace_back([&, e] {
                for (size_t u = e; u < m_audio.size(); u += engines.size()) {
                    auto result = engines[e].transcribe({m_audio[u]}, options);
                    if (!result)
                        errors[e] = result.error().describe();
                    else
                        got[u] = result->front().tokens;
                }
            });
        for (auto& t : threads)
            t.join();
        for (const auto& error : errors)
            QVERIFY2(error.empty(), error.c_str());
        const auto& expected = entry[mode.toStdString()];
        for (size_t u = 0; u < m_audio.size(); ++u)
            QVERIFY2(got[u] == expected[u]["tokens"].get<std::vector<int64_t>>(),
                     ("utterance " + std::to_string(u) + ": C++ " + vox::test::describeTokens(got[u])).c_str());
    }
    void beamRules() { compareAll("en-rules", "beam", m_fixture["beam"].get<int>()); }

    // The threshold judges each window by its no-speech probability, as the reference gives it:
    // the windows above it give no text; at 1 nothing is above it and the tokens are the
    // reference's; greedy and beam alike.
    void noSpeechThresholdDropsWindowsAboveIt()
    {
        const auto& entry = m_fixture["packages"]["en"];
        auto engine = Engine::load(entry["path"].get<std::string>(), {});
        QVERIFY2(engine.ok(), engine ? "" : engine.error().describe().c_str());
        // A threshold between the fixture's probabilities: some windows above it, some below.
        std::vector<double> all;
        for (size_t u = 0; u < 6; ++u)
            for (const auto& p : entry["greedy"][u]["no_speech_prob"])
                all.push_back(p.get<double>());
        std::sort(all.begin(), all.end());
        QVERIFY(all.front() < all.back());
        const double threshold = all[(all.size() - 1) / 2];
        for (int beam : {1, m_fixture["beam"].get<int>()}) {
            DecodeOptions options;
            options.beamSize = beam;
            options.maxTokens = m_fixture["max_new_tokens"].get<int>();
            options.noSpeechThreshold = threshold;
            const auto& expected = entry[beam == 1 ? "greedy" : "beam"];
            int dropped = 0;
            for (size_t u = 0; u < 6; ++u) {
                auto result = engine->transcribe({m_audio[u]}, options);
                QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
                const Transcript& t = result->front();
                const auto probs = expected[u]["no_speech_prob"].get<std::vector<double>>();
                if (probs.size() != 1)
                    continue; // one-window utterances: the whole transcript is that window's
                if (probs[0] > threshold) {
                    QVERIFY(t.tokens.empty());
                    QCOMPARE(t.finishedBy, std::vector<std::string>{"no_speech"});
                    ++dropped;
                } else {
                    QCOMPARE(t.tokens, expected[u]["tokens"].get<std::vector<int64_t>>());
                }
            }
            qInfo("beam %d: %d of 6 utterances above the no-speech threshold %.3g", beam, dropped, threshold);
            if (beam == 1)
                QVERIFY(dropped > 0 && dropped < 6);
            options.noSpeechThreshold = 1.0;
            auto kept = engine->transcribe({m_audio[0]}, options);
            QVERIFY(kept.ok());
            QCOMPARE(kept->front().tokens, expected[0]["tokens"].get<std::vector<int64_t>>());
        }
    }

    void greedyBatch_data()
    {
        QTest::addColumn<QString>("package");
        QTest::newRow("en") << "en";
        QTest::newRow("ml") << "ml";
        QTest::newRow("en-rules") << "en-rules";
    }

    void greedyBatch()
    {
        QFETCH(QString, package);
        const auto& entry = m_fixture["packages"][package.toStdString()];
        auto engine = Engine::load(entry["path"].get<std::string>(), {});
        QVERIFY2(engine.ok(), engine ? "" : engine.error().describe().c_str());
        std::vector<std::vector<float>> batch;
        for (const auto& i : m_fixture["batch"])
            batch.push_back(m_audio[i.get<size_t>()]);
        DecodeOptions options;
        options.maxTokens = m_fixture["max_new_tokens"].get<int>();
        auto result = engine->transcribe(batch, options);
        QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
        QCOMPARE(result->size(), batch.size());
        for (size_t b = 0; b < batch.size(); ++b) {
            const auto want = entry["batch_greedy"][b]["tokens"].get<std::vector<int64_t>>();
            QVERIFY2((*result)[b].tokens == want,
                     ("batch row " + std::to_string(b) + ": C++ " + vox::test::describeTokens((*result)[b].tokens)
                      + "\nPython " + vox::test::describeTokens(want))
                         .c_str());
            QCOMPARE((*result)[b].text, entry["batch_greedy"][b]["text"].get<std::string>());
        }
    }
};

QTEST_APPLESS_MAIN(TestWhisperEquivalence)
#include "tst_whisper_equivalence.moc"
