// The Whisper engine's package handling and run behaviour: SHA-256, token text, the repetition
// guard, variants (int8, pruned, fp16-marked) against the Python reference, the clear errors
// for damaged packages, cancellation, timings, which vocabulary projection runs.
#include "core/log/log.h"
#include "core/whisper/engine.h"
#include "core/whisper/model_runner.h"
#include "core/whisper/search.h"
#include "core/whisper/sha256.h"
#include "core/whisper/token_text.h"
#include "whisper_fixture.h"

#include <QTemporaryDir>
#include <QTest>
#include <spdlog/sinks/ostream_sink.h>

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using vox::whisper::DecodeOptions;
using vox::whisper::Engine;
using vox::whisper::EngineOptions;

namespace {

std::string sha256Of(const std::string& text)
{
    vox::whisper::Sha256 h;
    h.update(text.data(), text.size());
    return h.finishHex();
}

void writeJson(const fs::path& path, const nlohmann::json& j)
{
    std::ofstream(path) << j.dump(1);
}

nlohmann::json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

} // namespace

class TestWhisperPackage : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_fixture;
    std::vector<std::vector<float>> m_audio;
    QTemporaryDir m_tmp;

    std::string packagePath(const std::string& name) const
    {
        return m_fixture["packages"][name]["path"].get<std::string>();
    }

    // A fresh copy of the English package to damage.
    fs::path copyEnglish(const std::string& name)
    {
        const fs::path to = fs::path(m_tmp.path().toStdString()) / name;
        fs::remove_all(to);
        fs::copy(packagePath("en"), to, fs::copy_options::recursive);
        return to;
    }

    // Loading must fail with a message that contains every one of `parts`.
    // Greedy tokens of every fixture utterance equal the reference's; the time inside model
    // calls is part of the total.
    void expectReferenceGreedy(Engine& engine, const nlohmann::json& entry)
    {
        DecodeOptions options;
        options.maxTokens = m_fixture["max_new_tokens"].get<int>();
        for (size_t u = 0; u < entry["greedy"].size(); ++u) {
            auto result = engine.transcribe({m_audio[u]}, options);
            QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
            QCOMPARE(vox::test::describeTokens(result->front().tokens),
                     vox::test::describeTokens(entry["greedy"][u]["tokens"].get<std::vector<int64_t>>()));
            QVERIFY(result->front().timings.forwardMs > 0);
            QVERIFY(result->front().timings.forwardMs <= result->front().timings.totalMs);
        }
    }

    static void expectLoadError(const fs::path& folder, const std::vector<std::string>& parts, const EngineOptions& options = {})
    {
        auto engine = Engine::load(folder, options);
        QVERIFY2(!engine.ok(), ("loaded although it should not: " + folder.string()).c_str());
        const std::string text = engine.error().describe();
        qInfo("%s", text.c_str());
        for (const auto& part : parts)
            QVERIFY2(text.find(part) != std::string::npos, ("'" + part + "' not in: " + text).c_str());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_fixture = vox::test::readWhisperFixture();
        m_audio = vox::test::readUtterances(m_fixture);
    }

    void sha256KnownValues()
    {
        QCOMPARE(sha256Of(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Of("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(sha256Of(std::string(1000000, 'a')),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        const auto manifest = readJson(fs::path(packagePath("en")) / "voxbench-model.json");
        auto actual = vox::whisper::sha256File(fs::path(packagePath("en")) / "vocab.json");
        QVERIFY(actual.ok());
        QCOMPARE(*actual, manifest["sha256"]["vocab.json"].get<std::string>());
    }

    void tokenText()
    {
        auto text = vox::whisper::TokenText::load(fs::path(packagePath("en")) / "vocab.json", 50256);
        QVERIFY(text.ok());
        // GPT-2: "Hello" 15496, " world" 995; 50256 and up are never text.
        QCOMPARE(text->decode({15496, 995, 50256, 50362, 51000}), std::string("Hello world"));
        // Broken UTF-8 (a token boundary can split a character) becomes U+FFFD, as in Python.
        QCOMPARE(vox::whisper::utf8Repaired("a\xE2\x80"), std::string("a\xEF\xBF\xBD"));
        QCOMPARE(vox::whisper::utf8Repaired("\xFF" "b"), std::string("\xEF\xBF\xBD" "b"));
        QCOMPARE(vox::whisper::utf8Repaired("\xC3\xA9"), std::string("\xC3\xA9"));
        QCOMPARE(vox::whisper::utf8Repaired("\xED\xA0\x80"), std::string("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
        QCOMPARE(static_cast<uint32_t>(vox::whisper::byteToCodePoint(' ')), 0x120u);
        QCOMPARE(static_cast<uint32_t>(vox::whisper::byteToCodePoint('A')), static_cast<uint32_t>('A'));
        // A vocabulary too small for the model's text ids.
        auto tooSmall = vox::whisper::TokenText::load(fs::path(packagePath("en")) / "vocab.json", 51000);
        QVERIFY(!tooSmall.ok());
        QVERIFY(tooSmall.error().message.find("ids up to 50256") != std::string::npos);
    }

    void repetitionGuard()
    {
        using vox::whisper::repetitionTripped;
        const vox::whisper::RepetitionGuard g{8, 5};
        QVERIFY(!repetitionTripped({7, 7, 7, 7}, g));
        QVERIFY(repetitionTripped({7, 7, 7, 7, 7}, g));
        QVERIFY(repetitionTripped({1, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3}, g));
        QVERIFY(!repetitionTripped({2, 3, 2, 3, 2, 3, 2, 3, 2}, g));
        QVERIFY(!repetitionTripped({1, 2, 3, 4, 5, 6, 7, 8, 9}, g));
    }

    void variantsLoadAndMatchReference_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::newRow("int8") << "en-int8" << "int8";
        QTest::newRow("pruned") << "en-pruned" << "pruned";
        QTest::newRow("fp16-marked") << "en-fp16" << "fp16";
    }

    void variantsLoadAndMatchReference()
    {
        QFETCH(QString, name);
        QFETCH(QString, kind);
        const auto& entry = m_fixture["packages"][name.toStdString()];
        auto engine = Engine::load(entry["path"].get<std::string>(), {});
        QVERIFY2(engine.ok(), engine ? "" : engine.error().describe().c_str());
        QCOMPARE(engine->package().variantKind, kind.toStdString());
        // fp16-marked on CPU: float32, as the reference's --dtype auto.
        QCOMPARE(engine->dtype(), entry["dtype"].get<std::string>());
        expectReferenceGreedy(*engine, entry);
    }

    void optimizedForInferenceGivesTheSameTokens()
    {
        // Frozen and optimized at load: the same tokens as the reference on every utterance.
        const auto& entry = m_fixture["packages"]["en"];
        EngineOptions engineOptions;
        engineOptions.optimize = true;
        auto engine = Engine::load(entry["path"].get<std::string>(), engineOptions);
        QVERIFY2(engine.ok(), engine ? "" : engine.error().describe().c_str());
        expectReferenceGreedy(*engine, entry);
        // Not for packages whose weights cannot be frozen again or are quantized.
        auto int8 = Engine::load(m_fixture["packages"]["en-int8"]["path"].get<std::string>(), engineOptions);
        QVERIFY(!int8.ok());
        QVERIFY(int8.error().message.find("optimize applies to float32 packages") != std::string::npos);
    }

    void pruneShapesAreRead()
    {
        auto engine = Engine::load(packagePath("en-pruned"), {});
        QVERIFY(engine.ok());
        const auto& shapes = engine->package().shapes;
        QVERIFY(shapes.crossKvWidth < engine->package().dims.nTextState);
        QCOMPARE(shapes.decoderSelfHeads.size(), size_t(2));
    }

    void fp16OnCpuIsAClearErrorOrRuns()
    {
        // torch 1.13 has no half convolution on the CPU: asking for float16 explicitly fails at
        // load with a message that says so (the load check runs the encoder once).
        EngineOptions options;
        options.dtype = "float16";
        auto engine = Engine::load(packagePath("en-fp16"), options);
        if (engine.ok()) {
            auto result = engine->transcribe({m_audio[0]}, {});
            QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
            QCOMPARE(engine->dtype(), std::string("float16"));
            return;
        }
        const std::string text = engine.error().describe();
        qInfo("%s", text.c_str());
        QVERIFY(text.find("float16") != std::string::npos && text.find("encoder.pt") != std::string::npos);
    }

    void bfloat16Runs()
    {
        EngineOptions options;
        options.dtype = "bfloat16";
        auto engine = Engine::load(packagePath("en"), options);
        QVERIFY2(engine.ok(), engine ? "" : engine.error().describe().c_str());
        QCOMPARE(engine->dtype(), std::string("bfloat16"));
        DecodeOptions decode;
        decode.maxTokens = 8;
        auto result = engine->transcribe({m_audio[1]}, decode);
        QVERIFY2(result.ok(), result ? "" : result.error().describe().c_str());
        QCOMPARE(result->front().tokens.size(), size_t(8));
    }

    void corruptedModuleIsNotLoadable()
    {
        const auto pkg = copyEnglish("corrupt");
        { std::ofstream(pkg / "encoder.pt", std::ios::binary | std::ios::trunc) << "this is not a zip archive"; }
        // Update the checksum, so that the loader, not the checksum, finds the damage.
        auto manifest = readJson(pkg / "voxbench-model.json");
        manifest["sha256"]["encoder.pt"] = *vox::whisper::sha256File(pkg / "encoder.pt");
        writeJson(pkg / "voxbench-model.json", manifest);
        expectLoadError(pkg, {"encoder.pt", "not a loadable TorchScript module"});
    }

    void wrongChecksumNamesTheFile()
    {
        const auto pkg = copyEnglish("checksum");
        const auto manifest = readJson(pkg / "voxbench-model.json");
        const std::string expected = manifest["sha256"]["decoder.pt"];
        {
            std::fstream f(pkg / "decoder.pt", std::ios::binary | std::ios::in | std::ios::out);
            f.seekp(1000);
            f.put('\x5a');
        }
        const std::string actual = *vox::whisper::sha256File(pkg / "decoder.pt");
        QVERIFY(actual != expected);
        expectLoadError(pkg, {"checksum mismatch", "decoder.pt", expected.substr(0, 12), actual.substr(0, 12)});
    }

    void missingFile()
    {
        const auto pkg = copyEnglish("missing");
        fs::remove(pkg / "merges.txt");
        expectLoadError(pkg, {"merges.txt", "missing"});
    }

    void incompatibleShapes()
    {
        // The weights take 80 mel bins; the manifest claims 128.
        auto pkg = copyEnglish("mels");
        auto manifest = readJson(pkg / "voxbench-model.json");
        manifest["dims"]["n_mels"] = 128;
        writeJson(pkg / "voxbench-model.json", manifest);
        expectLoadError(pkg, {"incompatible shapes", "conv1.weight", "[64, 80, 3]", "[64, 128, 3]"});

        // A manifest that is consistent in itself but claims pruned cross-attention.
        pkg = copyEnglish("cross");
        manifest = readJson(pkg / "voxbench-model.json");
        manifest["shapes"]["heads"]["decoder.cross_attn"] = {3, 3};
        manifest["shapes"]["cross_kv_width"] = 48;
        writeJson(pkg / "voxbench-model.json", manifest);
        expectLoadError(pkg, {"incompatible shapes", "cross_kv", "decoder.pt", "48"});

        // Layer lists that do not fit dims.
        pkg = copyEnglish("layers");
        manifest = readJson(pkg / "voxbench-model.json");
        manifest["dims"]["n_text_layer"] = 3;
        writeJson(pkg / "voxbench-model.json", manifest);
        expectLoadError(pkg, {"voxbench-model.json", "decoder.attn", "2 layers", "dims say 3"});
    }

    void hiddenStepMethodsAreChecked()
    {
        // step_hidden and logit_weight are optional, but both or neither, and together they
        // must give step's logits.
        const fs::path packages = fs::path(packagePath("en")).parent_path();
        expectLoadError(packages / "en-rules-half", {"decoder.pt", "only one of the methods 'step_hidden' and 'logit_weight'"});
        expectLoadError(packages / "en-rules-mismatch", {"decoder.pt", "do not reproduce step's logits"});
    }

    void vocabularyProjectionIsLogged()
    {
        // Packages with step_hidden get the engine's packed projection where it equals
        // torch.matmul (the equivalence tests check the tokens either way); packages without
        // it, and other dtypes, take the logits from step. The load says which.
        auto text = std::make_shared<std::ostringstream>();
        vox::log::addSink(std::make_shared<spdlog::sinks::ostream_sink_mt>(*text));
        const auto level = vox::log::level();
        vox::log::setLevel(spdlog::level::debug);
        EngineOptions bf16;
        bf16.dtype = "bfloat16";
        const bool loaded = Engine::load(packagePath("en"), {}).ok() && Engine::load(packagePath("en-rules"), {}).ok()
                            && Engine::load(packagePath("en"), bf16).ok();
        vox::log::setLevel(level);
        QVERIFY(loaded);
        const std::string log = text->str();
        qInfo("%s", log.c_str());
        const std::string en = packagePath("en") + ": ";
        QVERIFY(log.find(en + "vocabulary logits from a packed copy of the token embedding") != std::string::npos
                || log.find(en + "no packed product equals torch.matmul") != std::string::npos);
        QVERIFY(log.find(packagePath("en-rules") + ": vocabulary logits from the decoder's step") != std::string::npos);
        QVERIFY(log.find(en + "vocabulary logits from the decoder's step") != std::string::npos); // bfloat16
    }

    void malformedManifest()
    {
        auto pkg = copyEnglish("json");
        {
            std::ofstream out(pkg / "voxbench-model.json", std::ios::trunc);
            out << "{\n \"format_version\": 1,\n \"family\": \"whisper\"\n \"dims\": {}\n}\n";
        }
        expectLoadError(pkg, {"voxbench-model.json", "not valid JSON", "line 4"});

        pkg = copyEnglish("version");
        auto manifest = readJson(pkg / "voxbench-model.json");
        manifest["format_version"] = 2;
        writeJson(pkg / "voxbench-model.json", manifest);
        expectLoadError(pkg, {"format_version 2 is not supported"});

        manifest["format_version"] = 1;
        manifest.erase("suppress_tokens");
        writeJson(pkg / "voxbench-model.json", manifest);
        expectLoadError(pkg, {"'suppress_tokens' is missing"});

        expectLoadError(fs::path(m_tmp.path().toStdString()) / "no-such-package", {"not a model package folder"});
    }

    void badOptions()
    {
        EngineOptions options;
        options.device = "tpu";
        expectLoadError(packagePath("en"), {"unknown device 'tpu'"}, options);
        options.device = "cpu";
        options.dtype = "float8";
        expectLoadError(packagePath("en"), {"unknown dtype 'float8'"}, options);

        auto ml = Engine::load(packagePath("ml"), {});
        QVERIFY(ml.ok());
        DecodeOptions decode;
        decode.language = "xx";
        auto result = ml->transcribe({m_audio[0]}, decode);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.find("no language 'xx'") != std::string::npos);
    }

    void cudaLoadsOrIsAClearError()
    {
        // Without a CUDA device (CI, Debian's CPU libtorch) asking for one is a clear error;
        // with one, the engine is on it.
        EngineOptions options;
        options.device = "cuda:0";
        auto engine = Engine::load(packagePath("en"), options);
        if (engine.ok())
            QCOMPARE(engine->device(), std::string("cuda:0"));
        else
            QVERIFY(engine.error().message.find("cuda:0") != std::string::npos);
    }

    void cancellationStopsEarly()
    {
        auto engine = Engine::load(packagePath("en"), {});
        QVERIFY(engine.ok());
        std::atomic<bool> cancel{true};
        DecodeOptions options;
        options.maxTokens = 224;
        auto greedy = engine->transcribe({m_audio[0], m_audio[1]}, options, &cancel);
        QVERIFY2(greedy.ok(), greedy ? "" : greedy.error().describe().c_str());
        for (const auto& t : *greedy) {
            QVERIFY(t.cancelled);
            QCOMPARE(t.timings.decoderSteps, 0); // stopped before the first step after the prompt
            QCOMPARE(t.tokens.size(), size_t(1));
            QCOMPARE(t.finishedBy.front(), std::string("cancelled"));
        }
        options.beamSize = 3;
        auto beam = engine->transcribe({m_audio[0], m_audio[1]}, options, &cancel);
        QVERIFY(beam.ok());
        QVERIFY((*beam)[0].cancelled && (*beam)[1].cancelled);
        QCOMPARE((*beam)[0].timings.decoderSteps, 0);
        QVERIFY((*beam)[1].tokens.empty()); // never started

        cancel = false;
        auto full = engine->transcribe({m_audio[0]}, options, &cancel);
        QVERIFY(full.ok() && !full->front().cancelled);
    }

    void aLoadStopsBetweenItsStepsWhenCancelled()
    {
        // A real checkpoint takes seconds to hash and load: a stop request ends it between steps.
        std::atomic<bool> cancel{true};
        EngineOptions options;
        options.cancel = &cancel;
        expectLoadError(packagePath("en"), {"cancelled while the package was read"}, options);
        auto info = vox::whisper::readPackage(packagePath("en"));
        QVERIFY(info.ok());
        auto runner = vox::whisper::ModelRunner::load(*info, options);
        QVERIFY(!runner.ok());
        QVERIFY2(runner.error().describe().find("cancelled while the model was loaded") != std::string::npos,
                 runner.error().describe().c_str());
        cancel = false;
        QVERIFY(Engine::load(packagePath("en"), options).ok());
    }

    void timingsAndSteps()
    {
        auto engine = Engine::load(packagePath("en"), {});
        QVERIFY(engine.ok());
        DecodeOptions options;
        options.maxTokens = 16;
        auto result = engine->transcribe({m_audio[2]}, options);
        QVERIFY(result.ok());
        const auto& t = result->front();
        QVERIFY(t.timings.featuresMs > 0 && t.timings.encoderMs > 0 && t.timings.decoderMs > 0);
        QVERIFY(t.timings.totalMs >= t.timings.featuresMs + t.timings.encoderMs + t.timings.decoderMs - 1e-6);
        QVERIFY(t.peakMemoryBytes >= 0);
        // One window: the prompt call, then one step per sampled token except the last.
        const int sampled = static_cast<int>(t.tokens.size());
        QCOMPARE(t.timings.decoderSteps, t.finishedBy.front() == "eot" ? sampled : sampled - 1);
        QCOMPARE(t.text, engine->decodeText(t.tokens));
    }
};

QTEST_APPLESS_MAIN(TestWhisperPackage)
#include "tst_whisper_package.moc"
