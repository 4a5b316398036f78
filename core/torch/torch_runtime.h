#pragma once
#include "core/kws/kws_types.h"
#include "core/profile/op_event.h"
#include "core/torch/torch_env.h"
#include "core/util/expected.h"
#include "core/whisper/engine.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <vector>

// The libtorch side of core (libvoxbench_torch) reached at run time, for programs that must not
// pay libtorch's start-up unless they run a model: voxbench-cli's `score` starts in milliseconds,
// `env` loads torch first. Programs that always need torch (the GUI, tests) link voxbench_torch
// and call its functions directly instead.
namespace vox {

// A loaded Whisper package behind a virtual interface, so a program that did not link
// libvoxbench_torch can drive one (virtual calls need no link-time symbols). Same contract as
// whisper::Engine: one thread at a time; share() for another thread.
class WhisperRunner {
public:
    virtual ~WhisperRunner() = default;
    virtual Expected<std::vector<whisper::Transcript>> transcribe(const std::vector<std::vector<float>>& batch16k,
                                                                  const whisper::DecodeOptions& options,
                                                                  const std::atomic<bool>* cancel) = 0;
    virtual const whisper::PackageInfo& package() const = 0;
    virtual std::string device() const = 0;
    virtual std::string dtype() const = 0;
    // A runner for another thread over the same loaded model (whisper::Engine::share).
    virtual std::unique_ptr<WhisperRunner> share() const = 0;
};

// A loaded KWS package (core/kws/classifier.h) behind a virtual interface, for the same reason.
// Same contract as kws::Classifier: one thread at a time, the thread that opened it.
class KwsRunner {
public:
    virtual ~KwsRunner() = default;
    virtual Expected<std::vector<kws::ClipResult>> classify(const std::vector<std::vector<float>>& clips) = 0;
    // chunkSamples 0: the package's chunk.
    virtual Expected<kws::StreamResult> stream(const std::vector<float>& audio, int chunkSamples) = 0;
    virtual const kws::PackageInfo& package() const = 0;
};

struct TorchRuntime {
    TorchEnvironment (*environment)();
    ThreadPools (*setIntraOpThreads)(int threads);
    Expected<std::unique_ptr<WhisperRunner>> (*openWhisper)(const std::filesystem::path& package,
                                                             const whisper::EngineOptions& options);
    Expected<std::unique_ptr<KwsRunner>> (*openKws)(const std::filesystem::path& package,
                                                     const kws::ClassifierOptions& options);
    // libtorch's operator profiler on the calling thread (core/torch/op_profiler.h).
    Expected<Done> (*startOperatorRecording)(const profile::RecorderOptions& options);
    Expected<std::vector<profile::OpEvent>> (*stopOperatorRecording)();
};

// A Whisper package opened once for `workers` threads (run::workersFor): the runner it was
// opened as and workers - 1 shares of it, with options.threads for each worker, and how those
// threads are spent on the pools (what each transcribe call sets on its worker's thread).
struct WhisperWorkers {
    std::vector<std::unique_ptr<WhisperRunner>> runners;
    ThreadPools pools;
};
Expected<WhisperWorkers> openWhisperWorkers(const TorchRuntime& runtime, const std::filesystem::path& package,
                                            const whisper::EngineOptions& options, int workers);

// Loads libvoxbench_torch (next to libvoxbench_core) once; thread-safe. The error says which
// file was tried and why it did not load.
Expected<const TorchRuntime*> loadTorchRuntime();

} // namespace vox
