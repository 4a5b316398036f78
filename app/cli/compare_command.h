#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli compare -p PROJECT --run A --run B [--run C ...] [-o table|markdown|json]
// [--sclite DIR]`: the error analysis the Results page shows, headless: every run against the
// first (paired bootstrap ΔWER/ΔCER, sc_stats' segment test, the verdict in words, broken and
// fixed utterances), WER by speaker / manifest field / duration, each run's confusions new
// against the baseline, hallucination signals; --sclite writes each run's .pra and .dtl.
void addCompareCommand(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
