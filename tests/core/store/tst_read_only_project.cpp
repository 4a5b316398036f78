// A project this process cannot write opens read-only for viewing: reads work, every write is
// refused with "the project is read-only: PATH (REASON)", and the file is left byte for byte as
// it was (no -wal or -shm created beside it either).
#include "core/store/project_access.h"
#include "core/store/project_store.h"
#include "core/store/schema.h"
#include "read_only_project.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace vox::store;

namespace {

QByteArray digest(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A closed project (no -wal, no -shm left) with a dataset, a variant and a finished run with one result.
int64_t makeProject(const std::string& path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        qFatal("%s", store.error().describe().c_str());
    std::vector<UtteranceRecord> utts(1);
    utts[0].uttId = "u";
    utts[0].audioPath = "/u.wav";
    const int64_t dataset = *(*store)->addDataset({0, "d", "/d", "folder", "", "{}", 0}, utts);
    const int64_t variant = *(*store)->addVariant({0, "v", "/pkg", "{}"});
    const int64_t run = *(*store)->createRun({0, variant, dataset, "finished", "{}", "", "", ""});
    (void)(*store)->addResults({{run, utts[0].id, "words", "[]", "{}", std::nullopt, ""}});
    return run;
}

} // namespace

class TestReadOnlyProject : public QObject {
    Q_OBJECT

private slots:
    void detectionFollowsAccess()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("f"));
        QVERIFY(QDir().mkdir(folder));
        const std::string path = (folder + QStringLiteral("/p.voxbench")).toStdString();
        makeProject(path);
        QVERIFY(!writeProblem(path));
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
        if (::geteuid() == 0) {
            // access(2) answers for the user: root may write whatever the bits say, so the project
            // is writable and must not be called read-only. The hook then stands in for EACCES.
            QVERIFY(!writeProblem(path));
            qputenv("VOXBENCH_TEST_UNWRITABLE", "folder");
            QCOMPARE(writeProblem(path).value_or(""), std::string("the folder is not writable"));
            qputenv("VOXBENCH_TEST_UNWRITABLE", "file");
            QCOMPARE(writeProblem(path).value_or(""), std::string("the file is not writable"));
            qunsetenv("VOXBENCH_TEST_UNWRITABLE");
            qInfo("as root: access(2) ignores the permission bits; the hook was used");
        } else {
            QCOMPARE(writeProblem(path).value_or(""), std::string("the folder is not writable"));
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QFile::setPermissions(QString::fromStdString(path), QFile::ReadOwner);
            QCOMPARE(writeProblem(path).value_or(""), std::string("the file is not writable"));
        }
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(QString::fromStdString(path), QFile::ReadOwner | QFile::WriteOwner);
    }

    void aProjectInAReadOnlyFolderIsViewedNotChanged()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkdir(folder));
        const QString file = folder + QStringLiteral("/p.voxbench");
        const std::string path = file.toStdString();
        const int64_t run = makeProject(path);
        QVERIFY(!QFile::exists(file + QStringLiteral("-shm")));
        const QByteArray before = digest(file);

        vox::test::ReadOnlyFolder readOnly(folder);
        qInfo("read-only by %s", qPrintable(readOnly.how));
        for (auto mode : {ProjectStore::Mode::OpenExisting, ProjectStore::Mode::OpenOrCreate, ProjectStore::Mode::ReadOnly}) {
            auto store = ProjectStore::open(path, mode);
            QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
            QVERIFY((*store)->readOnly());
            QCOMPARE((*store)->readOnlyReason(), std::string("the folder is not writable"));
            QCOMPARE((*store)->runs()->size(), size_t(1));
            QCOMPARE((*store)->results(run)->at(0).hypothesis, std::string("words"));
            QCOMPARE((*store)->datasets()->size(), size_t(1));
            QVERIFY((*store)->runLeases()->empty());

            const std::string refused = "the project is read-only: " + path + " (the folder is not writable)";
            std::vector<UtteranceRecord> utts(1);
            utts[0].uttId = "new";
            auto checkRefused = [&](const vox::Error& e) { QCOMPARE(e.describe(), refused); };
            checkRefused((*store)->addDataset({0, "d2", "/d2", "folder", "", "{}", 0}, utts).error());
            checkRefused((*store)->addVariant({0, "v2", "/pkg2", "{}"}).error());
            checkRefused((*store)->createRun({0, 1, 1, "queued", "{}", "", "", ""}).error());
            checkRefused((*store)->setRunStatus(run, "failed").error());
            checkRefused((*store)->updateRunCard(run, [](const std::string& c) { return c; }).error());
            checkRefused((*store)->addResults({{run, 1, "changed", "[]", "{}", std::nullopt, ""}}).error());
            checkRefused((*store)->addOperatorProfile(run, "{}").error());
            checkRefused((*store)->acquireRunLease(run, {"t", "p", "h", 1, 0}).error());
        }
        QCOMPARE(digest(file), before);
        QVERIFY(!QFile::exists(file + QStringLiteral("-shm")));
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")));

        // No project is created in such a folder.
        auto created = ProjectStore::open((folder + QStringLiteral("/new.voxbench")).toStdString());
        QVERIFY(!created.ok());
        QVERIFY2(created.error().message.find("(the folder is not writable)") != std::string::npos,
                 created.error().message.c_str());
    }

    void aReadOnlyFileInAWritableFolder()
    {
        // SQLite may make the -shm beside it, so the file is opened SQLITE_OPEN_READONLY, not immutable.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("p.voxbench"));
        const std::string path = file.toStdString();
        const int64_t run = makeProject(path);
        const QByteArray before = digest(file);
        const bool root = ::geteuid() == 0;
        if (root)
            qputenv("VOXBENCH_TEST_UNWRITABLE", "file");
        else
            QFile::setPermissions(file, QFile::ReadOwner);
        qInfo("read-only by %s", root ? "VOXBENCH_TEST_UNWRITABLE=file (root)" : "chmod 0400 on the file");
        {
            auto store = ProjectStore::open(path, ProjectStore::Mode::OpenExisting);
            QVERIFY2(store.ok(), store ? "" : store.error().describe().c_str());
            QCOMPARE((*store)->readOnlyReason(), std::string("the file is not writable"));
            QCOMPARE((*store)->results(run)->size(), size_t(1));
            QCOMPARE((*store)->setRunStatus(run, "failed").error().describe(),
                     "the project is read-only: " + path + " (the file is not writable)");
        }
        qunsetenv("VOXBENCH_TEST_UNWRITABLE");
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(digest(file), before);
    }

    void anOldProjectThatCannotBeUpgraded()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("old"));
        QVERIFY(QDir().mkdir(folder));
        const std::string v3 = (folder + QStringLiteral("/v3.voxbench")).toStdString();
        const std::string v2 = (folder + QStringLiteral("/v2.voxbench")).toStdString();
        makeProject(v3);
        makeProject(v2);
        const std::string toV3 = "ALTER TABLE variants DROP COLUMN registered_on; ALTER TABLE variants DROP COLUMN "
                                 "trusted_machines; DROP TABLE run_leases; ";
        for (const auto& [path, sqlText] :
             {std::pair{v3, toV3 + "PRAGMA user_version = 3"},
              std::pair{v2, toV3 + "ALTER TABLE results DROP COLUMN output_json; PRAGMA user_version = 2"}}) {
            auto db = Database::open(path, false, false);
            QVERIFY(db->execute(sqlText).ok());
        }
        vox::test::ReadOnlyFolder readOnly(folder);
        // Schema 3 lacks the leases and the variants' trust: it is viewed as it is.
        auto viewed = ProjectStore::open(v3, ProjectStore::Mode::OpenExisting);
        QVERIFY2(viewed.ok(), viewed ? "" : viewed.error().describe().c_str());
        QCOMPARE((*viewed)->schemaVersion(), 3);
        QVERIFY((*viewed)->runLeases()->empty());
        QCOMPARE((*viewed)->runs()->size(), size_t(1));
        const auto variants = (*viewed)->variants();
        QVERIFY2(variants.ok(), variants ? "" : variants.error().describe().c_str());
        QVERIFY(!variants->empty() && variants->front().trustedMachines.empty());
        // Schema 2 needs an upgrade that cannot be written.
        auto old = ProjectStore::open(v2, ProjectStore::Mode::OpenExisting);
        QVERIFY(!old.ok());
        QCOMPARE(old.error().describe(),
                 "this project was made by an older VoxBench (schema 2); copy it somewhere writable to upgrade it: "
                 "the project is read-only: " + v2 + " (the folder is not writable)");
    }
};

QTEST_APPLESS_MAIN(TestReadOnlyProject)
#include "tst_read_only_project.moc"
