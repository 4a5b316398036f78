#include "ui/pages/run_checklist.h"

#include "app/run/run_list_model.h"
#include "app/session/comparison_session.h"

namespace vox::ui {

RunChecklist::RunChecklist(QWidget* parent) : QListWidget(parent)
{
    setMaximumHeight(84);
    connect(this, &QListWidget::itemChanged, this, [this] {
        if (m_filling)
            return;
        m_filling = true;
        emit chosen(checkedRuns());
        m_filling = false;
    });
}

void RunChecklist::setRuns(const app::RunListModel& runs, const std::function<bool(const app::RunInfo&)>& shows,
                           const QList<qint64>& chosen)
{
    if (m_filling)
        return;
    QList<qint64> all;
    for (const auto& r : runs.runs())
        if (shows(r))
            all << r.id;
    m_filling = true;
    clear();
    for (qint64 id : app::ComparisonSession::displayOrder(all, chosen)) {
        const app::RunInfo* r = runs.run(id);
        auto* item = new QListWidgetItem(tr("Run %1: %2 on %3 — %4").arg(r->id).arg(r->variant, r->dataset, r->settings), this);
        item->setData(Qt::UserRole, r->id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(chosen.contains(r->id) ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
}

QList<qint64> RunChecklist::checkedRuns() const
{
    QList<qint64> ids;
    for (int i = 0; i < count(); ++i)
        if (item(i)->checkState() == Qt::Checked)
            ids << item(i)->data(Qt::UserRole).toLongLong();
    return ids;
}

} // namespace vox::ui
