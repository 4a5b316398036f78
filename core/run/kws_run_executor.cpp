// A KWS package over a KWS dataset (core/run/kws_results.h has the layouts of what is stored):
//  - clips: batches of `batch` clips decoded at the package's rate, `warmup` untimed calls of
//    the first batch, `repeats` timed calls per batch (the median kept), one result per clip;
//  - streams: each stream one item, decoded whole, `warmup` untimed streams of its first two
//    seconds, `repeats` timed streams of all of it with the run's chunk (the median kept), the
//    per-chunk keyword scores and the detections at the package's threshold stored.
// Peak memory: how far the process's resident set rose during the timed calls (their working
// memory; run/resident_memory.h), exact through the kernel's high-water mark.
#include "core/run/run_execution.h"

#include "core/dataset/dataset_import.h"
#include "core/kws/metrics.h"
#include "core/run/resident_memory.h"
#include "core/torch/torch_runtime.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace vox::run::detail {

using nlohmann::json;
using store::ResultRecord;
using store::UtteranceRecord;

namespace {

constexpr double kStreamWarmupSeconds = 2.0;

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// The index of the median of `values` (the upper one of an even count).
size_t medianIndex(const std::vector<double>& values)
{
    std::vector<size_t> order(values.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
    return order[order.size() / 2];
}

class KwsExecution {
public:
    KwsExecution(Execution& execution, KwsRunner& runner)
        : m_execution(execution), m_runner(runner), m_package(runner.package())
    {
    }

    void warmUpClips(const std::vector<UtteranceRecord>& items);
    bool runClips(const std::vector<const UtteranceRecord*>& batch);
    bool runStream(const UtteranceRecord& stream);

private:
    ResultRecord clipResult(const UtteranceRecord& clip, const kws::ClipResult& out, const json& timings,
                            int64_t peakBytes) const;

    Execution& m_execution;
    KwsRunner& m_runner;
    const kws::PackageInfo& m_package;
};

void KwsExecution::warmUpClips(const std::vector<UtteranceRecord>& items)
{
    const RunSettings& settings = m_execution.settings();
    if (settings.warmup <= 0)
        return;
    m_execution.stage("warming up");
    std::vector<std::vector<float>> first;
    for (size_t i = 0; i < items.size() && first.size() < size_t(std::max(1, settings.batch)); ++i)
        if (auto decoded = Execution::decode(items[i], m_package.sampleRate))
            first.push_back(std::move(decoded->samples));
    if (first.empty())
        return; // their own batches report the errors
    for (int i = 0; i < settings.warmup && !m_execution.control().cancel; ++i)
        (void)m_runner.classify(first);
}

ResultRecord KwsExecution::clipResult(const UtteranceRecord& clip, const kws::ClipResult& out, const json& timings,
                                      int64_t peakBytes) const
{
    ResultRecord r;
    r.runId = m_execution.runId();
    r.utteranceId = clip.id;
    const std::string predicted =
        out.predicted >= 0 && size_t(out.predicted) < m_package.labels.size() ? m_package.labels[size_t(out.predicted)] : "";
    r.hypothesis = predicted;
    const double keyword = size_t(m_package.keywordIndex) < out.probabilities.size()
                               ? double(out.probabilities[size_t(m_package.keywordIndex)])
                               : 0.0;
    r.outputJson = json{{"probabilities", out.probabilities}, {"keyword_probability", keyword}, {"predicted", predicted}}.dump();
    r.timingsJson = timings.dump();
    r.peakMemoryBytes = peakBytes;
    return r;
}

bool KwsExecution::runClips(const std::vector<const UtteranceRecord*>& batch)
{
    BatchWork work;
    std::vector<ResultRecord> results;
    const auto [clips, audio, seconds] = m_execution.decodeBatch(batch, m_package.sampleRate, results);
    if (!audio.empty()) {
        std::vector<std::vector<kws::ClipResult>> repeats;
        std::vector<double> times;
        std::string failure;
        ResidentPeak memory;
        memory.start();
        for (int i = 0; i < m_execution.settings().repeats; ++i) {
            const auto started = std::chrono::steady_clock::now();
            auto out = m_runner.classify(audio);
            const double ms = millisecondsSince(started);
            if (!out) {
                failure = out.error().describe();
                break;
            }
            if (out->size() != audio.size()) {
                failure = "the model gave " + std::to_string(out->size()) + " results for " + std::to_string(audio.size())
                          + " clips";
                break;
            }
            times.push_back(ms);
            repeats.push_back(std::move(*out));
        }
        const int64_t peakBytes = memory.stop();
        const size_t median = times.empty() ? 0 : medianIndex(times);
        if (failure.empty())
            work.computeSeconds = times[median] / 1000.0;
        for (size_t i = 0; i < clips.size(); ++i) {
            work.audioSeconds += seconds[i];
            if (!failure.empty()) {
                results.push_back(m_execution.failed(*clips[i], "the model failed on this batch: " + failure));
                continue;
            }
            const json timings{{"per_utterance_ms", times[median] / double(clips.size())},
                               {"batch_ms", times[median]},
                               {"batch", clips.size()},
                               {"repeats_ms", times},
                               {"audio_s", seconds[i]}};
            results.push_back(clipResult(*clips[i], repeats[median][i], timings, peakBytes));
        }
    }
    return m_execution.commit(results, work);
}

bool KwsExecution::runStream(const UtteranceRecord& stream)
{
    const RunSettings& settings = m_execution.settings();
    auto decoded = Execution::decode(stream, m_package.sampleRate);
    if (!decoded)
        return m_execution.commit({m_execution.failed(stream, "cannot decode the audio: " + decoded.error().describe())});
    const std::vector<float>& samples = decoded->samples;
    const double seconds = double(samples.size()) / decoded->sampleRate;

    if (settings.warmup > 0) {
        m_execution.stage("warming up");
        const size_t headSize = std::min(samples.size(), size_t(kStreamWarmupSeconds * m_package.sampleRate));
        const std::vector<float> head(samples.begin(), samples.begin() + std::ptrdiff_t(headSize));
        for (int i = 0; i < settings.warmup && !m_execution.control().cancel; ++i)
            (void)m_runner.stream(head, settings.chunkSamples);
    }
    m_execution.stage("running");
    if (m_execution.control().cancel)
        return false; // stays pending

    std::vector<kws::StreamResult> repeats;
    std::vector<double> times;
    ResidentPeak memory;
    memory.start();
    for (int i = 0; i < settings.repeats; ++i) {
        const auto started = std::chrono::steady_clock::now();
        auto out = m_runner.stream(samples, settings.chunkSamples);
        const double ms = millisecondsSince(started);
        if (!out)
            return m_execution.commit({m_execution.failed(stream, "the model failed on this stream: " + out.error().describe())});
        times.push_back(ms);
        repeats.push_back(std::move(*out));
    }
    const int64_t peakBytes = memory.stop();
    const size_t median = medianIndex(times);
    const kws::StreamResult& result = repeats[median];

    json detections = json::array();
    for (const auto& d : kws::detectKeyword(result.keywordScores, result.chunkSeconds(), m_package.detection))
        detections.push_back({d.seconds, d.peak});
    const size_t chunks = result.keywordScores.size();
    ResultRecord r;
    r.runId = m_execution.runId();
    r.utteranceId = stream.id;
    r.outputJson = json{{"chunk_samples", result.chunkSamples}, {"sample_rate", result.sampleRate},
                        {"scores", result.keywordScores}, {"detections", std::move(detections)},
                        {"threshold", m_package.detection.threshold}}
                       .dump();
    r.timingsJson = json{{"total_ms", times[median]},
                         {"per_chunk_ms", chunks > 0 ? times[median] / double(chunks) : 0.0},
                         {"chunks", chunks},
                         {"repeats_ms", times},
                         {"audio_s", seconds}}
                        .dump();
    r.peakMemoryBytes = peakBytes;
    return m_execution.commit({r}, {times[median] / 1000.0, seconds});
}

} // namespace

RunOutcome executeKwsRun(Execution& execution)
{
    const RunSettings& settings = execution.settings();
    const bool streams = dataset::kwsDataKind(execution.dataset().format) == dataset::KwsData::Stream;
    std::optional<RunOutcome> stopped;
    auto items = execution.begin(stopped);
    if (stopped)
        return *stopped;
    // The classifier runs on the CPU, in the package's own types: a setting it cannot honour
    // fails the run rather than being ignored in the figures.
    if (settings.device != "cpu")
        return execution.stop(RunStatus::Failed, "KWS packages run on the CPU; the run's device is " + settings.device
                                                     + " (choose cpu)");
    if (settings.dtype != "auto")
        return execution.stop(RunStatus::Failed, "KWS packages run in their own types (fp32 or int8); the run's dtype is "
                                                     + settings.dtype + " (choose auto)");

    execution.stage("loading");
    auto runtime = loadTorchRuntime();
    if (!runtime)
        return execution.stop(RunStatus::Failed, runtime.error().describe());
    kws::ClassifierOptions options;
    options.threads = settings.threads;
    auto runner = (*runtime)->openKws(execution.variant().packagePath, options);
    if (!runner)
        return execution.stop(RunStatus::Failed, "cannot load " + execution.variant().name + ": " + runner.error().describe());
    const kws::PackageInfo& package = (*runner)->package();
    if (settings.chunkSamples > 0 && (package.hopSamples <= 0 || settings.chunkSamples % package.hopSamples != 0))
        return execution.stop(RunStatus::Failed,
                              "the run's chunk of " + std::to_string(settings.chunkSamples) + " samples is not a multiple of "
                                  + execution.variant().name + "'s hop of " + std::to_string(package.hopSamples)
                                  + " samples (choose a multiple, or 0 for the package's chunk of "
                                  + std::to_string(package.chunkSamples) + ")");
    // Activations run in float32 whatever the package: an int8 package's dynamic quantization is
    // the variant's own (its kind in the card), not a setting two runs could differ in.
    const ThreadPools pools = (*runtime)->setIntraOpThreads(settings.threads); // as each classify call sets them
    if (auto saved = execution.recordSession(**runtime, "cpu", "float32", 1, pools.describe()); !saved)
        return execution.stop(RunStatus::Failed, "cannot record the run's session: " + saved.error().describe());

    KwsExecution kws(execution, **runner);
    if (streams) // each stream warms up on its own first seconds
        return execution.runBatches(*items, 1, [&](const auto& batch) { return kws.runStream(*batch.front()); });
    kws.warmUpClips(*items);
    execution.stage("running");
    return execution.runBatches(*items, size_t(std::max(1, settings.batch)),
                                [&](const auto& batch) { return kws.runClips(batch); });
}

} // namespace vox::run::detail
