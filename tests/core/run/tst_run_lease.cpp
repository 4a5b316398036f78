// One process executes a run at a time: the run's lease in the store (core/store/run_lease.h).
// Two connections to one project stand for two processes; the executor is core's own
// run::executeRun, refused before it loads anything. Whether an owner is alive is asked of the
// real system (this process's pid, a pid whose child has exited).
#include "core/run/run_card.h"
#include "core/run/run_executor.h"
#include "core/store/run_lease.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace vox;
using store::LeaseOwner;
using store::ProjectStore;

namespace {

std::unique_ptr<ProjectStore> openStore(const std::string& path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        qFatal("%s", store.error().describe().c_str());
    return std::move(*store);
}

// A project with one running run over three utterances, two of which have results.
int64_t makeRun(ProjectStore& store)
{
    std::vector<store::UtteranceRecord> utts(3);
    for (size_t i = 0; i < utts.size(); ++i) {
        utts[i].uttId = "u" + std::to_string(i);
        utts[i].audioPath = "/nowhere/u" + std::to_string(i) + ".wav";
    }
    const int64_t dataset = *store.addDataset({0, "d", "/d", "folder", "", "{}", 0}, utts);
    const int64_t variant = *store.addVariant({0, "v", "/pkg", "{}"});
    const int64_t run = *store.createRun({0, variant, dataset, "running", R"({"settings":{}})", "", "", ""});
    (void)store.addResults({{run, utts[0].id, "first", "[]", "{}", std::nullopt, ""},
                            {run, utts[1].id, "second", "[]", "{}", std::nullopt, ""}});
    return run;
}

// A pid on this host that no process has: a child that has exited and been reaped.
int64_t goneProcessId()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

std::string resultsText(ProjectStore& store, int64_t run)
{
    std::string text;
    for (const auto& r : *store.results(run))
        text += std::to_string(r.utteranceId) + "=" + r.hypothesis + ";";
    return text;
}

} // namespace

class TestRunLease : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_count = 0;
    std::string project() { return m_dir.filePath(QStringLiteral("p%1.voxbench").arg(++m_count)).toStdString(); }

