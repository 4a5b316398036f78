// voxbench-cli against a project another process holds or that cannot be written, as two
// processes: this test holds a run's lease (it is the other executor, alive), or makes the
// project's folder read-only (tests/support/read_only_project.h says how, also as root), and
// runs voxbench-cli with QProcess. It checks the messages, the exit codes and that nothing
// stored changed.
#include "core/store/project_store.h"
#include "core/store/run_lease.h"
#include "read_only_project.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace vox;

namespace {

struct Cli {
    int code = -1;
    QString out, err;
};

Cli cli(const QStringList& arguments, const QByteArray& unwritable = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("VOXBENCH_TEST_UNWRITABLE"));
    if (!unwritable.isEmpty())
        env.insert(QStringLiteral("VOXBENCH_TEST_UNWRITABLE"), QString::fromLatin1(unwritable));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(VOXBENCH_CLI), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// A project with a finished run (two results) and a paused one (one result of two).
void makeProject(const std::string& path)
{
    auto store = store::ProjectStore::open(path);
    if (!store)
        qFatal("%s", store.error().describe().c_str());
    std::vector<store::UtteranceRecord> utts(2);
    for (size_t i = 0; i < utts.size(); ++i) {
        utts[i].uttId = "u" + std::to_string(i);
        utts[i].audioPath = "/nowhere/u" + std::to_string(i) + ".wav";
        utts[i].reference = "hello world";
    }
    const int64_t dataset = *(*store)->addDataset({0, "clean", "/d", "folder", "", "{}", 0}, utts);
    const int64_t variant = *(*store)->addVariant({0, "tiny", "/pkg", "{}"});
    for (const char* status : {"finished", "paused"}) {
        const int64_t run = *(*store)->createRun({0, variant, dataset, status, R"({"settings":{}})", "", "", ""});
        (void)(*store)->addResults({{run, utts[0].id, "hello world", "[]", "{}", std::nullopt, ""}});
        if (std::string(status) == "finished")
            (void)(*store)->addResults({{run, utts[1].id, "hello word", "[]", "{}", std::nullopt, ""}});
    }
}

std::string stored(const std::string& path)
{
    auto store = store::ProjectStore::open(path, store::ProjectStore::Mode::ReadOnly);
    std::string text;
    for (const auto& r : *(*store)->runs()) {
        text += std::to_string(r.id) + " " + r.status + " " + r.cardJson + " " + r.message + ":";
        for (const auto& x : *(*store)->results(r.id))
            text += " " + x.hypothesis;
        text += "\n";
    }
    return text;
}

} // namespace

class TestCliRunStore : public QObject {
    Q_OBJECT

private slots:
    void runResumeRefusedWhileAnotherProcessExecutes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("p.voxbench")).toStdString();
        makeProject(path);
        auto store = store::ProjectStore::open(path);
        QVERIFY(store.ok());
        const store::LeaseOwner owner = store::thisProcess();
        QVERIFY(!*(*store)->acquireRunLease(2, owner)); // this test executes run 2
        const std::string before = stored(path);

        const Cli second = cli({QStringLiteral("run"), QStringLiteral("-p"), QString::fromStdString(path),
                                QStringLiteral("--resume"), QStringLiteral("2")});
        qInfo("voxbench-cli run --resume 2 said: %s", qPrintable(second.err.trimmed()));
        QCOMPARE(second.code, 1);
        const QString expected = QStringLiteral("voxbench-cli run: run 2 is being executed by tst_cli_run_store (pid %1) "
                                                "on host %2 since ")
                                     .arg(::getpid())
                                     .arg(QString::fromStdString(owner.host));
        QVERIFY2(second.err.contains(expected), qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("; wait for it, or stop it; a lease older than 30 s is taken over")),
                 qPrintable(second.err));
        QCOMPARE(stored(path), before);
        QCOMPARE((*store)->runLeases()->at(0).owner.token, owner.token); // still this test's
    }

    void aReadOnlyProjectIsViewedAndNotWritten()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkdir(folder));
        const QString project = folder + QStringLiteral("/p.voxbench");
        makeProject(project.toStdString());
        const std::string before = stored(project.toStdString());

        test::ReadOnlyFolder readOnly(folder);
        qInfo("read-only by %s", qPrintable(readOnly.how));
        const QByteArray hook = test::ReadOnlyFolder::childEnvironment();

        const Cli runs = cli({QStringLiteral("runs"), QStringLiteral("-p"), project}, hook);
        QVERIFY2(runs.code == 0, qPrintable(runs.err));
        QVERIFY2(runs.out.contains(QStringLiteral("finished\t2/2")) && runs.out.contains(QStringLiteral("paused\t1/2")),
                 qPrintable(runs.out));
        const Cli info = cli({QStringLiteral("info"), project}, hook);
        QVERIFY2(info.code == 0, qPrintable(info.err));

        const QString refused = QStringLiteral("the project is read-only: %1 (the folder is not writable)").arg(project);
        const QList<QPair<QString, QStringList>> writes{
            {QStringLiteral("run"), {QStringLiteral("run"), QStringLiteral("-p"), project, QStringLiteral("--resume"), QStringLiteral("2")}},
            {QStringLiteral("import"), {QStringLiteral("import"), dir.path(), QStringLiteral("-p"), project}},
            {QStringLiteral("variant add"), {QStringLiteral("variant"), QStringLiteral("add"), dir.path(), QStringLiteral("-p"), project}},
        };
        for (const auto& [command, arguments] : writes) {
            const Cli write = cli(arguments, hook);
            qInfo("%s said: %s", qPrintable(command), qPrintable(write.err.trimmed()));
            QCOMPARE(write.code, 2);
            QCOMPARE(write.err.trimmed(), QStringLiteral("voxbench-cli %1: %2").arg(command, refused));
        }
        QCOMPARE(stored(project.toStdString()), before);
        // (stored() left a -shm beside the project, so voxbench-cli read it with SQLITE_OPEN_READONLY,
        // not immutable=1: tst_read_only_project covers that path.)
    }
};

QTEST_APPLESS_MAIN(TestCliRunStore)
#include "tst_cli_run_store.moc"
