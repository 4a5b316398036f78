#pragma once
// Any table model written out for reports, from what its cells display (Qt::DisplayRole) and
// its horizontal header: CSV (RFC 4180), JSON (an array of objects keyed by header), Markdown
// (a pipe table) and LaTeX (a tabular, special characters escaped).
#include <QString>

class QAbstractItemModel;

namespace vox::app {

enum class TableFormat { Csv, Json, Markdown, Latex };

QString exportTable(const QAbstractItemModel& model, TableFormat format);
QString tableFormatSuffix(TableFormat format); // "csv", "json", "md", "tex"

} // namespace vox::app
