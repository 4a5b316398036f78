#pragma once
#include <QDockWidget>

class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace vox::app {
class IssueModel;
}

namespace vox::ui {

// Shows the application-wide issue list: severity, message, context, repeat count.
// Activating a row emits the issue's context so the window can jump to it.
class IssuesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit IssuesDock(app::IssueModel* model, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }

signals:
    void contextActivated(const QString& context);

private:
    void updateSummary();

    app::IssueModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeView* m_view;
    QLabel* m_summary;
};

} // namespace vox::ui
