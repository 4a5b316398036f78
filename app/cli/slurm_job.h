#pragma once
// A Slurm job of `voxbench-cli slurm`: what it runs (project, variants, dataset, settings, the
// number of shards), the resources asked for, the job folder's files (a shard project per
// task, run.sbatch, merge.sbatch, logs/, job.json with the submitted job ids) and the calls to
// Slurm's own commands (sbatch, squeue, scancel; they read SLURM_CONF like any Slurm tool).
#include "core/run/run_settings.h"
#include "core/util/expected.h"

#include <map>
#include <string>
#include <vector>

namespace vox::cli {

struct SlurmJob {
    std::string project, dataset, dir;
    std::vector<std::string> variants;
    int shards = 0;
    run::RunSettings settings;
    std::string partition, time, memory;
    int cpus = 0, gpus = 0;
    std::vector<std::string> extra; // more sbatch options
    bool trust = false;
    std::vector<std::string> arrayJobs, mergeJobs; // submitted ids, oldest first

    std::string shardProject(int k) const { return dir + "/shard-" + std::to_string(k) + ".voxbench"; }
    // run.sbatch and merge.sbatch; `runArguments` are the run settings as run's options.
    Expected<Done> writeFiles(const std::vector<std::string>& runArguments) const;
    Expected<Done> save() const; // job.json
    static Expected<SlurmJob> load(const std::string& dir);
};

// A shard's runs as its project holds them.
struct ShardState {
    bool finished = false; // every variant's run finished
    std::string text;      // "whisper-demo-fp32 finished 30/30, whisper-demo-int8 running 12/30"
    const std::string& describe() const { return text; }
};
ShardState shardState(const SlurmJob& job, int shard);

// sbatch --parsable ARGS: the job id, or the error sbatch printed.
Expected<std::string> submitBatch(const std::vector<std::string>& args);
// The job's array tasks still in squeue, by task index, with their state ("PENDING", "RUNNING").
std::map<int, std::string> queuedTasks(const SlurmJob& job);
std::string queuedJob(const std::string& id); // its state, empty when not queued
void cancelJob(const std::string& id);

// The text as one shell word.
std::string shellQuoted(const std::string& text);

} // namespace vox::cli
