#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace vox::app {
class ProjectSession;
} // namespace vox::app

namespace vox::ui {

class RunSettingsForm;
struct PageInfo;

// The Runs page: start runs (a dataset, the variants to run, the settings), watch them
// (progress, time left, real-time factor), pause, resume and cancel them, and read each run's
// card. Runs execute on the session's run queue; this page only posts and listens.
class RunsPage : public QWidget {
    Q_OBJECT
public:
    RunsPage(const PageInfo& info, app::ProjectSession* session, QWidget* parent = nullptr);

    QComboBox* datasetCombo() const { return m_dataset; }
    QListWidget* variantList() const { return m_variantList; }
    RunSettingsForm* settingsForm() const { return m_form; }
    QPushButton* runButton() const { return m_run; }
    QTableView* runView() const { return m_view; }
    QPlainTextEdit* cardView() const { return m_card; }

signals:
    // The session read the runs and the page shows them (the new run selected).
    void runsReloaded();

private:
    void showRuns();
    void fillVariants();
    void startRuns();
    void updateButtons();
    void showCard();
    qint64 selectedRun() const;

    app::ProjectSession* m_session;
    QComboBox* m_dataset;
    QListWidget* m_variantList;
    RunSettingsForm* m_form;
    QPushButton* m_run;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_cancel;
    QLabel* m_status;
    QTableView* m_view;
    QPlainTextEdit* m_card;
    qint64 m_selectAfterReload = -1;
};

} // namespace vox::ui
