// Dataset importers for directory layouts (audio folder, LibriSpeech, Kaldi) and format
// detection. Each data set is written in its real layout into a temporary directory; audio
// files are stand-ins (see dataset_files.h) because importers never decode audio.
// Manifest files (NeMo, Common Voice, tables) are tested in tst_dataset_manifests.cpp.
#include "dataset_files.h"

#include <QTemporaryDir>

#include <atomic>
#include <fstream>
#include <future>
#include <optional>
#include <QTest>
#include <thread>


using namespace vox::dataset;
using namespace vox::dataset::test;

namespace {

// A NeMo manifest of `lines` utterances (audio not looked at: requireAudioFiles false).
std::string writeNemoManifest(const QTemporaryDir& tmp, int lines)
{
    const std::string manifest = tmp.filePath("long.json").toStdString();
    std::ofstream out(manifest);
    for (int i = 0; i < lines; ++i)
        out << "{\"audio_filepath\": \"a" << i << ".wav\", \"text\": \"words " << i << "\", \"duration\": 1.0}\n";
    return manifest;
}

} // namespace

class TestDatasetImport : public QObject {
    Q_OBJECT

private slots:
    void reportsProgressWhileReading()
    {
        QTemporaryDir tmp;
        const std::string manifest = tmp.filePath("m.json").toStdString();
        {
            std::ofstream out(manifest);
            for (int i = 0; i < 600; ++i)
                out << "{\"audio_filepath\": \"a" << i << ".wav\", \"text\": \"words\", \"duration\": 1.0}\n";
            out << "not json\n";
        }
        vox::dataset::ImportOptions options;
        options.requireAudioFiles = false;
        std::vector<size_t> calls;
        options.progress = [&](size_t lines) { calls.push_back(lines); };
        auto report = vox::dataset::importDataset(manifest, options);
        QVERIFY(report.ok());
        QCOMPARE(report->utterances.size(), size_t(600));
        QCOMPARE(report->skipped.size(), size_t(1));
        QCOMPARE(calls, (std::vector<size_t>{256, 512, 601})); // every 256 lines, then the total
    }

    void aSetCancelFlagStopsTheImport()
    {
        QTemporaryDir tmp;
        const std::string manifest = writeNemoManifest(tmp, 200000);
        std::atomic<bool> cancel{false};
        ImportOptions options;
        options.requireAudioFiles = false;
        options.cancel = &cancel;
        // The first progress call waits until the flag is set, so the import is known to be
        // under way (and far from its end) when it is cancelled, however fast the machine.
        std::promise<void> reading, flagSet;
        std::shared_future<void> flagSetFuture = flagSet.get_future().share();
        std::vector<size_t> calls;
        options.progress = [&](size_t lines) {
            calls.push_back(lines);
            if (calls.size() == 1) {
                reading.set_value();
                flagSetFuture.wait();
            }
        };
        std::optional<vox::Expected<ImportReport>> result;
        std::thread importer([&] { result.emplace(importDataset(manifest, options)); });
        reading.get_future().wait();
        cancel = true;
        flagSet.set_value();
        importer.join();

        QVERIFY(result.has_value());
        QVERIFY(!result->ok());
        QVERIFY2(result->error().message.find("cancelled") != std::string::npos, result->error().describe().c_str());
        QVERIFY(result->error().context.find("long.json") != std::string::npos);
        // Read at every line: nothing more was read after the flag was set.
        QCOMPARE(calls, (std::vector<size_t>{256}));
    }

    void anUnsetCancelFlagChangesNothing()
    {
        QTemporaryDir tmp;
        const std::string manifest = writeNemoManifest(tmp, 3000);
        ImportOptions plain;
        plain.requireAudioFiles = false;
        std::atomic<bool> cancel{false};
        ImportOptions withFlag = plain;
        withFlag.cancel = &cancel;
        std::vector<size_t> plainCalls, flagCalls;
        plain.progress = [&](size_t lines) { plainCalls.push_back(lines); };
        withFlag.progress = [&](size_t lines) { flagCalls.push_back(lines); };
        auto a = importDataset(manifest, plain);
        auto b = importDataset(manifest, withFlag);
        QVERIFY(succeeded(a));
        QVERIFY(succeeded(b));
        QCOMPARE(b->utterances.size(), size_t(3000));
        QCOMPARE(b->utterances.size(), a->utterances.size());
        for (size_t i = 0; i < a->utterances.size(); ++i) {
            QCOMPARE(b->utterances[i].id, a->utterances[i].id);
            QCOMPARE(b->utterances[i].reference, a->utterances[i].reference);
        }
        QCOMPARE(b->skipped.size(), a->skipped.size());
        QCOMPARE(flagCalls, plainCalls);
        QVERIFY(!cancel);
    }

