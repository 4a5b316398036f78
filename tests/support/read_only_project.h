#pragma once
// Makes a project folder read-only for a test, the way that works for the user the test runs as:
// chmod 0555 on the folder where permission bits stop this user's writes; as root, where they do
// not (access(2) and every write succeed), the store's test hook VOXBENCH_TEST_UNWRITABLE=folder,
// which makes the detection answer as access(2) would for an unwritable folder (everything after
// it is the real path). `how` says which; the test prints it.
#include "core/store/project_access.h"

#include <QFile>
#include <QString>
#include <QtGlobal>

#include <unistd.h>

namespace vox::test {

class ReadOnlyFolder {
public:
    explicit ReadOnlyFolder(const QString& folder) : m_folder(folder)
    {
        if (::geteuid() != 0) {
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup);
            how = QStringLiteral("chmod 0555 on the folder");
        } else {
            qputenv("VOXBENCH_TEST_UNWRITABLE", "folder");
            how = QStringLiteral("running as root, where chmod does not stop writes: VOXBENCH_TEST_UNWRITABLE=folder");
        }
    }
    ~ReadOnlyFolder()
    {
        qunsetenv("VOXBENCH_TEST_UNWRITABLE");
        QFile::setPermissions(m_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    // The variable a child process (voxbench-cli) needs to see the same: empty unless root.
    static QByteArray childEnvironment() { return ::geteuid() == 0 ? QByteArray("folder") : QByteArray(); }

    QString how;

private:
    QString m_folder;
};

} // namespace vox::test
