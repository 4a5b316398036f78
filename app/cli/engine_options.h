#pragma once
// The engine and decoding options that `transcribe`, `profile` and `run` share, declared once
// into a run::RunSettings, with the ranges run::checked() holds a run's settings to, so that a
// value out of range is refused by the command line with CLI11's message, before anything loads.
#include "core/run/run_settings.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace vox::cli {

// --device, --dtype, --threads, --batch, --beam, --max-tokens, --no-speech-threshold and --optimize are always added;
// the others only where a command has them.
struct EngineOptionChoice {
    bool warmup = false;
    const char* warmupHelp = "Untimed decodes before timing";
    bool repeats = false;
    bool languageAndTask = false; // --language, --task (multilingual packages)
    bool chunk = false;           // --chunk (KWS streams)
    bool parallel = false;        // --parallel (Whisper over many utterances)
};

// `settings` holds the command's defaults (shown in --help) and receives the values given; it
// must outlive the parse.
void addEngineOptions(CLI::App& command, run::RunSettings& settings, const EngineOptionChoice& choice = {});

// The other way round: the options of `voxbench-cli run` that give exactly these settings (the
// shard left out), for the job scripts `voxbench-cli slurm` writes.
std::vector<std::string> runArguments(const run::RunSettings& settings);

} // namespace vox::cli
