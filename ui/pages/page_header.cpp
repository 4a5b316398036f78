#include "ui/pages/page_header.h"

#include "ui/window/page_registry.h"

#include <QLabel>
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

} // namespace vox::ui