    void audioFolderPairsAudioWithSidecars()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "corpus";
        standInAudio(root / "a.wav");
        writeFile(root / "a.txt", "hello world\r\n");
        standInAudio(root / "sub/b.flac");
        writeFile(root / "sub/b.lab", "\xEF\xBB\xBFgood\nmorning\n"); // BOM, two lines
        standInAudio(root / "sub/c.MP3"); // no sidecar
        standInAudio(root / "d.flac");
        standInAudio(root / "d.wav"); // same id "d" as d.flac
        writeFile(root / "d.txt", "dee");
        standInAudio(root / ".cache/e.wav"); // hidden folder
        standInAudio(root / "._a.wav"); // macOS resource fork
        writeFile(root / "orphan.txt", "no audio for me");

        for (Format format : {Format::Auto, Format::AudioFolder}) {
            const auto result = importDataset(root, optionsFor(format));
            QVERIFY(succeeded(result));
            const ImportReport& report = *result;
            QCOMPARE(int(report.format), int(Format::AudioFolder));
            QCOMPARE(qs(report.source), qs(root));
            QCOMPARE(ids(report), (QStringList {"a", "d", "sub/b"}));
            QCOMPARE(qs(report.utterances[0].audio), qs(root / "a.wav"));
            QCOMPARE(qs(report.utterances[0].reference), QStringLiteral("hello world"));
            QCOMPARE(qs(report.utterances[1].audio), qs(root / "d.flac")); // sorted: d.flac before d.wav
            QCOMPARE(qs(report.utterances[2].reference), QStringLiteral("good morning"));
            QCOMPARE(qs(report.utterances[2].audio), qs(root / "sub/b.flac"));
            QCOMPARE(report.utterances[2].end, -1.0);
            QCOMPARE(skippedLines(report),
                (QStringList {
                    "0: duplicate id d (first from " + qs(root / "d.flac") + ")", "0: no transcript (.txt/.lab)"}));
            QCOMPARE(qs(report.skipped[1].file), qs(root / "sub/c.MP3"));
            QVERIFY(anyNoteContains(report, "1 .txt/.lab file(s) have no audio"));
            QVERIFY(anyNoteContains(report, "1 hidden file(s)"));
        }
    }

    void audioFolderWithoutAnyTranscriptImportsEverything()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        standInAudio(root / "one.wav");
        standInAudio(root / "two/three.opus");
        writeFile(root / "README.txt", "a readme is not a transcript");
        const auto result = importDataset(root);
        QVERIFY(succeeded(result));
        QCOMPARE(ids(*result), (QStringList {"one", "two/three"}));
        QVERIFY(result->utterances[1].reference.empty());
        QVERIFY(result->skipped.empty());
        QVERIFY(anyNoteContains(*result, "none of the 2 audio files has a transcript"));
    }

    void libriSpeechTree()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "LibriSpeech";
        const fs::path chapter = root / "dev-clean/84/121123";
        writeFile(chapter / "84-121123.trans.txt",
            "84-121123-0000 GO DO YOU HEAR\r\n"
            "84-121123-0001 BUT IN LESS THAN FIVE MINUTES\r\n"
            "\r\n"
            "84-121123-0002 THE AUDIO OF THIS ONE IS MISSING\r\n"
            "84-121123-0000 SAID TWICE\r\n");
        standInAudio(chapter / "84-121123-0000.flac");
        standInAudio(chapter / "84-121123-0001.flac");
        standInAudio(chapter / "84-121123-0009.flac"); // listed nowhere
        const fs::path other = root / "dev-clean/174/168635";
        writeFile(other / "174-168635.trans.txt", "174-168635-0000 HE HAD NEVER BEEN FATHER\n");
        standInAudio(other / "174-168635-0000.wav"); // a copy converted to WAV

        const auto result = importDataset(root);
        QVERIFY(succeeded(result));
        const ImportReport& report = *result;
        QCOMPARE(int(report.format), int(Format::LibriSpeech));
        QCOMPARE(ids(report), (QStringList {"174-168635-0000", "84-121123-0000", "84-121123-0001"}));
        const Utterance& first = report.utterances[1];
        QCOMPARE(qs(first.audio), qs(chapter / "84-121123-0000.flac"));
        QCOMPARE(qs(first.reference), QStringLiteral("GO DO YOU HEAR"));
        QCOMPARE(qs(first.speaker), QStringLiteral("84"));
        QCOMPARE(extras(first), QStringList {"chapter=121123"});
        QCOMPARE(qs(report.utterances[0].audio), qs(other / "174-168635-0000.wav"));
        QCOMPARE(qs(report.utterances[0].speaker), QStringLiteral("174"));
        QCOMPARE(skippedLines(report),
            (QStringList {"4: audio file not found: " + qs(chapter / "84-121123-0002.flac"),
                "5: duplicate id 84-121123-0000 (first on line 1)"}));
        QCOMPARE(qs(report.skipped[0].file), qs(chapter / "84-121123.trans.txt"));
        QVERIFY(anyNoteContains(report, "1 utterance(s) use a .wav file"));
        QVERIFY(anyNoteContains(report, "1 audio file(s) in the tree are not listed"));

        // One split, named explicitly, without looking at audio files.
        const auto split = importDataset(root / "dev-clean", optionsFor(Format::LibriSpeech, {}, false));
        QVERIFY(succeeded(split));
        QCOMPARE(split->utterances.size(), size_t(4)); // 0002 is kept: audio is not checked
        QCOMPARE(qs(split->utterances[0].audio), qs(other / "174-168635-0000.flac"));
    }

    void kaldiDirectory()
    {
        QTemporaryDir tmp;
        const fs::path data = fs::path(tmp.path().toStdString()) / "data/train";
        standInAudio(data / "wav/rec1.wav");
        standInAudio(data / "wav/rec5.wav");
        standInAudio(tmp.path().toStdString() + "/elsewhere/rec2.flac");
        writeFile(data / "wav.scp",
            "rec1 wav/rec1.wav\n"
            "rec2 "
                + tmp.path().toStdString()
                + "/elsewhere/rec2.flac\n"
                  "rec3 sox in.wav -t wav - |\n"
                  "rec4 wav/missing.wav\n"
                  "rec1 wav/other.wav\n"
                  "rec5 wav/rec5.wav\n"
                  "rec6 flac -c -d -s in.flac | sox - out.wav\n"
                  "rec7\n");
        writeFile(data / "text",
            "rec1 HELLO THERE\n"
            "rec2  GENERAL   KENOBI \n"
            "rec3 PIPED AUDIO\n"
            "rec4 NO FILE\n"
            "rec9 NOT IN WAV SCP\n"
            "rec1 SAID AGAIN\n"
            "rec6\n");
        writeFile(data / "utt2spk", "rec1 spkA\nrec2 spkB\n");

        for (Format format : {Format::Auto, Format::KaldiDirectory}) {
            const auto result = importDataset(data, optionsFor(format));
            QVERIFY(succeeded(result));
            const ImportReport& report = *result;
            QCOMPARE(int(report.format), int(Format::KaldiDirectory));
            QCOMPARE(ids(report), (QStringList {"rec1", "rec2"}));
            QCOMPARE(qs(report.utterances[0].audio), qs(data / "wav/rec1.wav"));
            QCOMPARE(qs(report.utterances[0].speaker), QStringLiteral("spkA"));
            QCOMPARE(qs(report.utterances[1].reference), QStringLiteral("GENERAL   KENOBI"));
            QCOMPARE(qs(report.utterances[1].audio), qs(tmp.path().toStdString() + "/elsewhere/rec2.flac"));
            const QString piped = "piped wav.scp entries (commands) are not supported; extract the audio to "
                                  "files first";
            QCOMPARE(skippedLines(report),
                (QStringList {"3: " + piped, "5: duplicate id rec1 (first on line 1)", "7: " + piped,
                    "8: no audio path after rec7", "3: no audio: wav.scp line 3 is a piped command",
                    "4: audio file not found: " + qs(data / "wav/missing.wav"),
                    "5: no audio: recording rec9 is not in wav.scp", "6: duplicate id rec1 (first on line 1)",
                    "7: no audio: wav.scp line 7 is a piped command"}));
            QCOMPARE(qs(report.skipped[0].file), qs(data / "wav.scp"));
            QCOMPARE(qs(report.skipped[4].file), qs(data / "text"));
            QVERIFY(anyNoteContains(report, "1 recording(s) in wav.scp have no line in text"));
        }

        // Without text (and without segments) every usable wav.scp entry is an utterance.
        fs::remove(data / "text");
        const auto untranscribed = importDataset(data);
        QVERIFY(succeeded(untranscribed));
        QCOMPARE(ids(*untranscribed), (QStringList {"rec1", "rec2", "rec5"}));
        QCOMPARE(qs(untranscribed->utterances[2].audio), qs(data / "wav/rec5.wav"));
        QVERIFY(untranscribed->utterances[2].reference.empty());
        QCOMPARE(skippedLines(*untranscribed).size(), 5); // 4 wav.scp problems, once each, and rec4's file
        QCOMPARE(skippedLines(*untranscribed).last(), "4: audio file not found: " + qs(data / "wav/missing.wav"));
    }

    void kaldiSegmentsFromARecipe()
    {
        QTemporaryDir tmp;
        const fs::path recipe = fs::path(tmp.path().toStdString()) / "s5";
        const fs::path data = recipe / "data/dev";
        standInAudio(recipe / "audio/meeting1.wav"); // relative to the recipe, as Kaldi scripts run
        writeFile(data / "wav.scp", "\xEF\xBB\xBFmeeting1 audio/meeting1.wav\r\n");
        writeFile(data / "segments",
            "seg1 meeting1 0.00 2.50\r\n"
            "seg2 meeting1 2.50 4.75\r\n"
            "seg3 meeting1 5 4\r\n"
            "seg4 meeting1 abc 3\r\n"
            "seg5 meeting1 6.0 -1\r\n"
            "seg6 meeting1 7 8\r\n");
        writeFile(data / "text", "seg1 GOOD MORNING\r\nseg2 TO YOU\r\nseg5 THE END\r\nseg3 BAD SPAN\r\n");
        writeFile(data / "utt2dur", "seg1 2.5\r\n");

        const auto result = importDataset(data);
        QVERIFY(succeeded(result));
        const ImportReport& report = *result;
        QCOMPARE(ids(report), (QStringList {"seg1", "seg2", "seg5"}));
        const Utterance& second = report.utterances[1];
        QCOMPARE(qs(second.audio), qs(recipe / "audio/meeting1.wav"));
        QCOMPARE(second.start, 2.5);
        QCOMPARE(second.end, 4.75);
        QCOMPARE(qs(second.reference), QStringLiteral("TO YOU"));
        QCOMPARE(report.utterances[0].duration, 2.5);
        QCOMPARE(second.duration, -1.0);
        QCOMPARE(report.utterances[2].start, 6.0);
        QCOMPARE(report.utterances[2].end, -1.0);
        QCOMPARE(skippedLines(report),
            (QStringList {"3: the segment's end is not after its start",
                "4: expected \"SEGMENT RECORDING START END\" with times in seconds",
                "4: no audio: seg3 is not in segments"}));
        QCOMPARE(qs(report.skipped[0].file), qs(data / "segments"));
        QVERIFY(anyNoteContains(report, "1 segment(s) in segments have no line in text"));
        QVERIFY(anyNoteContains(report, "(the recipe directory)"));

        // Without a text file every segment is an utterance with an empty reference.
        fs::remove(data / "text");
        const auto untranscribed = importDataset(data, optionsFor(Format::KaldiDirectory));
        QVERIFY(succeeded(untranscribed));
        QCOMPARE(ids(*untranscribed), (QStringList {"seg1", "seg2", "seg5", "seg6"}));
        QVERIFY(untranscribed->utterances[3].reference.empty());
        QCOMPARE(untranscribed->utterances[3].start, 7.0);
        QVERIFY(anyNoteContains(*untranscribed, "there is no text file"));
    }

    void detectionRules()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        writeFile(root / "kaldi/wav.scp", "");
        writeFile(root / "libri/1/2/1-2.trans.txt", "");
        standInAudio(root / "folder/a.wav");
        writeFile(root / "m.json", "");
        writeFile(root / "m.JSONL", "");
        writeFile(root / "cv.tsv", "client_id\tpath\tsentence\tup_votes\n");
        writeFile(root / "other.tsv", "path\ttext\n");
        writeFile(root / "t.csv", "path,text\n");
        writeFile(root / "manifest.txt", "\n  {\"audio_filepath\": \"a.wav\"}\n");
        writeFile(root / "notes.md", "# not a data set\n");

        const auto detected = [&](const char* name) { return detectFormat(root / name); };
        QCOMPARE(int(*detected("kaldi")), int(Format::KaldiDirectory));
        QCOMPARE(int(*detected("libri")), int(Format::LibriSpeech));
        QCOMPARE(int(*detected("folder")), int(Format::AudioFolder));
        QCOMPARE(int(*detected("m.json")), int(Format::NemoManifest));
        QCOMPARE(int(*detected("m.JSONL")), int(Format::NemoManifest));
        QCOMPARE(int(*detected("cv.tsv")), int(Format::CommonVoice));
        QCOMPARE(int(*detected("other.tsv")), int(Format::Table));
        QCOMPARE(int(*detected("t.csv")), int(Format::Table));
        QVERIFY(!detected("notes.md").ok());
        QVERIFY(detected("notes.md").error().message.find("cannot tell") != std::string::npos);
        QVERIFY(!detected("kaldi/wav.scp").ok()); // one file of a directory format
        QVERIFY(!detected("folder/a.wav").ok()); // one audio file
        QVERIFY(!detected("does-not-exist").ok());
        QCOMPARE(qs(detected("does-not-exist").error().message), QStringLiteral("no such file or directory"));

        // A directory holding both wav.scp and *.trans.txt is Kaldi, and the report says why.
        writeFile(root / "kaldi/1/2/1-2.trans.txt", "");
        QCOMPARE(int(*detected("kaldi")), int(Format::KaldiDirectory));
        const auto mixed = importDataset(root / "kaldi");
        QVERIFY(succeeded(mixed));
        QVERIFY(anyNoteContains(*mixed, "has wav.scp and *.trans.txt files"));
        // Sniffed by content, with a note.
        const auto sniffed = importDataset(root / "manifest.txt", optionsFor(Format::Auto, {}, false));
        QVERIFY(succeeded(sniffed));
        QCOMPARE(int(sniffed->format), int(Format::NemoManifest));
        QCOMPARE(ids(*sniffed), QStringList {"a"});
        QVERIFY(anyNoteContains(*sniffed, "first line is a JSON object"));

        // The wrong kind of path for an explicit format is an error, not an empty report.
        const auto fileAsKaldi = importDataset(root / "t.csv", optionsFor(Format::KaldiDirectory));
        QVERIFY(!fileAsKaldi.ok());
        QVERIFY(fileAsKaldi.error().message.find("needs a directory") != std::string::npos);
        QVERIFY(!importDataset(root / "folder", optionsFor(Format::NemoManifest)).ok());
        QVERIFY(!importDataset(root / "nothing-here").ok());
    }

    void unreadableManifestIsAnError()
    {
        // A directory where a manifest file is expected cannot be read as one: an error, not
        // an empty import. (File permissions would not do: the tests may run as root.)
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString()) / "manifest.json";
        fs::create_directories(dir);
        auto nemo = importDataset(dir, optionsFor(Format::NemoManifest));
        QVERIFY(!nemo.ok());
        QVERIFY(!nemo.error().message.empty());
        QVERIFY(nemo.error().message.find('\n') == std::string::npos);
        QVERIFY(!importDataset(dir, optionsFor(Format::CommonVoice)).ok());
        QVERIFY(!importDataset(dir, optionsFor(Format::Table)).ok());
    }

    void formatNames()
    {
        for (Format format : {Format::Auto, Format::AudioFolder, Format::LibriSpeech, Format::NemoManifest,
                 Format::KaldiDirectory, Format::CommonVoice, Format::Table}) {
            const auto parsed = parseFormat(formatName(format));
            QVERIFY(parsed.ok());
            QCOMPARE(int(*parsed), int(format));
        }
        QCOMPARE(QString(formatName(Format::CommonVoice)), QStringLiteral("commonvoice"));
        QCOMPARE(int(*parseFormat(" Kaldi ")), int(Format::KaldiDirectory));
        const auto unknown = parseFormat("csv2");
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.find("auto, folder, librispeech, nemo, kaldi, commonvoice, table")
            != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestDatasetImport)
#include "tst_dataset_import.moc"
