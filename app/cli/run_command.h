#pragma once
#include "app/cli/cli_context.h"

namespace CLI {
class App;
}

namespace vox::cli {

// `voxbench-cli run -p PROJECT --variant A --variant B --dataset NAME [settings]`: runs each
// variant over the dataset into the project (resumable: `--resume RUN_ID`), then prints each
// run's WER/CER with intervals, time per utterance and real-time factor, and says which runs
// are not comparable and why; KWS variants over KWS datasets get their own tables (one per
// dataset: app/cli/kws_report.h). `voxbench-cli runs -p PROJECT [-o table|json|markdown]`: the
// same for stored runs.
void addRunCommands(CLI::App& app, CliContext& context, int& exitCode);

} // namespace vox::cli
