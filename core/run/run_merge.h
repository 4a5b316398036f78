#pragma once
// Shards of runs (`voxbench-cli run --shard K/N`, one project file per shard, written on
// whichever node ran it) merged into one project: the shards of one variant over one dataset
// with one set of settings become one run there, holding every utterance of the run exactly
// once, with each shard's sessions (its node's environment) in its card. Nothing is written
// unless every group is whole: a missing shard, a shard given twice, a shard not finished,
// settings that differ between shards and a package or dataset that differs from the target
// project's are errors that name the file and run.
#include "core/store/project_store.h"
#include "core/util/expected.h"

#include <filesystem>
#include <string>
#include <vector>

namespace vox::run {

struct MergedRun {
    int64_t runId = 0; // in the target project
    std::string variant, dataset;
    int shards = 0;
    int64_t results = 0;
};

// `target` is the project the shards were copied from (or one holding the same datasets and
// variants). Shard projects are only read.
Expected<std::vector<MergedRun>> mergeShards(store::ProjectStore& target, const std::vector<std::filesystem::path>& shards);

} // namespace vox::run
