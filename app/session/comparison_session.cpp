#include "app/session/comparison_session.h"

#include "app/results/baseline_models.h"
#include "app/results/breakdown_model.h"
#include "app/results/error_models.h"
#include "app/results/sclite_files.h"
#include "app/results/summary_model.h"
#include "app/results/utterance_results_model.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"

#include "app/session/run_refresh.h"

#include <algorithm>

namespace vox::app {

ComparisonSession::ComparisonSession(ProjectSession* project, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_summary(new RunSummaryModel(this))
    , m_results(new UtteranceResultsModel(this))
    , m_filter(new UtteranceResultsFilter(this))
    , m_verdicts(new BaselineVerdictModel(this))
    , m_changes(new UtteranceChangeModel(this))
    , m_breakdown(new BreakdownModel(this))
    , m_confusions(new ConfusionModel(this))
    , m_hallucinations(new HallucinationModel(this))
    , m_refresh(new RunRefresh(project, [this](qint64 id) { return m_chosen.contains(id); }, this))
{
    m_filter->setSourceModel(m_results);
    connect(m_refresh, &RunRefresh::due, this, &ComparisonSession::reload);
    connect(m_project->runs(), &QAbstractItemModel::modelReset, this, &ComparisonSession::runsChanged);
}

ComparisonSession::~ComparisonSession() = default;

QList<qint64> ComparisonSession::defaultRuns(const QList<RunInfo>& all)
{
    // The speech runs over the dataset of the latest one: keyword spotters have a page of their own.
    const auto latest = std::find_if(all.crbegin(), all.crend(), [](const RunInfo& r) { return !r.keywordSpotting(); });
    QList<qint64> chosen;
    if (latest == all.crend())
        return chosen;
    for (const RunInfo* r : latestRunPerVariant(all, latest->datasetId, false))
        chosen << r->id;
    return chosen;
}

QList<qint64> ComparisonSession::displayOrder(const QList<qint64>& all, const QList<qint64>& chosen)
{
    QList<qint64> inList;
    for (qint64 id : all)
        if (chosen.contains(id))
            inList << id;
    QList<qint64> wanted;
    for (qint64 id : chosen)
        if (all.contains(id))
            wanted << id;
    if (inList == wanted)
        return all;
    QList<qint64> out = wanted;
    for (qint64 id : all)
        if (!wanted.contains(id))
            out << id;
    return out;
}

void ComparisonSession::runsChanged()
{
    if (m_projectPath != m_project->path()) { // another project: its own runs, its own default
        m_projectPath = m_project->path();
        m_chosen.clear();
        m_filter->setUtteranceSet(std::nullopt);
    }
    if (m_chosen.isEmpty())
        m_chosen = defaultRuns(m_project->runs()->runs());
    emit chosenRunsChanged();
    reload();
}

void ComparisonSession::setChosenRuns(const QList<qint64>& runIds)
{
    m_chosen = runIds;
    m_filter->setUtteranceSet(std::nullopt); // its rows were another comparison's
    emit chosenRunsChanged();
    reload();
}

void ComparisonSession::setNormalizer(const QString& name)
{
    if (name == m_normalizer)
        return;
    m_normalizer = name;
    m_filter->setUtteranceSet(std::nullopt);
    reload();
}

void ComparisonSession::reload()
{
    m_refresh->stop();
    if (!m_project->isOpen() || m_chosen.isEmpty()) {
        m_read.abandon();
        show(nullptr);
        return;
    }
    const QString path = m_project->path();
    const QList<qint64> ids = m_chosen;
    const QString normalizer = m_normalizer;
    emit loadingStarted();
    m_read.start([=](const JobContext& job) { return readComparison(path, ids, normalizer, job.token().flag()); },
                 [this](Expected<ComparisonPtr> comparison) {
                     if (comparison)
                         return show(std::move(*comparison));
                     const QString error = m_project->reportError(comparison.error(), QStringLiteral("results"));
                     show(nullptr);
                     emit comparisonFailed(error);
                 });
}

bool ComparisonSession::isLoading() const
{
    return m_read.running() || m_refresh->pending();
}

void ComparisonSession::show(ComparisonPtr comparison)
{
    // The utterance looked at stays across refreshes (by id: rows may come and go).
    const auto* before = m_results->rowAt(m_current);
    const std::string keep = before ? before->uttId : std::string();
    m_shown = std::move(comparison);
    m_summary->setComparison(m_shown);
    m_results->setComparison(m_shown);
    for (AnalysisModel* model : std::initializer_list<AnalysisModel*>{m_verdicts, m_changes, m_breakdown, m_confusions,
                                                                     m_hallucinations})
        model->setComparison(m_shown);
    m_current = -1;
    if (!keep.empty())
        for (int row = 0; row < m_results->rowCount(); ++row)
            if (m_results->rowAt(row)->uttId == keep) {
                m_current = row;
                break;
            }
    emit comparisonChanged();
}

void ComparisonSession::exportScliteFiles(const QString& dir)
{
    const ComparisonPtr shown = m_shown;
    if (!shown || shown->data.runs.empty()) {
        emit scliteFilesFailed(tr("Choose the runs to export first"));
        return;
    }
    m_scliteExport.start([shown, dir](const JobContext&) { return writeScliteFiles(*shown, dir); },
                         [this](Expected<QStringList> files) {
                             if (files)
                                 emit scliteFilesWritten(*files);
                             else
                                 emit scliteFilesFailed(QString::fromStdString(files.error().describe()));
                         });
}

void ComparisonSession::setCurrentUtterance(int row)
{
    m_current = m_results->rowAt(row) ? row : -1;
    emit currentUtteranceChanged(m_shown, m_current);
}

} // namespace vox::app
