#include "app/cli/cluster_commands.h"

#include "app/cli/engine_options.h"
#include "app/cli/slurm_job.h"
#include "core/run/run_card.h"
#include "core/store/project_store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

namespace vox::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct SlurmArgs {
    SlurmJob job;
    bool submit = false, status = false, resubmit = false;
};

int fail(CliContext& context, const std::string& why, int code = 1)
{
    context.err << "voxbench-cli slurm: " << why << "\n";
    return code;
}

// Prepares the job folder: a shard project per task, the two scripts, job.json.
int writeJob(SlurmJob& job, CliContext& context)
{
    if (job.shards < 1)
        return fail(context, "give --shards N (the array's tasks, one shard each)", 2);
    if (job.variants.empty() || job.dataset.empty())
        return fail(context, "give --variant (repeat for several) and --dataset", 2);
    job.project = fs::absolute(job.project).string();
    job.dir = fs::absolute(job.dir).string();
    auto store = store::ProjectStore::open(job.project, store::ProjectStore::Mode::ReadOnly);
    if (!store)
        return fail(context, store.error().describe());
    auto datasets = (*store)->datasets();
    auto variants = (*store)->variants();
    if (!datasets || !variants)
        return fail(context, (datasets ? variants.error() : datasets.error()).describe());
    if (std::none_of(datasets->begin(), datasets->end(), [&](const store::DatasetRecord& d) { return d.name == job.dataset; }))
        return fail(context, "the project has no dataset \"" + job.dataset + "\"");
    for (const auto& v : job.variants)
        if (std::none_of(variants->begin(), variants->end(), [&](const store::VariantRecord& r) { return r.name == v; }))
            return fail(context, "the project has no variant \"" + v + "\"");
    if (auto checkedSettings = run::checked(job.settings); !checkedSettings)
        return fail(context, checkedSettings.error().message, 2);
    std::error_code ec;
    fs::create_directories(fs::path(job.dir) / "logs", ec);
    if (ec)
        return fail(context, "cannot create " + job.dir + "/logs: " + ec.message());
    for (int k = 0; k < job.shards; ++k) {
        const fs::path shard = job.shardProject(k);
        if (fs::exists(shard, ec))
            continue; // written before: a task may have run into it already
        if (auto copied = (*store)->copyWithoutRuns(shard); !copied)
            return fail(context, copied.error().describe());
    }
    if (auto written = job.writeFiles(runArguments(job.settings)); !written)
        return fail(context, written.error().describe());
    context.out << "wrote " << job.dir << "/run.sbatch (" << job.shards << " array tasks), merge.sbatch and "
                << job.shards << " shard projects\n";
    return 0;
}

int submitTasks(SlurmJob& job, const std::string& tasks, CliContext& context)
{
    auto array = submitBatch({"--array=" + tasks, job.dir + "/run.sbatch"});
    if (!array)
        return fail(context, array.error().message);
    auto merge = submitBatch({"--dependency=afterok:" + *array, job.dir + "/merge.sbatch"});
    if (!merge)
        return fail(context, "the array job " + *array + " is submitted, its merge job is not: " + merge.error().message);
    job.arrayJobs.push_back(*array);
    job.mergeJobs.push_back(*merge);
    if (auto saved = job.save(); !saved)
        return fail(context, saved.error().describe());
    context.out << "submitted array job " << *array << " (tasks " << tasks << ") and merge job " << *merge
                << " (after every task succeeded)\n";
    return 0;
}

