// Changing a project from the GUI, offscreen: File > New Project, importing a dataset (its
// skipped lines become warnings in the Issues dock) and adding model packages, each off the UI
// thread and followed by the project being read again.
#include "app/issues/issue_model.h"
#include "app/project/project_models.h"
#include "app/session/project_session.h"
#include "ui/window/main_window.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using vox::ui::MainWindow;

class TestProjectChanges : public QObject {
    Q_OBJECT

    static bool change(MainWindow& window, const std::function<void()>& act, QString* message = nullptr)
    {
        QSignalSpy changed(window.session(), &vox::app::ProjectSession::changed);
        QSignalSpy opened(window.session(), &vox::app::ProjectSession::opened);
        act();
        if (!changed.wait(60000))
            return false;
        if (message)
            *message = changed.at(0).at(1).toString();
        const bool ok = changed.at(0).at(0).toBool();
        if (ok && opened.isEmpty() && !opened.wait(60000))
            return false;
        return ok;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createsImportsAndAddsPackages()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.voxbench"));
        vox::app::IssueModel issues;
        MainWindow window(&issues);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QString message;
        auto* session = window.session();
        QVERIFY(change(window, [&] { session->newProject(path); }, &message));
        QVERIFY(message.contains(path));
        QCOMPARE(session->path(), path);
        QCOMPARE(session->datasets()->rowCount(), 0);
        QVERIFY(!change(window, [&] { session->newProject(path); }, &message));
        QVERIFY2(message.contains(QStringLiteral("already exists")), qPrintable(message));

        auto* cancel = window.findChild<QToolButton*>(QStringLiteral("cancelChangeButton"));
        QVERIFY(cancel && !cancel->isVisible());
        bool cancellable = false; // while the import runs, the status bar offers to stop it
        QVERIFY(change(window, [&] {
            session->importDataset(QStringLiteral(VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json"), QStringLiteral("clean"));
            cancellable = cancel->isVisible();
        }, &message));
        QVERIFY(cancellable);
        QVERIFY(!cancel->isVisible());
        QVERIFY2(message.contains(QStringLiteral("Imported 120 utterances as \"clean\" (0 lines skipped)")), qPrintable(message));
        QCOMPARE(session->datasets()->rowCount(), 1);
        QCOMPARE(session->datasets()->datasets().at(0).utterances, qint64(120));

        // A manifest with a damaged line and a missing audio file: two warnings, one utterance.
        const QString manifest = dir.filePath(QStringLiteral("some.json"));
        {
            QFile f(manifest);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"audio_filepath\": \"" VOXBENCH_SOURCE_DIR "/resources/demo/asr/audio/clean/clean-000.flac\", \"text\": \"do we need cheese\"}\n"
                    "{\"audio_filepath\": \"nowhere.flac\", \"text\": \"lost\"}\n"
                    "this is not json\n");
        }
        const int warningsBefore = issues.rowCount();
        QVERIFY(change(window, [&] { session->importDataset(manifest); }, &message));
        QVERIFY2(message.contains(QStringLiteral("Imported 1 utterances as \"some.json\" (2 lines skipped)")), qPrintable(message));
        QCOMPARE(issues.rowCount() - warningsBefore, 2);
        QCOMPARE(session->datasets()->rowCount(), 2);
        QVERIFY(!change(window, [&] { session->importDataset(dir.filePath(QStringLiteral("missing.json"))); }, &message));

        QVERIFY(change(window, [&] {
            session->addPackages({QStringLiteral(VOXBENCH_FIXTURE_DIR "/whisper/packages/en"), dir.filePath(QStringLiteral("nopackage"))});
        }, &message));
        QCOMPARE(message, QStringLiteral("Added 1 package(s)"));
        QCOMPARE(session->variants()->rowCount(), 1);
        QCOMPARE(session->variants()->variants().at(0).family, QStringLiteral("whisper"));
        QVERIFY(!change(window, [&] { session->addPackages({dir.filePath(QStringLiteral("nopackage"))}); }, &message));
        QVERIFY2(message.contains(QStringLiteral("not a model package folder")), qPrintable(message));
    }
};

QTEST_MAIN(TestProjectChanges)
#include "tst_project_changes.moc"
