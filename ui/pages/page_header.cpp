#include "ui/pages/page_header.h"

#include "ui/window/page_registry.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace vox::ui {

void addPageHeader(QVBoxLayout* layout, const PageInfo& info)
{
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(info.title.toHtmlEscaped())));
    auto* description = new QLabel(info.description);
    description->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(description);
}

QWidget* underBar(QLayout* bar, QWidget* content)
{
    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(content, 1);
    return pane;
}

QSplitter* sideBySide(QWidget* left, QWidget* right)
{
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    return split;
}

} // namespace vox::ui
