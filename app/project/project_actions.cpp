#include "app/project/project_actions.h"

#include "core/dataset/dataset_import.h"
#include "core/store/dataset_records.h"
#include "core/store/package_records.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPromise>
#include <QtConcurrent>

namespace vox::app {

namespace {

class ChangeTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::ChangeTexts)
public:
    static QString created(const QString& path) { return tr("Created %1").arg(path); }
    static QString exists(const QString& path) { return tr("%1 already exists; open it instead").arg(path); }
    static QString reading(qint64 lines) { return tr("Read %1 lines…").arg(lines); }
    static QString writing(qint64 count) { return tr("Writing %1 utterances into the project…").arg(count); }
    static QString nothing(const QString& source) { return tr("Nothing to import from %1").arg(source); }
    static QString imported(qint64 count, const QString& name, qint64 skipped)
    {
        return tr("Imported %1 utterances as \"%2\" (%3 lines skipped)").arg(count).arg(name).arg(skipped);
    }
    static QString added(int count) { return tr("Added %n package(s)", nullptr, count); }
};

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

void createIn(QPromise<ProjectChange>& promise, const QString& path)
{
    ProjectChange change;
    if (QFileInfo::exists(path)) {
        change.error = ChangeTexts::exists(path);
    } else if (auto store = store::ProjectStore::open(path.toStdString(), store::ProjectStore::Mode::OpenOrCreate); !store) {
        change.error = qs(store.error().describe());
    } else {
        change.message = ChangeTexts::created(path);
    }
    promise.addResult(change);
}

void importInto(QPromise<ProjectChange>& promise, const QString& project, const QString& source, const QString& name,
                const QString& format)
{
    ProjectChange change;
    auto finish = [&] { promise.addResult(change); };
    auto parsed = dataset::parseFormat(format.toStdString());
    if (!parsed) {
        change.error = qs(parsed.error().describe());
        return finish();
    }
    promise.setProgressRange(0, 0);
    dataset::ImportOptions options;
    options.format = *parsed;
    options.progress = [&promise](size_t lines) {
        promise.setProgressValueAndText(0, ChangeTexts::reading(qint64(lines)));
    };
    auto report = dataset::importDataset(source.toStdString(), options);
    if (!report) {
        change.error = qs(report.error().describe());
        return finish();
    }
    for (const auto& s : report->skipped)
        change.warnings << QStringLiteral("%1%2: %3")
                               .arg(qs(s.file), s.line > 0 ? QStringLiteral(":%1").arg(s.line) : QString(), qs(s.reason));
    for (const auto& n : report->notes)
        change.warnings << qs(n);
    if (report->utterances.empty()) {
        change.error = ChangeTexts::nothing(source);
        return finish();
    }
    promise.setProgressValueAndText(0, ChangeTexts::writing(qint64(report->utterances.size())));
    auto records = store::utteranceRecords(*report);
    const auto dataset = store::datasetRecord(*report, name.toStdString());
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store) {
        change.error = qs(store.error().describe());
        return finish();
    }
    if (auto id = (*store)->addDataset(dataset, records); !id) {
        change.error = qs(id.error().describe());
        return finish();
    }
    change.message = ChangeTexts::imported(qint64(records.size()), qs(dataset.name), qint64(report->skipped.size()));
    finish();
}

void addInto(QPromise<ProjectChange>& promise, const QString& project, const QStringList& folders)
{
    ProjectChange change;
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store) {
        change.error = qs(store.error().describe());
        promise.addResult(change);
        return;
    }
    int added = 0;
    for (const QString& folder : folders) {
        auto v = store::variantFromPackage(folder.toStdString());
        if (!v) {
            change.warnings << qs(v.error().describe());
            continue;
        }
        if (auto id = (*store)->addVariant(*v); !id) {
            change.warnings << qs(id.error().describe());
            continue;
        }
        ++added;
    }
    if (added == 0 && !change.warnings.isEmpty())
        change.error = change.warnings.takeFirst();
    else
        change.message = ChangeTexts::added(added);
    promise.addResult(change);
}

} // namespace

QFuture<ProjectChange> createProject(const QString& path)
{
    return QtConcurrent::run(createIn, path);
}

QFuture<ProjectChange> importDataset(const QString& project, const QString& source, const QString& name,
                                     const QString& format)
{
    return QtConcurrent::run(importInto, project, source, name, format);
}

QFuture<ProjectChange> addPackages(const QString& project, const QStringList& folders)
{
    return QtConcurrent::run(addInto, project, folders);
}

} // namespace vox::app
