#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli profile --model PKG [--model PKG2] --dataset PATH [--limit 8] [--top 20]
// [--by-shapes] [--trace FILE] [settings]`: the top operators of each package on the first
// utterances of a dataset, and, for two packages, what changed between them.
// `voxbench-cli profile -p PROJECT --run ID [--run ID2]`: the same for stored runs (their
// variant and settings), stored with each run, next to the runs' WER/CER.
void addProfileCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
