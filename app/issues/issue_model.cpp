#include "app/issues/issue_model.h"

#include "app/logging.h"

#include <QThread>

namespace vox::app {

IssueModel::IssueModel(QObject* parent) : TableModel(parent)
{
    qRegisterMetaType<Issue>();
}

QVariant IssueModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const Row& row = m_rows.at(index.row());
    const Issue& issue = row.issue;

    if (role == SeverityRole)
        return static_cast<int>(issue.severity);
    if (role == ContextRole)
        return issue.context;
    if (role == SortRole) {
        switch (index.column()) {
        case SeverityColumn: return static_cast<int>(issue.severity);
        case CountColumn: return row.count;
        case TimeColumn: return issue.time;
        default: break;
        }
        role = Qt::DisplayRole;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeverityColumn: return severityName(issue.severity);
        case MessageColumn: return issue.message;
        case ContextColumn: return issue.context;
        case CountColumn: return row.count;
        case TimeColumn: return issue.time.toString(QStringLiteral("HH:mm:ss"));
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn) {
        QString tip = issue.message;
        if (!issue.source.isEmpty())
            tip += QLatin1String("\n[") + issue.source + QLatin1Char(']');
        return tip;
    }
    return {};
}

QString IssueModel::header(int column) const
{
    switch (column) {
    case SeverityColumn: return tr("Severity");
    case MessageColumn: return tr("Message");
    case ContextColumn: return tr("Context");
    case CountColumn: return tr("Count");
    case TimeColumn: return tr("Time");
    default: return {};
    }
}

void IssueModel::report(const Issue& issue)
{
    if (QThread::currentThread() == thread()) {
        addOnModelThread(issue);
        return;
    }
    QMetaObject::invokeMethod(this, [this, issue] { addOnModelThread(issue); }, Qt::QueuedConnection);
}

void IssueModel::addOnModelThread(const Issue& issue)
{
    qCDebug(lcIssues) << severityName(issue.severity) << issue.context << issue.message;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row& row = m_rows[i];
        if (row.issue.severity == issue.severity && row.issue.message == issue.message
            && row.issue.context == issue.context) {
            ++row.count;
            row.issue.time = issue.time;
            emit dataChanged(index(i, CountColumn), index(i, TimeColumn));
            emit countsChanged();
            return;
        }
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{issue, 1});
    endInsertRows();
    emit issueAdded(issue);
    emit countsChanged();
}

void IssueModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countsChanged();
}

int IssueModel::count(Issue::Severity severity) const
{
    int n = 0;
    for (const Row& row : m_rows)
        n += row.issue.severity == severity ? 1 : 0;
    return n;
}

} // namespace vox::app
