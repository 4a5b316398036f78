#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli score`: WER/CER of hypothesis transcripts against references (trn or Kaldi
// text), with a normalizer, sclite or unit costs, confidence intervals and an optional paired
// comparison against a second hypothesis file.
void addScoreCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
