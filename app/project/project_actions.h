#pragma once
// What changes a project from the GUI: a new project, a dataset import, model packages. Each
// runs on the thread pool (the file system, the importers and the store are never touched on
// the UI thread); an import reports progress through its future (busy range, the text says how
// many lines were read).
#include <QFuture>
#include <QString>
#include <QStringList>

namespace vox::app {

struct ProjectChange {
    QString error;        // empty when done
    QString message;      // what was done, in words
    QStringList warnings; // skipped lines, packages not added, ...
    bool ok() const { return error.isEmpty(); }
};

QFuture<ProjectChange> createProject(const QString& path);
// `format`: "auto" or a format name (dataset::parseFormat); `name` empty: the source's name.
QFuture<ProjectChange> importDataset(const QString& project, const QString& source, const QString& name,
                                     const QString& format = QStringLiteral("auto"));
QFuture<ProjectChange> addPackages(const QString& project, const QStringList& folders);

} // namespace vox::app
