// The Keyword spotting page offscreen: the demo teacher and student-gru16-int8 run from the Runs
// page on the demo's clips and its ten-minute stream; the page's curve points and areas equal
// kws::faFrCurve on the stored probabilities, the threshold slider re-scores the clips and the
// stream's detections exactly as core computes them at that threshold, and the cost ratios are
// the counted MACs' and the measured times' ratios. Every new model runs under
// QAbstractItemModelTester.
#include "tests/support/file_text.h"
#include "app/format/numbers.h"
#include "app/issues/issue_model.h"
#include "app/kws/kws_clip_model.h"
#include "app/kws/kws_models.h"
#include "app/kws/kws_session.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"
#include "core/dataset/dataset_import.h"
#include "core/kws/package.h"
#include "core/store/dataset_records.h"
#include "core/store/package_records.h"
#include "ui/pages/kws_page.h"
#include "ui/pages/run_checklist.h"
#include "ui/pages/run_settings_form.h"
#include "ui/pages/runs_page.h"
#include "ui/window/main_window.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <qcustomplot.h>

using namespace vox;

namespace {

const std::string kKws = VOXBENCH_SOURCE_DIR "/resources/demo/kws/";

void importInto(store::ProjectStore& s, const std::string& manifest, const std::string& name)
{
    auto report = dataset::importDataset(manifest);
    QVERIFY2(report.ok(), report ? "" : report.error().describe().c_str());
    auto records = store::utteranceRecords(*report);
    QVERIFY(s.addDataset(store::datasetRecord(*report, name), records).ok());
}

// Runs `variants` over the dataset named `dataset` from the Runs page, and waits for them.
void runFromThePage(ui::MainWindow& window, const QString& dataset, const QStringList& variants)
{
    auto* runs = static_cast<ui::RunsPage*>(window.page(QStringLiteral("runs")));
    runs->datasetCombo()->setCurrentIndex(runs->datasetCombo()->findText(dataset));
    QCOMPARE(runs->datasetCombo()->currentText(), dataset);
    int checked = 0;
    for (int i = 0; i < runs->variantList()->count(); ++i) {
        auto* item = runs->variantList()->item(i);
        const QString name = item->text().section(QLatin1Char(' '), 0, 0);
        if (variants.contains(name)) {
            QVERIFY2(item->flags() & Qt::ItemIsUserCheckable, qPrintable(name)); // a KWS dataset takes KWS packages
            item->setCheckState(Qt::Checked);
            ++checked;
        } else if (item->flags() & Qt::ItemIsUserCheckable) {
            item->setCheckState(Qt::Unchecked);
        }
    }
    QCOMPARE(checked, int(variants.size()));
    QSignalSpy idle(window.session()->queue(), &app::RunQueue::idle);
    QTest::mouseClick(runs->runButton(), Qt::LeftButton);
    QVERIFY(idle.wait(400000));
}

// The stored keyword probabilities of a run, as core's curve functions take them.
std::vector<kws::ScoredClip> storedClips(store::ProjectStore& s, qint64 runId, const std::string& keyword)
{
    const auto run = s.run(runId).value();
    std::map<int64_t, std::string> labelOf;
    for (const auto& u : s.utterances(run.datasetId).value())
        labelOf[u.id] = u.reference;
    std::vector<kws::ScoredClip> out;
    for (const auto& r : s.results(runId).value()) {
        const auto j = nlohmann::json::parse(r.outputJson);
        out.push_back({j.at("keyword_probability").get<double>(), labelOf[r.utteranceId] == keyword});
    }
    return out;
}

} // namespace

class TestKwsPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("kws.voxbench"));
        auto s = std::move(store::ProjectStore::open(m_project.toStdString()).value());
        importInto(*s, kKws + "clips.json", "kws clips");
        importInto(*s, kKws + "stream.json", "kws stream");
        for (const char* name : {"teacher", "student-gru16-int8"}) {
            auto v = store::variantFromPackage(kKws + "models/" + name);
            QVERIFY2(v.ok(), v ? "" : v.error().describe().c_str());
            QVERIFY(s->addVariant(*v).ok());
        }
    }

    void comparesTheTeacherAndAStudent()
    {
        app::IssueModel issues;
        ui::MainWindow window(&issues);
        auto* kws = window.keywordSpotting();
        QAbstractItemModelTester summaryTester(kws->summaryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester costTester(kws->costModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester clipTester(kws->clipModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(kws->clipFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(window.session(), &app::ProjectSession::opened);
        window.session()->open(m_project);
        QVERIFY(opened.wait(60000));
        runFromThePage(window, QStringLiteral("kws clips"), {QStringLiteral("teacher"), QStringLiteral("student-gru16-int8")});
        runFromThePage(window, QStringLiteral("kws stream"), {QStringLiteral("teacher"), QStringLiteral("student-gru16-int8")});
        for (const auto& r : window.session()->runs()->runs())
            QCOMPARE(r.status, run::RunStatus::Finished);

        // The page compares all four runs, the teacher (most parameters) first.
        auto* page = static_cast<ui::KwsPage*>(window.page(QStringLiteral("kws")));
        window.showPage(QStringLiteral("kws"));
        QTRY_VERIFY_WITH_TIMEOUT(kws->entries() && kws->entries()->size() == 4 && !kws->isLoading(), 60000);
        const auto entries = kws->entries();
        QCOMPARE(QString::fromStdString((*entries)[0].data.variant), QStringLiteral("teacher"));
        QCOMPARE(page->runList()->count(), 4);
        QCOMPARE(kws->summaryModel()->rowCount(), 4);

        // Curves and areas: core's own, from the stored probabilities.
        auto s = std::move(store::ProjectStore::open(m_project.toStdString()).value());
        int clipRuns = 0;
        for (const auto& e : *entries) {
            if (e.data.clips.empty())
                continue;
            ++clipRuns;
            const auto expected = kws::faFrCurve(storedClips(*s, e.data.run.id, e.data.package.keyword));
            QVERIFY(expected.defined());
            QCOMPARE(e.summary.curve.points.size(), expected.points.size());
            for (size_t i = 0; i < expected.points.size(); ++i) {
                QCOMPARE(e.summary.curve.points[i].falseAlarmRate, expected.points[i].falseAlarmRate);
                QCOMPARE(e.summary.curve.points[i].falseRejectRate, expected.points[i].falseRejectRate);
            }
            QCOMPARE(e.summary.curve.area, expected.area);
            qInfo("%s: area %.6g over %d clips", e.data.variant.c_str(), expected.area, int(e.data.clips.size()));
        }
        QCOMPARE(clipRuns, 2);
        QCOMPARE(page->plot(ui::KwsPage::CurveChart)->plottableCount(), 4); // a curve and a point per clip run
        QCOMPARE(kws->clipModel()->rowCount(), 290);
        QCOMPARE(kws->clipModel()->columnCount(), 2 + 2 * 2);

        // The slider: at 0.5 the clips and the stream are scored as core scores them at 0.5.
        page->thresholdSlider()->setValue(ui::KwsPage::kSliderSteps / 2);
        QCOMPARE(kws->threshold().value_or(-1), 0.5);
        for (int row = 0; row < 4; ++row) {
            const auto& e = (*kws->entries())[size_t(row)];
            if (!e.data.clips.empty()) {
                const auto at = kws::operatingPoint(storedClips(*s, e.data.run.id, e.data.package.keyword), 0.5);
                QCOMPARE(e.live.clips.falseAlarms, at.falseAlarms);
                QCOMPARE(e.live.clips.falseRejects, at.falseRejects);
                QCOMPARE(kws->summaryModel()->index(row, app::KwsSummaryModel::FaRateColumn).data().toString(),
                         QStringLiteral("%1 (%2)").arg(app::formatPercent(at.falseAlarmRate)).arg(at.falseAlarms));
            } else {
                QCOMPARE(e.data.streams.size(), size_t(1));
                const auto& stream = e.data.streams.front();
                kws::DetectionSettings settings = e.data.package.detection;
                settings.threshold = 0.5;
                const auto detections = kws::detectKeyword(stream.scores, stream.chunkSeconds, settings);
                const auto match = kws::matchDetections(detections, stream.keywords, settings.toleranceSeconds);
                QCOMPARE(e.live.streams.front().detections.size(), detections.size());
                QCOMPARE(e.live.hits, match.hits);
                QCOMPARE(e.live.falseAlarms, match.falseAlarms);
                QCOMPARE(e.live.keywords, 35); // the demo stream's keywords
            }
        }
        // Lower threshold, more false alarms: at 0.05 at least as many as at 0.5.
        const int falseAt05 = (*kws->entries())[0].live.clips.falseAlarms;
        page->thresholdSlider()->setValue(50);
        QVERIFY((*kws->entries())[0].live.clips.falseAlarms >= falseAt05);
        page->clipFilterCombo()->setCurrentIndex(1); // false alarms
        int expectedRows = 0;
        for (int row = 0; row < kws->clipModel()->rowCount(); ++row)
            for (int run = 0; run < 2; ++run)
                if (kws->clipModel()->outcome(row, run) == app::ClipOutcome::FalseAlarm) {
                    ++expectedRows;
                    break;
                }
        QCOMPARE(kws->clipFilter()->rowCount(), expectedRows);
        page->clipFilterCombo()->setCurrentIndex(0);

        // Cost: the student's ratios to the teacher are the counted MACs' and the measured times'.
        for (int row = 1; row < 4; ++row) {
            const auto& e = (*kws->entries())[size_t(row)];
            if (e.baseline < 0 || e.baseline == row)
                continue;
            const auto& base = (*kws->entries())[size_t(e.baseline)];
            QVERIFY(e.summary.cost && base.summary.cost);
            QCOMPARE(*e.ratios.macs, base.summary.cost->macsPerSecond / e.summary.cost->macsPerSecond);
            const double ms = e.data.clips.empty() ? e.summary.msPerChunk : e.summary.msPerClip;
            const double baseMs = e.data.clips.empty() ? base.summary.msPerChunk : base.summary.msPerClip;
            QCOMPARE(*e.ratios.speed, baseMs / ms);
            QVERIFY(kws->costModel()->index(row, app::KwsCostModel::MacsRatioColumn).data().toString().startsWith(QStringLiteral("×")));
            qInfo("%s over %s: %s", e.data.variant.c_str(), e.data.card.datasetName.c_str(), run::describeRatios(e.ratios).c_str());
        }

        // For a person to look at: VOXBENCH_SCREENSHOT_DIR=DIR saves the page with the curves and
        // with the timeline.
        if (const QString shots = qEnvironmentVariable("VOXBENCH_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.resize(1400, 900);
            page->thresholdSlider()->setValue(900);
            QTest::qWait(200);
            QVERIFY(window.grab().save(shots + QStringLiteral("/kws-curves.png")));
            page->charts()->setCurrentIndex(ui::KwsPage::TimelineChart);
            page->findChild<QTabWidget*>(QStringLiteral("kwsTables"))->setCurrentIndex(1);
            QTest::qWait(200);
            QVERIFY(window.grab().save(shots + QStringLiteral("/kws-timeline-cost.png")));
        }
        QCOMPARE(issues.count(app::Issue::Severity::Error), 0);
    }
};

QTEST_MAIN(TestKwsPage)
#include "tst_kws_page.moc"
