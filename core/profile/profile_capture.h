#pragma once
#include "core/profile/operator_profile.h"
#include "core/run/run_settings.h"
#include "core/store/project_store.h"
#include "core/util/expected.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace vox {
struct TorchRuntime;
}

// Capturing an operator profile: a Whisper package on a few utterances, after warm-up, with
// the settings of a run. The same calls are first timed without the profiler (the median of
// `passes`), then once under it: the difference is the profiler's overhead, kept with the profile.
namespace vox::profile {

struct CaptureOptions {
    run::RunSettings settings;  // device, dtype, threads, batch, beam, max tokens, warm-up, optimize
    int passes = 3;             // timed passes without the profiler
    RecorderOptions recorder;
    std::string variant;        // the name the profile shows (default: the package folder's)
    std::function<void(const std::string& stage)> onStage; // "loading", "warming up", "timing", "profiling"
    const std::atomic<bool>* cancel = nullptr;
};

// `audio`: 16-kHz mono utterances. At least two warm-up calls run whatever the settings say:
// TorchScript optimizes a module on its first calls, which would otherwise show as self time.
Expected<OperatorProfile> captureProfile(const TorchRuntime& runtime, const std::filesystem::path& package,
                                         const std::vector<std::vector<float>>& audio, const CaptureOptions& options);

// A keyword spotter (core/kws) on clips (batches of settings.batch through classify) or on one
// stream (`stream`: audio.front() streamed with settings.chunkSamples, 0: the package's chunk),
// with the same passes. The engine stages do not apply: all time is outside them.
Expected<OperatorProfile> captureKwsProfile(const TorchRuntime& runtime, const std::filesystem::path& package,
                                            const std::vector<std::vector<float>>& audio, bool stream,
                                            const CaptureOptions& options);

// Decodes utterances for a capture; ones that cannot be decoded are left out and named in `skipped`.
// Stops early (with what it has) once `cancel` is set.
std::vector<std::vector<float>> decodeUtterances(const std::vector<store::UtteranceRecord>& utterances,
                                                 std::vector<std::string>* skipped = nullptr,
                                                 const std::atomic<bool>* cancel = nullptr);

// Profiles run `runId` of the project: its variant with its card's settings on the first
// `utterances` utterances it covers (a keyword spotter's stream run: the first `utterances`
// seconds of the stream, at least two), and stores the profile with the run. Returns the profile.
// `conditions`: what else shares the machine while it runs, kept with the profile. `cancel` is
// read between utterances while decoding them, between the engine's calls and its decoder steps.
Expected<OperatorProfile> profileRun(const std::filesystem::path& project, int64_t runId, int64_t utterances,
                                     const std::function<void(const std::string&)>& onStage = {},
                                     const std::atomic<bool>* cancel = nullptr, const std::string& conditions = {});

} // namespace vox::profile
