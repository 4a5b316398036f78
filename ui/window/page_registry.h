#pragma once
#include <QList>
#include <QString>

namespace vox::ui {

// The product's pages, in navigation order. `id` is stable (settings, command line, tests);
// titles and descriptions are translated.
struct PageInfo {
    QString id;
    QString title;
    QString description; // what the page is for, shown on it until it has content
};

QList<PageInfo> productPages();

} // namespace vox::ui
