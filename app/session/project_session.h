#pragma once
// The open project, in one Qt-Core object outside the widgets: its path, its datasets,
// variants and runs (as item models), the run queue, and every job that reads or changes it
// (open, refresh, import, add packages, reading the runs). Pages and windows are views that
// receive the session; they never hold project state of their own or reach into each other.
#include "app/jobs/job.h"
#include "app/project/project_actions.h"
#include "app/project/project_summary.h"
#include "app/run/run_info.h"

#include <QObject>
#include <QString>

namespace vox::app {

class DatasetTableModel;
class ProjectWatcher;
class IssueModel;
class RunListModel;
class RunQueue;
class VariantTableModel;

class ProjectSession : public QObject {
    Q_OBJECT
public:
    // `issues`: where failures go (the Issues dock's model); must outlive the session.
    // `queue`: null makes the usual one (core's executor); tests pass their own.
    explicit ProjectSession(IssueModel* issues, RunQueue* queue = nullptr, QObject* parent = nullptr);
    ~ProjectSession() override;

    QString path() const { return m_path; }
    bool isOpen() const { return !m_path.isEmpty(); }
    const ProjectSummary& summary() const { return m_summary; }
    // Open for viewing only: this process cannot write the project. Changes and runs are refused
    // with readOnlyReason() ("the project is read-only: PATH (the folder is not writable)").
    bool readOnly() const { return !m_summary.readOnly.isEmpty(); }
    QString readOnlyReason() const { return m_summary.readOnly; }

    IssueModel* issues() const { return m_issues; }
    DatasetTableModel* datasets() const { return m_datasets; }
    VariantTableModel* variants() const { return m_variants; }
    RunListModel* runs() const { return m_runs; }
    RunQueue* queue() const { return m_queue; }

    // Reads the project off the UI thread; opened or openFailed follows. A later open wins
    // over one still being read.
    void open(const QString& path);
    // Reads the open project again (datasets, variants, runs).
    void refresh();
    // Reads the open project's runs again; runsReloaded follows (a failure goes to Issues).
    void reloadRuns();

    // Changes, one at a time, each on the thread pool; the project is read again afterwards.
    // changed follows (skipped lines and errors also go to Issues). Returns false, doing
    // nothing, while another change runs or (for the last two) no project is open; a read-only
    // project refuses the last two with changed(false, readOnlyReason()) and an Issue.
    bool newProject(const QString& path);
    bool importDataset(const QString& source, const QString& name = {}, const QString& format = QStringLiteral("auto"));
    bool addPackages(const QStringList& folders);
    // Lets this machine load the variants' packages (a person said yes: a package is code), then
    // calls `then` on the UI thread once that is stored; a failure goes to Issues instead.
    bool trustVariants(const QList<qint64>& variants, std::function<void()> then);
    // The demo project's first action (app/project/demo_comparison.h): queues the demo
    // comparison's three runs with the default settings. False, doing nothing, where the
    // project has no such variants and dataset or is read-only.
    bool canRunDemoComparison() const;
    bool runDemoComparison();
    // Asks the running change to stop (an import stops at the next line it reads).
    void cancelChange();
    bool isChanging() const { return m_change.running(); }

    // Puts a failed read of the open project into the Issues list (an Error whose context is
    // the project) and returns its message, for the page that shows it too.
    QString reportError(const Error& error, const QString& source) const;

signals:
    void opening(const QString& path);
    void opened(const QString& path);
    void openFailed(const QString& path, const QString& error);
    void runsReloaded();
    void changeStarted(const QString& what);
    void changeProgress(const QString& text);
    void changed(bool ok, const QString& message);

private:
    void show(const QString& path, Expected<ProjectSummary> summary);
    void startChange(const QString& what, Job<ProjectChange>::Work work, const QString& openAfterwards,
                     std::function<void()> then = {});
    void finishChange(Expected<ProjectChange> change, const QString& openAfterwards, const std::function<void()>& then);
    void wireQueue();
    bool refuseReadOnly();

    IssueModel* m_issues;
    DatasetTableModel* m_datasets;
    VariantTableModel* m_variants;
    RunListModel* m_runs;
    RunQueue* m_queue;
    ProjectWatcher* m_watcher;
    QString m_path;
    ProjectSummary m_summary;
    Job<ProjectSummary> m_open;
    Job<QList<RunInfo>> m_runRead;
    Job<ProjectChange> m_change;
};

} // namespace vox::app
