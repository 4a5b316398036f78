#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli env`: the facts every measurement depends on (VoxBench and libtorch versions,
// devices, default threads, quantization engines, BLAS/OpenMP), as text or JSON.
void addEnvCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
