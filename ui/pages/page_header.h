#pragma once
class QLayout;
class QSplitter;
class QVBoxLayout;
class QWidget;

namespace vox::ui {

struct PageInfo;

// A page's heading: the page margins on `layout`, its title and, in the quiet colour, what
// the page is for. Every workbench page starts with it.
void addPageHeader(QVBoxLayout* layout, const PageInfo& info);

// `content` under its tool bar, without margins.
QWidget* underBar(QLayout* bar, QWidget* content);
// Two panes side by side, half and half.
QSplitter* sideBySide(QWidget* left, QWidget* right);

} // namespace vox::ui
