// The GUI's state without a display: the demo project opened through ProjectSession, two runs
// queued on a fake executor, paused, resumed and cancelled, then compared through
// ComparisonSession; every model checked with QAbstractItemModelTester on the way. Also the
// default choice of runs to compare, a failed read of the runs reaching the Issues list, and an
// import's skips and notes on text that is not UTF-8 reaching it as warnings.
#include "tests/support/fake_run_executor.h"
#include "app/issues/issue_model.h"
#include "app/project/project_models.h"
#include "app/results/summary_model.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"
#include "core/store/project_store.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace vox;

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto kReport = QAbstractItemModelTester::FailureReportingMode::QtTest;

qint64 idOf(const QList<app::DatasetSummary>& list, const QString& name)
{
    for (const auto& d : list)
        if (d.name == name)
            return d.id;
    return -1;
}

qint64 idOf(const QList<app::VariantSummary>& list, const QString& name)
{
    for (const auto& v : list)
        if (v.name == name)
            return v.id;
    return -1;
}

app::RunInfo info(qint64 id, qint64 variant, qint64 dataset, run::RunStatus status)
{
    app::RunInfo r;
    r.id = id;
    r.variantId = variant;
    r.datasetId = dataset;
    r.status = status;
    return r;
}

} // namespace

class TestProjectSession : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("demo.voxbench"));
        QVERIFY(QFile::copy(QStringLiteral(VOXBENCH_DEMO_DIR "/demo.voxbench"), m_project));
        QFile::setPermissions(m_project, QFile::ReadOwner | QFile::WriteOwner);
    }

    void theDefaultChoiceIsTheLatestRunOfEachVariant()
    {
        using run::RunStatus;
        // Dataset 1: runs 1 (fp32), 2 (int8); dataset 2: 3 (fp32), 4 (int8, failed), 5 (fp32 again).
        const QList<app::RunInfo> runs{info(1, 10, 1, RunStatus::Finished), info(2, 11, 1, RunStatus::Finished),
                                       info(3, 10, 2, RunStatus::Finished), info(4, 11, 2, RunStatus::Failed),
                                       info(5, 10, 2, RunStatus::Queued)};
        QCOMPARE(app::ComparisonSession::defaultRuns(runs), QList<qint64>{5});
        QCOMPARE(app::ComparisonSession::defaultRuns(runs.mid(0, 3)), QList<qint64>{3});
        QCOMPARE(app::ComparisonSession::defaultRuns(runs.mid(0, 2)), (QList<qint64>{1, 2}));
        QCOMPARE(app::ComparisonSession::defaultRuns({}), QList<qint64>{});
        // The list shows runs in their order while the chosen ones read in that order; else the
        // chosen first, so that "the first checked is the baseline" stays true.
        QCOMPARE(app::ComparisonSession::displayOrder({1, 2, 3}, {1, 3}), (QList<qint64>{1, 2, 3}));
        QCOMPARE(app::ComparisonSession::displayOrder({1, 2, 3}, {3, 1}), (QList<qint64>{3, 1, 2}));
        QCOMPARE(app::ComparisonSession::displayOrder({1, 2, 3}, {9}), (QList<qint64>{1, 2, 3}));
    }

    void opensQueuesPausesResumesCancelsAndCompares()
    {
        app::IssueModel issues;
        test::FakeRunExecutor fake;
        app::ProjectSession session(&issues, new app::RunQueue(fake.executor()));
        app::ComparisonSession comparison(&session);
        Tester datasets(session.datasets(), kReport), variants(session.variants(), kReport), runs(session.runs(), kReport);
        Tester summary(comparison.summaryModel(), kReport), results(comparison.utteranceModel(), kReport),
            filter(comparison.utteranceFilter(), kReport);

        QSignalSpy opened(&session, &app::ProjectSession::opened);
        QSignalSpy reloaded(&session, &app::ProjectSession::runsReloaded);
        session.open(m_project);
        QVERIFY(opened.wait(20000));
        QCOMPARE(session.path(), m_project);
        QVERIFY(reloaded.wait(20000));
        QCOMPARE(session.runs()->rowCount(), 0);
        const auto& sets = session.datasets()->datasets();
        QCOMPARE(sets.size(), 4); // demo clean, demo hard, kws clips, kws stream
        const qint64 clean = idOf(sets, QStringLiteral("demo clean"));
        const qint64 hard = idOf(sets, QStringLiteral("demo hard"));
        QVERIFY(clean > 0 && hard > 0);
        QCOMPARE(sets[0].utterances, qint64(120));
        const auto& packages = session.variants()->variants();
        QCOMPARE(packages.size(), 12);
        QVERIFY(session.summary().hasDemoVariants());
        const qint64 fp32 = idOf(packages, QStringLiteral("whisper-demo-fp32"));
        const qint64 int8 = idOf(packages, QStringLiteral("whisper-demo-int8"));
        QVERIFY(fp32 > 0 && int8 > 0);

        // Two runs of ten; the first held after two utterances and paused there.
        auto* queue = session.queue();
        QSignalSpy made(queue, &app::RunQueue::runsCreated);
        QSignalSpy stopped(queue, &app::RunQueue::runStopped);
        QSignalSpy idle(queue, &app::RunQueue::idle);
        fake.allow(2);
        run::RunSettings settings;
        settings.limit = 10;
        queue->start(clean, {fp32, int8}, settings);
        QVERIFY(made.wait(20000));
        const QList<qint64> ids = made.at(0).at(0).value<QList<qint64>>();
        QCOMPARE(ids.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(fake.written(), 2, 20000);
        QTRY_VERIFY(session.runs()->run(ids[0]) && session.runs()->run(ids[0])->done == 2);
        QVERIFY(session.runs()->run(ids[0])->active);
        queue->pause(ids[0]);
        fake.allowAll();
        QVERIFY(idle.wait(20000));
        QTRY_VERIFY(session.runs()->run(ids[1]) && session.runs()->run(ids[1])->status == run::RunStatus::Finished);
        const app::RunInfo* first = session.runs()->run(ids[0]);
        QCOMPARE(first->status, run::RunStatus::Paused);
        QCOMPARE(first->done, qint64(2));
        QCOMPARE(app::RunListModel::statusText(*first), QStringLiteral("paused"));
        QCOMPARE(session.runs()->run(ids[1])->done, qint64(10));

        // Resumed, it ends with all ten.
        queue->resume(ids[0], first->device);
        QVERIFY(idle.wait(20000));
        QTRY_VERIFY(session.runs()->run(ids[0])->status == run::RunStatus::Finished);
        QCOMPARE(session.runs()->run(ids[0])->done, qint64(10));

        // A third run on the hard set, cancelled after its first utterance.
        fake.allow(1);
        settings.limit = 5;
        const int before = fake.written();
        queue->start(hard, {fp32}, settings);
        QVERIFY(made.wait(20000));
        const qint64 third = made.last().at(0).value<QList<qint64>>().value(0);
        QTRY_COMPARE_WITH_TIMEOUT(fake.written(), before + 1, 20000);
        queue->cancel(third);
        fake.allowAll();
        QVERIFY(idle.wait(20000));
        QCOMPARE(stopped.last().at(1).value<run::RunStatus>(), run::RunStatus::Cancelled);
        QTRY_VERIFY(session.runs()->run(third) && session.runs()->run(third)->status == run::RunStatus::Cancelled);
        QCOMPARE(session.runs()->rowCount(), 3);

        // The comparison chose by the default rule when the first runs appeared (the latest run
        // of each variant over the latest run's dataset) and keeps that choice.
        QCOMPARE(comparison.chosenRuns(), (QList<qint64>{ids[0], ids[1]}));
        // Compare the two clean runs, fp32 the baseline.
        QSignalSpy changed(&comparison, &app::ComparisonSession::comparisonChanged);
        comparison.setChosenRuns({ids[0], ids[1]});
        QTRY_VERIFY_WITH_TIMEOUT(comparison.comparison() && comparison.comparison()->data.runs.size() == 2, 20000);
        const auto c = comparison.comparison();
        QCOMPARE(c->data.runs[0].run.id, ids[0]);
        QCOMPARE(c->data.runs[0].withResult, int64_t(10));
        QVERIFY(c->data.runs[0].wer && c->data.runs[0].wer->estimate == 0.0); // the fake's fp32 says the reference
        QVERIFY(c->data.runs[1].wer && c->data.runs[1].wer->estimate > 0.05); // its int8 leaves a word out
        QCOMPARE(comparison.summaryModel()->rowCount(), 2);
        QVERIFY(comparison.summaryModel()->index(0, app::RunSummaryModel::VariantColumn).data().toString().contains(
            QStringLiteral("(baseline)")));
        QCOMPARE(comparison.summaryModel()->index(1, app::RunSummaryModel::WerColumn).data().toString(),
                 app::formatInterval(c->data.runs[1].wer));
        QCOMPARE(comparison.utteranceModel()->rowCount(), 10);
        auto* f = comparison.utteranceFilter();
        f->setMode(app::UtteranceResultsFilter::Mode::ErrorsOnly);
        QCOMPARE(f->rowCount(), 10);
        f->setMode(app::UtteranceResultsFilter::Mode::ChangedAgainstBaseline);
        QCOMPARE(f->rowCount(), 10);
        f->setMode(app::UtteranceResultsFilter::Mode::WorstN, 3);
        QCOMPARE(f->rowCount(), 3);
        // int8's third utterance: a no-speech probability above OpenAI's default 0.6.
        f->setMode(app::UtteranceResultsFilter::Mode::NoSpeech);
        QCOMPARE(f->rowCount(), 1);
        const int silent = f->mapToSource(f->index(0, 0)).row();
        QCOMPARE(silent, 2);
        QCOMPARE(*comparison.utteranceModel()->rowAt(silent)->cells[1].noSpeechProbability, 0.9);
        QVERIFY(!comparison.utteranceModel()->rowAt(silent)->cells[0].noSpeech);
        QVERIFY(comparison.utteranceModel()
                    ->index(silent, app::UtteranceResultsModel::column(1, app::UtteranceResultsModel::HypothesisColumn))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("No speech detected (no-speech probability 0.900)")));
        f->setMode(app::UtteranceResultsFilter::Mode::All);
        f->setText(QString::fromStdString(comparison.utteranceModel()->rowAt(4)->uttId));
        QCOMPARE(f->rowCount(), 1);
        f->setText({});

        // The utterance looked at, and its survival across a new comparison.
        QSignalSpy current(&comparison, &app::ComparisonSession::currentUtteranceChanged);
        comparison.setCurrentUtterance(4);
        QCOMPARE(current.size(), 1);
        QCOMPARE(current.at(0).at(1).toInt(), 4);
        const std::string looked = comparison.utteranceModel()->rowAt(4)->uttId;
        changed.clear();
        comparison.setNormalizer(QStringLiteral("none"));
        QVERIFY(changed.wait(20000));
        QCOMPARE(comparison.comparison()->data.normalizer.rfind("none@", 0), size_t(0));
        QCOMPARE(comparison.utteranceModel()->rowAt(comparison.currentUtterance())->uttId, looked);

        // Nothing chosen: no comparison.
        comparison.setChosenRuns({});
        QVERIFY(!comparison.comparison());
        QCOMPARE(comparison.summaryModel()->rowCount(), 0);
        QCOMPARE(issues.count(app::Issue::Severity::Error), 0);
    }

    void aFailedReadOfTheRunsReachesTheIssues()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gone.voxbench"));
        QVERIFY(QFile::copy(m_project, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        app::IssueModel issues;
        app::ProjectSession session(&issues);
        QSignalSpy opened(&session, &app::ProjectSession::opened);
        QSignalSpy reloaded(&session, &app::ProjectSession::runsReloaded);
        session.open(path);
        QVERIFY(opened.wait(20000));
        QVERIFY(reloaded.wait(20000));
        const int rows = session.runs()->rowCount();
        QVERIFY(rows > 0); // the runs of the test before
        QVERIFY(QFile::remove(path));
        session.reloadRuns();
        QVERIFY(reloaded.wait(20000));
        QTRY_COMPARE(issues.count(app::Issue::Severity::Error), 1);
        QVERIFY2(issues.issueAt(issues.rowCount() - 1).message.contains(QStringLiteral("Could not read the project's runs")),
                 qPrintable(issues.issueAt(issues.rowCount() - 1).message));
        QCOMPARE(issues.issueAt(issues.rowCount() - 1).context, path);
        QCOMPARE(session.runs()->rowCount(), rows); // a failed read is not an empty project
    }

    void aProjectThatCannotBeOpenedIsAnIssue()
    {
        QTemporaryDir dir;
        app::IssueModel issues;
        app::ProjectSession session(&issues);
        QSignalSpy failed(&session, &app::ProjectSession::openFailed);
        session.open(dir.filePath(QStringLiteral("missing.voxbench")));
        QVERIFY(failed.wait(20000));
        QVERIFY(!session.isOpen());
        QCOMPARE(issues.count(app::Issue::Severity::Error), 1);
        QVERIFY(issues.issueAt(0).message.contains(QStringLiteral("Could not open the project")));
    }

    // A Latin-1 CSV imported from the GUI: the refused reference and the note on the escaped
    // column are warnings in the Issues dock, readable text; the dataset already there is kept.
    void textThatIsNotUtf8IsAnIssue()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        const auto write = [&](const std::string& name, const std::string& bytes) {
            std::ofstream(root + "/" + name, std::ios::binary) << bytes;
        };
        write("a.wav", "stand-in");
        write("b.wav", "stand-in");
        write("old.csv", "path,text\na.wav,old words\n");
        write("new.csv", "path,text,city\na.wav,hello,caf\xE9\nb.wav,caf\xE9,x\n");
        const QString project = dir.filePath(QStringLiteral("p.voxbench"));
        app::IssueModel issues;
        app::ProjectSession session(&issues);
        QSignalSpy changed(&session, &app::ProjectSession::changed);
        QSignalSpy opened(&session, &app::ProjectSession::opened); // each change opens the project again
        QVERIFY(session.newProject(project));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
        QVERIFY(session.importDataset(dir.filePath(QStringLiteral("old.csv")), QStringLiteral("old")));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, 20000);
        const auto rowsOfOld = [&] {
            auto store = std::move(store::ProjectStore::open(project.toStdString()).value());
            std::string all;
            for (const auto& u : store->utterances(1).value())
                all += u.uttId + "|" + u.audioPath + "|" + u.reference + "|" + u.extraJson + "\n";
            return all;
        };
        const std::string before = rowsOfOld();
        QVERIFY(session.importDataset(dir.filePath(QStringLiteral("new.csv")), QStringLiteral("new")));
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 20000);
        QCOMPARE(changed.last().at(0).toBool(), true);
        QStringList warnings;
        for (int i = 0; i < issues.rowCount(); ++i)
            if (issues.issueAt(i).severity == app::Issue::Severity::Warning)
                warnings << issues.issueAt(i).message;
        const QString all = warnings.join('\n');
        QVERIFY2(all.contains(QStringLiteral("new.csv:3: the reference text is not valid UTF-8 (byte 0xE9 at byte "
                                             "offset 3 of the text)")),
            qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("1 utterance(s) have bytes that are not UTF-8 in field 'city' (kept, each "
                                             "such byte written \\xNN")),
            qPrintable(all));
        QCOMPARE(rowsOfOld(), before);
    }
};

QTEST_GUILESS_MAIN(TestProjectSession)
#include "tst_project_session.moc"
