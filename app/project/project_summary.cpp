#include "app/project/project_summary.h"

#include "core/store/package_records.h"
#include "core/store/package_trust.h"
#include "core/store/project_store.h"

#include <filesystem>

namespace vox::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

qint64 folderBytes(const std::filesystem::path& folder)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return -1;
    qint64 total = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec))
            total += static_cast<qint64>(it->file_size(ec));
    }
    return total;
}

} // namespace

bool ProjectSummary::hasDemoVariants() const
{
    for (const auto& v : variants)
        if (v.demo)
            return true;
    return false;
}

qint64 ProjectSummary::utteranceCount() const
{
    qint64 n = 0;
    for (const auto& d : datasets)
        n += d.utterances;
    return n;
}

Expected<ProjectSummary> readProjectSummary(const QString& path)
{
    ProjectSummary out;
    out.path = path;
    auto store = store::ProjectStore::open(path.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store)
        return store.error();
    if ((*store)->readOnly())
        out.readOnly = qs((*store)->writable().error().describe());
    auto datasets = (*store)->datasets();
    if (!datasets)
        return datasets.error();
    for (const auto& d : *datasets) {
        DatasetSummary s{d.id, qs(d.name), qs(d.format), qs(d.source), qs(d.importedAt), d.utteranceCount, 0.0};
        if (auto utterances = (*store)->utterances(d.id)) {
            for (const auto& u : *utterances)
                s.seconds += u.duration.value_or(0.0);
        }
        out.datasets.push_back(std::move(s));
    }
    auto variants = (*store)->variants();
    if (!variants)
        return variants.error();
    for (const auto& v : *variants) {
        VariantSummary s;
        s.id = v.id;
        s.name = qs(v.name);
        s.packagePath = qs(v.packagePath);
        const auto facts = store::variantFacts(v.manifestJson);
        s.family = qs(facts.family);
        s.kind = qs(facts.kind);
        s.description = qs(facts.description);
        s.source = qs(facts.source);
        s.parameters = facts.parameters;
        s.demo = facts.demo;
        s.bytesOnDisk = folderBytes(v.packagePath);
        s.trustedHere = store::trustedHere(v);
        s.registeredOn = qs(v.registeredOn);
        out.variants.push_back(std::move(s));
    }
    return out;
}

} // namespace vox::app
