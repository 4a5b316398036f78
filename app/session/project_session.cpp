#include "app/session/project_session.h"

#include "app/issues/issue_model.h"
#include "app/project/demo_comparison.h"
#include "app/project/project_models.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_watcher.h"
#include "app/settings/settings_keys.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace vox::app {

namespace {

class SessionTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::ProjectSession)
public:
    static QString cannotOpen(const QString& error) { return tr("Could not open the project: %1").arg(error); }
    static QString cannotReadRuns(const QString& error) { return tr("Could not read the project's runs: %1").arg(error); }
    static QString moreSkipped(int n) { return tr("… and %1 more lines skipped").arg(n); }
};

QString describe(const Error& e)
{
    return QString::fromStdString(e.describe());
}

} // namespace

ProjectSession::ProjectSession(IssueModel* issues, RunQueue* queue, QObject* parent)
    : QObject(parent)
    , m_issues(issues)
    , m_datasets(new DatasetTableModel(this))
    , m_variants(new VariantTableModel(this))
    , m_runs(new RunListModel(this))
    , m_queue(queue ? queue : new RunQueue(coreRunExecutor(), this))
    , m_watcher(new ProjectWatcher(this))
{
    if (!m_queue->parent())
        m_queue->setParent(this);
    wireQueue();
    // Another process (voxbench-cli) changed the project: its runs are read again. While this
    // window's own runs write it, they are followed by their signals, so the re-reads are rarer.
    connect(m_watcher, &ProjectWatcher::changed, this, &ProjectSession::reloadRuns);
    connect(m_queue, &RunQueue::runQueued, m_watcher, [this] { m_watcher->setInterval(5000); });
    connect(m_queue, &RunQueue::idle, m_watcher, [this] { m_watcher->setInterval(1000); });
}

ProjectSession::~ProjectSession() = default;

void ProjectSession::wireQueue()
{
    // The runs list follows the workers; a run that stops is read again (its card gained a
    // session, its counts are as stored).
    connect(m_queue, &RunQueue::runsCreated, this, &ProjectSession::reloadRuns);
    connect(m_queue, &RunQueue::runQueued, m_runs, &RunListModel::setQueued);
    connect(m_queue, &RunQueue::stageChanged, m_runs, &RunListModel::setStage);
    connect(m_queue, &RunQueue::batchDone, m_runs, &RunListModel::applyBatch);
    connect(m_queue, &RunQueue::runStopped, this, [this](qint64 id, run::RunStatus status, const QString& message) {
        m_runs->setStopped(id, status, message);
        reloadRuns();
    });
    // Another process executes the run: said in the Issues list, shown in the runs list.
    connect(m_queue, &RunQueue::runRefused, this, [this](qint64 id, const QString& message) {
        m_runs->setElsewhere(id, message);
        m_issues->report({Issue::Severity::Warning, message, m_path, QStringLiteral("run")});
        reloadRuns();
    });
}

bool ProjectSession::canRunDemoComparison() const
{
    return isOpen() && !readOnly() && demoComparison(m_summary).has_value();
}

bool ProjectSession::runDemoComparison()
{
    if (!canRunDemoComparison())
        return false;
    const auto demo = demoComparison(m_summary);
    m_queue->start(demo->datasetId, demo->variantIds, run::RunSettings{});
    return true;
}

QString ProjectSession::reportError(const Error& error, const QString& source) const
{
    const QString message = describe(error);
    m_issues->report({Issue::Severity::Error, message, m_path, source});
    return message;
}

void ProjectSession::open(const QString& path)
{
    emit opening(path);
    m_open.start([path](const JobContext&) { return readProjectSummary(path); },
                 [this, path](Expected<ProjectSummary> summary) { show(path, std::move(summary)); });
}

void ProjectSession::refresh()
{
    if (isOpen())
        open(m_path);
}

