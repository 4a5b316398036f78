#pragma once
#include "core/torch/torch_env.h"
#include "core/util/expected.h"

// The libtorch side of core (libvoxbench_torch) reached at run time, for programs that must not
// pay libtorch's start-up unless they run a model: voxbench-cli's `score` starts in milliseconds,
// `env` loads torch first. Programs that always need torch (the GUI, tests) link voxbench_torch
// and call its functions directly instead.
namespace vox {

struct TorchRuntime {
    TorchEnvironment (*environment)();
    int (*setIntraOpThreads)(int threads);
};

// Loads libvoxbench_torch (next to libvoxbench_core) once; thread-safe. The error says which
// file was tried and why it did not load.
Expected<const TorchRuntime*> loadTorchRuntime();

} // namespace vox
