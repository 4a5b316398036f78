#include "ui/issues/issues_dock.h"

#include "app/issues/issue_model.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace vox::ui {

using app::Issue;
using app::IssueModel;

IssuesDock::IssuesDock(IssueModel* model, QWidget* parent)
    : QDockWidget(tr("Issues"), parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView)
    , m_summary(new QLabel)
{
    setObjectName(QStringLiteral("issuesDock")); // saveState() needs it

    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(IssueModel::SortRole);

    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(IssueModel::TimeColumn, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setObjectName(QStringLiteral("issuesView"));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(IssueModel::MessageColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(IssueModel::SeverityColumn, 90);
    m_view->header()->resizeSection(IssueModel::ContextColumn, 220);
    m_view->header()->resizeSection(IssueModel::CountColumn, 60);

    auto* clear = new QToolButton;
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Remove every issue from the list"));
    clear->setAutoRaise(true);
    connect(clear, &QToolButton::clicked, model, &IssueModel::clear);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    bar->addWidget(m_summary, 1);
    bar->addWidget(clear);

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    setWidget(body);

    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString context = index.data(IssueModel::ContextRole).toString();
        if (!context.isEmpty())
            emit contextActivated(context);
    });
    connect(model, &IssueModel::countsChanged, this, &IssuesDock::updateSummary);
    updateSummary();
}

void IssuesDock::updateSummary()
{
    const int errors = m_model->count(Issue::Severity::Error);
    const int warnings = m_model->count(Issue::Severity::Warning);
    if (errors == 0 && warnings == 0 && m_model->rowCount() == 0)
        m_summary->setText(tr("No issues."));
    else
        m_summary->setText(tr("Errors: %1 · Warnings: %2 · Other: %3")
                               .arg(errors)
                               .arg(warnings)
                               .arg(m_model->rowCount() - errors - warnings));
}

} // namespace vox::ui
