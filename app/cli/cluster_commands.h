#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli merge -p PROJECT SHARD.voxbench...`: the shards of runs (run --shard K/N, one
// project file each) become whole runs of PROJECT (core/run/run_merge.h), or nothing is written
// and the message names the missing, doubled or mismatched shard.
void addMergeCommand(CLI::App& app, CliContext& context, int& exitCode);

// `voxbench-cli slurm -p PROJECT --variant A [--variant B] --dataset NAME --shards N --dir JOB
// [Slurm resources] [run settings] [--submit]`: one shard project per array task in JOB, the
// array job script (one task per shard) and the merge job script (run after every task
// succeeded); --submit submits both through sbatch. `--status --dir JOB` tells each shard's
// state from its project and squeue; `--resubmit --dir JOB` submits again only the shards
// that did not finish, with a new merge job after them.
void addSlurmCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
