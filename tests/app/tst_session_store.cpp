// The GUI's session against a project that other processes use or that cannot be written:
// a run another process executes (a live child process holds its lease) shows as "running in
// another process" and the run queue, with core's own executor, is refused with who runs it
// (an Issue, nothing written); a change made on disk by another connection is read again
// without a click; a read-only project opens for viewing, and its imports are refused.
#include "read_only_project.h"
#include "app/issues/issue_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"
#include "core/store/project_store.h"
#include "core/store/run_lease.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace vox;

namespace {

// A dataset of two utterances, a Whisper variant (no package) and a run left running with one result.
qint64 makeProject(const QString& path)
{
    auto store = std::move(store::ProjectStore::open(path.toStdString()).value());
    std::vector<store::UtteranceRecord> rows(2);
    for (size_t i = 0; i < rows.size(); ++i) {
        rows[i].uttId = "u" + std::to_string(i);
        rows[i].audioPath = "/nowhere/u.flac";
        rows[i].reference = "lights off";
    }
    const int64_t dataset = store->addDataset({0, "set", "set.json", "nemo", "", "{}", 0}, rows).value();
    const int64_t variant = store->addVariant({0, "tiny", "/nowhere/tiny", R"({"family":"whisper"})"}).value();
    const int64_t run = store->createRun({0, variant, dataset, "running", R"({"settings":{}})", "", "", ""}).value();
    (void)store->addResults({{run, rows[0].id, "lights of", "[]", "{}", std::nullopt, ""}});
    return run;
}

std::string storedRun(const QString& path, qint64 run)
{
    auto store = store::ProjectStore::open(path.toStdString(), store::ProjectStore::Mode::ReadOnly);
    const auto r = (*store)->run(run).value();
    std::string text = r.status + " " + r.message + " " + r.cardJson;
    for (const auto& x : (*store)->results(run).value())
        text += " " + x.hypothesis;
    return text;
}

} // namespace

class TestSessionStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aRunOfAnotherProcessIsShownAndNotResumed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.voxbench"));
        const qint64 run = makeProject(path);
        // The other executor: a live process of this host holding the run's lease.
        QProcess other;
        other.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(other.waitForStarted());
        store::LeaseOwner owner = store::thisProcess();
        owner.program = "voxbench-cli";
        owner.pid = other.processId();
        owner.processStart = 0;
        {
            auto store = store::ProjectStore::open(path.toStdString());
            QVERIFY(!*(*store)->acquireRunLease(run, owner));
        }
        const std::string before = storedRun(path, run);

        app::IssueModel issues;
        app::ProjectSession session(&issues); // the real run queue: core's executor
        QSignalSpy reloaded(&session, &app::ProjectSession::runsReloaded);
        session.open(path);
        QVERIFY(reloaded.wait(20000));
        const app::RunInfo* shown = session.runs()->run(run);
        QVERIFY(shown);
        QCOMPARE(app::RunListModel::statusText(*shown), QStringLiteral("running in another process"));
        const QString who = QStringLiteral("run %1 is being executed by voxbench-cli (pid %2) on host %3 since ")
                                .arg(run)
                                .arg(other.processId())
                                .arg(QString::fromStdString(owner.host));
        QVERIFY2(shown->elsewhere.startsWith(who), qPrintable(shown->elsewhere));

        // Resumed anyway (the Runs page disables Resume for it): refused, reported, nothing written.
        QSignalSpy refused(session.queue(), &app::RunQueue::runRefused);
        session.queue()->resume(run, QStringLiteral("cpu"));
        QVERIFY(refused.wait(20000));
        const QString message = refused.first().at(1).toString();
        qInfo("refused: %s", qPrintable(message));
        QVERIFY2(message.startsWith(who) && message.endsWith(QStringLiteral("; wait for it, or stop it; a lease older than 30 s is taken over")),
                 qPrintable(message));
        QTRY_COMPARE(issues.count(app::Issue::Severity::Warning), 1);
        QCOMPARE(issues.issueAt(0).message, message);
        QCOMPARE(storedRun(path, run), before);
        QTRY_VERIFY(!session.runs()->run(run)->active);
        QCOMPARE(app::RunListModel::statusText(*session.runs()->run(run)), QStringLiteral("running in another process"));

        // The other process ends: once its lease is gone (here: it gave it back), the run reads
        // as interrupted again, without a click, because the project changed on disk.
        {
            auto store = store::ProjectStore::open(path.toStdString());
            QVERIFY((*store)->releaseRunLease(run, owner.token).ok());
        }
        QTRY_COMPARE_WITH_TIMEOUT(app::RunListModel::statusText(*session.runs()->run(run)), QStringLiteral("interrupted"), 10000);
        other.kill();
        other.waitForFinished();
    }

    void aChangeOnDiskIsReadAgain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.voxbench"));
        const qint64 run = makeProject(path);
        app::IssueModel issues;
        app::ProjectSession session(&issues);
        QSignalSpy reloaded(&session, &app::ProjectSession::runsReloaded);
        session.open(path);
        QVERIFY(reloaded.wait(20000));
        QCOMPARE(session.runs()->run(run)->done, qint64(1));
        {
            // Another writer (voxbench-cli finishing the run) on its own connection.
            auto store = store::ProjectStore::open(path.toStdString());
            QVERIFY((*store)->addResults({{run, 2, "lights off", "[]", "{}", std::nullopt, ""}}).ok());
            QVERIFY((*store)->setRunStatus(run, "finished").ok());
        }
        QTRY_COMPARE_WITH_TIMEOUT(session.runs()->run(run)->done, qint64(2), 10000);
        QTRY_COMPARE(session.runs()->run(run)->status, run::RunStatus::Finished);
    }

    void aReadOnlyProjectOpensForViewing()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkdir(folder));
        const QString path = folder + QStringLiteral("/p.voxbench");
        const qint64 run = makeProject(path);
        const std::string before = storedRun(path, run);
        test::ReadOnlyFolder readOnly(folder);
        qInfo("read-only by %s", qPrintable(readOnly.how));

        app::IssueModel issues;
        app::ProjectSession session(&issues);
        QSignalSpy opened(&session, &app::ProjectSession::opened);
        QSignalSpy reloaded(&session, &app::ProjectSession::runsReloaded);
        session.open(path);
        QVERIFY(opened.wait(20000));
        QVERIFY(reloaded.wait(20000));
        const QString reason = QStringLiteral("the project is read-only: %1 (the folder is not writable)").arg(path);
        QVERIFY(session.readOnly());
        QCOMPARE(session.readOnlyReason(), reason);
        QCOMPARE(session.summary().datasets.size(), 1);
        QCOMPARE(session.runs()->rowCount(), 1);
        QCOMPARE(session.runs()->run(run)->done, qint64(1));

        QSignalSpy changed(&session, &app::ProjectSession::changed);
        QVERIFY(!session.importDataset(dir.path()));
        QVERIFY(!session.addPackages({dir.path()}));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.first().at(0).toBool(), false);
        QCOMPARE(changed.first().at(1).toString(), reason);
        QCOMPARE(issues.count(app::Issue::Severity::Error), 1); // the same issue twice: one row, counted
        QCOMPARE(issues.countAt(0), 2);
        QCOMPARE(issues.issueAt(0).message, reason);
        QCOMPARE(storedRun(path, run), before);
    }
};

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_session_store.moc"
