// Opening a project in the main window: the store is read off the UI thread, the Data and
// Variants pages list what it holds, demo models are labelled as such, and a project that cannot
// be read is reported in the Issues dock instead of stopping the app.
#include "app/issues/issue_model.h"
#include "app/project/project_models.h"
#include "app/project/project_summary.h"
#include "core/store/project_store.h"
#include "app/project/utterance_model.h"
#include "app/session/project_session.h"
#include "app/settings/settings_keys.h"
#include "ui/pages/data_page.h"
#include "ui/pages/table_page.h"
#include "ui/window/main_window.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <fstream>

using vox::app::IssueModel;
using vox::ui::MainWindow;
using vox::ui::TablePage;

namespace {

// A project with one dataset of three utterances and two variants, one a demo model whose
// package folder exists (with a 1000-byte file), one whose folder is gone.
QString makeProject(const QTemporaryDir& dir)
{
    const std::string root = dir.path().toStdString();
    std::filesystem::create_directories(root + "/pkg-demo");
    std::ofstream(root + "/pkg-demo/model.pt", std::ios::binary) << std::string(1000, 'x');
    auto store = vox::store::ProjectStore::open(root + "/p.voxbench");
    if (!store)
        qFatal("%s", store.error().describe().c_str());
    std::vector<vox::store::UtteranceRecord> utts(3);
    for (int i = 0; i < 3; ++i) {
        utts[size_t(i)].uttId = "u" + std::to_string(i);
        utts[size_t(i)].audioPath = root + "/a.flac";
        utts[size_t(i)].duration = 2.0 + i;
        utts[size_t(i)].reference = "set an alarm";
    }
    if (!(*store)->addDataset({0, "demo clean", root + "/clean.json", "nemo", "", "{}", 0}, utts))
        qFatal("addDataset");
    const std::string demo = R"({"family":"whisper","parameter_count":8123456,
        "variant":{"kind":"int8","description":"dynamic int8"},
        "source":{"kind":"openai-checkpoint","demo":true,"description":"trained here on synthetic speech"}})";
    if (!(*store)->addVariant({0, "whisper-demo-int8", root + "/pkg-demo", demo}))
        qFatal("addVariant");
    if (!(*store)->addVariant({0, "gone", root + "/pkg-gone", R"({"family":"kws-crnn","variant":{"kind":"fp32"}})"}))
        qFatal("addVariant");
    return dir.path() + QStringLiteral("/p.voxbench");
}

} // namespace

