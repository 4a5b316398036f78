#pragma once
#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QToolButton;

namespace vox::app {
class IssueModel;
}

namespace vox::ui {

class IssuesDock;

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

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createPages();
    void createMenus();
    void createStatusBar();
    void updateIssueButton();
    void restoreWindowState();
    void saveWindowState() const;

    app::IssueModel* m_issues;
    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    IssuesDock* m_issuesDock;
    QToolButton* m_issueButton = nullptr;
    QStringList m_pageIds;
};

} // namespace vox::ui
