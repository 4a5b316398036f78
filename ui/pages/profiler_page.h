#pragma once
#include "app/profile/run_profiles.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace vox::app {
class KernelTableModel;
class OperatorTableModel;
class ProfileComparisonModel;
class RunListModel;
class RunQueue;
} // namespace vox::app

namespace vox::ui {

// The Profiler page: a run's operator profile (captured with the run's variant and settings on
// its first utterances, stored with the run) as a sortable table grouped by operator name or by
// name and input shapes, a bar chart of the top operators and the time per stage; and, with a
// second run, what changed operator by operator next to what each variant costs in WER/CER.
// Capturing and reading happen off the UI thread.
class ProfilerPage : public QWidget {
    Q_OBJECT
public:
    enum Chart { TopChart, StageChart, ChartCount };

    // `queue` (may be null): runs executing while a profile is captured are noted with it.
    ProfilerPage(const QString& title, const QString& description, app::RunListModel* runs, app::RunQueue* queue = nullptr,
                 QWidget* parent = nullptr);

    void setProject(const QString& path);
    // Chooses runs A and B (0: none) and shows their stored profiles.
    void showRuns(qint64 runA, qint64 runB);
    // Captures a profile of each chosen run that has none (all chosen runs with `again`).
    void profileChosen(bool again = false);

    app::RunProfilesPtr shown() const { return m_shown; }
    app::OperatorTableModel* operatorsA() const { return m_operatorsA; }
    app::OperatorTableModel* operatorsB() const { return m_operatorsB; }
    app::ProfileComparisonModel* comparisonModel() const { return m_comparison; }
    app::KernelTableModel* kernelModel() const { return m_kernels; }
    QTableView* operatorView() const { return m_viewA; }
    QCustomPlot* plot(Chart chart) const { return m_plots[chart]; }
    QLabel* summaryLabel() const { return m_summary; }
    QCheckBox* shapesCheck() const { return m_byShapes; }
    bool exportChart(Chart chart, const QString& path, QString* error = nullptr) const;
    bool exportTrace(const QString& path, QString* error = nullptr) const; // run A's profile

signals:
    void profilesShown();
    void captureFinished(const QString& error); // empty on success

private:
    void fillRunCombos();
    void reload();
    void show(app::RunProfilesPtr profiles);
    void drawTop();
    void drawStages();
    void decorate(QCustomPlot* plot, const QString& title);
    QString describe(const app::RunProfile& run, const QString& letter) const;
    void capture(QList<qint64> runs);

    app::RunListModel* m_runs;
    app::RunQueue* m_queue;
    QString m_project;
    QComboBox* m_runA;
    QComboBox* m_runB;
    QSpinBox* m_utterances;
    QSpinBox* m_topN;
    QCheckBox* m_byShapes;
    QPushButton* m_profile;
    QLabel* m_state;
    QLabel* m_summary;
    QTabWidget* m_tables;
    QTableView* m_viewA;
    QTableView* m_viewB;
    QTableView* m_viewChange;
    app::OperatorTableModel* m_operatorsA;
    app::OperatorTableModel* m_operatorsB;
    app::ProfileComparisonModel* m_comparison;
    app::KernelTableModel* m_kernels;
    QCustomPlot* m_plots[ChartCount] = {};
    app::RunProfilesPtr m_shown;
    int m_loading = 0;   // reads in flight; the latest wins
    bool m_capturing = false;
};

} // namespace vox::ui
