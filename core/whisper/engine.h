#pragma once
// The Whisper engine: runs a VoxBench model package (docs/MODEL-PACKAGE.md) with libtorch and
// gives the same tokens as the Python reference (tools/whisper/reference.py). Torch-free header.
#include "core/util/expected.h"
#include "core/whisper/package.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vox::whisper {

struct EngineOptions {
    std::string device = "cpu"; // "cpu", "cuda", "cuda:N"
    // "float32", "float16", "bfloat16", or "auto": the manifest's dtype_at_load (float32 when it
    // has none; an fp16-marked package on CPU falls back to float32, as the reference does,
    // because torch 1.13 has no half convolution on CPU). Frozen packages are never cast.
    std::string dtype = "auto";
    int threads = 1;            // intra-op threads, applied on the calling thread (0: leave as is)
    bool checkByRunning = true; // at load, run encoder and decoder once on zeros to check shapes
    // Freeze and optimize the modules for inference at load (CPU, float32, not int8 or already
    // frozen packages): weights become constants and linear layers are prepacked, so a decoder
    // step does not repack the vocabulary projection. Recorded in the run settings by callers.
    bool optimize = false;
    // Set from another thread to stop a load between its steps (checksums, each module, the
    // checks, optimizing): load returns an error saying it was cancelled. Not a setting: the
    // caller's stop request, never recorded.
    const std::atomic<bool>* cancel = nullptr;
};

struct DecodeOptions {
    int beamSize = 1;         // 1: greedy
    int maxTokens = 224;      // new tokens per 30-second window (capped by n_text_ctx); < 0: the manifest's
    std::string language = "en";        // multilingual packages only
    std::string task = "transcribe";    // or "translate"; multilingual packages only
    // A window whose no-speech probability is above this gives no text (finished by
    // "no_speech"), as OpenAI's transcribe() skips it with no_speech_threshold and no
    // logprob_threshold. Unset: every window's text is kept; the probability is reported anyway.
    std::optional<double> noSpeechThreshold;
};

struct StageTimings {
    double featuresMs = 0, encoderMs = 0, decoderMs = 0;
    int decoderSteps = 0; // decoder step calls after the prompt call
    double totalMs = 0;
    // Of totalMs, the time spent inside the model's TorchScript calls (encoder, cross_kv,
    // init_self_kv, step): totalMs / forwardMs is the engine's own overhead factor.
    double forwardMs = 0;
};

struct Transcript {
    std::vector<int64_t> tokens; // every window's sampled tokens, concatenated
    std::string text;
    // Greedy decodes the whole batch at once: timings and memory are then those of the batch
    // this utterance was part of (the same values in each of its transcripts). Beam search
    // runs one utterance at a time: its own figures.
    StageTimings timings;
    // CPU: growth of the resident set over the call, sampled between stages and decoder steps
    // (a peak inside one forward call is not seen). CUDA builds on a CUDA device: torch's
    // max_memory_allocated during the call.
    int64_t peakMemoryBytes = 0;
    bool cancelled = false;
    std::vector<std::string> finishedBy; // per window: "eot", "repetition", "max_length", "cancelled", "no_speech"
    // Per window: the probability of the no-speech token at the start of the transcript
    // (OpenAI's no_speech_prob); empty where the package's decoder gives none.
    std::vector<double> noSpeechProbability;
};

// A loaded package. Not thread-safe: one thread at a time uses an Engine (libtorch's thread
// settings and warning handler are per thread, and each call sets them for its thread).
// Movable; share() gives other threads engines of their own over the same loaded model.
class Engine {
public:
    static Expected<Engine> load(const std::filesystem::path& packageFolder, const EngineOptions& options = {});

    // An engine for another thread over this one's loaded modules and packed weights (no second
    // copy of the model in memory), with the same options; engines shared this way may
    // transcribe at the same time. Memory figures are the process's resident set, so with
    // several at once each one's figure includes the others' work.
    Engine share() const;

    Engine(Engine&&) noexcept;
    Engine& operator=(Engine&&) noexcept;
    ~Engine();

    // One Transcript per input (16 kHz mono samples). Audio longer than 30 s is decoded in
    // consecutive 30-second windows. `cancel`, when set, is read between decoder steps; a
    // cancelled run returns what it has with `cancelled` true.
    Expected<std::vector<Transcript>> transcribe(const std::vector<std::vector<float>>& batch16k,
                                                 const DecodeOptions& options = {},
                                                 const std::atomic<bool>* cancel = nullptr);

    const PackageInfo& package() const;
    std::string device() const;
    std::string dtype() const; // what the modules run in after load

    // Token ids -> text with the package's vocabulary (special tokens skipped).
    std::string decodeText(const std::vector<int64_t>& tokens) const;

private:
    struct Impl;
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace vox::whisper
