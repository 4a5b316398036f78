#pragma once
// What changes a project from the GUI: a new project, a dataset import, model packages.
// Blocking calls for a job (ProjectSession runs them on the thread pool: the file system, the
// importers and the store are never touched on the UI thread). An import reports progress and
// stops when the job is cancelled.
#include "app/jobs/job.h"
#include "core/util/expected.h"

#include <QString>
#include <QStringList>

namespace vox::app {

struct ProjectChange {
    QString message;      // what was done, in words
    QStringList warnings; // skipped lines, packages not added, ...
};

Expected<ProjectChange> createProject(const QString& path);
// `format`: "auto" or a format name (dataset::parseFormat); `name` empty: the source's name.
Expected<ProjectChange> importDataset(const QString& project, const QString& source, const QString& name,
                                      const QString& format, const JobContext& job);
Expected<ProjectChange> addPackages(const QString& project, const QStringList& folders);
// This machine may load these variants' packages from now on (core/store/package_trust.h).
Expected<ProjectChange> trustVariants(const QString& project, const QList<qint64>& variants);

} // namespace vox::app
