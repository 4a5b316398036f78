// The run queue with a fake executor (no model): runs are created in the project and executed
// one after another per device, several devices at once; pause and cancel act on a running run
// and on one still waiting; a failed creation is reported and creates nothing; destroying the
// queue pauses what runs and joins its workers.
#include "tests/support/fake_run_executor.h"
#include "app/run/run_queue.h"
#include "core/run/run_executor.h"
#include "core/store/project_store.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vox;

namespace {

struct Project {
    QString path;
    qint64 dataset = 0, fp32 = 0, int8 = 0;
};

// A dataset of `utterances` short references and two variants (no packages: the fake needs none).
Project makeProject(const QTemporaryDir& dir, int utterances)
{
    Project p;
    p.path = dir.filePath(QStringLiteral("queue.voxbench"));
    auto store = std::move(store::ProjectStore::open(p.path.toStdString()).value());
    std::vector<store::UtteranceRecord> rows(static_cast<size_t>(utterances));
    for (int i = 0; i < utterances; ++i) {
        rows[size_t(i)].uttId = "u" + std::to_string(100 + i);
        rows[size_t(i)].audioPath = "/nowhere/u.flac";
        rows[size_t(i)].duration = 1.5;
        rows[size_t(i)].reference = "turn the lights off number " + std::to_string(i);
    }
    p.dataset = store->addDataset({0, "set", "set.json", "nemo", "", "{}", 0}, rows).value();
    p.fp32 = store->addVariant({0, "tiny-fp32", "/nowhere/fp32", R"({"family":"whisper"})"}).value();
    p.int8 = store->addVariant({0, "tiny-int8", "/nowhere/int8", R"({"family":"whisper"})"}).value();
    return p;
}

run::RunSettings limited(int64_t limit, const std::string& device = "cpu")
{
    run::RunSettings s;
    s.limit = limit;
    s.device = device;
    return s;
}

QList<qint64> created(QSignalSpy& spy)
{
    return spy.isEmpty() ? QList<qint64>{} : spy.last().at(0).value<QList<qint64>>();
}

// A project, a fake executor, a queue on it and the queue's signals recorded.
struct Bench {
    explicit Bench(int utterances) : p(makeProject(dir, utterances)), queue(fake.executor())
    {
        queue.setProject(p.path);
    }
    QTemporaryDir dir;
    Project p;
    test::FakeRunExecutor fake;
    app::RunQueue queue;
    QSignalSpy made{&queue, &app::RunQueue::runsCreated};
    QSignalSpy stopped{&queue, &app::RunQueue::runStopped};
    QSignalSpy idle{&queue, &app::RunQueue::idle};
};

std::string storedStatus(const QString& path, qint64 runId)
{
    auto store = store::ProjectStore::open(path.toStdString(), store::ProjectStore::Mode::ReadOnly);
    return store ? (*store)->run(runId)->status : std::string("unreadable");
}

} // namespace

class TestRunQueue : public QObject {
    Q_OBJECT

private slots:
    void runsOneAfterAnotherOnADevice()
    {
        Bench b(6);
        auto [p, queue, made, stopped, idle] = std::tie(b.p, b.queue, b.made, b.stopped, b.idle);
        QSignalSpy queued(&queue, &app::RunQueue::runQueued);
        QSignalSpy batches(&queue, &app::RunQueue::batchDone);
        queue.start(p.dataset, {p.fp32, p.int8}, limited(4));
        QVERIFY(made.wait(10000));
        const QList<qint64> ids = created(made);
        QCOMPARE(ids.size(), 2);
        QCOMPARE(queued.size(), 2);
        QVERIFY(queue.isActive(ids[0]) && queue.isActive(ids[1]));
        QVERIFY(idle.wait(10000));
        QCOMPARE(idle.size(), 1);
        QCOMPARE(stopped.size(), 2);
        // In order: the first run stopped before the second.
        QCOMPARE(stopped.at(0).at(0).toLongLong(), ids[0]);
        QCOMPARE(stopped.at(1).at(0).toLongLong(), ids[1]);
        for (const auto& s : stopped)
            QCOMPARE(s.at(1).value<run::RunStatus>(), run::RunStatus::Finished);
        QCOMPARE(batches.size(), 8); // 4 utterances, one batch each, per run
        const auto last = batches.last().at(0).value<app::RunBatch>();
        QCOMPARE(last.runId, ids[1]);
        QCOMPARE(last.progress.done, int64_t(4));
        QCOMPARE(last.results.size(), size_t(1));
        QCOMPARE(queue.activeCount(), 0);
        QCOMPARE(storedStatus(p.path, ids[1]), std::string("finished"));
    }

