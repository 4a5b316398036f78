#pragma once
#include <QMainWindow>

class QLabel;
class QListWidget;
class QProgressBar;
class QMenu;
class QStackedWidget;
class QToolButton;

namespace vox::app {
class ComparisonSession;
class IssueModel;
class KwsSession;
class ProfileSession;
class ProjectSession;
}

namespace vox::ui {

class IssuesDock;
struct PageInfo;

// The workbench window: page navigation on the left, the current page, the Issues dock and a
// status bar with the torch environment. It owns the window's sessions (the open project, what
// is compared, what is profiled) and lays the pages out; the pages are views of the sessions.
// Geometry, dock layout and current page persist.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(app::IssueModel* issues, QWidget* parent = nullptr);

    app::ProjectSession* session() const { return m_session; }
    app::ComparisonSession* comparison() const { return m_comparison; }
    app::ProfileSession* profiles() const { return m_profiles; }
    app::KwsSession* keywordSpotting() const { return m_kws; }

    QStringList pageIds() const;
    QString currentPageId() const;
    // Returns false for an unknown id.
    bool showPage(const QString& id);
    QWidget* page(const QString& id) const;
    IssuesDock* issuesDock() const { return m_issuesDock; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* withFirstContact(const PageInfo& info, QWidget* page);
    QWidget* createPage(const PageInfo& info);
    void createMenus();
    void createStatusBar();
    void connectSession();
    void updateIssueButton();
    void restoreWindowState();
    void saveWindowState() const;
    void chooseProject();
    void updateRecentMenu();

    app::IssueModel* m_issues;
    app::ProjectSession* m_session;
    app::ComparisonSession* m_comparison;
    app::ProfileSession* m_profiles;
    app::KwsSession* m_kws;
    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    IssuesDock* m_issuesDock;
    QToolButton* m_issueButton = nullptr;
    QLabel* m_readOnly = nullptr; // "Read-only", shown while the open project is
    QProgressBar* m_busy = nullptr;
    QToolButton* m_cancelChange = nullptr;
    QMenu* m_recentMenu = nullptr;
    QStringList m_pageIds;
    QList<QWidget*> m_pages; // by m_pageIds; in m_stack, some behind a FirstContact
};

} // namespace vox::ui
