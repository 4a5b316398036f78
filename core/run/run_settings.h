#pragma once
#include "core/util/expected.h"
#include "core/whisper/engine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// What a run is measured with. Copied into the run's card when the run is created and read
// from the card by the worker that executes it, never from live settings: a run's figures
// always carry the settings they were measured with.
namespace vox::run {

struct RunSettings {
    std::string device = "cpu"; // "cpu", "cuda:0", ... (what libtorch reports)
    std::string dtype = "auto"; // "auto" (the package's), "float32", "float16", "bfloat16"
    int threads = 1;            // CPU threads the run uses, over all its workers (0: libtorch's default)
    // Batches decoded at once, each by its own worker over the one loaded model; 0: automatic
    // (workersFor). A worker's share of `threads` goes to its intra-op work.
    int parallel = 0;
    int batch = 1;              // utterances decoded together (greedy only)
    int beam = 1;               // 1: greedy
    int maxTokens = -1;         // per 30-second window; -1: the package's default
    int warmup = 1;             // untimed decodes of the first utterance before timing starts
    int repeats = 1;            // timed decodes per batch; the median is the utterance's time
    bool optimize = false;      // freeze and optimize at load (CPU, float32)
    int64_t limit = 0;          // the dataset's first N utterances (by id); 0: all
    // Shard `shardIndex` of `shardCount` (0-based): of the covered utterances in id order, every
    // shardCount-th from the shardIndex-th (runUtterances). One shard (1) is the whole run.
    int shardIndex = 0;
    int shardCount = 1;
    int chunkSamples = 0;       // KWS streams: samples per stream step; 0: the package's chunk
                                // (a multiple of the package's hop, checked when the run starts)
    std::string language = "en";
    std::string task = "transcribe";
    // Whisper: a window whose no-speech probability is above this gives no text (OpenAI's
    // no_speech_threshold, without its logprob_threshold); unset: text is always kept. The
    // probability is stored with every result either way.
    std::optional<double> noSpeechThreshold;
};

// Values outside what the engine accepts are errors that name the setting.
Expected<RunSettings> checked(RunSettings settings);

// The workers a Whisper run over `batches` batches uses: `parallel`, or for 0 one per thread on
// the CPU (a batch-1 decoder step is too small for intra-op threads to pay: measured on the demo
// model, 2 utterances at once on 2 cores 1.8x the throughput of 1, 2 intra-op threads 1.15x)
// and one on a GPU; never more than `threads` or `batches`, at least 1.
int workersFor(const RunSettings& settings, size_t batches);
// The threads each of `workers` workers gets: threads / workers, at least 1 (0 stays 0: libtorch's default).
int threadsPerWorker(const RunSettings& settings, int workers);

// What the engine is loaded with (for one of `workers` workers: its share of the threads), and
// what each call decodes with, under these settings.
whisper::EngineOptions engineOptions(const RunSettings& settings, int workers = 1);
whisper::DecodeOptions decodeOptions(const RunSettings& settings);

std::string toJson(const RunSettings& settings);              // one JSON object
Expected<RunSettings> runSettingsFromJson(std::string_view json); // missing keys: defaults

} // namespace vox::run
