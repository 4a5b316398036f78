#include "app/session/project_watcher.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace vox::app {

ProjectWatcher::ProjectWatcher(QObject* parent)
    : QObject(parent), m_watcher(new QFileSystemWatcher(this)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ProjectWatcher::changed);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &ProjectWatcher::touched);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        rewatch(); // a -wal file may have appeared (or the project been replaced)
        touched();
    });
}

void ProjectWatcher::watch(const QString& projectPath)
{
    if (projectPath == m_path)
        return;
    if (const QStringList watched = m_watcher->files() + m_watcher->directories(); !watched.isEmpty())
        m_watcher->removePaths(watched);
    m_timer->stop();
    m_path = projectPath;
    if (!m_path.isEmpty())
        m_watcher->addPath(QFileInfo(m_path).absolutePath());
    rewatch();
}

void ProjectWatcher::setInterval(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

void ProjectWatcher::rewatch()
{
    if (m_path.isEmpty())
        return;
    const QStringList watched = m_watcher->files();
    for (const QString& file : {m_path, m_path + QStringLiteral("-wal")})
        if (!watched.contains(file) && QFileInfo::exists(file))
            m_watcher->addPath(file);
}

void ProjectWatcher::touched()
{
    if (!m_timer->isActive())
        m_timer->start();
}

} // namespace vox::app
