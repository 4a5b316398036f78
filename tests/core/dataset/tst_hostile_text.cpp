// Hostile and broken text in data sets (issue 17): bytes that are not UTF-8 in every place a
// manifest, a column or a path can hold them, and lines past ImportLimits. Each case imports
// into a project that already holds a dataset and checks that dataset's rows did not change;
// each message is asserted exactly.
#include "dataset_files.h"

#include "core/run/run_card.h"
#include "core/store/dataset_records.h"
#include "core/store/project_store.h"
#include "core/text/byte_text.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace vox;
using namespace vox::dataset;
using namespace vox::dataset::test;

namespace {

const char* const kLatin1 = "caf\xE9"; // "café" in Latin-1

std::string rowsOf(store::ProjectStore& store, int64_t datasetId)
{
    std::string all;
    for (const auto& u : *store.utterances(datasetId))
        all += u.uttId + "|" + u.audioPath + "|" + u.reference + "|" + u.speaker + "|" + u.extraJson + "\n";
    return all;
}

} // namespace

class TestHostileText : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path root() const { return fs::path(m_dir.path().toStdString()); }

    // A project with one dataset already stored; returns its rows.
    std::unique_ptr<store::ProjectStore> projectWithDataset(const std::string& name, std::string& rows)
    {
        const fs::path dir = root() / name;
        standInAudio(dir / "old" / "a.wav");
        writeFile(dir / "old" / "old.csv", "path,text\na.wav,old words\n");
        auto report = importDataset(dir / "old" / "old.csv");
        auto store = store::ProjectStore::open(dir / "p.voxbench");
        [&] { QVERIFY(report && store); }();
        auto records = store::utteranceRecords(*report);
        auto id = (*store)->addDataset(store::datasetRecord(*report, "old"), records);
        [&] { QVERIFY(id && *id == 1); }();
        rows = rowsOf(**store, 1);
        return std::move(*store);
    }

    // The folder of the new data set beside the project `name`, with stand-in audio files.
    fs::path newData(const std::string& name, std::initializer_list<std::string> audio) const
    {
        const fs::path dir = root() / name / "new";
        for (const auto& file : audio)
            standInAudio(dir / file);
        return dir;
    }

    // Imports `report` into the project and checks that dataset 1 is unchanged.
    void storeBeside(store::ProjectStore& store, const ImportReport& report, const std::string& rowsBefore)
    {
        auto records = store::utteranceRecords(report);
        auto id = store.addDataset(store::datasetRecord(report, ""), records);
        QVERIFY2(id, id ? "" : id.error().describe().c_str());
        QCOMPARE(rowsOf(store, 1), rowsBefore);
        auto datasets = store.datasets();
        QVERIFY(datasets && datasets->size() == 2);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    // QTemporaryDir cannot remove names that are not UTF-8 (QString cannot hold them).
    void cleanupTestCase() { fs::remove_all(root()); }

    void escapeIsReversible_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("utf-8") << QByteArray("caf\xC3\xA9") << QByteArray("caf\xC3\xA9");
        QTest::newRow("latin-1") << QByteArray(kLatin1) << QByteArray("caf\\xE9");
        QTest::newRow("backslash kept") << QByteArray("a\\b") << QByteArray("a\\b");
        QTest::newRow("literal \\x") << QByteArray("a\\x41") << QByteArray("a\\\\x41");
        QTest::newRow("mixed") << QByteArray("\\\xFF") << QByteArray("\\\\\\xFF");
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << QByteArray("\\xC0\\xAF");
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << QByteArray("\\xED\\xA0\\x80");
        QTest::newRow("cut") << QByteArray("ab\xE2\x82") << QByteArray("ab\\xE2\\x82");
    }
    void escapeIsReversible()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, shown);
        const std::string escaped = text::escapeBytes(bytes.toStdString());
        QCOMPARE(QByteArray::fromStdString(escaped), shown);
        QVERIFY(text::isValidUtf8(escaped));
        QCOMPARE(QByteArray::fromStdString(text::unescapeBytes(escaped)), bytes);
    }

    // A Latin-1 CSV: the reference column refuses its line with the byte and offset; another
    // column is kept escaped and noted once with its first line.
    void latin1TableColumns()
    {
        std::string before;
        auto store = projectWithDataset("table", before);
        const fs::path dir = newData("table", {"a.wav", "b.wav", "c.wav"});
        writeFile(dir / "t.csv",
            std::string("path,text,city\na.wav,hello,") + kLatin1 + "\nb.wav," + kLatin1 + ",x\nc.wav,fine," + kLatin1
                + "\n");
        auto report = importDataset(dir / "t.csv");
        QVERIFY(report);
        QCOMPARE(report->utterances.size(), size_t(2));
        QCOMPARE(report->utterances[0].extra[0].second, std::string("caf\\xE9"));
        QCOMPARE(report->skipped.size(), size_t(1));
        QCOMPARE(report->skipped[0].line, std::int64_t(3));
        QCOMPARE(qs(report->skipped[0].reason),
            QString("the reference text is not valid UTF-8 (byte 0xE9 at byte offset 3 of the text); convert the "
                    "file to UTF-8 (e.g. iconv -f latin1 -t utf-8)"));
        QVERIFY(report->notes.size() == 1);
        QCOMPARE(qs(report->notes[0]),
            QString("2 utterance(s) have bytes that are not UTF-8 in field 'city' (kept, each such byte written "
                    "\\xNN and a backslash as \\\\); the first on ")
                + qs((dir / "t.csv").string()) + ":2");
        storeBeside(*store, *report, before);
        const auto rows = *store->utterances(2);
        QCOMPARE(rows[0].extraJson, std::string(R"({"city":"caf\\xE9"})"));
    }

    // NeMo: bytes inside strings (the parser refuses them) are kept in extra fields and keys,
    // refused in the text; an audio path with such bytes still names its file.
    void nemoStringsAndPaths()
    {
        std::string before;
        auto store = projectWithDataset("nemo", before);
        const std::string audioName = std::string("r") + kLatin1 + ".wav";
        const fs::path dir = newData("nemo", {audioName, "b.wav"});
        writeFile(dir / "m.json",
            "{\"audio_filepath\": \"" + audioName + "\", \"text\": \"ok\", \"note\": \"" + kLatin1 + "\", \"k" + kLatin1
                + "\": [\"" + kLatin1 + "\"]}\n{\"audio_filepath\": \"b.wav\", \"text\": \"" + kLatin1
                + "\"}\n{\"audio_filepath\": \"b.wav\", \"text\": \xE9}\n");
        auto report = importDataset(dir / "m.json");
        QVERIFY(report);
        QCOMPARE(report->utterances.size(), size_t(1));
        const Utterance& u = report->utterances[0];
        QCOMPARE(u.audio.native(), (dir / audioName).native()); // raw bytes: the file opens
        QVERIFY(fs::exists(u.audio));
        QCOMPARE(u.id, std::string("rcaf\\xE9"));
        QCOMPARE(u.extra.size(), size_t(2));
        QCOMPARE(u.extra[0].second, std::string("caf\\xE9"));
        QCOMPARE(u.extra[1].first, std::string("kcaf\\xE9"));
        QCOMPARE(u.extra[1].second, std::string("[\"caf\\xE9\"]"));
        QCOMPARE(report->skipped.size(), size_t(2));
        QCOMPARE(qs(report->skipped[0].reason),
            QString("the reference text is not valid UTF-8 (byte 0xE9 at byte offset 3 of the text); convert the "
                    "file to UTF-8 (e.g. iconv -f latin1 -t utf-8)"));
        QCOMPARE(qs(report->skipped[1].reason),
            QString("not valid JSON: parse error: syntax error while parsing value - invalid literal (the line holds "
                    "bytes that are not UTF-8: byte 0xE9 at byte offset 36)"));
        QStringList notes;
        for (const auto& n : report->notes)
            notes << qs(n);
        QVERIFY2(notes.join('\n').contains("in the audio path (kept as they are, so the file opens; shown escaped)"),
            qPrintable(notes.join('\n')));
        storeBeside(*store, *report, before);
        const auto rows = *store->utterances(2);
        QCOMPARE(rows[0].audioPath, (dir / audioName).native());
        QCOMPARE(rows[0].uttId, std::string("rcaf\\xE9"));
    }

    // An audio folder whose own path is not UTF-8, holding a file with no transcript whose
    // name is not UTF-8 either: the skip and the stored JSON report show both escaped.
    void folderAndSkippedFileNames()
    {
        std::string before;
        auto store = projectWithDataset("folder", before);
        const fs::path dir = root() / "folder" / (std::string("d") + kLatin1);
        standInAudio(dir / "a.wav");
        writeFile(dir / "a.txt", "words");
        standInAudio(dir / (std::string("n") + kLatin1 + ".wav"));
        auto report = importDataset(dir);
        QVERIFY(report);
        QCOMPARE(report->utterances.size(), size_t(1));
        QCOMPARE(report->skipped.size(), size_t(1));
        QCOMPARE(qs(report->skipped[0].file), qs(text::displayPath(dir / "ncaf\xE9.wav")));
        QVERIFY(report->skipped[0].file.ends_with("/dcaf\\xE9/ncaf\\xE9.wav"));
        storeBeside(*store, *report, before);
        const auto datasets = *store->datasets();
        QCOMPARE(datasets[1].source, dir.native());
        QVERIFY(datasets[1].reportJson.find("dcaf\\\\xE9") != std::string::npos);
    }

    // A run card names the package folder and the dataset's source: bytes that are not UTF-8
    // there once aborted the process when the card was written.
    void runCardWithBytePaths()
    {
        store::VariantRecord variant;
        variant.name = std::string("v") + kLatin1;
        variant.packagePath = std::string("/models/") + kLatin1;
        store::DatasetRecord dataset;
        dataset.name = "d";
        dataset.source = std::string("/data/") + kLatin1;
        const std::string card = run::makeRunCard(run::RunSettings {}, variant, dataset);
        auto read = run::readRunCard(card);
        QVERIFY(read);
        QCOMPARE(read->variantPackage, std::string("/models/caf\\xE9"));
        QCOMPARE(read->datasetSource, std::string("/data/caf\\xE9"));
        QCOMPARE(text::unescapeBytes(read->variantPackage), variant.packagePath);
    }

    void nemoLimits()
    {
        std::string before;
        auto store = projectWithDataset("limits", before);
        const fs::path dir = newData("limits", {"a.wav", "b.wav"});
        std::string deep
            = "{\"audio_filepath\": \"b.wav\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n";
        std::string keys = "{\"audio_filepath\": \"b.wav\"";
        for (int i = 0; i < 200000; ++i)
            keys += ",\"k" + std::to_string(i) + "\":1";
        keys += "}\n";
        const std::string bigReference
            = "{\"audio_filepath\": \"b.wav\", \"text\": \"" + std::string(70000, 'a') + "\"}\n";
        writeFile(dir / "m.json", "{\"audio_filepath\": \"a.wav\", \"text\": \"kept\"}\n" + deep + keys + bigReference);
        QElapsedTimer timer;
        timer.start();
        auto report = importDataset(dir / "m.json");
        qInfo("a manifest with 100,000 nested arrays and 200,000 keys in lines: %lld ms", timer.elapsed());
        QVERIFY(report);
        QCOMPARE(report->utterances.size(), size_t(1));
        QCOMPARE(report->skipped.size(), size_t(3));
        QCOMPARE(qs(report->skipped[0].reason),
            QString("arrays and objects are nested more than 64 levels deep; the limit is 64 levels "
                    "(ImportLimits::maxNestingDepth). Flatten the field or store it outside the manifest."));
        QCOMPARE(report->skipped[0].line, std::int64_t(2));
        QCOMPARE(qs(report->skipped[1].reason), // 2 MB: the line limit comes first
            QString("the line is longer than 1048576 bytes; the limit is 1048576 bytes per line "
                    "(ImportLimits::maxLineBytes). Is this the right file? Move long values out of the manifest."));
        ImportOptions wide;
        wide.limits.maxLineBytes = size_t(16) << 20;
        timer.restart();
        auto keyed = importDataset(dir / "m.json", wide);
        qInfo("the same with a 16 MiB line limit (200,000 keys parsed up to the key limit): %lld ms", timer.elapsed());
        QVERIFY(keyed && keyed->skipped.size() == 3);
        QCOMPARE(qs(keyed->skipped[1].reason),
            QString("the line has more than 1000 keys; the limit is 1000 keys per line "
                    "(ImportLimits::maxKeysPerLine). Keep per-utterance fields few; store large data outside the "
                    "manifest."));
        QCOMPARE(keyed->skipped[1].line, std::int64_t(3));
        QCOMPARE(qs(report->skipped[2].reason),
            QString("the reference text is 70000 bytes long; the limit is 65536 bytes per reference "
                    "(ImportLimits::maxReferenceBytes). Split the recording into shorter utterances (segments) with "
                    "a reference each."));
        storeBeside(*store, *report, before);

        ImportOptions options; // a line past the line limit, a file past the line and byte limits
        options.limits.maxLineBytes = 100;
        auto cut = importDataset(dir / "m.json", options);
        QVERIFY(cut);
        QCOMPARE(cut->skipped.size(), size_t(3));
        QCOMPARE(qs(cut->skipped[0].reason),
            QString("the line is longer than 100 bytes; the limit is 100 bytes per line "
                    "(ImportLimits::maxLineBytes). Is this the right file? Move long values out of the manifest."));
        // A file past a per-file limit fails the import as a whole, with the limit named.
        const auto refusal = [](const fs::path& file, ImportLimits limits) {
            ImportOptions o;
            o.limits = limits;
            auto r = importDataset(file, o);
            return r ? QString("imported") : qs(r.error().message);
        };
        const QString split = " Split the manifest into several files and import each.";
        ImportLimits fewLines;
        fewLines.maxLinesPerFile = 2;
        QCOMPARE(refusal(dir / "m.json", fewLines),
            "the file has more than 2 lines; the limit is 2 lines per manifest (ImportLimits::maxLinesPerFile)."
                + split);
        ImportLimits fewBytes;
        fewBytes.maxManifestBytes = 1000;
        QCOMPARE(refusal(dir / "m.json", fewBytes),
            "the file holds more than 1000 bytes; the limit is 1000 bytes per manifest "
            "(ImportLimits::maxManifestBytes)."
                + split);
        writeFile(dir / "t.csv", "path,text\na.wav,x\n");
        QCOMPARE(refusal(dir / "t.csv", fewBytes), QString("imported"));
        writeFile(dir / "t.csv", "path,text\na.wav," + std::string(2000, 'x') + "\n");
        QCOMPARE(refusal(dir / "t.csv", fewBytes),
            "the file holds 2017 bytes; the limit is 1000 bytes per manifest (ImportLimits::maxManifestBytes)."
                + split);
    }
};

QTEST_APPLESS_MAIN(TestHostileText)
#include "tst_hostile_text.moc"
