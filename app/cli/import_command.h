#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli import`: reads a dataset in any supported layout and stores it in a project.
// `voxbench-cli info`: describes a dataset (what an import would read and skip) or a project.
void addImportCommand(CLI::App& app, CliContext& context, int& exitCode);
void addInfoCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
