#pragma once
// What the Results, Diff, Charts and Profiler pages compare: the chosen runs (the first is the
// baseline), the normalizer, the comparison read and scored off the UI thread, its summary and
// per-utterance models with the filter, and the utterance the user looks at. One object, so
// every page shows the same runs and the same figures; the pages only draw it. The error
// analysis tables (verdicts, changes, breakdowns, confusions, hallucination signals) are views
// of the same comparison; a filter set from one of them lasts until other runs or another
// normalizer are chosen.
#include "app/jobs/job.h"
#include "app/results/comparison.h"
#include "app/run/run_info.h"

#include <QList>
#include <QStringList>
#include <QObject>

namespace vox::app {

class BaselineVerdictModel;
class BreakdownModel;
class ConfusionModel;
class HallucinationModel;
class ProjectSession;
class RunRefresh;
class UtteranceChangeModel;
class RunSummaryModel;
class UtteranceResultsFilter;
class UtteranceResultsModel;

class ComparisonSession : public QObject {
    Q_OBJECT
public:
    explicit ComparisonSession(ProjectSession* project, QObject* parent = nullptr);
    ~ComparisonSession() override;

    ProjectSession* project() const { return m_project; }

    // Compares these runs, in this order (the first is the baseline).
    void setChosenRuns(const QList<qint64>& runIds);
    QList<qint64> chosenRuns() const { return m_chosen; }
    void setNormalizer(const QString& name); // none, basic, whisper-en
    QString normalizer() const { return m_normalizer; }

    // The latest comparison shown (null before the first, or with no run chosen).
    ComparisonPtr comparison() const { return m_shown; }
    // A read runs, or one is due (a compared run is still going).
    bool isLoading() const;
    RunSummaryModel* summaryModel() const { return m_summary; }
    UtteranceResultsModel* utteranceModel() const { return m_results; }
    UtteranceResultsFilter* utteranceFilter() const { return m_filter; }
    // The error analysis of the comparison (its run::RunAnalysis), table by table.
    BaselineVerdictModel* verdictModel() const { return m_verdicts; }
    UtteranceChangeModel* changeModel() const { return m_changes; }
    BreakdownModel* breakdownModel() const { return m_breakdown; }
    ConfusionModel* confusionModel() const { return m_confusions; }
    HallucinationModel* hallucinationModel() const { return m_hallucinations; }

    // Writes the sclite-style .pra and .dtl files of every compared run into the folder `dir`,
    // off the UI thread: scliteFilesWritten or scliteFilesFailed follows.
    void exportScliteFiles(const QString& dir);

    // The utterance looked at: a row of the comparison (utteranceModel()'s rows); -1 none.
    void setCurrentUtterance(int row);
    int currentUtterance() const { return m_current; }

    // The default choice when nothing is chosen: the latest run of each variant over the latest
    // run's dataset, oldest first (runs still queued included: their results appear as they come),
    // failed runs and keyword-spotting runs (the KWS session's) left out.
    static QList<qint64> defaultRuns(const QList<RunInfo>& runs);
    // The order a list of all runs shows them in: as given while the chosen runs appear in it in
    // their chosen order; else the chosen first (in that order), then the rest.
    static QList<qint64> displayOrder(const QList<qint64>& all, const QList<qint64>& chosen);

signals:
    void chosenRunsChanged();
    void loadingStarted();
    // The models hold a new comparison (or none); comparison() returns it.
    void comparisonChanged();
    void comparisonFailed(const QString& error);
    void currentUtteranceChanged(vox::app::ComparisonPtr comparison, int row);
    void scliteFilesWritten(const QStringList& files);
    void scliteFilesFailed(const QString& error);

private:
    void runsChanged();
    void reload();
    void show(ComparisonPtr comparison);

    ProjectSession* m_project;
    QString m_projectPath; // the project the chosen runs belong to
    QList<qint64> m_chosen;
    QString m_normalizer = QStringLiteral("whisper-en");
    ComparisonPtr m_shown;
    int m_current = -1;
    RunSummaryModel* m_summary;
    UtteranceResultsModel* m_results;
    UtteranceResultsFilter* m_filter;
    BaselineVerdictModel* m_verdicts;
    UtteranceChangeModel* m_changes;
    BreakdownModel* m_breakdown;
    ConfusionModel* m_confusions;
    HallucinationModel* m_hallucinations;
    RunRefresh* m_refresh;
    Job<ComparisonPtr> m_read;
    Job<QStringList> m_scliteExport;
};

} // namespace vox::app
