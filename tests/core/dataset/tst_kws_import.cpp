// Keyword-spotting data sets through the importers: the demo's clip manifest and stream manifest
// (detected by their "format" field), and a Speech Commands-like folder per label with its
// testing and validation lists; stored as speech data sets are, and told apart by their format.
#include "tests/core/dataset/dataset_files.h"
#include "core/kws/demo_data.h"
#include "core/store/dataset_records.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace vox;
using namespace vox::dataset;
using namespace vox::dataset::test;

namespace {

const fs::path kDemo = fs::path(VOXBENCH_SOURCE_DIR) / "resources" / "demo" / "kws";

std::map<std::string, std::string> extraOf(const Utterance& u)
{
    return {u.extra.begin(), u.extra.end()};
}

// A Speech Commands-like tree: two labels, background noise, a stray audio file at the top, the
// two lists (one entry naming no file), and hidden files.
fs::path labelFolders(const fs::path& root)
{
    for (const char* clip : {"yes/0a7c2a8d_nohash_0.wav", "yes/0a7c2a8d_nohash_1.wav", "yes/1b2c3d4e_nohash_0.wav",
                             "no/0a7c2a8d_nohash_0.wav", "no/9f8e7d6c_nohash_0.wav", "no/more/nested_clip.flac",
                             "_background_noise_/white_noise.wav", "_background_noise_/running_tap.wav",
                             "stray.wav", "no/.hidden.wav"})
        standInAudio(root / clip);
    writeFile(root / "README.md", "not audio");
    writeFile(root / "testing_list.txt", "yes/0a7c2a8d_nohash_1.wav\r\nno/9f8e7d6c_nohash_0.wav\n\nno/gone.wav\n");
    writeFile(root / "validation_list.txt", "yes/1b2c3d4e_nohash_0.wav\n");
    return root;
}

bool hasNote(const ImportReport& report, const std::string& part)
{
    for (const auto& n : report.notes)
        if (n.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestKwsImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path dir(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private slots:
    void formatsHaveNamesAndAKind()
    {
        for (Format f : {Format::KwsClips, Format::KwsStream, Format::LabelFolders})
            QCOMPARE(*parseFormat(formatName(f)), f);
        QCOMPARE(std::string(formatName(Format::KwsClips)), std::string("kws-clips"));
        QCOMPARE(std::string(formatName(Format::KwsStream)), std::string("kws-stream"));
        QCOMPARE(std::string(formatName(Format::LabelFolders)), std::string("label-folders"));
        QCOMPARE(*parseFormat("KWS-Clips"), Format::KwsClips);
        QVERIFY(parseFormat("kws").error().message.find("label-folders") != std::string::npos);

        QVERIFY(kwsDataKind("kws-clips") == KwsData::Clips);
        QVERIFY(kwsDataKind("label-folders") == KwsData::Clips);
        QVERIFY(kwsDataKind("kws-stream") == KwsData::Stream);
        for (const char* speech : {"nemo", "librispeech", "folder", "kaldi", "commonvoice", "table", "", "KWS-CLIPS"})
            QVERIFY2(!isKwsFormat(speech), speech);
        QVERIFY(isKwsFormat("kws-stream") && isKwsFormat("kws-clips") && isKwsFormat("label-folders"));

        QVERIFY(*parseSplit("Testing") == LabelSplit::Testing);
        QCOMPARE(std::string(splitName(LabelSplit::Training)), std::string("training"));
        QVERIFY(!parseSplit("dev").ok());
    }

    void detectsKwsManifestsByTheirFormatField()
    {
        QVERIFY(*detectFormat(kDemo / "clips.json") == Format::KwsClips);
        QVERIFY(*detectFormat(kDemo / "stream.json") == Format::KwsStream);
        // Another JSON file is still a NeMo manifest; a directory with testing_list.txt holds labels.
        writeFile(dir("nemo.json"), R"({"audio_filepath": "a.wav", "text": "hello"})" "\n");
        QVERIFY(*detectFormat(dir("nemo.json")) == Format::NemoManifest);
        writeFile(dir("other.json"), R"({"format": "something-else", "version": 1})");
        QVERIFY(*detectFormat(dir("other.json")) == Format::NemoManifest);
        labelFolders(dir("commands"));
        QVERIFY(*detectFormat(dir("commands")) == Format::LabelFolders);
        standInAudio(dir("plain/yes/a.wav"));
        QVERIFY(*detectFormat(dir("plain")) == Format::AudioFolder); // without the list: choose the format
    }

    void importsTheDemoClips()
    {
        auto report = importDataset(kDemo / "clips.json");
        QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
        QVERIFY(report->format == Format::KwsClips);
        auto set = kws::readClipSet(kDemo / "clips.json");
        QVERIFY(set.ok());
        QCOMPARE(report->utterances.size(), set->clips.size());
        QCOMPARE(report->utterances.size(), size_t(290));
        QVERIFY(report->skipped.empty());
        for (size_t i = 0; i < set->clips.size(); ++i) {
            const Utterance& u = report->utterances[i];
            const kws::LabelledClip& c = set->clips[i];
            QCOMPARE(u.id, c.id);
            QCOMPARE(u.reference, c.label);
            QCOMPARE(u.speaker, c.voice);
            QCOMPARE(u.audio, fs::path(c.audio).lexically_normal());
            QVERIFY(u.audio.is_absolute());
            QCOMPARE(u.duration, 1.0);
            QCOMPARE(extraOf(u)["condition"], c.condition);
            QCOMPARE(extraOf(u)["text"], c.text);
        }
        QVERIFY(hasNote(*report, "keyword 'sheila'"));
        QVERIFY(hasNote(*report, "sheila 110, other 135, background 45"));

        const auto record = store::datasetRecord(*report, "demo clips");
        QCOMPARE(record.format, std::string("kws-clips"));
        QVERIFY(isKwsFormat(record.format));
        const auto rows = store::utteranceRecords(*report);
        QCOMPARE(nlohmann::json::parse(rows[0].extraJson).at("condition").get<std::string>(), set->clips[0].condition);
    }

    void aClipWithoutItsAudioIsSkipped()
    {
        writeFile(dir("clips/clips.json"), R"({"format": "voxbench-kws-clips", "version": 1, "keyword": "sheila",
            "labels": ["sheila", "other"], "sample_rate": 16000, "clip_seconds": 1.0, "clips": [
            {"id": "k1", "audio": "a/k1.wav", "label": "sheila"},
            {"id": "o1", "audio": "a/missing.wav", "label": "other"},
            {"id": "k1", "audio": "a/k1.wav", "label": "sheila"}]})");
        standInAudio(dir("clips/a/k1.wav"));
        auto report = importDataset(dir("clips/clips.json"));
        QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
        QCOMPARE(ids(*report), QStringList{"k1"});
        QCOMPARE(report->skipped.size(), size_t(2));
        QVERIFY(report->skipped[0].reason.find("audio file not found") != std::string::npos);
        QVERIFY(report->skipped[0].reason.find("missing.wav") != std::string::npos);
        QVERIFY(report->skipped[1].reason.find("duplicate id k1") != std::string::npos);
        QVERIFY(report->utterances[0].extra.empty()); // no condition or text given

        // A label the manifest does not list makes the manifest unusable, with the reason.
        writeFile(dir("clips/bad.json"), R"({"format": "voxbench-kws-clips", "version": 1, "keyword": "sheila",
            "labels": ["sheila"], "sample_rate": 16000, "clip_seconds": 1.0,
            "clips": [{"id": "x", "audio": "a/k1.wav", "label": "yes"}]})");
        auto bad = importDataset(dir("clips/bad.json"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.find("label 'yes'") != std::string::npos, bad.error().message.c_str());
    }

    void importsTheDemoStreamAsOneUtterance()
    {
        auto report = importDataset(kDemo / "stream.json");
        QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
        QVERIFY(report->format == Format::KwsStream);
        QCOMPARE(report->utterances.size(), size_t(1));
        const Utterance& u = report->utterances[0];
        auto stream = kws::readKeywordStream(kDemo / "stream.json");
        QVERIFY(stream.ok());
        QCOMPARE(u.id, std::string("stream"));
        QCOMPARE(u.audio, fs::path(stream->audio).lexically_normal());
        QCOMPARE(u.duration, 600.0);
        QVERIFY(u.reference.find("hey assistant set the kitchen lights to blue sheila shell") == 0);
        auto extra = extraOf(u);
        QCOMPARE(extra["keyword"], std::string("sheila"));
        const auto spans = nlohmann::json::parse(extra["keyword_spans"]);
        const auto times = stream->keywordTimes();
        QCOMPARE(spans.size(), size_t(35));
        QCOMPARE(spans.size(), times.size());
        for (size_t i = 0; i < times.size(); ++i) {
            QCOMPARE(spans[i][0].get<double>(), times[i].start);
            QCOMPARE(spans[i][1].get<double>(), times[i].end);
        }
        QVERIFY(hasNote(*report, "35 known times of the keyword 'sheila'"));
        QCOMPARE(store::datasetRecord(*report, "").format, std::string("kws-stream"));
        QVERIFY(kwsDataKind(store::datasetRecord(*report, "").format) == KwsData::Stream);
    }

    void importsLabelFoldersWithTheirSplits()
    {
        const fs::path root = labelFolders(dir("speech-commands"));
        auto all = importDataset(root);
        QVERIFY2(all.ok(), all ? "" : all.error().describe().c_str());
        QVERIFY(all->format == Format::LabelFolders);
        QCOMPARE(ids(*all), (QStringList{"no/0a7c2a8d_nohash_0", "no/9f8e7d6c_nohash_0", "no/more/nested_clip",
                                         "yes/0a7c2a8d_nohash_0", "yes/0a7c2a8d_nohash_1", "yes/1b2c3d4e_nohash_0"}));
        std::map<std::string, std::string> split, label, speaker;
        for (const auto& u : all->utterances) {
            split[u.id] = extraOf(u)["split"];
            label[u.id] = u.reference;
            speaker[u.id] = u.speaker;
            QVERIFY(u.audio.is_absolute());
        }
        QCOMPARE(label["no/more/nested_clip"], std::string("no")); // the top folder is the label
        QCOMPARE(label["yes/0a7c2a8d_nohash_1"], std::string("yes"));
        QCOMPARE(speaker["yes/0a7c2a8d_nohash_1"], std::string("0a7c2a8d"));
        QCOMPARE(speaker["no/more/nested_clip"], std::string());
        QCOMPARE(split["yes/0a7c2a8d_nohash_1"], std::string("testing"));
        QCOMPARE(split["no/9f8e7d6c_nohash_0"], std::string("testing"));
        QCOMPARE(split["yes/1b2c3d4e_nohash_0"], std::string("validation"));
        QCOMPARE(split["yes/0a7c2a8d_nohash_0"], std::string("training"));
        // The stray file is skipped with its reason; background noise, the list entry that names
        // nothing and the hidden file are notes.
        QCOMPARE(all->skipped.size(), size_t(1));
        QVERIFY(all->skipped[0].file.ends_with("stray.wav"));
        QVERIFY(all->skipped[0].reason.find("outside the label folders") != std::string::npos);
        QVERIFY(hasNote(*all, "_background_noise_ (2 audio files) was left out"));
        QVERIFY(hasNote(*all, "1 entries of testing_list.txt name no audio file"));
        QVERIFY(hasNote(*all, "2 labels"));
        QVERIFY(hasNote(*all, "no 3, yes 3"));
        QVERIFY(hasNote(*all, "hidden file"));

        ImportOptions options;
        options.split = LabelSplit::Testing;
        QCOMPARE(ids(*importDataset(root, options)), (QStringList{"no/9f8e7d6c_nohash_0", "yes/0a7c2a8d_nohash_1"}));
        options.split = LabelSplit::Validation;
        QCOMPARE(ids(*importDataset(root, options)), QStringList{"yes/1b2c3d4e_nohash_0"});
        options.split = LabelSplit::Training;
        auto training = importDataset(root, options);
        QCOMPARE(ids(*training), (QStringList{"no/0a7c2a8d_nohash_0", "no/more/nested_clip", "yes/0a7c2a8d_nohash_0"}));
        QVERIFY(hasNote(*training, "3 clips of other splits were left out"));
    }

    void labelFoldersWithoutListsNeedTheFormatAndHaveNoSplit()
    {
        standInAudio(dir("nolists/up/a_nohash_0.wav"));
        standInAudio(dir("nolists/down/b_nohash_0.wav"));
        ImportOptions options;
        options.format = Format::LabelFolders;
        auto report = importDataset(dir("nolists"), options);
        QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
        QCOMPARE(ids(*report), (QStringList{"down/b_nohash_0", "up/a_nohash_0"}));
        QCOMPARE(report->utterances[1].reference, std::string("up"));
        QVERIFY(report->utterances[0].extra.empty()); // no lists: no split field
        for (LabelSplit split : {LabelSplit::Testing, LabelSplit::Validation, LabelSplit::Training}) {
            options.split = split;
            auto refused = importDataset(dir("nolists"), options);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().message.find("needs") != std::string::npos, refused.error().message.c_str());
        }
        options.split = LabelSplit::All;
        writeFile(dir("afile.txt"), "x");
        QVERIFY(!importDataset(dir("afile.txt"), options).ok()); // the format needs a directory
    }
};

QTEST_APPLESS_MAIN(TestKwsImport)
#include "tst_kws_import.moc"
