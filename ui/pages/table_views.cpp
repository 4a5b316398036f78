#include "ui/pages/table_views.h"

#include <QHeaderView>
#include <QTableView>

namespace vox::ui {

QTableView* makeTableView(const QString& objectName)
{
    auto* view = new QTableView;
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    return view;
}

} // namespace vox::ui
