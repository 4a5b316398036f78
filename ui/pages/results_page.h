#pragma once
#include "app/results/comparison.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;
class QTimer;

namespace vox::app {
class RunListModel;
class RunQueue;
class RunSummaryModel;
class UtteranceResultsFilter;
class UtteranceResultsModel;
} // namespace vox::app

namespace vox::ui {

class DiffView;

// The Results page: the runs to compare (the first checked is the baseline), corpus figures
// per run under a chosen normalizer (with the other normalizers side by side), the
// per-utterance table with one column group per run, its filters, and the selected
// utterance's word diff. Everything is read and scored off the UI thread; while a compared run
// is still going, the page refreshes at most once a second.
class ResultsPage : public QWidget {
    Q_OBJECT
public:
    ResultsPage(const QString& title, const QString& description, app::RunListModel* runs, app::RunQueue* queue,
                QWidget* parent = nullptr);

    void setProject(const QString& path);
    // Checks these runs (in this order; the first is the baseline) and compares them.
    void compare(const QList<qint64>& runIds);
    QList<qint64> checkedRuns() const;

    app::ComparisonPtr comparison() const;
    app::RunSummaryModel* summaryModel() const { return m_summary; }
    app::UtteranceResultsModel* utteranceModel() const { return m_results; }
    app::UtteranceResultsFilter* utteranceFilter() const { return m_filter; }
    QTableView* utteranceView() const { return m_utteranceView; }
    QTableView* summaryView() const { return m_summaryView; }
    QComboBox* normalizerCombo() const { return m_normalizer; }
    QComboBox* filterCombo() const { return m_filterMode; }
    QLabel* comparableLabel() const { return m_comparable; }
    DiffView* diffView() const { return m_diff; }

signals:
    void comparisonShown();
    // The selected utterance (index into the comparison's rows), for the Diff page.
    void utteranceSelected(app::ComparisonPtr comparison, int row);

private:
    void fillRunList();
    void reload();
    void scheduleReload();
    void applyFilter();
    void showComparison(app::ComparisonPtr comparison);
    void selectionChanged();

    app::RunListModel* m_runs;
    QListWidget* m_runList;
    QComboBox* m_normalizer;
    QComboBox* m_filterMode;
    QSpinBox* m_worstN;
    QLineEdit* m_text;
    QLabel* m_comparable;
    QLabel* m_state;
    app::RunSummaryModel* m_summary;
    app::UtteranceResultsModel* m_results;
    app::UtteranceResultsFilter* m_filter;
    QTableView* m_summaryView;
    QTableView* m_utteranceView;
    DiffView* m_diff;
    QTimer* m_refresh;
    QString m_project;
    int m_generation = 0;
    bool m_filling = false;
};

} // namespace vox::ui
