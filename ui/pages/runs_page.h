#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace vox::app {
class DatasetTableModel;
class RunListModel;
class RunQueue;
class VariantTableModel;
} // namespace vox::app

namespace vox::ui {

class RunSettingsForm;

// The Runs page: start runs (a dataset, the variants to run, the settings), watch them
// (progress, time left, real-time factor), pause, resume and cancel them, and read each run's
// card. Runs execute on app::RunQueue's workers; this page only posts and listens.
class RunsPage : public QWidget {
    Q_OBJECT
public:
    RunsPage(const QString& title, const QString& description, app::DatasetTableModel* datasets,
             app::VariantTableModel* variants, app::RunListModel* runs, app::RunQueue* queue, QWidget* parent = nullptr);

    void setProject(const QString& path); // reads the project's runs off the UI thread
    void reloadRuns();

    QComboBox* datasetCombo() const { return m_dataset; }
    QListWidget* variantList() const { return m_variantList; }
    RunSettingsForm* settingsForm() const { return m_form; }
    QPushButton* runButton() const { return m_run; }
    QTableView* runView() const { return m_view; }
    QPlainTextEdit* cardView() const { return m_card; }

signals:
    void runsReloaded();

private:
    void fillVariants();
    void startRuns();
    void updateButtons();
    void showCard();
    qint64 selectedRun() const;

    app::DatasetTableModel* m_datasets;
    app::VariantTableModel* m_variants;
    app::RunListModel* m_runs;
    app::RunQueue* m_queue;
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
    QString m_project;
    int m_generation = 0;
    qint64 m_selectAfterReload = -1;
};

} // namespace vox::ui
