// The application-wide issue list: model contract, merging of repeats, reports from worker
// threads, and core's spdlog warnings arriving through the bridge.
#include "app/issues/core_log_bridge.h"
#include "app/issues/issue_model.h"
#include "core/log/log.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <thread>

using vox::app::Issue;
using vox::app::IssueModel;

class TestIssueModel : public QObject {
    Q_OBJECT

private slots:
    void reportsMergeAndKeepTheModelContract()
    {
        IssueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy added(&model, &IssueModel::issueAdded);

        model.report({Issue::Severity::Error, QStringLiteral("cannot decode: truncated FLAC frame"),
                      QStringLiteral("clips/a.flac"), QStringLiteral("audio")});
        model.report({Issue::Severity::Warning, QStringLiteral("beam sizes differ"), QStringLiteral("run 3"), {}});
        model.report({Issue::Severity::Error, QStringLiteral("cannot decode: truncated FLAC frame"),
                      QStringLiteral("clips/a.flac"), QStringLiteral("audio")});

        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(added.count(), 2);
        QCOMPARE(model.countAt(0), 2);
        QCOMPARE(model.count(Issue::Severity::Error), 1);
        QCOMPARE(model.count(Issue::Severity::Warning), 1);
        QCOMPARE(model.index(0, IssueModel::MessageColumn).data().toString(),
                 QStringLiteral("cannot decode: truncated FLAC frame"));
        QCOMPARE(model.index(0, IssueModel::ContextColumn).data(IssueModel::ContextRole).toString(),
                 QStringLiteral("clips/a.flac"));
        QCOMPARE(model.index(0, IssueModel::CountColumn).data().toInt(), 2);
        QCOMPARE(model.index(1, IssueModel::SeverityColumn).data(IssueModel::SortRole).toInt(),
                 static_cast<int>(Issue::Severity::Warning));
        QVERIFY(model.index(0, IssueModel::MessageColumn).data(Qt::ToolTipRole).toString().contains("[audio]"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void reportFromAWorkerThreadArrivesOnTheModelThread()
    {
        IssueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::thread worker([&model] {
            for (int i = 0; i < 50; ++i)
                model.report({Issue::Severity::Warning, QStringLiteral("worker %1").arg(i % 5), {}, {}});
        });
        worker.join();
        QCOMPARE(model.rowCount(), 0); // queued, not yet delivered
        QTRY_COMPARE(model.rowCount(), 5);
        int total = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            total += model.countAt(row);
        QTRY_COMPARE(total, 50);
    }

    void coreWarningsReachTheModelAndStopAfterTheBridgeGoes()
    {
        IssueModel model;
        {
            vox::app::CoreLogBridge bridge(&model);
            std::thread worker([] {
                vox::log::get("audio")->warn("clip.wav: not a WAV file");
                vox::log::get("audio")->error("clip2.wav: file is empty");
                vox::log::get("audio")->info("not an issue");
            });
            worker.join();
            QTRY_COMPARE(model.rowCount(), 2);
            QCOMPARE(model.issueAt(0).severity, Issue::Severity::Warning);
            QCOMPARE(model.issueAt(0).source, QStringLiteral("audio"));
            QCOMPARE(model.issueAt(1).severity, Issue::Severity::Error);
            QCOMPARE(model.issueAt(1).message, QStringLiteral("clip2.wav: file is empty"));
        }
        vox::log::get("audio")->error("after the bridge is gone");
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestIssueModel)
#include "tst_issue_model.moc"
