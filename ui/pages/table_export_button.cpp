#include "ui/pages/table_export_button.h"

#include "app/format/file_write.h"
#include "app/results/table_export.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMenu>
#include <QPushButton>

namespace vox::ui {

namespace {
class TableExport {
    Q_DECLARE_TR_FUNCTIONS(vox::ui::TableExport)
public:
    static QString button() { return tr("Export table…"); }
    static QString dialog() { return tr("Export table"); }
    static QString chartButton() { return tr("Export chart…"); }
    static QString chartDialog() { return tr("Export chart"); }
};
} // namespace

QPushButton* tableExportButton(QWidget* parent, const QList<QPair<QString, const QAbstractItemModel*>>& tables,
                               const QString& baseName, std::function<void(const QString&)> failed)
{
    auto* button = new QPushButton(TableExport::button(), parent);
    auto* menu = new QMenu(button);
    for (const auto& [label, model] : tables) {
        for (auto format : {app::TableFormat::Csv, app::TableFormat::Json, app::TableFormat::Markdown, app::TableFormat::Latex}) {
            const QString suffix = app::tableFormatSuffix(format);
            menu->addAction(QStringLiteral("%1 · %2").arg(label, suffix.toUpper()), button,
                            [parent, model, format, suffix, baseName, failed] {
                                const QString path = QFileDialog::getSaveFileName(parent, TableExport::dialog(),
                                                                                  baseName + QLatin1Char('.') + suffix);
                                if (path.isEmpty())
                                    return;
                                if (auto done = app::writeWholeFile(path, app::exportTable(*model, format).toUtf8()); !done)
                                    failed(QString::fromStdString(done.error().message));
                            });
        }
        menu->addSeparator();
    }
    button->setMenu(menu);
    return button;
}

QPushButton* chartExportButton(QWidget* parent, std::function<QString()> name,
                               std::function<Expected<Done>(const QString& path)> save,
                               std::function<void(const QString&)> failed)
{
    auto* button = new QPushButton(TableExport::chartButton(), parent);
    auto* menu = new QMenu(button);
    for (const char* suffix : {"png", "svg", "pdf"}) {
        menu->addAction(QString::fromLatin1(suffix).toUpper(), button, [parent, name, save, failed, suffix] {
            const QString path = QFileDialog::getSaveFileName(parent, TableExport::chartDialog(),
                                                              name() + QLatin1Char('.') + QLatin1String(suffix));
            if (path.isEmpty())
                return;
            if (auto saved = save(path); !saved)
                failed(QString::fromStdString(saved.error().describe()));
        });
    }
    button->setMenu(menu);
    return button;
}

} // namespace vox::ui
