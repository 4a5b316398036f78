#pragma once
#include "app/results/analysis_model.h"

#include <QTabWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;

namespace vox::app {
class ComparisonSession;
}

namespace vox::ui {

// The upper half of the Results page: the compared runs' corpus figures, and the error
// analysis of every run against the baseline: verdicts with their statistics, breakdowns by
// speaker / manifest field / duration, the utterances each run broke and fixed, its
// confusions (new ones marked) and hallucination signals. Clicking a row of an analysis table
// asks for the utterance table to be filtered to the utterances it stands for.
class AnalysisTabs : public QTabWidget {
    Q_OBJECT
public:
    enum Tab { RunsTab, BaselineTab, BreakdownTab, ChangesTab, ConfusionsTab, HallucinationsTab };
    explicit AnalysisTabs(app::ComparisonSession* session, QWidget* parent = nullptr);

    QTableView* summaryView() const { return m_summary; }
    QTableView* view(Tab tab) const; // the table of a tab
    QComboBox* breakdownField() const { return m_field; }
    QLabel* testNote() const { return m_testNote; }
    QCheckBox* newConfusionsOnly() const { return m_newOnly; }

    // Filters the utterance table to what the row (of the view's model) stands for, as a click does.
    void chooseRow(Tab tab, int row);

signals:
    void utterancesChosen(const vox::app::UtteranceSet& set);

private:
    QTableView* addTable(QWidget* page, const QString& name, QAbstractItemModel* model);
    void showComparison();

    app::ComparisonSession* m_session;
    QTableView* m_summary;
    QList<QTableView*> m_views; // by Tab, from BaselineTab
    QComboBox* m_field;
    QLabel* m_testNote;
    QLabel* m_signalNote;
    QCheckBox* m_newOnly;
};

} // namespace vox::ui
