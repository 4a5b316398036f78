// Dataset importers for manifest files: NeMo JSON Lines, Common Voice TSV, generic CSV/TSV
// tables, and the CSV/TSV record reader under them. Each manifest is written as its tools write
// it into a temporary directory; audio files are stand-ins (see dataset_files.h).
#include "dataset_files.h"

#include "core/dataset/delimited_reader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vox::dataset;
using namespace vox::dataset::test;

namespace {

std::string crlf(std::string text)
{
    std::string out;
    for (char c : text)
        out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    return out;
}

} // namespace

class TestDatasetManifests : public QObject {
    Q_OBJECT

private slots:
    void nemoManifest()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        for (const char* name : {"audio/a.wav", "audio/b.wav", "audio/c.wav", "other/a.wav", "long.wav"})
            standInAudio(root / name);
        const std::string manifest = "\xEF\xBB\xBF" // BOM, and CRLF line endings below
            + crlf(
                R"({"audio_filepath": "audio/a.wav", "text": "hello", "duration": 1.5, "lang": "en", "score": 0.9, "tags": ["x", 1]}
{"audio_filepath": ")"
                + (root / "audio/b.wav").string() + R"(", "duration": 2, "text": " world ", "speaker": 7}
{"audio_filepath": "audio/c.wav", "text": broken}
{"text": "no audio here", "duration": 1.0}
{"audio_filepath": "audio/c.wav", "duration": "long", "text": "x"}

{"audio_filepath": "audio/a.wav", "text": "hello again", "duration": 1.5}
{"audio_filepath": "audio/missing.wav", "text": "m"}
{"audio_filepath": "other/a.wav", "text": "second a", "duration": 1}
{"audio_filepath": "long.wav", "offset": 0, "duration": 5, "text": "part one"}
{"audio_filepath": "long.wav", "offset": 5.0, "duration": 2.5, "text": "part two"}
[1, 2]
{"audio_filepath": "audio/c.wav", "offset": -1, "text": "negative"}
{"audio_filepath": "audio/c.wav"}
)");
        writeFile(root / "train_manifest.json", manifest);

        for (Format format : {Format::Auto, Format::NemoManifest}) {
            const auto result = importDataset(root / "train_manifest.json", optionsFor(format));
            QVERIFY(succeeded(result));
            const ImportReport& report = *result;
            QCOMPARE(int(report.format), int(Format::NemoManifest));
            QCOMPARE(ids(report), (QStringList {"a", "b", "a_2", "long", "long_2", "c"}));
            const Utterance& a = report.utterances[0];
            QCOMPARE(qs(a.audio), qs(root / "audio/a.wav"));
            QCOMPARE(qs(a.reference), QStringLiteral("hello"));
            QCOMPARE(a.duration, 1.5);
            QCOMPARE(a.start, 0.0);
            QCOMPARE(a.end, -1.0); // no offset: the whole file
            QCOMPARE(extras(a), (QStringList {"lang=en", "score=0.9", "tags=[\"x\",1]"}));
            const Utterance& b = report.utterances[1];
            QCOMPARE(qs(b.reference), QStringLiteral("world"));
            QCOMPARE(qs(b.speaker), QStringLiteral("7"));
            QVERIFY(b.extra.empty());
            QCOMPARE(qs(report.utterances[2].audio), qs(root / "other/a.wav"));
            const Utterance& partTwo = report.utterances[4];
            QCOMPARE(partTwo.start, 5.0);
            QCOMPARE(partTwo.end, 7.5);
            QCOMPARE(partTwo.duration, 2.5);
            QCOMPARE(report.utterances[3].end, 5.0);
            QVERIFY(report.utterances[5].reference.empty());

            const QStringList skipped = skippedLines(report);
            QCOMPARE(skipped.size(), 7);
            QVERIFY2(skipped[0].startsWith("3: not valid JSON: parse error at column "), qPrintable(skipped[0]));
            QCOMPARE(skipped.mid(1),
                (QStringList {"4: no audio_filepath", "5: duration is not a number: \"long\"",
                    "7: duplicate id a (first on line 1)", "8: audio file not found: " + qs(root / "audio/missing.wav"),
                    "12: not a JSON object", "13: offset is negative: -1"}));
            QCOMPARE(qs(report.skipped[0].file), qs(root / "train_manifest.json"));
            QVERIFY(anyNoteContains(report, "2 utterance id(s) made from file names were made unique"));
            QVERIFY(anyNoteContains(report, "1 manifest line(s) have no \"text\""));
        }