    void devicesHaveWorkersOfTheirOwn()
    {
        Bench b(3);
        auto [p, fake, queue, made, idle] = std::tie(b.p, b.fake, b.queue, b.made, b.idle);
        fake.allow(0); // both runs wait at their first utterance
        queue.start(p.dataset, {p.fp32}, limited(3, "cpu"));
        QVERIFY(made.wait(10000));
        queue.start(p.dataset, {p.int8}, limited(3, "cuda:0"));
        QVERIFY(made.wait(10000));
        // One worker per device: both runs are executing at once, neither waits for the other.
        QTRY_COMPARE(fake.executions(), 2);
        fake.allowAll();
        QVERIFY(idle.wait(10000));
        QCOMPARE(fake.written(), 6);
    }

    void pauseAndCancelActOnRunningAndWaitingRuns()
    {
        Bench b(8);
        auto [p, fake, queue, made, stopped, idle] = std::tie(b.p, b.fake, b.queue, b.made, b.stopped, b.idle);
        fake.allow(2);
        queue.start(p.dataset, {p.fp32, p.int8}, limited(8));
        QVERIFY(made.wait(10000));
        const QList<qint64> ids = created(made);
        QTRY_COMPARE(fake.written(), 2); // the first run holds after two utterances
        queue.pause(ids[0]);
        queue.cancel(ids[1]); // still waiting behind the first: it never starts
        fake.allowAll();
        QVERIFY(idle.wait(10000));
        QCOMPARE(stopped.size(), 2);
        QCOMPARE(stopped.at(0).at(1).value<run::RunStatus>(), run::RunStatus::Paused);
        QCOMPARE(stopped.at(1).at(1).value<run::RunStatus>(), run::RunStatus::Cancelled);
        QCOMPARE(fake.written(), 2);
        QCOMPARE(storedStatus(p.path, ids[0]), std::string("paused"));

        // Resumed, the paused run continues with the utterances it has no result for.
        queue.resume(ids[0], QStringLiteral("cpu"));
        QVERIFY(queue.isActive(ids[0]));
        queue.resume(ids[0], QStringLiteral("cpu")); // already queued: not twice
        QVERIFY(idle.wait(10000));
        QCOMPARE(stopped.size(), 3);
        QCOMPARE(stopped.at(2).at(1).value<run::RunStatus>(), run::RunStatus::Finished);
        QCOMPARE(fake.written(), 8);
    }

    void aFailedCreationCreatesNothing()
    {
        Bench b(2);
        auto [p, fake, queue, made] = std::tie(b.p, b.fake, b.queue, b.made);
        QSignalSpy failed(&queue, &app::RunQueue::createFailed);
        queue.start(p.dataset, {p.fp32, 999}, limited(2));
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("no variant 999")),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(made.isEmpty());
        QCOMPARE(queue.activeCount(), 0);
        // The run made for the first variant before the failure is marked, not left queued.
        auto store = std::move(store::ProjectStore::open(p.path.toStdString()).value());
        const auto runs = store->runs().value();
        QCOMPARE(runs.size(), size_t(1));
        for (const auto& r : runs)
            QCOMPARE(r.status, std::string("cancelled"));
        QTest::qWait(50);
        QCOMPARE(fake.executions(), 0);
    }

    void destroyingTheQueuePausesWhatRuns()
    {
        QTemporaryDir dir;
        const Project p = makeProject(dir, 5);
        test::FakeRunExecutor fake;
        fake.allow(1);
        qint64 id = 0;
        {
            app::RunQueue queue(fake.executor());
            queue.setProject(p.path);
            QSignalSpy made(&queue, &app::RunQueue::runsCreated);
            queue.start(p.dataset, {p.fp32}, limited(5));
            QVERIFY(made.wait(10000));
            id = created(made).value(0);
            QTRY_COMPARE(fake.written(), 1);
        } // held at its second utterance: the destructor pauses it and joins the worker
        QCOMPARE(storedStatus(p.path, id), std::string("paused"));
        QCOMPARE(fake.written(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRunQueue)
#include "tst_run_queue.moc"
