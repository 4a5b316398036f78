#include "app/project/project_summary.h"

#include "core/store/project_store.h"

#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace vox::app {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString stringAt(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? qs(it->get<std::string>()) : QString();
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

void fillFromManifest(VariantSummary& variant, const std::string& manifestJson)
{
    const auto m = nlohmann::json::parse(manifestJson, nullptr, /*allow_exceptions=*/false);
    if (!m.is_object())
        return;
    variant.family = stringAt(m, "family");
    if (const auto v = m.find("variant"); v != m.end() && v->is_object()) {
        variant.kind = stringAt(*v, "kind");
        variant.description = stringAt(*v, "description");
    }
    if (const auto p = m.find("parameter_count"); p != m.end() && p->is_number_integer())
        variant.parameters = p->get<qint64>();
    if (const auto s = m.find("source"); s != m.end() && s->is_object()) {
        variant.source = stringAt(*s, "description");
        const auto demo = s->find("demo");
        variant.demo = demo != s->end() && demo->is_boolean() && demo->get<bool>();
    }
}

ProjectSummary readProjectSummary(const QString& path)
{
    ProjectSummary out;
    out.path = path;
    auto store = store::ProjectStore::open(path.toStdString(), store::ProjectStore::Mode::OpenExisting);
    if (!store) {
        out.error = qs(store.error().describe());
        return out;
    }
    auto datasets = (*store)->datasets();
    if (!datasets) {
        out.error = qs(datasets.error().describe());
        return out;
    }
    for (const auto& d : *datasets) {
        DatasetSummary s{d.id, qs(d.name), qs(d.format), qs(d.source), qs(d.importedAt), d.utteranceCount, 0.0};
        if (auto utterances = (*store)->utterances(d.id)) {
            for (const auto& u : *utterances)
                s.seconds += u.duration.value_or(0.0);
        }
        out.datasets.push_back(std::move(s));
    }
    auto variants = (*store)->variants();
    if (!variants) {
        out.error = qs(variants.error().describe());
        return out;
    }
    for (const auto& v : *variants) {
        VariantSummary s;
        s.id = v.id;
        s.name = qs(v.name);
        s.packagePath = qs(v.packagePath);
        fillFromManifest(s, v.manifestJson);
        s.bytesOnDisk = folderBytes(v.packagePath);
        out.variants.push_back(std::move(s));
    }
    return out;
}

QFuture<ProjectSummary> loadProjectSummary(const QString& path)
{
    return QtConcurrent::run([path] { return readProjectSummary(path); });
}

} // namespace vox::app