        // Without audio checks the line whose file is missing is imported too.
        const auto unchecked = importDataset(root / "train_manifest.json", optionsFor(Format::Auto, {}, false));
        QVERIFY(succeeded(unchecked));
        QCOMPARE(ids(*unchecked), (QStringList {"a", "b", "missing", "a_2", "long", "long_2", "c"}));
        QVERIFY(anyNoteContains(*unchecked, "audio files were not checked"));
    }

    void commonVoiceSplit()
    {
        QTemporaryDir tmp;
        const fs::path dir = fs::path(tmp.path().toStdString()) / "cv-corpus-17.0/en";
        standInAudio(dir / "clips/common_voice_en_1.mp3");
        standInAudio(dir / "common_voice_en_2.mp3"); // next to the TSV, not in clips/
        const std::string tab = "\t";
        writeFile(dir / "train.tsv",
            crlf("client_id\tpath\tsentence_id\tsentence\tsentence_domain\tup_votes\tdown_votes\tage\tgender\t"
                 "accents\tvariant\tlocale\tsegment\n"
                 "c1\tcommon_voice_en_1.mp3\ts1\tHe said \"hi, there\".\t\t2\t0\ttwenties\tmale_masculine\t"
                 "United States English\t\ten\t\n"
                 "c2\tcommon_voice_en_2.mp3\ts2\t\"Quoted\" start.\t\t2\t0\t\t\t\t\ten\t\n"
                 "c3\tcommon_voice_en_3.mp3\ts3\tNo clip.\t\t2\t0\t\t\t\t\ten\t\n"
                 "c1\tcommon_voice_en_1.mp3\ts1\tAgain.\t\t2\t0\t\t\t\t\ten\t\n"
                 "c4\tcommon_voice_en_4.mp3\tshort row\n"));

        for (Format format : {Format::Auto, Format::CommonVoice}) {
            const auto result = importDataset(dir / "train.tsv", optionsFor(format));
            QVERIFY(succeeded(result));
            const ImportReport& report = *result;
            QCOMPARE(int(report.format), int(Format::CommonVoice));
            QCOMPARE(ids(report), (QStringList {"common_voice_en_1", "common_voice_en_2"}));
            const Utterance& first = report.utterances[0];
            QCOMPARE(qs(first.audio), qs(dir / "clips/common_voice_en_1.mp3"));
            QCOMPARE(qs(first.reference), QStringLiteral("He said \"hi, there\"."));
            QCOMPARE(qs(first.speaker), QStringLiteral("c1"));
            QCOMPARE(extras(first),
                (QStringList {"age=twenties", "gender=male_masculine", "accents=United States English", "locale=en"}));
            QCOMPARE(qs(report.utterances[1].audio), qs(dir / "common_voice_en_2.mp3"));
            QCOMPARE(qs(report.utterances[1].reference), QStringLiteral("\"Quoted\" start.")); // quotes are literal
            QCOMPARE(skippedLines(report),
                (QStringList {"4: audio file not found: " + qs(dir / "clips/common_voice_en_3.mp3"),
                    "5: duplicate id common_voice_en_1 (first on line 2)",
                    "6: expected 13 tab-separated fields, found 3"}));
            QVERIFY(anyNoteContains(report, "1 clip(s) were found next to the TSV"));
        }

        // Chosen explicitly, a TSV without a sentence column is refused with the header listed.
        writeFile(dir / "other.tsv", "client_id\tpath\ttext\n");
        const auto missing = importDataset(dir / "other.tsv", optionsFor(Format::CommonVoice));
        QVERIFY(!missing.ok());
        QCOMPARE(qs(missing.error().message),
            QStringLiteral("no column \"sentence\" (Common Voice sentence) in the header; its columns are: "
                           "\"client_id\", \"path\", \"text\""));
    }

    void csvTableWithQuoting()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        for (const char* name : {"a.wav", "b.wav", "c.wav", "e.wav", "f.wav", "g.wav", "h.wav"})
            standInAudio(root / name);
        writeFile(root / "list.csv",
            crlf("path,text,speaker,start,end,notes\n"
                 "a.wav,\"Hello, world\",s1,0,1.5,\"multi\nline note\"\n"
                 "b.wav,\"She said \"\"yes\"\"\",s2,,,\n"
                 "c.wav,\"line one\nline two\",s3,1,2,\n"
                 "e.wav,\"closed\" trailing,s5,,,\n"
                 "f.wav,too,few\n"
                 "g.wav,bad time,s7,abc,,\n"
                 "a.wav,\"Hello, world\",s1,0,1.5,\n"
                 "a.wav,second part,s1,1.5,3,\n"
                 "missing.wav,gone,s9,,,\n"
                 ",no audio,s10,,,\n"
                 "h.wav,\"never closed,s8,,,\n"));
        TableColumns columns;
        columns.speaker = "speaker";
        columns.start = "start";
        columns.end = "end";

        for (Format format : {Format::Auto, Format::Table}) {
            const auto result = importDataset(root / "list.csv", optionsFor(format, columns));
            QVERIFY(succeeded(result));
            const ImportReport& report = *result;
            QCOMPARE(int(report.format), int(Format::Table));
            QCOMPARE(ids(report), (QStringList {"a", "b", "c", "a_2"}));
            const Utterance& a = report.utterances[0];
            QCOMPARE(qs(a.audio), qs(root / "a.wav"));
            QCOMPARE(qs(a.reference), QStringLiteral("Hello, world"));
            QCOMPARE(qs(a.speaker), QStringLiteral("s1"));
            QCOMPARE(a.end, 1.5);
            QCOMPARE(extras(a), QStringList {"notes=multi\nline note"}); // the CRLF inside quotes reads as "\n"
            QCOMPARE(qs(report.utterances[1].reference), QStringLiteral("She said \"yes\""));
            QCOMPARE(report.utterances[1].end, -1.0);
            QCOMPARE(qs(report.utterances[2].reference), QStringLiteral("line one\nline two"));
            QCOMPARE(report.utterances[2].start, 1.0);
            QCOMPARE(report.utterances[3].start, 1.5);
            QCOMPARE(report.utterances[3].end, 3.0);
            // Line numbers are where each record starts, counting the line breaks inside quotes.
            QCOMPARE(skippedLines(report),
                (QStringList {"7: text after the closing quote of field 2", "8: expected 6 fields, found 3",
                    "9: start is not a number of seconds: \"abc\"", "10: duplicate id a (first on line 2)",
                    "12: audio file not found: " + qs(root / "missing.wav"), "13: empty audio path",
                    "14: the quote opened on line 14 is never closed"}));
        }

        // A mapped column the header lacks fails the whole import, naming it and listing the header.
        columns.speaker = "spk";
        const auto missing = importDataset(root / "list.csv", optionsFor(Format::Table, columns));
        QVERIFY(!missing.ok());
        QCOMPARE(qs(missing.error().message),
            QStringLiteral("no column \"spk\" (speaker) in the header; its columns are: \"path\", \"text\", "
                           "\"speaker\", \"start\", \"end\", \"notes\""));
        QCOMPARE(qs(missing.error().context), qs(root / "list.csv"));
    }

    void tabSeparatedTableWithIdColumn()
    {
        QTemporaryDir tmp;
        const fs::path root(tmp.path().toStdString());
        writeFile(root / "list.txt",
            "utt\tfile\ttranscript\tspk\tduration\n"
            "u1\tclips/x.flac\tfirst\tS1\t3.25\n"
            "u2\tclips/y.flac\tsecond\tS2\t\n"
            "u1\tclips/y.flac\tsame id\tS1\t\n"
            "u3\tclips/x.flac\tthird\t\tnot-a-number\n");
        TableColumns columns;
        columns.id = "utt";
        columns.audio = "file";
        columns.text = "transcript";
        columns.speaker = "spk";
        columns.delimiter = '\t';
        const auto result = importDataset(root / "list.txt", optionsFor(Format::Table, columns, false));
        QVERIFY(succeeded(result));
        QCOMPARE(ids(*result), (QStringList {"u1", "u2"}));
        QCOMPARE(qs(result->utterances[0].audio), qs(root / "clips/x.flac"));
        QCOMPARE(result->utterances[0].duration, 3.25);
        QCOMPARE(result->utterances[1].duration, -1.0);
        QCOMPARE(qs(result->utterances[1].speaker), QStringLiteral("S2"));
        QVERIFY(result->utterances[0].extra.empty()); // "duration" is read, not kept as extra
        QCOMPARE(skippedLines(*result),
            (QStringList {
                "4: duplicate id u1 (first on line 2)", "5: duration is not a number of seconds: \"not-a-number\""}));

        // With the default mapping the header has no "path" column.
        const auto defaults = importDataset(root / "list.txt", optionsFor(Format::Table));
        QVERIFY(!defaults.ok());
        QVERIFY(defaults.error().message.find("no column \"path\" (audio path)") != std::string::npos);
    }

    void recordReader()
    {
        using vox::dataset::detail::DelimitedReader;
        using vox::dataset::detail::Record;
        const auto read = [](std::string_view text, char delimiter, bool quoting) {
            QList<QStringList> records;
            DelimitedReader reader(text, delimiter, quoting);
            Record record;
            while (reader.next(record)) {
                QStringList fields {QString::number(record.line)};
                for (const auto& field : record.fields)
                    fields << qs(field);
                if (!record.error.empty())
                    fields << "error: " + qs(record.error);
                records << fields;
            }
            return records;
        };
        QCOMPARE(read("a,\"\",c\n\n\r\n,\n\"x\"\"\",\"y\r\nz\"", ',', true),
            (QList<QStringList> {{"1", "a", "", "c"}, {"4", "", ""}, {"5", "x\"", "y\nz"}}));
        QCOMPARE(read("\"a\tb\"\tc \"d\"\r\n", '\t', false), (QList<QStringList> {{"1", "\"a", "b\"", "c \"d\""}}));
        QCOMPARE(read("\"a\tb\"\tc\n", '\t', true), (QList<QStringList> {{"1", "a\tb", "c"}}));
        QCOMPARE(read("", ',', true).size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestDatasetManifests)
#include "tst_dataset_manifests.moc"
