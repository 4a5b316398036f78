#pragma once
#include "core/util/expected.h"

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

// "Export chart…": a button whose menu writes the chart shown now as PNG, SVG or PDF to a file
// the user picks (suggested `name()`.suffix) through `save(path)`; its error goes to `failed`.
QPushButton* chartExportButton(QWidget* parent, std::function<QString()> name,
                               std::function<Expected<Done>(const QString& path)> save,
                               std::function<void(const QString&)> failed);

} // namespace vox::ui
