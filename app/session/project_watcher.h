#pragma once
// Notices when another process changes the open project (voxbench-cli running or importing
// into it): QFileSystemWatcher on the project file, its -wal file (where WAL commits land) and
// its folder (which tells when the -wal file appears). Nothing here touches the database, so
// the UI thread never waits on it; changes arriving together come out as one `changed`, at
// most once per interval.
#include <QObject>
#include <QString>

class QFileSystemWatcher;
class QTimer;

namespace vox::app {

class ProjectWatcher : public QObject {
    Q_OBJECT
public:
    explicit ProjectWatcher(QObject* parent = nullptr);

    void watch(const QString& projectPath); // empty: watch nothing
    // How long changes are gathered before `changed` (the session lengthens it while its own
    // runs write the project, which it follows already).
    void setInterval(int milliseconds);

signals:
    void changed();

private:
    void touched();
    void rewatch();

    QFileSystemWatcher* m_watcher;
    QTimer* m_timer;
    QString m_path;
};

} // namespace vox::app
