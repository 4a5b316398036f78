#include "app/cli/cluster_commands.h"

#include "core/run/run_merge.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace vox::cli {

namespace {

struct MergeArgs {
    std::string project;
    std::vector<std::string> shards;
};

int runMerge(const MergeArgs& a, CliContext& context)
{
    if (auto refused = refuseReadOnly(a.project, "merge", context))
        return *refused;
    auto store = store::ProjectStore::open(a.project, store::ProjectStore::Mode::OpenExisting);
    if (!store) {
        context.err << "voxbench-cli merge: " << store.error().describe() << "\n";
        return 1;
    }
    const std::vector<std::filesystem::path> paths(a.shards.begin(), a.shards.end());
    auto merged = run::mergeShards(**store, paths);
    if (!merged) {
        context.err << "voxbench-cli merge: " << merged.error().describe() << "; nothing was merged\n";
        return 1;
    }
    for (const auto& m : *merged)
        context.out << "run " << m.runId << ": " << m.variant << " over \"" << m.dataset << "\", " << m.shards
                    << " shards, " << m.results << " results\n";
    context.out << "voxbench-cli runs -p " << a.project << " shows their figures\n";
    return 0;
}

} // namespace

void addMergeCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<MergeArgs>();
    CLI::App* cmd = app.add_subcommand("merge", "Merge shard projects (run --shard K/N) into whole runs of a project");
    cmd->add_option("-p,--project", a->project, "The project the shards were made from (it receives the runs)")->required();
    cmd->add_option("shards", a->shards, "Shard project files")->required()->check(CLI::ExistingFile);
    cmd->callback([a, &context, &exitCode] { exitCode = runMerge(*a, context); });
}

} // namespace vox::cli
