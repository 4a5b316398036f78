#pragma once
// What the Profiler page shows and does, outside the widgets: runs A and B (by default the
// first two runs the comparison compares, until the user chooses), their latest stored
// profiles and WER/CER read off the UI thread, the operator, comparison and kernel tables, and
// capturing profiles of the chosen runs (one job, cancellable).
#include "app/jobs/job.h"
#include "app/profile/run_profiles.h"

#include <QList>
#include <QObject>

namespace vox::app {

class ComparisonSession;
class KernelTableModel;
class OperatorTableModel;
class ProfileComparisonModel;
class ProjectSession;

class ProfileSession : public QObject {
    Q_OBJECT
public:
    ProfileSession(ProjectSession* project, ComparisonSession* comparison, QObject* parent = nullptr);
    ~ProfileSession() override;

    ProjectSession* project() const { return m_project; }

    // The user's choice (runB 0: none); from here on the comparison's runs no longer choose.
    void choose(qint64 runA, qint64 runB);
    qint64 runA() const { return m_a; }
    qint64 runB() const { return m_b; }

    // The profiles shown (null before the first read).
    RunProfilesPtr shown() const { return m_shown; }
    void setByShapes(bool byShapes);
    bool byShapes() const { return m_byShapes; }
    OperatorTableModel* operatorsA() const { return m_operatorsA; }
    OperatorTableModel* operatorsB() const { return m_operatorsB; }
    ProfileComparisonModel* comparisonModel() const { return m_comparison; }
    KernelTableModel* kernelModel() const { return m_kernels; }
    // The summary label's rich text for what is shown; empty before the first read.
    QString summaryText() const;

    // Captures a profile on the first `utterances` utterances of each chosen run that has none
    // (of every chosen run when all have one, or with `again`). False when a capture runs or
    // nothing is shown yet.
    bool capture(int utterances, bool again = false);
    void cancelCapture();
    bool isCapturing() const { return m_capture.running(); }

signals:
    void choiceChanged();
    void profilesChanged();
    void readFailed(const QString& error);
    void captureStarted(qint64 runId, int utterances);
    // Empty on success; otherwise why not (cancelled included).
    void captureFinished(const QString& error);

private:
    void follow();
    void reload();
    void show(RunProfilesPtr profiles);
    void captureNext(QList<qint64> runs, int utterances);

    ProjectSession* m_project;
    ComparisonSession* m_comparisonSession;
    qint64 m_a = 0, m_b = 0;
    bool m_userChose = false;
    bool m_byShapes = false;
    RunProfilesPtr m_shown;
    OperatorTableModel* m_operatorsA;
    OperatorTableModel* m_operatorsB;
    ProfileComparisonModel* m_comparison;
    KernelTableModel* m_kernels;
    Job<RunProfilesPtr> m_read;
    Job<Done> m_capture;
};

} // namespace vox::app
