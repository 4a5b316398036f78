#include "app/cli/variant_command.h"

#include "core/store/package_records.h"
#include "core/store/package_trust.h"
#include "core/text/byte_text.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>

namespace vox::cli {

namespace {

using store::ProjectStore;
using store::VariantRecord;

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
    if (auto refused = refuseReadOnly(a.project, "variant add", context)) // before the packages are checked
        return *refused;
    std::vector<VariantRecord> records;
    for (size_t i = 0; i < a.packages.size(); ++i) {
        auto v = store::variantFromPackage(a.packages[i], a.names.empty() ? std::string() : a.names[i]);
        if (!v) {
            context.err << "voxbench-cli variant add: " << v.error().describe() << "\n";
            return 1;
        }
        records.push_back(std::move(*v));
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
        context.out << "variant " << *id << ": " << text::escapeBytes(v.name) << " ("
                    << text::escapeBytes(v.packagePath) << ")\n";
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
        const std::string family = store::variantFacts(v.manifestJson).family;
        context.out << v.id << "\t" << text::escapeBytes(v.name) << "\t" << (family.empty() ? "?" : family) << "\t"
                    << text::escapeBytes(v.packagePath)
                    << (store::trustedHere(v) ? "" : "\t(not yet trusted on this machine: voxbench-cli variant trust)")
                    << "\n";
    }
    return 0;
}

int trustVariants(const VariantArgs& a, bool all, CliContext& context)
{
    if (a.names.empty() == !all) {
        context.err << "voxbench-cli variant trust: name the variants to trust, or give --all\n";
        return 2;
    }
    auto store = ProjectStore::open(a.project, ProjectStore::Mode::OpenExisting);
    if (!store) {
        context.err << "voxbench-cli variant trust: " << store.error().describe() << "\n";
        return 1;
    }
    auto variants = (*store)->variants();
    if (!variants) {
        context.err << "voxbench-cli variant trust: " << variants.error().describe() << "\n";
        return 1;
    }
    for (const auto& name : a.names)
        if (std::none_of(variants->begin(), variants->end(), [&](const VariantRecord& v) { return v.name == name; })) {
            context.err << "voxbench-cli variant trust: the project has no variant \"" << name
                        << "\" (see voxbench-cli variant list)\n";
            return 1;
        }
    for (const auto& v : *variants) {
        if (!all && std::find(a.names.begin(), a.names.end(), v.name) == a.names.end())
            continue;
        if (store::trustedHere(v)) {
            context.out << text::escapeBytes(v.name) << ": already trusted on this machine\n";
            continue;
        }
        if (auto done = (*store)->trustVariantHere(v.id); !done) {
            context.err << "voxbench-cli variant trust: " << done.error().describe() << "\n";
            return 1;
        }
        context.out << text::escapeBytes(v.name) << ": trusted on this machine (" << text::escapeBytes(v.packagePath) << ")\n";
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

    auto trustArgs = std::make_shared<VariantArgs>();
    auto trustAll = std::make_shared<bool>(false);
    auto* trust = variant->add_subcommand(
        "trust", "Allow variants' packages to load on this machine (a project from another machine asks first: "
                 "a package is code, so trust only packages from someone you trust)");
    trust->add_option("names", trustArgs->names, "Variant names");
    trust->add_option("-p,--project", trustArgs->project, "Project file")->required();
    trust->add_flag("--all", *trustAll, "Every variant of the project");
    trust->callback([trustArgs, trustAll, &context, &exitCode] {
        exitCode = trustVariants(*trustArgs, *trustAll, context);
    });

    auto project = std::make_shared<std::string>();
    auto* list = variant->add_subcommand("list", "List a project's variants: id, name, family, folder");
    list->add_option("-p,--project", *project, "Project file")->required();
    list->callback([project, &context, &exitCode] { exitCode = listVariants(*project, context); });
}

} // namespace vox::cli
