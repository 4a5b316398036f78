// The workbench on the demo project, offscreen, as README command (1) opens it: the demo's fp32
// and int8 Whisper variants run on the first ten clean utterances from the Runs page; the
// Results page, the Diff view and the charts then show a trained model's figures. A copy of the
// project is used, so the build's demo project stays as the build made it.
#include "app/issues/issue_model.h"
#include "app/results/summary_model.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"
#include "ui/pages/charts_page.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/results_page.h"
#include "ui/pages/run_settings_form.h"
#include "ui/pages/runs_page.h"
#include "ui/window/main_window.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace vox;

class TestDemoWorkbench : public QObject {
    Q_OBJECT

private slots:
    void runsTheDemoVariantsAndShowsTrainedFigures()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("demo.voxbench"));
        QVERIFY(QFile::copy(QStringLiteral(VOXBENCH_DEMO_DIR "/demo.voxbench"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);

        app::IssueModel issues;
        ui::MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(window.session(), &app::ProjectSession::opened);
        window.session()->open(project);
        QVERIFY(opened.wait(10000));

        auto* runs = static_cast<ui::RunsPage*>(window.page(QStringLiteral("runs")));
        int checked = 0;
        for (int i = 0; i < runs->variantList()->count(); ++i) {
            auto* item = runs->variantList()->item(i);
            const QString name = item->text().section(QLatin1Char(' '), 0, 0);
            if (name == QLatin1String("whisper-demo-fp32") || name == QLatin1String("whisper-demo-int8")) {
                item->setCheckState(Qt::Checked);
                ++checked;
            }
        }
        QCOMPARE(checked, 2);
        QCOMPARE(runs->datasetCombo()->currentText(), QStringLiteral("demo clean"));
        runs->settingsForm()->findChild<QSpinBox*>(QStringLiteral("limitSpin"))->setValue(10);

        QElapsedTimer clock;
        qint64 longest = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, this, [&] { longest = std::max(longest, clock.restart()); });
        clock.start();
        tick.start(5);
        QSignalSpy idle(window.session()->queue(), &app::RunQueue::idle);
        QTest::mouseClick(runs->runButton(), Qt::LeftButton);
        QVERIFY(idle.wait(300000));
        tick.stop();
        qInfo("longest stall of the UI event loop while the demo's fp32 and int8 ran ten utterances each: %lld ms "
              "(goal: under 50 ms)", longest);
        for (const auto& r : window.session()->runs()->runs())
            QCOMPARE(r.status, run::RunStatus::Finished);

        auto* results = static_cast<ui::ResultsPage*>(window.page(QStringLiteral("results")));
        QTRY_VERIFY_WITH_TIMEOUT(results->comparison() && results->comparison()->data.runs.size() == 2
                                     && results->comparison()->data.runs[1].withResult == 10, 20000);
        const auto& fp32 = results->comparison()->data.runs[0];
        const auto& int8 = results->comparison()->data.runs[1];
        QCOMPARE(fp32.variant, std::string("whisper-demo-fp32"));
        QVERIFY2(fp32.wer && fp32.wer->estimate <= 0.20, qPrintable(QString::number(fp32.wer->estimate)));
        QVERIFY2(int8.wer && int8.wer->estimate <= fp32.wer->estimate + 0.10, qPrintable(QString::number(int8.wer->estimate)));
        QCOMPARE(results->utteranceModel()->rowCount(), 10);
        // A trained model: a good share of the hypotheses are the reference exactly (3 of these 10
        // with the committed model, whose WER on them is about 13 %).
        int exact = 0;
        for (int row = 0; row < 10; ++row)
            exact += results->utteranceModel()->rowAt(row)->cells[0].counts.errors() == 0;
        QVERIFY2(exact >= 3, qPrintable(QString::number(exact)));

        results->utteranceView()->selectRow(0);
        const QString diff = results->diffView()->text();
        QVERIFY(diff.contains(QStringLiteral("whisper-demo-fp32 (")) && diff.contains(QStringLiteral("whisper-demo-int8 (")));

        auto* charts = static_cast<ui::ChartsPage*>(window.page(QStringLiteral("charts")));
        QCOMPARE(charts->data().wer.values[0], 100 * fp32.wer->estimate);
        QVERIFY(charts->data().msPerUtterance.values[0] > 0);
    }
};

QTEST_MAIN(TestDemoWorkbench)
#include "tst_demo_workbench.moc"
