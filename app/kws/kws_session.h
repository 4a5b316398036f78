#pragma once
// What the Keyword spotting page compares, outside the widgets: the chosen KWS runs (the first
// is the baseline the ratios are taken against), what the figures are judged by (the area's pass
// mark, the FA rate FRR is read at), the runs read and summarized off the UI thread, and a
// threshold that re-scores the stored probabilities and stream scores at once (no run again).
#include "app/jobs/job.h"
#include "app/kws/kws_live.h"
#include "app/run/run_info.h"
#include "core/run/kws_results.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace vox::app {

class KwsClipFilter;
class KwsClipModel;
class KwsCostModel;
class KwsSummaryModel;
class ProjectSession;
class RunRefresh;

// One compared run: what is stored, its figures, and where the threshold puts it.
struct KwsEntry {
    run::KwsRunData data;
    run::KwsRunSummary summary;
    KwsLive live;
    int baseline = -1; // index of the baseline variant's run over the same dataset; -1 none
    run::KwsRatios ratios;
};
// Shared by the session and its models; changed on the main thread only (a new read replaces it,
// the threshold re-scores its `live` parts).
using KwsEntries = std::shared_ptr<std::vector<KwsEntry>>;

class KwsSession : public QObject {
    Q_OBJECT
public:
    explicit KwsSession(ProjectSession* project, QObject* parent = nullptr);
    ~KwsSession() override;

    ProjectSession* project() const { return m_project; }

    // The user's choice; the first is the baseline. Until one is made, the default rule below
    // chooses again whenever the runs are read.
    void setChosenRuns(const QList<qint64>& runIds);
    QList<qint64> chosenRuns() const { return m_chosen; }
    void setTargets(const run::KwsTargets& targets); // read again: the summaries depend on them
    const run::KwsTargets& targets() const { return m_targets; }
    // One threshold for every run (none: each package's own); re-scores at once.
    void setThreshold(std::optional<double> threshold);
    std::optional<double> threshold() const { return m_threshold; }
    // The threshold a run is scored at now.
    double thresholdOf(const KwsEntry& entry) const;

    // The compared runs, in the chosen order (null before the first read).
    KwsEntries entries() const { return m_entries; }
    // A read runs, or one is due (a compared run is still going).
    bool isLoading() const;
    KwsSummaryModel* summaryModel() const { return m_summary; }
    KwsCostModel* costModel() const { return m_cost; }
    KwsClipModel* clipModel() const { return m_clips; }
    KwsClipFilter* clipFilter() const { return m_filter; }

    // Nothing chosen: the latest run of each KWS variant over the latest KWS clip dataset and
    // over the latest stream dataset (failed runs left out), the variant with the most
    // parameters (the teacher) first.
    static QList<qint64> defaultRuns(const QList<RunInfo>& runs);

signals:
    void chosenRunsChanged();
    void loadingStarted();
    void entriesChanged();   // a new read (or none): every view redraws
    void rescored();         // the threshold moved: what depends on it redraws
    void readFailed(const QString& error);

private:
    void runsChanged();
    void reload();
    void show(KwsEntries entries);
    void rescore();
    void scoreLive(); // every entry at its threshold: comparisons of stored scores, cheap enough for the UI thread

    ProjectSession* m_project;
    QString m_projectPath;
    QList<qint64> m_chosen;
    bool m_userChose = false;
    run::KwsTargets m_targets;
    std::optional<double> m_threshold;
    KwsEntries m_entries;
    KwsSummaryModel* m_summary;
    KwsCostModel* m_cost;
    KwsClipModel* m_clips;
    KwsClipFilter* m_filter;
    RunRefresh* m_refresh;
    Job<KwsEntries> m_read;
};

// Reads and summarizes runs (blocking: for a job). Ratios are taken against the first run's
// variant over the same dataset.
Expected<KwsEntries> readKwsEntries(const QString& project, const QList<qint64>& runIds, const run::KwsTargets& targets,
                                    const std::atomic<bool>* cancel = nullptr);

} // namespace vox::app
