// Several processes open one old project at the same moment: each migrates inside BEGIN
// IMMEDIATE and reads the version again under the lock, so exactly one applies the migrations,
// all of them open it, and what was stored stays.
#include "core/store/project_store.h"
#include "core/store/schema.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace vox::store;

namespace {

void sql(const std::string& path, const char* text)
{
    auto db = Database::open(path, false, false);
    if (!db || !db->execute(text))
        qFatal("cannot change the test project %s", path.c_str());
}

} // namespace

class TestStoreProcesses : public QObject {
    Q_OBJECT

private slots:
    void processesMigrateAnOldProjectTogether()
    {
        QTemporaryDir dir;
        for (int round = 0; round < 5; ++round) {
            // A version-2 project (today's schema less migrations 3 and 4) in the rollback-journal
            // mode, as it was left by an old VoxBench, with a stored result.
            const std::string path = dir.filePath(QStringLiteral("old%1.voxbench").arg(round)).toStdString();
            int64_t run = 0;
            {
                auto made = ProjectStore::open(path);
                QVERIFY(made.ok());
                std::vector<UtteranceRecord> utts(1);
                utts[0].uttId = "u";
                utts[0].audioPath = "/u.wav";
                const int64_t dataset = *(*made)->addDataset({0, "d", "/d", "folder", "", "{}", 0}, utts);
                const int64_t variant = *(*made)->addVariant({0, "v", "/pkg", "{}"});
                run = *(*made)->createRun({0, variant, dataset, "finished", "{}", "", "", ""});
                QVERIFY((*made)->addResults({{run, utts[0].id, "kept words", "[]", "{}", std::nullopt, ""}}).ok());
            }
            sql(path, "ALTER TABLE variants DROP COLUMN registered_on; ALTER TABLE variants DROP COLUMN trusted_machines; "
                      "DROP TABLE run_leases; ALTER TABLE results DROP COLUMN output_json; PRAGMA user_version = 2; "
                      "PRAGMA journal_mode = DELETE");

            const QString gate = dir.filePath(QStringLiteral("gate%1").arg(round));
            std::vector<std::unique_ptr<QProcess>> helpers;
            for (int i = 0; i < 4; ++i) {
                helpers.push_back(std::make_unique<QProcess>());
                helpers.back()->setProcessChannelMode(QProcess::MergedChannels);
                helpers.back()->start(QStringLiteral(STORE_OPEN_HELPER), {QString::fromStdString(path), gate});
                QVERIFY(helpers.back()->waitForStarted());
            }
            QFile(gate).open(QIODevice::WriteOnly); // all of them go
            for (auto& helper : helpers) {
                QVERIFY(helper->waitForFinished(60000));
                const QByteArray said = helper->readAll().trimmed();
                QVERIFY2(helper->exitCode() == 0, said.constData());
                QCOMPARE(said, QByteArray("schema ") + QByteArray::number(kSchemaVersion));
            }
            auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
            QVERIFY(store.ok());
            QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
            QVERIFY((*store)->checkIntegrity().ok());
            QCOMPARE((*store)->results(run)->at(0).hypothesis, std::string("kept words"));
            QVERIFY((*store)->runLeases()->empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestStoreProcesses)
#include "tst_store_processes.moc"
