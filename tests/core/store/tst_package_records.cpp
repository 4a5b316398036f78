// Registering a model package (store::variantFromPackage, shared by `voxbench-cli variant add`
// and the GUI's Add Model Package): good packages become variant records; every kind of broken
// package the engine or the classifier would refuse before loading torch is refused here, with
// a message that says what is wrong and names the file.
#include "core/store/package_records.h"
#include "core/whisper/sha256.h"

#include "tests/support/file_text.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using nlohmann::json;
using vox::store::variantFromPackage;

namespace {

const fs::path kWhisperPackages = fs::path(VOXBENCH_FIXTURE_DIR) / "whisper" / "packages";
const fs::path kKwsPackages = fs::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "kws" / "models";

json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return json::parse(in);
}

void writeJson(const fs::path& path, const json& j)
{
    std::ofstream(path, std::ios::trunc) << j.dump(1);
}

// The manifest's checksum of `file` made to match the file again, so that the check after the
// checksum is the one that finds the damage.
void resum(const fs::path& package, const std::string& manifest, const std::string& file)
{
    auto m = readJson(package / manifest);
    m["sha256"][file] = *vox::whisper::sha256File(package / file);
    writeJson(package / manifest, m);
}

void flipByte(const fs::path& file, std::streamoff at)
{
    std::fstream f(file, std::ios::binary | std::ios::in | std::ios::out);
    f.seekg(at);
    const char c = static_cast<char>(f.get());
    f.seekp(at);
    f.put(static_cast<char>(c ^ 0x5a));
}

// One kind of damage: `change` breaks a fresh copy of a good package; the error must contain
// every one of `expected`.
struct Damage {
    std::string name;
    std::function<void(const fs::path& package)> change;
    std::vector<std::string> expected;
};

// A change to the manifest only.
std::function<void(const fs::path&)> manifestEdit(const std::string& manifest, std::function<void(json&)> edit)
{
    return [manifest, edit](const fs::path& package) {
        auto m = readJson(package / manifest);
        edit(m);
        writeJson(package / manifest, m);
    };
}

} // namespace

