// The error analysis on the demo, offscreen, from a user's first contact: the demo project
// without runs shows on Results, Diff, Charts and Profiler what to do next; its one button runs
// fp32, int8 and the student over the clean set; then the Results page's analysis tables hold
// figures checked here against independent counts over the stored diffs and against sctk's
// sc_stats (the matched-pairs sentence-segment test on the very same hypotheses), and clicking
// their rows filters the utterance table. A copy of the demo project is used.
#include "app/format/numbers.h"
#include "app/issues/issue_model.h"
#include "app/results/baseline_models.h"
#include "app/results/breakdown_model.h"
#include "app/results/error_models.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/comparison_session.h"
#include "app/session/project_session.h"
#include "ui/pages/analysis_tabs.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/empty_state_page.h"
#include "ui/pages/first_contact.h"
#include "ui/pages/results_page.h"
#include "ui/window/main_window.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace vox;

namespace {

// Clicks the row of `view` that shows source row `sourceRow` of its (sorting) model.
void clickSourceRow(QTableView* view, int sourceRow)
{
    auto* proxy = static_cast<QSortFilterProxyModel*>(view->model());
    const QModelIndex index = proxy->mapFromSource(proxy->sourceModel()->index(sourceRow, 0));
    QVERIFY(index.isValid());
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

// The runs' normalized texts as trn files, run k's hypotheses in hyp<k>.trn.
void writeTrn(const run::RunComparison& c, const QString& dir)
{
    QFile ref(dir + QStringLiteral("/ref.trn"));
    QVERIFY(ref.open(QIODevice::WriteOnly));
    for (const auto& row : c.rows)
        ref.write(QByteArray::fromStdString(row.normalizedReference + " (" + row.uttId + ")\n"));
    for (size_t k = 0; k < c.runs.size(); ++k) {
        QFile hyp(dir + QStringLiteral("/hyp%1.trn").arg(k));
        QVERIFY(hyp.open(QIODevice::WriteOnly));
        for (const auto& row : c.rows)
            hyp.write(QByteArray::fromStdString(row.cells[k].normalizedHypothesis + " (" + row.uttId + ")\n"));
    }
}

struct ScStats {
    qint64 segments = 0;
    double mean = 0, z = 0;
};

// sctk sclite | sc_stats -t mapsswe over the baseline and run k.
ScStats scStats(const QString& dir, size_t k)
{
    QProcess sclite;
    sclite.setStandardOutputFile(dir + QStringLiteral("/pair.sgml"));
    sclite.start(QStringLiteral("sctk"), {QStringLiteral("sclite"), QStringLiteral("-r"), dir + QStringLiteral("/ref.trn"),
                                          QStringLiteral("trn"), QStringLiteral("-h"), dir + QStringLiteral("/hyp0.trn"),
                                          QStringLiteral("trn"), QStringLiteral("-h"), dir + QStringLiteral("/hyp%1.trn").arg(k),
                                          QStringLiteral("trn"), QStringLiteral("-i"), QStringLiteral("spu_id"),
                                          QStringLiteral("-o"), QStringLiteral("sgml"), QStringLiteral("stdout")});
    if (!sclite.waitForFinished(120000) || sclite.exitCode() != 0)
        qFatal("sctk sclite failed: %s", sclite.readAllStandardError().constData());
    QProcess stats;
    stats.setStandardInputFile(dir + QStringLiteral("/pair.sgml"));
    stats.start(QStringLiteral("sctk"), {QStringLiteral("sc_stats"), QStringLiteral("-p"), QStringLiteral("-t"),
                                         QStringLiteral("mapsswe"), QStringLiteral("-v"), QStringLiteral("-O"), dir,
                                         QStringLiteral("-n"), QStringLiteral("pair%1").arg(k)});
    stats.waitForFinished(120000);
    QFile report(dir + QStringLiteral("/pair%1.stats.mapsswe").arg(k));
    if (!report.open(QIODevice::ReadOnly))
        qFatal("sc_stats wrote no report: %s", stats.readAllStandardError().constData());
    static const QRegularExpression line(QStringLiteral(
        "MTCH_PR_RESULTS .*\\(# segs: (\\d+)\\).*\\(mean: ([-0-9.]+)\\) \\(std dev: ([-0-9.]+)\\) \\(Z Stat: ([-0-9.]+)\\)"));
    const auto m = line.match(QString::fromUtf8(report.readAll()));
    if (!m.hasMatch())
        qFatal("no MTCH_PR_RESULTS line in %s", qPrintable(report.fileName()));
    return {m.captured(1).toLongLong(), m.captured(2).toDouble(), m.captured(4).toDouble()};
}

} // namespace

class TestDemoAnalysis : public QObject {
    Q_OBJECT

private slots:
    void firstContactToAnalysis()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("demo.voxbench"));
        QVERIFY(QFile::copy(QStringLiteral(VOXBENCH_DEMO_DIR "/demo.voxbench"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        const QString shots = qEnvironmentVariable("VOXBENCH_SCREENSHOT_DIR");

        app::IssueModel issues;
        ui::MainWindow window(&issues);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(window.session(), &app::ProjectSession::opened);
        window.session()->open(project);
        QVERIFY(opened.wait(10000));

        // First contact: no runs, so the pages that show runs say what to do, and offer the demo.
        for (const char* id : {"results", "diff", "charts", "profiler"}) {
            auto* front = window.findChild<ui::FirstContact*>(QLatin1String(id) + QStringLiteral("FirstContact"));
            QVERIFY2(front, id);
            QVERIFY(!front->showsPage());
            QVERIFY(front->demoButton()->isVisibleTo(front));
            QVERIFY(front->panel()->description().contains(QStringLiteral("synthetic speech")));
        }
        auto* front = window.findChild<ui::FirstContact*>(QStringLiteral("resultsFirstContact"));
        window.showPage(QStringLiteral("results"));
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(shots + QStringLiteral("/first-contact.png")));

        app::ComparisonSession* session = window.comparison();
        QAbstractItemModelTester verdictTester(session->verdictModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester changeTester(session->changeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester breakdownTester(session->breakdownModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester confusionTester(session->confusionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester signalTester(session->hallucinationModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(session->utteranceFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);

        QElapsedTimer clock;
        clock.start();
        QSignalSpy idle(window.session()->queue(), &app::RunQueue::idle);
        QTest::mouseClick(front->demoButton(), Qt::LeftButton);
        QVERIFY(idle.wait(300000));
        QCOMPARE(window.session()->runs()->runs().size(), 3);
        for (const auto& r : window.session()->runs()->runs())
            QCOMPARE(r.status, run::RunStatus::Finished);
        QTRY_VERIFY(front->showsPage());
        QTRY_VERIFY_WITH_TIMEOUT(session->comparison() && session->comparison()->data.runs.size() == 3
                                     && session->comparison()->data.runs[2].withResult == 120 && !session->isLoading(),
                                 30000);
        qInfo("the demo comparison, from the click to the filled Results page: %.1f s", double(clock.elapsed()) / 1000);
        const auto comparison = session->comparison();
        const auto& c = comparison->data;
        QCOMPARE(c.runs[0].variant, std::string("whisper-demo-fp32"));
        QCOMPARE(c.runs[1].variant, std::string("whisper-demo-int8"));
        QCOMPARE(c.runs[2].variant, std::string("whisper-demo-student"));
        auto* results = static_cast<ui::ResultsPage*>(window.page(QStringLiteral("results")));
        ui::AnalysisTabs* tabs = results->analysisTabs();

        // Verdicts: the segment test is sc_stats' own on the same hypotheses; the verdict in
        // words follows its Z at 95 %.
        writeTrn(c, dir.path());
        auto* verdicts = session->verdictModel();
        QCOMPARE(verdicts->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const auto& against = comparison->analysis.against[size_t(row)];
            const ScStats theirs = scStats(dir.path(), against.run);
            QVERIFY(against.words.segments);
            QCOMPARE(against.words.segments->segments, theirs.segments);
            QVERIFY2(std::abs(std::abs(against.words.segments->mean) - std::abs(theirs.mean)) < 1e-3,
                     qPrintable(QStringLiteral("%1 vs %2").arg(against.words.segments->mean).arg(theirs.mean)));
            QVERIFY(std::abs(std::abs(against.words.segments->z) - std::abs(theirs.z)) < 1e-2);
            const QString verdict = verdicts->index(row, app::BaselineVerdictModel::VerdictColumn).data().toString();
            const bool significant = std::abs(theirs.z) > 1.959964;
            QCOMPARE(verdict, significant ? (c.runs[against.run].wer->estimate > c.runs[0].wer->estimate ? QStringLiteral("worse")
                                                                                                       : QStringLiteral("better"))
                                          : QStringLiteral("no significant difference"));
            // ΔWER on the utterances both scored (all 120 here): the summary's WERs apart.
            QCOMPARE(against.words.delta.estimate, c.runs[against.run].wer->estimate - c.runs[0].wer->estimate);
            QVERIFY(verdicts->index(row, app::BaselineVerdictModel::DeltaWerColumn).data().toString().startsWith(
                app::formatSigned(100 * against.words.delta.estimate, 1) + QStringLiteral(" pt [")));
        }
        QVERIFY(tabs->testNote()->text().contains(QStringLiteral("MAPSSWE")));
        QVERIFY(tabs->testNote()->text().contains(QStringLiteral("1000 resamples")));

        // A breakdown row: the speaker flite:awb (10 clean utterances), its WER summed by hand.
        QVERIFY(tabs->breakdownField()->findText(QStringLiteral("speaker")) >= 0);
        QVERIFY(tabs->breakdownField()->findText(QStringLiteral("duration")) >= 0);
        tabs->setCurrentIndex(ui::AnalysisTabs::BreakdownTab);
        tabs->breakdownField()->setCurrentIndex(tabs->breakdownField()->findText(QStringLiteral("speaker")));
        auto* breakdown = session->breakdownModel();
        int awb = -1;
        for (int row = 0; row < breakdown->rowCount(); ++row)
            if (breakdown->index(row, app::BreakdownModel::ValueColumn).data().toString() == QLatin1String("flite:awb"))
                awb = row;
        QVERIFY(awb >= 0);
        int64_t errors[3] = {}, words[3] = {};
        int awbRows = 0;
        for (const auto& row : c.rows) {
            if (row.speaker != "flite:awb")
                continue;
            ++awbRows;
            for (size_t k = 0; k < 3; ++k) {
                errors[k] += row.cells[k].counts.errors();
                words[k] += row.cells[k].counts.referenceLength();
            }
        }
        QCOMPARE(awbRows, 10);
        QCOMPARE(breakdown->index(awb, app::BreakdownModel::UtterancesColumn).data().toLongLong(), 10);
        const double fp32 = double(errors[0]) / double(words[0]), int8 = double(errors[1]) / double(words[1]);
        QCOMPARE(breakdown->index(awb, app::BreakdownModel::werColumn(0)).data(app::AnalysisModel::SortRole).toDouble(), fp32);
        QVERIFY(breakdown->index(awb, app::BreakdownModel::werColumn(1)).data().toString().startsWith(app::formatPercent(int8)));
        QCOMPARE(breakdown->index(awb, app::BreakdownModel::deltaColumn(1)).data().toString(), app::formatPoints(fp32, int8));
        clickSourceRow(tabs->view(ui::AnalysisTabs::BreakdownTab), awb);
        QCOMPARE(session->utteranceFilter()->rowCount(), 10);
        QVERIFY(results->utteranceSetLabel()->isVisible());
        QVERIFY(results->utteranceSetLabel()->text().contains(QStringLiteral("speaker = flite:awb")));
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(shots + QStringLiteral("/analysis-breakdown.png")));

        // Broken and fixed: counted by hand from the errors; the click filters to exactly them.
        for (size_t k = 1; k < 3; ++k) {
            int broken = 0, fixed = 0;
            for (const auto& row : c.rows) {
                broken += row.cells[0].counts.errors() == 0 && row.cells[k].counts.errors() > 0;
                fixed += row.cells[0].counts.errors() > 0 && row.cells[k].counts.errors() == 0;
            }
            const int brokenRow = session->changeModel()->rowOf(k, true), fixedRow = session->changeModel()->rowOf(k, false);
            QCOMPARE(session->changeModel()->index(brokenRow, app::UtteranceChangeModel::CountColumn).data().toInt(), broken);
            QCOMPARE(session->changeModel()->index(fixedRow, app::UtteranceChangeModel::CountColumn).data().toInt(), fixed);
            QCOMPARE(verdicts->index(int(k) - 1, app::BaselineVerdictModel::BrokenColumn).data().toInt(), broken);
            if (k == 2)
                QVERIFY(broken > 0); // the student breaks some (14 with the committed models)
            tabs->setCurrentIndex(ui::AnalysisTabs::ChangesTab);
            clickSourceRow(tabs->view(ui::AnalysisTabs::ChangesTab), brokenRow);
            auto* filter = session->utteranceFilter();
            QCOMPARE(filter->rowCount(), broken);
            for (int r = 0; r < filter->rowCount(); ++r) {
                const auto* row = session->utteranceModel()->rowAt(filter->mapToSource(filter->index(r, 0)).row());
                QVERIFY(row->cells[0].counts.errors() == 0 && row->cells[k].counts.errors() > 0);
            }
            if (broken > 0) { // the first is looked at: the diff view shows it
                const auto* first = session->utteranceModel()->rowAt(session->currentUtterance());
                QVERIFY(first);
                QVERIFY(results->diffView()->text().contains(QString::fromStdString(first->uttId)));
            }
        }
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(shots + QStringLiteral("/analysis-broken.png")));

        // A confusion pair of the student, counted by hand over its diffs, with the baseline's count.
        auto* confusions = session->confusionModel();
        int pairRow = -1;
        for (int row = 0; row < confusions->rowCount() && pairRow < 0; ++row)
            if (confusions->index(row, app::ConfusionModel::VariantColumn).data().toString() == QLatin1String("whisper-demo-student")
                && confusions->index(row, app::ConfusionModel::KindColumn).data().toString() == QLatin1String("substitution"))
                pairRow = row;
        QVERIFY(pairRow >= 0);
        const std::string ref = confusions->index(pairRow, app::ConfusionModel::ReferenceColumn).data().toString().toStdString();
        const std::string hyp = confusions->index(pairRow, app::ConfusionModel::HypothesisColumn).data().toString().toStdString();
        int inStudent = 0, inBaseline = 0, studentRows = 0;
        for (const auto& row : c.rows) {
            bool here = false;
            for (const auto& d : row.cells[2].diff)
                if (d.op == scoring::EditOp::Substitution && d.ref == ref && d.hyp == hyp)
                    ++inStudent, here = true;
            for (const auto& d : row.cells[0].diff)
                inBaseline += d.op == scoring::EditOp::Substitution && d.ref == ref && d.hyp == hyp;
            studentRows += here;
        }
        QCOMPARE(confusions->index(pairRow, app::ConfusionModel::CountColumn).data().toInt(), inStudent);
        QCOMPARE(confusions->index(pairRow, app::ConfusionModel::BaselineColumn).data().toInt(), inBaseline);
        QCOMPARE(confusions->index(pairRow, app::ConfusionModel::NewColumn).data().toString().isEmpty(), inBaseline > 0);
        tabs->setCurrentIndex(ui::AnalysisTabs::ConfusionsTab);
        clickSourceRow(tabs->view(ui::AnalysisTabs::ConfusionsTab), pairRow);
        QCOMPARE(session->utteranceFilter()->rowCount(), studentRows);
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(shots + QStringLiteral("/analysis-confusions.png")));
        int newPairs = 0;
        for (size_t k = 1; k < 3; ++k)
            for (const auto& pair : comparison->analysis.confusions[k])
                newPairs += pair.baseline == 0;
        QVERIFY(newPairs > 0);
        tabs->newConfusionsOnly()->setChecked(true);
        QCOMPARE(tabs->view(ui::AnalysisTabs::ConfusionsTab)->model()->rowCount(), newPairs);
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(shots + QStringLiteral("/analysis-new-confusions.png")));
        tabs->newConfusionsOnly()->setChecked(false);
        QCOMPARE(tabs->view(ui::AnalysisTabs::ConfusionsTab)->model()->rowCount(), confusions->rowCount());
        results->findChild<QPushButton*>(QStringLiteral("clearUtteranceSetButton"))->click();
        QCOMPARE(session->utteranceFilter()->rowCount(), 120);
        QVERIFY(!results->utteranceSetLabel()->isVisible());
        QCOMPARE(session->hallucinationModel()->rowCount(), int(comparison->analysis.hallucinations.size()));

        if (!shots.isEmpty()) {
            tabs->setCurrentIndex(ui::AnalysisTabs::BaselineTab);
            QTest::qWait(100);
            QVERIFY(window.grab().save(shots + QStringLiteral("/analysis-verdicts.png")));
            tabs->setCurrentIndex(ui::AnalysisTabs::HallucinationsTab);
            QVERIFY(window.grab().save(shots + QStringLiteral("/analysis-signals.png")));
        }

        // The sclite-style files of the three runs.
        QSignalSpy written(session, &app::ComparisonSession::scliteFilesWritten);
        session->exportScliteFiles(dir.path());
        QVERIFY(written.wait(30000));
        QCOMPARE(written.first().first().toStringList().size(), 6);
        QFile pra(dir.filePath(QStringLiteral("run2-whisper-demo-int8.pra"))), dtl(dir.filePath(QStringLiteral("run2-whisper-demo-int8.dtl")));
        QVERIFY(pra.open(QIODevice::ReadOnly) && dtl.open(QIODevice::ReadOnly));
        QVERIFY(pra.readAll().contains("id: (clean-000)"));
        const QByteArray detail = dtl.readAll();
        char total[64];
        std::snprintf(total, sizeof total, "Percent Total Error       = %6.1f%%", 100 * c.runs[1].wer->estimate);
        QVERIFY2(detail.contains(total), detail.left(800).constData());
        QVERIFY(detail.contains("CONFUSION PAIRS"));
    }
};

QTEST_MAIN(TestDemoAnalysis)
#include "tst_demo_analysis.moc"
