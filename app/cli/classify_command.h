#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli classify --model PKG INPUT...`: runs a keyword-spotting package on a labelled
// clip set (accuracy, per-label recall, confusion, time per clip), on audio files (a label per
// file), or with --stream / on a stream manifest, chunk by chunk with the state carried
// (detections with times; hits, misses and false alarms when the keyword times are known).
void addClassifyCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