class TestProjectOpen : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("VoxBenchTest"));
        QApplication::setApplicationName(QStringLiteral("tst_project_open"));
        QSettings().clear();
    }

    void summaryReadsTheStore()
    {
        QTemporaryDir dir;
        const auto read = vox::app::readProjectSummary(makeProject(dir));
        QVERIFY2(read.ok(), read ? "" : read.error().describe().c_str());
        const auto& summary = *read;
        QCOMPARE(summary.datasets.size(), 1);
        QCOMPARE(summary.datasets[0].utterances, 3);
        QCOMPARE(summary.datasets[0].seconds, 9.0);
        QCOMPARE(summary.variants.size(), 2);
        const auto& demo = summary.variants[0];
        QCOMPARE(demo.family, QStringLiteral("whisper"));
        QCOMPARE(demo.kind, QStringLiteral("int8"));
        QCOMPARE(demo.parameters, 8123456);
        QCOMPARE(demo.bytesOnDisk, 1000);
        QVERIFY(demo.demo);
        QCOMPARE(summary.variants[1].bytesOnDisk, -1);
        QVERIFY(!summary.variants[1].demo);
        QVERIFY(summary.hasDemoVariants());
    }

    void windowShowsTheProjectWithoutBlocking()
    {
        QTemporaryDir dir;
        const QString path = makeProject(dir);
        IssueModel issues;
        MainWindow window(&issues);
        auto* session = window.session();
        QAbstractItemModelTester datasetTester(session->datasets(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester variantTester(session->variants(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QSignalSpy opened(session, &vox::app::ProjectSession::opened);
        session->open(path);
        // open() returned before the store was read: nothing is shown yet.
        QCOMPARE(session->variants()->rowCount(), 0);
        QVERIFY(opened.wait(10000));
        QCOMPARE(session->path(), path);
        // Remembered, newest first, and offered under File > Open Recent.
        QCOMPARE(vox::app::settings::recentProjects().get().value(0), path);
        auto* recent = window.findChild<QMenu*>(QStringLiteral("recentProjectsMenu"));
        QVERIFY(recent && recent->isEnabled());
        QCOMPARE(recent->actions().size(), 1);
        QVERIFY(recent->actions().at(0)->text().startsWith(QStringLiteral("p.voxbench")));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("p.voxbench")));

        QCOMPARE(session->datasets()->rowCount(), 1);
        const auto datasets = session->datasets();
        QCOMPARE(datasets->index(0, vox::app::DatasetTableModel::NameColumn).data().toString(), QStringLiteral("demo clean"));
        QCOMPARE(datasets->index(0, vox::app::DatasetTableModel::UtterancesColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(datasets->index(0, vox::app::DatasetTableModel::DurationColumn).data().toString(), QStringLiteral("9.0 s"));

        const auto variants = session->variants();
        QCOMPARE(variants->rowCount(), 2);
        QCOMPARE(variants->index(0, vox::app::VariantTableModel::NameColumn).data().toString(),
                 QStringLiteral("whisper-demo-int8 (demo)"));
        QCOMPARE(variants->index(0, vox::app::VariantTableModel::ParametersColumn).data().toString(), QStringLiteral("8,123,456"));
        QCOMPARE(variants->index(0, vox::app::VariantTableModel::SizeColumn).data().toString(), QStringLiteral("1.0 kB"));
        QCOMPARE(variants->index(1, vox::app::VariantTableModel::SizeColumn).data().toString(), QStringLiteral("missing"));
        QVERIFY(variants->index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("synthetic speech")));

        // The Data page reads the first dataset's utterances off the UI thread, then filters them.
        auto* data = qobject_cast<vox::ui::DataPage*>(window.page(QStringLiteral("data")));
        QVERIFY(data);
        QTRY_COMPARE(data->utteranceModel()->rowCount(), 3);
        QAbstractItemModelTester utteranceTester(data->utteranceFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(data->utteranceView()->model()->index(2, 0).data().toString(), QStringLiteral("u2"));
        data->filterEdit()->setText(QStringLiteral("u1"));
        QCOMPARE(data->utteranceFilter()->rowCount(), 1);
        data->filterEdit()->clear();
        QCOMPARE(data->utteranceFilter()->rowCount(), 3);

        auto* page = window.findChild<TablePage*>(QStringLiteral("variantsPage"));
        QVERIFY(page);
        QVERIFY(page->notice().contains(QStringLiteral("synthetic speech")));
        QVERIFY(page->view()->isVisibleTo(page));
    }

    void unreadableProjectIsReported()
    {
        QTemporaryDir dir;
        IssueModel issues;
        MainWindow window(&issues);
        QSignalSpy failed(window.session(), &vox::app::ProjectSession::openFailed);
        window.session()->open(dir.path() + QStringLiteral("/missing.voxbench"));
        QVERIFY(failed.wait(10000));
        QTRY_COMPARE(issues.count(vox::app::Issue::Severity::Error), 1);
        QString message;
        for (int row = 0; row < issues.rowCount(); ++row)
            if (issues.issueAt(row).severity == vox::app::Issue::Severity::Error)
                message = issues.issueAt(row).message;
        QVERIFY2(message.contains(QStringLiteral("Could not open the project")), qPrintable(message));
        QCOMPARE(window.session()->variants()->rowCount(), 0);
        QVERIFY(window.session()->path().isEmpty());
    }
};

QTEST_MAIN(TestProjectOpen)
#include "tst_project_open.moc"
