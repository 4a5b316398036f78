#include "app/project/project_actions.h"

#include "core/dataset/dataset_import.h"
#include "core/store/dataset_records.h"
#include "core/store/package_records.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace vox::app {

namespace {

class ChangeTexts {
    Q_DECLARE_TR_FUNCTIONS(vox::app::ChangeTexts)
public:
    static QString created(const QString& path) { return tr("Created %1").arg(path); }
    static QString exists(const QString& path) { return tr("%1 already exists; open it instead").arg(path); }
    static QString reading(qint64 lines) { return tr("Read %1 lines…").arg(lines); }
    static QString writing(qint64 count) { return tr("Writing %1 utterances into the project…").arg(count); }
    static QString nothing(const QString& source, const QStringList& skipped)
    {
        if (skipped.isEmpty())
            return tr("Nothing to import from %1").arg(source);
        return tr("Nothing to import from %1: %n line(s) skipped, the first: %2", nullptr, int(skipped.size()))
            .arg(source, skipped.first());
    }
    static QString cancelledBeforeWriting() { return tr("the import was cancelled; the project is unchanged"); }
    static QString imported(qint64 count, const QString& name, qint64 skipped)
    {
        return tr("Imported %1 utterances as \"%2\" (%3 lines skipped)").arg(count).arg(name).arg(skipped);
    }
    static QString added(int count) { return tr("Added %n package(s)", nullptr, count); }
    static QString trusted(int count) { return tr("%n package(s) may be loaded on this machine", nullptr, count); }
};

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

Error errorOf(const QString& message, const QString& context = {})
{
    return makeError(message.toStdString(), context.toStdString());
}

} // namespace

Expected<ProjectChange> createProject(const QString& path)
{
    if (QFileInfo::exists(path))
        return errorOf(ChangeTexts::exists(path));
    if (auto store = store::ProjectStore::open(path.toStdString(), store::ProjectStore::Mode::OpenOrCreate); !store)
        return store.error();
    return ProjectChange{ChangeTexts::created(path), {}};
}

Expected<ProjectChange> importDataset(const QString& project, const QString& source, const QString& name,
                                      const QString& format, const JobContext& job)
{
    auto parsed = dataset::parseFormat(format.toStdString());
    if (!parsed)
        return parsed.error();
    dataset::ImportOptions options;
    options.format = *parsed;
    options.progress = [&job](size_t lines) { job.progress(qint64(lines), 0, ChangeTexts::reading(qint64(lines))); };
    options.cancel = job.token().flag();
    auto report = dataset::importDataset(source.toStdString(), options);
    if (!report)
        return report.error();
    ProjectChange change;
    for (const auto& s : report->skipped)
        change.warnings << QStringLiteral("%1%2: %3")
                               .arg(qs(s.file), s.line > 0 ? QStringLiteral(":%1").arg(s.line) : QString(), qs(s.reason));
    const QStringList skipped = change.warnings;
    for (const auto& n : report->notes)
        change.warnings << qs(n);
    if (report->utterances.empty())
        return errorOf(ChangeTexts::nothing(source, skipped));
    job.progress(0, 0, ChangeTexts::writing(qint64(report->utterances.size())));
    auto records = store::utteranceRecords(*report);
    const auto dataset = store::datasetRecord(*report, name.toStdString());
    if (job.cancelled()) // the last moment it can stop: the store takes the dataset in one transaction
        return errorOf(ChangeTexts::cancelledBeforeWriting(), source);
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    if (auto id = (*store)->addDataset(dataset, records); !id)
        return id.error();
    change.message = ChangeTexts::imported(qint64(records.size()), qs(dataset.name), qint64(report->skipped.size()));
    return change;
}

Expected<ProjectChange> addPackages(const QString& project, const QStringList& folders)
{
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    ProjectChange change;
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
        return errorOf(change.warnings.join(QStringLiteral("; ")));
    change.message = ChangeTexts::added(added);
    return change;
}

Expected<ProjectChange> trustVariants(const QString& project, const QList<qint64>& variants)
{
    auto store = store::ProjectStore::open(project.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    for (qint64 id : variants)
        if (auto done = (*store)->trustVariantHere(id); !done)
            return done.error();
    return ProjectChange{ChangeTexts::trusted(int(variants.size())), {}};
}

} // namespace vox::app