int showStatus(const SlurmJob& job, bool resubmit, CliContext& context)
{
    const auto queued = queuedTasks(job);
    std::vector<int> again;
    for (int k = 0; k < job.shards; ++k) {
        const ShardState state = shardState(job, k);
        const auto inQueue = queued.find(k);
        context.out << "shard " << k << "/" << job.shards << "\t"
                    << (inQueue != queued.end() ? inQueue->second : std::string("not in the queue")) << "\t"
                    << state.describe() << "\n";
        if (!state.finished && inQueue == queued.end())
            again.push_back(k);
    }
    if (!job.mergeJobs.empty()) {
        const auto merge = queuedJob(job.mergeJobs.back());
        context.out << "merge job " << job.mergeJobs.back() << "\t" << (merge.empty() ? "not in the queue" : merge) << "\n";
    }
    if (!resubmit)
        return 0;
    if (again.empty()) {
        context.out << "every shard finished or is still queued: nothing to resubmit\n";
        return 0;
    }
    if (!job.mergeJobs.empty())
        cancelJob(job.mergeJobs.back()); // its dependency can no longer be met
    std::string tasks;
    for (int k : again)
        tasks += (tasks.empty() ? "" : ",") + std::to_string(k);
    SlurmJob copy = job;
    return submitTasks(copy, tasks, context);
}

int runSlurm(SlurmArgs& a, CliContext& context)
{
    if (a.status || a.resubmit) {
        auto job = SlurmJob::load(a.job.dir);
        if (!job)
            return fail(context, job.error().describe());
        return showStatus(*job, a.resubmit, context);
    }
    if (const int written = writeJob(a.job, context); written != 0)
        return written;
    if (!a.submit) {
        if (auto saved = a.job.save(); !saved)
            return fail(context, saved.error().describe());
        context.out << "submit with: voxbench-cli slurm --submit ... (or sbatch " << a.job.dir << "/run.sbatch)\n";
        return 0;
    }
    return submitTasks(a.job, "0-" + std::to_string(a.job.shards - 1), context);
}

} // namespace

void addSlurmCommand(CLI::App& app, CliContext& context, int& exitCode)
{
    auto a = std::make_shared<SlurmArgs>();
    SlurmJob& job = a->job;
    CLI::App* cmd = app.add_subcommand("slurm", "Run variants as a Slurm array job, one shard per task, merged afterwards");
    cmd->add_option("-p,--project", job.project, "Project file (the shards are merged back into it)");
    cmd->add_option("--variant", job.variants, "Variant name (repeat for several)");
    cmd->add_option("--dataset", job.dataset, "Dataset name");
    cmd->add_option("--shards", job.shards, "Array tasks, one shard of the dataset each")->check(CLI::Range(1, 100000));
    cmd->add_option("--dir", job.dir, "Job folder: shard projects, scripts, logs, job.json")->required();
    cmd->add_option("--partition", job.partition, "sbatch --partition");
    cmd->add_option("--time", job.time, "sbatch --time, per task (e.g. 02:00:00)");
    cmd->add_option("--cpus-per-task", job.cpus, "sbatch --cpus-per-task (0: the run's --threads, at least 1)");
    cmd->add_option("--gpus-per-task", job.gpus, "sbatch --gpus-per-task (0: none)");
    cmd->add_option("--mem", job.memory, "sbatch --mem, per task (e.g. 8G)");
    cmd->add_option("--sbatch-arg", job.extra, "Another sbatch option for every task (repeat), e.g. --account=asr");
    cmd->add_flag("--trust", job.trust, "Let the tasks load the variants' packages on their nodes (run --trust)");
    cmd->add_flag("--submit", a->submit, "Submit the array and its merge job through sbatch");
    cmd->add_flag("--status", a->status, "Each shard's state (its project and squeue) for the job in --dir");
    cmd->add_flag("--resubmit", a->resubmit, "Submit again the shards of the job in --dir that did not finish");
    cmd->add_option("--limit", job.settings.limit, "The dataset's first N utterances (0: all)")->capture_default_str();
    EngineOptionChoice choice;
    choice.parallel = true;
    choice.warmup = true;
    choice.repeats = true;
    choice.chunk = true;
    addEngineOptions(*cmd, job.settings, choice);
    cmd->callback([a, &context, &exitCode] { exitCode = runSlurm(*a, context); });
}

} // namespace vox::cli
