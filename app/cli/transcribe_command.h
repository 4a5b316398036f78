#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli transcribe --model PKG`: runs a Whisper package on audio files or a dataset and
// prints hypotheses (trn lines to feed `score`, plain text, or JSON with tokens and timings).
void addTranscribeCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
