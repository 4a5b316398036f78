#include "core/run/run_settings.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace vox::run {

Expected<RunSettings> checked(RunSettings s)
{
    auto outOf = [](const char* name, int64_t value, const char* range) {
        return makeError(std::string("run setting ") + name + " is " + std::to_string(value) + "; it must be "
                         + range);
    };
    if (s.threads < 0 || s.threads > 256)
        return outOf("threads", s.threads, "0 (libtorch's default) to 256");
    if (s.parallel < 0 || s.parallel > 256)
        return outOf("parallel", s.parallel, "0 (automatic) to 256");
    if (s.batch < 1 || s.batch > 256)
        return outOf("batch", s.batch, "1 to 256");
    if (s.beam < 1 || s.beam > 64)
        return outOf("beam", s.beam, "1 (greedy) to 64");
    if (s.beam > 1 && s.batch > 1)
        return makeError("beam search decodes one utterance at a time: use batch 1 with beam " + std::to_string(s.beam));
    if (s.warmup < 0 || s.warmup > 100)
        return outOf("warm-up", s.warmup, "0 to 100");
    if (s.repeats < 1 || s.repeats > 100)
        return outOf("repeats", s.repeats, "1 to 100");
    if (s.limit < 0)
        return outOf("limit", s.limit, "0 (all utterances) or more");
    if (s.shardCount < 1 || s.shardCount > 100000)
        return outOf("shard count", s.shardCount, "1 (no shards) to 100000");
    if (s.shardIndex < 0 || s.shardIndex >= s.shardCount)
        return makeError("run setting shard is " + std::to_string(s.shardIndex) + "/" + std::to_string(s.shardCount)
                         + "; the index must be 0 to " + std::to_string(s.shardCount - 1));
    if (s.chunkSamples < 0)
        return outOf("chunk", s.chunkSamples, "0 (the package's chunk) or a number of samples");
    if (s.dtype != "auto" && s.dtype != "float32" && s.dtype != "float16" && s.dtype != "bfloat16")
        return makeError("run setting dtype is \"" + s.dtype + "\"; it must be auto, float32, float16 or bfloat16");
    if (s.noSpeechThreshold && !(*s.noSpeechThreshold >= 0.0 && *s.noSpeechThreshold <= 1.0))
        return makeError("run setting no-speech threshold is " + std::to_string(*s.noSpeechThreshold)
                         + "; it must be a probability from 0 to 1");
    if (s.device != "cpu" && s.device.rfind("cuda", 0) != 0)
        return makeError("run setting device is \"" + s.device + "\"; it must be cpu or cuda[:N]");
    return s;
}

std::string toJson(const RunSettings& s)
{
    nlohmann::json j{{"device", s.device},       {"dtype", s.dtype},     {"threads", s.threads},
                     {"parallel", s.parallel},   {"batch", s.batch},         {"beam", s.beam},       {"max_tokens", s.maxTokens},
                     {"warmup", s.warmup},       {"repeats", s.repeats}, {"optimize", s.optimize},
                     {"limit", s.limit},         {"language", s.language}, {"task", s.task},
                     {"chunk_samples", s.chunkSamples}};
    if (s.noSpeechThreshold) // absent when unset, so that older cards compare equal
        j["no_speech_threshold"] = *s.noSpeechThreshold;
    if (s.shardCount > 1) // likewise: a whole run has no shard
        j["shard"] = {{"index", s.shardIndex}, {"count", s.shardCount}};
    return j.dump();
}

Expected<RunSettings> runSettingsFromJson(std::string_view text)
{
    const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object())
        return makeError("run settings are not a JSON object");
    RunSettings s;
    try {
        s.device = j.value("device", s.device);
        s.dtype = j.value("dtype", s.dtype);
        s.threads = j.value("threads", s.threads);
        s.parallel = j.value("parallel", s.parallel);
        s.batch = j.value("batch", s.batch);
        s.beam = j.value("beam", s.beam);
        s.maxTokens = j.value("max_tokens", s.maxTokens);
        s.warmup = j.value("warmup", s.warmup);
        s.repeats = j.value("repeats", s.repeats);
        s.optimize = j.value("optimize", s.optimize);
        s.limit = j.value("limit", s.limit);
        s.language = j.value("language", s.language);
        s.task = j.value("task", s.task);
        s.chunkSamples = j.value("chunk_samples", s.chunkSamples);
        if (j.contains("shard") && j["shard"].is_object()) {
            s.shardIndex = j["shard"].value("index", 0);
            s.shardCount = j["shard"].value("count", 1);
        }
        if (j.contains("no_speech_threshold") && !j["no_speech_threshold"].is_null())
            s.noSpeechThreshold = j["no_speech_threshold"].get<double>();
    } catch (const nlohmann::json::exception& e) {
        return makeError(std::string("run settings: a value has the wrong type (") + e.what() + ")");
    }
    return checked(std::move(s));
}

int workersFor(const RunSettings& s, size_t batches)
{
    const bool gpu = s.device.rfind("cuda", 0) == 0;
    int workers = s.parallel > 0 ? s.parallel : gpu ? 1 : s.threads;
    if (s.threads > 0)
        workers = std::min(workers, s.threads);
    workers = std::min<int64_t>(workers, int64_t(batches));
    return std::max(1, workers);
}

int threadsPerWorker(const RunSettings& s, int workers)
{
    if (s.threads <= 0)
        return 0;
    return std::max(1, s.threads / std::max(1, workers));
}

whisper::EngineOptions engineOptions(const RunSettings& settings, int workers)
{
    whisper::EngineOptions options;
    options.device = settings.device;
    options.dtype = settings.dtype;
    options.threads = threadsPerWorker(settings, workers);
    options.optimize = settings.optimize;
    return options;
}

whisper::DecodeOptions decodeOptions(const RunSettings& settings)
{
    whisper::DecodeOptions options;
    options.beamSize = settings.beam;
    options.maxTokens = settings.maxTokens;
    options.language = settings.language;
    options.task = settings.task;
    options.noSpeechThreshold = settings.noSpeechThreshold;
    return options;
}

} // namespace vox::run
