#pragma once
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QStackedLayout;
class QTableView;

namespace vox::ui {

class EmptyStatePage;

// A page that lists a project's rows (datasets, variants) in a table: its title, an optional
// notice above the table (for example "these are demo models"), and the empty state while the
// model has no rows.
class TablePage : public QWidget {
    Q_OBJECT
public:
    TablePage(const QString& title, const QString& description, QAbstractItemModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    // Shown above the table; empty hides it.
    void setNotice(const QString& text);
    QString notice() const;
    void setSubtitle(const QString& text);

private:
    void updateState();

    QAbstractItemModel* m_model;
    QStackedLayout* m_stack;
    EmptyStatePage* m_empty;
    QWidget* m_content;
    QLabel* m_subtitle;
    QLabel* m_notice;
    QTableView* m_view;
};

} // namespace vox::ui
