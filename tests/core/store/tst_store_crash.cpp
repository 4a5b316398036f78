// Kills a process that is writing results with SIGKILL at random moments, 50 times, and checks
// each time that the project opens, passes integrity_check and foreign_key_check, and holds
// every result whose commit had returned (the writer prints ids only after the commit).
#include "core/store/project_store.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <set>

using namespace vox::store;

class TestStoreCrash : public QObject {
    Q_OBJECT

private slots:
    void resultsSurviveSigkill()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("crash.voxbench"));
        QRandomGenerator random(20261122);
        std::set<int64_t> acknowledged;
        int killsDuringWrites = 0;

        for (int round = 0; round < 50; ++round) {
            QProcess writer;
            writer.start(QStringLiteral(STORE_CRASH_WRITER), {project, QString::number(round + 1)});
            QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
            // Every tenth round kills at a random moment from the start, often during the setup
            // transactions; the others wait until the writer has committed its first batch, so
            // the kill lands among result writes however slow the machine is.
            QByteArray output;
            const bool anyMoment = round % 10 == 0;
            if (!anyMoment) {
                QElapsedTimer patience;
                patience.start();
                while (!output.contains("ok ") && writer.state() == QProcess::Running && patience.elapsed() < 60000) {
                    writer.waitForReadyRead(20);
                    output += writer.readAllStandardOutput();
                }
            }
            const int delayMs = int(random.bounded(1, 100));
            QElapsedTimer clock;
            clock.start();
            while (clock.elapsed() < delayMs && writer.state() == QProcess::Running) {
                writer.waitForReadyRead(5);
                output += writer.readAllStandardOutput();
            }
            if (writer.state() == QProcess::Running) {
                ::kill(pid_t(writer.processId()), SIGKILL);
                ++killsDuringWrites;
            }
            if (writer.state() != QProcess::NotRunning)
                QVERIFY(writer.waitForFinished(10000));
            output += writer.readAllStandardOutput();
            if (writer.exitStatus() == QProcess::NormalExit && writer.exitCode() != 0)
                QFAIL(qPrintable(QStringLiteral("round %1: the writer failed: %2")
                                     .arg(round)
                                     .arg(QString::fromUtf8(writer.readAllStandardError()))));

            // Only complete lines: a line is printed after its commit returned.
            const QList<QByteArray> lines = output.split('\n');
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                const QList<QByteArray> words = lines[i].split(' ');
                if (words.value(0) != "ok")
                    continue;
                for (qsizetype w = 1; w < words.size(); ++w)
                    acknowledged.insert(words[w].toLongLong());
            }

            if (!QFileInfo::exists(project)) {
                // Killed before the writer created the file (a loaded machine is slow to start
                // it): nothing was written, so nothing may have been acknowledged either.
                QVERIFY2(acknowledged.empty(), qPrintable(QStringLiteral("round %1: the project is gone").arg(round)));
                continue;
            }
            auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::OpenExisting);
            QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
            auto integrity = (*store)->checkIntegrity();
            QVERIFY2(integrity.ok(), integrity ? "" : integrity.error().describe().c_str());
            auto datasets = (*store)->datasets();
            QVERIFY(datasets.ok());
            if (datasets->empty())
                continue; // killed before the setup transaction committed: nothing half-written
            QCOMPARE(datasets->front().utteranceCount, int64_t(50000)); // all or nothing
            auto runs = (*store)->runs();
            QVERIFY(runs.ok());
            if (runs->empty())
                continue;
            auto results = (*store)->results(runs->front().id);
            QVERIFY(results.ok());
            std::set<int64_t> stored;
            for (const auto& r : *results)
                stored.insert(r.utteranceId);
            for (int64_t id : acknowledged)
                if (!stored.count(id))
                    QFAIL(qPrintable(QStringLiteral("round %1: result for utterance %2 was acknowledged but is gone")
                                         .arg(round)
                                         .arg(id)));
        }
        qInfo("50 rounds, %d killed mid-write, %zu acknowledged results all present", killsDuringWrites,
              acknowledged.size());
        QVERIFY(killsDuringWrites >= 40);
        QVERIFY(acknowledged.size() > 100);
    }
};

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_store_crash.moc"
