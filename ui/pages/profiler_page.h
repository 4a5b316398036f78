#pragma once
#include "app/profile/run_profiles.h"
#include "core/util/expected.h"
#include "ui/charts/profile_chart_tabs.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace vox::app {
class KernelTableModel;
class OperatorTableModel;
class ProfileComparisonModel;
class ProfileSession;
} // namespace vox::app

namespace vox::ui {

struct PageInfo;

// The Profiler page: a run's operator profile (captured with the run's variant and settings on
// its first utterances, stored with the run) as a sortable table grouped by operator name or by
// name and input shapes, a bar chart of the top operators and the time per stage; and, with a
// second run, what changed operator by operator next to what each variant costs in WER/CER.
// A view of the profile session, which reads and captures off the UI thread.
class ProfilerPage : public QWidget {
    Q_OBJECT
public:
    using Chart = ProfileChartTabs::Chart;
    using enum ProfileChartTabs::Chart;

    ProfilerPage(const PageInfo& info, app::ProfileSession* session, QWidget* parent = nullptr);

    // Chooses runs A and B (0: none) and shows their stored profiles.
    void showRuns(qint64 runA, qint64 runB);
    // Captures a profile of each chosen run that has none (all chosen runs with `again`).
    void profileChosen(bool again = false);

    app::RunProfilesPtr shown() const;
    app::OperatorTableModel* operatorsA() const;
    app::OperatorTableModel* operatorsB() const;
    app::ProfileComparisonModel* comparisonModel() const;
    app::KernelTableModel* kernelModel() const;
    QTableView* operatorView() const { return m_viewA; }
    QCustomPlot* plot(Chart chart) const { return m_charts->plot(chart); }
    QLabel* summaryLabel() const { return m_summary; }
    QCheckBox* shapesCheck() const { return m_byShapes; }
    Expected<Done> exportChart(Chart chart, const QString& path) const { return m_charts->exportChart(chart, path); }
    Expected<Done> exportTrace(const QString& path) const; // run A's profile

signals:
    void profilesShown();
    void captureFinished(const QString& error); // empty on success

private:
    void fillRunCombos();
    void show();
    void updateState();

    app::ProfileSession* m_session;
    QComboBox* m_runA;
    QComboBox* m_runB;
    QSpinBox* m_utterances;
    QSpinBox* m_topN;
    QCheckBox* m_byShapes;
    QPushButton* m_profile;
    QPushButton* m_cancel;
    QLabel* m_state;
    QLabel* m_summary;
    QTabWidget* m_tables;
    QTableView* m_viewA;
    QTableView* m_viewB;
    QTableView* m_viewChange;
    ProfileChartTabs* m_charts;
};

} // namespace vox::ui
