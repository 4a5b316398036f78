// voxbench-cli on hostile input (issue 17), as a user runs it: bytes that are not UTF-8 in a CSV
// column, a NeMo string, a dataset folder's path and a skipped file's name; a NeMo line with
// 100,000 nested arrays and one with 200,000 keys. Each run must end with its exit code (no
// abort, no crash), print the exact line, and leave the dataset already in the project as it was.
#include "core/store/project_store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path& file, const std::string& bytes)
{
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
}

struct Result {
    int exitCode = -1;
    bool crashed = false;
    QByteArray output;
};

// argv as bytes: paths that are not UTF-8 must reach the CLI unchanged, which QProcess (QString
// arguments) cannot do; so the command goes through popen with each argument quoted for sh.
Result cli(const std::vector<std::string>& args)
{
    const auto quoted = [](const std::string& a) {
        std::string q = "'";
        for (char c : a)
            q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return q + "'";
    };
    std::string command = quoted(VOXBENCH_CLI);
    for (const auto& a : args)
        command += " " + quoted(a);
    command += " 2>&1";
    Result r;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return r;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        r.output.append(buffer, qsizetype(n));
    const int status = pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.crashed = !WIFEXITED(status) || r.exitCode >= 128; // sh reports a signal as 128 + its number
    return r;
}

std::string rowsOf(const fs::path& project, int64_t datasetId)
{
    auto store = vox::store::ProjectStore::open(project, vox::store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return "cannot open";
    std::string all;
    for (const auto& u : *(*store)->utterances(datasetId))
        all += u.uttId + "|" + u.audioPath + "|" + u.reference + "|" + u.extraJson + "\n";
    return all;
}

} // namespace

class TestCliHostileInput : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path m_project;
    std::string m_rows;

    fs::path root() const { return fs::path(m_dir.path().toStdString()); }

    void expectImport(const std::vector<std::string>& args, int exitCode, const QByteArray& line)
    {
        std::vector<std::string> all {"import"};
        all.insert(all.end(), args.begin(), args.end());
        all.insert(all.end(), {"--project", m_project.string()});
        const Result r = cli(all);
        QVERIFY2(!r.crashed, r.output.constData());
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.output.contains(line), r.output.constData());
        QCOMPARE(rowsOf(m_project, 1), m_rows);
    }

private slots:
    void cleanupTestCase() { fs::remove_all(root()); } // names QTemporaryDir cannot remove
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = root() / "p.voxbench";
        writeBytes(root() / "old" / "a.wav", "stand-in");
        writeBytes(root() / "old" / "t.csv", "path,text\na.wav,old words\n");
        const Result r = cli({"import", (root() / "old" / "t.csv").string(), "--project", m_project.string()});
        QCOMPARE(r.exitCode, 0);
        m_rows = rowsOf(m_project, 1);
        QVERIFY(m_rows.starts_with("a|"));
    }

    void latin1CsvColumn()
    {
        const fs::path dir = root() / "csv";
        writeBytes(dir / "a.wav", "stand-in");
        writeBytes(dir / "b.wav", "stand-in");
        writeBytes(dir / "t.csv", "path,text,city\na.wav,hello,caf\xE9\nb.wav,caf\xE9,x\n");
        expectImport({(dir / "t.csv").string()}, 0,
            "t.csv:3: the reference text is not valid UTF-8 (byte 0xE9 at byte offset 3 of the text)");
        expectImport({(dir / "t.csv").string()}, 0,
            "note: 1 utterance(s) have bytes that are not UTF-8 in field 'city' (kept, each such byte written \\xNN "
            "and a backslash as \\\\); the first on ");
    }

    void nemoStringAndFolderPath()
    {
        const fs::path dir = root() / "d\xE9";
        writeBytes(dir / "a.wav", "stand-in");
        writeBytes(dir / "m.json",
            "{\"audio_filepath\": \"a.wav\", \"text\": \"ok\", \"who\": \"J\xFCrgen\"}\n"
            "{\"audio_filepath\": \"n\xE9.wav\", \"text\": \"gone\"}\n");
        expectImport({(dir / "m.json").string()}, 0,
            "source:     " + QByteArray::fromStdString(root().string()) + "/d\\xE9/m.json");
        expectImport({(dir / "m.json").string()}, 0, "m.json:2: audio file not found: ");
        expectImport({(dir / "m.json").string()}, 0, "/d\\xE9/n\\xE9.wav");
        const Result info = cli({"info", m_project.string()});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.output.contains("/d\\xE9/m.json"), info.output.constData());
    }

    void deepNestingAndManyKeys()
    {
        const fs::path dir = root() / "limits";
        writeBytes(dir / "a.wav", "stand-in");
        std::string keys = "{\"audio_filepath\": \"a.wav\"";
        for (int i = 0; i < 200000; ++i)
            keys += ",\"k" + std::to_string(i) + "\":1";
        writeBytes(dir / "m.json",
            "{\"audio_filepath\": \"a.wav\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}\n"
                + keys + "}\n");
        QElapsedTimer timer;
        timer.start();
        const Result info = cli({"info", (dir / "m.json").string()});
        qInfo("voxbench-cli info on 100,000 nested arrays and 200,000 keys: %lld ms", timer.elapsed());
        QVERIFY2(!info.crashed, info.output.constData());
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.output.contains("m.json:1: arrays and objects are nested more than 64 levels deep; the limit "
                                      "is 64 levels (ImportLimits::maxNestingDepth)"),
            info.output.constData());
        QVERIFY2(info.output.contains("m.json:2: the line is longer than 1048576 bytes; the limit is 1048576 bytes "
                                      "per line (ImportLimits::maxLineBytes)"),
            info.output.constData());
        expectImport({(dir / "m.json").string()}, 1, "voxbench-cli import: nothing to import");
    }
};

QTEST_GUILESS_MAIN(TestCliHostileInput)
#include "tst_cli_hostile_input.moc"
