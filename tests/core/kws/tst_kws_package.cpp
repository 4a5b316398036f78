// KWS packages (core/kws/package.*, classifier.*): every committed demo package loads and says
// what it is (with its architecture and quantized modules); streaming a clip chunk by chunk gives
// the clip's own result; damaged packages fail to load with an error that names the problem and
// the file; a manifest without an architecture loads, a malformed one names the field.
#include "core/kws/classifier.h"
#include "core/kws/package.h"
#include "core/whisper/sha256.h"
#include "kws_demo.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <functional>
#include <set>

namespace fs = std::filesystem;
using vox::kws::Classifier;
using vox::test::kwsPackage;

namespace {

nlohmann::json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

void writeJson(const fs::path& path, const nlohmann::json& j)
{
    std::ofstream(path) << j.dump(1);
}

std::string errorOf(const fs::path& folder)
{
    auto c = Classifier::load(folder);
    return c.ok() ? std::string("(loaded)") : c.error().describe();
}

} // namespace

class TestKwsPackage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::vector<float> m_keywordClip;

    fs::path copyOf(const std::string& package, const std::string& as)
    {
        const fs::path to = fs::path(m_tmp.path().toStdString()) / as;
        fs::remove_all(to);
        fs::copy(kwsPackage(package), to, fs::copy_options::recursive);
        return to;
    }

    static void expectError(const fs::path& folder, const std::vector<std::string>& parts)
    {
        const std::string text = errorOf(folder);
        qInfo("%s", text.c_str());
        for (const auto& part : parts)
            QVERIFY2(text.find(part) != std::string::npos, ("'" + part + "' not in: " + text).c_str());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_keywordClip = vox::test::decode16k(vox::test::kKwsDemo / "clips" / "sheila-000.flac");
        QCOMPARE(m_keywordClip.size(), size_t(16000));
    }

    void everyDemoPackageLoads()
    {
        std::set<std::string> found;
        for (const auto& folder : vox::test::kwsPackageFolders())
            found.insert(folder.filename().string());
        QCOMPARE(found, std::set<std::string>(vox::test::kKwsPackages.begin(), vox::test::kKwsPackages.end()));
        int64_t teacherParameters = 0;
        for (const auto& name : vox::test::kKwsPackages) {
            auto c = Classifier::load(kwsPackage(name));
            QVERIFY2(c.ok(), c ? "" : c.error().describe().c_str());
            const auto& p = c->package();
            QCOMPARE(p.family, std::string("kws-crnn"));
            QCOMPARE(p.name, name);
            QCOMPARE(p.labels, (std::vector<std::string>{"sheila", "other", "background"}));
            QCOMPARE(p.labels[size_t(p.keywordIndex)], std::string("sheila"));
            QCOMPARE(p.sampleRate, 16000);
            QCOMPARE(p.clipSamples(), 16000);
            QCOMPARE(p.chunkSamples % p.hopSamples, 0);
            const bool int8 = name.size() > 5 && name.substr(name.size() - 5) == "-int8";
            QCOMPARE(p.variantKind, std::string(int8 ? "int8" : "fp32"));
            if (int8)
                QCOMPARE(p.variantSource + "-int8", name);
            QCOMPARE(p.gruHidden, name.find("gru16") != std::string::npos ? 16 : name.find("gru32") != std::string::npos ? 32 : 64);
            if (name == "teacher")
                teacherParameters = p.parameterCount;
            else if (name.find("student") == 0)
                QVERIFY(p.parameterCount > 0 && p.parameterCount < teacherParameters / 3);
            // Training metrics travel with the package.
            const auto metrics = nlohmann::json::parse(p.metricsJson);
            QVERIFY(metrics.at("val_accuracy").get<double>() > 0.8);
            QVERIFY(nlohmann::json::parse(p.trainingJson).at("epochs").get<int>() > 0);
            QVERIFY(p.detection.threshold >= 0.5 && p.detection.threshold < 1.0);
        }
    }

    void streamingAClipGivesItsClipResult()
    {
        for (const auto& name : vox::test::kKwsPackages) {
            auto c = Classifier::load(kwsPackage(name));
            QVERIFY(c.ok());
            auto clip = c->classify({m_keywordClip});
            QVERIFY(clip.ok());
            const float whole = clip->front().probabilities[size_t(c->package().keywordIndex)];
            auto streamed = c->stream(m_keywordClip);
            QVERIFY2(streamed.ok(), streamed ? "" : streamed.error().describe().c_str());
            QCOMPARE(streamed->keywordScores.size(), size_t(16000 / c->package().chunkSamples));
            // int8: activations are quantized per call, so chunks and a whole clip round differently.
            const double tolerance = c->package().variantKind == "int8" ? 0.05 : 1e-4;
            const float last = streamed->keywordScores.back();
            QVERIFY2(std::abs(last - whole) <= tolerance,
                     (name + ": streamed " + std::to_string(last) + ", whole clip " + std::to_string(whole)).c_str());
            // Pushing odd-sized pieces gives the same chunks and scores as one push.
            auto session = c->openStream();
            QVERIFY(session.ok());
            std::vector<float> pieces;
            for (size_t at = 0; at < m_keywordClip.size(); at += 999) {
                auto got = session->push(m_keywordClip.data() + at, std::min<size_t>(999, m_keywordClip.size() - at));
                QVERIFY(got.ok());
                pieces.insert(pieces.end(), got->begin(), got->end());
            }
            QCOMPARE(pieces.size(), streamed->keywordScores.size());
            for (size_t i = 0; i < pieces.size(); ++i)
                QVERIFY(std::abs(pieces[i] - streamed->keywordScores[i]) <= 1e-6);
            QCOMPARE(session->chunksDone(), int64_t(pieces.size()));
        }
        // fp32: the chunk size does not change the state carried (hop-sized chunks).
        auto teacher = Classifier::load(kwsPackage("teacher"));
        QVERIFY(teacher.ok());
        auto big = teacher->stream(m_keywordClip, 1600), small = teacher->stream(m_keywordClip, 160);
        QVERIFY(big.ok() && small.ok());
        QCOMPARE(small->keywordScores.size(), size_t(100));
        QVERIFY(std::abs(big->keywordScores.back() - small->keywordScores.back()) <= 1e-4);
        auto bad = teacher->openStream(1000);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("not a positive multiple of the hop (160 samples)") != std::string::npos);
    }

    void clipsArePaddedOrCut()
    {
        auto c = Classifier::load(kwsPackage("student-gru32"));
        QVERIFY(c.ok());
        std::vector<float> half(m_keywordClip.begin(), m_keywordClip.begin() + 8000);
        std::vector<float> padded = half;
        padded.resize(16000, 0.0f);
        std::vector<float> longer = m_keywordClip;
        longer.resize(24000, 0.5f);
        auto r = c->classify({half, padded, longer, m_keywordClip});
        QVERIFY(r.ok());
        QCOMPARE(r->size(), size_t(4));
        for (size_t k = 0; k < 3; ++k) {
            QVERIFY(std::abs((*r)[0].probabilities[k] - (*r)[1].probabilities[k]) <= 1e-5);
            QVERIFY(std::abs((*r)[2].probabilities[k] - (*r)[3].probabilities[k]) <= 1e-5);
        }
        QVERIFY(c->classify({})->empty());
    }

    void damagedPackagesAreClearErrors()
    {
        const fs::path root = m_tmp.path().toStdString();
        expectError(root / "no-such-package", {"not a KWS package folder", "no-such-package"});
        fs::create_directories(root / "empty");
        expectError(root / "empty", {"has no KWS manifest voxbench-kws.json"});

        auto missing = copyOf("teacher", "missing");
        fs::remove(missing / "model.pt");
        expectError(missing, {"the package lists 'model.pt' but the file is missing", "missing/model.pt"});

        auto flipped = copyOf("teacher", "flipped");
        {
            std::fstream f(flipped / "model.pt", std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(200);
            f.put('\x5a');
        }
        expectError(flipped, {"checksum mismatch for 'model.pt'", "changed or damaged after export"});

        // Truncated, with a checksum that matches the damage: torch must refuse it.
        auto truncated = copyOf("teacher", "truncated");
        fs::resize_file(truncated / "model.pt", fs::file_size(truncated / "model.pt") / 2);
        auto manifest = readJson(truncated / "voxbench-kws.json");
        manifest["sha256"]["model.pt"] = *vox::whisper::sha256File(truncated / "model.pt");
        writeJson(truncated / "voxbench-kws.json", manifest);
        expectError(truncated, {"not a loadable TorchScript module", "truncated/model.pt"});

        // A TorchScript module that is not a KWS model.
        auto alien = copyOf("teacher", "alien");
        fs::copy_file(fs::path(VOXBENCH_FIXTURE_DIR) / "tiny" / "tiny_mlp.pt", alien / "model.pt",
                      fs::copy_options::overwrite_existing);
        manifest = readJson(alien / "voxbench-kws.json");
        manifest["sha256"]["model.pt"] = *vox::whisper::sha256File(alien / "model.pt");
        writeJson(alien / "voxbench-kws.json", manifest);
        expectError(alien, {"the module has no method 'init_state'"});

        auto notJson = copyOf("teacher", "not-json");
        std::ofstream(notJson / "voxbench-kws.json") << "{\"format_version\": 1,";
        expectError(notJson, {"the manifest is not valid JSON", "voxbench-kws.json"});

        struct Edit {
            std::string name;
            std::function<void(nlohmann::json&)> change;
            std::vector<std::string> expected;
        };
        const std::vector<Edit> edits{
            {"family", [](auto& m) { m["family"] = "whisper"; }, {"family 'whisper' is not a KWS package"}},
            {"version", [](auto& m) { m["format_version"] = 2; }, {"format_version 2 is not supported"}},
            {"labels", [](auto& m) { m.erase("labels"); }, {"field 'labels' is missing"}},
            {"keyword", [](auto& m) { m["keyword_index"] = 1; }, {"labels[keyword_index] is 'other', not the keyword 'sheila'"}},
            {"chunk", [](auto& m) { m["chunk_samples"] = 1000; }, {"chunk_samples 1000 is not a positive multiple of hop_samples 160"}},
            {"threshold", [](auto& m) { m["detection"]["threshold"] = "high"; }, {"field 'detection.threshold' must be a number"}},
            {"engine", [](auto& m) { m["variant"] = {{"kind", "int8"}, {"description", ""}, {"source", "teacher"},
                                                     {"options", {{"quantization_engine", "fbgemm"}}}}; },
             {"quantization_engine 'fbgemm' is not supported"}},
            {"state", [](auto& m) { m["state_size"] = 5; }, {"init_state(1) gave [1, ", "state_size says [1, 5]"}},
            {"classes", [](auto& m) { m["labels"].push_back("extra"); }, {"forward() gave logits of shape [1, 3]", "lists 4 labels"}},
            {"no-sum", [](auto& m) { m["sha256"] = nlohmann::json::object(); }, {"no sha256 entry for 'model.pt'"}},
        };
        for (const auto& edit : edits) {
            auto folder = copyOf("teacher", "edit-" + edit.name);
            auto m = readJson(folder / "voxbench-kws.json");
            edit.change(m);
            writeJson(folder / "voxbench-kws.json", m);
            expectError(folder, edit.expected);
        }
    }

    void architectureIsRead()
    {
        for (const auto& name : vox::test::kKwsPackages) {
            auto p = vox::kws::readPackage(kwsPackage(name));
            QVERIFY2(p.ok(), p ? "" : p.error().describe().c_str());
            const auto& a = p->architecture;
            QVERIFY(a.known());
            const bool teacher = name.starts_with("teacher");
            QCOMPARE(a.convChannels, (teacher ? std::vector<int>{16, 32} : std::vector<int>{8, 16}));
            QCOMPARE(a.convKernels, (std::vector<std::pair<int, int>>{{5, 3}, {3, 3}}));
            QCOMPARE(a.convStrides, (std::vector<std::pair<int, int>>{{2, 1}, {2, 1}}));
            QCOMPARE(a.gruHidden, p->gruHidden);
            QCOMPARE(a.gruLayers, 1);
            QCOMPARE(a.attention, 32);
            QCOMPARE(a.poolFrames, 100);
            QCOMPARE(a.nMels, 40);
            const bool int8 = name.ends_with("-int8");
            QCOMPARE(p->quantizedModules, (int8 ? std::vector<std::string>{"GRU", "Linear"} : std::vector<std::string>{}));
        }
    }

    void architectureIsOptionalButChecked()
    {
        // Without "architecture" a package still loads; only its cost cannot be counted.
        auto bare = copyOf("student-gru16", "no-architecture");
        auto manifest = readJson(bare / "voxbench-kws.json");
        manifest.erase("architecture");
        manifest.erase("front_end");
        writeJson(bare / "voxbench-kws.json", manifest);
        auto p = vox::kws::readPackage(bare);
        QVERIFY2(p.ok(), p ? "" : p.error().describe().c_str());
        QVERIFY(!p->architecture.known());
        QCOMPARE(p->gruHidden, 0);
        QVERIFY(Classifier::load(bare).ok());

        struct Edit {
            std::string name;
            std::function<void(nlohmann::json&)> change;
            std::string expected;
        };
        const std::vector<Edit> edits{
            {"arch-type", [](auto& m) { m["architecture"] = 3; }, "field 'architecture' must be an object"},
            {"channels", [](auto& m) { m["architecture"]["conv_channels"] = nlohmann::json::array(); },
             "field 'architecture.conv_channels' must be a non-empty list of positive integers"},
            {"channel-zero", [](auto& m) { m["architecture"]["conv_channels"][1] = 0; },
             "field 'architecture.conv_channels' must be a non-empty list of positive integers"},
            {"kernels", [](auto& m) { m["architecture"]["conv_kernels"].erase(1); },
             "field 'architecture.conv_kernels' must list one [frequency, time] pair per convolution (2)"},
            {"stride-pair", [](auto& m) { m["architecture"]["conv_strides"][0] = {2, 1, 1}; },
             "field 'architecture.conv_strides' must list one [frequency, time] pair"},
            {"hidden", [](auto& m) { m["architecture"]["gru_hidden"] = "16"; },
             "field 'architecture.gru_hidden' must be an integer"},
            {"layers", [](auto& m) { m["architecture"]["gru_layers"] = 0; },
             "field 'architecture.gru_layers' must be a positive integer"},
            {"attention", [](auto& m) { m["architecture"].erase("attention"); },
             "field 'architecture.attention' is missing"},
            {"mels", [](auto& m) { m["front_end"]["n_mels"] = -40; }, "field 'front_end.n_mels' must be a positive integer"},
            {"modules", [](auto& m) { m["variant"]["options"]["modules"] = "GRU"; },
             "field 'variant.options.modules' must be a list of module type names"},
        };
        for (const auto& edit : edits) {
            auto folder = copyOf("student-gru16-int8", "arch-" + edit.name);
            auto m = readJson(folder / "voxbench-kws.json");
            edit.change(m);
            writeJson(folder / "voxbench-kws.json", m);
            auto read = vox::kws::readPackage(folder);
            QVERIFY2(!read.ok(), edit.name.c_str());
            const std::string text = read.error().describe();
            QVERIFY2(text.find(edit.expected) != std::string::npos, ("'" + edit.expected + "' not in: " + text).c_str());
            QVERIFY2(text.find("voxbench-kws.json") != std::string::npos, text.c_str());
        }
    }

    void checksumsCanBeSkipped()
    {
        auto flipped = copyOf("student-gru16", "flipped-unchecked");
        auto manifest = readJson(flipped / "voxbench-kws.json");
        manifest["sha256"]["model.pt"] = std::string(64, '0');
        writeJson(flipped / "voxbench-kws.json", manifest);
        vox::kws::ClassifierOptions options;
        options.verifyChecksums = false;
        QVERIFY(Classifier::load(flipped, options).ok());
        QVERIFY(!Classifier::load(flipped).ok());
    }
};

QTEST_GUILESS_MAIN(TestKwsPackage)
#include "tst_kws_package.moc"
