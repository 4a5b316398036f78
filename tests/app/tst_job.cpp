// The one job shape of the GUI (app/jobs/job.h): results arrive on the main thread, the latest
// start wins, cancel reaches the work, progress is coalesced, errors and exceptions are values,
// and a Job that is gone delivers nothing.
#include "app/jobs/job.h"

#include <QCoreApplication>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using vox::Expected;
using vox::app::Job;
using vox::app::JobContext;
using vox::app::JobProgress;

class TestJob : public QObject {
    Q_OBJECT

private slots:
    void deliversTheValueOnTheMainThread()
    {
        Job<int> job;
        QThread* worker = nullptr;
        std::optional<int> got;
        QThread* deliveredOn = nullptr;
        job.start([&](const JobContext&) -> Expected<int> {
            worker = QThread::currentThread();
            return 42;
        }, [&](Expected<int> value) {
            deliveredOn = QThread::currentThread();
            got = value ? std::optional<int>(*value) : std::nullopt;
        });
        QVERIFY(job.running());
        QTRY_VERIFY(got.has_value());
        QCOMPARE(*got, 42);
        QVERIFY(worker != QCoreApplication::instance()->thread());
        QCOMPARE(deliveredOn, QCoreApplication::instance()->thread());
        QVERIFY(!job.running());
    }

    void errorsAndExceptionsAreValues()
    {
        Job<int> job;
        QString error;
        job.start([](const JobContext&) -> Expected<int> { return vox::makeError("no such project", "p.voxbench"); },
                  [&](Expected<int> v) { error = v ? QString() : QString::fromStdString(v.error().describe()); });
        QTRY_COMPARE(error, QStringLiteral("p.voxbench: no such project"));
        job.start([](const JobContext&) -> Expected<int> { throw std::runtime_error("disk on fire"); },
                  [&](Expected<int> v) { error = v ? QString() : QString::fromStdString(v.error().describe()); });
        QTRY_VERIFY2(error.contains(QStringLiteral("disk on fire")), qPrintable(error));
    }

    void theLatestStartWins()
    {
        Job<int> job;
        QSemaphore firstMayEnd;
        std::atomic<bool> firstSawCancel{false};
        QList<int> delivered;
        job.start([&](const JobContext& c) -> Expected<int> {
            firstMayEnd.acquire();
            firstSawCancel = c.cancelled();
            return 1;
        }, [&](Expected<int> v) { delivered << *v; });
        job.start([](const JobContext&) -> Expected<int> { return 2; }, [&](Expected<int> v) { delivered << *v; });
        QTRY_COMPARE(delivered, QList<int>{2});
        firstMayEnd.release();
        QTRY_VERIFY(firstSawCancel.load()); // superseded: its token was set
        QTest::qWait(50);
        QCOMPARE(delivered, QList<int>{2}); // and its late result dropped
    }

    void cancelReachesTheWorkAndItsResultStillArrives()
    {
        Job<int> job;
        QString error;
        job.start([](const JobContext& c) -> Expected<int> {
            // What core does with the flag: look at it between pieces of work.
            for (int i = 0; i < 100000 && !c.token().flag()->load(); ++i)
                QThread::msleep(1);
            if (c.cancelled())
                return vox::makeError("cancelled");
            return 0;
        }, [&](Expected<int> v) { error = v ? QStringLiteral("finished") : QString::fromStdString(v.error().message); });
        QTest::qWait(20);
        job.cancel();
        QTRY_COMPARE(error, QStringLiteral("cancelled"));
    }

    void progressIsCoalescedAndEndsWithTheLatest()
    {
        Job<int> job;
        QList<qint64> seen;
        bool done = false;
        job.start([](const JobContext& c) -> Expected<int> {
            for (int i = 1; i <= 100000; ++i)
                c.progress(i, 100000, QStringLiteral("step"));
            return 0;
        }, [&](Expected<int>) { done = true; }, [&](const JobProgress& p) { seen << p.done; });
        QTRY_VERIFY(done);
        QVERIFY(!seen.isEmpty());
        QVERIFY2(seen.size() < 100000, qPrintable(QString::number(seen.size()))); // not one event per call
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.last(), qint64(100000)); // the last value posted before the result
    }

    void aJobThatIsGoneDeliversNothing()
    {
        auto delivered = std::make_shared<int>(0);
        QSemaphore mayEnd;
        std::atomic<bool> sawCancel{false};
        {
            Job<int> job;
            job.start([&](const JobContext& c) -> Expected<int> {
                mayEnd.acquire();
                sawCancel = c.cancelled();
                return 1;
            }, [delivered](Expected<int>) { ++*delivered; });
        }
        mayEnd.release();
        QTRY_VERIFY(sawCancel.load());
        QTest::qWait(50);
        QCOMPARE(*delivered, 0);
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
