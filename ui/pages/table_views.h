#pragma once
// The look every data table of the workbench shares: whole rows selected, alternating rows, no
// word wrap, no row numbers, rows one line of text high.
#include <QString>

class QTableView;

namespace vox::ui {

QTableView* makeTableView(const QString& objectName);

} // namespace vox::ui
