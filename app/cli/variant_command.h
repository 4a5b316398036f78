#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli variant add|list`: registers model packages (Whisper or keyword spotting) in a
// project, with their manifests, so runs and the GUI can refer to them by name.
void addVariantCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