private slots:
    void aSecondExecutorIsRefusedAndWritesNothing()
    {
        const std::string path = project();
        auto first = openStore(path);
        const int64_t run = makeRun(*first);
        const LeaseOwner owner = store::thisProcess(); // this process, alive, with its own token
        auto taken = first->acquireRunLease(run, owner);
        QVERIFY(taken.ok());
        QVERIFY(!*taken);
        const auto before = *first->run(run);
        const std::string results = resultsText(*first, run);

        run::RunControl control;
        const auto outcome = run::executeRun(path, run, control);
        QVERIFY(outcome.elsewhere);
        const std::string expected = "run " + std::to_string(run) + " is being executed by " + owner.program + " (pid "
                                     + std::to_string(::getpid()) + ") on host " + owner.host + " since ";
        QVERIFY2(outcome.message.rfind(expected, 0) == 0, outcome.message.c_str());
        QVERIFY2(outcome.message.find("; wait for it, or stop it; a lease older than 30 s is taken over")
                     != std::string::npos,
                 outcome.message.c_str());
        qInfo("refused: %s", outcome.message.c_str());

        const auto after = *first->run(run);
        QCOMPARE(after.status, before.status);
        QCOMPARE(after.message, before.message);
        QCOMPARE(after.cardJson, before.cardJson);
        QCOMPARE(resultsText(*first, run), results);
        QCOMPARE(first->runLeases()->size(), size_t(1));
        QCOMPARE(first->runLeases()->at(0).owner.token, owner.token);

        // The holder may take it again (its own token); once given back, the executor runs
        // (this variant's unknown family fails it, after the lease) and gives it back at the end.
        QVERIFY(!*first->acquireRunLease(run, owner));
        QVERIFY(first->releaseRunLease(run, owner.token).ok());
        const auto ran = run::executeRun(path, run, control);
        QVERIFY(!ran.elsewhere);
        QVERIFY2(ran.message.find("unknown package") != std::string::npos, ran.message.c_str());
        QVERIFY(first->runLeases()->empty());
        QCOMPARE(resultsText(*first, run), results);
    }

    void aStaleLeaseIsTakenOver()
    {
        const std::string path = project();
        auto first = openStore(path);
        auto second = openStore(path);
        const int64_t run = makeRun(*first);

        // A heartbeat older than 30 s, though its process (this one) lives.
        LeaseOwner silent = store::thisProcess();
        QVERIFY(!*first->acquireRunLease(run, silent));
        QVERIFY(first->renewRunLease(run, silent.token).value());
        store::RunLease old = first->runLeases()->at(0);
        old.heartbeat -= 31;
        QVERIFY(store::leaseIsStale(old, store::unixNow()));
        auto db = store::Database::open(path, false, false);
        QVERIFY(db->execute("UPDATE run_leases SET heartbeat_s = heartbeat_s - 31").ok());
        const LeaseOwner next = store::thisProcess();
        QVERIFY2(!*second->acquireRunLease(run, next), "an old heartbeat is taken over");
        QCOMPARE(second->runLeases()->at(0).owner.token, next.token);
        QCOMPARE(first->renewRunLease(run, silent.token).value(), false); // the first one learns it lost it

        // The owner's process is gone from this host: taken over at once.
        LeaseOwner gone = store::thisProcess();
        gone.pid = goneProcessId();
        QVERIFY(second->releaseRunLease(run, next.token).ok());
        QVERIFY(!*first->acquireRunLease(run, gone));
        QVERIFY(!*second->acquireRunLease(run, next));
        QCOMPARE(second->runLeases()->at(0).owner.token, next.token);

        // The pid lives but belongs to a process that started at another time (the pid was reused).
        LeaseOwner reused = store::thisProcess();
        reused.processStart += 1;
        QVERIFY(second->releaseRunLease(run, next.token).ok());
        QVERIFY(!*first->acquireRunLease(run, reused));
        QVERIFY(!*second->acquireRunLease(run, next));

        // Another host's process with a fresh heartbeat: only its heartbeat can tell, so it holds.
        LeaseOwner remote = store::thisProcess();
        remote.host = "another-host.example";
        remote.pid = goneProcessId();
        QVERIFY(second->releaseRunLease(run, next.token).ok());
        QVERIFY(!*first->acquireRunLease(run, remote));
        auto refused = second->acquireRunLease(run, next);
        QVERIFY(refused.ok() && *refused);
        QVERIFY(store::describeHeldLease(**refused).find("on host another-host.example") != std::string::npos);
    }

    void theHolderRenewsAndGivesBack()
    {
        const std::string path = project();
        auto store = openStore(path);
        const int64_t run = makeRun(*store);
        {
            auto held = store::RunLeaseHolder::acquire(*store, run, store::thisProcess(), 0.05);
            QVERIFY(held.ok() && held->holder);
            const double taken = store->runLeases()->at(0).heartbeat;
            QTRY_VERIFY_WITH_TIMEOUT(store->runLeases()->at(0).heartbeat > taken, 5000);
            QVERIFY(!held->holder->lost());

            // Another process takes it over (it had seen the heartbeat stop): the holder notices.
            auto db = store::Database::open(path, false, false);
            QVERIFY(db->execute("UPDATE run_leases SET token = 'someone else'").ok());
            QTRY_VERIFY_WITH_TIMEOUT(held->holder->lost(), 5000);
        }
        QCOMPARE(store->runLeases()->size(), size_t(1)); // the other one's lease stays
        QCOMPARE(store->runLeases()->at(0).owner.token, std::string("someone else"));

        auto db = store::Database::open(path, false, false);
        QVERIFY(db->execute("DELETE FROM run_leases").ok());
        {
            auto held = store::RunLeaseHolder::acquire(*store, run);
            QVERIFY(held.ok() && held->holder);
            QCOMPARE(store->runLeases()->size(), size_t(1));
        }
        QVERIFY(store->runLeases()->empty()); // given back
    }

    void concurrentCardSessionsAreAllKept()
    {
        // Two connections (two executors starting sessions of one run) add sessions to its
        // card at once; each write is a read-modify-write in one transaction, so none is lost.
        const std::string path = project();
        auto store = openStore(path);
        const int64_t run = makeRun(*store);
        const int each = 25;
        auto writer = [&](const std::string& host) {
            auto mine = openStore(path);
            run::EnvironmentFacts facts;
            facts.host = host;
            for (int i = 0; i < each; ++i) {
                auto written = mine->updateRunCard(run, [&](const std::string& card) {
                    std::this_thread::yield(); // widen the window between read and write
                    return run::withSession(card, facts);
                });
                if (!written)
                    qFatal("%s", written.error().describe().c_str());
            }
        };
        std::thread a(writer, "a"), b(writer, "b");
        a.join();
        b.join();
        const auto card = run::readRunCard(store->run(run)->cardJson);
        QVERIFY(card.ok());
        QCOMPARE(int(card->sessions.size()), 2 * each);
        int fromA = 0;
        for (const auto& s : card->sessions)
            fromA += s.environment.host == "a";
        QCOMPARE(fromA, each);
    }
};

QTEST_APPLESS_MAIN(TestRunLease)
#include "tst_run_lease.moc"
