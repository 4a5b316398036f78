// The Profiler page offscreen: two runs (the fixture's tiny fp32 and int8 packages on demo
// utterances) are profiled from the page; the operator tables, the A -> B comparison (quantized
// linear operators added, aten::addmm removed), the WER/CER line, both charts, grouping by
// shapes, sorting, and the exports (charts, trace, tables) are checked; the profiles are
// stored, so a new window shows them without profiling again.
#include "tests/support/file_text.h"
#include "app/issues/issue_model.h"
#include "app/profile/operator_table_model.h"
#include "app/results/table_export.h"
#include "app/run/run_list_model.h"
#include "app/session/project_session.h"
#include "core/dataset/dataset_import.h"
#include "core/run/run_executor.h"
#include "core/store/dataset_records.h"
#include "ui/pages/profiler_page.h"
#include "ui/window/main_window.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <qcustomplot.h>

#include <fstream>

using namespace vox;

namespace {

const std::string kFixtures = VOXBENCH_FIXTURE_DIR "/whisper/packages/";


int rowNamed(const QAbstractItemModel* model, const QString& name)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data().toString() == name)
            return r;
    return -1;
}

} // namespace

class TestProfilerPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

    static ui::ProfilerPage* openOnProfiler(ui::MainWindow& window, const QString& project)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return nullptr;
        auto* page = static_cast<ui::ProfilerPage*>(window.page(QStringLiteral("profiler")));
        QSignalSpy shown(page, &ui::ProfilerPage::profilesShown);
        window.showPage(QStringLiteral("profiler"));
        window.session()->open(project);
        if (!shown.wait(60000))
            return nullptr;
        // Both runs' rows arrive with the runs list; wait for the read that has both.
        const bool both = QTest::qWaitFor([page] { return page->shown() && page->shown()->b; }, 60000);
        return both ? page : nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("profiles.voxbench"));
        auto report = dataset::importDataset(VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json");
        QVERIFY(report.ok());
        auto records = store::utteranceRecords(*report);
        auto s = std::move(store::ProjectStore::open(m_project.toStdString()).value());
        const auto dataset = s->addDataset(store::datasetRecord(*report, "demo clean"), records).value();
        const auto fp32 = s->addVariant({0, "tiny-fp32", kFixtures + "en", test::fileText(kFixtures + "en/voxbench-model.json")}).value();
        const auto int8 =
            s->addVariant({0, "tiny-int8", kFixtures + "en-int8", test::fileText(kFixtures + "en-int8/voxbench-model.json")}).value();
        run::RunSettings settings;
        settings.limit = 3;
        settings.warmup = 0;
        settings.maxTokens = 16;
        for (const auto variant : {fp32, int8}) {
            const auto id = run::createRun(*s, variant, dataset, settings).value();
            run::RunControl control;
            QCOMPARE(run::executeRun(m_project.toStdString(), id, control).status, run::RunStatus::Finished);
        }
    }

    void profilesTwoRunsFromThePage()
    {
        app::IssueModel issues;
        ui::MainWindow window(&issues);
        auto* page = openOnProfiler(window, m_project);
        QVERIFY(page);
        QAbstractItemModelTester testerA(page->operatorsA(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester testerC(page->comparisonModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The first two runs are chosen; neither has a profile yet.
        QCOMPARE(page->shown()->a.runId, qint64(1));
        QCOMPARE(page->shown()->b->runId, qint64(2));
        QVERIFY(!page->shown()->a.present());
        QVERIFY(page->summaryLabel()->text().contains(QStringLiteral("no profile yet")));
        QCOMPARE(page->operatorsA()->rowCount(), 0);

        page->findChild<QSpinBox*>(QStringLiteral("profileUtterances"))->setValue(2);
        auto* button = page->findChild<QPushButton*>(QStringLiteral("profileButton"));
        QVERIFY(button->isEnabled());
        QSignalSpy finished(page, &ui::ProfilerPage::captureFinished);
        QSignalSpy shown(page, &ui::ProfilerPage::profilesShown);
        // The UI keeps running while profiles are captured on another thread.
        QElapsedTimer clock;
        qint64 longest = 0;
        QTimer tick;
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, this, [&] { longest = std::max(longest, clock.restart()); });
        clock.start();
        tick.start();
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isEnabled());
        auto* cancel = page->findChild<QPushButton*>(QStringLiteral("profileCancelButton"));
        QVERIFY(cancel && cancel->isVisible()); // a capture can be stopped while it runs
        if (const QString shots = qEnvironmentVariable("VOXBENCH_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(window.grab().save(shots + QStringLiteral("/profiler-capturing.png")));
        QVERIFY(finished.wait(240000));
        tick.stop();
        qInfo("longest stall of the UI event loop while two profiles were captured: %lld ms", longest);
        QCOMPARE(finished.first().at(0).toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(page->shown() && page->shown()->a.present() && page->shown()->b->present(), 60000);
        QVERIFY(button->isEnabled());
        QVERIFY(!cancel->isVisible());

        const auto& a = *page->shown()->a.profile;
        const auto& b = *page->shown()->b->profile;
        QCOMPARE(a.info.utterances, int64_t(2));
        QCOMPARE(a.info.variant, std::string("tiny-fp32"));
        QVERIFY2(std::abs(a.accounted() - 1.0) <= 0.05, std::to_string(a.accounted()).c_str());
        QVERIFY2(std::abs(b.accounted() - 1.0) <= 0.05, std::to_string(b.accounted()).c_str());

        // Tables: A's operators, and the comparison with int8's quantized linear operators.
        QVERIFY(rowNamed(page->operatorsA(), QStringLiteral("aten::addmm")) >= 0);
        QCOMPARE(page->operatorsA()->rowCount(), int(a.byName.size()));
        const auto* changes = page->comparisonModel();
        const int added = rowNamed(changes, QStringLiteral("quantized::linear_dynamic"));
        const int removed = rowNamed(changes, QStringLiteral("aten::addmm"));
        QVERIFY(added >= 0 && removed >= 0);
        QCOMPARE(changes->index(added, app::ProfileComparisonModel::PresenceColumn).data().toString(), QStringLiteral("added"));
        QCOMPARE(changes->index(removed, app::ProfileComparisonModel::PresenceColumn).data().toString(), QStringLiteral("removed"));
        QVERIFY(changes->index(added, app::ProfileComparisonModel::ShareBColumn).data(app::ProfileComparisonModel::SortRole).toDouble() > 0);
        QVERIFY(changes->index(removed, app::ProfileComparisonModel::ShareAColumn).data(app::ProfileComparisonModel::SortRole).toDouble() > 0);
        // WER/CER next to the operator change.
        const QString summary = page->summaryLabel()->text();
        QVERIFY(summary.contains(QStringLiteral("tiny-fp32")) && summary.contains(QStringLiteral("tiny-int8")));
        QVERIFY(summary.contains(QStringLiteral("WER")) && summary.contains(QStringLiteral("B − A")));
        QVERIFY(summary.contains(QStringLiteral("overhead")));

        // Sorting by calls sorts numbers as numbers.
        auto* view = page->operatorView();
        view->sortByColumn(app::OperatorTableModel::CallsColumn, Qt::DescendingOrder);
        qlonglong previous = std::numeric_limits<qlonglong>::max();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const auto calls = view->model()->index(r, app::OperatorTableModel::CallsColumn)
                                   .data(app::OperatorTableModel::SortRole).toLongLong();
            QVERIFY(calls <= previous);
            previous = calls;
        }

        // Grouping by shapes: more rows, the shapes column shown.
        const int byName = page->operatorsA()->rowCount();
        QVERIFY(view->isColumnHidden(app::OperatorTableModel::ShapesColumn));
        page->shapesCheck()->setChecked(true);
        QVERIFY(page->operatorsA()->rowCount() > byName);
        QVERIFY(!view->isColumnHidden(app::OperatorTableModel::ShapesColumn));
        QVERIFY(!page->operatorsA()->index(0, app::OperatorTableModel::ShapesColumn).data().toString().isEmpty()
                || page->operatorsA()->index(0, 0).data().toString().startsWith(QLatin1Char('(')));
        page->shapesCheck()->setChecked(false);

        // Charts: the top operators of both, and the stages.
        QCOMPARE(page->plot(ui::ProfilerPage::TopChart)->plottableCount(), 2);
        QCOMPARE(page->plot(ui::ProfilerPage::StageChart)->plottableCount(), 2);
        auto* top = qobject_cast<QCPBars*>(page->plot(ui::ProfilerPage::TopChart)->plottable(0));
        QVERIFY(top && top->data()->size() >= 3);

        // For a person to look at: VOXBENCH_SCREENSHOT_DIR=DIR saves the comparison tab and the
        // stage chart as the page shows them.
        if (const QString shots = qEnvironmentVariable("VOXBENCH_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.resize(1280, 800);
            for (auto* tabs : page->findChildren<QTabWidget*>())
                tabs->setCurrentIndex(tabs->objectName() == QLatin1String("profileTables") ? 2 : 1);
            QTest::qWait(200);
            QVERIFY(window.grab().save(shots + QStringLiteral("/profiler-changes-stages.png")));
        }

        // Exports.
        QTemporaryDir out;
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = out.filePath(QStringLiteral("top.") + QLatin1String(suffix));
            const auto saved = page->exportChart(ui::ProfilerPage::TopChart, path);
            QVERIFY2(saved.ok(), saved ? "" : saved.error().describe().c_str());
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        const QString tracePath = out.filePath(QStringLiteral("trace.json"));
        QVERIFY(page->exportTrace(tracePath).ok());
        QFile traceFile(tracePath);
        QVERIFY(traceFile.open(QIODevice::ReadOnly));
        const auto trace = QJsonDocument::fromJson(traceFile.readAll());
        QVERIFY(trace.isObject());
        int addmm = 0;
        for (const auto& e : trace.object().value(QStringLiteral("traceEvents")).toArray())
            addmm += e.toObject().value(QStringLiteral("name")).toString() == QStringLiteral("aten::addmm");
        QVERIFY(addmm > 0);
        const QString csv = app::exportTable(*page->comparisonModel(), app::TableFormat::Csv);
        QVERIFY(csv.contains(QStringLiteral("quantized::linear_dynamic,added")));
    }

    void storedProfilesShowInANewWindow()
    {
        auto s = std::move(store::ProjectStore::open(m_project.toStdString()).value());
        QCOMPARE(s->operatorProfiles()->size(), size_t(2));
        app::IssueModel issues;
        ui::MainWindow window(&issues);
        auto* page = openOnProfiler(window, m_project);
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->shown()->a.present() && page->shown()->b->present(), 60000);
        QVERIFY(page->comparisonModel()->rowCount() > 0);
        // Only A: the comparison tab empties.
        page->showRuns(1, 0);
        QTRY_VERIFY_WITH_TIMEOUT(page->shown() && !page->shown()->b, 60000);
        QCOMPARE(page->comparisonModel()->rowCount(), 0);
        QCOMPARE(page->plot(ui::ProfilerPage::TopChart)->plottableCount(), 1);
    }
};

QTEST_MAIN(TestProfilerPage)
#include "tst_profiler_page.moc"
