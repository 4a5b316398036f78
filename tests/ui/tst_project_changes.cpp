// Changing a project from the GUI, offscreen: File > New Project, importing a dataset (its
// skipped lines become warnings in the Issues dock) and adding model packages, each off the UI
// thread and followed by the project being read again.
#include "app/issues/issue_model.h"
#include "app/project/project_models.h"
#include "ui/window/main_window.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using vox::ui::MainWindow;

class TestProjectChanges : public QObject {
    Q_OBJECT

    static bool change(MainWindow& window, const std::function<void()>& act, QString* message = nullptr)
    {
        QSignalSpy changed(&window, &MainWindow::projectChanged);
        QSignalSpy opened(&window, &MainWindow::projectOpened);
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
        QVERIFY(change(window, [&] { window.newProject(path); }, &message));
        QVERIFY(message.contains(path));
        QCOMPARE(window.projectPath(), path);
        QCOMPARE(window.datasetModel()->rowCount(), 0);
        QVERIFY(!change(window, [&] { window.newProject(path); }, &message));
        QVERIFY2(message.contains(QStringLiteral("already exists")), qPrintable(message));

        QVERIFY(change(window, [&] {
            window.importDataset(QStringLiteral(VOXBENCH_SOURCE_DIR "/resources/demo/asr/clean.json"), QStringLiteral("clean"));
        }, &message));
        QVERIFY2(message.contains(QStringLiteral("Imported 120 utterances as \"clean\" (0 lines skipped)")), qPrintable(message));
        QCOMPARE(window.datasetModel()->rowCount(), 1);
        QCOMPARE(window.datasetModel()->datasets().at(0).utterances, qint64(120));

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
        QVERIFY(change(window, [&] { window.importDataset(manifest); }, &message));
        QVERIFY2(message.contains(QStringLiteral("Imported 1 utterances as \"some.json\" (2 lines skipped)")), qPrintable(message));
        QCOMPARE(issues.rowCount() - warningsBefore, 2);
        QCOMPARE(window.datasetModel()->rowCount(), 2);
        QVERIFY(!change(window, [&] { window.importDataset(dir.filePath(QStringLiteral("missing.json"))); }, &message));

        QVERIFY(change(window, [&] {
            window.addPackages({QStringLiteral(VOXBENCH_FIXTURE_DIR "/whisper/packages/en"), dir.filePath(QStringLiteral("nopackage"))});
        }, &message));
        QCOMPARE(message, QStringLiteral("Added 1 package(s)"));
        QCOMPARE(window.variantModel()->rowCount(), 1);
        QCOMPARE(window.variantModel()->variants().at(0).family, QStringLiteral("whisper"));
        QVERIFY(!change(window, [&] { window.addPackages({dir.filePath(QStringLiteral("nopackage"))}); }, &message));
        QVERIFY2(message.contains(QStringLiteral("not a model package folder")), qPrintable(message));
    }
};

QTEST_MAIN(TestProjectChanges)
#include "tst_project_changes.moc"