void ProjectSession::show(const QString& path, Expected<ProjectSummary> summary)
{
    if (!summary) {
        const QString error = describe(summary.error());
        m_issues->report({Issue::Severity::Error, SessionTexts::cannotOpen(error), path, QStringLiteral("project")});
        emit openFailed(path, error);
        return;
    }
    const bool another = path != m_path;
    m_path = path;
    m_summary = std::move(*summary);
    m_queue->setProject(path);
    m_watcher->watch(path);
    if (another)
        m_runs->setRuns({}); // the previous project's runs must not show under this one's name
    m_datasets->setDatasets(m_summary.datasets);
    m_variants->setVariants(m_summary.variants);
    settings::recentProjects().set(settings::withRecentProject(settings::recentProjects().get(), path));
    emit opened(path);
    reloadRuns();
}

void ProjectSession::reloadRuns()
{
    if (!isOpen())
        return;
    const QString path = m_path;
    m_runRead.start([path](const JobContext&) { return readRuns(path); },
                    [this, path](Expected<QList<RunInfo>> runs) {
                        if (path != m_path)
                            return; // read for a project no longer open
                        if (!runs) {
                            // The rows shown stay: a failed read is not an empty project.
                            reportError(makeError(SessionTexts::cannotReadRuns(describe(runs.error())).toStdString()),
                                        QStringLiteral("project"));
                        } else {
                            m_runs->setRuns(std::move(*runs));
                        }
                        emit runsReloaded();
                    });
}

bool ProjectSession::newProject(const QString& path)
{
    if (isChanging())
        return false;
    startChange(path, [path](const JobContext&) { return createProject(path); }, path);
    return true;
}

bool ProjectSession::refuseReadOnly()
{
    if (!readOnly())
        return false;
    m_issues->report({Issue::Severity::Error, readOnlyReason(), m_path, QStringLiteral("project")});
    emit changed(false, readOnlyReason());
    return true;
}

bool ProjectSession::importDataset(const QString& source, const QString& name, const QString& format)
{
    if (isChanging() || !isOpen() || refuseReadOnly())
        return false;
    const QString project = m_path;
    startChange(source, [=](const JobContext& job) { return app::importDataset(project, source, name, format, job); },
                project);
    return true;
}

bool ProjectSession::addPackages(const QStringList& folders)
{
    if (isChanging() || !isOpen() || refuseReadOnly())
        return false;
    const QString project = m_path;
    startChange(folders.join(QStringLiteral(", ")),
                [project, folders](const JobContext&) { return app::addPackages(project, folders); }, project);
    return true;
}

bool ProjectSession::trustVariants(const QList<qint64>& variants, std::function<void()> then)
{
    if (isChanging() || !isOpen())
        return false;
    const QString project = m_path;
    startChange(project, [project, variants](const JobContext&) { return app::trustVariants(project, variants); },
                project, std::move(then));
    return true;
}

void ProjectSession::cancelChange()
{
    m_change.cancel();
}

void ProjectSession::startChange(const QString& what, Job<ProjectChange>::Work work, const QString& openAfterwards,
                                 std::function<void()> then)
{
    emit changeStarted(what);
    m_change.start(std::move(work),
                   [this, openAfterwards, then = std::move(then)](Expected<ProjectChange> change) {
                       finishChange(std::move(change), openAfterwards, then);
                   },
                   [this](const JobProgress& p) { emit changeProgress(p.text); });
}

void ProjectSession::finishChange(Expected<ProjectChange> change, const QString& openAfterwards,
                                  const std::function<void()>& then)
{
    if (!change) {
        const QString error = describe(change.error());
        m_issues->report({Issue::Severity::Error, error, openAfterwards, QStringLiteral("project")});
        emit changed(false, error);
        return;
    }
    const int shown = 20;
    for (int i = 0; i < change->warnings.size() && i < shown; ++i)
        m_issues->report({Issue::Severity::Warning, change->warnings[i], openAfterwards, QStringLiteral("import")});
    if (change->warnings.size() > shown)
        m_issues->report({Issue::Severity::Warning, SessionTexts::moreSkipped(int(change->warnings.size()) - shown),
                          openAfterwards, QStringLiteral("import")});
    open(openAfterwards);
    emit changed(true, change->message);
    if (then)
        then();
}

} // namespace vox::app
