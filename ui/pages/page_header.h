#pragma once
class QVBoxLayout;

namespace vox::ui {

struct PageInfo;

// A page's heading: the page margins on `layout`, its title and, in the quiet colour, what
// the page is for. Every workbench page starts with it.
void addPageHeader(QVBoxLayout* layout, const PageInfo& info);

} // namespace vox::ui
