// The main window offscreen: the product's pages, navigation, the Issues dock, the status bar,
// and window state that survives a restart.
#include "app/issues/issue_model.h"
#include "core/torch/torch_env.h"
#include "ui/issues/issues_dock.h"
#include "ui/pages/empty_state_page.h"
#include "ui/pages/first_contact.h"
#include "ui/pages/profiler_page.h"
#include "ui/window/environment_label.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QListWidget>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using vox::app::Issue;
using vox::app::IssueModel;
using vox::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("VoxBenchTest"));
        QApplication::setApplicationName(QStringLiteral("tst_main_window"));
        QSettings().clear();
    }

    void hasTheProductPagesInOrder()
    {
        IssueModel issues;
        MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QStringList expected{"data", "variants", "runs", "results", "diff", "charts", "kws", "profiler"};
        QCOMPARE(window.pageIds(), expected);

        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("pageNavigation"));
        auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("pageStack"));
        QVERIFY(navigation && stack);
        QCOMPARE(navigation->count(), 8);
        QCOMPARE(stack->count(), 8);
        QCOMPARE(navigation->item(0)->text(), QStringLiteral("Data"));
        QCOMPARE(navigation->item(6)->text(), QStringLiteral("Keyword spotting"));
        QCOMPARE(navigation->item(7)->text(), QStringLiteral("Profiler"));
        QCOMPARE(window.currentPageId(), QStringLiteral("data"));

        auto* profiler = qobject_cast<vox::ui::ProfilerPage*>(window.page(QStringLiteral("profiler")));
        QVERIFY(profiler);
        QVERIFY(profiler->findChild<QLabel*>() != nullptr);
        // Every page fits a 1000-pixel-wide window (the navigation list included).
        QVERIFY2(window.minimumSizeHint().width() <= 1000, qPrintable(QString::number(window.minimumSizeHint().width())));
    }

    void navigationSwitchesPages()
    {
        IssueModel issues;
        MainWindow window(&issues);
        window.show();
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("pageNavigation"));
        auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("pageStack"));

        const QRect resultsRect = navigation->visualItemRect(navigation->item(3));
        QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, resultsRect.center());
        QCOMPARE(window.currentPageId(), QStringLiteral("results"));
        QVERIFY(stack->currentWidget()->isAncestorOf(window.page(QStringLiteral("results"))));
        // No project: the page stands behind what to do first.
        auto* front = qobject_cast<vox::ui::FirstContact*>(stack->currentWidget());
        QVERIFY(front);
        QVERIFY(!front->showsPage());
        QVERIFY(front->panel()->description().contains(QStringLiteral("Open a project")));

        QVERIFY(window.showPage(QStringLiteral("charts")));
        QCOMPARE(navigation->currentRow(), 5);
        QVERIFY(!window.showPage(QStringLiteral("no-such-page")));
        QCOMPARE(window.currentPageId(), QStringLiteral("charts"));

        QApplication::setActiveWindow(&window); // shortcuts go to the active window
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.currentPageId(), QStringLiteral("variants"));
    }

    void issuesDockShowsIssuesAndOpensOnErrors()
    {
        IssueModel issues;
        MainWindow window(&issues);
        window.show();
        auto* dock = window.issuesDock();
        dock->hide();
        auto* button = window.findChild<QToolButton*>(QStringLiteral("issueButton"));
        QVERIFY(button);
        // The environment (and its BLAS warning) is read off the UI thread.
        auto* label = window.findChild<vox::ui::EnvironmentLabel*>(QStringLiteral("environmentLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(label->isRead(), 30000);
        // On a CPU that OpenBLAS runs with old kernels the window starts with that warning.
        const int base = vox::torchEnvironment().blasWarning.empty() ? 0 : 1;
        QCOMPARE(button->text(), QStringLiteral("Errors: 0 · Warnings: %1").arg(base));

        issues.report({Issue::Severity::Warning, QStringLiteral("threads differ between runs"), {}, {}});
        QVERIFY(!dock->isVisible()); // a warning does not pop the dock
        issues.report({Issue::Severity::Error, QStringLiteral("model package is corrupt"),
                       QStringLiteral("models/int8"), {}});
        QVERIFY(dock->isVisible());
        QCOMPARE(button->text(), QStringLiteral("Errors: 1 · Warnings: %1").arg(base + 1));
        QCOMPARE(dock->view()->model()->rowCount(), base + 2);

        QSignalSpy jumped(dock, &vox::ui::IssuesDock::contextActivated);
        const QModelIndex errorRow = dock->view()->model()->index(base + 1, IssueModel::MessageColumn);
        emit dock->view()->activated(errorRow);
        QCOMPARE(jumped.count(), 1);
        QCOMPARE(jumped.at(0).at(0).toString(), QStringLiteral("models/int8"));
    }

    void anEmptyIssuesDockTakesNoRoom()
    {
        QSettings().clear();
        IssueModel issues;
        MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* dock = window.issuesDock();
        QVERIFY(!dock->isVisible());
        issues.report({Issue::Severity::Error, QStringLiteral("audio file is truncated"), {}, {}});
        QVERIFY(dock->isVisible());
        issues.clear();
        QVERIFY(!dock->isVisible());
    }

    void statusBarNamesTheTorchEnvironment()
    {
        IssueModel issues;
        MainWindow window(&issues);
        auto* label = window.findChild<vox::ui::EnvironmentLabel*>(QStringLiteral("environmentLabel"));
        QVERIFY(label);
        QTRY_VERIFY_WITH_TIMEOUT(label->isRead(), 30000); // read off the UI thread
        const QString version = QString::fromStdString(vox::torchEnvironment().torchVersion);
        QVERIFY(!version.isEmpty());
        QVERIFY2(label->text().contains(version), qPrintable(label->text()));
        QVERIFY(label->text().contains(QStringLiteral("cpu")));
        const auto env = vox::torchEnvironment();
        if (!env.blasCore.empty())
            QVERIFY2(label->text().contains(QStringLiteral("OpenBLAS ") + QString::fromStdString(env.blasCore)),
                     qPrintable(label->text()));
        QCOMPARE(label->blasWarning(), QString::fromStdString(env.blasWarning));
        bool reported = false;
        for (int row = 0; row < issues.rowCount(); ++row)
            reported = reported || issues.issueAt(row).message == label->blasWarning();
        QCOMPARE(reported, !env.blasWarning.empty());
    }

    void windowStateSurvivesARestart()
    {
        QSettings().clear();
        {
            IssueModel issues;
            MainWindow window(&issues);
            window.show();
            window.resize(1000, 700);
            window.showPage(QStringLiteral("diff"));
            window.issuesDock()->hide();
            QVERIFY(window.close());
        }
        IssueModel issues;
        MainWindow again(&issues);
        again.show();
        QCOMPARE(again.currentPageId(), QStringLiteral("diff"));
        QCOMPARE(again.size(), QSize(1000, 700));
        QVERIFY(!again.issuesDock()->isVisible());
    }

    void cleanupTestCase() { QSettings().clear(); }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
