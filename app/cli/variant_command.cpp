#include "app/cli/variant_command.h"

#include "core/store/project_store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vox::cli {

namespace {

namespace fs = std::filesystem;
using store::ProjectStore;
using store::VariantRecord;

// The manifest file names of the package kinds VoxBench runs (docs/MODEL-PACKAGE.md).
constexpr const char* kManifests[] = {"voxbench-model.json", "voxbench-kws.json"};

struct PackageManifest {
    fs::path folder;
    std::string text; // the manifest as written
    std::string family;
};

Expected<PackageManifest> readManifest(const fs::path& given)
{
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(given), ec);
    if (ec || !fs::is_directory(folder))
        return makeError("not a model package folder: " + given.string());
    for (const char* name : kManifests) {
        const fs::path file = folder / name;
        if (!fs::exists(file))
            continue;
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in.good() && !in.eof())
            return makeError("cannot read " + file.string());
        const auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
        if (!json.is_object())
            return makeError(file.string() + " is not a JSON object (a damaged package? export it again)");
        const auto family = json.find("family");
        if (family == json.end() || !family->is_string())
            return makeError(file.string() + " has no \"family\"");
        return PackageManifest{folder, text.str(), family->get<std::string>()};
    }
    return makeError(given.string() + " holds neither voxbench-model.json nor voxbench-kws.json: "
                     "make a package with tools/whisper/export.py or tools/demo/train_kws.py");
}

struct VariantArgs {
    std::string project;
    std::vector<std::string> packages;
    std::vector<std::string> names;
};

int addVariants(const VariantArgs& a, CliContext& context)
{
    if (!a.names.empty() && a.names.size() != a.packages.size()) {
        context.err << "voxbench-cli variant add: give one --name per package (" << a.packages.size()
                    << " packages, " << a.names.size() << " names)\n";
        return 2;
    }
    std::vector<VariantRecord> records;
    for (size_t i = 0; i < a.packages.size(); ++i) {
        auto manifest = readManifest(a.packages[i]);
        if (!manifest) {
            context.err << "voxbench-cli variant add: " << manifest.error().describe() << "\n";
            return 1;
        }
        VariantRecord v;
        v.name = a.names.empty() ? manifest->folder.filename().string() : a.names[i];
        v.packagePath = manifest->folder.string();
        v.manifestJson = manifest->text;
        records.push_back(std::move(v));
    }
    auto store = ProjectStore::open(a.project);
    if (!store) {
        context.err << "voxbench-cli variant add: " << store.error().describe() << "\n";
        return 1;
    }
    for (const auto& v : records) {
        auto id = (*store)->addVariant(v);
        if (!id) {
            context.err << "voxbench-cli variant add: " << id.error().describe() << "\n";
            return 1;
        }
        context.out << "variant " << *id << ": " << v.name << " (" << v.packagePath << ")\n";
    }
    return 0;
}

int listVariants(const std::string& project, CliContext& context)
{
    auto store = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
    if (!store) {
        context.err << "voxbench-cli variant list: " << store.error().describe() << "\n";
        return 1;
    }
    auto variants = (*store)->variants();
    if (!variants) {
        context.err << "voxbench-cli variant list: " << variants.error().describe() << "\n";
        return 1;
    }
    for (const auto& v : *variants) {
        const auto json = nlohmann::json::parse(v.manifestJson, nullptr, false);
        const std::string family = json.is_object() ? json.value("family", "?") : "?";
        context.out << v.id << "\t" << v.name << "\t" << family << "\t" << v.packagePath << "\n";
    }
    return 0;
}

} // namespace

void addVariantCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto* variant = app.add_subcommand("variant", "Register model packages in a project, or list them");
    variant->require_subcommand(1);

    auto args = std::make_shared<VariantArgs>();
    auto* add = variant->add_subcommand("add", "Add model packages (folders) to a project as variants");
    add->add_option("packages", args->packages, "Model package folders")->required();
    add->add_option("-p,--project", args->project, "Project file (created if missing)")->required();
    add->add_option("--name", args->names, "Variant name, once per package (default: the folder name)");
    add->callback([args, &context, &exitCode] { exitCode = addVariants(*args, context); });

    auto project = std::make_shared<std::string>();
    auto* list = variant->add_subcommand("list", "List a project's variants: id, name, family, folder");
    list->add_option("-p,--project", *project, "Project file")->required();
    list->callback([project, &context, &exitCode] { exitCode = listVariants(*project, context); });
}

} // namespace vox::cli