class TestPackageRecords : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    fs::path copyOf(const fs::path& package, const std::string& as)
    {
        const fs::path to = fs::path(m_tmp.path().toStdString()) / as;
        fs::remove_all(to);
        fs::copy(package, to, fs::copy_options::recursive);
        return to;
    }

    void expectRefused(const fs::path& good, const std::vector<Damage>& damages)
    {
        for (const auto& damage : damages) {
            const auto package = copyOf(good, good.filename().string() + "-" + damage.name);
            damage.change(package);
            auto v = variantFromPackage(package);
            QVERIFY2(!v.ok(), ("registered although broken (" + damage.name + "): " + package.string()).c_str());
            const std::string text = v.error().describe();
            qInfo("%s: %s", damage.name.c_str(), text.c_str());
            for (const auto& part : damage.expected)
                QVERIFY2(text.find(part) != std::string::npos,
                         (damage.name + ": '" + part + "' not in: " + text).c_str());
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void goodPackagesAreAccepted_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("manifest");
        for (const char* name : {"en", "ml", "en-int8", "en-pruned", "en-fp16"})
            QTest::newRow(name) << QString::fromStdString((kWhisperPackages / name).string()) << "voxbench-model.json";
        for (const char* name : {"teacher", "teacher-int8", "student-gru16"})
            QTest::newRow(name) << QString::fromStdString((kKwsPackages / name).string()) << "voxbench-kws.json";
    }

    void goodPackagesAreAccepted()
    {
        QFETCH(QString, folder);
        QFETCH(QString, manifest);
        const fs::path path = folder.toStdString();
        auto v = variantFromPackage(path);
        QVERIFY2(v.ok(), v ? "" : v.error().describe().c_str());
        QCOMPARE(v->name, path.filename().string());
        QVERIFY(fs::path(v->packagePath).is_absolute());
        QCOMPARE(v->manifestJson, vox::test::fileText((path / manifest.toStdString()).string()));
        QCOMPARE(variantFromPackage(path, "named")->name, std::string("named"));
    }

    void brokenWhisperPackagesAreRefused()
    {
        const std::string manifest = "voxbench-model.json";
        auto edit = [&](std::function<void(json&)> change) { return manifestEdit(manifest, std::move(change)); };
        const std::vector<Damage> damages{
            {"missing-file", [](const fs::path& p) { fs::remove(p / "decoder.pt"); },
             {"the package lists 'decoder.pt' but the file is missing", "decoder.pt"}},
            {"missing-tokenizer", [](const fs::path& p) { fs::remove(p / "merges.txt"); },
             {"the package lists 'merges.txt' but the file is missing", "merges.txt"}},
            {"checksum", [](const fs::path& p) { flipByte(p / "encoder.pt", 1000); },
             {"checksum mismatch for 'encoder.pt'", "changed or damaged after export", "encoder.pt"}},
            {"no-checksum", edit([](json& m) { m["sha256"].erase("vocab.json"); }),
             {"the manifest has no sha256 entry for 'vocab.json'", manifest}},
            {"not-json",
             [&](const fs::path& p) {
                 std::ofstream(p / manifest, std::ios::trunc)
                     << "{\n \"format_version\": 1,\n \"family\": \"whisper\"\n \"dims\": {}\n}\n";
             },
             {"the manifest is not valid JSON", "line 4", manifest}},
            {"version", edit([](json& m) { m["format_version"] = 2; }), {"format_version 2 is not supported", manifest}},
            {"missing-field", edit([](json& m) { m.erase("suppress_tokens"); }),
             {"field 'suppress_tokens' is missing", manifest}},
            {"wrong-type", edit([](json& m) { m["multilingual"] = "no"; }),
             {"field 'multilingual' must be true or false", manifest}},
            {"unknown-family", edit([](json& m) { m["family"] = "wav2vec2"; }),
             {"family 'wav2vec2' is not a package family VoxBench runs", manifest}},
            {"other-family", edit([](json& m) { m["family"] = "kws-crnn"; }),
             {"family 'kws-crnn' is not supported (expected 'whisper')", manifest}},
            {"layers", edit([](json& m) { m["dims"]["n_text_layer"] = 3; }),
             {"decoder.attn", "2 layers but dims say 3", manifest}},
            {"mels", edit([](json& m) { m["dims"]["n_mels"] = 96; }), {"dims.n_mels is 96, expected 80 or 128", manifest}},
            {"heads", edit([](json& m) { m["shapes"]["self_kv_width"] = 7; }), {"shapes.self_kv_width is 7", manifest}},
            {"special-token", edit([](json& m) { m["special_tokens"]["nospeech"] = 99999; }),
             {"special token id 99999 is outside the vocabulary", manifest}},
            {"suppressed-token", edit([](json& m) { m["suppress_tokens"].push_back(-3); }),
             {"suppressed token id -3 is outside the vocabulary", manifest}},
            {"dtype", edit([](json& m) { m["variant"]["dtype_at_load"] = "float8"; }),
             {"variant.dtype_at_load must be null, float16 or bfloat16", manifest}},
            {"engine",
             edit([](json& m) {
                 m["variant"]["kind"] = "int8";
                 m["variant"]["options"] = {{"quantization_engine", "tensorrt"}};
             }),
             {"variant.options.quantization_engine 'tensorrt' is not a quantized engine (qnnpack, onednn, fbgemm, x86)",
              manifest}},
            {"module-engine",
             edit([](json& m) {
                 m["variant"]["kind"] = "int8";
                 m["variant"]["options"] = {{"quantization_engine", "qnnpack"},
                                            {"quantization_engines", {{"encoder", "onednn"}, {"decoder", "gpu"}}}};
             }),
             {"variant.options.quantization_engines.decoder 'gpu' is not a quantized engine", manifest}},
            {"outside", edit([](json& m) { m["files"]["vocab"] = "../en/vocab.json"; }),
             {"files.vocab ('../en/vocab.json') must be a file name inside the package folder, not a path", manifest}},
            {"absolute", edit([](json& m) { m["files"]["encoder"] = "/etc/passwd"; }),
             {"files.encoder ('/etc/passwd') must be a file name inside the package folder, not a path", manifest}},
            {"nul", edit([](json& m) { m["files"]["merges"] = std::string("merges.txt\0x", 12); }),
             {"files.merges contains a NUL byte", manifest}},
            // A name that is a plain file name but a link to a file elsewhere (checksum updated:
            // only where the file lies is wrong).
            {"link-out",
             [this](const fs::path& p) {
                 const fs::path elsewhere = fs::path(m_tmp.path().toStdString()) / "elsewhere-encoder.pt";
                 fs::copy_file(p / "encoder.pt", elsewhere, fs::copy_options::overwrite_existing);
                 fs::remove(p / "encoder.pt");
                 fs::create_symlink(elsewhere, p / "encoder.pt");
             },
             {"'encoder.pt' is a symbolic link to", "elsewhere-encoder.pt, outside the package folder"}},
            // The tokenizer: a vocabulary that does not cover the model's text ids, and one that
            // is not JSON (checksums updated, so the token reader is what refuses them).
            {"vocabulary",
             [](const fs::path& p) {
                 writeJson(p / "vocab.json", json{{"a", 0}, {"b", 1}});
                 resum(p, "voxbench-model.json", "vocab.json");
             },
             {"the vocabulary has ids up to 1", "vocab.json"}},
            {"vocabulary-json",
             [](const fs::path& p) {
                 std::ofstream(p / "vocab.json", std::ios::trunc) << "{\"a\": 0,";
                 resum(p, "voxbench-model.json", "vocab.json");
             },
             {"the vocabulary is not valid JSON", "vocab.json"}},
        };
        expectRefused(kWhisperPackages / "en", damages);
    }

    void brokenKwsPackagesAreRefused()
    {
        const std::string manifest = "voxbench-kws.json";
        auto edit = [&](std::function<void(json&)> change) { return manifestEdit(manifest, std::move(change)); };
        const std::vector<Damage> damages{
            {"missing-file", [](const fs::path& p) { fs::remove(p / "model.pt"); },
             {"the package lists 'model.pt' but the file is missing", "model.pt"}},
            {"checksum", [](const fs::path& p) { flipByte(p / "model.pt", 200); },
             {"checksum mismatch for 'model.pt'", "model.pt"}},
            {"no-checksum", edit([](json& m) { m["sha256"] = json::object(); }),
             {"the manifest has no sha256 entry for 'model.pt'", manifest}},
            {"not-json", [&](const fs::path& p) { std::ofstream(p / manifest, std::ios::trunc) << "{\"format_version\": 1,"; },
             {"the manifest is not valid JSON", manifest}},
            {"version", edit([](json& m) { m["format_version"] = 2; }), {"format_version 2 is not supported", manifest}},
            {"unknown-family", edit([](json& m) { m["family"] = "kws-tcn"; }),
             {"family 'kws-tcn' is not a package family VoxBench runs", manifest}},
            {"other-family", edit([](json& m) { m["family"] = "whisper"; }),
             {"family 'whisper' is not a KWS package (expected 'kws-crnn')", manifest}},
            {"labels", edit([](json& m) { m.erase("labels"); }), {"field 'labels' is missing", manifest}},
            {"keyword", edit([](json& m) { m["keyword_index"] = 1; }),
             {"labels[keyword_index] is 'other', not the keyword 'sheila'", manifest}},
            {"chunk", edit([](json& m) { m["chunk_samples"] = 1000; }),
             {"chunk_samples 1000 is not a positive multiple of hop_samples 160", manifest}},
            {"threshold", edit([](json& m) { m["detection"]["threshold"] = "high"; }),
             {"field 'detection.threshold' must be a number", manifest}},
            {"engine",
             edit([](json& m) {
                 m["variant"] = {{"kind", "int8"}, {"description", ""}, {"source", "teacher"},
                                 {"options", {{"quantization_engine", "fbgemm"}}}};
             }),
             {"variant.options.quantization_engine 'fbgemm' is not supported (qnnpack is)", manifest}},
            {"outside", edit([](json& m) { m["files"]["model"] = "../teacher/model.pt"; }),
             {"files.model ('../teacher/model.pt') must be a file name inside the package folder", manifest}},
            {"dot-dot", edit([](json& m) { m["files"]["model"] = ".."; }),
             {"files.model ('..') must be a file name inside the package folder", manifest}},
            {"link-out",
             [](const fs::path& p) {
                 fs::rename(p / "model.pt", p.parent_path() / "teacher-model-elsewhere.pt");
                 fs::create_symlink(p.parent_path() / "teacher-model-elsewhere.pt", p / "model.pt");
             },
             {"'model.pt' is a symbolic link to", "outside the package folder"}},
        };
        expectRefused(kKwsPackages / "teacher", damages);
    }

    void aLinkInsideThePackageIsFollowed()
    {
        // Weights kept in a subfolder and linked: they are still the package's own files.
        const auto package = copyOf(kWhisperPackages / "en", "en-linked");
        fs::create_directory(package / "weights");
        fs::rename(package / "decoder.pt", package / "weights" / "decoder.pt");
        fs::create_symlink("weights/decoder.pt", package / "decoder.pt");
        auto v = variantFromPackage(package);
        QVERIFY2(v.ok(), v ? "" : v.error().describe().c_str());
    }

    void manifestFacts()
    {
        using vox::store::variantFacts;
        const auto whisper = variantFacts(vox::test::fileText((kWhisperPackages / "en-int8" / "voxbench-model.json").string()));
        const auto manifest = readJson(kWhisperPackages / "en-int8" / "voxbench-model.json");
        QCOMPARE(whisper.family, std::string("whisper"));
        QCOMPARE(whisper.kind, std::string("int8"));
        QCOMPARE(whisper.description, manifest["variant"]["description"].get<std::string>());
        QCOMPARE(whisper.source, manifest["source"]["description"].get<std::string>());
        QCOMPARE(whisper.parameters, manifest["parameter_count"].get<int64_t>());
        QVERIFY(!whisper.demo);

        const auto kws = variantFacts(vox::test::fileText((kKwsPackages / "teacher-int8" / "voxbench-kws.json").string()));
        QCOMPARE(kws.family, std::string("kws-crnn"));
        QCOMPARE(kws.kind, std::string("int8"));
        QVERIFY(kws.parameters > 0);

        const auto demo = variantFacts(R"({"family":"whisper","variant":{"kind":"fp32","description":"d"},
                                           "source":{"description":"the demo model","demo":true},"parameter_count":7})");
        QCOMPARE(demo.source, std::string("the demo model"));
        QVERIFY(demo.demo);
        QCOMPARE(demo.parameters, int64_t(7));
        QCOMPARE(demo.description, std::string("d"));

        // Missing fields and fields of another type are empty; text that is no object gives nothing.
        const auto odd = variantFacts(R"({"family":3,"variant":"int8","parameter_count":"many","source":{"demo":"yes"}})");
        QVERIFY(odd.family.empty() && odd.kind.empty() && odd.description.empty() && odd.source.empty());
        QCOMPARE(odd.parameters, int64_t(0));
        QVERIFY(!odd.demo);
        for (const char* text : {"", "{", "[]", "null"}) {
            const auto none = variantFacts(text);
            QVERIFY(none.family.empty() && none.kind.empty() && none.parameters == 0 && !none.demo);
        }
    }

    void foldersThatAreNoPackage()
    {
        const fs::path root = m_tmp.path().toStdString();
        auto missing = variantFromPackage(root / "no-such-folder");
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().describe().find("not a model package folder") != std::string::npos);
        fs::create_directories(root / "empty");
        auto empty = variantFromPackage(root / "empty");
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().describe().find("holds neither voxbench-model.json nor voxbench-kws.json")
                != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestPackageRecords)
#include "tst_package_records.moc"
