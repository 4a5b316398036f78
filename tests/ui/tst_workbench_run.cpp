// The workbench end to end, offscreen: a project with the demo's clean set and two Whisper
// packages; two variants run on ten utterances from the Runs page while the event loop's
// longest stall is measured; the Results page's summary and per-utterance table, its filters
// and the Diff view's content are checked against core's figures computed independently;
// a run is paused and resumed from the page; an interrupted run is offered for resuming.
#include "tests/support/file_text.h"
#include "app/issues/issue_model.h"
#include "app/results/diff_format.h"
#include "app/results/summary_model.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"
#include "core/dataset/dataset_import.h"
#include "core/run/run_executor.h"
#include "core/run/run_summary.h"
#include "core/store/dataset_records.h"
#include "core/text/normalizer.h"
#include "core/audio/audio_decoder.h"
#include "ui/pages/audio_view.h"
#include "ui/pages/charts_page.h"
#include "ui/pages/data_page.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/results_page.h"
#include "ui/pages/run_settings_form.h"
#include "ui/pages/runs_page.h"
#include "ui/window/main_window.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

#include <qcustomplot.h>

#include <fstream>

using namespace vox;

namespace {

const std::string kFixtures = VOXBENCH_FIXTURE_DIR "/whisper/packages/";


// The longest time the event loop went without running a 5-ms timer.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.restart());
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 longestMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

} // namespace

class TestWorkbenchRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

    std::unique_ptr<store::ProjectStore> store()
    {
        return std::move(store::ProjectStore::open(m_project.toStdString()).value());
    }

    static void openProject(ui::MainWindow& window, const QString& path)
    {
        QSignalSpy opened(window.session(), &app::ProjectSession::opened);
        window.session()->open(path);
        QVERIFY(opened.wait(60000));
    }

    static void checkVariants(ui::RunsPage* page, const QStringList& names)
    {
        for (int i = 0; i < page->variantList()->count(); ++i) {
            auto* item = page->variantList()->item(i);
            if (names.contains(item->text().section(QLatin1Char(' '), 0, 0)))
                item->setCheckState(Qt::Checked);
            else if (item->flags() & Qt::ItemIsUserCheckable)
                item->setCheckState(Qt::Unchecked);
        }
    }

    static void setSpin(ui::RunsPage* page, const char* name, int value)
    {
        auto* spin = page->settingsForm()->findChild<QSpinBox*>(QString::fromLatin1(name));
        QVERIFY(spin);
        spin->setValue(value);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("workbench.voxbench"));
        auto report = dataset::importDataset(VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json");
        QVERIFY(report.ok());
        auto records = store::utteranceRecords(*report);
        auto s = store();
        QVERIFY(s->addDataset(store::datasetRecord(*report, "demo clean"), records).ok());
        QVERIFY(s->addVariant({0, "tiny-fp32", kFixtures + "en", test::fileText(kFixtures + "en/voxbench-model.json")}).ok());
        QVERIFY(s->addVariant({0, "tiny-int8", kFixtures + "en-int8", test::fileText(kFixtures + "en-int8/voxbench-model.json")}).ok());
        const std::string kws = VOXBENCH_SOURCE_DIR "/resources/demo/kws/models/teacher";
        QVERIFY(s->addVariant({0, "kws-teacher", kws, test::fileText(kws + "/voxbench-kws.json")}).ok());
    }

    void showsTheSelectedUtterancesAudio()
    {
        app::IssueModel issues;
        ui::MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* data = static_cast<ui::DataPage*>(window.page(QStringLiteral("data")));
        QSignalSpy audioShown(data, &ui::DataPage::audioShown);
        openProject(window, m_project);
        QVERIFY(audioShown.wait(60000)); // the first utterance is selected once the table fills
        data->utteranceView()->selectRow(3);
        QTRY_COMPARE_WITH_TIMEOUT(audioShown.last().at(0).toString(), QStringLiteral("clean-003"), 60000);

        const auto& audio = data->audioView()->audio();
        QVERIFY(data->audioView()->hasAudio());
        const auto records = store()->utterances(store()->datasets()->front().id).value();
        auto decoded = vox::audio::decodeAudio(records[3].audioPath);
        QVERIFY(decoded.ok());
        QCOMPARE(audio.samples.size(), decoded->samples.size());
        QCOMPARE(audio.melBins, 80);
        QCOMPARE(audio.melFrames, int((audio.samples.size() + 159) / 160)); // Whisper drops the STFT's last frame
        QCOMPARE(data->audioView()->spectrogramImage().size(), QSize(audio.melFrames, 80));
        QVERIFY(audio.wav.startsWith("RIFF"));
        QCOMPARE(audio.wav.size(), qsizetype(44 + 2 * audio.samples.size()));
        QVERIFY(data->audioView()->playButton()->isEnabled());
        QVERIFY(!data->audioView()->player()); // no sound server is touched until Play
    }

    void runsTwoVariantsOnTenUtterancesAndShowsTheirResults()
    {
        app::IssueModel issues;
        ui::MainWindow window(&issues);
        QAbstractItemModelTester runTester(window.session()->runs(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        openProject(window, m_project);

        auto* runs = static_cast<ui::RunsPage*>(window.page(QStringLiteral("runs")));
        QCOMPARE(runs->variantList()->count(), 3);
        QVERIFY(!(runs->variantList()->item(2)->flags() & Qt::ItemIsUserCheckable)); // the KWS package
        QVERIFY(!runs->runButton()->isEnabled());
        checkVariants(runs, {QStringLiteral("tiny-fp32"), QStringLiteral("tiny-int8")});
        setSpin(runs, "limitSpin", 10);
        setSpin(runs, "warmupSpin", 1);
        setSpin(runs, "maxTokensSpin", 24);
        QVERIFY(runs->runButton()->isEnabled());

        StallMeter stalls;
        QSignalSpy idle(window.session()->queue(), &app::RunQueue::idle);
        QSignalSpy batches(window.session()->queue(), &app::RunQueue::batchDone);
        QTest::mouseClick(runs->runButton(), Qt::LeftButton);
        QVERIFY(idle.wait(240000));
        qInfo("longest stall of the UI event loop while two runs of ten utterances ran: %lld ms (goal: under 50 ms)",
              stalls.longestMs());
        QVERIFY(batches.size() >= 20); // batch 1: one signal per utterance per run

        // The Runs page: both finished, ten of ten.
        QCOMPARE(window.session()->runs()->rowCount(), 2);
        for (const auto& r : window.session()->runs()->runs()) {
            QCOMPARE(r.status, run::RunStatus::Finished);
            QCOMPARE(r.done, qint64(10));
            QCOMPARE(r.total, qint64(10));
            QVERIFY(r.notComparable.isEmpty());
        }
        QCOMPARE(app::RunListModel::statusText(window.session()->runs()->runs()[0]), QStringLiteral("finished"));
        QVERIFY(!runs->cardView()->toPlainText().isEmpty());
        QVERIFY(runs->cardView()->toPlainText().contains(QStringLiteral("\"max_tokens\": 24")));

        // The Results page compares them, the first (fp32) as the baseline.
        auto* results = static_cast<ui::ResultsPage*>(window.page(QStringLiteral("results")));
        QAbstractItemModelTester summaryTester(results->summaryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester resultsTester(results->utteranceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(results->utteranceFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(results->comparison() && results->comparison()->data.runs.size() == 2
                                     && results->comparison()->data.runs[1].withResult == 10, 60000);
        const auto runIds = results->checkedRuns();
        QCOMPARE(runIds.size(), 2);

        // The summary equals core's own, computed here from the store.
        auto* summary = results->summaryModel();
        QCOMPARE(summary->rowCount(), 2);
        auto s = store();
        for (int row = 0; row < 2; ++row) {
            auto expected = run::summarizeRun(*s, runIds[row], "whisper-en");
            QVERIFY(expected.ok());
            QCOMPARE(summary->index(row, app::RunSummaryModel::WerColumn).data().toString(), app::formatInterval(expected->wer));
            QCOMPARE(summary->index(row, app::RunSummaryModel::CerColumn).data().toString(), app::formatInterval(expected->cer));
            QCOMPARE(summary->index(row, app::RunSummaryModel::ScoredColumn).data().toString(), QStringLiteral("10 of 10"));
            auto none = run::summarizeRun(*s, runIds[row], "none");
            QCOMPARE(summary->index(row, app::RunSummaryModel::WerNoneColumn).data().toString(),
                     app::formatPercent(none->wer->estimate));
        }

        // The per-utterance table: ten rows; each hypothesis is the stored one; WER from the diff.
        auto* model = results->utteranceModel();
        QCOMPARE(model->rowCount(), 10);
        QCOMPARE(model->columnCount(), 3 + 2 * 3);
        QCOMPARE(model->headerData(app::UtteranceResultsModel::column(1, app::UtteranceResultsModel::HypothesisColumn),
                                   Qt::Horizontal).toString(), QStringLiteral("tiny-int8"));
        auto stored = s->results(runIds[1]);
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), size_t(10));
        auto normalizer = text::makeNormalizer("whisper-en").value();
        int changed = 0, withErrors = 0;
        for (int row = 0; row < 10; ++row) {
            const auto* r = model->rowAt(row);
            QCOMPARE(r->utteranceId, stored->at(size_t(row)).utteranceId);
            QCOMPARE(model->index(row, app::UtteranceResultsModel::column(1, app::UtteranceResultsModel::HypothesisColumn))
                         .data().toString().toStdString(), stored->at(size_t(row)).hypothesis);
            const auto& cell = r->cells[1];
            const auto diff = run::wordDiff(normalizer->normalize(r->reference), normalizer->normalize(cell.hypothesis));
            QCOMPARE(cell.diff.size(), diff.size());
            changed += normalizer->normalize(r->cells[0].hypothesis) != normalizer->normalize(cell.hypothesis);
            withErrors += r->cells[0].counts.errors() > 0 || cell.counts.errors() > 0;
        }

        // Filters: errors only, changed against the baseline, worst 3, text.
        results->filterCombo()->setCurrentIndex(1);
        QCOMPARE(results->utteranceFilter()->rowCount(), withErrors);
        results->filterCombo()->setCurrentIndex(2);
        QCOMPARE(results->utteranceFilter()->rowCount(), changed);
        results->filterCombo()->setCurrentIndex(3);
        QCOMPARE(results->utteranceFilter()->rowCount(), 10 < 20 ? 10 : 20);
        results->utteranceFilter()->setMode(app::UtteranceResultsFilter::Mode::WorstN, 3);
        QCOMPARE(results->utteranceFilter()->rowCount(), 3);
        results->filterCombo()->setCurrentIndex(0);
        results->utteranceFilter()->setText(QString::fromStdString(model->rowAt(4)->uttId));
        QCOMPARE(results->utteranceFilter()->rowCount(), 1);
        results->utteranceFilter()->setText({});

        // The diff of the fifth utterance, on the Results page and the Diff page alike.
        results->utteranceView()->selectRow(4);
        const auto* row = model->rowAt(4);
        auto* diffPage = window.page(QStringLiteral("diff"))->findChild<ui::DiffView*>(QStringLiteral("diffPageView"));
        QVERIFY(diffPage);
        const QString text = diffPage->text();
        QVERIFY2(text.startsWith(QString::fromStdString(row->uttId) + QLatin1Char('\n')), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("tiny-fp32 (")));
        QVERIFY(text.contains(QStringLiteral("tiny-int8 (")));
        QVERIFY(text.contains(QStringLiteral("\nREF: ")) && text.contains(QStringLiteral("\nHYP: ")));
        QCOMPARE(diffPage->html(), results->diffView()->html());
        const QString plain = diffPage->browser()->toPlainText();
        QVERIFY(plain.contains(QStringLiteral("Reference: ") + QString::fromStdString(row->reference)));
        diffPage->setAgainstBaseline(true);
        QVERIFY(diffPage->text().contains(QStringLiteral("tiny-int8 vs tiny-fp32")));
        QVERIFY(!diffPage->text().contains(QStringLiteral("\ntiny-fp32 (")));

        // The charts: the summary's figures, one latency point and one histogram count per scored
        // utterance, the Pareto front among the points; the report folder holds everything.
        auto* charts = static_cast<ui::ChartsPage*>(window.page(QStringLiteral("charts")));
        const auto& data = charts->data();
        QCOMPARE(data.wer.labels, (QStringList{QStringLiteral("tiny-fp32"), QStringLiteral("tiny-int8")}));
        for (int k = 0; k < 2; ++k) {
            const auto& r = results->comparison()->data.runs[size_t(k)];
            QCOMPARE(data.wer.values[k], 100 * r.wer->estimate);
            QCOMPARE(data.wer.low[k], 100 * r.wer->low);
            QCOMPARE(data.cer.high[k], 100 * r.cer->high);
            QCOMPARE(data.msPerUtterance.values[k], r.meanMs);
            QCOMPARE(data.realTimeFactor.values[k], r.realTimeFactor);
            QCOMPARE(data.latency[k].size(), qsizetype(10));
            int counted = 0;
            for (int n : data.times.counts[k])
                counted += n;
            QCOMPARE(counted, 10);
        }
        QVERIFY(!data.pareto.isEmpty() && data.pareto.size() <= 2);
        QVERIFY(data.notes.join(QLatin1Char('\n')).contains(QStringLiteral("tiny-int8: cpu")));
        QCOMPARE(charts->plot(ui::ChartsPage::AccuracyChart)->plottableCount(), 4); // 2 bar series + whiskers
        QTemporaryDir reportDir;
        const auto written = charts->exportReport(reportDir.path());
        QVERIFY2(written.ok() && !written->isEmpty(), written ? "" : written.error().describe().c_str());
        QDir report(reportDir.path());
        for (const char* name : {"wer-cer.png", "wer-cer.svg", "wer-cer.pdf", "speed-accuracy.svg", "time-histogram.pdf",
                                 "summary.csv", "summary.json", "summary.md", "summary.tex", "utterances.csv",
                                 "README.md"})
            QVERIFY2(QFileInfo(report.filePath(QString::fromLatin1(name))).size() > 0, name);
        QFile svg(report.filePath(QStringLiteral("wer-cer.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QFile json(report.filePath(QStringLiteral("utterances.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(json.readAll()).array().size(), qsizetype(10));
        for (qint64 id : runIds)
            QVERIFY(QFileInfo::exists(report.filePath(QStringLiteral("run-%1-card.json").arg(id))));

        // The normalizer changes what is scored.
        QSignalSpy shown(results, &ui::ResultsPage::comparisonShown);
        results->normalizerCombo()->setCurrentIndex(0);
        QVERIFY(shown.wait(60000));
        QCOMPARE(results->comparison()->data.normalizer.rfind("none@", 0), size_t(0));
    }

    void pausesAndResumesFromTheRunsPage()
    {
        app::IssueModel issues;
        ui::MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        openProject(window, m_project);
        auto* runs = static_cast<ui::RunsPage*>(window.page(QStringLiteral("runs")));
        QSignalSpy reloaded(runs, &ui::RunsPage::runsReloaded);
        QVERIFY(reloaded.wait(60000) || window.session()->runs()->rowCount() == 2);
        checkVariants(runs, {QStringLiteral("tiny-fp32")});
        setSpin(runs, "limitSpin", 20);
        setSpin(runs, "warmupSpin", 0);
        setSpin(runs, "maxTokensSpin", 24);
        auto* queue = window.session()->queue();
        // Pause once the second utterance is in (the worker may finish another batch or two
        // before the click reaches it: pausing acts between batches).
        connect(queue, &app::RunQueue::batchDone, runs, [runs](const app::RunBatch& b) {
            if (b.progress.done == 2)
                QTest::mouseClick(runs->findChild<QPushButton*>(QStringLiteral("pauseButton")), Qt::LeftButton);
        });
        QSignalSpy stopped(queue, &app::RunQueue::runStopped);
        QTest::mouseClick(runs->runButton(), Qt::LeftButton);
        QVERIFY(stopped.wait(120000));
        QCOMPARE(stopped.at(0).at(1).value<run::RunStatus>(), run::RunStatus::Paused);
        const qint64 runId = stopped.at(0).at(0).toLongLong();
        QTRY_VERIFY(window.session()->runs()->rowOf(runId) >= 0);
        runs->runView()->selectRow(window.session()->runs()->rowOf(runId));
        const qint64 doneWhenPaused = window.session()->runs()->run(runId)->done;
        QVERIFY2(doneWhenPaused >= 2 && doneWhenPaused < 20, qPrintable(QString::number(doneWhenPaused)));
        QCOMPARE(store()->results(runId)->size(), size_t(doneWhenPaused));
        auto* resume = runs->findChild<QPushButton*>(QStringLiteral("resumeButton"));
        QVERIFY(resume->isEnabled());
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(stopped.wait(120000));
        QCOMPARE(stopped.at(1).at(1).value<run::RunStatus>(), run::RunStatus::Finished);
        QCOMPARE(window.session()->runs()->run(runId)->done, qint64(20));
        QCOMPARE(store()->results(runId)->size(), size_t(20));
        QTRY_COMPARE(runs->cardView()->toPlainText().count(QStringLiteral("\"started_at\"")), qsizetype(2)); // two sessions
    }

    void offersToResumeAnInterruptedRun()
    {
        // A run whose process died: results for two utterances, its status still "running".
        run::RunSettings settings;
        settings.limit = 5;
        settings.warmup = 0;
        settings.maxTokens = 24;
        const auto variants = store()->variants().value();
        const qint64 runId = run::createRun(*store(), variants[0].id, store()->datasets()->front().id, settings).value();
        run::RunControl control;
        run::RunEvents events;
        events.onResults = [&](const auto&, const run::RunProgress& p) { control.pause = p.done >= 2; };
        QCOMPARE(run::executeRun(m_project.toStdString(), runId, control, events).status, run::RunStatus::Paused);
        QVERIFY(store()->setRunStatus(runId, "running").ok());

        app::IssueModel issues;
        ui::MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        openProject(window, m_project);
        auto* runs = static_cast<ui::RunsPage*>(window.page(QStringLiteral("runs")));
        QTRY_VERIFY(window.session()->runs()->rowOf(runId) >= 0);
        const auto* info = window.session()->runs()->run(runId);
        QCOMPARE(app::RunListModel::statusText(*info), QStringLiteral("interrupted"));
        runs->runView()->selectRow(window.session()->runs()->rowOf(runId));
        auto* resume = runs->findChild<QPushButton*>(QStringLiteral("resumeButton"));
        QVERIFY(resume->isEnabled());
        QSignalSpy stopped(window.session()->queue(), &app::RunQueue::runStopped);
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(stopped.wait(120000));
        QCOMPARE(stopped.at(0).at(1).value<run::RunStatus>(), run::RunStatus::Finished);
        QCOMPARE(store()->results(runId)->size(), size_t(5));
    }
};

QTEST_MAIN(TestWorkbenchRun)
#include "tst_workbench_run.moc"
