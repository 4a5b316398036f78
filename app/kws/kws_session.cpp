#include "app/kws/kws_session.h"

#include "app/kws/kws_clip_model.h"
#include "app/kws/kws_models.h"
#include "app/run/run_list_model.h"
#include "app/run/run_queue.h"
#include "app/session/project_session.h"

#include "app/session/run_refresh.h"

#include <algorithm>
#include <map>

namespace vox::app {

Expected<KwsEntries> readKwsEntries(const QString& project, const QList<qint64>& runIds, const run::KwsTargets& targets,
                                    const std::atomic<bool>* cancel)
{
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    auto entries = std::make_shared<std::vector<KwsEntry>>();
    for (qint64 id : runIds) {
        if (cancel && cancel->load())
            return makeError("the read was cancelled");
        auto data = run::readKwsRun(**store, id);
        if (!data)
            return data.error();
        KwsEntry e;
        e.data = std::move(*data);
        e.summary = run::summarizeKwsRun(e.data, targets);
        entries->push_back(std::move(e));
    }
    // Ratios against the baseline variant (the first run's) over the same dataset.
    if (!entries->empty()) {
        const int64_t baselineVariant = entries->front().data.run.variantId;
        std::map<int64_t, int> baselineOn; // dataset -> index of the baseline variant's run
        for (int i = 0; i < int(entries->size()); ++i) {
            const auto& r = (*entries)[size_t(i)].data.run;
            if (r.variantId == baselineVariant && !baselineOn.count(r.datasetId))
                baselineOn[r.datasetId] = i;
        }
        for (auto& e : *entries) {
            const auto it = baselineOn.find(e.data.run.datasetId);
            if (it == baselineOn.end())
                continue;
            e.baseline = it->second;
            e.ratios = run::kwsRatios((*entries)[size_t(it->second)].summary, e.summary);
        }
    }
    return entries;
}

KwsSession::KwsSession(ProjectSession* project, QObject* parent)
    : QObject(parent)
    , m_project(project)
    , m_summary(new KwsSummaryModel(this))
    , m_cost(new KwsCostModel(this))
    , m_clips(new KwsClipModel(this))
    , m_filter(new KwsClipFilter(this))
    , m_refresh(new RunRefresh(project, [this](qint64 id) { return m_chosen.contains(id); }, this))
{
    m_filter->setSourceModel(m_clips);
    connect(m_refresh, &RunRefresh::due, this, &KwsSession::reload);
    connect(m_project->runs(), &QAbstractItemModel::modelReset, this, &KwsSession::runsChanged);
}

KwsSession::~KwsSession() = default;

QList<qint64> KwsSession::defaultRuns(const QList<RunInfo>& runs)
{
    // The latest KWS clip dataset and the latest stream dataset that have runs.
    qint64 clipSet = -1, streamSet = -1;
    for (const auto& r : runs) {
        if (!r.keywordSpotting())
            continue;
        (r.datasetFormat == QLatin1String("kws-stream") ? streamSet : clipSet) = r.datasetId;
    }
    std::vector<const RunInfo*> chosen;
    for (qint64 dataset : {clipSet, streamSet}) {
        if (dataset < 0)
            continue;
        const auto onSet = latestRunPerVariant(runs, dataset, true);
        chosen.insert(chosen.end(), onSet.begin(), onSet.end());
    }
    if (chosen.empty())
        return {};
    // The variant with the most parameters is the baseline; its runs come first.
    const RunInfo* biggest = *std::max_element(chosen.begin(), chosen.end(),
                                               [](const RunInfo* a, const RunInfo* b) { return a->parameters < b->parameters; });
    std::stable_partition(chosen.begin(), chosen.end(), [&](const RunInfo* r) { return r->variantId == biggest->variantId; });
    QList<qint64> ids;
    for (const RunInfo* r : chosen)
        ids << r->id;
    return ids;
}

void KwsSession::runsChanged()
{
    if (m_projectPath != m_project->path()) {
        m_projectPath = m_project->path();
        m_userChose = false;
    }
    if (!m_userChose) // the default follows the runs as they come, until the user chooses
        m_chosen = defaultRuns(m_project->runs()->runs());
    emit chosenRunsChanged();
    reload();
}

void KwsSession::setChosenRuns(const QList<qint64>& runIds)
{
    m_userChose = true;
    m_chosen = runIds;
    emit chosenRunsChanged();
    reload();
}

void KwsSession::setTargets(const run::KwsTargets& targets)
{
    m_targets = targets;
    m_targets.threshold.reset(); // the slider's threshold is applied live, not to the summaries
    reload();
}

void KwsSession::reload()
{
    m_refresh->stop();
    if (!m_project->isOpen() || m_chosen.isEmpty()) {
        m_read.abandon();
        show(nullptr);
        return;
    }
    const QString path = m_project->path();
    const QList<qint64> ids = m_chosen;
    const run::KwsTargets targets = m_targets;
    emit loadingStarted();
    m_read.start([=](const JobContext& job) { return readKwsEntries(path, ids, targets, job.token().flag()); },
                 [this](Expected<KwsEntries> entries) {
                     if (entries)
                         return show(std::move(*entries));
                     const QString error = m_project->reportError(entries.error(), QStringLiteral("kws"));
                     show(nullptr);
                     emit readFailed(error);
                 });
}

bool KwsSession::isLoading() const
{
    return m_read.running() || m_refresh->pending();
}

double KwsSession::thresholdOf(const KwsEntry& entry) const
{
    return m_threshold.value_or(entry.data.package.detection.threshold);
}

void KwsSession::scoreLive()
{
    for (auto& e : *m_entries)
        e.live = scoreAt(e.data, thresholdOf(e));
}

void KwsSession::show(KwsEntries entries)
{
    m_entries = std::move(entries);
    if (m_entries)
        scoreLive();
    m_summary->setEntries(m_entries);
    m_cost->setEntries(m_entries);
    m_clips->setEntries(m_entries);
    emit entriesChanged();
}

void KwsSession::setThreshold(std::optional<double> threshold)
{
    if (threshold == m_threshold)
        return;
    m_threshold = threshold;
    rescore();
}

void KwsSession::rescore()
{
    if (!m_entries)
        return;
    scoreLive();
    m_summary->refresh();
    m_clips->refresh();
    m_filter->refresh();
    emit rescored();
}

} // namespace vox::app
