#include "ui/pages/diff_page.h"

#include "app/session/comparison_session.h"
#include "ui/pages/diff_view.h"
#include "ui/pages/page_header.h"

#include <QVBoxLayout>

namespace vox::ui {

DiffPage::DiffPage(const PageInfo& info, app::ComparisonSession* comparison, QWidget* parent)
    : QWidget(parent), m_view(new DiffView)
{
    m_view->setObjectName(QStringLiteral("diffPageView"));
    auto* layout = new QVBoxLayout(this);
    addPageHeader(layout, info);
    layout->addWidget(m_view, 1);
    connect(comparison, &app::ComparisonSession::currentUtteranceChanged, m_view, &DiffView::show);
    // A new comparison (a refresh while runs go on) redraws the same utterance.
    connect(comparison, &app::ComparisonSession::comparisonChanged, m_view,
            [this, comparison] { m_view->show(comparison->comparison(), comparison->currentUtterance()); });
}

} // namespace vox::ui
