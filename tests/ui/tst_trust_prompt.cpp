// A package is code: on a project whose variants were added on another machine (the demo
// project with its trust lists emptied, as a project from an older VoxBench or another machine
// has them), the Runs page asks before the first load. No starts nothing and says so; Yes
// stores the answer for this machine and starts the runs; the next start is not asked again.
#include "tests/support/fake_run_executor.h"
#include "app/issues/issue_model.h"
#include "app/project/project_models.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"
#include "core/store/sqlite_db.h"
#include "ui/pages/runs_page.h"
#include "ui/window/page_registry.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace vox;

namespace {

// Answers the next message box that opens, and remembers what it said.
void answerNextQuestion(QMessageBox::StandardButton button, QString* text)
{
    QTimer::singleShot(0, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->text();
        box->button(button)->click();
    });
}

} // namespace

class TestTrustPrompt : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void aPackageFromAnotherMachineIsLoadedOnlyAfterYes()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString project = m_dir.filePath(QStringLiteral("demo.voxbench"));
        QVERIFY(QFile::copy(QStringLiteral(VOXBENCH_DEMO_DIR "/demo.voxbench"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        {
            auto db = store::Database::open(project.toStdString(), false, false);
            QVERIFY(db.ok());
            QVERIFY(db->execute("UPDATE variants SET trusted_machines = '', registered_on = 'gpu-node-07'").ok());
        }

        test::FakeRunExecutor fake;
        app::IssueModel issues;
        app::ProjectSession session(&issues, new app::RunQueue(fake.executor()));
        ui::RunsPage page(ui::productPages().at(2), &session);
        page.show();
        QSignalSpy opened(&session, &app::ProjectSession::opened);
        session.open(project);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);
        QVERIFY(!session.summary().variants.first().trustedHere);

        auto* datasets = page.findChild<QComboBox*>(QStringLiteral("runDatasetCombo"));
        QVERIFY(datasets);
        datasets->setCurrentIndex(datasets->findText(QStringLiteral("demo clean"), Qt::MatchStartsWith));
        auto* variants = page.findChild<QListWidget*>(QStringLiteral("runVariantList"));
        const auto fp32 = variants->findItems(QStringLiteral("whisper-demo-fp32"), Qt::MatchStartsWith);
        QCOMPARE(fp32.size(), 1);
        fp32.first()->setCheckState(Qt::Checked);
        auto* run = page.findChild<QPushButton*>(QStringLiteral("runButton"));
        auto* status = page.findChild<QLabel*>(QStringLiteral("runStatusLabel"));
        QVERIFY(run->isEnabled());

        QString asked;
        answerNextQuestion(QMessageBox::No, &asked);
        run->click();
        QVERIFY2(asked.contains(QStringLiteral("whisper-demo-fp32")) && asked.contains(QStringLiteral("gpu-node-07"))
                     && asked.contains(QStringLiteral("Loading a model package runs its code")),
                 qPrintable(asked));
        QCOMPARE(status->text(), QStringLiteral("Not started: the packages from another machine were not allowed to load"));
        QTest::qWait(200);
        QCOMPARE(session.runs()->rowCount(), 0);
        QCOMPARE(fake.executions(), 0);

        asked.clear();
        answerNextQuestion(QMessageBox::Yes, &asked);
        run->click();
        QVERIFY(!asked.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(fake.executions(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!session.isChanging() && session.summary().variants.size() > 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(session.summary().variants.first().trustedHere, 30000);
        // The other variants were not asked about and stay untrusted.
        QVERIFY(!session.summary().variants.at(1).trustedHere);

        // Trusted now: the next start asks nothing.
        asked.clear();
        answerNextQuestion(QMessageBox::No, &asked);
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 30000);
        run->click();
        QTRY_COMPARE_WITH_TIMEOUT(fake.executions(), 2, 30000);
        QVERIFY2(asked.isEmpty(), qPrintable(asked));
    }
};

QTEST_MAIN(TestTrustPrompt)
#include "tst_trust_prompt.moc"
