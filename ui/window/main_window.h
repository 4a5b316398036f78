#pragma once
#include <QFuture>
#include <QMainWindow>

class QListWidget;
class QProgressBar;
class QMenu;
class QStackedWidget;
class QToolButton;

namespace vox::app {
struct ProjectChange;
class DatasetTableModel;
class IssueModel;
class RunListModel;
class RunQueue;
class VariantTableModel;
struct ProjectSummary;
}

namespace vox::ui {

class IssuesDock;
struct PageInfo;

// The workbench window: page navigation on the left, the current page, the Issues dock and a
// status bar with the torch environment. Geometry, dock layout and current page persist.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(app::IssueModel* issues, QWidget* parent = nullptr);

    QStringList pageIds() const;
    QString currentPageId() const;
    // Returns false for an unknown id.
    bool showPage(const QString& id);
    QWidget* page(const QString& id) const;
    IssuesDock* issuesDock() const { return m_issuesDock; }

    // Reads the project (core/store) on a worker thread and shows its datasets and variants
    // when done; projectOpened or projectFailed follows. The window stays responsive meanwhile.
    void openProject(const QString& path);
    // Changes to the project, each on the thread pool; the project is read again afterwards.
    // projectChanged follows with what happened (skipped lines and errors also go to Issues).
    void newProject(const QString& path);
    void importDataset(const QString& source, const QString& name = {}, const QString& format = QStringLiteral("auto"));
    void addPackages(const QStringList& folders);
    QString projectPath() const { return m_projectPath; }
    app::DatasetTableModel* datasetModel() const { return m_datasets; }
    app::VariantTableModel* variantModel() const { return m_variants; }
    app::RunQueue* runQueue() const { return m_runQueue; }
    app::RunListModel* runModel() const { return m_runList; }

signals:
    void projectOpened(const QString& path);
    void projectFailed(const QString& path, const QString& error);
    void projectChanged(bool ok, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createPages();
    QWidget* createDiffPage(const PageInfo& info);
    void createMenus();
    void createStatusBar();
    void updateIssueButton();
    void restoreWindowState();
    void saveWindowState() const;
    void showProject(const app::ProjectSummary& summary);
    void chooseProject();
    void applyChange(QFuture<app::ProjectChange> future, const QString& openAfterwards);
    void updateRecentMenu();

    app::IssueModel* m_issues;
    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    IssuesDock* m_issuesDock;
    QToolButton* m_issueButton = nullptr;
    QProgressBar* m_busy = nullptr;
    QMenu* m_recentMenu = nullptr;
    QStringList m_pageIds;
    app::DatasetTableModel* m_datasets;
    app::VariantTableModel* m_variants;
    app::RunListModel* m_runList;
    app::RunQueue* m_runQueue; // its workers pause and join when the window goes
    QString m_projectPath;
    int m_openGeneration = 0; // a later openProject wins over one still being read
};

} // namespace vox::ui
