#pragma once
#include "app/results/comparison.h"

#include <QWidget>

class QComboBox;
class QPushButton;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;

namespace vox::app {
class ComparisonSession;
struct UtteranceSet;
class RunSummaryModel;
class UtteranceResultsFilter;
class UtteranceResultsModel;
} // namespace vox::app

namespace vox::ui {

class AnalysisTabs;
class DiffView;
class RunChecklist;
struct PageInfo;

// The Results page: the runs to compare (the first checked is the baseline), corpus figures
// per run under a chosen normalizer (with the other normalizers side by side), the error
// analysis against the baseline (AnalysisTabs; a click on a row filters the utterances), the
// per-utterance table with one column group per run, its filters, and the selected
// utterance's word diff. A view of the comparison session, which reads and scores off the UI
// thread and refreshes at most once a second while a compared run is still going.
class ResultsPage : public QWidget {
    Q_OBJECT
public:
    ResultsPage(const PageInfo& info, app::ComparisonSession* comparison, QWidget* parent = nullptr);

    // Checks these runs (in this order; the first is the baseline) and compares them.
    void compare(const QList<qint64>& runIds);
    QList<qint64> checkedRuns() const;

    app::ComparisonPtr comparison() const;
    app::RunSummaryModel* summaryModel() const;
    app::UtteranceResultsModel* utteranceModel() const;
    app::UtteranceResultsFilter* utteranceFilter() const;
    QTableView* utteranceView() const { return m_utteranceView; }
    QTableView* summaryView() const;
    AnalysisTabs* analysisTabs() const { return m_tabs; }
    QLabel* utteranceSetLabel() const { return m_setLabel; }
    QComboBox* normalizerCombo() const { return m_normalizer; }
    QComboBox* filterCombo() const { return m_filterMode; }
    QLabel* comparableLabel() const { return m_comparable; }
    DiffView* diffView() const { return m_diff; }

signals:
    // The page shows a new comparison (or none).
    void comparisonShown();

private:
    void fillRunList();
    void applyFilter();
    void showComparison();
    void selectionChanged();
    void showUtterances(const app::UtteranceSet& set);

    app::ComparisonSession* m_session;
    RunChecklist* m_runList;
    QComboBox* m_normalizer;
    QComboBox* m_filterMode;
    QSpinBox* m_worstN;
    QLineEdit* m_text;
    QLabel* m_comparable;
    QLabel* m_state;
    AnalysisTabs* m_tabs;
    QLabel* m_setLabel;
    QPushButton* m_clearSet;
    QTableView* m_utteranceView;
    DiffView* m_diff;
};

} // namespace vox::ui
