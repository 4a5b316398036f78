#pragma once
#include "app/issues/issue.h"
#include "app/models/table_model.h"

#include <QList>

namespace vox::app {

// The application-wide list of issues, newest last. Lives on the GUI thread; other threads
// report through report(), which queues the call onto the model's thread.
// Repeated identical issues (same severity, message and context) are merged and counted.
class IssueModel : public TableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, MessageColumn, ContextColumn, CountColumn, TimeColumn, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // int (Issue::Severity)
        SortRole,                        // a value that sorts correctly for the column
        ContextRole,                     // the context, to jump to it
    };

    explicit IssueModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // Thread-safe: from another thread the issue is queued to the model's thread.
    void report(const Issue& issue);
    void clear();

    const Issue& issueAt(int row) const { return m_rows.at(row).issue; }
    int countAt(int row) const { return m_rows.at(row).count; }
    int count(Issue::Severity severity) const;

signals:
    void issueAdded(const vox::app::Issue& issue);
    void countsChanged();

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;

private:
    void addOnModelThread(const Issue& issue);

    struct Row {
        Issue issue;
        int count = 1;
    };
    QList<Row> m_rows;
};

} // namespace vox::app
