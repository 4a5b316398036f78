#pragma once
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

class QAbstractItemModel;
class QPushButton;
class QWidget;

namespace vox::ui {

// "Export table…": a button whose menu writes each of `tables` (label, model) as CSV, JSON,
// Markdown or LaTeX to a file the user picks (suggested name `baseName`.suffix). A file that
// cannot be written is reported through `failed` with a sentence for the user.
QPushButton* tableExportButton(QWidget* parent, const QList<QPair<QString, const QAbstractItemModel*>>& tables,
                               const QString& baseName, std::function<void(const QString&)> failed);

} // namespace vox::ui
